"""One-pass glossary matching and the verdict on each match.

All forms of all entries (canonical, aliases, title + short form, variants,
source forms, reversed person names) go into one Aho-Corasick automaton
keyed by their folded form, so a document is scanned once whatever the
size of the glossary. Each whole-word match is then classified once; the
``term-*`` rules only select the verdicts they report.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick_rs

from .patterns import regex
from .vietnamese import fold, has_vietnamese_marks, lower, only_lacks_marks, tone_key

if TYPE_CHECKING:  # the matcher takes the glossary's entries; the glossary builds it (no import loop)
    from .glossary import Entry


class FormKind(enum.Enum):
    CANONICAL = "canonical"
    ALIAS = "alias"
    SHORT = "short form"
    SOURCE = "source form"
    VARIANT = "variant"
    REVERSED = "reversed name"
    READING = "Sino-Vietnamese reading"


_ACCEPTED = (FormKind.CANONICAL, FormKind.ALIAS, FormKind.SHORT)

#: scan()'s decision for text that is no name and hides no shorter match
_SKIP = "skip"
#: How many decisions a run remembers (an archive of millions of documents
#: meets more distinct names than a corpus; memory stays bounded).
_MAX_DECISIONS = 200_000


class Verdict(enum.Enum):
    VARIANT = "variant"  # a listed wrong rendering
    SOURCE = "source"  # a source-language form left in the translation
    ORDER = "order"  # a person's name in the other order
    DIACRITICS = "diacritics"  # accepted letters, other tone marks/diacritics
    CASING = "casing"  # accepted letters and marks, other capitals
    READING = "reading"  # a Sino-Vietnamese reading of a Japanese name (term-reading judges the context)


@dataclass(frozen=True)
class Form:
    """One written form of a glossary entry (canonical, alias, variant, reading…), as the matcher finds it."""

    entry: Entry
    kind: FormKind
    text: str
    #: Where the name starts inside ``text`` (after "Thủ tướng " for short forms).
    name_offset: int = 0
    after: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.text[self.name_offset:]


@dataclass(frozen=True)
class TermMatch:
    """A classified match; ``start``/``end`` cover the name only (not a
    title before a short form). ``verdict`` is None for an accepted form."""

    start: int
    end: int
    raw: str
    form: Form
    verdict: Verdict | None

    @property
    def entry(self) -> Entry:
        return self.form.entry


def is_word_char(char: str) -> bool:
    # '&' joins "B&Company"; a match must not end in the middle of it.
    return char.isalnum() or char in "&_"


class _WordChars(dict):
    """:func:`is_word_char` of each character met, filled on demand: the
    boundary test runs on every raw match of the automaton (nearly three
    times as many as the whole-word ones), and a dictionary subscript costs
    a fraction of a function call."""

    def __missing__(self, char: str) -> bool:
        result = self[char] = is_word_char(char)
        return result


_WORD_CHARS = _WordChars()

#: A run of word characters (:func:`is_word_char`: ``\w`` is alphanumeric
#: or ``_``): a word of a text, as a key's boundaries see it.
_WORD = regex(r"[\w&]+")

#: How many scans of a process use an automaton of only the keys the text
#: can hold (a few hundred, found through the text's words) before the
#: whole glossary's is built: about 2 ms each on a page, against 6 ms for
#: the 7,000 keys of the shipped glossary, which a run over many files
#: then uses for every file.
SUBSET_SCANS = 3


def _needs_boundary(char: str) -> bool:
    # CJK source forms sit between other CJK characters without spaces.
    return ord(char) < 0x2E80


def _forms_of(entry: Entry):
    yield Form(entry, FormKind.CANONICAL, entry.canonical)
    for alias in entry.aliases:
        yield Form(entry, FormKind.ALIAS, alias)
    for title in entry.titles:
        for short in entry.short_forms:
            yield Form(entry, FormKind.SHORT, f"{title} {short}", len(title) + 1)
    for source in entry.source_forms:
        if lower(source) not in (lower(entry.canonical), *map(lower, entry.aliases)):
            yield Form(entry, FormKind.SOURCE, source)
    for variant in entry.variants:
        yield Form(entry, FormKind.VARIANT, variant.form, after=variant.after)
    if entry.reversed_name:
        yield Form(entry, FormKind.REVERSED, entry.reversed_name)
    for reading in entry.readings:
        yield Form(entry, FormKind.READING, reading)


def _capitalised_like(raw: str, form: str) -> bool:
    """Every word capitalised in ``form`` is capitalised in ``raw``."""
    return all(r[:1].isupper() or not f[:1].isupper() for r, f in zip(raw.split(), form.split()))


def _follows(text: str, start: int, words: tuple[str, ...]) -> bool:
    before = text[max(0, start - 40):start].rstrip()
    for word in words:
        if before.endswith(word) and (len(before) == len(word) or not is_word_char(before[-len(word) - 1])):
            return True
    return False


class TermMatcher:
    """Cached with its glossary (checker/glossary.py), so it is built to
    load fast: each key's payload names its forms by (entry number, form
    number); the :class:`Form` objects are made again on a key's first
    match, not unpickled by the hundred thousand, and only the entries
    met are unpacked (the glossary's :class:`~checker.glossary.EntryTable`,
    shared with the matcher, unpacks an entry on first use). The automaton
    (ahocorasick_rs, which scans about three times faster than
    pyahocorasick) cannot be pickled: it is built again from the keys,
    which takes milliseconds per ten thousand keys, when a process has
    made :data:`SUBSET_SCANS` scans with an automaton of the few keys each
    text can hold (a run on one file never builds it).

    What :meth:`scan` makes of a (text, key) is decided once per run and
    remembered (about 800 decisions for 2,650 news articles, where it
    classifies 21,000 matches), unless the decision read the text around
    the match (:meth:`_classify`)."""

    def __init__(self, entries: Sequence[Entry]):
        by_key: dict[str, list[int]] = {}
        self._entry_forms: dict[int, tuple[Form, ...]] = {}
        for number, entry in enumerate(entries):
            forms = self._entry_forms[number] = tuple(_forms_of(entry))
            for form_number, form in enumerate(forms):
                by_key.setdefault(fold(form.text), []).extend((number, form_number))
        #: the folded keys, in automaton pattern order
        self._keys: list[str] = list(by_key)
        #: per key: (entry number, form number, entry number, form number, ...)
        self._payloads: list[tuple] = list(by_key.values())
        #: the keys that may touch a word on the left, on the right (CJK
        #: source forms); every other key matches whole words only
        self._free_left = frozenset(i for i, key in enumerate(self._keys) if not _needs_boundary(key[0]))
        self._free_right = frozenset(i for i, key in enumerate(self._keys) if not _needs_boundary(key[-1]))
        #: the whole-word keys by their first word, the others (CJK source
        #: forms) by their first character: which keys a text can hold
        self._by_first_word: dict[str, tuple[int, ...]] = {}
        self._by_first_char: dict[str, tuple[int, ...]] = {}
        for number, key in enumerate(self._keys):
            word = _WORD.match(key)
            if (word is not None and number not in self._free_left
                    and (word.end() < len(key) or number not in self._free_right)):
                index, first = self._by_first_word, word.group()
            else:
                index, first = self._by_first_char, key[0]
            index[first] = (*index.get(first, ()), number)
        self.entries = entries
        self._empty = not by_key
        self._key_forms: dict[int, tuple[Form, ...]] = {}
        self._decisions: dict[tuple[str, int], tuple] = {}
        #: the automaton of all keys, built on the first scan after
        #: SUBSET_SCANS (or by build_automaton)
        self._automaton = None
        self._subset_scans = 0

    def build_automaton(self) -> None:
        """Build the automaton of all keys now: before a pool of workers
        forks, which then share it."""
        if self._automaton is None and self._keys:
            self._automaton = ahocorasick_rs.AhoCorasick(self._keys)

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_entry_forms"], state["_key_forms"], state["_decisions"] = {}, {}, {}  # made again on use
        state["_automaton"], state["_subset_scans"] = None, 0
        return state

    def _found(self, folded: str):
        """(key number, start, end) of every occurrence of a key in
        ``folded``, overlapping ones included.

        The first :data:`SUBSET_SCANS` scans of a process search only the
        keys the text can hold as whole words. A key that needs a boundary
        before it (every key but the CJK source forms) starts with a whole
        word of the text: the character after its first word is in the key
        (a blank, a hyphen) or, for a key of one word, must be a boundary
        too. The other keys are taken by their first character. The
        whole-word hits are those of the automaton of every key
        (tests/test_matcher_subset.py)."""
        if self._automaton is None and self._subset_scans < SUBSET_SCANS:
            self._subset_scans += 1
            by_word, by_char = self._by_first_word, self._by_first_char
            numbers = [number for word in set(_WORD.findall(folded)) if word in by_word
                       for number in by_word[word]]
            numbers += [number for char in set(folded) if char in by_char for number in by_char[char]]
            if not numbers:
                return []
            numbers.sort()
            automaton = ahocorasick_rs.AhoCorasick([self._keys[number] for number in numbers])
            return [(numbers[index], start, end)
                    for index, start, end in automaton.find_matches_as_indexes(folded, overlapping=True)]
        self.build_automaton()
        if self._automaton is None:  # no keys
            return []
        return self._automaton.find_matches_as_indexes(folded, overlapping=True)

    def _forms(self, index: int) -> tuple[Form, ...]:
        forms = self._key_forms.get(index)
        if forms is None:
            payload, made = self._payloads[index], []
            for i in range(0, len(payload), 2):
                number = payload[i]
                of_entry = self._entry_forms.get(number)
                if of_entry is None:
                    of_entry = self._entry_forms[number] = tuple(_forms_of(self.entries[number]))
                made.append(of_entry[payload[i + 1]])
            forms = self._key_forms[index] = tuple(made)
        return forms

    def _hits(self, folded: str) -> list[tuple[int, int, int]]:
        """(start, -end, key number) of every whole-word occurrence of a
        key, sorted leftmost-longest first (by start, the longest first).
        Two keys never share a span (it spells the key), so the sort never
        compares key numbers."""
        size, word_chars = len(folded), _WORD_CHARS
        free_left, free_right = self._free_left, self._free_right
        hits = [
            (start, -end, index)
            for index, start, end in self._found(folded)
            if (start == 0 or not word_chars[folded[start - 1]] or index in free_left)
            and (end == size or not word_chars[folded[end]] or index in free_right)
        ]
        hits.sort()
        return hits

    def entries_named(self, source: str) -> dict[Entry, str]:
        """The entries a source-language text names, each with the text that
        names it: a source form, or the canonical, an alias or the reversed
        name (folded, so English "Pham Minh Chinh" names Phạm Minh Chính).
        Wrong variants and phrases do not count; the name must be
        capitalised as it is in the glossary ("long an" is not Long An)."""
        if self._empty:
            return {}
        named = {}
        covered = 0
        # leftmost-longest, as scan(): 京都 inside 東京都 names no Kyoto
        for start, neg_end, index in self._hits(fold(source)):
            end, forms = -neg_end, self._forms(index)
            raw = source[start:end]
            naming = [form for form in forms
                      if form.kind not in (FormKind.VARIANT, FormKind.SHORT, FormKind.READING) and form.entry.kind != "phrase"
                      and _capitalised_like(raw, form.text)]
            if start < covered or not naming:
                continue
            covered = end
            for form in naming:
                if len(raw) > len(named.get(form.entry, "")):
                    named[form.entry] = raw  # the longest naming: 群馬県 rather than 群馬
        return named

    def scan(self, text: str, folded: str | None = None) -> list[TermMatch]:
        """Classified matches in ``text``, leftmost-longest, whole words only."""
        if self._empty:
            return []
        if folded is None:
            folded = fold(text)
        matches, covered, line_cache = [], 0, {}
        decisions = self._decisions
        for start, neg_end, index in self._hits(folded):
            if start < covered:
                continue
            end = -neg_end
            raw = text[start:end]
            # The same few hundred names recur across a corpus: each
            # (text, key) is decided once, unless the verdict read the
            # surrounding text (see _decide).
            decision = decisions.get((raw, index))
            if decision is None:
                decision, contextual = self._decide(raw, index, text, start, line_cache)
                if not contextual and len(decisions) < _MAX_DECISIONS:
                    decisions[raw, index] = decision
            if decision is _SKIP:
                continue
            covered = end
            verdict, form = decision
            if form is not None:
                name_start = start + form.name_offset
                matches.append(TermMatch(name_start, end, text[name_start:end], form, verdict))
        return matches

    def _decide(self, raw: str, index: int, text: str, start: int, line_cache: dict):
        """What :meth:`scan` does with ``raw``, an occurrence of key
        ``index`` at ``start``: ``_SKIP`` it (it hides no shorter match), or
        cover it with (verdict, form), form None for text that is no name;
        and whether that depended on the text around ``raw``."""
        forms = self._forms(index)
        readings_only = all(f.kind is FormKind.READING for f in forms)
        if readings_only and not raw[:1].isupper():
            return _SKIP, False  # a reading is a name: "đầu tư" folds like one but is not (cheap, before classifying)
        verdict, form, contextual = self._classify(raw, forms, text, start, line_cache)
        if form is None and readings_only:
            return _SKIP, contextual  # text that only folds like a reading ("do Bộ") hides no other match
        return (verdict, form), contextual

    def _classify(self, raw: str, forms, text: str, start: int, line_cache: dict):
        """(verdict, form, contextual): the form ``raw`` is written in, None
        if it is no name; ``contextual`` when the verdict read the text
        around ``raw`` (the words before a variant, the language of the
        line), so that the same ``raw`` may be judged otherwise elsewhere."""
        for form in forms:
            if form.kind in _ACCEPTED and raw[form.name_offset:] == form.name and (
                not form.name_offset or lower(raw[:form.name_offset]) == lower(form.text[:form.name_offset])
            ):
                return None, form, False
        contextual = False
        lowered = lower(raw)
        for form in forms:
            if (form.kind is FormKind.VARIANT and lowered == lower(form.text)
                    and (raw[0].isupper() or not form.text[0].isupper())):
                if form.after:
                    contextual = True
                    if not _follows(text, start, form.after):
                        continue
                return Verdict.VARIANT, form, contextual
        for form in forms:
            if form.kind is FormKind.REVERSED and raw == form.text:
                return Verdict.ORDER, form, contextual
            if form.kind is FormKind.SOURCE and lowered == lower(form.text):
                return Verdict.SOURCE, form, contextual
        for form in forms:
            if form.kind not in _ACCEPTED:
                continue
            name, expected = raw[form.name_offset:], form.name
            if form.name_offset and tone_key(lowered[:form.name_offset]) != tone_key(lower(form.text[:form.name_offset])):
                continue  # another title, e.g. "Thú tướng"
            if not _capitalised_like(name, expected) or (name.isupper() and len(name) > 1 and not expected.isupper()):
                continue  # a common noun, or a headline in capitals
            if tone_key(name) == tone_key(expected):
                return None, form, contextual  # only the tone-mark placement differs
            if tone_key(lower(name)) == tone_key(lower(expected)):
                if form.entry.case == "exact":
                    return Verdict.CASING, form, contextual
                return None, form, contextual
            # Machine translation drops marks; text with other marks than
            # the name ("Huệ", "Hà Tình") is usually another name.
            if only_lacks_marks(tone_key(name), tone_key(expected)):
                contextual = True
                if self._in_vietnamese_line(text, start, line_cache):
                    return Verdict.DIACRITICS, form, contextual
        for form in forms:
            # capitalised and marked as the reading (hoà/hòa alike): "Đông kinh" is no name
            if form.kind is FormKind.READING and tone_key(raw) == tone_key(form.text):
                return Verdict.READING, form, contextual
        return None, None, contextual

    @staticmethod
    def _in_vietnamese_line(text: str, offset: int, cache: dict) -> bool:
        """Stripped marks are only an error in Vietnamese prose: an English
        caption may well write "Pham Minh Chinh"."""
        line_start = text.rfind("\n", 0, offset) + 1
        if line_start not in cache:
            line_end = text.find("\n", offset)
            cache[line_start] = has_vietnamese_marks(text[line_start:line_end if line_end != -1 else len(text)])
        return cache[line_start]
