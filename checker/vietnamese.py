"""Vietnamese text helpers: folding, tone-mark placement, letter classes.

Every view built here keeps one code point per code point of the input, so
an offset into a folded text is an offset into the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .datacache import cached
from .patterns import regex

# The five tone marks, as combining characters (NFD).
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _fold_char(char: str) -> str:
    """One character's lower-case base letter (``Ế`` → ``e``, ``Đ`` → ``d``)."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


# The blocks where folding changes anything: Latin, Greek, Cyrillic and the
# combining marks; letter-like symbols, Roman numerals and circled letters;
# full-width forms. Everything else (CJK, punctuation) folds to itself.
_FOLD_BLOCKS = (range(0x2000), range(0x2100, 0x2500), range(0xFF00, 0xFFF0))


@functools.cache
def _fold_table() -> dict[int, str]:
    # A plain dict, built once: str.translate is a third faster with it than
    # with a dict subclass that fills itself on demand. Building it takes
    # several times longer than unpickling it (checker/datacache.py).
    return cached("fold-table", lambda: {code: _fold_char(chr(code)) for block in _FOLD_BLOCKS for code in block})


class _LowerTable(dict):
    """Length-preserving lower-casing (``str.lower`` turns ``İ`` into two)."""

    def __missing__(self, code: int) -> str:
        lower = chr(code).lower()
        result = lower if len(lower) == 1 else chr(code)
        self[code] = result
        return result


_LOWER = _LowerTable()


def fold(text: str) -> str:
    """Lower-case and strip tone marks and diacritics, one char per char."""
    return text.translate(_fold_table())


def lower(text: str) -> str:
    """Lower-case, one char per char."""
    return text.translate(_LOWER)


def _class_ranges(predicate) -> str:
    """The code points up to U+1FFF that satisfy ``predicate``, as the body
    of a regular-expression class written with ranges (``A-Za-zµÀ-Ö…``): a
    few hundred characters instead of thousands, so that every pattern using
    it compiles several times faster (compilation is paid on each run)."""
    parts, run_start, previous = [], None, None
    for code in range(0x41, 0x2000):
        if predicate(chr(code)):
            if run_start is None:
                run_start = code
            previous = code
            continue
        if run_start is not None:
            parts.append(_range(run_start, previous))
            run_start = None
    if run_start is not None:
        parts.append(_range(run_start, previous))
    return "".join(parts)


def _range(first: int, last: int) -> str:
    if first == last:
        return re.escape(chr(first))
    if last == first + 1:
        return re.escape(chr(first)) + re.escape(chr(last))
    return f"{re.escape(chr(first))}-{re.escape(chr(last))}"


#: Character classes for regular expressions (Latin script up to U+1FFF),
#: kept between runs (they depend on the Python's Unicode tables).
UPPER, LETTER = cached("letter-classes", lambda: (_class_ranges(str.isupper), _class_ranges(str.isalpha)))

#: Letters that only Vietnamese (among Latin-script languages we meet) writes.
_VIETNAMESE_MARKED = regex(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]"
)


def has_vietnamese_marks(text: str) -> bool:
    """True when ``text`` holds a letter with Vietnamese diacritics."""
    return _VIETNAMESE_MARKED.search(text) is not None


# Old-style placement puts the tone on the first vowel of a final oa/oe/uy
# (hòa, thủy), new style on the second (hoà, thuỷ). Both are correct
# Vietnamese; comparisons use the old style as the common key.
_NEW_STYLE_TONE = regex(
    "([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?![" + LETTER + "])|([uU])([ỳýỷỹỵỲÝỶỸỴ])(?![" + LETTER + "])"
)


def _to_old_style(match: re.Match) -> str:
    first = match.group(1) or match.group(3)
    toned = match.group(2) or match.group(4)
    base, tone = unicodedata.normalize("NFD", toned)[:2]
    return unicodedata.normalize("NFC", first + tone) + base


def tone_key(text: str) -> str:
    """``text`` with tone marks in the old (first-vowel) placement."""
    return _NEW_STYLE_TONE.sub(_to_old_style, text)


def _marks(char: str) -> tuple[str, set[str]]:
    if char in "đĐ":
        return "d", {"stroke"}
    decomposed = unicodedata.normalize("NFD", char.lower())
    return decomposed[0], set(decomposed[1:])


def only_lacks_marks(text: str, reference: str) -> bool:
    """True when ``text`` is ``reference`` with some tone marks or diacritics
    dropped and none changed or added ("Phạm Minh Chinh" for "Phạm Minh
    Chính", but not "Huệ" for "Huế"). Case is ignored."""
    if len(text) != len(reference):
        return False
    for char, ref in zip(text, reference):
        if char == ref:
            continue
        base, marks = _marks(char)
        ref_base, ref_marks = _marks(ref)
        if base != ref_base or not marks <= ref_marks:
            return False
    return True


