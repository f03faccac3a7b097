"""The values a formatter sees: severities, findings and the result of a run."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that ``finding.severity >= threshold`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None


#: The categories of the JSON contract (README, "JSON output").
CATEGORIES = (
    "name-variant",
    "diacritics",
    "name-order",
    "casing",
    "literal-mistranslation",
    "untranslated",
    "number-format",
    "implausible-figure",
    "count-mismatch",
    "figure-conflict",
    "orthography",
    "term-inconsistent",
)


@dataclass(frozen=True, order=True)
class Fix:
    """The edit a finding proposes: ``replacement`` for the finding's span.
    ``safe`` fixes are the one right text (a glossary form, a normalised
    character) and ``mtlint fix`` applies them; ``unsafe`` ones (a guess,
    an ambiguous number) are only shown as suggestions."""

    replacement: str
    applicability: str  # "safe" or "unsafe"

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one span of one file.

    Lines and columns are 1-based code points of the file as written;
    ``end_column`` is exclusive. ``suggestion`` is replacement text for the
    span (or None), kept out of ``message`` so fixers and reports can use it.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: Severity
    message: str
    suggestion: str | None = None
    #: The edit the rule proposes (``Fix(suggestion, ...)``), made by
    #: :meth:`checker.rules.base.Rule.finding`: the fixer reads it and needs
    #: no table of rules. Not part of the JSON contract (``suggestion`` is).
    fix: Fix | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["fix"]
        data["severity"] = str(self.severity)
        return data


@dataclass(frozen=True)
class InputProblem:
    """A file that could not be linted (missing, binary, not UTF-8, …)."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class LintResult:
    """Everything a run produced; formatters read only this."""

    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    def count_at_least(self, threshold: Severity) -> int:
        return sum(1 for f in self.findings if f.severity >= threshold)
