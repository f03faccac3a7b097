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

from .patterns import regex
from .language import is_unmarked_line
from .vietnamese import fold, has_vietnamese_marks, is_syllable, lower, tone_key

# Capitals of the Latin script (a short class: the full Unicode one takes
# ten times longer to compile); letters are [^\W\d_].
_UPPER = re.escape("".join(
    c for c in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper()))
_UNMARKED = re.escape("".join(
    c for c in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)])
    if c.isalpha() and not has_vietnamese_marks(c)))
# Possessive quantifiers (*+, ++): a letter run never gives letters back, as
# what may follow it (a hyphen, a space, the end of the word) is no letter;
# without them the engine tries each shorter run before failing, which
# costs a quarter of the scan.
_WORD = rf"[{_UPPER}][^\W\d_]*+(?:[-‐][^\W\d_]+)*+"
# Boundaries are checked in Python on the few matches: a look-behind here
# would be tried at every position of the text and triples the scan time.
# A single word is only a mention when it is foreign: unmarked and four
# letters or more (checked further in Python).
_RUN = regex(rf"{_WORD}(?: {_WORD})++|[{_UPPER}][{_UNMARKED}]{{3,}}+(?:[-‐][^\W\d_]+)*+(?![^\W\d_])")
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
        if marked:
            foreign = False
        elif "-" in word or "‐" in word:
            foreign = not all(is_syllable(p) for p in word.replace("‐", "-").split("-") if p)
        else:  # the usual word, tested without a generator
            foreign = not is_syllable(word)
        info = (acronym, marked, foreign)
        if len(_WORD_INFO) < 200_000:
            _WORD_INFO[word] = info
    return info


# The same names recur in every document ("Việt Nam", "Hà Nội"): the analysis
# of a run is cached by its text, positions relative to the run, with
# whether the run has a Vietnamese mark (then its line has one: the line
# test is not needed).
_RUN_CACHE: dict[str, tuple[bool, tuple]] = {}


def _run_entry(run: str) -> tuple[bool, tuple]:
    """(has Vietnamese marks, :func:`_analyse`) of a run, kept in
    _RUN_CACHE, which the caller reads first."""
    entry = (has_vietnamese_marks(run), _analyse(run))
    if len(_RUN_CACHE) < 100_000:
        _RUN_CACHE[run] = entry
    return entry


def _analyse(run: str) -> tuple:
    """The mentions of a capitalised run, as (relative start, relative end,
    text, key, rendering, marked, foreign) tuples. Acronyms (all capitals)
    split a run; a Vietnamese name directly followed by a foreign one is
    split ("Việt Nam Naoki Ito", not "Kim Jong Un"); runs longer than five
    words are title-case headings; single words count only when foreign."""
    # blocks of the words between acronyms: the (start, end, marked,
    # foreign) of each word, relative to the run, and whether one of them is
    # marked, one foreign
    blocks, block, pos = [], [], 0
    block_marked = block_foreign = False
    for word in run.split(" "):
        acronym, marked, foreign = _WORD_INFO.get(word) or _word_info(word)
        end = pos + len(word)
        if acronym:
            blocks.append((block, block_marked, block_foreign))
            block, block_marked, block_foreign = [], False, False
        else:
            block.append((pos, end, marked, foreign))
            block_marked, block_foreign = block_marked or marked, block_foreign or foreign
        pos = end + 1
    blocks.append((block, block_marked, block_foreign))
    result = []
    for block, block_marked, block_foreign in blocks:
        if not block or len(block) > _MAX_WORDS:
            continue
        if block_marked and block_foreign:
            # a marked word is never foreign: the block joins a Vietnamese
            # name and a foreign one, split where the kind changes
            split = [[block[0]]]
            for prev, word in zip(block, block[1:]):
                if prev[3] != word[3]:
                    split.append([])
                split[-1].append(word)
            pieces = [(piece, any(w[2] for w in piece), piece[0][3]) for piece in split]
        else:
            pieces = [(block, block_marked, block_foreign)]
        for piece, marked, foreign in pieces:
            start, end = piece[0][0], piece[-1][1]
            if len(piece) == 1 and (not foreign or end - start < 4):
                continue
            raw = run[start:end]
            if foreign and len(piece) == 2:
                key = " ".join(sorted(fold(run[w[0]:w[1]]) for w in piece))
            else:
                key = fold(raw.replace("-", " ").replace("‐", " "))
            rendering = tone_key(raw) if marked else raw
            if rendering == raw:
                rendering = raw  # one object: pickled once in a summary that crosses processes
            result.append((start, end, raw, key, rendering, marked, foreign))
    return tuple(result)


