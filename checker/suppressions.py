"""Inline suppression directives and per-file ignores.

A directive is an HTML comment, valid in .txt, .md, .html and XLIFF files
(in .txt and .md files it is blanked out of the linted text, so rules never
see it), or in PO files also a ``#`` comment line::

    <!-- mtlint: disable=term-order -->        from here on (rule names or prefixes,
    <!-- mtlint: enable=term-order -->          comma-separated) ... until here
    <!-- mtlint: disable-next-line=term -->    the next line only
    <!-- mtlint: disable-line -->              the line of the directive
    <!-- mtlint: disable-file=term-fuzzy -->   the whole file
    # mtlint: disable=figure                   (PO files)

Without ``=RULES`` a directive applies to every rule. An ``enable`` ends a
``disable`` when either has no rule list or they name a rule in common.
Lines and columns are those of the file as written (the HTML source), like
the findings they silence. A directive naming an unknown rule is reported
as ``invalid-suppression``; with ``--warn-unused-suppressions`` a directive
that silenced nothing is reported as ``unused-suppression``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Callable

from .document import Document, line_starts
from .model import Finding, Severity
from .patterns import regex

ACTIONS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")
#: Directives that set a file's layout (checker/structure.py), not rules.
LAYOUT_ACTIONS = ("bilingual", "monolingual")
UNUSED_RULE = "unused-suppression"
INVALID_RULE = "invalid-suppression"
CATEGORY = "suppression"

_COMMENT = regex(
    r"<!--\s*mtlint:\s*(?P<action>[A-Za-z][\w-]*)(?:\s*=\s*(?P<rules>[^\s>][^>]*?))?\s*-->", re.S)
_HASH_LINE = regex(
    r"^[ \t]*#[ \t]*mtlint:[ \t]*(?P<action>[A-Za-z][\w-]*)(?:[ \t]*=[ \t]*(?P<rules>[^\n]*?))?[ \t]*$", re.M)


@dataclass(eq=False)
class Directive:
    """An inline directive (``mtlint: disable=…``, ``enable``, ``disable-next-line``…): where it
    stands, what it does and the rules it names."""

    line: int
    column: int
    end_line: int
    end_column: int
    action: str
    selectors: tuple[str, ...]
    text: str
    used: bool = field(default=False, compare=False)

    def __reduce__(self):  # crosses process boundaries without its usage state
        return (Directive, (self.line, self.column, self.end_line, self.end_column,
                            self.action, self.selectors, self.text))


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def _scan(raw: str, path: str) -> tuple[list[Directive], list[tuple[int, int]]]:
    if "mtlint:" not in raw:
        return [], []
    starts = line_starts(raw)
    found = []
    patterns = [_COMMENT]
    if path.lower().endswith((".po", ".pot")):
        patterns.append(_HASH_LINE)
    for pattern in patterns:
        for match in pattern.finditer(raw):
            rules = match.group("rules") or ""
            selectors = tuple(part.strip() for part in rules.split(",") if part.strip())
            line, column = _position(starts, match.start())
            end_line, end_column = _position(starts, match.end())
            found.append((match.start(), match.end(), Directive(
                line, column, end_line, end_column, match.group("action").lower(), selectors,
                " ".join(match.group(0).split()))))
    found.sort(key=lambda item: item[0])
    return [d for _, _, d in found], [(s, e) for s, e, _ in found]


def parse_directives(raw: str, path: str = "") -> tuple[Directive, ...]:
    return tuple(_scan(raw, path)[0])


def with_directives(doc: Document) -> Document:
    """``doc`` with its directives read, and blanked out of ``text`` where
    text and file share offsets (plain text, Markdown, DOCX paragraphs)."""
    raw = doc.raw if doc.raw is not None else doc.text
    directives, spans = _scan(raw, doc.path)
    text = doc.text
    if spans and len(text) == len(raw):
        chars = list(text)
        for start, end in spans:
            for i in range(start, end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        text = "".join(chars)
    return replace(doc, text=text, raw=raw, directives=tuple(directives))


# --------------------------------------------------------------------------
# applying directives and per-file ignores to a run's findings

#: ``matches(rule_name, selector)`` of the rule registry (checker.rules:
#: matches_selector); passed in, as this module sits below the rules.
Matcher = Callable[[str, str], bool]


def _matches(matches: Matcher, rule: str, selectors: tuple[str, ...]) -> bool:
    return not selectors or any(matches(rule, s) for s in selectors)


class _FileDirectives:
    def __init__(self, directives, matches: Matcher):
        self.matches = matches
        self.file, self.lines, self.next_lines, self.ranges, self.enables = [], [], [], [], []
        opened = []
        for d in directives:
            if d.action == "disable-file":
                self.file.append(d)
            elif d.action == "disable-line":
                self.lines.append(d)
            elif d.action == "disable-next-line":
                self.next_lines.append(d)
            elif d.action == "disable":
                opened.append(d)
            elif d.action == "enable":
                closed = False
                for other in list(opened):
                    if not d.selectors or not other.selectors or set(d.selectors) & set(other.selectors):
                        self.ranges.append((other, (d.line, d.column)))
                        opened.remove(other)
                        closed = True
                d.used = closed
                self.enables.append(d)
        self.ranges.extend((d, None) for d in opened)

        self._index()

    def _index(self) -> None:
        """Look-up tables, so that silencing a finding costs a few dict and
        bisect look-ups however many directives a file holds (a file with
        thousands of directives and findings was quadratic)."""
        self._bisect = bisect.bisect_right
        self._file = _first_per_selectors(self.file)
        self._by_line: dict[int, list[Directive]] = {}
        for d in self.lines:
            self._by_line.setdefault(d.line, []).append(d)
        for d in self.next_lines:
            self._by_line.setdefault(d.end_line + 1, []).append(d)
        # per selector list: ranges sorted by start, with the running
        # furthest end (None: to the end of the file) and the range reaching it
        groups: dict[tuple[str, ...], list] = {}
        for d, until in self.ranges:
            groups.setdefault(d.selectors, []).append(((d.end_line, d.end_column), until, d))
        self._ranges = []
        for selectors, items in groups.items():
            items.sort(key=lambda item: item[0])
            starts, reach, best = [], [], []
            furthest, holder = (0, 0), None
            for start, until, d in items:
                if holder is None or furthest is not None and (until is None or until > furthest):
                    furthest, holder = until, d
                starts.append(start)
                reach.append(furthest)
                best.append(holder)
            self._ranges.append((selectors, starts, reach, best))

    def suppressing(self, finding: Finding):
        """The directive that silences ``finding``, or None."""
        rule, position = finding.rule, (finding.line, finding.column)
        matches = self.matches
        for d in self._file:
            if _matches(matches, rule, d.selectors):
                return d
        for d in self._by_line.get(finding.line, ()):
            if _matches(matches, rule, d.selectors):
                return d
        for selectors, starts, reach, best in self._ranges:
            if not _matches(matches, rule, selectors):
                continue
            i = self._bisect(starts, position) - 1
            if i >= 0 and (reach[i] is None or position < reach[i]):
                return best[i]
        return None


def _first_per_selectors(directives) -> list[Directive]:
    seen, kept = set(), []
    for d in directives:
        if d.selectors not in seen:
            seen.add(d.selectors)
            kept.append(d)
    return kept


def _report(path: str, d: Directive, rule: str, message: str) -> Finding:
    return Finding(path=path, line=d.line, column=d.column, end_line=d.end_line, end_column=d.end_column,
                   rule=rule, category=CATEGORY, severity=Severity.WARNING, message=message)


def apply_suppressions(findings: list[Finding], directives: dict[str, tuple], config,
                       active_rules: set[str], rules) -> list[Finding]:
    """Findings left after per-file ignores and inline directives, plus a
    finding for each directive naming an unknown rule and, when the config
    asks (``warn_unused_suppressions``), for each directive that silenced
    nothing although every rule it names ran. ``rules``: the rule registry
    (checker.rules: ALL_RULES, matches_selector)."""
    matches_selector = rules.matches_selector

    kept: list[Finding] = []
    ignores: dict[str, tuple[str, ...]] = {}
    per_file: dict[str, _FileDirectives] = {}
    for path, marks in directives.items():
        for d in marks:
            d.used = False
        per_file[path] = _FileDirectives(marks, matches_selector)
    for finding in findings:
        if config.per_file_ignores:
            if finding.path not in ignores:
                ignores[finding.path] = config.ignored_for(finding.path)
            if ignores[finding.path] and _matches(matches_selector, finding.rule, ignores[finding.path]):
                continue
        if finding.path in per_file:
            directive = per_file[finding.path].suppressing(finding)
            if directive is not None:
                directive.used = True
                continue
        kept.append(finding)

    extra: list[Finding] = []
    for path, marks in directives.items():
        for d in marks:
            if d.action in LAYOUT_ACTIONS:
                continue
            if d.action not in ACTIONS:
                extra.append(_report(path, d, INVALID_RULE,
                                     f"unknown mtlint directive '{d.action}' (use {', '.join(ACTIONS)})"))
                continue
            unknown = [s for s in d.selectors if not any(matches_selector(r.name, s) for r in rules.ALL_RULES)
                       and s not in (UNUSED_RULE, INVALID_RULE)]
            if unknown:
                extra.append(_report(path, d, INVALID_RULE,
                                     f"unknown rule or prefix {', '.join(map(repr, unknown))} in '{d.text}'"))
            if not config.warn_unused_suppressions or d.used:
                continue
            known = [s for s in d.selectors if s not in unknown]
            if d.selectors and not known:
                continue
            # a rule that did not run in this selection could have been silenced
            if any(not any(matches_selector(name, s) for name in active_rules) for s in known):
                continue
            what = "matching 'disable'" if d.action == "enable" else "finding"
            extra.append(_report(path, d, UNUSED_RULE, f"unused suppression '{d.text}': no {what} to silence"))
    if extra:
        kept.extend(extra)
        kept.sort(key=lambda f: (f.path, f.line, f.column))
    return kept
