"""The ``figure-source`` rule: a number of the translation that differs from the source."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from ..document import Document
from ..model import Severity
from ..patterns import regex
from .base import DocumentRule
from .figure_common import quantity_parser

_NAME = regex(r"\b[A-Z][A-Za-z&]{2,}\b")
#: Source and translation paragraphs are aligned exactly up to this many
#: pairs; beyond, chunk by chunk (_ALIGN_CHUNK paragraphs of the longer side).
_ALIGN_CELLS = 250_000
_ALIGN_CHUNK = 200
_PARAGRAPH = regex(r"\n[ \t]*\n")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    breaks = list(_PARAGRAPH.finditer(text))
    if len(breaks) < 2 and text.count("\n") > 3:
        breaks = list(re.finditer(r"\n", text))
    for m in breaks:
        if text[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _primary_keys(q) -> list[tuple]:
    if q.kind == "date" and q.date:
        day, month, year = q.date
        if day and month:
            return [("d", day, month)]
        if month and year:
            return [("m", month, year)]
        return [("n", Decimal(year))] if year else []
    if q.kind == "time":
        return [("t", v) for v in (q.value, q.high) if v is not None]
    return [("n", v.normalize()) for v in (q.value, q.high) if v is not None]


def _kind_of(q):
    if q.kind in ("date", "time"):
        return q.kind
    return "money" if q.is_money else (q.unit or "plain")


class FigureSource(DocumentRule):
    """
    ## What it does
    With `mtlint lint --source ORIGINAL FILE`, compares the numbers of the
    translation with those of the original English text: every number,
    date and time of the source must appear in the corresponding part of
    the translation with the same value. Formats are converted (`1,300` ↔
    `1.300`, `81.3 billion` ↔ `81,3 tỷ`, `November 25` / `11/25` ↔ `25/11`,
    `eight` ↔ `tám`). A number that changed is reported where the
    translation states it, a missing one at the paragraph that should hold
    it.

    ## Why is this bad?
    A translation that turns "81.3 billion" into `81.300 tỷ` or drops a
    figure reads fluently and cannot be caught without the original.
    Paragraphs are aligned by their order and by the numbers and names they
    share, so a translation that merges or splits paragraphs is still
    compared with the right part of the source.

    ## Example
    ```
    source:      The GDP will grow by about 81.3 billion dollars this year.
    translation: GDP sẽ tăng trưởng khoảng 81.300 tỷ đô la trong năm nay.
    ```

    ## Use instead
    ```
    translation: GDP sẽ tăng trưởng khoảng 81,3 tỷ đô la trong năm nay.
    ```
    """

    name = "figure-source"
    category = "figure-conflict"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        if not doc.source:
            return
        figures = quantity_parser()
        source_doc = Document("<source>", doc.source)
        src = self._paragraph_data(source_doc.text, figures.parse_english_quantities(source_doc.text))
        words = figures.parse_number_words(doc.text, [(0, len(doc.text))])
        tgt = self._paragraph_data(doc.text, sorted([*ctx.quantities, *words], key=lambda q: q.start))
        if not tgt:
            return
        # XLIFF/PO units pair each source with its target exactly; a plain
        # --source text is aligned by order and shared numbers and names.
        exact = bool(doc.segments) and len(src) == len(tgt) == len(doc.segments)
        anchors = [(i, i) for i in range(len(src))] if exact else self._align(src, tgt)
        reach = 0 if exact else 1
        anchor_of = dict(anchors)
        anchored = sorted(anchors)
        for i, (s_start, s_end, s_quantities, _, _) in enumerate(src):
            if not s_quantities:
                continue
            if i in anchor_of:
                j = anchor_of[i]
                window = range(max(0, j - reach), min(len(tgt), j + reach + 1))
            else:
                k = bisect.bisect_left(anchored, (i, -1))
                lo = anchored[k - 1][1] if k > 0 else 0
                hi = anchored[k][1] if k < len(anchored) else len(tgt) - 1
                window = range(lo, hi + 1)
            target_keys = set().union(*(tgt[j][3] for j in window))
            source_keys = set().union(*(src[x][3] for x in range(max(0, i - reach), min(len(src), i + reach + 1))))
            unexplained = [q for j in window for q in tgt[j][2]
                           if q.kind != "label" and not (set(_primary_keys(q)) & source_keys)]
            for q in s_quantities:
                keys = _primary_keys(q)
                if not keys or all(key in target_keys for key in keys):
                    continue
                line = source_doc.line_col(q.start)[0]
                changed = next((t for t in unexplained if _kind_of(t) == _kind_of(q)), None)
                if changed is not None:
                    unexplained.remove(changed)
                    yield self.finding(
                        doc, changed.start, changed.end,
                        f"'{changed.text}'{self._value(changed)} differs from the source's '{q.text}'"
                        f"{self._value(q)} (source line {line})",
                        severity=Severity.ERROR,
                    )
                else:
                    j = anchor_of.get(i, window[0])
                    start, end = tgt[j][0], tgt[j][1]
                    end = min(end, doc.text.find("\n", start) if doc.text.find("\n", start) != -1 else end)
                    yield self.finding(
                        doc, start, end,
                        f"the source's '{q.text}'{self._value(q)} (source line {line}) is missing from "
                        f"this part of the translation",
                    )

    @staticmethod
    def _value(q) -> str:
        if q.kind != "number" or q.value is None:
            return ""
        described = quantity_parser().describe(q.value, q.unit)
        return "" if described == q.text else f" = {described}"

    @staticmethod
    def _paragraph_data(text, quantities):
        spans = _paragraphs(text)
        starts = [s for s, _ in spans]
        buckets = [[] for _ in spans]
        for q in quantities:
            i = bisect.bisect_right(starts, q.start) - 1
            if i >= 0 and q.start < spans[i][1]:
                buckets[i].append(q)
        data = []
        for (start, end), qs in zip(spans, buckets):
            keys = set()
            for q in qs:
                keys.update(quantity_parser().match_keys(q))
            names = set(_NAME.findall(text[start:end]))
            data.append((start, end, qs, keys, names))
        return data

    @classmethod
    def _align(cls, src, tgt) -> list[tuple[int, int]]:
        """Monotonic alignment maximising shared numbers and names. Long
        texts are cut into proportional chunks aligned one by one, so that
        time and memory stay linear (issue 11)."""
        n, m = len(src), len(tgt)
        if n * m <= _ALIGN_CELLS:
            return cls._align_exact(src, tgt)
        pairs = []
        chunks = -(-max(n, m) // _ALIGN_CHUNK)
        for k in range(chunks):
            a, b = n * k // chunks, n * (k + 1) // chunks
            c, d = m * k // chunks, m * (k + 1) // chunks
            pairs.extend((i + a, j + c) for i, j in cls._align_exact(src[a:b], tgt[c:d]))
        return pairs

    @staticmethod
    def _align_exact(src, tgt) -> list[tuple[int, int]]:
        n, m = len(src), len(tgt)
        score = [[0] * (m + 1) for _ in range(n + 1)]
        for i in range(1, n + 1):
            s_keys, s_names = src[i - 1][3], src[i - 1][4]
            row, prev = score[i], score[i - 1]
            for j in range(1, m + 1):
                best = max(prev[j], row[j - 1])
                if s_keys or s_names:
                    shared = 2 * len(s_keys & tgt[j - 1][3]) + len(s_names & tgt[j - 1][4])
                    if shared and prev[j - 1] + shared > best:
                        best = prev[j - 1] + shared
                row[j] = best
        pairs, i, j = [], n, m
        while i > 0 and j > 0:
            if score[i][j] == score[i - 1][j]:
                i -= 1
            elif score[i][j] == score[i][j - 1]:
                j -= 1
            else:
                pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
        return pairs[::-1]
