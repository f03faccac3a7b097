"""Loaders for the formats beyond plain text: HTML, DOCX, XLIFF 1.2/2.0, PO.

Each loader turns a file's bytes into a :class:`~checker.document.Document`
whose ``text`` is what a reader sees (the visible text of an HTML page, the
paragraphs of a Word file, the targets of a bilingual file) and whose
``offsets`` map every offset of that text back to the file as written, so
``Document.line_col`` reports positions a user can jump to:

- HTML: line and column of the HTML source (entities and markup counted as
  written); ``script``, ``style``, ``template`` and attributes are skipped.
  Block elements end a paragraph (blank line), ``<br>`` ends a line.
- DOCX: line = paragraph number (1-based, in reading order, counting empty
  paragraphs and the paragraphs of table cells), column = code point in the
  paragraph's text.
- XLIFF and PO: line and column of each target in the file (exact where the
  target can be located character by character, else the start of the
  target). The targets are paragraphs of ``text``; the sources, joined the
  same way, are ``Document.source`` and ``Document.segments`` aligns them.

Plain text and Markdown are read by checker/structure.py. One registry,
:data:`FORMATS`, says per suffix how a file is loaded and how ``mtlint
fix`` writes a replacement into it; :func:`document_from_bytes` (and
:func:`load_document`, :func:`text_document`) make every document a run
lints.

Heavy libraries (python-docx, translate-toolkit, lxml) are imported inside
the loader that needs them, to keep them off the pre-commit path; this
module itself imports only the standard library and mtlint's lower layers.
(Long, as four formats with their offset maps; one file per format is the
next step, behind the same registry.)
"""

from __future__ import annotations

import bisect
import io
import os
import re
from dataclasses import dataclass
from typing import Callable

from .document import Document, DocumentError, decode, line_starts, read_file
from .normalise import normalised_document
from .patterns import regex
from .structure import structured_document
from .suppressions import parse_directives, with_directives

# --------------------------------------------------------------------------
# offsets of extracted text -> offsets of the file as written

class OffsetMap:
    """Piecewise map from offsets of extracted text to offsets of ``raw``.

    A segment covers ``text_len`` characters of text starting at
    ``text_start`` and ``raw_len`` characters of raw starting at
    ``raw_start``. Equal lengths map character by character; otherwise the
    segment is atomic (an entity, a collapsed whitespace run, a line break
    made up for a block element): its characters start at ``raw_start`` and
    end at ``raw_start + raw_len``.
    """

    __slots__ = ("raw", "_text_starts", "_raw_starts", "_text_lens", "_raw_lens", "_line_starts", "length")

    def __init__(self, raw: str):
        self.raw = raw
        self._text_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._text_lens: list[int] = []
        self._raw_lens: list[int] = []
        self._line_starts: list[int] | None = None
        self.length = 0

    def add(self, text_len: int, raw_start: int, raw_len: int) -> None:
        if text_len <= 0:
            return
        if (text_len == raw_len and self._text_lens
                and self._text_lens[-1] == self._raw_lens[-1]
                and self._raw_starts[-1] + self._raw_lens[-1] == raw_start):
            self._text_lens[-1] += text_len  # extend a contiguous linear run
            self._raw_lens[-1] += raw_len
        else:
            self._text_starts.append(self.length)
            self._raw_starts.append(raw_start)
            self._text_lens.append(text_len)
            self._raw_lens.append(raw_len)
        self.length += text_len

    def pop(self, text_len: int) -> None:
        """Drop the last ``text_len`` characters (a trailing collapsed space)."""
        while text_len > 0 and self._text_lens:
            last = self._text_lens[-1]
            if last <= text_len:
                for seq in (self._text_starts, self._raw_starts, self._text_lens, self._raw_lens):
                    seq.pop()
                text_len -= last
                self.length -= last
            else:  # only linear runs are longer than what is popped
                self._text_lens[-1] -= text_len
                self._raw_lens[-1] -= text_len
                self.length -= text_len
                text_len = 0

    def to_raw(self, offset: int, end: bool = False) -> int:
        if not self._text_starts:
            return 0
        if end and offset > 0:
            i = bisect.bisect_right(self._text_starts, offset - 1) - 1
            start, raw, tlen, rlen = self._segment(i)
            if offset - start > tlen:  # past the text: the end of the last segment
                return raw + rlen
            return raw + (offset - start) if tlen == rlen else raw + rlen
        i = max(bisect.bisect_right(self._text_starts, offset) - 1, 0)
        start, raw, tlen, rlen = self._segment(i)
        if offset - start >= tlen:
            return raw + rlen
        return raw + (offset - start) if tlen == rlen else raw

    def _segment(self, i):
        return self._text_starts[i], self._raw_starts[i], self._text_lens[i], self._raw_lens[i]

    def line_col(self, offset: int, end: bool = False) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = line_starts(self.raw)
        raw = self.to_raw(offset, end)
        index = bisect.bisect_right(self._line_starts, raw) - 1
        return index + 1, raw - self._line_starts[index] + 1


