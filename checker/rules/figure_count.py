"""The ``figure-count`` rule: a stated count that does not match the list that follows."""

from __future__ import annotations

import re
from operator import attrgetter

from ..model import Severity
from ..patterns import regex
from .base import DocumentRule, Option
from .figure_common import quantity_parser

_MARKER = regex(r"[ \t]*(?:\((\d{1,2})\)|(\d{1,2})[.)])[ \t\u00a0]")
_INLINE_MARKER = regex(r"\((\d{1,2})\)|(?<![\d.,])(\d{1,2})[.)](?![\d])")
_HEADING_ONE = regex(r"(?m)^[ \t]*[^\W\d][^\n\d]{0,30}?[ \u00a0]1(?![\d.,])")
_HEADING_NUMBER = regex(r"[ \u00a0]+(\d{1,2})(?![\d.,])")
_SENTENCE_END = regex(r"[.!?…](?=\s)")
_COUNT_NOUN = regex(r"(?:[ \u00a0]+[^\s:,.;()“”]+){1,2}")
_BULLET = regex(r"[ \t]*([•\-\*+–·▪●○■◦])[ \t\u00a0]")
#: How far a stated count looks along its line, and at most how many
#: characters of a following line it reads (issue 11: linear time on
#: megabyte-long lines).
_LOOK_AHEAD = 4000
_LINE_HEAD = 240
#: At most this many lines after the first numbered heading (Tiểu ban 1)
#: are searched for the next ones.
_HEADING_REACH = 2000


#: Where a heading numbered 1 can stand: a "1" after a space, not followed
#: by a digit, "." or "," (as _HEADING_ONE requires). Found from the digit
#: (a literal: a fast scan), which rules out 10, 1.000 and 1,5 at once.
_ONE_HINT = regex(r"1(?<=[ \u00a0]1)(?![\d.,])")


def _heading_one_lines(text: str) -> list[int]:
    """Starts of the lines that _HEADING_ONE matches (Tiểu ban 1). Only a
    line holding a _ONE_HINT can match, and few do: a search of the whole
    text for a pattern anchored at line starts would try it at every
    position."""
    starts = []
    previous = -1  # the space of the previous hit
    for hit in _ONE_HINT.finditer(text):
        pos = hit.start() - 1  # the space
        # The line break before the hit, read back only to the previous hit
        # (linear time on a long line with many hits): none there, it is on
        # the line of the previous hit, which that first hit decided.
        newline = text.rfind("\n", max(previous, 0), pos)
        if newline == -1 and previous != -1:
            previous = pos
            continue
        previous = pos
        start = newline + 1
        # The 1 of a heading is the first digit of its line, and it stands
        # within 31 characters of the line's indent ("[ \t]*", a letter and
        # at most 30 characters before the space): a line where it stands
        # further cannot match.
        if (pos - start <= 31 or not text[start:pos - 31].strip(" \t")) and _HEADING_ONE.match(text, start):
            starts.append(start)
    return starts


_START = attrgetter("start")


def _may_be_count(q) -> bool:
    """Whether q can state the size of a list: a whole number from 2 to 50,
    in digits or words, with a noun and neither unit nor range (the cheap
    tests first)."""
    return not (q.kind != "number" or q.unit or q.high is not None or not q.noun or q.value is None
                or not q.numerals or q.numerals[0].style not in ("plain", "words")
                or not 2 <= q.value <= 50 or q.value != q.value.to_integral_value())


