"""Documents: raw text plus a line index, errors, reading and decoding
(the loaders that make documents of files are in checker/loaders.py).

Rules work with absolute code-point offsets into ``Document.text`` and turn
them into 1-based line/column pairs only through :meth:`Document.line_col`,
so positions always refer to the file as written (never to a normalised or
folded copy).
"""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

#: Extensions linted when a folder is given (files named explicitly are
#: always read as text).
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
#: Formats with their own loader (checker/loaders.py), and every extension a
#: folder walk picks up.
FORMAT_SUFFIXES = (".html", ".htm", ".xhtml", ".docx", ".xlf", ".xliff", ".po", ".pot")
LINT_SUFFIXES = TEXT_SUFFIXES + FORMAT_SUFFIXES

_BINARY_SNIFF = 8192


class DocumentError(Exception):
    """A file that cannot be linted; the message is shown to the user."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Block:
    """A structural unit of a document: ``text[start:end]`` has ``role``.

    Roles of linted text: ``prose``, ``heading``, ``cell`` (table cell),
    ``list-item``, ``quote``, ``caption`` (a short label or caption line),
    ``link-text``. Text that is not prose (code, HTML comments and tags,
    front matter, link targets, URLs, e-mail addresses, file paths) is
    blanked out of ``Document.text`` and listed in ``Document.skipped``.
    """

    start: int
    end: int
    role: str


@dataclass
class Document:
    """A file as the rules read it: its path and text, and what its format tells (blocks,
    source-language text, spans to skip)."""

    path: str
    text: str
    #: The source-language text of a bilingual document (XLIFF/PO, or
    #: ``--source``), for rules that compare translation and original.
    source: str | None = None
    line_starts: list[int] = field(init=False, repr=False)
    #: The file as written, when ``text`` was extracted from it (HTML markup,
    #: DOCX paragraphs, XLIFF/PO) or had directives masked; positions refer to it.
    raw: str | None = field(default=None, repr=False)
    #: Maps offsets of ``text`` to offsets of ``raw`` (checker.loaders.OffsetMap).
    offsets: object | None = field(default=None, repr=False)
    #: Inline ``mtlint:`` directives found in the file (checker.suppressions).
    directives: tuple = field(default=(), repr=False)
    #: Bilingual documents: ``(start, end, source_text)`` of each unit's
    #: target in ``text``; ``source`` holds the sources joined the same way.
    segments: tuple = field(default=(), repr=False)
    #: Structural blocks (:class:`Block`), sorted by ``start``; empty when
    #: the format has no structure (then every line is prose).
    blocks: tuple = field(default=(), repr=False)
    #: ``(start, end, kind)`` of the non-prose spans blanked out of ``text``
    #: (``code``, ``inline-code``, ``comment``, ``html``, ``front-matter``,
    #: ``url``, ``email``, ``path``, ``source-line``); nothing is reported there.
    skipped: tuple = field(default=(), repr=False)
    #: ``(lines, columns)`` before this text in its file, when the document
    #: is one piece of a larger one (checker.linter lints very large files in
    #: pieces): positions are reported in the whole file.
    origin: tuple[int, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.line_starts = line_starts(self.text)

    def line_col(self, offset: int, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset, in the file as
        written (``end=True``: the offset ends a span, for extracted text)."""
        if self.offsets is not None:
            line, column = self.offsets.line_col(offset, end)
        else:
            index = bisect.bisect_right(self.line_starts, offset) - 1
            line, column = index + 1, offset - self.line_starts[index] + 1
        if self.origin is not None:
            lines, columns = self.origin
            return line + lines, column + (columns if line == 1 else 0)
        return line, column

    def role_at(self, offset: int) -> str:
        """The role of the block holding ``offset`` (``prose`` when the
        document has no structure or the offset lies between blocks)."""
        if not self.blocks:
            return "prose"
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index].role
        return "prose"

    @property
    def _block_starts(self) -> list[int]:
        starts = self.__dict__.get("_starts_cache")
        if starts is None or len(starts) != len(self.blocks):
            starts = [b.start for b in self.blocks]
            self.__dict__["_starts_cache"] = starts
        return starts

    def line_index(self, offset: int) -> int:
        """0-based number of the line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_span(self, index: int) -> tuple[int, int]:
        """Offsets of the 0-based line ``index``, without its line break."""
        start = self.line_starts[index]
        end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def line_text(self, index: int) -> str:
        start, end = self.line_span(index)
        return self.text[start:end]


def line_starts(text: str) -> list[int]:
    """Offsets of the first character of each line of ``text`` (lines end at ``\n``)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def decode(path: str, data: bytes) -> str:
    """Text of a file's bytes, or a DocumentError naming what is wrong."""
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise DocumentError(path, "binary file (contains NUL bytes), not linted")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte column {column}); not linted", line
        ) from None
    # A byte-order mark is invisible in editors; dropping it keeps column 1
    # where the user sees it.
    return text[1:] if text.startswith("\ufeff") else text


def read_pieces(name: str, size: int, digest=None) -> Iterator[str]:
    """The text of a file read and decoded ``size`` bytes at a time (the
    pieces joined are ``decode(name, read_file(name))``): a very large
    file is never held whole, as bytes or as text. ``digest`` (a hashlib
    object), when given, is updated with the file's bytes. Raises the
    DocumentError of :func:`read_file` or :func:`decode`."""
    with _reading(name):
        handle = open(name, "rb")
    with handle:
        decoder = codecs.getincrementaldecoder("utf-8")()
        first_block, first_text = True, True
        while True:
            with _reading(name):
                block = handle.read(size)
            if first_block and b"\x00" in block[:_BINARY_SNIFF]:
                raise DocumentError(name, "binary file (contains NUL bytes), not linted")
            first_block = False
            if digest is not None:
                digest.update(block)
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError:
                decode(name, read_file(name))  # raises the DocumentError naming the line and column
                raise
            if first_text and text:
                first_text = False
                text = text[1:] if text.startswith("\ufeff") else text
            if text:
                yield text
            if not block:
                return


class _reading:
    """OS errors of reading ``name`` as a DocumentError saying in a few words why not."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, traceback):
        if exc is None or not isinstance(exc, OSError):
            return False
        if isinstance(exc, FileNotFoundError):
            raise DocumentError(self.name, "no such file") from None
        if isinstance(exc, IsADirectoryError):
            raise DocumentError(self.name, "is a directory") from None
        raise DocumentError(self.name, f"cannot read: {exc.strerror or exc}") from None


def read_file(name: str) -> bytes:
    """A file's bytes, or a DocumentError saying in a few words why not."""
    with _reading(name):
        return Path(name).read_bytes()


# Documents are made from files by checker/loaders.py (load_document,
# document_from_bytes, text_document): this module imports no other.
