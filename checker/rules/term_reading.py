"""Sino-Vietnamese readings of Japanese names in a text about Japan
(``term-reading``), and the Japan context that ``term-admin`` shares."""

from __future__ import annotations

import bisect
import functools
import re
import weakref

from ..matcher import Verdict
from ..model import Severity
from ..patterns import matches_at, occurrences, regex
from ..vietnamese import LETTER, UPPER, tone_key
from .base import DocumentRule, Option

#: Nouns before " Nhật" that make it Japan, in any case: "người Nhật", "Chính phủ Nhật".
_JAPAN_NOUNS = ("người", "tiếng", "nước", "phía", "đồng", "yên", "xứ", "văn hóa", "văn hoá", "Đại sứ quán",
                "Chính phủ", "Thủ tướng", "Hoàng gia")
_NOT_JAPAN_AFTER = r"(?! (?:ký|kí|trình|báo|thực|Lệ|Tân|Tảo))"  # nhật ký, Nhật Tân...


def _word_start(word: str, any_case: bool = False) -> list[str]:
    r"""Branches matching ``word`` at the start of a word: its first letter
    (both cases when ``any_case``), then ``(?<!\w.)``, the ``\b`` before it
    checked after it. A pattern whose branches all start with a literal is
    searched for by its first letters, far faster than one starting with
    ``\b``, which the engine tries at every position."""
    first, rest = word[0], re.escape(word[1:])
    if not any_case:
        return [rf"{first}(?<!\w.){rest}"]
    return [rf"{case}(?<!\w.)(?i:{rest})" for case in (first.lower(), first.upper())]


#: Words that say a passage is about Japan. "Nhật" alone is not one:
#: "Chủ Nhật" (Sunday), "nhật ký", "cập nhật", the names Minh Nhật, Nhật Tân.
#: Every branch starts at a key word (_JAPAN_KEYS), at a noun one space
#: before "Nhật" or at "Việt" before a dash: _japan_words tries it only
#: there (a new branch must start at one of them too).
_JAPAN_WORDS = regex("|".join([
    *(rf"{branch}\b" for branch in _word_start("Nhật Bản")),
    *(rf"{branch} Nhật\b{_NOT_JAPAN_AFTER}" for noun in _JAPAN_NOUNS for branch in _word_start(noun, any_case=True)),
    *(rf"{branch}\s*[-–—]\s*Nhật\b" for branch in _word_start("Việt")),
    *(rf"{branch}\s*[-–—]\s*Việt\b" for branch in _word_start("Nhật")),
    *(rf"{branch}\b" for name in ("Japan", "Japanese", "JICA", "JETRO", "Thiên hoàng", "Nhật hoàng")
      for branch in _word_start(name)),
]))
#: Vietnamese history, where the readings are Vietnamese names: Đông Kinh
#: is also Hanoi under the Hồ and Lê, Đông Kinh Nghĩa Thục a school of 1907.
_HISTORY_WORDS = regex(
    r"\bnhà (?:Lý|Trần|Hồ|Lê|Mạc|Nguyễn|Tây Sơn)\b|\b(?:Hậu Lê|Lê sơ|Thăng Long|Đông Đô|Nghĩa Thục|Đông Du|"
    r"Đàng Ngoài|Đàng Trong|Bắc Hà|Bắc Kỳ|Bắc Kì|Tonkin|Đại Việt|Đại Nam|Hoàng thành|Phan Bội Châu|Lê Lợi|"
    r"Hồ Quý Ly|phong kiến|vua Lê|vua Trần|chúa Trịnh|chúa Nguyễn)\b"
)
#: Era names (年号) that are also the readings of places (昭和村 Showa).
_ERA_READINGS = {tone_key(era) for era in ("Lệnh Hòa", "Bình Thành", "Chiêu Hòa", "Đại Chính", "Minh Trị")}
_WINDOW = 1500  # characters either side: a few paragraphs
_MIN_ANCHORS = 1


