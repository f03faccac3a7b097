"""Bilingual layouts: a document whose lines alternate source (Japanese or
English) and Vietnamese translation, as many bilingual pages are written.
:func:`bilingual_pairs` finds the pairs; checker/structure.py blanks the
source lines and hands the pairs on, so that the rules comparing a
translation with its source (figure-source, term-source) use them and no
source line is reported as untranslated.
"""

from __future__ import annotations

from .document import line_starts
from .language import classify
from .patterns import regex

_KANA_CJK = regex(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_VIETNAMESE_MARK = regex(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
    "ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ]")
#: Two marks on a line (a Vietnamese line). The lines with such marks and
#: the lines with a character other than white space, counted over the
#: text split into lines with no loop in Python, settle most documents
#: (all Vietnamese) without a look at each line; the search of a line
#: stops at its second mark.
_TWO_MARKS = regex(rf"{_VIETNAMESE_MARK.pattern}.*?{_VIETNAMESE_MARK.pattern}")
#: ``<!-- mtlint: bilingual -->`` or ``<!-- mtlint: monolingual -->`` anywhere
#: in a file settles what detection would guess.
LAYOUT_DIRECTIVE = regex(r"<!--\s*mtlint:\s*(bilingual|monolingual)\s*-->")


def _line_language(line: str) -> str | None:
    """``ja``, ``en``, ``vi`` or None (a name, a number, a short label)."""
    letters = sum(1 for c in line if c.isalpha())
    if not letters:
        return None
    if len(_KANA_CJK.findall(line)) * 3 >= letters:
        return "ja"
    if len(_VIETNAMESE_MARK.findall(line)) >= 2:
        return "vi"
    return "en" if classify(line).language == "English" else None


def bilingual_pairs(text: str, forced: bool | None = None) -> tuple[tuple[int, int, int, int], ...]:
    """``(source_start, source_end, target_start, target_end)`` for each
    source line (Japanese or English) followed by its Vietnamese translation,
    when such pairs make up the document; else ``()``.

    ``forced`` (from a layout directive or the configuration): True pairs
    every source line with the next Vietnamese line; False never pairs."""
    if forced is False:
        return ()
    if not forced:  # the test below, on counts
        line_texts = text.split("\n")
        nonblank = len(line_texts) - line_texts.count("") - sum(map(str.isspace, line_texts))
        unmarked = nonblank - sum(map(bool, map(_TWO_MARKS.search, line_texts)))
        if unmarked < 3 or 2 * unmarked < 0.6 * nonblank:
            return ()
    lines = []
    starts = line_starts(text)
    candidates = 0
    for i, s in enumerate(starts):
        e = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        if e > s and text[e - 1] == "\r":
            e -= 1
        if s == e or text[s:e].isspace():
            continue
        # cheap first: most lines of a Vietnamese document carry marks
        marked = _VIETNAMESE_MARK.search(text, s, e)
        if marked and _VIETNAMESE_MARK.search(text, marked.end(), e):
            lines.append((s, e, "vi"))
        else:
            lines.append((s, e, None))
            candidates += 1
    # pairs must cover 60 % of the lines: without enough unmarked lines no
    # layout is possible, and no line needs a language verdict
    if not forced and (candidates < 3 or 2 * candidates < 0.6 * len(lines)):
        return ()
    lines = [(s, e, lang or _line_language(text[s:e])) for s, e, lang in lines]
    pairs = []
    sources = 0
    for (s, e, lang), (ns, ne, next_lang) in zip(lines, lines[1:]):
        if lang in ("ja", "en"):
            sources += 1
            if next_lang == "vi":
                pairs.append((s, e, ns, ne))
    if lines and lines[-1][2] in ("ja", "en"):
        sources += 1
    if forced:
        return tuple(pairs)
    if len(pairs) >= 3 and len(pairs) >= 0.8 * sources and 2 * len(pairs) >= 0.6 * len(lines):
        return tuple(pairs)
    return ()