class _Builder:
    """Extracted text and its offset map, built together."""

    def __init__(self, raw: str):
        self.parts: list[str] = []
        self.map = OffsetMap(raw)
        self.last = ""  # last character emitted

    def emit(self, text: str, raw_start: int, raw_len: int) -> None:
        if text:
            self.parts.append(text)
            self.map.add(len(text), raw_start, raw_len)
            self.last = text[-1]

    def pop_space(self) -> None:
        if self.last == " " and self.parts:
            self.parts[-1] = self.parts[-1][:-1]
            self.map.pop(1)
            while self.parts and not self.parts[-1]:
                self.parts.pop()
            self.last = self.parts[-1][-1] if self.parts else ""

    @property
    def empty(self) -> bool:
        return self.map.length == 0

    def text(self) -> str:
        return "".join(self.parts)


def _finish(path: str, raw: str, builder: _Builder, **fields) -> Document:

    text = builder.text()
    if text and not text.endswith("\n"):
        builder.emit("\n", len(raw), 0)
        text += "\n"
    return Document(path, text, raw=raw, offsets=builder.map, directives=parse_directives(raw, path), **fields)


# --------------------------------------------------------------------------
# HTML

_BLOCK = frozenset("""
address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption
figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main menu nav noframes
ol optgroup option p pre section summary table tbody td tfoot th thead title tr ul
""".split())
_SKIP = frozenset({"script", "style", "template"})
_WHITESPACE = regex(r"[ \t\n\r\f]+")


class _HtmlText:
    """The visible text of a page, from what ``html.parser`` reports. Its
    parser is made here rather than subclassed, and given this object's
    handlers: the module, which compiles a dozen patterns, and ``html``,
    with its table of entities, load when a page is read, not on every
    start-up."""

    _HANDLERS = ("handle_starttag", "handle_startendtag", "handle_endtag", "handle_data", "handle_entityref",
                 "handle_charref")

    def __init__(self, raw: str):
        from html.parser import HTMLParser

        self.parser = HTMLParser(convert_charrefs=False)
        for name in self._HANDLERS:
            setattr(self.parser, name, getattr(self, name))
        self.raw = raw
        self.out = _Builder(raw)
        self.starts = line_starts(raw)
        self.breaks = 0
        self.skip: list[str] = []
        self.pre = 0

    def _offset(self) -> int:
        line, column = self.parser.getpos()
        return self.starts[line - 1] + column

    def _break(self, count: int) -> None:
        self.breaks = max(self.breaks, count) if count == 2 else self.breaks + count

    def _visible(self, text: str, raw_start: int, raw_len: int) -> None:
        if self.breaks and not self.out.empty:
            self.out.pop_space()
            self.out.emit("\n" * self.breaks, raw_start, 0)
        self.breaks = 0
        self.out.emit(text, raw_start, raw_len)

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
        elif tag == "br":
            self._break(1)
        elif tag in _BLOCK:
            self._break(2)
            if tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag, attrs):
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _BLOCK:
            self._break(2)
            if tag == "pre" and self.pre:
                self.pre -= 1

    def handle_data(self, data):
        if self.skip or not data:
            return
        start = self._offset()
        if self.pre:
            self._visible(data, start, len(data))
            return
        pos = 0
        for match in _WHITESPACE.finditer(data):
            if match.start() > pos:
                self._visible(data[pos:match.start()], start + pos, match.start() - pos)
            pos = match.end()
            # one space for a run, none at a paragraph start or after a space
            if not (self.breaks or self.out.empty or self.out.last in " \n"):
                self.out.emit(" ", start + match.start(), match.end() - match.start())
        if pos < len(data):
            self._visible(data[pos:], start + pos, len(data) - pos)

    def _reference(self, prefix: str, name: str) -> None:
        from html import unescape

        if self.skip:
            return
        start = self._offset()
        raw_len = len(prefix) + len(name)
        if self.raw.startswith(";", start + raw_len):
            raw_len += 1
        written = self.raw[start:start + raw_len]
        decoded = unescape(written)
        if decoded == written:  # not an entity ("B&Company")
            self._visible(written, start, raw_len)
        elif decoded == "\xa0":
            # &nbsp; / &#160; is a deliberate no-break space in the markup,
            # a space to the reader (a literal U+00A0 is left as written)
            self._visible(" ", start, raw_len)
        elif decoded.isspace() and decoded != "\xa0" and not self.pre:
            if not (self.breaks or self.out.empty or self.out.last in " \n"):
                self.out.emit(" ", start, raw_len)
        else:
            self._visible(decoded, start, raw_len)

    def handle_entityref(self, name):
        self._reference("&", name)

    def handle_charref(self, name):
        self._reference("&#", name)