def capitalised_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of _RUN: a run of capitalised words, or
    one unmarked capitalised word of four letters or more."""
    return [match.span() for match in _RUN.finditer(text)]


def find_mentions(ctx) -> list[Mention]:
    """Name mentions of the document: runs of capitalised words (see
    :func:`_analyse`) on lines with Vietnamese marks, outside untranslated
    segments. A common word starting a sentence ("Theo", "Các", or a word
    the document also writes in lower case) is not part of a name."""
    text = ctx.doc.text
    size = len(text)
    line_starts = ctx.doc.line_starts
    segment_starts = [s.start for s in ctx.untranslated]
    segment_ends = [s.end for s in ctx.untranslated]
    # the line of the last run (found again only when a run is past its
    # end: most runs share their line with others), and whether it is an
    # unmarked line (as in language.unmarked_lines; None: not yet decided),
    # decided on the first run of each line that needs it: most lines hold
    # no run, and a line of prose shows a mark in its first words
    line = line_start = line_end = -1
    unmarked = None
    common: dict[str, bool] = {}
    usage = _Usage(text)
    mentions: list[Mention] = []
    # Mention(...) runs a Python-level __new__; building the tuple directly
    # halves the cost of making a mention
    new_mention = tuple.__new__
    for start, end in ctx.capitalised_runs:
        # (a space, the usual neighbour, is tested first: it is no letter)
        before = text[start - 1] if start else " "
        if before != " " and (before.isalnum() or before in "&@_./-"):
            continue  # iPhone, G7, B&Company, an address
        after = text[end] if end < size else " "
        if after != " " and (after.isalnum() or after in "&@_"):
            continue
        run = text[start:end]
        # looked up here: a call per run costs more than the lookup
        run_marked, pieces = _RUN_CACHE.get(run) or _run_entry(run)
        single = " " not in run
        if single and not pieces:
            # a Vietnamese word, an acronym: the tests below only drop a run
            # or trim a run of words, so it would stay without a mention
            continue
        if start >= line_end:
            line = bisect.bisect_right(line_starts, start) - 1
            line_start = line_starts[line]
            line_end = line_starts[line + 1] if line + 1 < len(line_starts) else size + 1
            unmarked = None
        if unmarked is None:
            # a mark of the run is a mark of its line
            unmarked = not run_marked and _unmarked_line(text, line_starts, line)
        if unmarked:
            continue
        if segment_starts:
            i = bisect.bisect_right(segment_starts, start) - 1
            if i >= 0 and start < segment_ends[i]:
                continue
        if not single:
            # at a sentence start: after the line start or punctuation,
            # blanks aside (tested inline: a call per run costs a quarter
            # more)
            i = start - 1
            while i >= line_start and text[i] in " \t":
                i -= 1
            if i < line_start or text[i] in _SENTENCE_PUNCT:
                first = run[:run.index(" ")]
                if _is_common_word(first, run, common, usage):
                    start += len(first) + 1
                    run = run[len(first) + 1:]
                    pieces = (_RUN_CACHE.get(run) or _run_entry(run))[1]
        for rel_start, rel_end, raw, key, rendering, marked, foreign in pieces:
            mentions.append(new_mention(Mention, (start + rel_start, start + rel_end, raw, key, rendering,
                                                  marked, foreign)))
    return mentions


def _unmarked_line(text: str, line_starts: list[int], line: int) -> bool:
    """Whether the 0-based ``line`` is one of language.unmarked_lines: no
    Vietnamese mark, two letters in a row."""
    end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(text)
    return is_unmarked_line(text, line_starts[line], end)


def _is_common_word(word: str, run: str, cache: dict, usage: "_Usage") -> bool:
    known = cache.get(run)
    if known is not None:
        return known
    low = lower(word)
    if low in _COMMON_STARTS:
        result = True
    elif not usage.written_in_lower_case(low):
        result = False
    else:
        # written in lower case somewhere; still a name if the whole run also
        # appears inside a sentence ("... với Nhật Bản" and "cập nhật")
        result = not usage.inside_a_sentence(run)
    cache[run] = result
    return result


#: From this length on, a text's usage is answered from indexes built in
#: one pass each, not by a search of the text per question: a long
#: document (a piece of a big file, an HTML file read whole) asks
#: thousands of them, and the searches made it quadratic.
_INDEXED_FROM = 100_000
# what follows a space, up to the next space or comma
_SEGMENT = regex(r" ([^ ,]*)(?=[ ,])")
# a space before a capital: where a run inside a sentence may start
_SPACE_CAPITAL = regex(rf" (?=[{_UPPER}])")


class _Usage:
    """How a document writes words, for telling a name from a common word
    at a sentence start. Each answer is the same from a search of the text
    (short texts) or from an index (long ones: see _INDEXED_FROM); both are
    tested against each other (tests/test_consistency.py)."""

    def __init__(self, text: str, indexed: bool | None = None):
        self.text = text
        self.indexed = len(text) >= _INDEXED_FROM if indexed is None else indexed
        self._lower: dict[str, bool] = {}
        self._segments: set[str] | None = None
        self._inside: dict[str, list[int]] | None = None

    def written_in_lower_case(self, low: str) -> bool:
        """Whether the text holds " low " or " low,"."""
        known = self._lower.get(low)
        if known is None:
            if self.indexed:
                if self._segments is None:
                    self._segments = set(_SEGMENT.findall(self.text))
                known = low in self._segments
            else:
                known = _written_in_lower_case(self.text, low)
            self._lower[low] = known
        return known

    def inside_a_sentence(self, run: str) -> bool:
        """Whether the run of capitalised words ``run`` (two or more words,
        starting with a capital of _UPPER) appears after a space that
        follows a lower-case letter or a comma."""
        text = self.text
        if not self.indexed:
            pos = text.find(run)
            while pos != -1:
                if pos >= 2 and text[pos - 1] == " " and (text[pos - 2].islower() or text[pos - 2] == ","):
                    return True
                pos = text.find(run, pos + 1)
            return False
        if self._inside is None:
            # such places by their first word (up to the next space: a run
            # holds one); a run starts with that word followed by a space
            inside: dict[str, list[int]] = {}
            for match in _SPACE_CAPITAL.finditer(text, 1):
                pos = match.end()
                before = text[pos - 2]
                if before.islower() or before == ",":
                    end = text.find(" ", pos)
                    if end != -1:
                        inside.setdefault(text[pos:end], []).append(pos)
            self._inside = inside
        return any(text.startswith(run, pos) for pos in self._inside.get(run[:run.index(" ")], ()))


def _written_in_lower_case(text: str, low: str) -> bool:
    """Whether the text holds " low " or " low,": one scan for " low" (a
    name is usually in no lower-case form, and two scans of the document
    for it cost twice as much)."""
    needle = " " + low
    after = len(needle)
    pos = text.find(needle)
    while pos != -1:
        if text[pos + after:pos + after + 1] in (" ", ","):
            return True
        pos = text.find(needle, pos + 1)
    return False