class JapanContext:
    """Where a document is about Japan: near (within a few paragraphs, in
    the same section) a Japan anchor — the words "Nhật Bản", "người Nhật",
    a Japanese place of the glossary or gazetteer, a Japanese person, an
    organisation with a Japanese name — in a document with at least
    ``_MIN_ANCHORS`` anchors. Vietnamese-history passages (nhà Lê, Thăng Long, Đông Du...)
    are kept apart: ``history_near`` tells where they are."""

    def __init__(self, doc, ctx):
        # A proxy: the context keeps this object (japan_context), and a
        # reference back would make the context and every view it holds
        # (mentions, quantities, matches) a cycle that only the garbage
        # collector frees, after scanning it in passes of its own.
        self._doc, self._ctx = doc, weakref.proxy(ctx)
        self.sections = sorted(b.start for b in getattr(doc, "blocks", ()) if b.role == "heading")

    @functools.cached_property
    def anchors(self) -> list[int]:
        """Offsets of the Japan anchors; the regex only runs on a document
        that has one of its key words (most have none)."""
        text = self._doc.text
        anchors = []
        if _has_japan_key(text):
            anchors = _japan_words(text)
        for match in self._ctx.term_matches:
            entry = match.entry
            if match.verdict not in (None, Verdict.VARIANT, Verdict.ORDER, Verdict.SOURCE):
                continue
            # the cheap tests first: most matches are of the gazetteer
            if entry.kind == "phrase" or entry.path.endswith(".tsv.gz") or not _is_japanese(entry):
                continue  # a town of the gazetteer alone may be a foreign name: Obama (小浜), Date (伊達)
            if match.verdict is None and len(match.raw) < 4:
                continue  # "Kita", "Naka": short romaji may be anything
            anchors.append(match.start)
        return sorted(anchors)

    @functools.cached_property
    def history(self) -> list[int]:
        return [m.start() for m in _HISTORY_WORDS.finditer(self._doc.text)]

    @property
    def about_japan(self) -> bool:
        return len(self.anchors) >= _MIN_ANCHORS

    def _bounds(self, offset: int) -> tuple[int, int]:
        low, high = offset - _WINDOW, offset + _WINDOW
        if self.sections:
            i = bisect.bisect_right(self.sections, offset)
            if i > 0:
                low = max(low, self.sections[i - 1])
            if i < len(self.sections):
                high = min(high, self.sections[i])
        return low, high

    @staticmethod
    def _any_in(points: list[int], low: int, high: int) -> bool:
        i = bisect.bisect_left(points, low)
        return i < len(points) and points[i] < high

    def at(self, offset: int) -> bool:
        """Whether ``offset`` lies in a passage about Japan."""
        return self.about_japan and self._any_in(self.anchors, *self._bounds(offset))

    def history_near(self, offset: int) -> bool:
        return self._any_in(self.history, *self._bounds(offset))


def _has_japan_key(text: str) -> bool:
    """Whether ``text`` holds a key word of _JAPAN_WORDS ("Nhật", "Japan",
    "JICA", "JETRO", "Thiên hoàng"; every match holds one): a document
    without any is not scanned. The J words are looked for only after a
    capital J (a one-letter find is many times faster)."""
    return ("Nhật" in text or "Thiên hoàng" in text
            or ("J" in text and any(word in text for word in ("Japan", "JICA", "JETRO"))))


#: The key words of _JAPAN_WORDS (see _has_japan_key): every match holds one.
_JAPAN_KEYS = ("Nhật", "Japan", "JICA", "JETRO", "Thiên hoàng")
#: How far before its "Nhật" a "người Nhật" branch starts: the noun and a space.
_NOUN_LENGTHS = sorted({len(noun) + 1 for noun in _JAPAN_NOUNS})
#: Where a "Việt - Nhật" branch may start (its "\s*" has no length bound).
_VIET_BEFORE_DASH = regex(r"Việt(?=\s*[-–—]\s*Nhật)")


def _japan_words(text: str) -> list[int]:
    """``[m.start() for m in _JAPAN_WORDS.finditer(text)]``, matched only
    where a match can start. Searching the whole text, the engine tries the
    pattern at nearly every word, as its branches start with about twenty
    common letters (người, tiếng, phía...); yet each match starts at one of
    its key words, a noun and a space before a "Nhật", or a "Việt" before
    a dash and a "Nhật". Tried at those positions only (matches_at, whose
    match() sees the whole text, look-behinds and \\b included), it gives
    the same matches for a ninth of the instructions
    (tests/test_japan_words.py)."""
    starts = set()
    for key in _JAPAN_KEYS:
        # str.find, key by key: a regex of the five keys, which starts with
        # N, J or T, stops at every capital N and T, and costs three times as much
        found = occurrences(text, key)
        starts.update(found)
        if key == "Nhật":
            for start in found:
                if start and text[start - 1] == " ":  # "{noun} Nhật" has one space
                    starts.update(start - length for length in _NOUN_LENGTHS if length <= start)
    if "Việt" in text:
        starts.update(m.start() for m in _VIET_BEFORE_DASH.finditer(text))
    return [match.start() for match in matches_at(_JAPAN_WORDS, text, sorted(starts))]


def _is_japanese(entry) -> bool:
    if entry.readings or entry.order:
        return True
    path = entry.path.replace("\\", "/")
    if path.endswith(("/japan.yaml", ".tsv.gz")):
        return True
    return any(_has_kana_or_kanji(form) for form in entry.source_forms)


