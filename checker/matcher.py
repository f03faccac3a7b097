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


class Verdict(enum.Enum):
    VARIANT = "variant"  # a listed wrong rendering
    SOURCE = "source"  # a source-language form left in the translation
    ORDER = "order"  # a person's name in the other order
    DIACRITICS = "diacritics"  # accepted letters, other tone marks/diacritics
    CASING = "casing"  # accepted letters and marks, other capitals
    READING = "reading"  # a Sino-Vietnamese reading of a Japanese name (term-reading judges the context)


@dataclass(frozen=True)
class Form:
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
    pyahocorasick) cannot be pickled: it is built again from the keys on
    unpickling, which takes milliseconds per ten thousand keys."""

    def __init__(self, entries: Sequence[Entry]):
        by_key: dict[str, list[int]] = {}
        self._entry_forms: dict[int, tuple[Form, ...]] = {}
        for number, entry in enumerate(entries):
            forms = self._entry_forms[number] = tuple(_forms_of(entry))
            for form_number, form in enumerate(forms):
                by_key.setdefault(fold(form.text), []).extend((number, form_number))
        #: the folded keys, in automaton pattern order
        self._keys: list[str] = list(by_key)
        #: per key: (length, boundary needed on the left, on the right,
        #: entry number, form number, entry number, form number, ...)
        self._payloads: list[tuple] = [
            (len(key), _needs_boundary(key[0]), _needs_boundary(key[-1]), *refs) for key, refs in by_key.items()
        ]
        self.entries = entries
        self._empty = not by_key
        self._key_forms: dict[int, tuple[Form, ...]] = {}
        self._automaton = self._build()

    def _build(self):
        return ahocorasick_rs.AhoCorasick(self._keys) if self._keys else None

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_entry_forms"], state["_key_forms"] = {}, {}  # made again on use
        state["_automaton"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._automaton = self._build()

    def _forms(self, index: int) -> tuple[Form, ...]:
        forms = self._key_forms.get(index)
        if forms is None:
            payload, made = self._payloads[index], []
            for i in range(3, len(payload), 2):
                number = payload[i]
                of_entry = self._entry_forms.get(number)
                if of_entry is None:
                    of_entry = self._entry_forms[number] = tuple(_forms_of(self.entries[number]))
                made.append(of_entry[payload[i + 1]])
            forms = self._key_forms[index] = tuple(made)
        return forms

    def _hits(self, folded: str):
        """(start, end, forms) of every whole-word occurrence of a key, in
        the order of their ends."""
        payloads, size = self._payloads, len(folded)
        for index, start, end in self._automaton.find_matches_as_indexes(folded, overlapping=True):
            left, right = payloads[index][1:3]
            if left and start > 0 and is_word_char(folded[start - 1]):
                continue
            if right and end < size and is_word_char(folded[end]):
                continue
            yield start, end, self._forms(index)

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
        for start, end, forms in sorted(self._hits(fold(source)), key=lambda hit: (hit[0], -hit[1])):
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
        spans = [(start, -end, forms) for start, end, forms in self._hits(folded)]
        spans.sort(key=lambda s: (s[0], s[1]))
        matches, covered, line_cache = [], 0, {}
        for start, neg_end, forms in spans:
            end = -neg_end
            if start < covered:
                continue
            raw = text[start:end]
            if not raw[:1].isupper() and all(f.kind is FormKind.READING for f in forms):
                continue  # a reading is a name: "đầu tư" folds like one but is not (cheap, before classifying)
            verdict, form = self._classify(raw, forms, text, start, line_cache)
            if form is None and all(f.kind is FormKind.READING for f in forms):
                continue  # text that only folds like a reading ("do Bộ") hides no other match
            covered = end
            if form is not None:
                name_start = start + form.name_offset
                matches.append(TermMatch(name_start, end, text[name_start:end], form, verdict))
        return matches

    def _classify(self, raw: str, forms, text: str, start: int, line_cache: dict):
        for form in forms:
            if form.kind in _ACCEPTED and raw[form.name_offset:] == form.name and (
                not form.name_offset or lower(raw[:form.name_offset]) == lower(form.text[:form.name_offset])
            ):
                return None, form
        lowered = lower(raw)
        for form in forms:
            if (form.kind is FormKind.VARIANT and lowered == lower(form.text)
                    and (raw[0].isupper() or not form.text[0].isupper())
                    and (not form.after or _follows(text, start, form.after))):
                return Verdict.VARIANT, form
        for form in forms:
            if form.kind is FormKind.REVERSED and raw == form.text:
                return Verdict.ORDER, form
            if form.kind is FormKind.SOURCE and lowered == lower(form.text):
                return Verdict.SOURCE, form
        for form in forms:
            if form.kind not in _ACCEPTED:
                continue
            name, expected = raw[form.name_offset:], form.name
            if form.name_offset and tone_key(lowered[:form.name_offset]) != tone_key(lower(form.text[:form.name_offset])):
                continue  # another title, e.g. "Thú tướng"
            if not _capitalised_like(name, expected) or (name.isupper() and len(name) > 1 and not expected.isupper()):
                continue  # a common noun, or a headline in capitals
            if tone_key(name) == tone_key(expected):
                return None, form  # only the tone-mark placement differs
            if tone_key(lower(name)) == tone_key(lower(expected)):
                if form.entry.case == "exact":
                    return Verdict.CASING, form
                return None, form
            # Machine translation drops marks; text with other marks than
            # the name ("Huệ", "Hà Tình") is usually another name.
            if only_lacks_marks(tone_key(name), tone_key(expected)) and self._in_vietnamese_line(text, start, line_cache):
                return Verdict.DIACRITICS, form
        for form in forms:
            # capitalised and marked as the reading (hoà/hòa alike): "Đông kinh" is no name
            if form.kind is FormKind.READING and tone_key(raw) == tone_key(form.text):
                return Verdict.READING, form
        return None, None

    @staticmethod
    def _in_vietnamese_line(text: str, offset: int, cache: dict) -> bool:
        """Stripped marks are only an error in Vietnamese prose: an English
        caption may well write "Pham Minh Chinh"."""
        line_start = text.rfind("\n", 0, offset) + 1
        if line_start not in cache:
            line_end = text.find("\n", offset)
            cache[line_start] = has_vietnamese_marks(text[line_start:line_end if line_end != -1 else len(text)])
        return cache[line_start]
