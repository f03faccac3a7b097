"""mtlint as a library: lint texts or files from Python, or run its two
phases inside your own Dask or Spark pipeline.

>>> from checker.api import make_linter, lint_texts
>>> findings = lint_texts({"a.txt": "Thủ tướng Phạm Minh Chinh phát biểu."})
>>> [(f.line, f.column, f.rule, f.suggestion) for f in findings]
[(1, 11, 'term-diacritics', 'Phạm Minh Chính')]

In a pipeline of your own, map each document with
:meth:`Linter.map_text` (returns the findings and a small, picklable
:class:`checker.run.Mapped`: the summaries of the cross-document rules)
and reduce them all with :meth:`Linter.reduce`, which runs the
cross-document rules and returns every finding, one per problem::

    linter = make_linter()
    mapped = bag.map(lambda doc: linter.map_text(doc.path, doc.text))   # e.g. a dask.bag
    findings = linter.reduce(mapped.compute())

The result is the same as ``mtlint lint`` over the same files.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from . import rules
from .config import Config, ConfigError
from .glossary import read_glossary
from .linter import Linter
from .model import Finding, LintResult
from .run import Run

__all__ = ["ConfigError", "Finding", "Linter", "LintResult", "Run", "lint_paths", "lint_texts", "make_linter"]


def make_linter(glossaries: Iterable[str] = (), default_glossary: bool = True, select: Iterable[str] = (),
                ignore: Iterable[str] = (), rule_options: Iterable[str] = (), jobs: int | None = None) -> Linter:
    """A linter with the shipped glossaries (unless ``default_glossary`` is
    False) plus ``glossaries``, the rules chosen by ``select``/``ignore``
    (names or prefixes) and ``rule_options`` (``"term-order.style=consistent"``).
    Raises ConfigError for a bad option or glossary."""
    config = Config(select=tuple(select), ignore=tuple(ignore), glossaries=tuple(glossaries),
                    default_glossary=default_glossary, jobs=jobs).with_rule_options(rules, *rule_options)
    glossary, problems = read_glossary(config.glossary_paths())
    if problems:
        raise ConfigError("\n".join(str(p) for p in problems))
    return Linter(glossary, config)


def lint_texts(texts: Mapping[str, str], linter: Linter | None = None, **options) -> list[Finding]:
    """Lint in-memory texts as one run; keys are the names used in findings
    (their suffix picks the format: ``.md`` is parsed as Markdown)."""
    linter = linter or make_linter(**options)
    return linter.reduce(linter.map_text(name, text) for name, text in texts.items())


def lint_paths(paths: Iterable[str], linter: Linter | None = None, **options) -> Run:
    """Lint files and folders as ``mtlint lint`` does (unreadable files are
    ``result.problems``)."""
    linter = linter or make_linter(**options)
    return linter.lint_paths(list(paths))
