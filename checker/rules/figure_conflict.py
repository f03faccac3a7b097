"""The ``figure-conflict`` rule: one figure stated two ways in one document."""

from __future__ import annotations

import bisect
from decimal import Decimal

from ..model import Finding, Severity
from ..patterns import regex
from .base import CorpusRule, Option
from .figure_common import bound_applies, quantity_parser, unit_key

_SENTENCE = regex(r"[.!?…](?=\s)|\n")
_STOP_NOUNS = frozenset(
    "va cua o tai trong da duoc la co cho voi tu den nay do khac moi nua thi ma nhung bi se dang vao ra len "
    "xuong tren duoi hon gan khoang nhu cung deu con vua nam thang ngay nguoi lan".split()
)


#: (the ids of a glossary's bounds, the bounds, what _named_bounds built
#: from them): the bounds are the same for every document of a run. Holding
#: the bounds keeps their ids theirs.
_NAMED: list = [None]


def _named_bounds(bounds) -> tuple[list, frozenset]:
    """The bounds of named subjects (with keywords, a unit and a typical
    value: not the generic share or money ceilings), and their units in
    lower case."""
    key = tuple(map(id, bounds))
    cached = _NAMED[0]
    if cached is not None and cached[0] == key:
        return cached[2]
    named = [b for b in bounds if b.keywords and b.unit and b.typical is not None]
    result = (named, frozenset(b.unit.lower() for b in named))
    _NAMED[0] = (key, list(bounds), result)
    return result


def _tolerance(a, b) -> Decimal:
    return Decimal("0.10") if a["approx"] or b["approx"] else Decimal("0.02")


def _compatible(a, b) -> bool:
    lo_a, hi_a = a["value"], a["high"] if a["high"] is not None else a["value"]
    lo_b, hi_b = b["value"], b["high"] if b["high"] is not None else b["value"]
    if lo_a <= hi_b and lo_b <= hi_a:
        return True
    big = max(abs(hi_a), abs(hi_b), Decimal(1))
    gap = min(abs(lo_a - hi_b), abs(lo_b - hi_a))
    return gap <= big * _tolerance(a, b)


