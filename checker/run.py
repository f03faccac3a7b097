"""A lint run handed on: what ``Linter.run`` found, plus what the steps
after it need, so that none of them reads, decodes or discovers a file
again.

- the baseline (checker/baseline.py) fingerprints a finding by the text
  it flags and its context on its line: the run keeps those excerpts of the
  file as written (:attr:`Run.excerpts`), cut while the document was in
  memory - a few dozen characters per finding, also for files linted in
  worker processes, on Dask or in pieces;
- the fixer (checker/fixer.py) and the HTML report (checker/report.py)
  need whole documents: a run asked to keep them (``keep_documents``)
  holds each document as the rules saw it, with the views the rules
  computed on it (glossary matches, parsed quantities: :class:`Kept`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from .model import LintResult

if TYPE_CHECKING:
    from .context import CheckContext
    from .document import Document

#: (line, column, end_line, end_column) of a span, as in a Finding.
Span = tuple[int, int, int, int]
#: (flagged text, up to 24 characters before it on its line, after it).
Excerpt = tuple[str, str, str]


class Mapped(NamedTuple):
    """One file's share of a run, handed from the per-document phase (this
    process, a worker, a Dask task, the result cache) to the reduce: small
    and picklable. A file linted in pieces hands on one for the whole
    file."""

    path: str
    #: (corpus rule name, its summary of the document), in rule order; one
    #: per piece for a file linted in pieces.
    summaries: tuple[tuple[str, Any], ...] = ()
    #: The file's inline ``mtlint:`` directives (checker/suppressions.py).
    directives: tuple = ()
    #: For the baseline's fingerprints (checker/baseline.py), when the run
    #: keeps them: the file as written, or for a file linted in pieces the
    #: excerpts of its findings and directives (span -> excerpt).
    source: str | None = None
    excerpts: "dict[Span, Excerpt] | None" = None


@dataclass
class Kept:
    """A document of the run as the rules saw it, and its shared views."""

    doc: "Document"
    ctx: "CheckContext"


@dataclass
class Run(LintResult):
    """A :class:`LintResult` (findings, input problems, files linted: all a
    formatter reads) and what later steps reuse."""

    #: path -> span -> excerpt of the file as written, for every finding and
    #: inline directive (the baseline's fingerprints).
    excerpts: dict[str, dict[Span, Excerpt]] = field(default_factory=dict, repr=False)
    #: path -> the document and its views, when the run kept them (report, fix).
    documents: dict[str, Kept] = field(default_factory=dict, repr=False)
