"""``figure-date``: dates and times written the English or Japanese way in
Vietnamese text, and a weekday that does not match its date."""

from __future__ import annotations

import datetime
import re

from ..model import Severity
from ..patterns import matches_at, occurrences, regex
from .base import DocumentRule

_SP = r"[ \u00a0]"

#: Letters only Vietnamese uses among Latin-script languages (marks, đ, ơ, ư):
#: a window with enough words holding one is Vietnamese text.
_VI_LETTERS = frozenset(
    "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ĂÂĐÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)
#: How far (characters) on each side of a match the language is judged.
_WINDOW = 160


def _words_around(text: str, start: int, end: int) -> tuple[int, int]:
    """(words, words with a Vietnamese letter) on the line of ``start:end``,
    at most _WINDOW characters on each side."""
    lo = max(0, start - _WINDOW)
    left = text.rfind("\n", lo, start)
    lo = left + 1 if left != -1 else lo
    right = text.find("\n", end, end + _WINDOW)
    hi = right if right != -1 else min(len(text), end + _WINDOW)
    words = (text[lo:start] + " " + text[end:hi]).split()
    return len(words), sum(1 for w in words if not _VI_LETTERS.isdisjoint(w))


def _vietnamese_around(text: str, start: int, end: int) -> bool:
    """Whether the text around ``start:end`` is Vietnamese: at least three
    words, and a quarter of the words, carry a Vietnamese letter. An English
    citation (``Published 12 May 2023``) is not."""
    words, marked = _words_around(text, start, end)
    return marked >= 3 and marked * 4 >= words


def english_around(text: str, start: int, end: int) -> bool:
    """Whether the line around ``start:end`` is clearly English: six words
    or more, hardly any with a Vietnamese letter (a title in a reading
    list). Short table rows and labels are not judged English."""
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    left, right = text.rfind("\n", lo, start), text.find("\n", end, hi)
    around = text[left + 1 if left != -1 else lo:start] + " " + text[end:right if right != -1 else hi]
    words = [w for w in around.split() if len(w) > 1 and w.strip(".,;:!?()[]\"'").isalpha()]
    marked = sum(1 for w in words if not _VI_LETTERS.isdisjoint(w))
    return len(words) >= 6 and marked * 10 < len(words)


# -- year/month/day -------------------------------------------------------------
# Each pattern starts with a character class and checks the character
# before it with a look-behind placed after that first character: the
# regex engine then scans for the class quickly instead of testing the
# look-behind at every position of the text.
_YMD = regex(r"([12](?<![\w/.:\-].)\d{3})/(\d{1,2})/(\d{1,2})(?![\w/])")

# -- garbled word order: ngày 2023 tháng 5 năm 12, năm 2023 tháng 5 ngày 12 -----
_DATE_WORD = r"(?:[Nn]gày|[Tt]háng|[Nn]ăm)"
_WORD_ORDER = regex(
    rf"(?P<w1>[NnTt](?<![\w].)(?:gày|háng|ăm)){_SP}+(?P<n1>\d{{1,4}}){_SP}+(?P<w2>{_DATE_WORD}){_SP}+(?P<n2>\d{{1,4}})"
    rf"{_SP}+(?P<w3>{_DATE_WORD}){_SP}+(?P<n3>\d{{1,4}})(?![\w/]|[.,]\d)"
)
#: tháng 5 ngày 12, 2023 / tháng 5 ngày 12 năm 2023 (English "May 12, 2023").
_MONTH_DAY = regex(
    rf"(?P<mw>[Tt](?<![\w].)háng){_SP}+(?P<m>\d{{1,2}}){_SP}+ngày{_SP}+(?P<d>\d{{1,2}})"
    rf"(?:,{_SP}*|{_SP}+năm{_SP}+)(?P<y>(?:1[89]|20)\d\d)(?![\w])"
)

# -- English month names, and May translated as the modal "có thể" ------------
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ANY = _FULL + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_YEAR = r"(?:1[89]|20)\d\d"
_EN_MONTH = regex(
    rf"(?<![\w])(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_SP}+(?P<m1>{_ANY})\.?,?{_SP}+(?P<y1>{_YEAR})"
    rf"|(?P<m2>{_ANY})\.?{_SP}+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,{_SP}*(?P<y2>{_YEAR})"
    rf"|(?P<m3>{_FULL}){_SP}+(?P<y3>{_YEAR})"
    rf"|(?P<dw>[Nn]gày){_SP}+(?P<d4>\d{{1,2}}){_SP}+(?P<m4>{_FULL})(?:,?{_SP}+(?P<y4>{_YEAR}))?"
    rf"|(?P<mw>[Tt]háng){_SP}+(?P<m5>{_FULL})(?:,?{_SP}+(?P<y5>{_YEAR}))?)(?![\w])"
)
#: Where a month name or "có thể" stands: the full patterns are tried only
#: in a small window around these (fast on long texts). _MONTH_HIT defines
#: the month-name hits; :func:`_month_hits` finds the same, faster.
_MONTH_HIT = regex(rf"(?:{_ANY})(?![\w])")
#: What :func:`_month_hits` looks for to find the matches of _MONTH_HIT: the
#: capital where it is rare in Vietnamese text (J, F: not Vietnamese
#: letters; A, O: Ă, Â, Ô, Ơ are other letters), else the first three
#: letters (N, S, D and M open many Vietnamese words and names). A regex
#: starting with a class tests the class at every character; ``str.find``
#: of one character runs at memchr speed and one of three letters skips
#: ahead, so these nine finds cost about half the scan.
_MONTH_NEEDLES = ("J", "F", "Mar", "May", "A", "Sep", "O", "Nov", "Dec")
#: The month names each needle opens, in _ANY's order (the order the
#: alternation tries them: "January" before "Jan", "Sept" before "Sep").
_MONTH_NAMES_AT = {needle: [name for name in _ANY.split("|") if name.startswith(needle)]
                   for needle in _MONTH_NEEDLES}
#: "có thể" found from its literal "ó" (a pattern opening with a literal is
#: scanned far faster than one opening with a class; the look-behind then
#: checks the "C"), and only where a number follows, as in every
#: _MAY_AS_MODAL match ("8 Có Thể 2022", "Có Thể 8, 2022"): the common modal
#: verb is skipped at once. The hit starts one character before the match.
_MODAL_HIT = regex(rf"ó(?<=[Cc]ó){_SP}+[Tt]hể(?=,?{_SP}+\d)")
_HIT_REACH = 16
#: Every garbled word order holds "tháng" followed by a number: a literal
#: found quickly.
_THANG = regex(rf"háng(?={_SP}+\d)")
_MAY_AS_MODAL = regex(
    rf"(?<![\w])(?:(?P<d1>\d{{1,2}}){_SP}+[Cc]ó{_SP}+[Tt]hể,?{_SP}+(?P<y1>{_YEAR})"
    rf"|[Cc]ó{_SP}+[Tt]hể{_SP}+(?P<d2>\d{{1,2}}),{_SP}*(?P<y2>{_YEAR}))(?![\w])"
)

# -- 12-hour times ---------------------------------------------------------------
_AMPM = regex(
    rf"(?P<h>\d(?<![\w:.,]\d)\d?)(?::(?P<m>\d{{2}}))?{_SP}?"
    r"(?:(?P<up>AM|PM|A\.M\.|P\.M\.)|(?(m)(?P<low>am|pm|a\.m\.|p\.m\.)|(?!)))(?![\w])"
)
#: What every _AMPM match holds: an upper-case marker (an "M" after "A",
#: "P" or "."), or a lower-case one after minutes (":30 pm"). Both hints
#: open with a literal, so a text without them is ruled out quickly.
_AMPM_UPPER_HINT = regex(r"M(?<=[AP.]M)")
_AMPM_LOWER_HINT = regex(rf":\d\d{_SP}?[ap]\.?m")

# -- weekday and date -------------------------------------------------------------
#: Vietnamese weekday → Python weekday (Monday = 0).
_WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "2": 0, "3": 1, "4": 2, "5": 3, "6": 4,
             "7": 5}