# --------------------------------------------------------------------------
# Syllable structure, tone-mark placement style and i/y spellings
# (used by the render-* and text-* rules).

# A bare "p" starts only a few loanwords (pin); leaving it out keeps "Pen",
# "pop" and other English words out of Vietnamese.
_ONSETS = "ngh ng gh gi kh nh ph qu th tr ch b c d g h k l m n r s t v x".split()
# Every Vietnamese rhyme, folded (ă/â→a, ê→e, ô/ơ→o, ư→u, tone marks dropped).
_RHYMES = frozenset(fold(r) for r in """
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
i ia ich iêc iêm iên iêng iêp iêt iêu im in inh ip it iu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oem oen oeo oet
oi om on ong oong ooc op ot ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh uy uya uych uyên uyêt uynh uyt uyu ui um un ung
uôc uôi uôm uôn uông uôt up ut uơ ư ưa ưc ưi ưm ưn ưng ươc ươi ươm ươn ương ươp ươt ươu ưt ưu
y yêm yên yêt yêu
ynh yt ych ak ăk ôk
""".split())  # the last line: after qu (quỳnh, quýt), and Central Highlands names (Đắk Lắk)
_VIETNAMESE_LETTERS = regex(
    "[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+"
)


def _parses(folded: str) -> bool:
    for onset_len in (3, 2, 1, 0):
        onset, rhyme = folded[:onset_len], folded[onset_len:]
        if onset_len and onset not in _ONSETS:
            continue
        if rhyme not in _RHYMES:
            continue
        front = rhyme[0] in "eiy"
        # k/gh/ngh only before e, ê, i, y; c/g/ng never before them
        if onset in ("k", "gh", "ngh") and not front:
            continue
        if onset in ("c", "ng") and front:
            continue
        if onset == "qu" and rhyme.startswith("u"):
            continue
        return True
    return False


_SYLLABLE_CACHE: dict[str, bool] = {}


def is_syllable(word: str) -> bool:
    """True when ``word`` is spelt like one Vietnamese syllable (case and
    marks aside): ``Chinh``, ``thuở``, ``Quang``; not ``Tokyo``, ``from``,
    ``Naoki`` or ``Gunma``. Every onset + rhyme pair of the orthography is
    checked (``ka``, ``Pen`` and ``Kong`` are not Vietnamese). Structure
    only, not meaning."""
    cached = _SYLLABLE_CACHE.get(word)
    if cached is None:
        low = lower(word)
        cached = bool(_VIETNAMESE_LETTERS.fullmatch(low)) and _parses(fold(low))
        if len(_SYLLABLE_CACHE) < 100_000:
            _SYLLABLE_CACHE[word] = cached
    return cached


_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ"}


def _tone_class(chars: str) -> str:
    return chars + chars.upper()


# An open oa/oe/uy syllable with the tone on its first vowel (hòa, khỏe,
# thủy) has the old ("classic") placement, on its second (hoà, khoẻ, thuỷ)
# the new one. "qu" + y (quý) is not such a syllable: there the tone is on
# y in both styles.
# Both patterns start with the toned vowel, so that the scan is a fast
# character-class search; :func:`tone_style_words` checks the rest.
_OLD_TONE_CANDIDATE = regex(rf"[{_tone_class(_TONED['o'] + _TONED['u'])}][aAeEyY](?![^\W\d_])")
_NEW_TONE_CANDIDATE = regex(
    rf"[{_tone_class(_TONED['a'] + _TONED['e'] + _TONED['y'])}](?<=[oOuU].)(?![^\W\d_])"
)
_TONED_O = frozenset(_tone_class(_TONED["o"]))


def tone_style_words(text: str, style: str) -> list[tuple[int, int]]:
    """(start, end) of the words ending in an open oa/oe/uy syllable with
    the tone in ``style`` placement ("old" or "new")."""
    found = []
    if style == "old":
        for m in _OLD_TONE_CANDIDATE.finditer(text):
            first, second = text[m.start()], text[m.start() + 1]
            if first in _TONED_O:
                if second not in "aAeE":
                    continue
            elif second not in "yY" or (m.start() > 0 and text[m.start() - 1] in "qQ"):
                continue
            found.append(word_around(text, m.start(), m.end()))
    else:
        for m in _NEW_TONE_CANDIDATE.finditer(text):
            span = _new_style_at(text, m.start())
            if span is not None:
                found.append(span)
    return found


