"""Glossary-free term drift (``render-term-drift``): one concept rendered
several ways in one document.

Three sources of evidence, all inside one document:

* a small curated list of near-synonym renderings common in EN→VI
  technical machine translation (``checker/data/synonyms.yaml``: ``relay``
  / ``rơ-le``, ``kỹ thuật số`` / ``số``, ``khóa riêng`` / ``khóa riêng tư``);
* the glosses the translation gives itself: ``rơ-le (relay)`` says that
  ``rơ-le`` renders ``relay``, so a bare ``relay`` elsewhere is the same
  term kept in English;
* with the source text (``--source FILE``, or XLIFF/PO units), paragraphs
  are aligned (runs of paragraphs with the same Markdown shape) and two
  checks run: a source term kept in English in some units and translated
  in others (the Vietnamese rendering is found from the units, not
  listed), and identical source units translated differently (Xbench's
  "inconsistency in target").

Matching runs on a lower-cased copy of the text with one tone placement and
one i/y spelling (``khoá``/``khóa``, ``kĩ``/``kỹ``), offset for offset. A
one-pass Aho-Corasick scan of the folded text first picks the concepts of
which two renderings occur at all, so native text costs almost nothing
(the list and that scan: ``checker/synonyms.py``).

One rule over 500 lines: its three kinds of evidence share the masking of
non-prose, the word-boundary and "not a use" tests and the reporting of
minority renderings; split, each part would import the others.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from typing import NamedTuple

from ..model import Severity
from ..patterns import regex
from ..scoring import paragraphs
from ..synonyms import candidate_concepts, matching_form
from ..vietnamese import is_syllable, lower
from .base import DocumentRule, Option

_IDENT_NEIGHBOURS = frozenset("-_/@`#\\")


# --- text helpers -------------------------------------------------------

_FENCE = regex(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)
_INLINE = regex(r"`[^`\n]+`|\]\([^)\n]*\)|<!--.*?-->|https?://[^\s)>\]]+", re.S)


def _masked_spans(doc) -> list[tuple[int, int]]:
    """Spans to ignore: ``doc.skipped`` when the loader marked them, else a
    light Markdown fallback (fences, inline code, link targets, comments,
    URLs)."""
    if doc.skipped:
        return sorted((s, e) for s, e, _ in doc.skipped)
    text = doc.text
    if "`" not in text and "](" not in text and "<!--" not in text and "://" not in text:
        return []
    spans = [m.span() for m in _FENCE.finditer(text)]
    spans += [m.span() for m in _INLINE.finditer(text)]
    spans.sort()
    return spans


class _Mask:
    def __init__(self, spans):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        # running max of ends, so overlapping spans are handled
        best = 0
        self.reach = []
        for e in self.ends:
            best = max(best, e)
            self.reach.append(best)

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] > start


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if _is_word_char(before) or _is_word_char(after) or before in _IDENT_NEIGHBOURS or after in _IDENT_NEIGHBOURS:
        return False
    if after == "." and end + 1 < len(text) and _is_word_char(text[end + 1]):
        return False  # file.ext, module.attr
    # Directly in parentheses: a gloss ("rơ-le (relay)"), not a use.
    return not (before == "(" and after == ")")


_WORD_BEFORE = regex(r"([^\W\d_]+)[ \u00a0]*$")
_WORD_AFTER = regex(r"^[ \u00a0]*([^\W\d_]+)")


def _in_name(text: str, start: int, end: int) -> bool:
    """A capitalised English word next to another capitalised word is part
    of a product or proper name (Azure IoT Edge, Relay Module X)."""
    if not text[start].isupper():
        return False
    prev = _WORD_BEFORE.search(text[max(0, start - 40):start])
    nxt = _WORD_AFTER.search(text[end:end + 40])
    return bool((nxt and nxt.group(1)[0].isupper()) or (prev and prev.group(1)[0].isupper()
                                                         and not _sentence_start(text, start - len(prev.group(0)))))


_ENCLOSERS = (("[", "]"), ("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("*", "*"))
_OPEN_QUOTES = frozenset("\"“'‘«")
_CLOSE_QUOTES = frozenset("\"”'’»")


def _not_a_use(text: str, start: int, end: int) -> bool:
    """An English word that is not the writer's rendering of the term: part
    of a name, quoted as a word ("telemetry" comes from Greek), or in the
    English title of a linked resource ([least privilege - Glossary](…))."""
    if _in_name(text, start, end):
        return True
    if start and end < len(text) and text[start - 1] in _OPEN_QUOTES and text[end] in _CLOSE_QUOTES:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    newline = text.find("\n", end)
    line_end = len(text) if newline == -1 else newline
    for opener, closer in _ENCLOSERS:
        left = text.rfind(opener, line_start, start)
        if left == -1 or (opener != closer and closer in text[left + 1:start]):
            continue
        if opener == closer and text.count(opener, line_start, start) % 2 == 0:
            continue
        right = text.find(closer, end, line_end)
        if right != -1 and not _VI_LETTER.search(lower(text[left + 1:right])):
            return True  # an English phrase: a title, an utterance, a quotation
    return False


def _english_neighbour(text: str, start: int, end: int) -> bool:
    """The word before or after is English too (command prompt, event hub):
    the term is part of a longer English phrase."""
    prev = _WORD_BEFORE.search(text[max(0, start - 30):start])
    nxt = _WORD_AFTER.search(text[end:end + 30])
    for m in (prev, nxt):
        if m and m.group(1).isascii() and not is_syllable(m.group(1)):
            return True
    return False


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0*_#>[(\"'“":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;|"


def _match_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Occurrence(NamedTuple):
    start: int
    end: int
    core_start: int
    core_end: int


def _needs_met(needs, text: str, norm: str) -> bool:
    if not needs:
        return True
    for word in needs:
        if any(c.isupper() for c in word):
            if re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text):
                return True
        elif matching_form(word) in norm:
            return True
    return False


# --- glosses ------------------------------------------------------------

# "<Vietnamese words> (<english term>)": a lower-case English term of one
# to three words in parentheses right after Vietnamese text.
_GLOSS = regex(r"\(([a-z][a-z-]{2,}(?: [a-z][a-z-]+){0,2})\)")
_WORDS_BEFORE = regex(r"(?:[^\W\d_]+[ \u00a0-]){1,5}$")
# Words that do not begin or end a term (a gloss after "hàm nào (trigger)"
# glosses more than the words before it).
_FUNCTION_WORDS = frozenset("""
nào này đó kia các những một của và là được cho với trong trên dưới từ về để khi thì mà hay hoặc
như bởi vì do tại theo cũng đã đang sẽ rất có không gọi là này nọ ấy
""".split())
_VI_LETTER = regex(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")


class RenderTermDrift(DocumentRule):
    """
    ## What it does
    Flags a term rendered several ways in one document: an English term
    kept in English in some places and translated in others (`relay` and
    `rơ-le`), or two Vietnamese renderings of one term (`nhận dạng` and
    `nhận diện`, `khóa riêng` and `khóa riêng tư`, `tín hiệu kỹ thuật số`
    and `tín hiệu số`). The minority renderings are reported with the
    majority one as the suggestion (a tie goes to the usual term).

    No glossary is needed. The renderings compared come from a small
    curated list of near-synonyms common in English-to-Vietnamese technical
    machine translation (`checker/data/synonyms.yaml`, each pair with its
    reason), and from the glosses the translation gives itself: after
    `rơ-le (relay)`, a bare `relay` is the same term. With the source text
    (`--source FILE`, XLIFF or PO units), paragraphs are aligned and a
    source term kept in English in some paragraphs but translated in others
    is reported, as are identical source paragraphs or units translated
    differently ("inconsistency in target"). Code, link targets and URLs
    are not counted, nor are product names (a capitalised English word next
    to another capitalised word), English quoted as English and the English
    titles of linked resources. A rendering used once against once is only
    a note (info).

    ## Why is this bad?
    A reader takes two words for two things: a lesson that says `relay` for
    fifty lines and `rơ-le` afterwards, or `khóa riêng` and `khóa riêng tư`,
    makes them wonder whether a second part or a second key appeared.
    Machine translation drifts this way because it translates sentence by
    sentence without memory of its earlier choices.

    ## Example
    ```
    Relay là một công tắc điện. Khi relay bật, máy bơm chạy. Tắt relay.
    Sau 20 giây, bật rơ-le lần nữa.
    ```

    ## Use instead
    ```
    Relay là một công tắc điện. Khi relay bật, máy bơm chạy. Tắt relay.
    Sau 20 giây, bật relay lần nữa.
    ```
    """

    name = "render-term-drift"
    category = "term-inconsistent"
    severity = Severity.WARNING
    options = (
        Option("min_count", 2, "the majority rendering must occur at least this many times", type=int),
        Option("glosses", "on", "use the glosses of the text itself (`rơ-le (relay)`)", choices=("on", "off")),
        Option("source", "on", "with a source text (--source, XLIFF/PO): report a source term kept in English "
               "in some paragraphs and translated in others, and identical source units translated differently",
               choices=("on", "off")),
    )

    def check(self, doc, ctx):
        text = doc.text
        if not text:
            return
        folded = ctx.folded
        candidates = candidate_concepts(folded)
        glosses = ctx.option(self.name, "glosses") == "on" and _GLOSS.search(text) is not None
        with_source = ctx.option(self.name, "source") == "on" and bool(doc.segments or doc.source)
        if not (candidates or glosses or with_source):
            return  # the usual case for native text: nothing to compare
        norm = matching_form(text)
        mask = _Mask(_masked_spans(doc))
        min_count = max(1, int(ctx.option(self.name, "min_count")))
        reported: set[tuple[int, int]] = set()
        for concept in candidates:
            yield from self._check_concept(doc, text, norm, mask, concept, min_count, reported)
        if glosses:
            yield from self._check_glosses(doc, text, norm, mask, min_count, reported)
        if with_source:
            units = _target_units(doc)
            for start, end, message, suggestion, severity in (
                    *_source_term_drift(doc, norm, mask, units, min_count),
                    *_inconsistent_targets(doc, mask, units)):
                # The curated and gloss findings come first; a source finding
                # over the same words would replace them (the longer span
                # wins in the linter), so it is left out.
                if not any(s < end and start < e for s, e in reported):
                    reported.add((start, end))
                    yield self.finding(doc, start, end, message, suggestion, severity=severity)

    # curated near-synonyms ------------------------------------------------

    def _occurrences(self, text, norm, mask, concept):
        found = defaultdict(list)
        for m in concept.pattern.finditer(norm):
            start, end = m.span()
            if not _bounded(text, start, end) or mask.covers(start, end):
                continue
            group = m.lastgroup
            index = concept.groups[group]
            rendering = concept.renderings[index]
            core = m.span("c" + group[1:])
            if rendering.english and _not_a_use(text, core[0], core[1]):
                continue
            found[index].append(Occurrence(start, end, *core))
        return found

    def _check_concept(self, doc, text, norm, mask, concept, min_count, reported):
        found = self._occurrences(text, norm, mask, concept)
        if len(found) < 2 or not _needs_met(concept.needs, text, norm):
            return
        counts = {i: len(v) for i, v in found.items()}
        calques = {i for i in counts if concept.renderings[i].calque}
        candidates = [i for i in counts if i not in calques] or list(counts)
        majority = min(candidates, key=lambda i: (-counts[i], i))
        if counts[majority] < min_count and not calques - {majority}:
            return
        best = concept.renderings[majority]
        for index, occurrences in sorted(found.items()):
            if index == majority:
                continue
            n = counts[index]
            if index in calques:
                pass
            elif counts[majority] < min_count:
                continue
            elif concept.min_ratio:
                if counts[majority] < concept.min_ratio * n:
                    continue
            elif counts[majority] == n and majority > index:
                continue
            for occ in occurrences:
                if (occ.start, occ.end) in reported:
                    continue
                reported.add((occ.start, occ.end))
                core_text = text[occ.core_start:occ.core_end]
                suggestion = (text[occ.start:occ.core_start] + _match_case(core_text, best.form)
                              + text[occ.core_end:occ.end])
                yield self.finding(
                    doc, occ.start, occ.end,
                    f"'{text[occ.start:occ.end]}': {concept.name} is rendered "
                    f"'{best.form}' {counts[majority]} times in this document and "
                    f"'{concept.renderings[index].form}' {n} times",
                    suggestion,
                )

    # glosses -----------------------------------------------------------------

    def _check_glosses(self, doc, text, norm, mask, min_count, reported):
        """``rơ-le (relay)``: compare bare uses of the English term with bare
        uses of the Vietnamese words the gloss follows."""
        pairs = {}
        for m in _GLOSS.finditer(text):
            if mask.covers(m.start(), m.end()):
                continue
            english = m.group(1)
            before = _WORDS_BEFORE.search(text, max(0, m.start() - 60), m.start())
            if before is None or not _VI_LETTER.search(before.group().lower()):
                continue
            pairs.setdefault(english, (before.group().split(), m.start(), m.end()))
        for english, (words, gloss_start, gloss_end) in pairs.items():
            en_hits = self._bare(text, norm, mask, matching_form(english), gloss_start, gloss_end, english=True)
            if not en_hits:
                continue
            # The Vietnamese rendering: the longest tail of the glossed words
            # (two words at least, or one with marks) also used elsewhere.
            vi_hits, vi_form = [], None
            for k in range(min(4, len(words)), 1, -1):
                tail_words = [w.strip("-") for w in words[-k:]]
                if lower(tail_words[0]) in _FUNCTION_WORDS or lower(tail_words[-1]) in _FUNCTION_WORDS:
                    continue
                tail = " ".join(tail_words)
                hits = self._bare(text, norm, mask, matching_form(tail), gloss_start - len(tail) - 1, gloss_end)
                if hits:
                    vi_hits, vi_form = hits, tail
                    break
            if not vi_hits:
                continue
            n_en, n_vi = len(en_hits), len(vi_hits)
            if max(n_en, n_vi) < min_count or max(n_en, n_vi) < 2 * min(n_en, n_vi):
                continue
            if n_en > n_vi:
                minority, best, counts = vi_hits, english, (n_en, n_vi)
            else:
                minority, best, counts = en_hits, vi_form, (n_vi, n_en)
            # A writer may repeat the English once after glossing it; only a
            # habit (twice or more) is a warning.
            severity = Severity.WARNING if counts[1] >= 2 else Severity.INFO
            for start, end in minority:
                if (start, end) in reported:
                    continue
                reported.add((start, end))
                yield self.finding(
                    doc, start, end,
                    f"'{text[start:end]}': the document glosses '{vi_form} ({english})' and uses "
                    f"'{best}' {counts[0]} times, '{text[start:end]}' {counts[1]} times",
                    _match_case(text[start:end], best), severity=severity,
                )

    def _bare(self, text, norm, mask, needle, skip_start, skip_end, english=False):
        hits = []
        pos = norm.find(needle)
        while pos != -1:
            end = pos + len(needle)
            if not (skip_start <= pos < skip_end) and _bounded(text, pos, end) and not mask.covers(pos, end):
                if not (english and _not_a_use(text, pos, end)):
                    hits.append((pos, end))
            pos = norm.find(needle, pos + 1)
        return hits


# --- with a source text ---------------------------------------------------------


_MARKUP = regex(r"^[\s#>*+\-|]*(?:\d+[.)]\s+)?|[\[\]*_`|]+|\s*[.:;!?]+\s*$")
_SPACES = regex(r"\s+")
_MIN_SOURCE_WORDS = 2


def _unit_key(text: str) -> str:
    """A unit compared as text: markup, end punctuation and spacing dropped."""
    return _SPACES.sub(" ", _MARKUP.sub(" ", matching_form(text))).strip()


_PREFIX = regex(r"^\s*([#>*+\-|\s]*(?:\d+[.)])?\s*\[?)")
_NUMBER = regex(r"\d+")


def _shape(line: str) -> tuple:
    """What a paragraph and its translation share: the Markdown prefix, the
    numbers, links, code and emphasis."""
    prefix = _PREFIX.match(line).group(1).replace(" ", "")
    return (prefix, tuple(sorted(_NUMBER.findall(line))), line.count("]("), line.count("`"),
            line.count("**"), line.count("|"))


def _target_units(doc):
    """``(start, end, source_text)`` of each translated unit: the bilingual
    units of XLIFF/PO, else the paragraphs (non-blank lines) of the text
    aligned with those of ``doc.source``."""
    if doc.segments:
        return [(s, e, src) for s, e, src in doc.segments]
    target = paragraphs(doc.text)
    source = paragraphs(doc.source)
    if not target or not source:
        return []
    # Paragraphs are paired where runs of them have the same shape (prefix,
    # numbers, links, code): a translation keeps the Markdown skeleton, and
    # a run of equal shapes anchors the pairing better than the words of
    # two languages do. Runs shorter than three are not trusted.
    from difflib import SequenceMatcher  # only for a document with its source

    matcher = SequenceMatcher(None, [_shape(p.text) for p in target], [_shape(p.text) for p in source],
                              autojunk=False)
    units = []
    for i, j, size in matcher.get_matching_blocks():
        if size < 3:
            continue
        for k in range(size):
            start, end = doc.line_span(target[i + k].line - 1)
            line = doc.text[start:end]
            lead = len(line) - len(line.lstrip())
            units.append((start + lead, start + len(line.rstrip()), source[j + k].text))
    return units


def _inconsistent_targets(doc, mask, units):
    """Identical source units translated differently (Xbench's
    "inconsistency in target"): the minority translations, with the
    majority one as the suggestion."""
    groups = defaultdict(list)
    for start, end, source in units:
        key = _unit_key(source)
        if len(re.findall(r"[^\W\d_]+", key)) < _MIN_SOURCE_WORDS or mask.covers(start, end):
            continue
        target = doc.text[start:end]
        if not target.strip():
            continue
        groups[key].append((start, end, _unit_key(target)))
    for key, units in groups.items():
        renderings = Counter(t for _, _, t in units)
        if len(renderings) < 2:
            continue
        order = {t: i for i, (_, _, t) in reversed(list(enumerate(units)))}
        best = min(renderings, key=lambda t: (-renderings[t], order[t]))
        best_unit = next(u for u in units if u[2] == best)
        best_text = doc.text[best_unit[0]:best_unit[1]]
        if renderings[best] < 2 and len(units) > 2:
            continue  # no majority among three or more translations
        for start, end, target in units:
            if target == best:
                continue
            # One against one: either may be the slip, so only a note.
            severity = Severity.WARNING if renderings[best] >= 2 else Severity.INFO
            yield (start, end,
                   f"the same source text ('{key[:60]}') is translated differently here than "
                   f"{renderings[best]} time(s) elsewhere in this document ('{best_text[:60]}')",
                   best_text if "\n" not in best_text else None, severity)


# Source terms: the content words of the English side, one or two words.
_EN_WORD = regex(r"[A-Za-z][a-z]+(?:-[a-z]+)*")
_EN_STOP = frozenset("""
a an the and or but if then else of to in on at by for with from into onto over under about as is are was were be
been being am do does did done have has had having it its this that these those there here which who whom whose what
when where why how all any both each few more most other some such no nor not only own same so than too very can
will just should would could may might must shall you your yours we our ours they them their he she his her i me my
one two three four five first second next last also use used using uses make makes made get gets got set sets like
need needs want wants see seen new way ways many much well into out up down off again further once via per lets let
note read learn learned lesson lessons quiz following below above example examples time times
""".split())
_MIN_TERM_UNITS = 3
_VI_TOKEN = regex(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _en_terms(source: str) -> set[str]:
    words = [w.lower() for w in _EN_WORD.findall(source)]
    terms = {w for w in words if w not in _EN_STOP and len(w) > 3}
    terms |= {f"{a} {b}" for a, b in zip(words, words[1:]) if a not in _EN_STOP and b not in _EN_STOP}
    return terms


def _vi_ngrams(norm_unit: str) -> set[str]:
    tokens = _VI_TOKEN.findall(norm_unit)
    grams = set()
    for n in (1, 2, 3, 4):
        for i in range(len(tokens) - n + 1):
            gram = " ".join(tokens[i:i + n])
            if _VI_LETTER.search(gram) or "-" in gram:
                grams.add(gram)
    return grams


def _find_bounded(text, norm, mask, needle, start, end):
    hits = []
    pos = norm.find(needle, start, end)
    while pos != -1:
        stop = pos + len(needle)
        if _bounded(text, pos, stop) and not mask.covers(pos, stop):
            hits.append((pos, stop))
        pos = norm.find(needle, pos + 1, end)
    return hits


def _best_gram(counts, min_cover, member_set, units_with, total, avoid=frozenset(), shares=None,
               max_cover=None):
    """The word group that renders a term: used in at least ``min_cover``
    of the term's units, rarely in units whose source lacks the term, not
    in the ``avoid`` units; ``shares``: must share a word with that gram."""
    best, best_key = None, None
    for gram, cover in counts.items():
        if cover < min_cover or (max_cover is not None and cover > max_cover):
            continue
        words = gram.split()
        if words[0] in _FUNCTION_WORDS or words[-1] in _FUNCTION_WORDS:
            continue
        inside = units_with[gram]
        if len(inside & avoid) > 0.2 * max(1, len(avoid)):
            continue  # also used where the other rendering is: not an alternative
        if len(inside - member_set) > max(1, 0.02 * (total - len(member_set))):
            continue  # a common word, not this term's rendering
        if shares is not None:
            # An alternative rendering differs from the first in one word
            # of two or more (nhận dạng / nhận diện giọng nói): a looser
            # relation pairs different terms (mã hóa / khóa đối xứng).
            other = shares.split()
            if len(words) != len(other) or len(words) < 2 or sum(a != b for a, b in zip(words, other)) != 1:
                continue
            key = (cover, len(gram))
        else:
            key = (cover, len(gram))
        if best_key is None or key > best_key:
            best, best_key = gram, key
    return best


def _source_term_drift(doc, norm, mask, units, min_count):
    """With aligned source units: an English term of the source rendered two
    ways. Either the translation keeps it in English in some units and
    renders it in Vietnamese in others, or it uses two Vietnamese renderings
    (nhận dạng / nhận diện). The renderings are found, not listed: word
    groups that the units translating the term share and that the other
    units (whose source lacks the term) rarely use."""
    if len(units) < 2 * _MIN_TERM_UNITS:
        return
    text = doc.text
    terms_of = [_en_terms(src) for _, _, src in units]
    grams_of = [_vi_ngrams(norm[s:e]) for s, e, _ in units]
    units_with = defaultdict(set)
    for i, grams in enumerate(grams_of):
        for gram in grams:
            units_with[gram].add(i)
    by_term = defaultdict(list)
    for i, terms in enumerate(terms_of):
        for term in terms:
            by_term[term].append(i)
    total = len(units)
    claimed: set[tuple[int, int]] = set()
    for term, members in sorted(by_term.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(members) < _MIN_TERM_UNITS:
            continue
        # built from the documents' terms: re's own cache, not the pattern cache kept between runs
        word = re.compile(rf"(?<![\w./-]){re.escape(term)}(?![\w/-])", re.I)
        in_prose = [m for i in members for m in word.finditer(units[i][2])]
        if len(in_prose) < _MIN_TERM_UNITS or sum(m.group()[0].isupper() for m in in_prose) * 2 > len(in_prose):
            continue  # a name (Microsoft, Speech Service) or only in code
        kept, translated = {}, []
        for i in members:
            s, e, src = units[i]
            if not word.search(src):
                continue
            hits = [h for h in _find_bounded(text, norm, mask, term, s, e) if not _not_a_use(text, *h)
                    and (text[h[0]].islower() or _sentence_start(text, h[0]))
                    and not _english_neighbour(text, *h)]
            if hits:
                kept[i] = hits
            elif term not in norm[s:e]:
                translated.append(i)
        member_set = set(members)
        counts = Counter(g for i in translated for g in grams_of[i])

        def hits_of(gram, pool):
            return [h for i in pool for h in _find_bounded(text, norm, mask, gram, units[i][0], units[i][1])]

        if kept:
            if len(translated) < _MIN_TERM_UNITS:
                continue
            best = _best_gram(counts, max(_MIN_TERM_UNITS, 0.7 * len(translated)), member_set, units_with, total,
                              avoid=frozenset(kept))
            if best is None:
                continue
            major_hits, minor_hits = hits_of(best, translated), [h for hits in kept.values() for h in hits]
            if len(minor_hits) > len(major_hits):
                major_hits, minor_hits = minor_hits, major_hits
            what = f"the source term '{term}' is kept in English in some places and translated in others"
        else:
            # Two Vietnamese renderings of a two-word term (speech
            # recognition, private key: single words such as "send" are
            # rendered by many collocations): the commoner one, then the one
            # the remaining units share, which differs from it in one word.
            if " " not in term or len(translated) < 2 * _MIN_TERM_UNITS - 2:
                continue
            # (a gram in nearly every unit is the words both renderings share)
            first = _best_gram(counts, max(2, 0.3 * len(translated)), member_set, units_with, total,
                               max_cover=len(translated) - 2)
            if first is None:
                continue
            rest = [i for i in translated if i not in units_with[first]]
            if len(rest) < 2:
                continue
            rest_counts = Counter(g for i in rest for g in grams_of[i])
            second = _best_gram(rest_counts, max(2, 0.6 * len(rest)), member_set, units_with, total,
                                avoid=frozenset(units_with[first] & set(translated)), shares=first)
            if second is None:
                continue
            covered = sum(1 for i in translated if i in units_with[first] or i in units_with[second])
            if covered < 0.8 * len(translated):
                continue  # the term is rendered many ways: these are collocations, not its renderings
            major_hits = hits_of(first, [i for i in translated if i in units_with[first]])
            minor_hits = hits_of(second, rest)
            if len(minor_hits) > len(major_hits):
                major_hits, minor_hits = minor_hits, major_hits
            what = f"the source term '{term}' is translated two ways"
        if not minor_hits or len(major_hits) < min_count or len(major_hits) == len(minor_hits):
            continue
        majority_form = text[major_hits[0][0]:major_hits[0][1]]
        severity = Severity.WARNING if len(major_hits) >= 2 * len(minor_hits) else Severity.INFO
        for start, end in minor_hits:
            if (start, end) in claimed:
                continue
            claimed.add((start, end))
            yield (start, end,
                   f"'{text[start:end]}': {what} ('{lower(majority_form)}' {len(major_hits)} times, "
                   f"'{lower(text[start:end])}' {len(minor_hits)} times in this document)",
                   _match_case(text[start:end], lower(majority_form)), severity)