_WEEKDAY_NAMES = ("Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Chủ nhật")
_ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_DATE = regex(
    rf"(?P<wd>[TtCc](?<![\w].)(?:(?P<thu>hứ){_SP}+(?P<n>[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])"
    rf"|hủ{_SP}+[Nn]hật))(?![\w])"
    rf"{_SP}*[,(–-]?{_SP}*(?:ngày{_SP}+)?"
    rf"(?:(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})"
    rf"|(?P<d>\d{{1,2}}){_SP}+tháng{_SP}+(?P<m>\d{{1,2}})(?:{_SP}+năm{_SP}+|,{_SP}*|/)(?P<y2>\d{{4}}))"
    rf"(?![\d\w])"
)
#: Where a _WEEKDAY_DATE match can start: "thứ" or "chủ" (as the pattern
#: reads them: any of T, t, C, c then "hứ" or "hủ"), found from their rare
#: letter (a literal: a fast scan), the match starting two characters
#: before it. The look-ahead requires the weekday name that the pattern
#: requires next, so the many other "thứ" (ordinals, "thứ tự") and "chủ"
#: (chủ tịch, chủ yếu) are passed over in the scan.
_THU_HIT = regex(rf"ứ(?<=[TtCc]hứ)(?={_SP}+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7]))")
_CHU_HIT = regex(rf"ủ(?<=[TtCc]hủ)(?={_SP}+[Nn]hật)")
#: A word before "thứ N" that makes it an ordinal (tháng thứ 6, lần thứ hai).
_ORDINAL_BEFORE = frozenset(
    "tháng lần ngày tuần năm quý người hạng vị giải đứa con bài câu phần kỳ khóa khoá đợt vòng trận tập số "
    "loại bậc cấp điều mục chương khóa đời thế hệ thành viên đội nhóm".split()
)


