"""Figure rules (``figure-*``): number format, implausible magnitudes, stated
counts against enumerations, conflicting statements of one figure, and
numbers that differ from the source text. They share the document's parsed
quantities (:attr:`CheckContext.quantities`, built by :mod:`checker.figures`)."""

from __future__ import annotations

import bisect
import re
from operator import attrgetter
from decimal import Decimal
from functools import lru_cache

from ..model import Finding, Severity
from .base import Option, Rule
from .figure_date import english_around

# checker.figures compiles its patterns on import; it is imported on first
# use so that runs without figure rules do not pay for it.


_MODULE = []


def _figures():
    if not _MODULE:
        from .. import figures

        _MODULE.append(figures)
    return _MODULE[0]


# ---------------------------------------------------------------------------
# figure-format

#: A word before a bare ``2.5`` that makes it a version, a section, a
#: surround layout or a model rather than an amount (USB 2.0, bài 3.1, âm
#: thanh vòm 7.1). Label words (Điều, mục, phiên bản) are already read as
#: labels by the parser.
_VERSION_WORDS = frozenset(
    "phiên bản version ver v vòm surround chuẩn giao thức protocol firmware kernel api sdk "
    "python java node nodejs php ios android windows linux ubuntu debian macos usb bluetooth wifi wi-fi "
    "http https tls ssl mqtt html css lte ieee opengl directx unicode hdmi pcie sata ddr".split()
)
_PREV_WORDS = re.compile(r"(?:[^\s]+[ \u00a0]+){0,3}[^\s]*$")
_WORD_EDGE = "*_[](){}\"'“”‘’`<>:;,.!?"
#: Words before a bare decimal that make it a score or a reading written the
#: international way even in native Vietnamese (IELTS 6.5, điểm 8.16, UV 10.1).
_SCORE_WORDS = frozenset("ielts toefl toeic gpa sat điểm uv hệ".split())
#: Words before a day.month date (sáng 21.4).
_DATE_WORDS = frozenset("sáng chiều tối trưa đêm khuya hôm ngày từ đến".split())
#: An English decimal latitude, longitude pair: 47.6423109,-122.117198.
_COORD_AFTER = re.compile(r"[ \u00a0]?,[ \u00a0]?[-−]?\d{1,3}\.\d")
_COORD_BEFORE = re.compile(r"\d\.\d+[ \u00a0]?,[ \u00a0]?[-−]?$")
#: A licence plate: 29A-876.04, 43B - 048.78.
_PLATE_BEFORE = re.compile(r"\d{2}[A-Z][A-Z\d]?[ \u00a0]?[-–][ \u00a0]?$")
#: A bare decimal with more places than this is data (NMEA fields, raw
#: readings), not prose.
_BARE_MAX_PLACES = 4


def _bare_decimal_is_amount(text: str, n) -> bool:
    """Whether a dot-decimal without a unit (``2.5``) reads as an amount in
    prose: not a version (``Python 3.9``, ``USB 2.0``, ``HTTP/1.1``,
    ``công nghiệp 4.0``), a section number at a line start (``## 3.1 …``),
    a surround layout (``vòm 7.1``), a score (``IELTS 6.5``), a day.month
    date (``sáng 21.4``), a licence plate, a phone number, a coordinate pair
    or a long data field."""
    whole, _, places = n.text.partition(".")
    if len(places) > _BARE_MAX_PLACES or places.endswith("0"):
        return False  # 217.716666667 (a data field); 4.0, 8.00, 15.20 (versions, times, typos)
    if len(places) == 4 and len(whole) >= 3:
        return False  # 1900.9095: a phone number
    start, end = n.start, n.end
    if _COORD_AFTER.match(text, end) or _COORD_BEFORE.search(text, max(0, start - 24), start):
        return False
    prev = text[start - 1:start]
    if (prev and prev in "'′°") or (text[end:end + 1] and text[end:end + 1] in "\"″"):
        return False  # 0°0'0.5": degrees, minutes and seconds
    if prev in "/-–" and start >= 2 and text[start - 2].isalnum():
        return False  # HTTP/1.1, TLS-1.2
    if prev == "." or (text[end:end + 1] == "." and text[end + 1:end + 2].isalnum()):
        return False
    before = text[max(0, start - 48):start]
    if _PLATE_BEFORE.search(before):
        return False
    line_head = before.rsplit("\n", 1)[-1] if "\n" in before else (before if start <= 48 else None)
    if line_head is not None and not line_head.strip(" \t#>*-+|"):
        return False  # a section number opening a line or heading
    words = [w.strip(_WORD_EDGE) for w in _PREV_WORDS.search(before.rsplit("\n", 1)[-1]).group().split()]
    words = [w for w in words if w]
    if not words:
        return True
    word = words[-1]
    lower = word.lower()
    if lower in _VERSION_WORDS:
        return False
    if word.isascii() and any(c.isupper() for c in word) and any(c.isalpha() for c in word):
        return False  # Python 3.9, iOS 14.2, Nokia (8.3 5G)
    if any(w.lower() in _SCORE_WORDS for w in words):
        return False
    if lower in _DATE_WORDS and int(whole) <= 31 and len(places) <= 2 and 1 <= int(places) <= 12:
        return False
    return True