def load_html(path: str, data: bytes) -> Document:
    raw = decode(path, data)
    text = _HtmlText(raw)
    try:
        text.parser.feed(raw)
        text.parser.close()
    except Exception as exc:  # html.parser is lenient; this is a safety net
        line, _ = text.parser.getpos()
        raise DocumentError(path, f"cannot parse HTML: {exc}", line) from None
    text.out.pop_space()
    return _finish(path, raw, text.out)


# --------------------------------------------------------------------------
# DOCX

def _docx_paragraphs(document):
    """Paragraph texts of the body in reading order, table cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(parent, element):
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                yield Paragraph(child, parent).text
            elif tag == "tbl":
                table = Table(child, parent)
                seen = set()
                for row in table.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell repeats
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell, cell._tc)
            elif tag == "sdt":  # content controls wrap paragraphs
                content = child.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
                if content is not None:
                    yield from walk(parent, content)

    yield from walk(document, document.element.body)


#: A .docx is a zip archive: all its members together may unpack to at most
#: this many bytes, and a member above DOCX_RATIO_FLOOR bytes may not unpack
#: to more than DOCX_MAX_RATIO times its compressed size (a zip bomb: 1 MB
#: that unpacks to 1 GB). Real documents are far below both (text XML
#: compresses 5-20 times; images not at all).
DOCX_MAX_UNPACKED = 256 * 1024 * 1024
DOCX_MAX_RATIO = 200
DOCX_RATIO_FLOOR = 1024 * 1024


def _check_docx_sizes(path: str, data: bytes) -> None:
    """Refuse a zip bomb before python-docx unpacks it: the sizes each member
    declares, then the bytes it really unpacks to, read in bounded chunks
    (a member can lie about its size), so memory stays bounded."""
    import zipfile

    def refuse(name: str, size: int, why: str):
        raise DocumentError(path, f"refusing this .docx: member {name} unpacks to {size:,} bytes or more "
                                  f"({why}; a zip bomb?)")

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(path, f"not a valid .docx file ({exc.__class__.__name__}: {exc})") from None
    limit = f"limit {DOCX_MAX_UNPACKED // (1024 * 1024)} MiB for all members"
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        declared = 0
        for info in members:
            declared += info.file_size
            if declared > DOCX_MAX_UNPACKED:
                refuse(info.filename, info.file_size, limit)
            if info.file_size > DOCX_RATIO_FLOOR and info.file_size > DOCX_MAX_RATIO * max(info.compress_size, 1):
                refuse(info.filename, info.file_size, f"{info.file_size // max(info.compress_size, 1):,} times "
                                                      f"its compressed size, limit {DOCX_MAX_RATIO}")
        total = 0
        try:
            for info in members:
                unpacked = 0
                with archive.open(info) as member:
                    while True:
                        chunk = member.read(1024 * 1024)
                        if not chunk:
                            break
                        unpacked += len(chunk)
                        total += len(chunk)
                        if total > DOCX_MAX_UNPACKED:
                            refuse(info.filename, unpacked, limit)
                        if unpacked > DOCX_RATIO_FLOOR and unpacked > DOCX_MAX_RATIO * max(info.compress_size, 1):
                            refuse(info.filename, unpacked, f"over {DOCX_MAX_RATIO} times its compressed size")
        except DocumentError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged member: CRC, compression method, encryption
            raise DocumentError(path, f"not a valid .docx file ({exc.__class__.__name__}: {exc})") from None


def load_docx(path: str, data: bytes) -> Document:
    _check_docx_sizes(path, data)  # before python-docx unpacks every member in memory
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = list(_docx_paragraphs(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(path, f"not a valid .docx file ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # a damaged package: lxml, zlib, …
        raise DocumentError(path, f"cannot read .docx: {exc.__class__.__name__}: {exc}") from None
    # Lines are paragraphs: a line break inside one (Shift+Enter) stays in
    # the linted text but does not start a new line of the position.
    text = "\n".join(paragraphs) + ("\n" if paragraphs else "")
    raw = "\n".join(p.replace("\r", " ").replace("\n", " ") for p in paragraphs) + ("\n" if paragraphs else "")

    doc = Document(path, text, raw=raw)
    if raw != text:
        offsets = OffsetMap(raw)
        offsets.add(len(text), 0, len(raw))
        doc.offsets = offsets
    if "mtlint:" in raw:
        return with_directives(doc)
    doc.directives = parse_directives(raw, path)
    return doc


# --------------------------------------------------------------------------
# bilingual files: XLIFF and PO

def _bilingual(path: str, raw: str, units) -> Document:
    """``units``: (target_text, source_text, offsets) with ``offsets`` a list
    of (text_len, raw_start, raw_len) segments for the target."""
    out = _Builder(raw)
    sources, segments = [], []
    position = 0
    for i, (target, source, spans) in enumerate(units):
        if i:
            out.emit("\n\n", spans[0][1] if spans else 0, 0)
            position += 2
        for text_len, raw_start, raw_len in spans:
            out.map.add(text_len, raw_start, raw_len)
        out.parts.append(target)
        out.last = target[-1:] or out.last
        segments.append((position, position + len(target), source))
        sources.append(source)
        position += len(target)
    return _finish(path, raw, out, source="\n\n".join(sources), segments=tuple(segments))


def _located(target: str, found: tuple[str, list] | None, fallback: int) -> list:
    """Offsets of a target: exact when our reading of the file agrees with
    translate-toolkit's, else every character at the target's start."""
    if found is not None:
        text, spans = found
        if text == target:
            return spans
    return [(len(target), fallback, 0)] if target else []


_XML_TOKEN = regex(
    r"<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<(?P<close>/?)(?P<tag>[\w:.-]+)[^>]*?(?P<empty>/?)>"
    r"|<\?.*?\?>|&(?P<ref>#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);",
    re.S,
)
#: Inline codes whose content is native markup, not translatable text.
_XLIFF_CODE = frozenset({"ph", "bpt", "ept", "it", "sub"})
_TARGET_START = regex(r"<(?:[\w.-]+:)?target(?=[\s/>])[^>]*?(/?)>")
_TARGET_END = regex(r"</(?:[\w.-]+:)?target\s*>")


def _xml_text(raw: str, start: int, end: int) -> tuple[str, list]:
    """Text content of raw[start:end] with per-character offsets."""
    from html import unescape

    parts, spans, skip, pos = [], [], [], start

    def text(chunk_start, chunk_end):
        if not skip and chunk_end > chunk_start:
            parts.append(raw[chunk_start:chunk_end])
            spans.append((chunk_end - chunk_start, chunk_start, chunk_end - chunk_start))

    for match in _XML_TOKEN.finditer(raw, start, end):
        text(pos, match.start())
        pos = match.end()
        if match.group("cdata") is not None:
            text(match.start("cdata"), match.end("cdata"))
        elif match.group("tag"):
            name = match.group("tag").rsplit(":", 1)[-1]
            if match.group("empty"):
                continue
            if match.group("close"):
                if skip and skip[-1] == name:
                    skip.pop()
            elif name in _XLIFF_CODE or skip:
                skip.append(name)
        elif match.group("ref") and not skip:
            decoded = unescape(match.group(0))
            parts.append(decoded)
            spans.append((len(decoded), match.start(), match.end() - match.start()))
    text(pos, end)
    return "".join(parts), spans


def _xliff_targets(raw: str, store) -> list[tuple[str, list] | None]:
    """Each unit's target as read from the raw file, located by the line
    lxml reports and the order of <target> elements on that line."""
    starts = line_starts(raw)
    located = []
    per_line: dict[int, int] = {}
    for unit in store.units:
        node = _target_node(unit)
        if node is None or node.sourceline is None:
            located.append(None)
            continue
        line = node.sourceline
        nth = per_line.get(line, 0)
        per_line[line] = nth + 1
        line_start = starts[line - 1] if line - 1 < len(starts) else 0
        found = None
        for i, match in enumerate(_TARGET_START.finditer(raw, line_start)):
            if i == nth:
                found = match
                break
        if found is None or found.group(1):
            located.append(None)
            continue
        close = _TARGET_END.search(raw, found.end())
        if close is None:
            located.append(None)
            continue
        located.append((found.end(), *_xml_text(raw, found.end(), close.start())))
    return located


def _target_node(unit):
    element = getattr(unit, "xmlelement", None)
    if element is None:
        return None
    for child in element.iter():
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "target":
            return child
    return None


def load_xliff(path: str, data: bytes) -> Document:
    from lxml import etree
    from translate.storage import xliff, xliff2

    if b"\x00" in data[:8192]:
        raise DocumentError(path, "binary file (contains NUL bytes), not linted")
    store = None
    try:
        try:
            store = xliff.xlifffile.parsestring(data)
        except ValueError as exc:
            if "XLIFF 2" not in str(exc):
                raise
            store = xliff2.Xliff2File.parsestring(data)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(path, f"not well-formed XML: {exc.msg}", exc.lineno) from None
    except (ValueError, AssertionError, etree.LxmlError) as exc:
        raise DocumentError(path, f"not a valid XLIFF file: {exc}") from None
    raw = _raw_text(path, data)
    units = []
    for unit, found in zip(store.units, _xliff_targets(raw, store)):
        target = str(unit.target or "")
        if not target or not unit.istranslatable():
            continue
        start = found[0] if found else 0
        read = (found[1], found[2]) if found else None
        units.append((target, str(unit.source or ""), _located(target, read, start)))
    return _bilingual(path, raw, units)


def _raw_text(path: str, data: bytes, encoding: str | None = None) -> str:
    try:
        return decode(path, data)
    except DocumentError:
        if not encoding:
            raise
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            raise DocumentError(path, f"cannot decode as {encoding}") from None


# PO ------------------------------------------------------------------------

_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_PO_KEYWORD = regex(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(?=")')
_PO_STRING = regex(r'"((?:[^"\\\n]|\\.)*)"')


def _po_string(raw: str, start: int, end: int, parts: list, spans: list) -> None:
    """Decode the C string body raw[start:end] with per-character offsets."""
    i = start
    while i < end:
        char = raw[i]
        if char == "\\" and i + 1 < end:
            nxt = raw[i + 1]
            if nxt in _PO_ESCAPES:
                parts.append(_PO_ESCAPES[nxt])
                spans.append((1, i, 2))
                i += 2
                continue
            octal = re.match(r"[0-7]{1,3}", raw[i + 1:i + 4])
            if octal:
                parts.append(chr(int(octal.group(0), 8)))
                spans.append((1, i, 1 + len(octal.group(0))))
                i += 1 + len(octal.group(0))
                continue
        j = i
        while j < end and raw[j] != "\\":
            j += 1
        if j == i:
            j += 1
        parts.append(raw[i:j])
        spans.append((j - i, i, j - i))
        i = j


def _po_entries(raw: str) -> list[list[tuple[int, str, list]]]:
    """Every non-obsolete entry's msgstr strings: (keyword offset, text, spans)."""
    entries: list[list] = []
    keyword, current = None, None
    offset = 0
    for line in raw.splitlines(keepends=True):
        stripped = line.lstrip()
        lead = offset + len(line) - len(stripped)
        if stripped.startswith("#"):
            keyword = None
        else:
            match = _PO_KEYWORD.match(stripped)
            if match:
                word = match.group(1)
                if word == "msgctxt" or (word == "msgid" and keyword != "msgctxt"):
                    entries.append([])
                keyword = word
                current = None
                if word.startswith("msgstr") and entries:
                    current = (lead, [], [])
                    entries[-1].append(current)
                rest = lead + match.end()
            elif stripped.startswith('"'):
                rest = lead
            else:
                rest = None
                keyword = None if not stripped.strip() else keyword
            if rest is not None and keyword and keyword.startswith("msgstr") and current is not None:
                string = _PO_STRING.match(raw, rest)
                if string:
                    _po_string(raw, string.start(1), string.end(1), current[1], current[2])
        offset += len(line)
    return [[(start, "".join(parts), spans) for start, parts, spans in entry] for entry in entries]


