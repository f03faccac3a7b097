"""The rule interface shared by every rule family."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from ..model import Finding, Fix, Severity

if TYPE_CHECKING:
    from ..context import CheckContext, CorpusContext
    from ..document import Document


@dataclass(frozen=True)
class Option:
    """A rule option: set with ``--rule-option RULE.NAME=VALUE`` (or config)."""

    name: str
    default: Any
    help: str
    choices: tuple[str, ...] | None = None
    type: type = str

    def parse(self, raw: Any) -> Any:
        if isinstance(raw, str) and self.type is not str:
            try:
                raw = self.type(raw)
            except ValueError:
                raise ValueError(f"expected a {self.type.__name__}, got {raw!r}") from None
        if self.choices is not None and raw not in self.choices:
            raise ValueError(f"{raw!r} is not one of {', '.join(self.choices)}")
        return raw


class Rule:
    """What every rule declares: its name, category, severity, options and
    documentation, and how it makes a finding. A rule is a
    :class:`DocumentRule` or a :class:`CorpusRule`.

    The subclass docstring is the rule's documentation, with ruff's headings
    (What it does / Why is this bad? / Example / Use instead); ``mtlint
    rules``, SARIF and the HTML report all read it from here.
    """

    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    #: "document" (:class:`DocumentRule`) or "corpus" (:class:`CorpusRule`).
    scope: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    #: True when ``mtlint fix`` may apply this rule's suggestions unattended:
    #: the suggestion is the one right text (a glossary form, a normalised
    #: character), never a guess. Narrow it per finding with :meth:`certain_fix`.
    fixable: ClassVar[bool] = False
    #: The kind of problem for "one finding per problem": of overlapping
    #: findings of one kind only one is kept (checker.linter). Defaults to
    #: the category; a rule reporting a different problem in the same
    #: category names its own.
    problem: ClassVar[str | None] = None

    @classmethod
    def certain_fix(cls, finding: Finding) -> bool:
        """Whether ``finding.suggestion`` may be applied without a human."""
        return cls.fixable and finding.suggestion is not None

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        # The first sentence under "What it does".
        paragraph = []
        for line in cls.documentation().splitlines():
            if line.startswith("#") or not line.strip():
                if paragraph:
                    break
                continue
            paragraph.append(line.strip())
        text = " ".join(paragraph)
        return text.split(". ")[0].rstrip(".") + "." if text else cls.name

    def finding(self, doc: "Document", start: int, end: int, message: str,
                suggestion: str | None = None, severity: Severity | None = None,
                category: str | None = None) -> Finding:
        line, column = doc.line_col(start)
        end_line, end_column = doc.line_col(end, end=True)
        finding = Finding(
            path=doc.path, line=line, column=column, end_line=end_line, end_column=end_column,
            rule=self.name, category=category or self.category, severity=severity or self.severity,
            message=message, suggestion=suggestion,
        )
        if suggestion is None:
            return finding
        return replace(finding, fix=Fix(suggestion, "safe" if self.certain_fix(finding) else "unsafe"))


class DocumentRule(Rule):
    """A rule that reads one document and yields its findings: the map
    phase only, run wherever the document is linted (a worker process, a
    Dask task)."""

    scope: ClassVar[str] = "document"

    def check(self, doc: "Document", ctx: "CheckContext") -> Iterable[Finding]:
        raise NotImplementedError


class CorpusRule(Rule):
    """A rule that compares the documents of one run: :meth:`collect` maps
    each document to a small picklable summary (in a worker process or a
    Dask task, with the document's views at hand), and
    :meth:`check_corpus` reduces the summaries of the whole run, in order,
    to findings (in the parent)."""

    scope: ClassVar[str] = "corpus"

    def collect(self, doc: "Document", ctx: "CheckContext") -> Any:
        raise NotImplementedError

    def check_corpus(self, collected: list[tuple[str, Any]], ctx: "CorpusContext") -> Iterable[Finding]:
        raise NotImplementedError


_KIND_NAMES = {"org": "organisation", "body": "state body"}


def describe_entry(entry) -> str:
    """How a message names a glossary entry: "the organisation Báo Chính phủ"."""
    return f"the {_KIND_NAMES.get(entry.kind, entry.kind)} {entry.canonical}"