#: The numeral styles that figures.vietnamese_form rewrites (any other
#: has no English separator to report).
_ENGLISH_STYLES = frozenset(("en-thousands", "ambiguous", "dot-decimal"))


class FigureFormat(Rule):
    """
    ## What it does
    Flags numbers written with English separators in Vietnamese text:
    `900,000` or `1,234,567` (Vietnamese groups thousands with `.`:
    `900.000`), `1,300.5` (`1.300,5`), an English decimal point (`3.5%` →
    `3,5%`, `3.3V` → `3,3V`, `0.02s`, `2.5 vòng`, a bare `2.5` in a
    sentence), a decimal point that Vietnamese reads as a thousands
    separator (`1.855 km` beside `111.3 km`), and a date in month/day order
    (`11/25/2025` → `25/11/2025`). The suggestion is the Vietnamese form.

    ## Why is this bad?
    In Vietnamese the comma is the decimal mark: `1,300` reads as 1,3
    (one point three), while `1.300` is always one thousand three hundred. A
    machine translation that keeps the English separators changes the value
    a reader sees: `1.855 km` (English 1.855, under two kilometres) reads as
    1855 km. A single comma followed by three digits is ambiguous; the
    message says which reading is likely. Before a scale word
    (`6,497 triệu`) it is the Vietnamese decimal and is not reported. A
    bare decimal that is a version or a label (`USB 2.0`, `iOS 14.2`,
    `Python 3.9`, `Điều 2.5`, `bài 3.1`, a section number opening a line),
    a surround layout (`7.1`), a coordinate pair (`47.6423109,-122.117198`)
    or a data field with more than four decimal places is left alone.

    ## Example
    ```
    cơ sở dữ liệu của hơn 900,000 công ty; lạm phát 3.5%; chân GPIO chạy ở 3.3V
    ```

    ## Use instead
    ```
    cơ sở dữ liệu của hơn 900.000 công ty; lạm phát 3,5%; chân GPIO chạy ở 3,3V
    ```
    """

    name = "figure-format"
    category = "number-format"
    severity = Severity.WARNING
    fixable = True

    @classmethod
    def certain_fix(cls, finding):
        # Only unambiguous English separators (1,900,000, 1,300.5, 3.5%): not
        # a lone 1,300 (maybe a Vietnamese decimal), nor a month-first date.
        return super().certain_fix(finding) and (
            "uses English separators" in finding.message or "uses an English decimal point" in finding.message)

    def check(self, doc, ctx):
        figures = _figures()
        text = doc.text
        quantities = ctx.quantities
        # An example of Vietnamese thousands: several groups or round
        # (120.000.000, 2.000), not a lone 1.855 that may be English.
        vi_example = next((n for q in quantities if q.kind == "number" for n in q.numerals
                           if n.style == "vi-thousands" and (n.alt is None or n.text.endswith("00"))), None)
        mixed = ""
        if vi_example is not None:
            line = doc.line_col(vi_example.start)[0]
            mixed = f"; this document writes thousands the Vietnamese way elsewhere ('{vi_example.text}', line {line})"
        english_lines: dict[int, str] = {}  # line index -> an English decimal on it
        single_groups = []
        for q in quantities:
            if q.kind == "date" and q.us_order:
                day, month, year = q.date
                written = q.text[q.text.rfind(" ") + 1:]  # "ngày 11/25/2025" -> 11/25/2025
                start = q.end - len(written)
                yield self.finding(
                    doc, start, q.end,
                    f"'{written}' puts the month first (English order); Vietnamese writes day/month/year",
                    f"{day}/{month}/{year}",
                )
                continue
            if q.kind not in ("number", "year", "time"):
                continue
            for n in q.numerals:
                if n.style == "vi-thousands":
                    if (q.kind == "number" and n.alt is not None and not n.text.endswith("00")
                            and (q.unit or text[n.end:n.end + 1] == "/")):  # 1.855 km, 1.855/60
                        single_groups.append((q, n))
                    continue
                if n.style not in _ENGLISH_STYLES:
                    continue  # plain, vi-decimal, words: vietnamese_form gives None
                vi = figures.vietnamese_form(n.text, n.style)
                if vi is None:
                    continue
                if n.style == "en-thousands":
                    decimals = " and '.' for decimals" if "." in n.text else ""
                    message = (f"'{n.text}' uses English separators (',' for thousands{decimals}); "
                               f"Vietnamese writes {vi} ({figures.spoken(n.value)}){mixed}")
                elif n.style == "ambiguous":
                    if q.scale or q.unit in ("%", "pp"):
                        continue  # 6,497 triệu, 99,982%: Vietnamese decimals
                    certain = (" (a Vietnamese decimal never ends in ,000, so this is English)"
                               if n.text.endswith(",000") else "")
                    message = (f"'{n.text}' uses an English thousands separator: in Vietnamese the comma is the "
                               f"decimal mark and '{n.text}' reads as {figures.format_vi(n.alt)}{certain}; write "
                               f"{vi} for {figures.spoken(n.value)}{mixed}")
                else:  # dot-decimal
                    if q.kind != "number":
                        continue
                    if not (q.unit or q.scale) and not _bare_decimal_is_amount(text, n):
                        continue  # 2.5 alone may be a version or a section number
                    english_lines.setdefault(doc.line_index(n.start), n.text)
                    message = (f"'{n.text}' uses an English decimal point; Vietnamese writes {vi} "
                               f"(in Vietnamese '.' separates thousands){mixed}")
                if english_around(text, n.start, n.end):
                    continue  # an English title or quotation: English numbers are right there
                yield self.finding(doc, n.start, n.end, message, vi)
        # 1.855 km beside 111.3 km: a lone group of three digits after a dot
        # is Vietnamese thousands, unless its line writes English decimals.
        for q, n in single_groups:
            other = english_lines.get(doc.line_index(n.start))
            if other is None:
                continue
            whole, _, places = n.text.partition(".")
            yield self.finding(
                doc, n.start, n.end,
                f"'{n.text}' is ambiguous: this line writes English decimal points ('{other}'), so "
                f"'{n.text}' probably means {whole},{places} (English {n.text}), but in Vietnamese "
                f"'.' separates thousands and '{n.text}' reads as {figures.format_vi(n.value)}; write "
                f"{whole},{places} for the decimal",
                f"{whole},{places}",
            )


