"""Name mentions of Vietnamese prose, the view the glossary-free
``render-*`` rules compare (``CheckContext.name_mentions``).

Mentions are capitalised word runs of Vietnamese prose (see
:func:`find_mentions`), keyed by their folded form so that a rule's
comparison stays linear in the number of mentions.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .language import unmarked_lines
from .vietnamese import fold, has_vietnamese_marks, is_syllable, lower, tone_key

# Capitals of the Latin script (a short class: the full Unicode one takes
# ten times longer to compile); letters are [^\W\d_].
_UPPER = re.escape("".join(
    c for c in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper()))
_UNMARKED = re.escape("".join(
    c for c in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)])
    if c.isalpha() and not has_vietnamese_marks(c)))
_WORD = rf"[{_UPPER}][^\W\d_]*(?:[-‐][^\W\d_]+)*"
# Boundaries are checked in Python on the few matches: a look-behind here
# would be tried at every position of the text and triples the scan time.
# A single word is only a mention when it is foreign: unmarked and four
# letters or more (checked further in Python).
_RUN = re.compile(rf"{_WORD}(?: {_WORD})+|[{_UPPER}][{_UNMARKED}]{{3,}}(?:[-‐][^\W\d_]+)*(?![^\W\d_])")
_MAX_WORDS = 5  # a longer capitalised run is a title-case heading, not a name
_SENTENCE_PUNCT = frozenset(".!?…:;\"“”‘’'([«»*•□■◆▪–—-)")
# Sentence-initial words that are not names (the document-wide test below
# catches most others: a word also written in lower case is a common word).
_COMMON_STARTS = frozenset(lower(w) for w in """
Theo Tại Các Những Trong Khi Sau Nhưng Và Với Do Vì Nếu Để Từ Cùng Còn Cũng Đến Tuy Ngày Năm
Tháng Hôm Người Đây Đó Này Hiện Ông Bà Anh Chị Em Cô Chú Bác Thầy Một Hai Ba Mỗi Mọi Cả Chính
Trước Ngoài Dù Qua Về Như Lúc Thêm Bên Phía Tuần Sáng Chiều Tối Đêm Riêng Vậy Rồi Hay Hoặc
""".split())


class Mention(NamedTuple):
    """A capitalised name mention in Vietnamese prose."""

    start: int
    end: int
    text: str
    #: Grouping key: folded, hyphens as spaces; the two words of a foreign
    #: two-word name sorted, so "Naoki Ito" and "Ito Naoki" share it.
    key: str
    #: What counts as the same rendering: the text with tone marks in one
    #: placement (Thanh Hóa = Thanh Hoá; that is text-tone-style's matter).
    rendering: str
    marked: bool
    foreign: bool


_WORD_INFO: dict[str, tuple[bool, bool, bool]] = {}


def _word_info(word: str) -> tuple[bool, bool, bool]:
    """(acronym, has Vietnamese marks, foreign) of a capitalised word."""
    info = _WORD_INFO.get(word)
    if info is None:
        acronym = len(word) == 1 or word.isupper()
        marked = has_vietnamese_marks(word)
        foreign = not marked and not all(is_syllable(p) for p in re.split(r"[-‐]", word) if p)
        info = (acronym, marked, foreign)
        if len(_WORD_INFO) < 200_000:
            _WORD_INFO[word] = info
    return info


# The same names recur in every document ("Việt Nam", "Hà Nội"): the analysis
# of a run is cached by its text, positions relative to the run.
_RUN_CACHE: dict[str, tuple] = {}


def _analyse(run: str) -> tuple:
    """The mentions of a capitalised run, as (relative start, relative end,
    text, key, rendering, marked, foreign) tuples. Acronyms (all capitals)
    split a run; a Vietnamese name directly followed by a foreign one is
    split ("Việt Nam Naoki Ito", not "Kim Jong Un"); runs longer than five
    words are title-case headings; single words count only when foreign."""
    cached = _RUN_CACHE.get(run)
    if cached is not None:
        return cached
    words, pos = [], 0
    for word in run.split(" "):
        words.append((pos, pos + len(word), word, _word_info(word)))
        pos += len(word) + 1
    parts = []
    block: list = []
    for item in words + [None]:
        if item is not None and not item[3][0]:
            block.append(item)
            continue
        if block and len(block) <= _MAX_WORDS:
            kinds = [b[3][2] for b in block]
            if len(block) > 1 and any(kinds) and not all(kinds) and any(b[3][1] for b in block):
                piece = [block[0]]
                for prev, cur, b in zip(kinds, kinds[1:], block[1:]):
                    if prev != cur:
                        parts.append(piece)
                        piece = []
                    piece.append(b)
                parts.append(piece)
            else:
                parts.append(block)
        block = []
    result = []
    for piece in parts:
        marked = any(b[3][1] for b in piece)
        foreign = not marked and any(b[3][2] for b in piece)
        start, end = piece[0][0], piece[-1][1]
        if len(piece) == 1 and (not foreign or end - start < 4):
            continue
        raw = run[start:end]
        if foreign and len(piece) == 2:
            key = " ".join(sorted(fold(b[2]) for b in piece))
        else:
            key = fold(raw.replace("-", " ").replace("‐", " "))
        rendering = tone_key(raw) if marked else raw
        if rendering == raw:
            rendering = raw  # one object: pickled once in a summary that crosses processes
        result.append((start, end, raw, key, rendering, marked, foreign))
    result = tuple(result)
    if len(_RUN_CACHE) < 100_000:
        _RUN_CACHE[run] = result
    return result


def find_mentions(ctx) -> list[Mention]:
    """Name mentions of the document: runs of capitalised words (see
    :func:`_analyse`) on lines with Vietnamese marks, outside untranslated
    segments. A common word starting a sentence ("Theo", "Các", or a word
    the document also writes in lower case) is not part of a name."""
    text = ctx.doc.text
    size = len(text)
    unmarked = {start for start, _end in unmarked_lines(text)}
    line_starts = ctx.doc.line_starts
    segment_starts = [s.start for s in ctx.untranslated]
    segment_ends = [s.end for s in ctx.untranslated]
    common: dict[str, bool] = {}
    mentions: list[Mention] = []
    for match in _RUN.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "&@_./-"):
            continue  # iPhone, G7, B&Company, an address
        if end < size and (text[end].isalnum() or text[end] in "&@_"):
            continue
        run = match.group()
        single = " " not in run
        if single and not _word_info(run)[2]:
            continue
        line_start = line_starts[bisect.bisect_right(line_starts, start) - 1]
        if line_start in unmarked:
            continue
        if segment_starts:
            i = bisect.bisect_right(segment_starts, start) - 1
            if i >= 0 and start < segment_ends[i]:
                continue
        if not single and _at_sentence_start(text, start, line_start):
            first = run[:run.index(" ")]
            if _is_common_word(text, first, run, common):
                start += len(first) + 1
                run = run[len(first) + 1:]
        for rel_start, rel_end, raw, key, rendering, marked, foreign in _analyse(run):
            mentions.append(Mention(start + rel_start, start + rel_end, raw, key, rendering, marked, foreign))
    return mentions


def _at_sentence_start(text: str, pos: int, line_start: int) -> bool:
    i = pos - 1
    while i >= line_start and text[i] in " \t":
        i -= 1
    return i < line_start or text[i] in _SENTENCE_PUNCT


def _is_common_word(text: str, word: str, run: str, cache: dict) -> bool:
    known = cache.get(run)
    if known is not None:
        return known
    low = lower(word)
    if low in _COMMON_STARTS:
        result = True
    elif f" {low} " not in text and f" {low}," not in text:
        result = False
    else:
        # written in lower case somewhere; still a name if the whole run also
        # appears inside a sentence ("... với Nhật Bản" and "cập nhật")
        result = True
        pos = text.find(run)
        while pos != -1:
            if pos >= 2 and text[pos - 1] == " " and (text[pos - 2].islower() or text[pos - 2] == ","):
                result = False
                break
            pos = text.find(run, pos + 1)
    cache[run] = result
    return result
