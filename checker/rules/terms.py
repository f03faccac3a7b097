"""Glossary-driven rules (``term-*``). They share the document's classified
glossary matches (:attr:`CheckContext.term_matches`) and differ only in
the verdicts they report."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from ..matcher import FormKind, Verdict
from ..model import Severity
from ..vietnamese import LETTER, UPPER, fold, has_vietnamese_marks, is_syllable, tone_key
from .base import Option, Rule


_KIND_NAMES = {"org": "organisation", "body": "state body"}


def _describe(entry) -> str:
    return f"the {_KIND_NAMES.get(entry.kind, entry.kind)} {entry.canonical}"


class TermVariant(Rule):
    """
    ## What it does
    Flags a known wrong rendering of a glossary name, and a source-language
    form (kanji, English) left in the translation.

    ## Why is this bad?
    Machine translation invents names: it turns the prefecture Gunma into a
    Sino-Vietnamese-looking "Sơn Ma", truncates "B&Company" to "Công ty B",
    or credits a newspaper by its web slug. A reader cannot tell these are
    the same entity the page names correctly elsewhere.

    ## Example
    ```
    Thống đốc Ichita Yamamoto của tỉnh Sơn Ma
    Nguồn: Công ty B
    ```

    ## Use instead
    ```
    Thống đốc Yamamoto Ichita của tỉnh Gunma
    Nguồn: B&Company
    ```
    """

    name = "term-variant"
    category = "name-variant"
    severity = Severity.ERROR
    fixable = True

    @classmethod
    def certain_fix(cls, finding):
        # A glossary form, chosen by the entry; a source-language form left
        # in the text may need more than its name translated: a human decides.
        return super().certain_fix(finding) and finding.category != "untranslated"

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.VARIANT and match.entry.kind != "phrase":
                suggestion = match.entry.closest_accepted(match.raw)
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' is a wrong rendering of {_describe(match.entry)}",
                    suggestion,
                )
            elif match.verdict is Verdict.SOURCE:
                yield self.finding(
                    doc, match.start, match.end,
                    f"source-language form '{match.raw}' left untranslated; write {match.entry.canonical}",
                    match.entry.canonical, category="untranslated",
                )


class TermPhrase(Rule):
    """
    ## What it does
    Flags literal-translation phrases listed in the glossary (entries of
    kind `phrase`).

    ## Why is this bad?
    A word-for-word translation picks the wrong sense: the photo credit
    "Cover:" becomes "Che phủ:" (to cover something up), "Speakers" becomes
    "Các quốc gia phát biểu" (speaking countries).

    ## Example
    ```
    Che phủ: Báo Chính phủ
    • Các quốc gia phát biểu: Tỉnh Ehime, tỉnh Yamanashi
    ```

    ## Use instead
    ```
    Ảnh bìa: Báo Chính phủ
    • Các diễn giả: Tỉnh Ehime, tỉnh Yamanashi
    ```
    """

    name = "term-phrase"
    category = "literal-mistranslation"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.VARIANT and match.entry.kind == "phrase":
                note = f" ({match.entry.note})" if match.entry.note else ""
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' is a literal translation; write '{match.entry.canonical}'{note}",
                    match.entry.canonical,
                )


class TermDiacritics(Rule):
    """
    ## What it does
    Flags a glossary name written with the right letters but wrong or missing
    tone marks and diacritics, including a short form after its title
    ("Thủ tướng Chinh").

    ## Why is this bad?
    A dropped or changed mark makes another word or another person: "Chinh"
    is not "Chính", "Vinh Long" is not "Vĩnh Long" (Vinh is a different
    city), "Bảo" (protect) is not "Báo" (newspaper). Ordinary words that fold
    to the same letters ("chính phủ", "Chính sách") are left alone: only
    text capitalised like the name, in a Vietnamese line, is checked, and a
    short form only after its title. Old and new tone placement
    (Thanh Hoá / Thanh Hóa) is not reported here.

    ## Example
    ```
    Thủ tướng Phạm Minh Chinh ... tỉnh Vinh Long
    ```

    ## Use instead
    ```
    Thủ tướng Phạm Minh Chính ... tỉnh Vĩnh Long
    ```
    """

    name = "term-diacritics"
    category = "diacritics"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.DIACRITICS:
                expected = match.form.name
                what = "after a title, " if match.form.kind is FormKind.SHORT else ""
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' has wrong or missing diacritics; {what}{_describe(match.entry)} is written '{expected}'",
                    expected,
                )


class TermCasing(Rule):
    """
    ## What it does
    Flags a glossary name with the right letters and marks but the wrong
    capitalisation.

    ## Why is this bad?
    Vietnamese official names follow fixed capitalisation rules
    (Nghị định 30/2020/NĐ-CP): only the first word and the words of the
    specific name are capitalised. "Bộ Ngoại Giao" and "Báo Chính Phủ" look
    like English title case. Text starting in lower case (a common noun:
    "chính phủ") and text in capitals (a headline) are not reported.

    ## Example
    ```
    đại diện Bộ Ngoại Giao
    ```

    ## Use instead
    ```
    đại diện Bộ Ngoại giao
    ```
    """

    name = "term-casing"
    category = "casing"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.CASING:
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' should be capitalised '{match.form.name}'",
                    match.form.name,
                )


class TermOrder(Rule):
    """
    ## What it does
    Flags a Japanese person's name written in the order the house style does
    not use. By default (`style = family-first`) "Naoki Ito" is reported with
    "Ito Naoki" as the suggestion, as government and news-agency press write
    it; `given-first` reports the opposite; `consistent` only reports the
    minority order where one document mixes both.

    ## Why is this bad?
    Translations from English copy the English given-name-first order, so a
    page ends up with "Naoki Ito" next to "Ito Naoki", and readers wonder
    whether these are two people.

    ## Example
    ```
    Đại sứ Nhật Bản tại Việt Nam Naoki Ito
    ```

    ## Use instead
    ```
    Đại sứ Nhật Bản tại Việt Nam Ito Naoki
    ```
    """

    name = "term-order"
    category = "name-order"
    severity = Severity.WARNING
    options = (
        Option("style", "family-first", "house style for Japanese names",
               choices=("family-first", "given-first", "consistent")),
    )

    def check(self, doc, ctx):
        style = ctx.option(self.name, "style")
        persons = [
            m for m in ctx.term_matches
            if m.entry.order and (m.verdict is Verdict.ORDER or (m.verdict is None and m.form.kind is FormKind.CANONICAL))
        ]
        if style == "consistent":
            counts = Counter((m.entry.canonical, m.verdict is Verdict.ORDER) for m in persons)
            wrong = {
                (m.entry.canonical, m.verdict is Verdict.ORDER)
                for m in persons
                # the minority order; on a tie, the one that is not canonical
                if counts[(m.entry.canonical, m.verdict is Verdict.ORDER)]
                < counts[(m.entry.canonical, m.verdict is not Verdict.ORDER)]
                or (m.verdict is Verdict.ORDER
                    and counts[(m.entry.canonical, True)] == counts[(m.entry.canonical, False)])
            }
        for match in persons:
            given_first = match.verdict is Verdict.ORDER
            if style == "family-first":
                report = given_first
            elif style == "given-first":
                report = not given_first
            else:
                report = (match.entry.canonical, given_first) in wrong
            if not report:
                continue
            other = match.entry.canonical if given_first else match.entry.reversed_name
            order = "family name first" if given_first else "given name first"
            reason = "this document mostly writes it" if style == "consistent" else f"house style ({style}) writes"
            yield self.finding(
                doc, match.start, match.end,
                f"'{match.raw}': {reason} {order}: '{other}'",
                other,
            )


class TermSource(Rule):
    """
    ## What it does
    In a bilingual document (XLIFF or PO units), flags a unit whose source
    names a glossary entry — by a source form such as `群馬県`, or by the name
    itself as the original writes it ("Gunma", "Pham Minh Chinh", "Naoki
    Ito") — while its translation has no form of that entry at all, right or
    wrong.

    ## Why is this bad?
    A name that disappears between source and translation was dropped,
    paraphrased away or turned into something unrecognisable ("the
    prefecture" for "Gunma Prefecture"). Wrong renderings that are still
    there are reported by the other `term-*` rules; this rule catches the
    names that are simply gone.

    ## Example
    ```
    source: Governor Yamamoto of Gunma attended the forum.
    target: Thống đốc Yamamoto của tỉnh đã tham dự diễn đàn.
    ```

    ## Use instead
    ```
    target: Thống đốc Yamamoto của tỉnh Gunma đã tham dự diễn đàn.
    ```
    """

    name = "term-source"
    category = "name-variant"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        if not doc.segments:
            return
        matcher = ctx.glossary.matcher
        for start, end, source in doc.segments:
            present = {m.entry for m in ctx.term_matches if start <= m.start < end}
            missing = [f"'{named}' ({_describe(entry)})"
                       for entry, named in matcher.entries_named(source).items() if entry not in present]
            if missing:  # one finding per unit, naming every missing entry
                yield self.finding(
                    doc, start, end, f"the source names {' and '.join(missing)} but this translation does not",
                )


_CAP_WORD = f"[{UPPER}][{LETTER}]*"
_MAX_WORDS = 4


@lru_cache(maxsize=8)
def _capitalised_runs(min_length: int) -> re.Pattern:
    """Runs of capitalised words that could hold a name of ``min_length``
    letters: the lookahead drops, at C speed, the lone short capitalised
    words ("Theo", "Ông") that make up most runs of a text."""
    # Starting with the capital class (the lookbehind comes after it) lets
    # the regex engine skip to candidate capitals: three times faster.
    return re.compile(
        rf"[{UPPER}](?<![{LETTER}\d&][{UPPER}])(?=[{LETTER}]{{{min_length - 1}}}|[{LETTER}]* [{UPPER}])"
        rf"[{LETTER}]*(?: {_CAP_WORD})*(?![{LETTER}\d&])"
    )


class TermFuzzy(Rule):
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
        index = _fuzzy_index(ctx.glossary.matcher)
        if not index.choices:
            return
        min_length = ctx.option(self.name, "min_length")
        taken = [(m.start, m.end) for m in ctx.term_matches]
        text, folded = doc.text, ctx.folded
        for run in _capitalised_runs(min_length).finditer(text):
            if run.end() - run.start() < min_length:
                continue  # most runs are one short capitalised word
            base = run.start()
            for rel_start, rel_end, hit in index.run_hits(run.group(), min_length):
                start, end = base + rel_start, base + rel_end
                raw = text[start:end]
                if raw.isupper() or any(s < end and start < e for s, e in taken):
                    continue
                if self._is_another_name(folded[start:end], raw, hit, text, folded):
                    continue
                taken.append((start, end))
                yield self.finding(
                    doc, start, end, f"'{raw}' looks like a misspelling of {_describe(hit.entry)}", hit.text,
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
    """Glossary names grouped by word count, searched with rapidfuzz; results
    are cached because the same names recur across a corpus."""

    def __init__(self, matcher):
        forms = {}
        exact = set()
        for entry in matcher.entries:
            names = (entry.canonical, *entry.aliases)
            for text in (*names, *(v.form for v in entry.variants), *entry.source_forms):
                exact.add(fold(text))
            if entry.kind == "phrase" or entry.path.endswith(".tsv.gz"):
                continue  # not the gazetteer's 1,700 towns: Takashi is no misspelt Takaishi
            for text in names:
                forms.setdefault(fold(text), _Named(entry, text))
        self.exact = exact
        self.by_words: dict[int, tuple[list[str], list]] = {}
        for key, named in forms.items():
            keys, values = self.by_words.setdefault(key.count(" ") + 1, ([], []))
            keys.append(key)
            values.append(named)
        self.choices = bool(forms)
        self._cache: dict[str, object] = {}
        self._run_cache: dict[tuple[str, int], tuple] = {}

    def run_hits(self, run: str, min_length: int) -> tuple:
        """Near misses among the word n-grams of a capitalised run, longest
        first, as (start, end, name) relative to the run. Cached by run text:
        the same names recur across documents."""
        cache_key = (run, min_length)
        cached = self._run_cache.get(cache_key)
        if cached is not None:
            return cached
        spans, offset = [], 0
        for word in run.split(" "):
            spans.append((offset, offset + len(word)))
            offset += len(word) + 1
        folded_run = fold(run)
        hits = []
        for size in range(min(len(spans), _MAX_WORDS), 0, -1):
            for i in range(len(spans) - size + 1):
                start, end = spans[i][0], spans[i + size - 1][1]
                if end - start - (size - 1) < min_length:
                    continue
                hit = self.lookup(folded_run[start:end], run[start:end])
                if hit is not None:
                    hits.append((start, end, hit))
        result = tuple(hits)
        if len(self._run_cache) < 200_000:
            self._run_cache[cache_key] = result
        return result

    def lookup(self, key: str, raw: str):
        if key in self.exact:
            return None
        if raw in self._cache:
            return self._cache[raw]
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        result = None
        keys, values = self.by_words.get(key.count(" ") + 1, ((), ()))
        if keys:
            limit = 1 if len(key) < 12 else 2
            hits = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=limit, limit=4)
            # names are rarely misspelt in their first letter
            hits = [h for h in hits if h[0][0] == key[0]]
            if hits:
                best = min(d for _, d, _ in hits)
                # equal letter distance: the candidate whose marks match wins
                result = min(
                    (values[i] for _, d, i in hits if d == best),
                    key=lambda named: Levenshtein.distance(raw.lower(), named.text.lower()),
                )
        self._cache[raw] = result
        return result


class _Named:
    __slots__ = ("entry", "text")

    def __init__(self, entry, text):
        self.entry, self.text = entry, text


@lru_cache(maxsize=4)
def _fuzzy_index(matcher) -> _FuzzyIndex:
    return _FuzzyIndex(matcher)