# ---------------------------------------------------------------------------
# figure-implausible

# Before a figure below a bound's minimum, these mean it is a part, a change
# or a period of the subject, not the subject itself.
_CHANGE_WORDS = (
    "tăng", "giảm", "thêm", "chênh lệch", "hụt", "mất", "thiệt hại", "so với", "cùng kỳ", "bình quân",
    "mỗi", "tháng", "quý", "tuần", "ngày", "khoảng cách", "bổ sung", "lỗ", "lãi", "tức", "trong đó", "phần",
    "nửa", "chiếm", "gồm", "khoảng 1",
)


@lru_cache(maxsize=512)
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    fold_phrase = _figures().fold_phrase
    return tuple(p for p in (fold_phrase(x) for x in phrases) if p)


class _Words:
    """The folded words before a quantity and around it, built on demand
    and once, whatever the number of bounds compared."""

    def __init__(self, q):
        self.q = q
        self._subject = self._around = None

    @property
    def subject(self) -> str:
        if self._subject is None:
            self._subject = _figures().padded_words(self.q.subject)
        return self._subject

    @property
    def around(self) -> str:
        if self._around is None:
            self._around = self.subject + _figures().padded_words(self.q.noun)
        return self._around


def _bound_applies(bound, words: _Words) -> bool:
    has_phrase = _figures().has_phrase
    if bound.keywords and not has_phrase(words.subject, _folded(bound.keywords)):
        return False
    if bound.context and not has_phrase(words.around, _folded(bound.context)):
        return False
    if bound.exclude and has_phrase(words.around, _folded(bound.exclude)):
        return False
    return True