def load_po(path: str, data: bytes) -> Document:
    from translate.storage import po

    if b"\x00" in data[:8192]:
        raise DocumentError(path, "binary file (contains NUL bytes), not linted")
    try:
        store = po.pofile.parsestring(data)
    except Exception as exc:  # translate-toolkit raises ValueError and others
        raise DocumentError(path, f"not a valid PO file: {exc}") from None
    raw = _raw_text(path, data, getattr(store, "encoding", None))
    entries = _po_entries(raw)
    live = [u for u in store.units if not u.isobsolete()]
    aligned = len(entries) == len(live)
    units = []
    for index, unit in enumerate(live):
        if unit.isheader() or not unit.target:
            continue
        entry = entries[index] if aligned else []
        if unit.hasplural():
            targets = [str(s) for s in unit.target.strings]
            source_forms = [str(s) for s in unit.source.strings]
        else:
            targets, source_forms = [str(unit.target)], [str(unit.source)]
        for form, target in enumerate(targets):
            if not target:
                continue
            source = source_forms[min(form, len(source_forms) - 1)]
            read = entry[form] if form < len(entry) else None
            start = read[0] if read else 0
            units.append((target, source, _located(target, (read[1], read[2]) if read else None, start)))
    return _bilingual(path, raw, units)


# --------------------------------------------------------------------------
# dispatch