class FigureCount(DocumentRule):
    """
    ## What it does
    Flags a stated count (`tám lĩnh vực`, `4 tiểu ban`, `ba trụ cột`) that is
    directly followed by an enumeration with a different number of items:
    numbered items `(1)`…`(n)` or `1.`…`n.`, bullets, or headings repeating
    the counted noun (`Tiểu ban 1` … `Tiểu ban n`).

    ## Why is this bad?
    Machine translation drops or merges list items, or renders a number
    word wrongly, so the text announces eight fields and lists seven. Only
    unambiguous enumerations are compared: the count must end its line or
    stand before a colon, the list must start right after it, and a
    numbered list that resumes after other text is left alone. Option
    `lists` chooses which enumerations count: `numbered` (numbers and
    headings), `bullets` (also bullet lists, the default) or `all` (also a
    comma list after a colon: `ba trụ cột: an ninh, kinh tế và văn hóa`).

    ## Example
    ```
    Thủ tướng kêu gọi tăng cường hợp tác trong tám lĩnh vực:
    (1) Thực hiện hiệu quả các thỏa thuận đã ký kết
    …
    (7) Phục hồi giao thông và du lịch
    ```

    ## Use instead
    ```
    Thủ tướng kêu gọi tăng cường hợp tác trong bảy lĩnh vực:
    (1) Thực hiện hiệu quả các thỏa thuận đã ký kết
    …
    (7) Phục hồi giao thông và du lịch
    ```
    """

    name = "figure-count"
    category = "count-mismatch"
    severity = Severity.WARNING
    options = (
        Option("lists", "bullets", "which enumerations are compared with a stated count",
               choices=("numbered", "bullets", "all")),
    )

    def check(self, doc, ctx):
        lists = ctx.option(self.name, "lists")
        text = doc.text
        # Dates, years, times and labels (a third of the quantities) are
        # passed over before the call.
        counts = [q for q in ctx.quantities if q.kind == "number" and _may_be_count(q)]
        spans = self._announcing_lines(text)
        if spans:
            # Counts in words (tám lĩnh vực) are read only where a list can follow.
            words = quantity_parser().parse_number_words(text, spans)
            # Sorted after the filter (a stable sort: the same order as
            # sorting everything first).
            counts = sorted([*counts, *(q for q in words if _may_be_count(q))], key=_START)
        for q in counts:
            found = self._enumeration(doc, q, lists, ctx)
            if found is None or q.approx:  # "hơn 10 nội dung" is no exact count
                continue
            items, where = found
            if items == int(q.value) or items < 2:
                continue
            noun = _COUNT_NOUN.match(text, q.end)
            end = noun.end() if noun else q.end
            yield self.finding(
                doc, q.start, end,
                f"'{text[q.start:end]}' but {items} items are listed ({where})",
            )

    @staticmethod
    def _announcing_lines(text):
        """Merged spans of the lines that can announce a list: those with a
        colon, and the few lines before a heading numbered 1 (Tiểu ban 1)."""
        spans = []
        pos = text.find(":")
        while pos != -1:
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            spans.append((start, end))
            pos = text.find(":", end)
        for heading in _heading_one_lines(text):
            start = heading
            for _ in range(4):
                start = text.rfind("\n", 0, max(0, start - 1)) + 1
            spans.append((start, heading))
        spans.sort()
        merged = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _enumeration(self, doc, q, lists, ctx):
        text = doc.text
        # Most counts stand inside a sentence: when the 81 characters after
        # one hold neither a colon nor a line break, and more than 60 of
        # them are not blank, the tests below return None (no colon within
        # 80 characters, a long rest of the line). Said first, and cheaply.
        ahead = text[q.end:q.end + 81]
        if len(ahead) == 81 and ":" not in ahead and "\n" not in ahead and len(ahead.strip()) > 60:
            return None
        # The count's line from the line index (no scan of a long line), and
        # at most _LOOK_AHEAD characters of it: each count reads a bounded
        # window, so the rule stays linear on a megabyte-long line.
        line_start, line_end = doc.line_span(doc.line_index(q.start))
        line_end = max(line_end, q.end)
        rest_len = line_end - q.end
        rest = text[q.end:min(line_end, q.end + _LOOK_AHEAD)]
        # Inline: "ba lĩnh vực: (1) …, (2) … và (3) …"
        colon = rest.find(":")
        if colon != -1 and (colon > 80 or _SENTENCE_END.search(rest, 0, colon)):
            colon = -1  # the colon belongs to another sentence
        if colon != -1:
            after = rest[colon + 1:]
            stripped = after.strip()
            if stripped.startswith("(1)"):
                expected = 0
                for m in _INLINE_MARKER.finditer(after):
                    if int(m.group(1) or m.group(2)) == expected + 1:
                        expected += 1
                line = doc.line_col(q.start)[0]
                return expected, f"(1)–({expected}) on line {line}"
            if lists == "all" and stripped and "(" not in stripped and rest_len - colon < 400:
                return self._comma_list(doc, q, stripped)
            if stripped:
                return None
        elif len(rest.strip()) > 60 or (rest_len > len(rest) and len(rest.strip()) > 0):
            return None  # the count is inside a sentence, not announcing a list
        if _MARKER.match(text, line_start) or _BULLET.match(text, line_start):
            return None  # the count is itself an item of a list
        # What follows the count's line: headings repeating the noun
        # (Tiểu ban 1 …), or a list after a line that ends with a colon.
        heading = self._headings(doc, q, line_end, ctx)
        if heading is not None:
            return heading
        if colon == -1 or len(rest[:colon].split()) > 6:
            return None
        return self._block(doc, line_end, lists)

    @staticmethod
    def _next_lines(doc, pos, limit=None):
        """(start, end) of the lines after the line holding ``pos`` (a line
        end), from the document's line index: no scan of long lines."""
        first = doc.line_index(pos) + 1
        last = len(doc.line_starts) if limit is None else min(len(doc.line_starts), first + limit)
        for index in range(first, last):
            yield doc.line_span(index)

    def _headings(self, doc, q, line_end, ctx):
        """Headings repeating the counted noun after the count's line
        (Tiểu ban 1 … Tiểu ban n). Lines are compared with the noun through
        slices of the folded document (ctx.folded, offset for offset), not
        by folding each line again."""
        figures = quantity_parser()
        text = doc.text
        # The first heading (Noun 1) is one of the next three non-empty lines
        # (within twelve), whatever the noun: read them once. Its number is
        # a 1 after a space and before no digit, "." or "," (_HEADING_NUMBER),
        # so a line head without a _ONE_HINT holds no first heading.
        candidates = []
        for start, end in self._next_lines(doc, line_end, 12):
            line = text[start:min(end, start + _LINE_HEAD)]
            if not line.strip():
                continue
            candidates.append((start, end, _ONE_HINT.search(line) is not None))
            if len(candidates) >= 3:
                break
        if not any(has_one for _, _, has_one in candidates):
            return None
        folded = ctx.folded
        words = q.noun.split()
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            noun = figures.fold_phrase(" ".join(words[:size]))
            if not noun:
                continue

            def pattern_match(start, end, noun=noun):
                """The heading number of the line start..end 'Noun k', else None."""
                line = text[start:min(end, start + _LINE_HEAD)]
                lead = len(line) - len(line.lstrip(" \t"))
                if folded[start + lead:min(start + lead + len(noun), end)] != noun:
                    return None
                return _HEADING_NUMBER.match(line, lead + len(noun))

            first = None
            for start, end, has_one in candidates:
                if not has_one:
                    continue
                m = pattern_match(start, end)
                if m and m.group(1) == "1":
                    first = (start, end)
                    break
            if first is None:
                continue
            expected, last_line = 1, first[0]
            for start, end in self._next_lines(doc, first[1], _HEADING_REACH):
                m = pattern_match(start, end)
                if not m:
                    continue
                k = int(m.group(1))
                if k == expected + 1:
                    expected, last_line = k, start
                elif k == 1:
                    break
                else:
                    return None  # irregular numbering (1, 2, 3, 8): cannot tell
            title = " ".join(words[:size])
            first_line, last = doc.line_col(first[0])[0], doc.line_col(last_line)[0]
            return expected, f"{title} 1–{expected}, lines {first_line}–{last}"
        return None

    def _block(self, doc, line_end, lists):
        text = doc.text
        items, kind, bullet = 0, None, None
        first_line = last_line = None
        stop = None
        for start, end in self._next_lines(doc, line_end):
            line = text[start:min(end, start + _LINE_HEAD)]
            if not line.strip():
                continue
            m = _MARKER.match(line)
            if m and kind in (None, "numbered"):
                k = int(m.group(1) or m.group(2))
                if k == items + 1:
                    items, kind = k, "numbered"
                    first_line = first_line or start
                    last_line = start
                    continue
            b = _BULLET.match(line)
            if b and lists != "numbered" and kind in (None, "bullets") and bullet in (None, b.group(1)):
                items, kind, bullet = items + 1, "bullets", b.group(1)
                first_line = first_line or start
                last_line = start
                continue
            stop = start
            break
        if not items:
            return None
        if stop is not None:
            # A list that resumes after other text is not one we can count.
            window = text[stop:stop + 1500]
            if kind == "numbered" and re.search(rf"(?m)^[ \t]*(?:\({items + 1}\)|{items + 1}[.)])[ \t]", window):
                return None
            if kind == "bullets" and re.search(rf"(?m)^[ \t]*{re.escape(bullet)}[ \t]", window[:400]):
                return None
        a, b = doc.line_col(first_line)[0], doc.line_col(last_line)[0]
        label = f"(1)–({items})" if kind == "numbered" else f"{items} bullets"
        return items, f"{label}, lines {a}–{b}"

    @staticmethod
    def _comma_list(doc, q, after):
        sentence = re.split(r"[.;!?]\s|[.;!?]$|\n", after)[0]
        parts = [p.strip() for p in re.split(r",|\s+và\s+|\s+cùng\s+", sentence) if p.strip()]
        if len(parts) < 2 or any(len(p.split()) > 6 for p in parts):
            return None
        line = doc.line_col(q.start)[0]
        return len(parts), f"a list of {len(parts)} after the colon on line {line}"