_KANA_OR_KANJI = regex(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _has_kana_or_kanji(text: str) -> bool:
    return _KANA_OR_KANJI.search(text) is not None


def japan_context(doc, ctx) -> JapanContext:
    """The document's Japan context, built once and shared by the rules."""
    cached = ctx.__dict__.get("_japan_context")
    if cached is None:
        cached = ctx.__dict__["_japan_context"] = JapanContext(doc, ctx)
    return cached


_CAPITAL_WORD_BEFORE = regex(rf"([{UPPER}][{LETTER}]*)[ \t]+$")
_CAPITAL_WORD_AFTER = regex(rf"^[ \t]+[{UPPER}][{LETTER}]*")
_SENTENCE_START = regex(r"(?:^|[.!?:;…\"“”'‘’(\[\-–—•*#|>\n])\s*$")


#: Words before a Vietnamese person's given name ("anh Tuấn Hà", "chị
#: Ngọc Thành", "thực tập sinh Vũ Thành"): Vietnamese workers and students
#: in Japan are a common subject, and their names read like kanji names.
_PERSON_BEFORE = regex(
    r"(?:^|[^\w])(?i:anh|chị|em|ông|bà|cô|chú|bác|cháu|cụ|bạn|thầy|bé|cậu|dì|nữ sinh|nam sinh|ca sĩ|nghệ sĩ|"
    r"diễn viên|cầu thủ|vận động viên|sinh viên|học sinh|thực tập sinh|lao động|giáo viên|bác sĩ|kỹ sư|"
    r"tên|tên là|gọi là|nhà văn|nhà thơ|họa sĩ|hoạ sĩ|đạo diễn|tác giả|NSƯT|NSND|PGS|GS|TS|ThS)[.\s]+$"
)


def after_person_word(text: str, start: int) -> bool:
    return bool(_PERSON_BEFORE.search(text[max(0, start - 25):start]))


def part_of_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right before (not opening a sentence) or after
    the span: the span is part of a longer name ("Đông Kinh Nghĩa Thục",
    the actress "Tả Đại Phân")."""
    if _CAPITAL_WORD_AFTER.match(text[end:end + 40]):
        return True
    before = text[max(0, start - 60):start]
    word = _CAPITAL_WORD_BEFORE.search(before)
    if word is None:
        return False
    return not _SENTENCE_START.search(before[:word.start()])


class TermReading(DocumentRule):
    """
    ## What it does
    In a passage about Japan, flags a Japanese place written as the
    Sino-Vietnamese reading of its kanji — 東京 "Đông Kinh" for Tokyo, 大阪
    "Đại Phản" for Osaka, 福岡 "Phúc Cương" for Fukuoka — wherever it stands,
    not only after "tỉnh" (which `term-variant` reports). The readings come
    from the generated gazetteer (every prefecture, municipality and ward;
    `mtlint glossary show NAME` lists them).

    A passage is about Japan when it names Japan ("Nhật Bản", "người Nhật")
    or a Japanese place, person or organisation of the glossary within a
    few paragraphs, in the same section. Readings are
    not reported near Vietnamese history (nhà Lê, Thăng Long, Đông Du: Đông
    Kinh is also an old name of Hanoi), nor as part of a longer name
    ("Đông Kinh Nghĩa Thục") or after a word that introduces a person
    ("anh Tuấn Hà": Vietnamese given names read like kanji). Readings that are ordinary Vietnamese words or
    names of native news ("Trung Ương", "Hà Nam") were left out of the
    gazetteer.

    ## Why is this bad?
    Machine translation from Chinese-influenced models renders kanji names by
    their Sino-Vietnamese reading. Vietnamese readers and the press know
    these places by their romaji names; "Phúc Cương" is unrecognisable and
    cannot be searched.

    ## Example
    ```
    Đoàn doanh nghiệp Nhật Bản đã tới Đại Phản và người dân Phúc Cương.
    ```

    ## Use instead
    ```
    Đoàn doanh nghiệp Nhật Bản đã tới Osaka và người dân Fukuoka.
    ```
    """

    name = "term-reading"
    category = "name-variant"
    severity = Severity.ERROR
    options = (
        Option("context", "japan", "where readings are reported: 'japan' (passages about Japan) or 'anywhere'",
               choices=("japan", "anywhere")),
    )

    def check(self, doc, ctx):
        matches = [m for m in ctx.term_matches if m.verdict is Verdict.READING]
        if not matches:
            return
        anywhere = ctx.option(self.name, "context") == "anywhere"
        context = None if anywhere else japan_context(doc, ctx)
        text = doc.text
        for match in matches:
            if (tone_key(match.raw) in _ERA_READINGS or part_of_longer_name(text, match.start, match.end)
                    or after_person_word(text, match.start)):
                continue  # 昭和 names a village and an era: term-admin judges era names
            if context is not None and (not context.at(match.start) or context.history_near(match.start)):
                continue
            entry = match.entry
            kanji = next((k for k in entry.source_forms if _has_kana_or_kanji(k)), None)
            of = f" of {kanji}" if kanji else ""
            yield self.finding(
                doc, match.start, match.end,
                f"'{match.raw}' is the Sino-Vietnamese reading{of}; the Japanese place is written "
                f"'{entry.canonical}'",
                entry.canonical,
            )
