"""The ``term-fuzzy`` rule: a near miss of a glossary name (Levenshtein distance, checker/edits.py)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..edits import distance, nearest, within
from ..model import Severity
from ..patterns import regex
from ..vietnamese import LETTER, UPPER, fold, has_vietnamese_marks, is_syllable, tone_key
from .base import DocumentRule, Option, describe_entry
from .render_common import term_overlap, term_spans

_CAP_WORD = f"[{UPPER}][{LETTER}]*"
_MAX_WORDS = 4


@lru_cache(maxsize=8)
def _capitalised_runs(min_length: int) -> re.Pattern:
    """Runs of capitalised words that could hold a name of ``min_length``
    letters: the lookahead drops, at C speed, the lone short capitalised
    words ("Theo", "Ông") that make up most runs of a text."""
    # Starting with the capital class (the lookbehind comes after it) lets
    # the regex engine skip to candidate capitals: three times faster. The
    # lookahead, which rejects most of them, is tried before the lookbehind,
    # and does not backtrack (*+: a space is no letter).
    return regex(
        rf"[{UPPER}](?=[{LETTER}]{{{min_length - 1}}}|[{LETTER}]*+ [{UPPER}])(?<![{LETTER}\d&][{UPPER}])"
        rf"[{LETTER}]*(?: {_CAP_WORD})*(?![{LETTER}\d&])"
    )


class TermFuzzy(DocumentRule):
    """
    ## What it does
    Flags a capitalised word sequence that is one letter (two, for long
    names) away from a glossary name, once diacritics are set aside:
    "Yamanasi" for Yamanashi, "Vĩnh Lon" for Vĩnh Long. Where several names
    are as close, the one whose marks also match wins. Vietnamese names lie
    one letter apart by the hundred (Bắc Kinh / Bắc Ninh), so a near miss
    made of Vietnamese syllables is only reported where the document also
    writes the name correctly, one word differs and that word has the same
    marks as the name's word. Short sequences (under
    `min_length` letters), text in capitals, a first letter that differs,
    sequences that are themselves glossary forms, a spelling repeated three
    times where the name never appears (another name), and text already
    matched exactly are never reported.

    ## Why is this bad?
    A misspelt name is a different name to a search engine and to a reader
    who does not know the original.

    ## Example
    ```
    Đại diện từ các tỉnh Yamanasi, Niigata
    ```

    ## Use instead
    ```
    Đại diện từ các tỉnh Yamanashi, Niigata
    ```
    """

    name = "term-fuzzy"
    category = "name-variant"
    severity = Severity.WARNING
    options = (
        Option("min_length", 7, "shortest name (letters, diacritics folded) to compare", type=int),
    )

    def check(self, doc, ctx):
        index = ctx.glossary.derived("term-fuzzy", _FuzzyIndex)
        if not index.choices:
            return
        min_length = ctx.option(self.name, "min_length")
        # the glossary matches (sorted, not overlapping: a bisection finds
        # the one a span may overlap; a scan of them per hit made a long
        # document quadratic) and the spans reported here, on the first hit
        matched = reported = None
        text, folded = doc.text, ctx.folded
        known_runs = index.known_runs(min_length)  # looked up here: most runs were seen before
        for run in _capitalised_runs(min_length).finditer(text):
            run_text = run.group()
            if len(run_text) < min_length:
                continue  # most runs are one short capitalised word
            hits = known_runs.get(run_text)
            if hits is None:
                hits = index.run_hits(run_text, folded[run.start():run.end()], min_length)
            if not hits:
                continue  # most runs: their start is not needed
            base = run.start()
            for rel_start, rel_end, hit in hits:
                start, end = base + rel_start, base + rel_end
                raw = text[start:end]
                if matched is None:
                    matched, reported = term_spans(ctx), []
                if raw.isupper() or term_overlap(matched, start, end) is not None \
                        or any(s < end and start < e for s, e in reported):
                    continue
                if self._is_another_name(folded[start:end], raw, hit, text, folded):
                    continue
                reported.append((start, end))
                yield self.finding(
                    doc, start, end, f"'{raw}' looks like a misspelling of {describe_entry(hit.entry)}", hit.text,
                )

    @staticmethod
    def _is_another_name(key: str, raw: str, hit, text: str, folded: str) -> bool:
        """Vietnamese names sit one letter apart by the hundred (Bắc Kinh /
        Bắc Ninh, Trương Quốc / Trung Quốc, Thanh Hà / Thanh Hóa), so a near
        miss made of Vietnamese syllables only counts where the document
        also writes the name correctly, a single word differs, and that word
        carries the same marks as the name's word ("Vĩnh Lon" beside
        "Vĩnh Long"). A spelling used again and again where
        the name never appears is another name (the scientist Akasaki, not
        the city Takasaki)."""
        if has_vietnamese_marks(raw) or all(map(is_syllable, raw.split())):
            if hit.text not in text:
                return True
            pairs = [(w, n) for w, n in zip(tone_key(raw).lower().split(), tone_key(hit.text).lower().split()) if w != n]
            return len(pairs) != 1 or _marks_of(pairs[0][0]) != _marks_of(pairs[0][1])
        return folded.count(key) >= _REPEATED and fold(hit.text) not in folded


_REPEATED = 3


def _marks_of(word: str) -> set[str]:
    return {c for c in unicodedata.normalize("NFD", word) if unicodedata.combining(c)} | ({"đ"} & set(word))


class _FuzzyIndex:
    """Glossary names grouped by word count, searched by edit distance; results
    are cached because the same names recur across a corpus."""

    def __init__(self, glossary):
        forms = {}
        exact = set()
        #: the glossary's entries; the index names them by number, so that
        #: unpickling it (it is kept with the glossary) unpacks none of them
        self.entries = glossary.matcher.entries
        for number, entry in enumerate(self.entries):
            names = {text: fold(text) for text in (entry.canonical, *entry.aliases)}
            exact.update(names.values())
            exact.update(fold(text) for text in (*(v.form for v in entry.variants), *entry.source_forms))
            if entry.kind == "phrase" or entry.path.endswith(".tsv.gz"):
                continue  # not the gazetteer's 1,700 towns: Takashi is no misspelt Takaishi
            for text, key in names.items():
                forms.setdefault(key, (number, text))
        self.exact = exact
        #: word count -> the folded names and their (entry number, name)
        self.by_words: dict[int, tuple[list[str], list[tuple[int, str]]]] = {}
        for key, named in forms.items():
            keys, values = self.by_words.setdefault(key.count(" ") + 1, ([], []))
            keys.append(key)
            values.append(named)
        self.choices = bool(forms)
        # (word count, first letter, length) of every name: a text whose
        # length is farther from all of them than its letter limit cannot be
        # within the edit distance (it is at least the difference in length),
        # so most n-grams are settled without a fuzzy search.
        shapes = {(key.count(" ") + 1, key[0], len(key)) for key in forms}
        #: The shapes (word count, first letter, length) of the texts within
        #: their letter limit of a name's shape: that test as one look-up.
        self._near_shapes = {
            (words, first, size)
            for words, first, length in shapes
            for size in range(length - 2, length + 3)
            if abs(size - length) <= _letter_limit(size)
        }
        #: (word count, length) -> the names of that many words whose length
        #: is within the letter limit of that length (the others are farther
        #: in edit distance), in glossary order, as rapidfuzz ranks ties by
        #: position: the same hits as a search among all names of that word
        #: count. Then their entries, and by first letter the few names
        #: starting with it.
        self._by_length: dict[tuple[int, int], tuple[list[str], list, dict[str, list[str]]]] = {}
        self._cache: dict[str, object] = {}
        self._run_cache: dict[int, dict[str, tuple]] = {}

    def __getstate__(self):
        # kept with the glossary (Glossary.derived): what was looked up in
        # one run's documents stays out of it
        return {**self.__dict__, "_cache": {}, "_run_cache": {}}

    def run_hits(self, run: str, folded_run: str, min_length: int) -> tuple:
        """Near misses among the word n-grams of a capitalised run, longest
        first, as (start, end, name) relative to the run. Cached by run text:
        the same names recur across documents.

        ``folded_run`` is ``fold(run)``, which the caller slices from the
        document's folded text (folding keeps offsets), instead of folding
        the run again (tests/test_term_fuzzy_index.py)."""
        known = self.known_runs(min_length)
        cached = known.get(run)
        if cached is not None:
            return cached
        starts, ends, offset = [], [], 0  # of the run's words
        for word in run.split(" "):
            starts.append(offset)
            offset += len(word)
            ends.append(offset)
            offset += 1
        near_shapes = self._near_shapes
        hits = []
        count = len(starts)
        for size in range(min(count, _MAX_WORDS), 0, -1):
            for i in range(count - size + 1):
                start, end = starts[i], ends[i + size - 1]
                if end - start - (size - 1) < min_length:
                    continue
                # No name of a near shape (word count, first letter,
                # length): no near miss. This rules out most n-grams.
                if (size, folded_run[start], end - start) not in near_shapes:
                    continue
                hit = self.lookup(folded_run[start:end], run[start:end])
                if hit is not None:
                    hits.append((start, end, hit))
        result = tuple(hits)
        if len(known) < 200_000:
            known[run] = result
        return result

    def known_runs(self, min_length: int) -> dict[str, tuple]:
        """The runs :meth:`run_hits` answered for ``min_length``, and its answers."""
        known = self._run_cache.get(min_length)
        if known is None:
            known = self._run_cache[min_length] = {}
        return known

    def lookup(self, key: str, raw: str):
        """The name ``raw`` (folded: ``key``) is a near miss of, or None;
        :meth:`run_hits` asks only of a text whose shape is near a name's."""
        if key in self.exact:
            return None
        result = self._cache.get(raw, _UNKNOWN)
        if result is not _UNKNOWN:
            return result
        words, size = key.count(" ") + 1, len(key)
        result = None
        keys, values, same_first = self._names_near(words, size, key[0])
        limit = _letter_limit(size)
        # Only a name with the same first letter can be the answer: when none
        # is close enough (the usual case) the ranked search is not needed.
        if any(within(key, name, limit) for name in same_first):
            hits = nearest(key, keys, limit, 4)
            # names are rarely misspelt in their first letter
            hits = [h for h in hits if h[0][0] == key[0]]
            if hits:
                best = min(d for _, d, _ in hits)
                # equal letter distance: the candidate whose marks match wins
                number, text = min(
                    (values[i] for _, d, i in hits if d == best),
                    key=lambda named: distance(raw.lower(), named[1].lower()),
                )
                result = _Named(self.entries[number], text)
        self._cache[raw] = result
        return result

    def _names_near(self, words: int, size: int, first: str) -> tuple[list[str], list, list[str]]:
        """The names of ``words`` words within the letter limit of ``size``
        letters (and their entries), and those of them starting with ``first``."""
        found = self._by_length.get((words, size))
        if found is None:
            keys, values = self.by_words.get(words, ((), ()))
            limit = _letter_limit(size)
            near = [i for i, key in enumerate(keys) if abs(len(key) - size) <= limit]
            found = self._by_length[words, size] = ([keys[i] for i in near], [values[i] for i in near], {})
        keys, values, by_first = found
        same_first = by_first.get(first)
        if same_first is None:
            same_first = by_first[first] = [key for key in keys if key[0] == first]
        return keys, values, same_first


def _letter_limit(size: int) -> int:
    """The edit distance allowed for a text of ``size`` letters."""
    return 1 if size < 12 else 2


_UNKNOWN = object()


class _Named:
    """A near miss's answer: the entry, and its name the text is near."""

    __slots__ = ("entry", "text")

    def __init__(self, entry, text):
        self.entry, self.text = entry, text