def _unit_key(q) -> str | None:
    """``q.unit_or_noun`` in lower case (read inline: this runs for every
    amount of every document)."""
    unit = q.unit
    if unit:
        return unit.lower()
    return q.noun.split()[0].lower().lower() if q.noun else None


#: (the ids of a glossary's bounds, the bounds, what _bounds_by_unit built
#: from them): the bounds are the same for every document of a run. Holding
#: the bounds keeps their ids theirs.
_BY_UNIT: list = [None]


def _bounds_by_unit(bounds) -> dict[str, list]:
    """The bounds with a unit, by unit in lower case, named subjects first."""
    key = tuple(map(id, bounds))
    cached = _BY_UNIT[0]
    if cached is not None and cached[0] == key:
        return cached[2]
    by_unit: dict[str, list] = {}
    for bound in sorted(bounds, key=lambda b: not b.keywords):  # named subjects first
        if bound.unit:
            by_unit.setdefault(bound.unit.lower(), []).append(bound)
    _BY_UNIT[0] = (key, list(bounds), by_unit)
    return by_unit


@lru_cache(maxsize=1024, typed=True)
def _bound_decimal(value: float) -> Decimal:
    """A bound's float as the Decimal it is written as (0.1 → 0.1, not the
    binary fraction). Cached: every amount is compared with the bounds of
    its unit, and there are few bounds."""
    return Decimal(repr(value))


def _distance(a: Decimal, b: Decimal) -> Decimal:
    """How many times larger the larger of two positive values is."""
    return max(a, b) / min(a, b)


