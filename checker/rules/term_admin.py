"""Japanese administrative terms in Vietnamese (``term-admin``)."""

from __future__ import annotations

import functools
import re

from ..gazetteer import place_types
from ..matcher import Verdict
from ..model import Severity
from ..patterns import matches_at, regex
from ..vietnamese import has_vietnamese_marks, tone_key
from .base import DocumentRule, Option
from .term_reading import japan_context, part_of_longer_name

#: The seat of each prefecture's government (県庁所在地), where it is not
#: the prefecture's own name; Tokyo's is Shinjuku, but "thủ đô Tokyo" is right.
_CAPITALS = {
    "Hokkaido": "Sapporo", "Iwate": "Morioka", "Miyagi": "Sendai", "Ibaraki": "Mito", "Tochigi": "Utsunomiya",
    "Gunma": "Maebashi", "Kanagawa": "Yokohama", "Ishikawa": "Kanazawa", "Yamanashi": "Kofu", "Aichi": "Nagoya",
    "Mie": "Tsu", "Shiga": "Otsu", "Hyogo": "Kobe", "Shimane": "Matsue", "Kagawa": "Takamatsu",
    "Ehime": "Matsuyama", "Okinawa": "Naha",
}
_NOT_CAPITALS = {"Tokyo", "Hokkaido"}
#: Era names (年号) and the Gregorian year before their first year.
_ERAS = {"Reiwa": 2018, "Heisei": 1988, "Showa": 1925, "Shōwa": 1925}
_ERA_READINGS = {tone_key("Lệnh Hòa"): "Reiwa", tone_key("Bình Thành"): "Heisei", tone_key("Chiêu Hòa"): "Showa"}
_ENGLISH_DESIGNATIONS = {
    "Prefecture": "tỉnh", "City": "thành phố", "Ward": "quận", "Town": "thị trấn", "Village": "làng",
}
#: A letter of each designation that Vietnamese text seldom holds: a
#: one-letter find, many times faster than a find of the word, rules out
#: most documents (City and Village have none).
_DESIGNATION_LETTERS = {"Prefecture": "f", "City": "", "Ward": "W", "Town": "w", "Village": ""}
#: Federal states a text about Japan may name: their "bang" and "liên bang" are right.
_FEDERAL = (
    r"Mỹ|Hoa Kỳ|Đức|Nga|Úc|Australia|Canada|Ấn Độ|Brazil|Malaysia|Mexico|Thụy Sĩ|Áo|Nigeria|Pakistan|"
    r"Argentina|Bỉ|Ethiopia|Micronesia|UAE|Fed|FBI|California|Texas|New York|Washington|Florida|Hawaii|"
    r"Bavaria|Sabah|Sarawak|Johor|Penang|Selangor"
)
_FOREIGN_FEDERAL = regex(rf"\b(?:{_FEDERAL})\b")
_SENTENCE = regex(r"[^.!?\n]*")

_NOUN = r"(?P<noun>[Tt]iểu bang|[Bb]ang|[Qq]uận|[Hh]uyện)"
# \b{_NOUN}, written for speed (the same matches): a pattern opening with
# \b is tried at every position of the text, one opening with a character
# class lets the regex engine skip to those letters. The look-ahead rules
# out most words starting with them before the look-behind (the \b) is tried.
_NOUN_AT_WORD_START = (
    r"(?P<noun>[TtBbQqHh](?=iểu bang|ang|uận|uyện)(?<!\w.)"
    r"(?:(?<=[Tt])iểu bang|(?<=[Bb])ang|(?<=[Qq])uận|(?<=[Hh])uyện))"
)
#: Where a noun of _NOUN starts a word: _OF_JAPAN, _BEFORE_NAME and _LISTED
#: open with one, so this one scan tells where each can match (matches_at).
#: The "bang" of a "tiểu bang" is not among them, but where a pattern fails
#: at "tiểu bang" it fails at its "bang" too (what follows is the same).
_NOUN_START = regex(_NOUN_AT_WORD_START)
_OF_JAPAN = regex(
    rf"{_NOUN_AT_WORD_START}(?=\s+(?:của|ở|tại|thuộc|trên khắp|trên toàn|khắp)\s+(?:nước\s+)?Nhật(?: Bản)?\b)")