class FigureConflict(CorpusRule):
    """
    ## What it does
    Flags one figure stated with different values: in one document, or
    across the documents linted together. A figure is identified by a named
    subject of the glossary's `figures:` section (GDP, dân số, kim ngạch
    thương mại with Nhật Bản, …), its unit and the year named in its
    sentence; with option `counts` also by a counted noun of two words
    (`19 chính quyền địa phương` / `18 chính quyền địa phương`) within one
    document. The message cites the other statement.

    ## Why is this bad?
    A translation that says the trade was 51,4 tỷ USD in one paragraph and
    51,4 triệu USD in another, or one report that contradicts another,
    leaves the reader unable to tell which is right. News legitimately
    gives different values for different years, places and periods, so
    values are compared only for the same subject, unit and year, and
    across documents only when the year is named; rounding (`hơn 340 tỷ` /
    `340,6 tỷ`) and approximations (`khoảng`, ±10 %) are not conflicts.

    ## Example
    ```
    Năm 2025, kim ngạch thương mại Việt Nam - Nhật Bản đạt 51,43 tỷ USD.
    …
    Năm 2025, kim ngạch thương mại với Nhật Bản đạt 46,2 tỷ USD.
    ```

    ## Use instead
    ```
    Năm 2025, kim ngạch thương mại Việt Nam - Nhật Bản đạt 51,43 tỷ USD.
    …
    Năm 2025, kim ngạch thương mại với Nhật Bản đạt 51,43 tỷ USD.
    ```
    """

    name = "figure-conflict"
    category = "figure-conflict"
    severity = Severity.WARNING
    options = (
        Option("counts", "false", "also compare counts of the same two-word noun within a document",
               choices=("true", "false")),
    )

    def collect(self, doc, ctx):
        figures = quantity_parser()
        quantities = ctx.quantities
        counts = ctx.option(self.name, "counts") == "true"
        named, units = _named_bounds(ctx.glossary.figures)
        keyed = []
        for q in quantities:
            if q.kind != "number" or q.value is None or q.per:
                continue
            keys = []
            unit = unit_key(q)
            if unit in units:
                for bound in named:
                    if bound.unit.lower() == unit and bound_applies(bound, q, ctx):
                        keys.append(("subject", bound.subject, unit))
                        break
            if counts and not keys and q.unit is None and q.high is None and q.value >= 2:
                words = [figures.fold_phrase(w) for w in q.noun.split()[:2]]
                if len(words) == 2 and not any(w in _STOP_NOUNS for w in words) and q.noun.islower():
                    keys.append(("count", " ".join(words), " ".join(q.noun.split()[:2])))
            if keys:
                keyed.append((q, keys))
        if not keyed:
            return []
        sentences = [0] + [m.end() for m in _SENTENCE.finditer(doc.text)]
        years = [(q.start, int(q.value) if q.kind == "year" else q.date[2]) for q in quantities
                 if (q.kind == "year" and q.high is None) or (q.kind == "date" and q.date and q.date[2])]
        year_starts = [s for s, _ in years]
        records = []
        for q, keys in keyed:
            i = bisect.bisect_right(sentences, q.start) - 1
            s_start = sentences[i]
            s_end = sentences[i + 1] if i + 1 < len(sentences) else len(doc.text)
            lo, hi = bisect.bisect_left(year_starts, s_start), bisect.bisect_left(year_starts, s_end)
            sentence_years = {y for _, y in years[lo:hi]}
            year = sentence_years.pop() if len(sentence_years) == 1 else (None if not sentence_years else "many")
            if year == "many":
                continue
            line, column = doc.line_col(q.start)
            end_line, end_column = doc.line_col(q.end)
            for key in keys:
                records.append({
                    "key": key, "year": year, "value": q.value, "high": q.high, "approx": q.approx,
                    "text": q.text, "line": line, "column": column, "end_line": end_line,
                    "end_column": end_column, "unit": q.unit,
                })
        return records

    def check_corpus(self, collected, ctx):
        findings = []
        firsts: dict[tuple, list] = {}
        for path, records in collected:
            groups: dict[tuple, list] = {}
            for record in records or ():
                groups.setdefault((record["key"], record["year"]), []).append(record)
            for (key, year), items in groups.items():
                reference = items[0]
                for item in items[1:]:
                    if not _compatible(reference, item):
                        findings.append(self._finding(path, item, reference, key, year, None))
                if key[0] == "subject" and year is not None:
                    firsts.setdefault((key, year), []).append((path, reference))
        for (key, year), items in firsts.items():
            if len({path for path, _ in items}) < 2:
                continue
            # The reference is the statement most others agree with.
            best = max(items, key=lambda item: (sum(_compatible(item[1], o) for _, o in items), -items.index(item)))
            for path, record in items:
                if path != best[0] and not _compatible(best[1], record):
                    findings.append(self._finding(path, record, best[1], key, year, best[0]))
        return findings

    def _finding(self, path, item, reference, key, year, other_path) -> Finding:
        figures = quantity_parser()
        where = f"{other_path}:{reference['line']}" if other_path else f"line {reference['line']}"
        subject = key[1] if key[0] == "subject" else f"the count of {key[2]}"
        when = f" in {year}" if year else ""
        unit = item["unit"] or (key[2] if key[0] == "subject" else None)
        message = (f"{subject}{when} is '{item['text']}' ({figures.describe(item['value'], unit)}) here "
                   f"but '{reference['text']}' ({figures.describe(reference['value'], unit)}) at {where}")
        return Finding(
            path=path, line=item["line"], column=item["column"], end_line=item["end_line"],
            end_column=item["end_column"], rule=self.name, category=self.category, severity=self.severity,
            message=message,
        )