class FigureImplausible(Rule):
    """
    ## What it does
    Flags a figure whose value is outside the plausible range for its
    subject: the bounds of the glossary's `figures:` section (Vietnam's GDP
    and population, Japan–Vietnam trade, Japanese FDI and ODA, a share above
    100 %, any amount of money above a global ceiling), and dates that
    cannot exist (day 32, month 13, 31/4). The message states the parsed
    value in words and the typical value.

    ## Why is this bad?
    Machine translation shifts scale words and separators: "81.3 billion"
    becomes `81.300 tỷ đô la`, 81,3 nghìn tỷ USD, more than Vietnam's GDP a
    hundred times over. Such a figure reads fluently and is wrong by a
    factor of a thousand. A bound applies only when one of its keywords
    stands before the figure in the same clause (and, where the glossary
    says so, a context word such as "Nhật Bản"), never to a rate
    (`USD/người`) or a per-capita figure.

    ## Example
    ```
    GDP sẽ tăng trưởng khoảng 81.300 tỷ đô la trong năm nay
    ```

    ## Use instead
    ```
    GDP sẽ tăng trưởng khoảng 81,3 tỷ đô la trong năm nay
    ```
    """

    name = "figure-implausible"
    category = "implausible-figure"
    severity = Severity.ERROR

    def check(self, doc, ctx):
        figures = _figures()
        by_unit = _bounds_by_unit(ctx.glossary.figures)
        for q in ctx.quantities:
            if q.invalid and q.kind == "date":
                yield self.finding(doc, q.start, q.end, self._invalid_message(q))
                continue
            if q.kind != "number" or q.value is None or q.per:
                continue
            candidates = by_unit.get(_unit_key(q))
            if not candidates:
                continue
            words = _Words(q)
            low, high = q.value, q.high if q.high is not None else q.value
            for bound in candidates:
                too_high = bound.max is not None and low > _bound_decimal(bound.max)
                too_low = (bound.min is not None and high < _bound_decimal(bound.min)
                           and not figures.has_phrase(words.subject, _folded(_CHANGE_WORDS)))
                if not (too_high or too_low) or not _bound_applies(bound, words):
                    continue
                yield self.finding(doc, q.start, q.end, self._message(q, bound, too_high))
                break

    @staticmethod
    def _invalid_message(q) -> str:
        day, month, year = q.date
        problems = []
        if month is not None and not 1 <= month <= 12:
            problems.append(f"there is no month {month}")
        elif day is not None and not 1 <= day <= 31:
            problems.append(f"there is no day {day}")
        elif day is not None and month is not None:
            problems.append(f"month {month} has no day {day}" + (f" in {year}" if year else ""))
        else:
            problems.append("a day or month out of range")
        return f"'{q.text}' is not a valid date: {', '.join(problems)}"

    @staticmethod
    def _message(q, bound, too_high: bool) -> str:
        figures = _figures()
        unit = q.unit or bound.unit
        value = q.value if too_high or q.high is None else q.high
        said = f"'{q.text}' = {figures.describe(value, unit)}"
        if bound.typical is not None:
            typical = Decimal(repr(bound.typical))
            expected = f"{bound.subject} khoảng {figures.describe(typical, unit, like=value)}"
        else:
            limit = Decimal(repr(bound.max if too_high else bound.min))
            expected = f"{'above' if too_high else 'below'} any plausible {bound.subject} " \
                       f"({'max' if too_high else 'min'} {figures.describe(limit, unit)})"
        hint = ""
        numeral = q.numerals[0] if q.numerals else None
        if numeral is not None and numeral.alt is not None and numeral.style == "vi-thousands":
            scale = (q.value / numeral.value) if numeral.value else 1
            alt_value = numeral.alt * scale
            reference = Decimal(repr(bound.typical if bound.typical is not None else (bound.max if too_high else bound.min)))
            if reference > 0 and alt_value > 0 and _distance(alt_value, reference) * 10 <= _distance(value, reference):
                alt_text = figures.format_vi(numeral.alt)
                hint = (f"; was {alt_text} meant ({figures.describe(alt_value, unit)}), an English decimal "
                        f"point read as a thousands separator?")
        return f"{said}; {expected}{hint}"


# ---------------------------------------------------------------------------
# figure-count

_MARKER = re.compile(r"[ \t]*(?:\((\d{1,2})\)|(\d{1,2})[.)])[ \t\u00a0]")
_INLINE_MARKER = re.compile(r"\((\d{1,2})\)|(?<![\d.,])(\d{1,2})[.)](?![\d])")
_HEADING_ONE = re.compile(r"(?m)^[ \t]*[^\W\d][^\n\d]{0,30}?[ \u00a0]1(?![\d.,])")
_HEADING_NUMBER = re.compile(r"[ \u00a0]+(\d{1,2})(?![\d.,])")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")
_COUNT_NOUN = re.compile(r"(?:[ \u00a0]+[^\s:,.;()“”]+){1,2}")
_BULLET = re.compile(r"[ \t]*([•\-\*+–·▪●○■◦])[ \t\u00a0]")
#: How far a stated count looks along its line, and at most how many
#: characters of a following line it reads (issue 11: linear time on
#: megabyte-long lines).
_LOOK_AHEAD = 4000
_LINE_HEAD = 240
#: At most this many lines after the first numbered heading (Tiểu ban 1)
#: are searched for the next ones.
_HEADING_REACH = 2000