def _date(day: int, month: int, year: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_hits(text: str) -> list[tuple[int, int]]:
    """(start, end) of the matches of _MONTH_HIT in ``text``, in order,
    found with ``str.find`` (see _MONTH_NEEDLES). Sorting the hits of all
    needles gives finditer's list: a hit is a whole name followed by no
    word character, so no two overlap."""
    hits = []
    size = len(text)
    for needle, names in _MONTH_NAMES_AT.items():
        for pos in occurrences(text, needle):
            for name in names:
                end = pos + len(name)
                # (?![\w]): \w is what isalnum() accepts, and "_"
                if text.startswith(name, pos) and (end == size or not (text[end].isalnum() or text[end] == "_")):
                    hits.append((pos, end))
                    break
    hits.sort()
    return hits


def _vi_weekday(weekday: int, like: str) -> str:
    """The Vietnamese name of ``weekday`` (Monday = 0) in the style of
    ``like`` (``Thứ Sáu``, ``thứ sáu``, ``thứ 6``, ``Chủ nhật``)."""
    if weekday == 6:
        return "Chủ nhật" if like[:1].isupper() else "chủ nhật"
    thu = "Thứ" if like[:1].isupper() else "thứ"
    name = like.split()[-1]
    if like[:1] in "Cc":  # Chủ nhật: Thứ Hai or thứ hai
        return f"{thu} {_WEEKDAY_NAMES[weekday] if like[:1] == 'C' else _WEEKDAY_NAMES[weekday].lower()}"
    if name.isdigit():
        return f"{thu} {weekday + 2}"
    word = _WEEKDAY_NAMES[weekday]
    return f"{thu} {word if name[:1].isupper() else word.lower()}"


_DIGIT = regex(r"\d")
#: Every _YMD match holds a year and a slash before a digit (2024/1…):
#: a text without one has no year/month/day date. Opens with a literal.
_YMD_HINT = regex(r"/(?<=[12]\d\d\d/)\d")

class FigureDate(DocumentRule):
    """
    ## What it does
    Flags dates and times written the English or Japanese way in Vietnamese
    text: year/month/day (`2024/10/15` → `15/10/2024`), a garbled date word
    order (`ngày 2023 tháng 5 năm 12` → `ngày 12 tháng 5 năm 2023`,
    `năm 2023 tháng 5 ngày 12`, `tháng 5 ngày 12, 2023`), English month
    names (`8 May 2022`, `May 8, 2022`, `tháng May`), the month "May"
    translated as the modal verb (`8 Có Thể 2022`), 12-hour times
    (`9:00 AM` → `9:00`, `5:00 PM` → `17:00`), and, as an error, a weekday
    that does not match its date (`Thứ Sáu, 3/3/2021`: that day was a
    Wednesday). The suggestion is the Vietnamese form.

    ## Why is this bad?
    Vietnamese writes dates day first (`ngày 15 tháng 10 năm 2024`,
    `15/10/2024`) and times on the 24-hour clock. A machine translation
    that keeps the source order or a month name leaves dates a reader must
    decode, and `2024/10/15` or `8 Có Thể 2022` reads as a code or as
    nonsense. A weekday that contradicts its date means one of them was
    mistranslated (or a month-first date was read day first; the message
    says when the other order matches). Month names and AM/PM are reported
    only where the surrounding text is Vietnamese, so an English citation
    (`Published 12 May 2023`) stays quiet; an ordinal (`tháng thứ 6,
    ngày 13/4/2015`) is no weekday.

    ## Example
    ```
    Hội thảo diễn ra vào Thứ Sáu, 3/3/2021, từ 9:00 AM đến 5:00 chiều; hạn nộp 2024/10/15.
    ```

    ## Use instead
    ```
    Hội thảo diễn ra vào Thứ Tư, 3/3/2021, từ 9:00 đến 17:00; hạn nộp 15/10/2024.
    ```
    """

    name = "figure-date"
    category = "number-format"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        text = doc.text
        # No digit, no date. "2", "0" and "1" (years, dates) are found by a
        # substring test, several times faster than the scan for any \d.
        if not ("2" in text or "0" in text or "1" in text) and _DIGIT.search(text) is None:
            return
        yield from self._ymd(doc, text)
        yield from self._word_order(doc, text)
        yield from self._month_names(doc, text)
        yield from self._twelve_hour(doc, text)
        yield from self._weekdays(doc, text)

    # -- year/month/day ------------------------------------------------------------
    def _ymd(self, doc, text):
        if _YMD_HINT.search(text) is None:
            return
        for m in _YMD.finditer(text):
            year, month, day = m.group(1), m.group(2), m.group(3)
            if not 1800 <= int(year) <= 2099 or _date(int(day), int(month), int(year)) is None:
                continue
            yield self.finding(
                doc, m.start(), m.end(),
                f"'{m.group()}' is written year/month/day (the Japanese and ISO order); Vietnamese writes "
                f"day/month/year: {day}/{month}/{year}",
                f"{day}/{month}/{year}",
            )

    # -- word order ------------------------------------------------------------------
    def _word_order(self, doc, text):
        # Both patterns are searched around the same "tháng N": scan once.
        thang = [m.span() for m in _THANG.finditer(text)]
        if not thang:
            return
        for m in self._around(_WORD_ORDER, thang, text, 24, 32, word_start=False):
            words = [m.group(f"w{i}").lower() for i in (1, 2, 3)]
            numbers = [m.group(f"n{i}") for i in (1, 2, 3)]
            if sorted(words) != ["ngày", "năm", "tháng"]:
                continue
            if words == ["ngày", "tháng", "năm"] and len(numbers[2]) == 4:
                continue  # ngày 12 tháng 5 năm 2023: right
            years = [i for i, n in enumerate(numbers) if len(n) == 4]
            if len(years) != 1:
                continue
            year = int(numbers[years[0]])
            month_at = words.index("tháng")
            month = numbers[month_at]
            rest = [n for i, n in enumerate(numbers) if i not in (years[0], month_at)]
            if len(rest) != 1 or len(month) > 2:
                continue
            day = rest[0]
            if _date(int(day), int(month), year) is None:
                continue
            ngay = "Ngày" if m.group()[:1].isupper() else "ngày"
            suggestion = f"{ngay} {day} tháng {month} năm {year}"
            yield self.finding(
                doc, m.start(), m.end(),
                f"'{m.group()}' has the date parts in the wrong order (the source's month/day/year or "
                f"year/month/day order); Vietnamese writes ngày … tháng … năm …: {suggestion}",
                suggestion,
            )
        for m in self._around(_MONTH_DAY, thang, text, 2, 32, word_start=False):
            day, month, year = m.group("d"), m.group("m"), m.group("y")
            if _date(int(day), int(month), int(year)) is None:
                continue
            ngay = "Ngày" if m.group("mw")[:1].isupper() else "ngày"
            suggestion = f"{ngay} {day} tháng {month} năm {year}"
            yield self.finding(
                doc, m.start(), m.end(),
                f"'{m.group()}' keeps the English month-first order; Vietnamese writes the day first: "
                f"{suggestion}",
                suggestion,
            )

    # -- month names -------------------------------------------------------------------
    @staticmethod
    def _around(pattern, hits, text, before=_HIT_REACH, after=_HIT_REACH, word_start=True, lead=0):
        """Matches of ``pattern`` holding a match of ``hits`` (a pattern,
        or the list of (start, end) of its matches in ``text``), searched
        only within ``before`` and ``after`` characters of each hit. A hit
        starts ``lead`` characters before the match of ``hits`` (whose
        look-behind checks them)."""
        covered = -1
        spans = (hit.span() for hit in hits.finditer(text)) if isinstance(hits, re.Pattern) else hits
        for hit_start, hit_end in spans:
            start = hit_start - lead
            if start < covered or (word_start and start and (text[start - 1].isalnum() or text[start - 1] == "_")):
                continue
            stop = min(len(text), hit_end + after)
            m = pattern.search(text, max(0, start - before), stop)
            while m is not None and m.end() <= start:
                m = pattern.search(text, m.end(), stop)
            if m is None or m.start() > start:
                continue
            covered = m.end()
            yield m

    def _month_names(self, doc, text):
        for m in self._around(_EN_MONTH, _month_hits(text), text):
            g = m.groupdict()
            name = g["m1"] or g["m2"] or g["m3"] or g["m4"] or g["m5"]
            month = _MONTHS[name.lower().rstrip(".")]
            if not _vietnamese_around(text, m.start(), m.end()):
                continue
            day = g["d1"] or g["d2"] or g["d4"]
            year = g["y1"] or g["y2"] or g["y3"] or g["y4"] or g["y5"]
            if day and year and _date(int(day), month, int(year)) is None:
                continue
            lead = f"{g['dw'] or g['mw']} " if g["dw"] or g["mw"] else ""
            if day and year:
                suggestion = f"{lead}{day}/{month}/{year}"
            elif year:
                suggestion = f"{lead or 'tháng '}{month}/{year}"
            elif g["dw"]:
                suggestion = f"{g['dw']} {day} tháng {month}"
            else:
                suggestion = f"{g['mw']} {month}"
            yield self.finding(
                doc, m.start(), m.end(),
                f"'{m.group()}' keeps the English month name '{name}' in Vietnamese text; write {suggestion}",
                suggestion,
            )
        for m in self._around(_MAY_AS_MODAL, _MODAL_HIT, text, lead=1):
            day, year = m.group("d1") or m.group("d2"), m.group("y1") or m.group("y2")
            if _date(int(day), 5, int(year)) is None:
                continue
            suggestion = f"{day}/5/{year}"
            yield self.finding(
                doc, m.start(), m.end(),
                f"'{m.group()}' is a date whose month 'May' was translated as the verb 'có thể' (may, can); "
                f"write {suggestion} (ngày {day} tháng 5 năm {year})",
                suggestion,
            )

    # -- 12-hour clock -----------------------------------------------------------------
    def _twelve_hour(self, doc, text):
        if _AMPM_UPPER_HINT.search(text) is None and _AMPM_LOWER_HINT.search(text) is None:
            return
        for m in _AMPM.finditer(text):
            hour = int(m.group("h"))
            minutes = m.group("m")
            if not 1 <= hour <= 12 or (minutes is not None and int(minutes) > 59):
                continue
            if not _vietnamese_around(text, m.start(), m.end()):
                continue
            marker = (m.group("up") or m.group("low")).upper().replace(".", "")
            if marker == "PM" and hour != 12:
                hour += 12
            elif marker == "AM" and hour == 12:
                hour = 0
            suggestion = f"{hour}:{minutes or '00'}"
            yield self.finding(
                doc, m.start(), m.end(),
                f"'{m.group()}' is a 12-hour English time; Vietnamese writes the 24-hour clock: {suggestion}"
                f" (or {m.group('h')} giờ {'sáng' if marker == 'AM' else 'chiều/tối'})",
                suggestion,
            )

    # -- weekdays ------------------------------------------------------------------------
    def _weekday_matches(self, text):
        """The matches of _WEEKDAY_DATE, in order: the full pattern is tried
        only where "thứ" or "chủ" stands (every match starts with one, and
        none holds another, so no two overlap)."""
        starts = [m.start() - 2 for m in _THU_HIT.finditer(text)]
        starts.extend(m.start() - 2 for m in _CHU_HIT.finditer(text))
        starts.sort()
        return matches_at(_WEEKDAY_DATE, text, starts)

    def _weekdays(self, doc, text):
        for m in self._weekday_matches(text):
            before = text[max(0, m.start() - 24):m.start()].split()
            if before and before[-1].lower().strip("(,") in _ORDINAL_BEFORE:
                continue  # tháng thứ 6, lần thứ hai: an ordinal
            stated = 6 if m.group("thu") is None else _WEEKDAYS[m.group("n").lower()]
            if m.group("a"):
                day, month, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
                date_text = f"{m.group('a')}{m.group('sep')}{m.group('b')}{m.group('sep')}{m.group('y')}"
            else:
                day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y2"))
                date_text = text[m.start("d"):m.end()]
            date = _date(day, month, year)
            swapped = _date(month, day, year) if day != month else None
            if date is None and swapped is None:
                continue  # not a date (figure-implausible reports it)
            if date is not None and date.weekday() == stated:
                continue
            if date is None:  # 11/25/2025: only the month-first reading exists
                if swapped.weekday() == stated:
                    continue  # figure-format reports the order
                date = swapped
            actual = date.weekday()
            written = m.group("wd")
            hint = ""
            if swapped is not None and swapped is not date and swapped.weekday() == stated:
                hint = (f"; read month first ({swapped.day}/{swapped.month}/{swapped.year}) it would be a "
                        f"{_ENGLISH_WEEKDAYS[stated]}: was the date written in the English order?")
            yield self.finding(
                doc, m.start("wd"), m.end("wd"),
                f"'{written}, {date_text}': {date.day}/{date.month}/{date.year} was a {_ENGLISH_WEEKDAYS[actual]} "
                f"({_vi_weekday(actual, 'Thứ Hai')}), not a {_ENGLISH_WEEKDAYS[stated]}{hint}",
                _vi_weekday(actual, written),
                severity=Severity.ERROR,
            )
