"""Vietnamese text helpers: folding, tone-mark placement, letter classes.

Every view built here keeps one code point per code point of the input, so
an offset into a folded text is an offset into the original.
"""

from __future__ import annotations

import re
import unicodedata

# The five tone marks, as combining characters (NFD).
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


class _FoldTable(dict):
    """str.translate table built lazily: each character maps to one
    lower-case base letter (``Ế`` → ``e``, ``Đ`` → ``d``)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            folded = "d"
        else:
            base = unicodedata.normalize("NFD", char)[0]
            lower = base.lower()
            folded = lower if len(lower) == 1 else base
        self[code] = folded
        return folded


class _LowerTable(dict):
    """Length-preserving lower-casing (``str.lower`` turns ``İ`` into two)."""

    def __missing__(self, code: int) -> str:
        lower = chr(code).lower()
        result = lower if len(lower) == 1 else chr(code)
        self[code] = result
        return result


_FOLD = _FoldTable()
_LOWER = _LowerTable()


def fold(text: str) -> str:
    """Lower-case and strip tone marks and diacritics, one char per char."""
    return text.translate(_FOLD)


def lower(text: str) -> str:
    """Lower-case, one char per char."""
    return text.translate(_LOWER)


def _letters(predicate) -> str:
    return "".join(chr(c) for c in range(0x41, 0x2000) if predicate(chr(c)))


#: Character classes for regular expressions (Latin script up to U+1FFF).
UPPER = re.escape(_letters(str.isupper))
LETTER = re.escape(_letters(str.isalpha))

#: Letters that only Vietnamese (among Latin-script languages we meet) writes.
_VIETNAMESE_MARKED = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]"
)


def has_vietnamese_marks(text: str) -> bool:
    """True when ``text`` holds a letter with Vietnamese diacritics."""
    return _VIETNAMESE_MARKED.search(text) is not None


# Old-style placement puts the tone on the first vowel of a final oa/oe/uy
# (hòa, thủy), new style on the second (hoà, thuỷ). Both are correct
# Vietnamese; comparisons use the old style as the common key.
_NEW_STYLE_TONE = re.compile(
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


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def case_pattern(text: str) -> tuple[bool, ...]:
    """Which words of ``text`` start with a capital."""
    return tuple(is_capitalised(w) for w in text.split())