_FORTY_SEVEN = regex(rf"47(?<!\w..)\s+{_NOUN}\b")  # \b47: the literal first lets the engine skip to it
_STATES = regex(r"\b(?:các|những|mỗi|từng|nhiều|một số|tất cả các|hai|ba)\s+(?P<noun>tiểu bang|bang)\b(?!\s+giao)")
_FEDERAL_WORDS = regex(
    r"\b(?P<phrase>(?P<head>[Cc]hính phủ|[Cc]hính quyền|cấp|ngân sách|luật|nghị viện|quốc hội|cơ quan|tòa án|"
    r"toà án|thuế|hệ thống|nhà nước)\s+(?P<federal>liên bang))\b(?!\s+(?:{0}))".format(_FEDERAL))
_ERA_WORDS = regex(
    r"\b(?i:năm|thời|thời kỳ|thời kì|thời đại|kỷ nguyên|kỉ nguyên|niên hiệu|triều|triều đại|đầu|cuối|giữa)\s+"
    r"(?P<era>Lệnh H(?:òa|oà)|Bình Thành|Chiêu H(?:òa|oà))\b")
_REIWA_READING = regex(r"\bLệnh H(?:òa|oà)\b")
_ERA_YEAR = regex(r"\b(?P<era>Reiwa|Heisei|Showa|Shōwa)\s+(?:năm\s+)?(?:thứ\s+)?(?P<n>\d{1,2}|nguyên niên)\b")
_GREGORIAN_NEAR = regex(r"^\s*(?:\(|,|–|-)?\s*(?:năm\s+)?(?:1[89]\d\d|20\d\d)\b")


@functools.lru_cache(maxsize=1)
def _places():
    """(prefectures, wards, towns and villages, every name) of the gazetteer."""
    kinds = place_types()
    prefectures = {n for n, k in kinds.items() if "prefecture" in k}
    wards = {n for n, k in kinds.items() if k & {"ward", "special-ward"}}
    towns = {n for n, k in kinds.items() if k & {"town", "village"}}
    return prefectures, wards, towns, set(kinds)


_AFTER_CAPITAL = r"[a-zāēīōū]+(?:-[A-Z]?[a-zāēīōū]+)?"
_CAPITALISED = rf"[A-ZĐ]{_AFTER_CAPITAL}"
_BEFORE_NAME = regex(rf"{_NOUN_AT_WORD_START}\s+(?P<name>{_CAPITALISED})\b")
_LISTED = regex(
    rf"{_NOUN_AT_WORD_START}\s+(?:như|gồm|là|bao gồm|gồm có|chẳng hạn như)\s+(?P<name>{_CAPITALISED})\b")
# \b(?P<noun>[Tt]hủ đô): the \b is checked after the letters, as for _NOUN_AT_WORD_START.
_CAPITAL = regex(rf"(?P<noun>[Tt]hủ đô)(?<!\w.{{6}})(?:\s+(?:của\s+)?(?P<pref>tỉnh)\b|\s+(?P<name>{_CAPITALISED})\b)")
# \b(?P<name>{_CAPITALISED}), the \b checked after the capital (for speed).
_ENGLISH = regex(rf"(?P<name>[A-ZĐ](?<!\w.){_AFTER_CAPITAL})[ -](?P<kind>{'|'.join(_ENGLISH_DESIGNATIONS)})\b")


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset:
    prefectures = _places()[0]
    return frozenset(set(_CAPITALS.values()) | (prefectures - _NOT_CAPITALS - set(_CAPITALS)))