# How ``mtlint fix`` writes a replacement into each format, and the
# characters that, inside the span to replace, mean the span is not plain
# text as written (markup, an entity, an escape). None: not fixable.
def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


#: (escape, forbidden characters) of a format ``mtlint fix`` can edit.
FixWriter = tuple[Callable[[str], str], str]
_PLAIN: FixWriter = (lambda text: text, "")
_XML: FixWriter = (_xml_escape, "<>&")
_PO: FixWriter = (_po_escape, '\\"\n')


@dataclass(frozen=True)
class Format:
    """A file format beyond plain text: its loader (path, bytes ->
    Document) and how ``mtlint fix`` writes into it (None: not at all)."""

    load: Callable[[str, bytes], Document]
    write_fix: FixWriter | None


_HTML, _DOCX, _XLIFF, _PO_FILE = Format(load_html, _XML), Format(load_docx, None), Format(load_xliff, _XML), \
    Format(load_po, _PO)
#: Every format with a loader of its own, by suffix (plain text and
#: Markdown: checker/structure.py). checker.document.FORMAT_SUFFIXES lists
#: these suffixes for the folder walk (a test keeps the two in step).
FORMATS: dict[str, Format] = {
    ".html": _HTML, ".htm": _HTML, ".xhtml": _HTML,
    ".docx": _DOCX,
    ".xlf": _XLIFF, ".xliff": _XLIFF,
    ".po": _PO_FILE, ".pot": _PO_FILE,
}


