"""Vietnamese words for judging capitals: the common words of pyvi's
dictionary (a capitalised phrase made of them is no name), the proper
nouns mined from native news (``checker/data/proper-nouns.tsv.gz``, built
by ``scripts/mine_proper_nouns.py``), and the tokeniser both ``text-casing``
and that script use. The word lists are built once, lazily, and kept
between runs in pieces that a run decodes as it looks words up
(checker/wordtable.py)."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from .patterns import regex
from .vietnamese import is_syllable, lower, tone_key
from .wordtable import WordTable, cached_tables

PROPER_NOUNS_FILE = Path(__file__).resolve().parent / "data" / "proper-nouns.tsv.gz"


def word_key(text: str) -> str:
    """Comparison key: lower case, old-style tone placement."""
    return tone_key(lower(text))


@functools.cache
def dictionary_words() -> tuple[WordTable, frozenset]:
    """(common words, proper names) of the Vietnamese word list shipped
    with pyvi (31,000 entries, 25,000 of several syllables), as
    :func:`word_key` keys; kept between runs under the list's size and
    time (an upgrade of pyvi rebuilds them). A one-file run looks up a
    few dozen common words: they come in pieces (checker/wordtable.py);
    the 51 names are one small piece, kept whole."""
    spec = importlib.util.find_spec("pyvi")  # finds the package without importing it
    if not spec or not spec.submodule_search_locations:
        return WordTable.holding(frozenset()), frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "models" / "words.txt"
    try:
        stat = path.stat()
    except OSError:
        return WordTable.holding(frozenset()), frozenset()
    # pyvi's file is part of the key, not of the name: a reinstalled pyvi's
    # lists replace the old ones (datacache keeps the newest few)
    source = f"{path} {stat.st_size} {stat.st_mtime_ns}"
    words, names = cached_tables("pyvi-words", lambda: _read_pyvi_words(path), 2, source)
    return words, names.whole()


def _read_pyvi_words(path: Path) -> tuple[frozenset, frozenset]:
    words, names = set(), set()
    content = path.read_text(encoding="utf-8")
    # one key computation over the whole list, not one per line (3x faster)
    for line, key in zip(content.splitlines(), word_key(content).splitlines()):
        line, key = line.strip(), key.strip()
        if not line:
            continue
        if line[0].isupper() and " " in line and not line.isupper():
            names.add(key)
        elif line == line.lower():
            words.add(key)
    return frozenset(words), frozenset(names)


def dictionary_word(text: str) -> bool:
    """True when ``text`` (any case, one or more syllables) is a common
    Vietnamese word of pyvi's word list."""
    return word_key(text) in dictionary_words()[0]


@functools.cache
def proper_nouns() -> tuple[frozenset, WordTable]:
    """(names, transitions) mined from native news by
    scripts/mine_proper_nouns.py: capitalised words and syllable pairs that
    native writers capitalise mid-sentence; kept between runs, the 8,900
    transitions in pieces (checker/wordtable.py), the 280 names whole."""
    names, transitions = cached_tables("proper-nouns", _read_proper_nouns, 2)
    return names.whole(), transitions


def _read_proper_nouns() -> tuple[frozenset, frozenset]:
    names, transitions = set(), set()
    if PROPER_NOUNS_FILE.exists():
        import gzip  # only when the cache of the list is built

        with gzip.open(PROPER_NOUNS_FILE, "rt", encoding="utf-8") as handle:
            for line in handle:
                kind, _, key = line.rstrip("\n").partition("\t")
                if kind == "n":
                    names.add(key)
                elif kind == "t":
                    transitions.add(key)
    return frozenset(names), frozenset(transitions)


# What between two words starts a new sentence, clause or label: sentence
# punctuation, brackets, quotes, table bars, slashes, dashes, bullets.
_STARTER = regex(r"[.!?:;…()\[\]{}\"“”‘’«»|/–—•>=+*#]|\s-\s|^-\s|\n")
#: A word: a run of letters (captured, for re.split).
_TOKEN_SPLIT = regex(r"([^\W\d_]+)")


# One or two spaces (more is a blanked-out code span or link target).
_JOINER = regex(r"[ \t]{1,2}(?:&[ \t]{1,2})?")


class Token:
    """A word of a line, with what the rule needs to know about it."""

    __slots__ = ("start", "end", "text", "initial", "joined", "shape", "heading", "label", "_viet")

    def __init__(self, start: int, end: int, text: str, initial: bool, joined: bool, shape: str):
        self.start, self.end, self.text = start, end, text
        #: the first word of a sentence, clause, label or line
        self.initial = initial
        #: joined to the previous token by one or two spaces (same phrase)
        self.joined = joined
        self.shape = shape  # "lower", "title", "upper", "mixed"
        #: in a heading (Markdown ``#`` line or a heading block)
        self.heading = False
        #: in a heading, list item, table cell, link text or bold label
        self.label = False
        self._viet = None

    @property
    def viet(self) -> bool:
        """Spelt like a Vietnamese syllable (computed on first use)."""
        if self._viet is None:
            self._viet = is_syllable(self.text)
        return self._viet


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 else "title"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return "mixed"


#: (joined, initial) per separator between two words: a few strings (", ",
#: ". ", " (") recur thousands of times; two regular expressions each time
#: were a third of the tokeniser's time.
_SEPARATORS: dict[str, tuple[bool, bool]] = {}


def separator_flags(sep: str) -> tuple[bool, bool]:
    """(joined, initial) of a word after the separator ``sep`` (what lies
    between it and the word before): see :class:`Token`."""
    known = _SEPARATORS.get(sep)
    if known is None:
        known = (bool(_JOINER.fullmatch(sep)), bool(_STARTER.search(sep)))
        if len(_SEPARATORS) < 10_000:
            _SEPARATORS[sep] = known
    return known


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` (one line or block)."""
    out: list[Token] = []
    append = out.append
    # separator, word, separator, word, ..., separator: one call in C
    # instead of a match object per word
    parts = _TOKEN_SPLIT.split(text[start:end])
    pos = start + len(parts[0])
    for k in range(1, len(parts), 2):
        word, sep = parts[k], parts[k - 1]
        word_end = pos + len(word)
        if k == 1:
            initial, joined = True, False
        elif sep == " ":  # the usual separator
            initial, joined = False, True
        else:
            joined, initial = _SEPARATORS.get(sep) or separator_flags(sep)
        append(Token(pos, word_end, word, initial, joined, "lower" if word.islower() else _shape(word)))
        pos = word_end + len(parts[k + 1])
    return out
