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
from typing import TYPE_CHECKING

from .model import LintResult

if TYPE_CHECKING:
    from .context import CheckContext
    from .document import Document

#: Names under which a document's text for the baseline travels with the
#: summaries of the per-document phase (checker/baseline.py: source_summary).
SOURCE = "mtlint:source"
EXCERPTS = "mtlint:excerpts"

#: (line, column, end_line, end_column) of a span, as in a Finding.
Span = tuple[int, int, int, int]
#: (flagged text, up to 24 characters before it on its line, after it).
Excerpt = tuple[str, str, str]


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