def _format_of(path: str) -> Format | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


def load_formatted(path: str, data: bytes) -> Document:
    """The document of a file of a format in :data:`FORMATS`, as its loader
    makes it (not yet in NFC: see :func:`document_from_bytes`)."""
    return FORMATS[os.path.splitext(path)[1].lower()].load(path, data)


def load_bytes(path: str, data: bytes) -> Document:
    """A document from bytes, by the file's suffix, as its loader makes it."""
    if _format_of(path) is not None:
        return load_formatted(path, data)
    return text_document(path, decode(path, data))


def fix_writer(path: str) -> FixWriter | None:
    """(escape, forbidden characters) for ``path``, or None if fix cannot
    edit this format."""
    found = _format_of(path)
    return _PLAIN if found is None else found.write_fix


# --------------------------------------------------------------------------
# every document a run lints

def load_document(path: str | os.PathLike) -> Document:
    """The document of a file on disk (read once)."""
    name = os.fspath(path)
    return document_from_bytes(name, read_file(name))


def document_from_bytes(name: str, data: bytes) -> Document:
    """The document of a file's bytes, read by the loader of its suffix
    (checked as NFC, positions as written)."""
    if _format_of(name) is not None:
        return normalised_document(load_formatted(name, data))
    return text_document(name, decode(name, data))


def text_document(name: str, text: str) -> Document:
    """A plain-text or Markdown document (checker/structure.py): code,
    comments, URLs and other non-prose spans blanked out of the linted text,
    ``mtlint:`` directives read (positions unchanged)."""
    return structured_document(name, text)
