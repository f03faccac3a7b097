"""Quantities in Vietnamese text: numbers, scale words, currencies, percentages,
ranges, dates, times, years and number words, with exact spans.

:func:`parse_quantities` reads a whole text with a few compiled regular
expressions (one pass per pattern family, Python work only per number found)
and returns :class:`Quantity` objects sorted by position, each with
``text[q.start:q.end] == q.text``. Values are :class:`~decimal.Decimal` with
the scale applied (``81.300 tỷ đô la`` → 81300000000000, unit ``USD``).

What is deliberately *not* a quantity: phone numbers, e-mail and web
addresses, versions (``2.0.1``, ``iOS 14.2``), codes glued to letters
(``G20``, ``ST25``, ``COVID-19``, ``5G``), document numbers
(``15/2020/NĐ-CP``), list markers (``(1)``, ``1.`` at a line start) and vague
amounts (``hàng trăm``).

Number styles, as Vietnamese writes them: ``.`` groups thousands (``1.300``
is always one thousand three hundred), ``,`` is the decimal mark (``3,5%``).
English style (``1,300.5``, ``900,000``, ``3.5%``) is recognised and marked
in :attr:`Numeral.style` so that rules can report it.

:func:`parse_english_quantities` is the counterpart for an English source
text (``1,300``, ``81.3 billion``, ``November 25, 2025``, ``eight``), used to
compare a translation with its original.

One module over 500 lines: it is one grammar (numerals, separators, scale
words, units, ranges, dates and times), and the English parser reuses its
numerals and units; split, the parts would share most of their patterns.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import NamedTuple

from .patterns import regex
from .vietnamese import fold

# Letters for character classes: Latin with Vietnamese marks, Greek and
# Cyrillic (a compact class keeps the patterns quick to compile).
_L = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff"
_SP = "[ \u00a0]"

#: Currency surface forms → ISO-like code (the unit of a money quantity).
CURRENCY_CODES = {
    "usd": "USD", "us$": "USD", "$": "USD", "đô la mỹ": "USD", "đô la": "USD", "đô-la": "USD",
    "đôla": "USD", "dollar": "USD", "dollars": "USD",
    "vnđ": "VND", "vnd": "VND", "đồng": "VND", "đ": "VND", "dong": "VND",
    "yên nhật": "JPY", "yên": "JPY", "jpy": "JPY", "¥": "JPY", "yen": "JPY",
    "euro": "EUR", "eur": "EUR", "€": "EUR", "euros": "EUR",
    "nhân dân tệ": "CNY", "ndt": "CNY", "cny": "CNY", "yuan": "CNY",
}
MONEY_UNITS = frozenset(CURRENCY_CODES.values())
#: How a unit is written in a Vietnamese message.
UNIT_NAMES = {"VND": "đồng", "JPY": "yên", "EUR": "euro", "CNY": "nhân dân tệ", "pp": "điểm phần trăm"}

SCALES = {"trăm": 100, "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
          "k": 10**3, "tr": 10**6}

# Words after which a number is an identifier, not an amount (Điều 5, quận 1,
# lần thứ 2, phiên bản 2.0, Tiểu ban 1).
_LABEL_WORDS = frozenset((
    "điều khoản mục chương phần tầng phòng lớp quận phường số thứ hạng top nhóm phiên khu đường lô tập ql "
    "level bản version ios android windows galaxy iphone ipad series model mã kỳ khóa khoá vòng bảng hình "
    "tuyến cổng tòa toà block quý ngày tháng năm câu bài trang tr. ảnh clip video mùa đợt kênh cấp bước luật "
    "gen tuần buổi màn hiệp set ván trận chặng lượt cửa ga sân dãy kiot căn tổ ấp thôn xóm đội khối lần hướng "
    "no. nº #"
).split()) | frozenset((
    "tiểu ban", "quốc lộ", "phiên bản", "giai đoạn", "phương án", "nghị định", "thông tư", "quyết định",
    "chỉ thị", "công văn", "nghị quyết", "thế hệ", "số hiệu", "biển số",
    "phụ lục", "bài học", "bài tập", "tiểu mục",
))


# The last words of the label words: a number whose previous word is none
# of these (nor "thứ") is no label, which settles most numbers at the cost
# of one split (_is_label runs for every number of a text).
_LABEL_LAST_WORDS = frozenset(label.rsplit(None, 1)[-1] for label in _LABEL_WORDS) | {"thứ"}


#: Phrases ending in a label word that are no label (cấp = level, but
#: cung cấp = supply).
_NOT_LABELS = frozenset(("cung cấp",))


def _is_label(before: str) -> bool:
    """Whether the text before a number ends with a label word (Điều, quận,
    lần thứ, Tiểu ban): then the number names something, it is no amount."""
    if not before[-1:].isspace():
        return False
    last = before.rsplit(None, 1)[-1:]
    if not last or last[0].lower() not in _LABEL_LAST_WORDS:
        return False
    words = [w.lower() for w in before.rsplit(None, 3)[-3:]]
    if not words:
        return False
    if words[-1] == "thứ":
        return True
    if words[-1] == "số" and len(words) >= 2 and words[-2] in ("tổng", "con", "chỉ"):
        return False
    if len(words) >= 2 and f"{words[-2]} {words[-1]}" in _NOT_LABELS:
        return False  # cung cấp 3.3V: supplies, not a level
    return words[-1] in _LABEL_WORDS or (len(words) >= 2 and f"{words[-2]} {words[-1]}" in _LABEL_WORDS)


_APPROX = frozenset(
    "khoảng gần hơn trên dưới xấp xỉ chừng ước tới ngót độ tầm suýt hàng vài mấy".split()
)

# ---------------------------------------------------------------------------
# Data


class Numeral(NamedTuple):
    """One written number inside a quantity."""

    start: int
    end: int
    text: str
    #: vi-thousands 1.300 | vi-decimal 3,5 | en-thousands 1,300,000 / 1,300.5 |
    #: ambiguous 900,000 (English thousands or a Vietnamese decimal) |
    #: dot-decimal 3.5 (English decimal, a version or a section number) |
    #: plain 42 | words tám
    style: str
    value: Decimal
    #: The other reading of an ambiguous or suspicious numeral (81.300 →
    #: 81,3 if the dot was an English decimal point), else None.
    alt: Decimal | None = None


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    #: number | year | date | time | label
    kind: str
    #: Scale applied (for a time: minutes after midnight; a date: None).
    value: Decimal | None
    #: The upper end of a range (``4-5``, ``2011 đến 2015``), else None.
    high: Decimal | None = None
    #: USD, VND, JPY, EUR, CNY, %, pp, a measure (km, kg, tấn, phút …) or None.
    unit: str | None = None
    #: The scale words as written (``tỷ``, ``nghìn tỷ``, ``k``).
    scale: str | None = None
    numerals: tuple[Numeral, ...] = ()
    #: (day, month, year) of a date, parts that are not written are None.
    date: tuple[int | None, int | None, int | None] | None = None
    #: A date that cannot exist (day 32, month 13, 31/4).
    invalid: bool = False
    #: A date written month-first (11/25/2025), the English order.
    us_order: bool = False
    #: The words after it (the counted noun: người, doanh nghiệp, lĩnh vực).
    noun: str = ""
    #: ``/người``, ``/thùng`` after the unit: a rate, not a total.
    per: str | None = None
    #: Set by the parser: the text, and where the subject may start at the
    #: earliest (after the previous amount). The subject is read on demand.
    source_text: str = field(default="", repr=False, compare=False)
    window_start: int = field(default=-1, repr=False, compare=False)

    @cached_property
    def _subject(self) -> tuple[int, str, bool]:
        if self.window_start < 0:
            return self.start, "", False
        text = self.source_text
        window_start = self.window_start
        clause = _CLAUSE_BACK.match(text, window_start, self.start)
        if clause:
            window_start = clause.end()
        words = list(_WORDS_IN.finditer(text, window_start, self.start))[-12:]
        if not words:
            return self.start, "", False
        last = words[-1].group().lower()
        approx = last in _APPROX or (
            len(words) >= 2 and f"{words[-2].group().lower()} {last}" in ("lên tới", "ước tính"))
        return words[0].start(), text[words[0].start():self.start].strip(), approx

    @property
    def subject(self) -> str:
        """The words before the quantity in its clause (its subject: GDP,
        vốn FDI), at most twelve, not reaching back past the previous amount."""
        return self._subject[1]

    @property
    def subject_start(self) -> int:
        return self._subject[0]

    @property
    def approx(self) -> bool:
        """Preceded by khoảng, hơn, gần, …"""
        return self._subject[2]

    @cached_property
    def subject_words(self) -> str:
        """``padded_words(self.subject)``, for :func:`has_phrase`: built
        once, however many bounds and rules compare it."""
        return padded_words(self.subject)

    @cached_property
    def context_words(self) -> str:
        """The padded words of the subject and then of the noun."""
        return self.subject_words + padded_words(self.noun)

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def unit_or_noun(self) -> str | None:
        """The unit, or for a plain count the first word of its noun."""
        if self.unit:
            return self.unit
        return self.noun.split()[0].lower() if self.noun else None


#: tuple.__new__: the parser makes its Numerals with it (see _number).
_tuple_new = tuple.__new__

#: Every field of Quantity with its default, in order (for _new_quantity).
_QUANTITY_DEFAULTS = {f.name: f.default for f in fields(Quantity)}


def _new_quantity(start, end, text, kind, value, high=None, unit=None, scale=None, numerals=(), per=None,
                  date=None, invalid=False, us_order=False) -> Quantity:
    """``Quantity(...)`` with these fields (the others at their defaults) for
    the parser's loop, built by filling the new object's ``__dict__``: the
    frozen dataclass's ``__init__`` sets each of its sixteen fields through
    ``object.__setattr__``, which costs as much as reading the number. The
    same object (equality, hash, repr)."""
    q = object.__new__(Quantity)
    values = q.__dict__
    values.update(_QUANTITY_DEFAULTS)
    values["start"], values["end"], values["text"], values["kind"], values["value"] = start, end, text, kind, value
    values["high"], values["unit"], values["scale"], values["numerals"], values["per"] = high, unit, scale, numerals, per
    values["date"], values["invalid"], values["us_order"] = date, invalid, us_order
    return q


# ---------------------------------------------------------------------------
# Number formatting (for messages and suggestions)


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def format_vi(value: Decimal, decimals: int = 3) -> str:
    """``Decimal('81300.5')`` → ``81.300,5`` (at most ``decimals`` places)."""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    value = abs(value).quantize(Decimal(1).scaleb(-decimals)) if decimals is not None else abs(value)
    text = f"{value:f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    return sign + _group(whole, ".") + ("," + frac if frac else "")


_SCALE_STEPS = ((Decimal(10) ** 12, "nghìn tỷ"), (Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu"))


def spoken(value: Decimal) -> str:
    """A value with a scale word even below a million: ``900 nghìn``."""
    size, name = scale_of(value)
    if not name and abs(value) >= 1000:
        size, name = Decimal(1000), "nghìn"
    return f"{format_vi(Decimal(value) / size)} {name}".strip()


def scale_of(value: Decimal) -> tuple[Decimal, str]:
    for size, name in _SCALE_STEPS:
        if abs(value) >= size:
            return size, name
    return Decimal(1), ""


def describe(value: Decimal, unit: str | None = None, like: Decimal | None = None) -> str:
    """A value in plain Vietnamese words: ``81,3 nghìn tỷ USD``. With
    ``like``, the scale of that other value is used (``0,514 nghìn tỷ USD``)."""
    size, name = scale_of(like if like is not None else value)
    number = format_vi(Decimal(value) / size, 3 if size > 1 else 2)
    if number == "0" and value:
        number = format_vi(Decimal(value) / size, 6)
    unit_name = UNIT_NAMES.get(unit, unit) if unit else ""
    if unit == "%":
        return f"{number}%"
    return " ".join(part for part in (number, name, unit_name) if part)


def vietnamese_form(numeral: str, style: str) -> str | None:
    """The Vietnamese spelling of an English-style numeral, keeping its
    digits: ``900,000`` → ``900.000``, ``1,300.5`` → ``1.300,5``, ``3.5`` →
    ``3,5``. None when the numeral is not English style."""
    if style in ("en-thousands", "ambiguous"):
        whole, _, frac = numeral.partition(".")
        return whole.replace(",", ".") + ("," + frac if frac else "")
    if style == "dot-decimal":
        return numeral.replace(".", ",")
    return None


# ---------------------------------------------------------------------------
# Numerals

_VI_THOUSANDS = regex(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_EN_THOUSANDS = regex(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+")
_COMMA = regex(r"(\d+),(\d+)")
_DOT = regex(r"\d+\.\d+")


# Memoised: a pure function of its arguments (the text around the numeral
# is read by the callers), returning immutable values, and a corpus repeats
# its numerals (3,600 distinct ones among 33,000 in the native corpus).
@lru_cache(maxsize=4096)
def classify_numeral(token: str, scaled: bool = False) -> tuple[str, Decimal, Decimal | None] | None:
    """(style, value, other reading) of a numeral written with ``.``/``,``,
    or None for something that is not one number (``1.2.3``, ``1,2,3``).

    ``scaled``: a scale word follows, so ``6,497 triệu`` is the Vietnamese
    decimal 6,497 million rather than English 6,497."""
    try:
        if token.isdigit():
            return "plain", Decimal(token), None
        if _VI_THOUSANDS.fullmatch(token):
            whole, _, frac = token.partition(",")
            value = Decimal(whole.replace(".", "") + ("." + frac if frac else ""))
            alt = None
            if not frac and whole.count(".") == 1:
                # 81.300 could be an English 81.3 read as thousands.
                alt = Decimal(whole)
            return "vi-thousands", value, alt
        if _EN_THOUSANDS.fullmatch(token):
            return "en-thousands", Decimal(token.replace(",", "")), None
        m = _COMMA.fullmatch(token)
        if m:
            whole, frac = m.groups()
            decimal = Decimal(f"{whole}.{frac}")
            if len(frac) == 3 and len(whole) <= 3 and whole[0] != "0":
                english = Decimal(whole + frac)
                return ("ambiguous", decimal, english) if scaled else ("ambiguous", english, decimal)
            return "vi-decimal", decimal, None
        if _DOT.fullmatch(token):
            return "dot-decimal", Decimal(token), None
    except InvalidOperation:  # pragma: no cover - the regexes admit only digits
        return None
    return None


# ---------------------------------------------------------------------------
# Patterns

# Things that contain digits but are not quantities, checked where a number
# starts (one scan for digits drives everything; each pattern is anchored).
_PHONE_LOCAL = regex(r"0\d{2,4}(?:[ .-]?\d{2,4}){1,4}(?![\d,]|\.\d)")          # 0912 345 678
_PHONE_INTL = regex(r"(?:\+\s?\d{1,3}|\(\+?\d{2,4}\))(?:[ .-]?\d{1,4}){2,6}(?!\d)")  # (84) 28 3910 3913
_CODE_TAIL = regex(r"/[" + _L + r"][\w.-]*")                                  # 15/2020/NĐ-CP
# E-mail, web and domain names are found from their rare part (@, http,
# www., .com) and widened to the whole address.
_ADDRESS_CORE = regex(r"@[\w-]+(?:\.[\w-]+)+|\.(?:com|vn|net|org|jp|gov|edu|info|io)\b(?:\.[a-z]{2}\b)?(?:/\S*)?")
_ADDRESS_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-/:")
_NOT_SPACE = regex(r"\S+")
#: Whether a text holds ".com", ".vn", ".net", ".org" or ".jp" (then its
#: addresses are looked for): one scan for a literal "." instead of five
#: substring searches.
_ADDRESS_HINT = regex(r"\.(?:com|vn|net|org|jp)")


#: At most this many characters are read back from an address's rare part
#: to its start (a bound keeps the parser linear on text without spaces).
_ADDRESS_REACH = 256


def _address_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    # "w" is no Vietnamese letter: most texts have none, and looking for it
    # costs a fifth of looking for "www.".
    for marker in ("http", "www.") if "w" in text else ("http",):
        pos = text.find(marker)
        while pos != -1:
            end = _NOT_SPACE.match(text, pos).end()
            spans.append((pos, end))
            pos = text.find(marker, max(end, pos + 1))
    if "@" in text or _ADDRESS_HINT.search(text):
        for m in _ADDRESS_CORE.finditer(text):
            start = m.start()
            floor = max(0, start - _ADDRESS_REACH)
            while start > floor and text[start - 1] in _ADDRESS_CHARS:
                start -= 1
            if start < m.start():
                spans.append((start, m.end()))
    return spans


def _at_line_start(text: str, pos: int, reach: int = 64) -> bool:
    """Whether only blanks and bullets stand between the line start and
    ``pos``; reads back at most ``reach`` characters unless those are all
    blanks (linear time on long lines)."""
    floor = max(0, pos - reach)
    newline = text.rfind("\n", floor, pos)
    if newline == -1 and floor > 0:
        if text[floor:pos].strip(" \t•-*"):
            return False
        newline = text.rfind("\n", 0, pos)
    return not text[newline + 1:pos].strip(" \t•-*")


# The scan for numbers reads every character of the text. A pattern that
# opens with a single character class lets the regex engine skip quickly to
# the next candidate (it does not for a repeat such as \d+). \d (any Unicode
# decimal digit, not only 0-9) looks each character up in the Unicode
# database, while a class of ranges is tested inline. So the scan opens with
# the class of every character outside the blocks Vietnamese is written in
# (Basic Latin but 0-9, Latin-1 to the combining marks, Latin Extended
# Additional, General Punctuation) and asks \d only of what it lets through:
# digits and rare characters. Those blocks hold no other decimal digit and
# have no room for ten new ones, so the numbers are those of
# \d+(?:[.,:/]\d+)* (checked for every code point with Python 3.10 to 3.13),
# found in half the time.
_MAYBE_DIGIT = r"[^\x00-/:-\u036f\u1e00-\u1eff\u2000-\u206f](?<=\d)"
_TOKEN = regex(_MAYBE_DIGIT + r"\d*(?:[.,:/]\d+)*")

_CURRENCY_ALT = (
    r"đô la Mỹ|đô la|Đô la|đô-la|đôla|USD|US\$|usd|VNĐ|VND|vnđ"
    r"|đồng(?!" + _SP + r"(?:hồ|chí|nghiệp|bào|ruộng|lúa|đội|minh|thời|ý|loại|tâm|hành|hương|xu|bằng|phục|cỏ"
    r"|nát|tộc|môn|niên|đẳng|sở|tác|hạng|nhất|dạng|bộ|diễn|tình|lòng|thanh|trinh|dao|ca|tiền|nai|tháp|bảng|cảm"
    r"|thuận|hồ|vốn|mẫu|trắng|quê|nội|cấp|lứa|ngũ|phạm|điệu|thau|đen|thiếc|chì|kẽm|nhôm)(?![" + _L + r"]))"
    r"|đ|yên Nhật|yên|Yên|JPY|euro|Euro|EUR|€|nhân dân tệ|NDT|CNY"
)
_MEASURE_ALT = (
    r"km2|km²|m2|m²|m3|m³|km|cm|mm|kg|tấn|ha|mét|lít|MW|kWh|kW|GW|GB|MB|TB|inch|°C|độ C"
    r"|volt|GHz|MHz|kHz|KHz|Hz|mAh|mA|mV|kV|mW|ms|µs|dB|m|g"
    r"|phút|giây|giờ"
)
# Symbols read as units only when glued to the number (3.3V, 0.02s, 3A):
# apart they are letters of a label or a name.
_GLUED_ALT = r"(?<=\d)(?:V|A|W|s)(?![-–]\d)"
_UNIT_ALT = r"điểm phần trăm|điểm %|phần trăm|%|" + _CURRENCY_ALT + "|" + _MEASURE_ALT + "|" + _GLUED_ALT

# The spaces before a scale word or unit are possessive (?+): none starts
# with a space, so giving the space back only repeats the failed tries of
# every unit (the common case, a number followed by a word, is then cheaper).
_TAIL = regex(
    rf"(?:(?P<short>k|tr)(?![{_L}\d])"
    rf"|(?P<sp1>{_SP}?+)(?P<scale>(?:trăm|nghìn|ngàn|triệu|tỷ|tỉ)(?:{_SP}(?:nghìn|ngàn|triệu|tỷ|tỉ))?)(?![{_L}]))?"
    rf"(?:(?P<sp2>{_SP}?+)(?P<unit>{_UNIT_ALT})(?![{_L}\d]))?"
    rf"(?:/(?P<per>[{_L}]+))?"
)
#: What, besides a letter, can open a scale word or a unit of _TAIL.
_TAIL_FIRST = frozenset(" \u00a0%€°")
_ATTACHED_TIME = regex(r"h(\d{2})?(?![" + _L + r"\d])")
_RANGE_JOIN = regex(rf"{_SP}*[-–—]{_SP}*(?=\d)|{_SP}+(?:đến|tới){_SP}+(?:năm{_SP}+)?(?=\d)")
# The last clause boundary of a window (greedy: the match ends after it).
_CLAUSE_BACK = regex(r"(?s).*(?:[!?;\n“”\"(){}\[\]]|[.…](?=\s))")
_NOUN = regex(rf"(?:{_SP}+[{_L}][{_L}\-]*){{1,4}}")
#: What _NOUN opens with.
_NOUN_SPACES = (" ", "\u00a0")
_WORDS_IN = regex(rf"[{_L}\d%$]+")
_TIME = regex(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_DATE_CONTEXT = regex(
    rf"(?:sáng|chiều|tối|trưa|đêm|khuya|hôm|rạng sáng|thứ{_SP}+\w+|chủ nhật|từ|đến|tới|và|\(){_SP}*$",
    re.IGNORECASE,
)
_QUARTER = regex(rf"(?:quý|số|năm học|niên khóa|niên khoá|khóa|khoá){_SP}*$", re.IGNORECASE)
_DATE_KEY = regex(rf"(?<![{_L}])(?:[Nn]gày|[Tt]háng|[Nn]ăm){_SP}+$")
_DATE_KEY_LAST = frozenset(("y", "g", "m", " ", "\u00a0"))

_WORD_DATE = regex(
    rf"(?<![{_L}])(?:"
    rf"(?P<dw>[Nn]gày){_SP}+(?P<d>\d{{1,2}})(?:{_SP}*(?:[-–]|đến|và){_SP}*(?P<d2>\d{{1,2}}))?"
    rf"(?:{_SP}+tháng{_SP}+(?P<m>\d{{1,2}})(?:{_SP}+năm{_SP}+(?P<y>\d{{4}})|/(?P<y2>\d{{4}}))?"
    rf"|/(?P<m2>\d{{1,2}})(?:/(?P<y3>\d{{4}}))?)?"
    rf"|(?P<mw>[Tt]háng){_SP}+(?P<mo>\d{{1,2}})(?:{_SP}+năm{_SP}+(?P<yo>\d{{4}})|/(?P<yo2>\d{{4}}))?"
    rf"|(?P<yw>[Nn]ăm){_SP}+(?P<yr>\d{{4}})(?:{_SP}*[-–]{_SP}*(?P<yr2>\d{{4}})"
    rf"|{_SP}+(?:đến|tới){_SP}+(?:năm{_SP}+)?(?P<yr3>\d{{4}}))?"
    rf")(?![\d{_L}]|[.,:]\d|/[\d{_L}])"
)

# Number words.
_UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_AFTER_TEN = {**_UNITS, "lăm": 5, "nhăm": 5}
_AFTER_TENS = {**_AFTER_TEN, "mốt": 1, "tư": 4}
_WORD_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_NW = "một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ|nghìn|ngàn|triệu|tỷ|tỉ|chục"
# The first letter is matched before the look-behind that checks the
# character before it: scanning is then much faster than testing the
# look-behind at every position of the text. The look-ahead then tests the
# letters after it (those that open every branch below), which rules out
# most of the many words starting with one of these letters before the
# slower look-behind (a large class) is tried; it changes no match.
_NUMBER_WORDS = regex(
    rf"[hHbBnNsStTcCmM](?=ai|a|ốn|ảy|ẩy|ăm|áu|ám|hín|ười|ột)(?<![{_L}\d].)"
    rf"(?:(?<=[hH])ai|(?<=[bB])(?:a|ốn|ảy|ẩy)"
    rf"|(?<=[nN])ăm(?!{_SP}+(?:\d|nay|ngoái|sau|trước|tới|qua|học|mới|đó|này|ấy|rồi|nào|kia|xưa|tài))"
    rf"|(?<=[sS])áu|(?<=[tT])ám|(?<=[cC])hín|(?<=[mM])ười|(?<=[mM])ột(?={_SP}+(?:trăm|nghìn|ngàn|triệu|tỷ|tỉ|chục)))"
    rf"(?:{_SP}(?:{_NW}))*(?![{_L}])"
)
# "năm" alone is "year" far more often than "five".
_NOT_FIVE_BEFORE = frozenset(
    "vào trong hàng mỗi cả các những nhiều từ của đến tới qua sang cuối đầu giữa suốt hằng cùng mấy vài bao nửa "
    "là trước sau một hai ba bốn sáu bảy tám chín mười chục trăm nghìn triệu tỷ thứ quanh".split()
)
_NOT_FIVE_AFTER = frozenset(
    "nay ngoái sau trước tới qua học mới đó này ấy rồi nào kia xưa tài âm dương nhuận thứ kế trở đầu cuối và là "
    "của được có với thì mà nên đã đang sẽ vừa liền liên tiếp tháng ngày gần tuổi ánh châu".split()
)
# hàng trăm (hundreds of), vài, and ordinals (thứ hai = second).
_BA_IS_FATHER = frozenset("mẹ má tôi ơi của anh em nó ấy con ruột chồng vợ mình".split())
_VAGUE_BEFORE = frozenset("hàng vài mấy dăm bao thứ".split())


def _parse_number_words(words: list[str]) -> tuple[int, int] | None:
    """(value, words used) of a Vietnamese number in words, or None."""
    n, i, value = len(words), 0, 0
    w = [x.lower() for x in words]
    if i + 1 < n and w[i] in _UNITS and w[i + 1] == "trăm":
        value = _UNITS[w[i]] * 100
        i += 2
        if i + 1 < n and w[i] in ("linh", "lẻ") and w[i + 1] in _UNITS:
            value += _UNITS[w[i + 1]]
            i += 2
    if i < n and w[i] == "mười":
        value += 10
        i += 1
        if i < n and w[i] in _AFTER_TEN:
            value += _AFTER_TEN[w[i]]
            i += 1
    elif i + 1 < n and w[i] in _UNITS and (w[i] != "một" or w[i + 1] == "chục") and w[i + 1] in ("mươi", "chục"):
        value += _UNITS[w[i]] * 10
        i += 2
        if i < n and w[i - 1] == "mươi" and w[i] in _AFTER_TENS:
            value += _AFTER_TENS[w[i]]
            i += 1
    elif i < n and w[i] in _UNITS and value == 0:
        value += _UNITS[w[i]]
        i += 1
    if i == 0:
        return None
    multiplier = 1
    while i < n and w[i] in _WORD_SCALES:
        multiplier *= _WORD_SCALES[w[i]]
        i += 1
    return value * multiplier, i


# ---------------------------------------------------------------------------
# The parser


def _scale_value(scale: str | None, short: str | None) -> int:
    if short:
        return SCALES[short]
    if not scale:
        return 1
    result = 1
    for word in scale.split():
        result *= SCALES[word]
    return result


@lru_cache(maxsize=256)  # pure, and a text's units are few
def _unit_code(unit: str | None) -> str | None:
    if not unit:
        return None
    if unit in ("%", "phần trăm"):
        return "%"
    if unit in ("điểm phần trăm", "điểm %"):
        return "pp"
    code = CURRENCY_CODES.get(unit.lower())
    if code:
        return code
    return {"km²": "km2", "m²": "m2", "m³": "m3", "mét": "m", "độ C": "°C"}.get(unit, unit)


@lru_cache(maxsize=4096)
def _valid_date(day, month, year) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if not 1 <= day <= 31:
            return False
        if month is not None:
            limit = calendar.monthrange(year if year else 2024, month)[1]
            if day > limit:
                return False
    return True


_START = attrgetter("start")


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.out: list[Quantity] = []
        self.blocked: list[tuple[int, int]] = []

    # -- helpers -------------------------------------------------------------
    def _before(self, start: int, width: int = 24) -> str:
        return self.text[max(0, start - width):start]

    def _tail(self, end: int):
        """(short scale, scale words, unit, per) after a numeral ending at
        ``end``, and where the quantity ends."""
        m = _TAIL.match(self.text, end)
        groups = m.group("short", "scale", "unit", "per")
        if groups[0] is None and groups[1] is None and groups[2] is None:
            return groups, end
        return groups, m.end()

    def _blocked_at(self, pos: int) -> bool:
        i = bisect.bisect_right(self.blocked, (pos, float("inf"))) - 1
        return i >= 0 and self.blocked[i][0] <= pos < self.blocked[i][1]

    # -- passes --------------------------------------------------------------
    def run(self, words: bool = True) -> list[Quantity]:
        self.blocked = sorted(_address_spans(self.text))
        self._numbers()
        if words:
            self._number_words(0, len(self.text), sorted((q.start, q.end) for q in self.out))
        self.out.sort(key=_START)
        return self._with_context()

    def _word_date(self, m: re.Match) -> Quantity:
        """The quantity of a _WORD_DATE match (ngày 25 tháng 11 năm 2025)."""
        text = self.text
        # The groups of the branch that matched only (groupdict() builds all
        # seventeen, for every date of the text).
        day_word, month_word = m.group("dw", "mw")
        if day_word:
            day, high, month_a, month_b, year_a, year_b, year_c = m.group("d", "d2", "m", "m2", "y", "y2", "y3")
            day = int(day)
            month = month_a or month_b
            year = year_a or year_b or year_c
            high = int(high) if high else None
            month_i = int(month) if month else None
            year_i = int(year) if year else None
            us = False
            if month_b and year_c and high is None and month_i > 12 and 1 <= day <= 12:
                day, month_i, us = month_i, day, True  # ngày 11/25/2025: month first
            invalid = not _valid_date(day, month_i, year_i) or (
                high is not None and not _valid_date(high, month_i, year_i))
            return _new_quantity(m.start(), m.end(), m.group(), "date", None,
                                 Decimal(high) if high is not None else None,
                                 date=(day, month_i, year_i), invalid=invalid, us_order=us)
        if month_word:
            month, year_a, year_b = m.group("mo", "yo", "yo2")
            month = int(month)
            year = year_a or year_b
            return _new_quantity(m.start(), m.end(), m.group(), "date", None,
                                 date=(None, month, int(year) if year else None), invalid=not 1 <= month <= 12)
        year, other_a, other_b = m.group("yr", "yr2", "yr3")
        year = int(year)
        other = other_a or other_b
        if other and int(other) <= year:
            # "năm 2020-2019" is not a range; keep only the first year.
            end = m.start("yr") + 4
            return _new_quantity(m.start(), end, text[m.start():end], "year", Decimal(year))
        return _new_quantity(m.start(), m.end(), m.group(), "year", Decimal(year),
                             Decimal(other) if other else None)

    def _numbers(self) -> None:
        text = self.text
        n = len(text)
        consumed = 0
        blocked = self.blocked
        append = self.out.append
        for m in _TOKEN.finditer(text):
            start, end = m.span()
            if start < consumed or (blocked and self._blocked_at(start)):
                continue
            token = m.group()
            prev = text[start - 1] if start else " "
            # ngày 25 tháng 11 năm 2025, tháng 4/2025, năm 2025. _DATE_KEY
            # ends with one of these words and spaces: the character before
            # the last space is a space or the word's last letter.
            if prev in " \u00a0" and text[start - 2:start - 1] in _DATE_KEY_LAST:
                lo = start - 7 if start > 7 else 0
                before = text[lo:start].lower()
                if "ngày" in before or "tháng" in before or "năm" in before:
                    key = _DATE_KEY.search(text, lo, start)
                    date = _WORD_DATE.match(text, key.start()) if key else None
                    if date:
                        append(self._word_date(date))
                        consumed = date.end()
                        continue
            # Phone numbers: 0912 345 678, (84) 28 3910 3913, +84 …
            if token[0] == "0" and prev not in ".," and len(token) > 1:
                phone = _PHONE_LOCAL.match(text, start)
                if phone and sum(c.isdigit() for c in phone.group()) >= 9:
                    consumed = phone.end()
                    continue
            if prev in "(+" or (prev == " " and text[start - 2:start - 1] == "+"):
                opening = start - 1 if prev in "(+" else start - 2
                if text[opening - 1:opening] == "(" and prev == "+":
                    opening -= 1
                phone = _PHONE_INTL.match(text, opening)
                if phone:
                    consumed = phone.end()
                    continue
            nxt = text[end] if end < n else ""
            # Document numbers: 15/2020/NĐ-CP, 123/QĐ-TTg
            if nxt == "/" and text[end + 1:end + 2].isalpha():
                consumed = _CODE_TAIL.match(text, end).end()
                continue
            if prev.isalpha() or prev in "_@#№" or (prev in "-–" and start >= 2 and text[start - 2].isalpha()):
                continue  # G20, ST25, COVID-19, #3
            if prev in ".," and start >= 2 and text[start - 2].isdigit():
                continue
            # List markers: (1), and 1. / 1) / a) at the start of a line.
            if len(token) <= 2 and token.isdigit():
                if prev == "(" and nxt == ")":
                    continue
                if nxt in ".)" and text[end + 1:end + 2] in (" ", "\t", "\n", "") and _at_line_start(text, start):
                    continue
            if ":" in token:
                q = self._time(m, token)
            elif "/" in token:
                q = self._slash(m, token)
                head = token.split("/", 1)[0]
                if q is None and ("." in head or "," in head):
                    # 111.3/60: a decimal divided by a number; read the decimal.
                    q = self._number(head, start, start + len(head))
            else:
                q = self._number(token, start, end)
            if q is None:
                continue
            append(q)
            consumed = q.end

    def _time(self, m: re.Match, token: str) -> Quantity | None:
        t = _TIME.fullmatch(token)
        if not t:
            return None
        hours, minutes = int(t.group(1)), int(t.group(2))
        if hours > 24 or minutes > 59:
            return None  # a ratio (60:40) or a score, not a clock time
        start, end = m.span()
        value = Decimal(hours * 60 + minutes)
        high = None
        join = _RANGE_JOIN.match(self.text, end)
        if join:
            other = _TOKEN.match(self.text, join.end())
            t2 = _TIME.fullmatch(other.group()) if other else None
            if t2:
                high = Decimal(int(t2.group(1)) * 60 + int(t2.group(2)))
                end = other.end()
        return _new_quantity(start, end, self.text[start:end], "time", value, high)

    def _slash(self, m: re.Match, token: str) -> Quantity | None:
        parts = token.split("/")
        if not all(p.isdigit() for p in parts):
            return None
        start, end = m.span()
        before = self._before(start)
        if end < len(self.text) and self.text[end].isalnum() or _QUARTER.search(before):
            return None
        nums = [int(p) for p in parts]
        if len(parts) == 3 and len(parts[2]) == 4 and len(parts[0]) <= 2 and len(parts[1]) <= 2:
            day, month, year = nums
            us = False
            if month > 12 and 1 <= day <= 12 and 1 <= month <= 31:
                day, month, us = month, day, True
            return _new_quantity(start, end, token, "date", None, date=(day, month, year),
                                 invalid=not _valid_date(day, month, year), us_order=us)
        if len(parts) == 2:
            a, b = nums
            if len(parts[1]) == 4 and 1900 <= b <= 2100 and len(parts[0]) <= 2:
                if 1 <= a <= 12:
                    return _new_quantity(start, end, token, "date", None, date=(None, a, b))
                return None  # a document number such as 30/2020
            if (len(parts[0]) <= 2 and len(parts[1]) <= 2 and _valid_date(a, b, None)
                    and _DATE_CONTEXT.search(before)):
                return _new_quantity(start, end, token, "date", None, date=(a, b, None))
        return None

    def _number(self, token: str, start: int, end: int) -> Quantity | None:
        """The quantity of the numeral ``token`` at ``text[start:end]``, with
        its scale, unit and range, or None when it is no amount (5G)."""
        text = self.text
        # self._tail(end), inline: this runs for nearly every number. A
        # scale word or a unit starts with a letter, a space, "%", "€" or
        # "°": after anything else (",", ".", ")", a line break: a third of
        # the numbers) there is none, and the match is not tried.
        nxt = text[end:end + 1]
        short = scale_words = unit_words = per_word = None
        tail_end = end
        if nxt and (nxt.isalpha() or nxt in _TAIL_FIRST):
            tail = _TAIL.match(text, end)
            # Every group of _TAIL reads at least one character: after an
            # empty match (a number and then a word, most of them) all are
            # None, and reading them is skipped.
            if tail.end() > end:
                short, scale_words, unit_words, per_word = tail.group("short", "scale", "unit", "per")
                if short or scale_words or unit_words:
                    tail_end = tail.end()  # (a /per alone belongs to no unit: not taken)
        # Before a scale word or %, 6,497 (triệu) and 99,982 (%) are decimals.
        scaled = tail_end > end and (bool(scale_words or short) or unit_words in ("%", "phần trăm"))
        info = classify_numeral(token, scaled)
        if info is None:
            return None
        style, value, alt = info
        if tail_end == end:
            # Something glued to the number that is not a unit: 5G, 3D, 2B.
            if nxt.isalpha():
                time = _ATTACHED_TIME.match(text, end)
                if time and style == "plain" and int(token) <= 24:
                    minutes = int(time.group(1) or 0)
                    if minutes <= 59:
                        return _new_quantity(start, time.end(), text[start:time.end()], "time",
                                             Decimal(int(token) * 60 + minutes))
                return None
            if nxt == "-" and text[end + 1:end + 2].isalpha():
                return None
        # Numeral(...) without the NamedTuple's Python-level __new__ (the
        # same tuple, for half the cost: this runs for every number).
        numerals = (_tuple_new(Numeral, (start, end, token, style, value, alt)),)
        prefix_unit = None
        q_start = start
        if start and text[start - 1] in "$€¥":
            sym = "US$" if text[max(0, start - 3):start] == "US$" else text[start - 1]
            prefix_unit = CURRENCY_CODES[sym.lower()]
            q_start = start - len(sym)
        multiplier = _scale_value(scale_words, short) if scale_words or short else 1
        unit = (_unit_code(unit_words) if unit_words else None) or prefix_unit
        scale = scale_words or short
        per = per_word if unit_words else None
        q_end = tail_end
        high = None
        # A range: 4-5 doanh nghiệp, 2-3 triệu USD, 2011 đến 2015.
        peek = text[q_end:q_end + 6]
        join = None
        if "-" in peek or "–" in peek or "—" in peek or "đến" in peek or "tới" in peek:
            join = _RANGE_JOIN.match(text, q_end)
        if join:
            other = _TOKEN.match(text, join.end())
            if other and not any(c in other.group() for c in ":/"):
                (short2, scale2, unit2_words, per2), tail2_end = self._tail(other.end())
                info2 = classify_numeral(other.group(), bool(scale2 or short2) or scaled)
                nxt2 = text[tail2_end:tail2_end + 1]
                if info2 and not (tail2_end == other.end() and nxt2.isalpha()):
                    mult2 = _scale_value(scale2, short2)
                    unit2 = _unit_code(unit2_words)
                    low_mult = multiplier if (scale or unit) else mult2
                    if info2[1] * mult2 > value * low_mult and (unit is None or unit2 is None or unit == unit2):
                        numerals += (Numeral(other.start(), other.end(), other.group(), info2[0], info2[1], info2[2]),)
                        high = info2[1] * mult2
                        multiplier = low_mult
                        unit = unit or unit2
                        scale = scale or scale2 or short2
                        per = per or (per2 if unit2_words else None)
                        q_end = tail2_end
        kind = "number"
        if not prefix_unit and _is_label(text[start - 30 if start > 30 else 0:start]):
            kind = "label"
        elif style == "plain" and len(token) == 4 and 1800 <= int(token) <= 2100 and not scale and not unit:
            kind = "year"
        return _new_quantity(
            q_start, q_end, text[q_start:q_end], kind, value * multiplier, high, unit, scale,
            numerals, per=per,
        )

    def _number_words(self, span_start: int, span_end: int, taken=()) -> None:
        """Numbers in words within the span, outside the ``taken`` spans
        (sorted (start, end) of the numbers already read)."""
        text = self.text
        for m in _NUMBER_WORDS.finditer(text, span_start, span_end):
            start = m.start()
            i = bisect.bisect_right(taken, (start, float("inf"))) - 1
            if i >= 0 and taken[i][1] > start:
                continue
            words = m.group().split()
            parsed = _parse_number_words(words)
            if parsed is None:
                continue
            value, used = parsed
            prev_word = self._before(start, 16).split()[-1:] or [""]
            prev_word = prev_word[0].lower()
            if prev_word in _VAGUE_BEFORE or prev_word[-1:].isdigit():
                continue
            end = start + len(" ".join(words[:used]))
            if used == 1 and words[0].lower() == "năm":
                after = _NOUN.match(text, end)
                next_word = after.group().split()[0].lower() if after else ""
                if prev_word in _NOT_FIVE_BEFORE or next_word in _NOT_FIVE_AFTER or not next_word:
                    continue
            if words[0].lower() == "ba" and used == 1:
                after = _NOUN.match(text, end)
                if after and after.group().split()[0].lower() in _BA_IS_FATHER:
                    continue  # ba mẹ, ba tôi: father
            if words[0][0].isupper():
                # A capitalised number word only at the start of a sentence.
                before = text[max(0, start - 3):start].rstrip(" \u00a0")
                if before and before[-1] not in ".!?:\n“\"(–-•":
                    continue
            (_, scale_words, unit_words, _), tail_end = self._tail(end)
            unit = _unit_code(unit_words) if unit_words and not scale_words else None
            q_end = tail_end if unit else end
            self.out.append(Quantity(
                start, q_end, text[start:q_end], "number", Decimal(value), unit=unit,
                numerals=(Numeral(start, end, text[start:end], "words", Decimal(value)),),
            ))

    # -- subjects and nouns ----------------------------------------------------
    def _with_context(self) -> list[Quantity]:
        """Give each amount its noun (the words after it) and where its
        subject may start (after the previous amount); the subject itself is
        read on demand. Dates, years, times and labels need neither. The
        parser completes its own new objects here, before anyone else sees
        them, hence the writes to a frozen dataclass."""
        text = self.text
        boundary = 0
        for q in self.out:
            if q.kind != "number":
                continue
            fields_of = q.__dict__  # what object.__setattr__ would write, for less
            fields_of["source_text"] = text
            fields_of["window_start"] = max(boundary, q.start - 120)
            # A noun follows a space: after ",", "." or ")" there is none.
            end = q.end
            if text[end:end + 1] in _NOUN_SPACES:
                noun_match = _NOUN.match(text, end)
                if noun_match:
                    fields_of["noun"] = noun_match.group().strip()
            if q.value is not None and q.numerals and q.numerals[0].style != "words":
                boundary = end  # "hai chiều" (two-way) does not end a subject
        return self.out


def parse_quantities(text: str, words: bool = True) -> list[Quantity]:
    """Every quantity of a Vietnamese text, sorted by position. With
    ``words=False`` numbers written in words (tám, mười một) are left out:
    reading them is a third of the cost, and few rules need them (see
    :func:`parse_number_words`)."""
    return _Parser(text).run(words)


def parse_number_words(text: str, spans) -> list[Quantity]:
    """The numbers written in words within ``spans`` ((start, end) offsets)
    of ``text``, with the same positions, nouns and subjects as in
    :func:`parse_quantities`."""
    parser = _Parser(text)
    parser.blocked = []
    for start, end in spans:
        parser._number_words(start, end)
    parser.out.sort(key=_START)
    return parser._with_context()


def padded_words(text: str) -> str:
    """Folded words of ``text`` between spaces, for :func:`has_phrase`."""
    return f" {' '.join(_WORDS_IN.findall(fold(text)))} "


def has_phrase(padded: str, phrases) -> bool:
    """Whether ``padded`` (from :func:`padded_words`) holds one of the
    folded ``phrases`` as whole words."""
    return any(f" {p} " in padded for p in phrases)


def subject_matches(subject: str, phrases) -> bool:
    """Whether ``subject`` contains one of the folded ``phrases`` as whole
    words, ignoring case and diacritics."""
    return has_phrase(padded_words(subject), phrases)


def fold_phrase(phrase: str) -> str:
    return " ".join(_WORDS_IN.findall(fold(phrase)))


# ---------------------------------------------------------------------------
# English source text

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_EN_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
              "bn": 10**9, "mn": 10**6, "k": 10**3, "m": 10**6}
_MONTH_ALT = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_EN_DATE = regex(
    rf"\b(?:(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_ALT})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<m3>{_MONTH_ALT})\s+(?P<y3>\d{{4}}))\b",
    re.IGNORECASE,
)
_EN_NUMERIC_DATE = regex(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_EN_TOKEN = regex(r"\d+(?:[.,:]\d+)*")
_EN_TAIL = regex(
    r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|mn)\b|(?P<short>k|m|bn)\b)?"
    r"(?:\s?(?P<unit>%|percent\b|per\s+cent\b|percentage\s+points?\b|US\$|USD\b|dollars?\b|yen\b|JPY\b|"
    r"euros?\b|EUR\b|€|VND\b|dong\b|yuan\b|CNY\b))?",
    re.IGNORECASE,
)
_EN_WORDS = regex(
    r"\b(?:(?:" + "|".join(list(_EN_TENS) + list(_EN_SMALL)) + r")(?:[- ](?:" + "|".join(_EN_SMALL) +
    r"|one))?(?:\s+(?:hundred|thousand|million|billion|trillion))*)\b",
    re.IGNORECASE,
)


def _en_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    u = " ".join(unit.lower().split())
    if u in ("%", "percent", "per cent"):
        return "%"
    if u.startswith("percentage point"):
        return "pp"
    return CURRENCY_CODES.get(u.rstrip("s") if u not in CURRENCY_CODES else u) or CURRENCY_CODES.get(u)


def parse_english_quantities(text: str) -> list[Quantity]:
    """Numbers, dates and times of an English text (for ``figure-source``)."""
    out: list[Quantity] = []
    blocked: list[tuple[int, int]] = _address_spans(text)
    for m in re.finditer(r"(?<![\d.,])(?=0\d{2})|(?=\(\+?\d{2,4}\)|\+\s?\d)", text):
        phone = (_PHONE_LOCAL if text[m.start()] == "0" else _PHONE_INTL).match(text, m.start())
        if phone and sum(c.isdigit() for c in phone.group()) >= 8:
            blocked.append(phone.span())
    for m in _EN_DATE.finditer(text):
        g = m.groupdict()
        month = _EN_MONTHS[(g["m1"] or g["m2"] or g["m3"]).lower()]
        day = g["d1"] or g["d2"]
        year = g["y1"] or g["y2"] or g["y3"]
        out.append(Quantity(m.start(), m.end(), m.group(), "date", None,
                            date=(int(day) if day else None, month, int(year) if year else None)))
        blocked.append(m.span())
    for m in _EN_NUMERIC_DATE.finditer(text):
        if m.group(1):
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            month, day = (a, b) if a <= 12 else (b, a)
        else:
            y, month, day = int(m.group(4)), int(m.group(5)), int(m.group(6))
        out.append(Quantity(m.start(), m.end(), m.group(), "date", None, date=(day, month, y)))
        blocked.append(m.span())
    blocked.sort()

    def is_blocked(pos):
        i = bisect.bisect_right(blocked, (pos, float("inf"))) - 1
        return i >= 0 and blocked[i][0] <= pos < blocked[i][1]

    for m in _EN_TOKEN.finditer(text):
        start, end = m.span()
        if is_blocked(start):
            continue
        prev = text[start - 1] if start else " "
        if prev.isalpha() or prev in "_@#" or (prev == "-" and start >= 2 and text[start - 2].isalpha()):
            continue
        token = m.group()
        nxt = text[end:end + 1]
        if prev == "(" and nxt == ")" and len(token) <= 2:
            continue
        if re.match(r"(?:st|nd|rd|th)\b", text[end:end + 3]):
            continue  # ordinal
        if ":" in token:
            t = _TIME.fullmatch(token)
            if t:
                out.append(Quantity(start, end, token, "time", Decimal(int(t.group(1)) * 60 + int(t.group(2)))))
            continue
        tail = _EN_TAIL.match(text, end)
        if nxt.isalpha() and not (tail.group("short") or tail.group("unit") or tail.group("scale")):
            continue
        try:
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
                value = Decimal(token.replace(",", ""))
            elif re.fullmatch(r"\d+(?:\.\d+)?", token):
                value = Decimal(token)
            else:
                continue
        except InvalidOperation:  # pragma: no cover
            continue
        scale = (tail.group("scale") or tail.group("short") or "").lower()
        multiplier = _EN_SCALES.get(scale, 1)
        unit = _en_unit(tail.group("unit"))
        q_start = start
        for sym in ("US$", "$", "€", "¥"):
            if text[max(0, start - len(sym)):start] == sym:
                unit, q_start = CURRENCY_CODES[sym.lower()], start - len(sym)
                break
        q_end = tail.end() if tail.end() > end else end
        kind = "year" if token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100 and multiplier == 1 and not unit else "number"
        out.append(Quantity(q_start, q_end, text[q_start:q_end], kind, value * multiplier, unit=unit,
                            numerals=(Numeral(start, end, token, "en", value),)))
    taken = sorted((q.start, q.end) for q in out)
    for m in _EN_WORDS.finditer(text):
        i = bisect.bisect_right(taken, (m.start(), float("inf"))) - 1
        if i >= 0 and taken[i][1] > m.start():
            continue
        value = _english_words_value(m.group())
        if value is not None:
            out.append(Quantity(m.start(), m.end(), m.group(), "number", Decimal(value),
                                numerals=(Numeral(m.start(), m.end(), m.group(), "words", Decimal(value)),)))
    out.sort(key=lambda q: q.start)
    return out


def _english_words_value(phrase: str) -> int | None:
    words = re.split(r"[\s-]+", phrase.lower())
    value, current = 0, 0
    for word in words:
        if word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word == "one":
            current += 1
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_SCALES:
            value += (current or 1) * _EN_SCALES[word]
            current = 0
        else:
            return None
    return value + current


# ---------------------------------------------------------------------------
# Comparison keys (translation ↔ source)


def match_keys(q: Quantity) -> set[tuple]:
    """Language-independent keys of a quantity: two quantities that share a
    key state the same number (``1,300`` ↔ ``1.300``, ``Nov 25`` ↔ ``25/11``)."""
    keys: set[tuple] = set()
    if q.kind == "date" and q.date:
        day, month, year = q.date
        if day and month:
            keys.add(("d", day, month))
        if month and year:
            keys.add(("m", month, year))
        if year:
            keys.add(("n", Decimal(year)))
        return keys
    if q.kind == "time":
        keys.add(("t", q.value))
        if q.high is not None:
            keys.add(("t", q.high))
        return keys
    if q.value is not None:
        keys.add(("n", q.value.normalize()))
    if q.high is not None:
        keys.add(("n", q.high.normalize()))
    return keys


__all__ = [
    "CURRENCY_CODES", "MONEY_UNITS", "Numeral", "Quantity", "classify_numeral", "describe", "fold_phrase",
    "format_vi", "has_phrase", "match_keys", "padded_words", "parse_english_quantities", "parse_number_words",
    "parse_quantities", "spoken", "subject_matches", "vietnamese_form",
]
