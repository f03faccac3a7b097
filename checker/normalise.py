"""Unicode NFC normalisation with an offset map back to the file as written.

Text typed with decomposed marks (NFD: "e" + U+0323 + U+0302 for "ệ", as
some input methods and macOS file names write it) looks the same as NFC
text but matches nothing written in NFC: the glossary, the gazetteer, the
Vietnamese syllable tables. :func:`to_nfc` gives the NFC text that rules
check, and an :class:`NfcMap` that takes each offset of that text back to
the raw text, so that findings keep the positions of the file as written
(code points of the raw, decomposed text).

Only files that are not NFC pay anything: :func:`to_nfc` starts with the
quick check of :func:`unicodedata.is_normalized` (in C, no copy).

NFC never crosses a line break, so the NFC text has the lines of the raw
text: building the NFC text is one call in C, and the map of a line is
made only when an offset on it is asked for (the lines holding findings).
A line is cut into *clusters*: a run of combining marks (or composing vowel
signs) with the base character before it, or a lone character that NFC
replaces. Each cluster is normalised on its own; a cluster that NFC
changed is atomic: an offset inside it maps to its raw start (span start)
or its raw end (span end), so a span never starts or ends inside a
decomposed character. The pieces are checked against the NFC line; should
a Unicode version compose across a cut (a table below out of date), the
line is cut at whitespace instead, or mapped as one piece.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import replace

from .document import Block, line_starts
from .patterns import regex

#: Unicode version of the tables below (``unicodedata.unidata_version``);
#: regenerate them with :func:`_tables` when Python's version changes
#: (tests/test_nfd.py checks them). A stale table only costs precision of
#: positions (words instead of characters), never correctness.
TABLES_VERSION = "14.0.0"
#: Characters that attach to the character before them under NFC:
#: combining marks (canonical combining class > 0), the second characters
#: of canonical compositions that are starters (vowel signs of Indic
#: scripts), Hangul medial vowels and final consonants.
_ATTACHING = (
    "300-34E 350-36F 483-487 591-5BD 5BF 5C1-5C2 5C4-5C5 5C7 610-61A 64B-65F 670 6D6-6DC 6DF-6E4 6E7-6E8 "
    "6EA-6ED 711 730-74A 7EB-7F3 7FD 816-819 81B-823 825-827 829-82D 859-85B 898-89F 8CA-8E1 8E3-8FF 93C "
    "94D 951-954 9BC 9BE 9CD 9D7 9FE A3C A4D ABC ACD B3C B3E B4D B56-B57 BBE BCD BD7 C3C C4D C55-C56 CBC "
    "CC2 CCD CD5-CD6 D3B-D3C D3E D4D D57 DCA DCF DDF E38-E3A E48-E4B EB8-EBA EC8-ECB F18-F19 F35 F37 F39 "
    "F71-F72 F74 F7A-F7D F80 F82-F84 F86-F87 FB5 FB7 FC6 102E 1037 1039-103A 108D 1161-1175 11A8-11C2 "
    "135D-135F 1714-1715 1734 17D2 17DD 18A9 1939-193B 1A17-1A18 1A60 1A75-1A7C 1A7F 1AB0-1ABD 1ABF-1ACE "
    "1B34-1B35 1B44 1B6B-1B73 1BAA-1BAB 1BE6 1BF2-1BF3 1C37 1CD0-1CD2 1CD4-1CE0 1CE2-1CE8 1CED 1CF4 "
    "1CF8-1CF9 1DC0-1DFF 20D0-20DC 20E1 20E5-20F0 2CEF-2CF1 2D7F 2DE0-2DFF 302A-302F 3099-309A A66F "
    "A674-A67D A69E-A69F A6F0-A6F1 A806 A82C A8C4 A8E0-A8F1 A92B-A92D A953 A9B3 A9C0 AAB0 AAB2-AAB4 "
    "AAB7-AAB8 AABE-AABF AAC1 AAF6 ABED FB1E FE20-FE2F 101FD 102E0 10376-1037A 10A0D 10A0F 10A38-10A3A "
    "10A3F 10AE5-10AE6 10D24-10D27 10EAB-10EAC 10F46-10F50 10F82-10F85 11046 11070 1107F 110B9-110BA "
    "11100-11102 11127 11133-11134 11173 111C0 111CA 11235-11236 112E9-112EA 1133B-1133C 1133E 1134D "
    "11357 11366-1136C 11370-11374 11442 11446 1145E 114B0 114BA 114BD 114C2-114C3 115AF 115BF-115C0 "
    "1163F 116B6-116B7 1172B 11839-1183A 11930 1193D-1193E 11943 119E0 11A34 11A47 11A99 11C3F 11D42 "
    "11D44-11D45 11D97 16AF0-16AF4 16B30-16B36 16FF0-16FF1 1BC9E 1D165-1D169 1D16D-1D172 1D17B-1D182 "
    "1D185-1D18B 1D1AA-1D1AD 1D242-1D244 1E000-1E006 1E008-1E018 1E01B-1E021 1E023-1E024 1E026-1E02A "
    "1E130-1E136 1E2AE 1E2EC-1E2EF 1E8D0-1E8D6 1E944-1E94A "
)
#: Other characters that NFC replaces on their own (singletons such as
#: U+212B ANGSTROM SIGN, composition exclusions such as U+0958).
_REPLACED = (
    "374 37E 387 958-95F 9DC-9DD 9DF A33 A36 A59-A5B A5E B5C-B5D F43 F4D F52 F57 F5C F69 F73 F75-F76 F78 "
    "F81 F93 F9D FA2 FA7 FAC FB9 1F71 1F73 1F75 1F77 1F79 1F7B 1F7D 1FBB 1FBE 1FC9 1FCB 1FD3 1FDB 1FE3 "
    "1FEB 1FEE-1FEF 1FF9 1FFB 1FFD 2000-2001 2126 212A-212B 2329-232A 2ADC F900-FA0D FA10 FA12 FA15-FA1E "
    "FA20 FA22 FA25-FA26 FA2A-FA6D FA70-FAD9 FB1D FB1F FB2A-FB36 FB38-FB3C FB3E FB40-FB41 FB43-FB44 "
    "FB46-FB4E 1D15E-1D164 1D1BB-1D1C0 2F800-2FA1D "
)

#: The rule note a non-NFC file gets (checker/rules/text_unicode.py);
#: ``mtlint fix`` normalises the whole file when it applies it.
NOTE = "the file is not Unicode NFC"

_RUN = None
_ATTACHING_SET: frozenset[str] = frozenset()
_WORD = regex(r"\S+")


def _codes(ranges: str, plane: range | None = None):
    for item in ranges.split():
        first, _, last = item.partition("-")
        first, last = int(first, 16), int(last or first, 16)
        if plane is not None:
            first, last = max(first, plane.start), min(last, plane.stop - 1)
        if first <= last:
            yield first, last


def _run_pattern() -> re.Pattern:
    """Runs of characters NFC may change: the tables' characters of the
    Basic Multilingual Plane (a bitmap for the regex engine, so a search
    skips plain text at C speed) and every character beyond it (emoji and
    the like; a run that NFC leaves alone costs one check)."""
    global _RUN, _ATTACHING_SET
    if _RUN is None:
        bmp = range(0, 0x10000)
        parts = [re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "")
                 for table in (_ATTACHING, _REPLACED) for first, last in _codes(table, bmp)]
        _ATTACHING_SET = frozenset(chr(code) for first, last in _codes(_ATTACHING)
                                   for code in range(first, last + 1))
        _RUN = regex("[" + "".join(parts) + "\U00010000-\U0010ffff]+")
    return _RUN


def _tables() -> tuple[str, str]:
    """``(_ATTACHING, _REPLACED)`` computed from this Python's Unicode data."""
    attaching, replaced = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3)), set()
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.combining(char):
            attaching.add(code)
        decomposition = unicodedata.decomposition(char)
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                attaching.add(int(parts[1], 16))
        if unicodedata.normalize("NFC", char) != char:
            replaced.add(code)
    return _ranges(attaching), _ranges(replaced - attaching)


