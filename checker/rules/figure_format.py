"""The ``figure-format`` rule: numbers written the English way in Vietnamese text."""

from __future__ import annotations

from ..model import Severity
from ..patterns import regex
from .base import DocumentRule
from .figure_common import quantity_parser
from .figure_date import english_around

#: A word before a bare ``2.5`` that makes it a version, a section, a
#: surround layout or a model rather than an amount (USB 2.0, bài 3.1, âm
#: thanh vòm 7.1). Label words (Điều, mục, phiên bản) are already read as
#: labels by the parser.
_VERSION_WORDS = frozenset(
    "phiên bản version ver v vòm surround chuẩn giao thức protocol firmware kernel api sdk "
    "python java node nodejs php ios android windows linux ubuntu debian macos usb bluetooth wifi wi-fi "
    "http https tls ssl mqtt html css lte ieee opengl directx unicode hdmi pcie sata ddr".split()
)
_PREV_WORDS = regex(r"(?:[^\s]+[ \u00a0]+){0,3}[^\s]*$")
_WORD_EDGE = "*_[](){}\"'“”‘’`<>:;,.!?"
#: Words before a bare decimal that make it a score or a reading written the
#: international way even in native Vietnamese (IELTS 6.5, điểm 8.16, UV 10.1).
_SCORE_WORDS = frozenset("ielts toefl toeic gpa sat điểm uv hệ".split())
#: Words before a day.month date (sáng 21.4).
_DATE_WORDS = frozenset("sáng chiều tối trưa đêm khuya hôm ngày từ đến".split())
#: An English decimal latitude, longitude pair: 47.6423109,-122.117198.
_COORD_AFTER = regex(r"[ \u00a0]?,[ \u00a0]?[-−]?\d{1,3}\.\d")
_COORD_BEFORE = regex(r"\d\.\d+[ \u00a0]?,[ \u00a0]?[-−]?$")
#: A licence plate: 29A-876.04, 43B - 048.78.
_PLATE_BEFORE = regex(r"\d{2}[A-Z][A-Z\d]?[ \u00a0]?[-–][ \u00a0]?$")
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


class FigureFormat(DocumentRule):
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
        figures = quantity_parser()
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