class TermAdmin(DocumentRule):
    """
    ## What it does
    In a text about Japan, flags Japanese administrative units named with
    the wrong Vietnamese term: a prefecture (県/府/都/道) called "quận",
    "huyện", "bang" or "tiểu bang" — before its name ("tiểu bang Aichi") or
    in general ("mỗi quận của Nhật Bản", "47 quận", "các tiểu bang như
    Aichi"); a prefectural capital called "thủ đô" ("thủ đô Nagoya",
    "thủ đô của tỉnh"); federal vocabulary ("chính phủ liên bang") for
    Japan's central government; an era name left as its Sino-Vietnamese
    reading ("năm Lệnh Hòa thứ 6", "thời Chiêu Hòa"); and "Ward", "City",
    "Prefecture", "Town", "Village" left in English after a Japanese place
    ("Shinjuku Ward"). With `era_year = gregorian`, an era year without the
    Gregorian year ("năm Reiwa 6") is reported too.

    Japan context is that of `term-reading`; sentences that name a federal
    state (Mỹ, Đức, Úc, California...) are left alone. "Ward"/"City" after
    a Japanese place needs no context.

    ## Why is this bad?
    Japan is a unitary state of 47 prefectures, which the Vietnamese press
    calls "tỉnh"; "quận" is a ward (Tokyo's 23 special wards), "huyện" a
    rural district, "bang" a state of a federation. A prefecture's seat is
    its "thủ phủ"; only Tokyo is a "thủ đô". Machine translation copies the
    English "county", "state", "capital" and "federal", and misleads the
    reader about how Japan is governed.

    ## Example
    ```
    Mỗi quận của Nhật Bản có một thống đốc. Các tiểu bang như Aichi và
    thủ đô Nagoya nhận ngân sách từ chính phủ liên bang từ năm Lệnh Hòa thứ 2.
    Văn phòng đặt tại Shinjuku Ward.
    ```

    ## Use instead
    ```
    Mỗi tỉnh của Nhật Bản có một thống đốc. Các tỉnh như Aichi và
    thủ phủ Nagoya nhận ngân sách từ chính quyền trung ương từ năm Reiwa thứ 2.
    Văn phòng đặt tại quận Shinjuku.
    ```
    """

    name = "term-admin"
    category = "literal-mistranslation"
    severity = Severity.WARNING
    options = (
        Option("era_year", "ignore",
               "'gregorian': also report an era year (năm Reiwa 6) not followed by the Gregorian year",
               choices=("ignore", "gregorian")),
    )

    def check(self, doc, ctx):
        text = doc.text
        context = japan_context(doc, ctx)
        prefectures, wards, towns, _ = _places()
        capitals, names = _capitals(), _places()[3]
        reported: list[tuple[int, int]] = [(m.start, m.end) for m in ctx.term_matches
                                           if m.verdict is not None and m.verdict is not Verdict.READING]
        seen: set[tuple[int, int]] = set()

        def overlaps(start, end):
            return any(s < end and start < e for s, e in reported)

        def emit(start, end, message, suggestion):
            if (start, end) in seen or overlaps(start, end):
                return None
            seen.add((start, end))
            return self.finding(doc, start, end, message, suggestion)

        def in_japan(offset):
            return context.at(offset) and not _FOREIGN_FEDERAL.search(_sentence_at(text, offset))

        results = []
        # Each pass of a regex over a text costs: the checks run only where
        # their key words are (a prefecture's name, "Ward"...), and those
        # that need a Japan context only in a document about Japan.
        japan = context.about_japan  # a prefecture of the glossary is an anchor too
        # A prefecture called quận / huyện / bang / tiểu bang before its name.
        noun_starts = [m.start() for m in _NOUN_START.finditer(text)] if japan else []
        for match in matches_at(_BEFORE_NAME, text, noun_starts):
            noun, name = match.group("noun"), match.group("name")
            if name not in prefectures:
                continue
            lowered = noun.lower()
            if (lowered == "quận" and name in wards) or (lowered == "huyện" and name in towns):
                continue  # the ward Kita, a town or district of that name
            if _FOREIGN_FEDERAL.search(_sentence_at(text, match.start())):
                continue
            results.append(emit(match.start(), match.end(),
                                f"'{match.group()}': {name} is a Japanese prefecture, called 'tỉnh' in Vietnamese",
                                f"{_like(noun, 'tỉnh')} {name}"))
        # ... in general sentences.
        for pattern in (_OF_JAPAN, _FORTY_SEVEN, _LISTED) if japan else ():
            matches = pattern.finditer(text) if pattern is _FORTY_SEVEN else matches_at(pattern, text, noun_starts)
            for match in matches:
                start, end = match.span("noun")
                if pattern is _LISTED and match.group("name") not in prefectures:
                    continue
                if pattern is not _LISTED and not in_japan(start):
                    continue
                results.append(emit(start, end,
                                    f"'{match.group('noun')}' for a Japanese prefecture: the Vietnamese term is 'tỉnh'",
                                    _like(match.group("noun"), "tỉnh")))
        for match in _STATES.finditer(text) if japan and "bang" in text else ():
            start, end = match.span("noun")
            if in_japan(start):
                results.append(emit(start, end,
                                    f"'{match.group('noun')}' (a federal state) for a Japanese prefecture: write 'tỉnh'",
                                    "tỉnh"))
        # A prefectural capital called thủ đô.
        for match in _CAPITAL.finditer(text) if japan and "hủ đô" in text else ():
            start, end = match.span("noun")
            if match.group("name") is not None and match.group("name") not in capitals:
                continue
            if match.group("name") is None and not in_japan(start):
                continue
            around = text[max(0, start - 30):match.end() + 20]
            if re.search(r"\b(?:cũ|xưa|cố đô|từng|trước đây|cổ)\b", around):
                continue  # Kyoto, Nara: former capitals of Japan
            what = f"the seat of a prefecture ({match.group('name')})" if match.group("name") else "a prefecture's seat"
            results.append(emit(start, end, f"'{match.group('noun')}' for {what}: write 'thủ phủ' (only Tokyo is the thủ đô)",
                                _like(match.group("noun"), "thủ phủ")))
        # Federal vocabulary.
        for match in _FEDERAL_WORDS.finditer(text) if japan and "liên bang" in text else ():
            if not in_japan(match.start()):
                continue
            if match.group("head").lower() in ("chính phủ", "chính quyền"):
                start, end, suggestion = *match.span("phrase"), _like(match.group("head"), "chính quyền") + " trung ương"
            else:
                start, end, suggestion = *match.span("federal"), "trung ương"
            results.append(emit(start, end,
                                f"'{text[start:end]}': Japan is a unitary state, it has no federal level",
                                suggestion))
        # Era names as Sino-Vietnamese readings.
        era_spans = []
        if japan and any(key in text for key in ("Lệnh H", "Bình Thành", "Chiêu H")):
            era_spans = [(m.span("era"), m.group("era")) for m in _ERA_WORDS.finditer(text)]
            era_spans += [(m.span(), m.group()) for m in _REIWA_READING.finditer(text)]
        for (start, end), raw in sorted(era_spans):
            if not in_japan(start) or part_of_longer_name(text, start, end) or _after_emperor(text, start):
                continue
            era = _ERA_READINGS[tone_key(raw)]
            results.append(emit(start, end, f"'{raw}' is the Sino-Vietnamese reading of the era {era}", era))
        if ctx.option(self.name, "era_year") == "gregorian" and any(era in text for era in _ERAS):
            for match in _ERA_YEAR.finditer(text):
                if _GREGORIAN_NEAR.match(text[match.end():match.end() + 12]) or re.search(
                        r"(?:1[89]\d\d|20\d\d)\s*[(,]?\s*$", text[max(0, match.start() - 12):match.start()]):
                    continue
                n = 1 if match.group("n") == "nguyên niên" else int(match.group("n"))
                year = _ERAS[match.group("era")] + n
                results.append(emit(match.start(), match.end(),
                                    f"'{match.group()}' without the Gregorian year ({year})",
                                    f"{year} ({match.group()})"))
        # "Ward", "City", "Prefecture" left in English.
        english = any(letter in text and kind in text for kind, letter in _DESIGNATION_LETTERS.items())
        for match in _ENGLISH.finditer(text) if english else ():
            if match.group("name") not in names or len(match.group("name")) < 3:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            if not has_vietnamese_marks(text[line_start:line_end if line_end != -1 else len(text)]):
                continue  # an English line: text-untranslated's business
            name, kind = match.group("name"), match.group("kind")
            results.append(emit(match.start(), match.end(),
                                f"'{kind}' left in English after the Japanese place {name}",
                                f"{_ENGLISH_DESIGNATIONS[kind]} {name}"))
        yield from (f for f in results if f is not None)


def _like(model: str, word: str) -> str:
    """``word`` capitalised like ``model`` (a sentence start)."""
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _sentence_at(text: str, offset: int) -> str:
    start = max(text.rfind(".", 0, offset), text.rfind("\n", 0, offset)) + 1
    match = _SENTENCE.match(text, offset)
    return text[start:match.end() if match else offset]


def _after_emperor(text: str, start: int) -> bool:
    """"Thiên hoàng Chiêu Hòa" is the Vietnamese name of the Shōwa emperor."""
    return bool(re.search(r"(?:[Tt]hiên hoàng|[Hh]oàng đế|[Nn]hật hoàng|[Vv]ua)\s+$", text[max(0, start - 20):start]))