def _new_style_at(text: str, pos: int) -> tuple[int, int] | None:
    """The word of a new-style syllable whose toned vowel is at ``pos``
    (a match of _NEW_TONE_CANDIDATE), or None."""
    first, second = text[pos - 1], text[pos]
    base = unicodedata.normalize("NFD", second)[0]
    if first in "oO":
        if base not in "aAeE":
            return None
    elif base not in "yY" or (pos > 1 and text[pos - 2] in "qQ"):
        return None
    return word_around(text, pos - 1, pos + 1)


def word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend ``start`` back to the beginning of its word."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start, end


def to_new_style(word: str) -> str:
    """``hòa`` → ``hoà``, ``Thủy`` → ``Thuỷ`` (a word ending in a toned
    oa/oe/uy; other words are returned unchanged)."""
    if len(word) < 2:
        return word
    first, second = word[-2], word[-1]
    decomposed = unicodedata.normalize("NFD", first)
    if len(decomposed) != 2 or decomposed[1] not in TONE_MARKS or decomposed[0].lower() not in "ou":
        return word
    return word[:-2] + decomposed[0] + unicodedata.normalize("NFC", second + decomposed[1])


def to_old_style(word: str) -> str:
    """``hoà`` → ``hòa`` (the inverse of :func:`to_new_style`)."""
    return tone_key(word)


#: A syllable spelt with a final i or y after h, k, l, m, s, t, v or qu
#: (lý/lí, kỹ/kĩ, quý/quí): both spellings are in use; a document should pick
#: one. Lower case only: names keep their own spelling (Mỹ, Lý). The
#: pattern starts with the toned vowel (a fast scan); ``iy_words`` checks
#: the onset. Plain hy/hi (hy vọng) is found separately.
# The second look-behind drops in the scan the syllables that iy_words
# would drop for the letter before the onset (chí, thị, nhì, khí, phí).
_IY_CANDIDATE = regex(r"[ìíỉĩịỳýỷỹỵ](?<=[hklmstvu].)(?<![a-zA-Z][hklmstv].)(?![^\W\d_])")
# "h" first, its look-behind after it: a pattern starting with a literal is
# searched for far faster than one starting with a look-behind.
_PLAIN_HY = regex(r"h(?<![^\W\d_]h)[iy](?![^\W\d_])")