def _ranges(codes: set[int]) -> str:
    items, ordered = [], sorted(codes)
    first = last = ordered[0]
    for code in ordered[1:] + [-1]:
        if code == last + 1:
            last = code
            continue
        items.append(f"{first:X}" if first == last else f"{first:X}-{last:X}")
        first = last = code
    return " ".join(items)


class NfcMap:
    """Maps offsets of the NFC text to offsets of ``raw`` (the file as
    written): the interface of ``Document.offsets`` (:meth:`to_raw`,
    :meth:`line_col`), plus :meth:`to_text` for the way back.

    Per line, one record per cluster that NFC changed: its start and end in
    the NFC line and in the raw line. Between records the two are equal, so
    an offset moves by the length difference of the records before it.
    """

    __slots__ = ("raw", "text", "_raw_lines", "_text_lines", "_maps", "_changed")

    def __init__(self, raw: str, text: str):
        self.raw, self.text = raw, text
        self._raw_lines = line_starts(raw)
        self._text_lines = line_starts(text)
        self._maps: dict[int, tuple] = {}
        self._changed: list[int] | None = None

    def _bounds(self, starts: list[int], whole: str, index: int) -> tuple[int, int]:
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(whole)
        return starts[index], end

    def _line_map(self, index: int) -> tuple:
        """``(text_starts, text_ends, raw_starts, raw_ends)`` of the changed
        clusters of line ``index``, relative to the line's start."""
        found = self._maps.get(index)
        if found is None:
            ts, te = self._bounds(self._text_lines, self.text, index)
            rs, re_ = self._bounds(self._raw_lines, self.raw, index)
            found = self._maps[index] = _line_clusters(self.raw[rs:re_], self.text[ts:te])
        return found

    @property
    def changed_lines(self) -> list[int]:
        """0-based numbers of the lines that NFC changed."""
        if self._changed is None:
            raw, text = self.raw.split("\n"), self.text.split("\n")
            self._changed = [i for i, (a, b) in enumerate(zip(raw, text)) if a is not b and a != b]
        return self._changed

    def changes(self):
        """``(text_start, text_end, raw_start, raw_end)`` of each changed
        cluster, in order (made line by line as the caller iterates)."""
        for index in self.changed_lines:
            text_starts, text_ends, raw_starts, raw_ends = self._line_map(index)
            t0, r0 = self._text_lines[index], self._raw_lines[index]
            for i in range(len(text_starts)):
                yield t0 + text_starts[i], t0 + text_ends[i], r0 + raw_starts[i], r0 + raw_ends[i]

    def to_raw(self, offset: int, end: bool = False) -> int:
        """The raw offset of NFC offset ``offset``; inside a changed cluster,
        its raw start (or its raw end when ``end``: the offset ends a span)."""
        index = bisect.bisect_right(self._text_lines, offset) - 1
        return self._raw_lines[index] + _move(self._line_map(index), offset - self._text_lines[index], end)

    def to_text(self, offset: int, end: bool = False) -> int:
        """The NFC offset of raw offset ``offset`` (the inverse of :meth:`to_raw`)."""
        index = bisect.bisect_right(self._raw_lines, offset) - 1
        text_starts, text_ends, raw_starts, raw_ends = self._line_map(index)
        moved = _move((raw_starts, raw_ends, text_starts, text_ends), offset - self._raw_lines[index], end)
        return self._text_lines[index] + moved

    def line_col(self, offset: int, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the raw text of NFC offset ``offset``."""
        index = bisect.bisect_right(self._text_lines, offset) - 1
        return index + 1, _move(self._line_map(index), offset - self._text_lines[index], end) + 1


def _move(records: tuple, offset: int, end: bool) -> int:
    starts, ends, other_starts, other_ends = records
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return offset
    if starts[i] < offset < ends[i]:
        return other_ends[i] if end else other_starts[i]
    if offset == starts[i]:
        return other_starts[i]
    return offset - ends[i] + other_ends[i]


def to_nfc(raw: str) -> tuple[str, NfcMap] | None:
    """``(nfc_text, map)`` of a text that is not NFC; None (at the cost of
    a quick check) when it is."""
    # normalize() runs the quick check of is_normalized() first and returns
    # its argument itself when that says yes; otherwise one pass builds the text.
    text = unicodedata.normalize("NFC", raw)
    if text is raw or text == raw:
        return None
    return text, NfcMap(raw, text)


_NO_CHANGE = ((), (), (), ())


def _line_clusters(raw: str, expected: str) -> tuple:
    if raw == expected:
        return _NO_CHANGE
    for pattern in (_run_pattern(), _WORD):
        records, text = _clusters(raw, pattern)
        if text == expected:
            return records
    return (0,), (len(expected),), (0,), (len(raw),)  # one atomic piece


def _clusters(raw: str, pattern: re.Pattern) -> tuple[tuple, str]:
    """NFC of ``raw`` chunk by chunk, and the records of the changed chunks:
    each match of ``pattern``, and for a run of the tables' characters that
    starts with an attaching one, the character before it too (its base)."""
    normalize = unicodedata.normalize
    attaching = _ATTACHING_SET if pattern is _RUN else frozenset()
    text_starts, text_ends, raw_starts, raw_ends = [], [], [], []
    pieces: list[str] = []
    last = shift = 0  # shift: NFC offset minus raw offset
    for match in pattern.finditer(raw):
        start, end = match.span()
        if start > last and raw[start] in attaching:
            start -= 1  # the base the marks attach to (never in a run itself)
        chunk = raw[start:end]
        fixed = normalize("NFC", chunk)
        if fixed == chunk:
            continue
        pieces.append(raw[last:start])
        pieces.append(fixed)
        text_starts.append(start + shift)
        text_ends.append(start + shift + len(fixed))
        raw_starts.append(start)
        raw_ends.append(end)
        shift += len(fixed) - len(chunk)
        last = end
    pieces.append(raw[last:])
    return (text_starts, text_ends, raw_starts, raw_ends), "".join(pieces)


class ChainedMap:
    """NFC offsets of an extracted text (HTML, DOCX, XLIFF, PO) taken to the
    extracted text by ``nfc``, then to the file as written by ``inner``
    (the loader's ``checker.loaders.OffsetMap``)."""

    __slots__ = ("nfc", "inner")

    def __init__(self, nfc: NfcMap, inner):
        self.nfc, self.inner = nfc, inner

    def to_raw(self, offset: int, end: bool = False) -> int:
        return self.inner.to_raw(self.nfc.to_raw(offset, end), end)

    def line_col(self, offset: int, end: bool = False) -> tuple[int, int]:
        return self.inner.line_col(self.nfc.to_raw(offset, end), end)


def nfc_map(doc) -> NfcMap | None:
    """The NFC map of a document checked as NFC, or None."""
    offsets = doc.offsets
    if isinstance(offsets, ChainedMap):
        return offsets.nfc
    return offsets if isinstance(offsets, NfcMap) else None


def normalised_document(doc):
    """``doc`` (made by a loader from a file's markup) with its text in NFC:
    blocks, blanked spans and bilingual segments moved to the NFC offsets,
    positions still those of the file as written. Plain text and Markdown
    are normalised before their structure is parsed (checker/structure.py)."""
    result = to_nfc(doc.text)
    if result is None:
        return doc
    text, mapping = result
    move = mapping.to_text
    return replace(
        doc, text=text, raw=doc.raw if doc.raw is not None else doc.text,
        offsets=mapping if doc.offsets is None else ChainedMap(mapping, doc.offsets),
        source=None if doc.source is None else unicodedata.normalize("NFC", doc.source),
        blocks=tuple(Block(move(b.start), move(b.end, True), b.role) for b in doc.blocks),
        skipped=tuple((move(s), move(e, True), kind) for s, e, kind in doc.skipped),
        segments=tuple((move(s), move(e, True), unicodedata.normalize("NFC", source))
                       for s, e, source in doc.segments))
