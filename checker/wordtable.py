"""Big word lists kept between runs in pieces, so that a run decodes only
the pieces it looks words up in.

A one-file run (the pre-commit path) looks up a few dozen words in each of
the big word lists (the English words of ``checker/language.py``, pyvi's
dictionary and the mined syllable pairs of ``checker/vocabulary.py``), and
unpickling a whole list, tens of thousands of strings, cost it milliseconds
each: over a tenth of the run. :func:`cached_tables` keeps the lists in the
cache folder (checker/datacache.py) as separately marshalled pieces of
about :data:`KEYS_PER_PIECE` keys, a key's piece chosen by the CRC-32 of
its UTF-8 bytes (stable from one process to the next, unlike ``hash()``);
a :class:`WordTable` decodes a piece on its first look-up. A corpus run
touches every piece, and decoding them all costs what unpickling the whole
list did; its look-ups (some 11,000 over 2,650 files) cost half a
microsecond more each than in a plain set, a few milliseconds in all.
Merging the pieces into one set after a few hundred look-ups was
measured, and cost a corpus run more than it saved.

Stored tables carry :data:`FORMAT`: tables of another format or shape
are a rebuild from the source lists, never a misread or an error. Damage
is caught before: the cache file's body has a CRC-32
(checker/datacache.py), so a damaged file is never read.
"""

from __future__ import annotations

import marshal
import os
import zlib
from types import MappingProxyType
from typing import Callable, Iterator, Union

from .datacache import cached

#: The layout of the stored tables; change it when the layout changes, so
#: that tables stored by another mtlint are rebuilt, never misread.
FORMAT = "mtlint-wordtable-2"

#: Keys per piece, about: a piece decodes in 40 to 80 microseconds. Each
#: piece also costs some 15 microseconds of its own, which a corpus run
#: pays for every piece (100 keys a piece made it 6 ms slower).
KEYS_PER_PIECE = 250

#: A word list: a set of strings, or strings mapped to a string each.
Words = Union[frozenset, dict]

#: Where a key that is not a string is looked up (``in``, ``get``).
_NO_WORDS = MappingProxyType({})


def stored_form(words: Words) -> tuple[bytes, ...]:
    """What the cache keeps of ``words``: the marshalled pieces. A piece of
    a set is a tuple: marshal sorts a frozenset's items, which made storing
    a list seven times slower."""
    count = max(1, -(-len(words) // KEYS_PER_PIECE))
    keys = list(words)
    places = [_piece_number(key, count) for key in keys]
    if isinstance(words, dict):
        pieces: list = [{} for _ in range(count)]
        for key, place in zip(keys, places):
            pieces[place][key] = words[key]
    else:
        lists: list[list] = [[] for _ in range(count)]
        for key, place in zip(keys, places):
            lists[place].append(key)
        pieces = [tuple(piece) for piece in lists]
    return tuple(marshal.dumps(piece) for piece in pieces)


def _piece_number(key: str, count: int) -> int:
    """The piece of ``count`` that holds ``key``: the CRC-32 of its UTF-8
    bytes (a lone surrogate, which only a damaged input holds, encodes
    too) modulo ``count``."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count


def _well_formed(table) -> bool:
    """``table`` has the shape :func:`stored_form` gives."""
    return isinstance(table, tuple) and len(table) > 0 and all(isinstance(blob, bytes) for blob in table)


class WordTable:
    """A word list (a frozenset or a dict of strings: ``in``, ``get``),
    decoded from its stored form a piece at a time, or held whole. A
    look-up gives what it gives on the plain frozenset or dict; a key that
    is not a string is in no list."""

    __slots__ = ("_blobs", "_pieces", "_whole")

    def __init__(self, stored: tuple[bytes, ...]):
        """``stored`` is :func:`stored_form`'s."""
        self._blobs = stored
        self._pieces: list[Words | None] = [None] * len(stored)
        self._whole: Words | None = None

    @classmethod
    def holding(cls, words: Words) -> "WordTable":
        """A table of ``words``, already in memory."""
        table = cls.__new__(cls)
        table._whole = words
        return table

    def __contains__(self, key) -> bool:
        return key in self._piece_for(key)

    def get(self, key, default=None):
        return self._piece_for(key).get(key, default)

    def _piece_for(self, key) -> Words:
        """The piece that holds ``key`` if any piece does (the whole list
        once it is in memory), as :func:`stored_form` placed it."""
        if self._whole is not None:
            return self._whole
        try:
            index = _piece_number(key, len(self._pieces))
        except AttributeError:  # not a string: in no list
            return _NO_WORDS
        piece = self._pieces[index]
        if piece is None:
            piece = self._pieces[index] = self._decode(index)
        return piece

    def _decode(self, index: int) -> Words:
        piece = marshal.loads(self._blobs[index])
        return frozenset(piece) if isinstance(piece, tuple) else piece

    def whole(self) -> Words:
        """The whole list as one frozenset or dict (every piece decoded)."""
        if self._whole is None:
            pieces = [self._decode(i) if piece is None else piece for i, piece in enumerate(self._pieces)]
            if isinstance(pieces[0], dict):
                merged: dict = {}
                for piece in pieces:
                    merged.update(piece)
                self._whole = merged
            else:
                self._whole = frozenset().union(*pieces)
        return self._whole

    def __len__(self) -> int:
        return len(self.whole())

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __eq__(self, other) -> bool:
        if isinstance(other, WordTable):
            other = other.whole()
        return self.whole() == other

    __hash__ = None  # type: ignore[assignment]  # compared by content, like a set or a dict


def cached_tables(name: str, build: Callable[[], tuple[Words, ...]], lists: int,
                  source: str = "") -> tuple[WordTable, ...]:
    """A table of each of the ``lists`` word lists ``build()`` gives, kept
    between runs under ``name`` and ``source``
    (:func:`checker.datacache.cached`) in pieces. A run that had to build
    the lists holds them whole; stored tables of another format or shape
    are a rebuild."""
    built: list[tuple[Words, ...]] = []

    def build_stored() -> tuple:
        built.append(build())
        return FORMAT, tuple(stored_form(words) for words in built[0])

    if os.environ.get("MTLINT_NO_CACHE"):  # nothing will be stored: no pieces to cut
        return tuple(WordTable.holding(words) for words in build())
    stored = cached(name, build_stored, source)
    if built:
        return tuple(WordTable.holding(words) for words in built[0])
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == FORMAT
            and isinstance(stored[1], tuple) and len(stored[1]) == lists
            and all(_well_formed(table) for table in stored[1])):
        return tuple(WordTable.holding(words) for words in build())
    return tuple(WordTable(table) for table in stored[1])