def _heading_one_lines(text: str) -> list[int]:
    """Starts of the lines that _HEADING_ONE matches (Tiểu ban 1). Only a
    line holding " 1" can match, and few do: a search of the whole text for
    a pattern anchored at line starts would try it at every position."""
    starts = set()
    for needle in (" 1", "\u00a01"):
        if needle[0] not in text:
            continue  # a quick test: no-break spaces are rare
        pos = text.find(needle)
        while pos != -1:
            start = text.rfind("\n", 0, pos) + 1
            # The 1 of a heading is the first digit of its line, so this is
            # it, and it stands within 31 characters of the line's indent
            # ("[ \t]*", a letter and at most 30 characters before the
            # space): a line where it stands further cannot match.
            if pos - start <= 31 or not text[start:pos - 31].strip(" \t"):
                starts.add(start)
            line_end = text.find("\n", pos)
            if line_end == -1:
                break
            pos = text.find(needle, line_end)
    return [start for start in sorted(starts) if _HEADING_ONE.match(text, start)]


_START = attrgetter("start")


def _may_be_count(q) -> bool:
    """Whether q can state the size of a list: a whole number from 2 to 50,
    in digits or words, with a noun and neither unit nor range (the cheap
    tests first)."""
    return not (q.kind != "number" or q.unit or q.high is not None or not q.noun or q.value is None
                or not q.numerals or q.numerals[0].style not in ("plain", "words")
                or not 2 <= q.value <= 50 or q.value != q.value.to_integral_value())


class FigureCount(Rule):
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
        counts = [q for q in ctx.quantities if _may_be_count(q)]
        spans = self._announcing_lines(text)
        if spans:
            # Counts in words (tám lĩnh vực) are read only where a list can follow.
            words = _figures().parse_number_words(text, spans)
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
        figures = _figures()
        text = doc.text
        # The first heading (Noun 1) is one of the next three non-empty lines
        # (within twelve), whatever the noun: read them once. Its number
        # follows a space, so without " 1" in them there is no heading.
        candidates = []
        for start, end in self._next_lines(doc, line_end, 12):
            line = text[start:min(end, start + _LINE_HEAD)]
            if not line.strip():
                continue
            candidates.append((start, end, " 1" in line or "\u00a01" in line))
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


# ---------------------------------------------------------------------------
# figure-conflict

_SENTENCE = re.compile(r"[.!?…](?=\s)|\n")
_STOP_NOUNS = frozenset(
    "va cua o tai trong da duoc la co cho voi tu den nay do khac moi nua thi ma nhung bi se dang vao ra len "
    "xuong tren duoi hon gan khoang nhu cung deu con vua nam thang ngay nguoi lan".split()
)


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


class FigureConflict(Rule):
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
    scope = "corpus"
    options = (
        Option("counts", "false", "also compare counts of the same two-word noun within a document",
               choices=("true", "false")),
    )

    def collect(self, doc, ctx):
        figures = _figures()
        quantities = ctx.quantities
        counts = ctx.option(self.name, "counts") == "true"
        # Named subjects only: a bound with keywords and a typical value (not
        # the generic share or money ceilings).
        named = [b for b in ctx.glossary.figures if b.keywords and b.unit and b.typical is not None]
        units = {b.unit.lower() for b in named}
        keyed = []
        for q in quantities:
            if q.kind != "number" or q.value is None or q.per:
                continue
            keys = []
            unit = _unit_key(q)
            if unit in units:
                words = _Words(q)
                for bound in named:
                    if bound.unit.lower() == unit and _bound_applies(bound, words):
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
        figures = _figures()
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


# ---------------------------------------------------------------------------
# figure-source

_NAME = re.compile(r"\b[A-Z][A-Za-z&]{2,}\b")
#: Source and translation paragraphs are aligned exactly up to this many
#: pairs; beyond, chunk by chunk (_ALIGN_CHUNK paragraphs of the longer side).
_ALIGN_CELLS = 250_000
_ALIGN_CHUNK = 200
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


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


class FigureSource(Rule):
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
        figures = _figures()
        from ..document import Document

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
        described = _figures().describe(q.value, q.unit)
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
                keys.update(_figures().match_keys(q))
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