def iy_words(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, onset, vowel) of the lower-case i/y syllables."""
    found = []
    for m in _IY_CANDIDATE.finditer(text):
        item = _iy_at(text, m.start())
        if item is not None:
            found.append(item)
    return _with_plain_hy(text, found)


def _iy_at(text: str, pos: int) -> tuple[int, int, str, str] | None:
    """The i/y syllable whose toned vowel is at ``pos`` (a match of
    _IY_CANDIDATE), or None."""
    onset_start = pos - 1
    if text[onset_start] == "u":
        if pos < 2 or text[pos - 2] != "q":
            return None
        onset_start -= 1
    if onset_start > 0 and text[onset_start - 1].isalpha():
        return None
    return onset_start, pos + 1, text[onset_start:pos], text[pos]


def _with_plain_hy(text: str, found: list) -> list:
    if " hy " in text or " hi " in text:
        found.extend((m.start(), m.end(), "h", m.group()[1]) for m in _PLAIN_HY.finditer(text))
        found.sort()
    return found


_NEW_TONED = frozenset(_tone_class(_TONED["a"] + _TONED["e"] + _TONED["y"]))
_IY_TONED = frozenset("ìíỉĩịỳýỷỹỵ")
# The union of _NEW_TONE_CANDIDATE and _IY_CANDIDATE (each look-behind also
# checks which vowels its branch takes): text-tone-style needs both lists,
# and one scan of the text costs half of two.
_NEW_OR_IY_CANDIDATE = regex(
    rf"[{_tone_class(_TONED['a'] + _TONED['e'] + _TONED['y'])}ìíỉĩị]"
    rf"(?:(?<=[oOuU][{_tone_class(_TONED['a'] + _TONED['e'] + _TONED['y'])}])"
    r"|(?<=[hklmstvu][ìíỉĩịỳýỷỹỵ])(?<![a-zA-Z][hklmstv].))(?![^\W\d_])"
)


def new_style_and_iy_words(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str, str]]]:
    """``tone_style_words(text, "new")`` and ``iy_words(text)``, from one
    scan of the text."""
    new, iy = [], []
    for m in _NEW_OR_IY_CANDIDATE.finditer(text):
        pos = m.start()
        char, before = text[pos], text[pos - 1]
        if char in _NEW_TONED and before in "oOuU":
            span = _new_style_at(text, pos)
            if span is not None:
                new.append(span)
        if char in _IY_TONED and before in "hklmstvu":
            item = _iy_at(text, pos)
            if item is not None:
                iy.append(item)
    return new, _with_plain_hy(text, iy)


_PLAIN_IY_OK = {"h"}  # hy/hi (hy vọng); ty/ti, ly/li, vy/vi are different words


def iy_key(onset: str, vowel: str) -> tuple[str, str, str] | None:
    """(onset, tone, 'i' or 'y') for an i/y spelling pair, or None when the
    spelling has no counterpart in use."""
    decomposed = unicodedata.normalize("NFD", vowel)
    base, tone = decomposed[0], decomposed[1:]
    if not tone and onset not in _PLAIN_IY_OK:
        return None
    if onset == "qu" and base == "i" and not tone:
        return None  # "qui" is not a spelling of "quy" in modern text
    return onset, tone, base


#: Name syllables that capitalised Vietnamese text (almost) never writes
#: without marks, with their usual marked form: the word counts of 2,653
#: edited news articles (capitalised words inside a sentence; at least 20
#: occurrences, at most 1.5 % without marks), less those that are also
#: common in Korean, Chinese or Malay names (Dong, Han, Tan). A
#: run of unmarked capitalised syllables holding one of them ("Le Thi Hong
#: Van", "Ha Long", "Ho Chi Minh") has lost its marks; "Minh Thu", "Quang
#: Huy" or "Long An" need not have.
MARKED_NAME_SYLLABLES: dict[str, str] = dict(item.split(":") for item in """
bac:Bắc bach:Bạch bai:Bái bau:Bàu benh:Bệnh bich:Bích bien:Biển binh:Bình boi:Bội
bui:Bùi buon:Buôn cap:Cập cat:Cát cau:Cầu chanh:Chánh chau:Châu chieu:Chiêu chua:Chùa
chuong:Chương cong:Công cu:Cù cuc:Cục cuong:Cường da:Đà dak:Đắk dam:Đam dang:Đặng
dat:Đất dau:Đậu den:Đen dich:Dịch diec:Diệc diem:Điềm dien:Điện diep:Diệp dieu:Diệu
doc:Độc doi:Đội don:Đồn duc:Đức duoc:Dược duong:Dương giam:Giám giay:Giấy gon:Gòn ha:Hà
hao:Hảo hau:Hậu he:Hệ hien:Hiền hiep:Hiệp hieu:Hiểu ho:Hồ hoac:Hoắc hoai:Hoài
hoang:Hoàng hoi:Hội hon:Hòn huc:Húc hue:Huế hung:Hùng huong:Hương huu:Hữu huyen:Huyền
khac:Khắc khiet:Khiết khue:Khuê khuyen:Khuyến kiem:Kiếm kien:Kiến kieu:Kiều ky:Kỳ
lac:Lạc lak:Lắk lap:Lập lat:Lạt lau:Lâu le:Lê lich:Lịch liem:Liêm lien:Liên lieu:Liêu
loc:Lộc loi:Lợi luat:Luật luc:Lực luong:Lương luu:Lưu mach:Mạch manh:Mạnh mat:Mặt
mich:Mịch moc:Mộc mong:Mộng mua:Múa mui:Mũi muu:Mưu nang:Nẵng ngai:Ngãi ngan:Ngân
ngay:Ngày nghe:Nghệ nghia:Nghĩa nghien:Nghiên ngo:Ngô ngoai:Ngoại ngoc:Ngọc ngu:Ngũ
nguy:Ngụy nguyen:Nguyễn nguyet:Nguyệt nhan:Nhân nhat:Nhật nhiet:Nhiệt nhon:Nhơn nhu:Như
nhuoc:Nhược noi:Nội pham:Phạm phap:Pháp phat:Phát pho:Phó phoi:Phổi phuc:Phúc
phung:Phùng phuoc:Phước phuong:Phương quat:Quất quoc:Quốc quyen:Quyền quyet:Quyết
quynh:Quỳnh ria:Rịa sai:Sài si:Sĩ sieu:Siêu soc:Sóc sy:Sỹ tao:Tạo tap:Tập tau:Tàu
tay:Tây tet:Tết thach:Thạch thap:Tháp thich:Thích thiem:Thiêm thien:Thiên
thiet:Thiết thieu:Thiệu thinh:Thịnh tho:Thơ thong:Thông thua:Thừa thuan:Thuận thuc:Thức
thuong:Thương thuot:Thuột thuy:Thụy tieng:Tiếng tiep:Tiệp tieu:Tiểu to:Tổ ton:Tôn
tra:Trà trai:Trái tram:Trạm tran:Trần trieu:Triệu troi:Trời truong:Trường tu:Từ
tuan:Tuấn tue:Tuệ tung:Tùng tuyen:Tuyên tuyet:Tuyết uong:Uông van:Văn ve:Vệ vien:Viện
viet:Việt vo:Võ vuong:Vương xao:Xảo xo:Xô xuan:Xuân xuyen:Xuyên yen:Yên
""".split())
