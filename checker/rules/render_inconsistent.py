"""The ``render-inconsistent`` rule: one name written several ways in a
document or across the documents of one run.

A corpus rule: each document's name mentions (``checker/mentions.py``)
are collected (in worker processes) with their positions, and the
comparison happens once over the whole run. Mentions are keyed by their
folded form so that the work stays linear in the number of mentions:
renderings are only compared inside one key (plus one-edit neighbours of
the long foreign names of a document: compared pairwise when they are
few, as they nearly always are, else found by deletion neighbourhoods,
never by comparing all pairs)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from ..edits import within
from ..model import Severity
from ..patterns import regex
from ..vietnamese import fold, has_vietnamese_marks, lower, tone_key
from .base import CorpusRule, Option
from .render_common import corpus_finding, glossary_forms, glossary_verdict, mention_positions, term_spans


def _stripped_of(rendering: str, other: str) -> bool:
    """``rendering`` is ``other`` with the marks of some words removed
    ("Phạm Minh Chinh" of "Phạm Minh Chính")."""
    a, b = rendering.split(), other.split()
    if len(a) != len(b):
        return False
    stripped = False
    for x, y in zip(a, b):
        if x == y:
            continue
        if fold(x) == fold(y) and not has_vietnamese_marks(x) and has_vietnamese_marks(y):
            stripped = True
            continue
        return False
    return stripped


_SPACES_AND_HYPHENS = regex(r"[\s\-‐]+")


def _difference(a: str, b: str) -> str:
    """The category of the difference between two renderings."""
    if sorted(a.split()) == sorted(b.split()) and a != b:
        return "name-order"
    if _SPACES_AND_HYPHENS.sub(" ", a) == _SPACES_AND_HYPHENS.sub(" ", b):
        return "name-variant"  # hyphen or spacing
    if lower(a) == lower(b):
        return "casing"
    if fold(a) == fold(b):
        return "diacritics"
    return "name-variant"


def _deletions(key: str):
    for i in range(len(key)):
        yield key[:i] + key[i + 1:]


#: A bucket of the deletion index with more keys than this is skipped: the
#: keys are a family of words, not slips, and comparing them is quadratic.
_MAX_BUCKET = 50


def _near_pairs(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of keys one edit apart. Pairs that differ in the first letter
    (Hollywood / Bollywood) or by a final s (Kardashian / Kardashians) are
    other words, not slips.

    Many keys are paired by deletion neighbourhoods (:func:`_shared_buckets`):
    linear in the total length of the keys, no all-pairs comparison. A
    document rarely has more than _MAX_BUCKET long foreign names, and with
    that few no bucket of the index can be skipped: comparing them pairwise
    finds the same pairs for a tenth of the cost of building the index."""
    candidates = combinations(keys, 2) if len(keys) <= _MAX_BUCKET else _shared_buckets(keys)
    pairs = set()
    for a, b in candidates:
        if a == b or a[0] != b[0] or abs(len(a) - len(b)) > 1 or not within(a, b, 1):
            continue
        short, long_ = sorted((a, b), key=len)
        if long_ == short + "s":
            continue
        pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def _shared_buckets(keys: list[str]):
    """The pairs of keys that share a bucket of the deletion index (a key,
    or one of its one-letter deletions) of at most _MAX_BUCKET keys."""
    index: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        index[key].append(key)
        for variant in set(_deletions(key)):
            index[variant].append(key)
    for bucket in index.values():
        if 2 <= len(bucket) <= _MAX_BUCKET:
            for i, a in enumerate(bucket):
                for b in bucket[i + 1:]:
                    yield a, b


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        self.parent[x] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class RenderInconsistent(CorpusRule):
    """
    ## What it does
    Flags a name written in several ways in one document, or across the
    documents linted together: diacritics ("Phạm Minh Chinh" beside "Phạm
    Minh Chính"), word order of a two-word foreign name ("Naoki Ito" in one
    report, "Ito Naoki" in another), hyphens and spacing ("Alexander
    Arnold" / "Alexander-Arnold"), and one-letter slips in long foreign
    names ("Yamanasi" / "Yamanashi"). Each minority rendering is reported
    with the canonical one: the glossary's form if the glossary knows the
    name, else the form with all its marks when the others only lack some
    (dropped marks are the usual slip, added ones are not), else the form
    most mentions use, else the first.

    No glossary is needed: names are the capitalised word runs of
    Vietnamese prose (captions already reported as untranslated are left
    out). Across documents, two Vietnamese names that differ in a mark
    ("Nguyễn Văn Thanh" / "Nguyễn Văn Thành") may be two people, so only
    order, spacing, a fully stripped form or a foreign name are compared
    there; inside one document every difference counts.

    ## Why is this bad?
    A reader cannot tell whether "Chinh" and "Chính" are one person, and
    search, indexes and translation memories treat them as two.

    ## Example
    ```
    Thủ tướng Phạm Minh Chinh nhấn mạnh ...
    Phiên thảo luận giữa Thủ tướng Phạm Minh Chính và ...
    ```

    ## Use instead
    ```
    Thủ tướng Phạm Minh Chính nhấn mạnh ...
    Phiên thảo luận giữa Thủ tướng Phạm Minh Chính và ...
    ```
    """

    name = "render-inconsistent"
    category = "name-variant"
    severity = Severity.WARNING
    options = (
        Option("fuzzy_min_length", 8, "shortest foreign name (letters) compared by edit distance; 0 turns it off",
               type=int),
        Option("minor", "info", "severity of casing, hyphen/spacing and one-letter differences",
               choices=("info", "warning", "error")),
    )

    def collect(self, doc, ctx):
        """Per written form of a name (text, key, rendering, marked,
        foreign: a mention's fields after its span), the positions of its
        mentions as a flat tuple of (line, column, end line, end column,
        reported by term-*) ints, in text order; forms in the order of their
        first mention. The summary crosses from a worker to the parent for
        every document of a run: one row per form instead of one per
        mention makes it a third as large."""
        mentions = ctx.name_mentions
        # only a wrong form can be reported by term-* (most documents have none)
        wrong_forms = [m for m in ctx.term_matches if m.verdict is not None]
        spans = term_spans(ctx) if wrong_forms else None
        places_of: dict[tuple, list[int]] = {}
        for m, position in zip(mentions, mention_positions(doc, mentions)):
            form = m[2:]
            places = places_of.get(form)
            if places is None:
                places = places_of[form] = []
            places.extend(position)
            places.append(spans is not None and glossary_verdict(spans, m.start, m.end) == "other")
        rows = [(*form, tuple(places)) for form, places in places_of.items()]
        # one-edit neighbours among the long foreign names of this document
        # (a one-letter difference across documents may be another name:
        # Columbia / Colombia)
        min_fuzzy = ctx.option(self.name, "fuzzy_min_length")
        pairs = []
        if min_fuzzy:
            keys = sorted({key for _text, key, _rendering, _marked, foreign in places_of
                           if foreign and len(key) - key.count(" ") >= min_fuzzy})
            if len(keys) > 1:
                glossary = glossary_forms(ctx.glossary)
                pairs = [(a, b) for a, b in _near_pairs(keys) if not (a in glossary and b in glossary)]
        return rows, pairs

    def check_corpus(self, collected, ctx):
        glossary = glossary_forms(ctx.glossary)
        # A first pass finds the keys written more than one way and joins
        # the keys of near pairs; only their rows are then gathered. Most
        # names are written one way: a list of rows for each of them is
        # work and garbage-collector load for nothing.
        rendering_of: dict[str, str | None] = {}  # key -> its rendering; None: more than one
        union = _UnionFind()
        for path, summary in collected:
            rows, pairs = summary or ((), ())
            for row in rows:
                key, rendering = row[1], row[2]
                seen = rendering_of.setdefault(key, rendering)
                if seen is not None and seen != rendering:
                    rendering_of[key] = None
            for a, b in pairs:
                union.union(a, b)
        # the keys to compare, by cluster, in the order of their first mention
        clusters: dict[str, list[str]] = {}
        in_pairs = union.parent
        for key, rendering in rendering_of.items():
            if key in in_pairs:
                clusters.setdefault(union.find(key), []).append(key)
            elif rendering is None:
                clusters[key] = [key]
        wanted = {key for keys in clusters.values() for key in keys}
        groups: dict[str, list] = defaultdict(list)  # key -> (doc index, form row), in run order
        for index, (path, summary) in enumerate(collected):
            for row in summary[0] if summary else ():
                if row[1] in wanted:
                    groups[row[1]].append((index, row))
        findings = []
        for keys in clusters.values():
            renderings: dict[str, list] = defaultdict(list)
            for key in keys:
                for index, (raw, form_key, rendering, marked, foreign, places) in groups[key]:
                    mentions = renderings[rendering]
                    for i in range(0, len(places), 5):
                        # (doc index, (key, rendering, text, position, marked, foreign, reported by term-*))
                        mentions.append((index, (form_key, rendering, raw, places[i:i + 4], marked, foreign, places[i + 4])))
            if len(renderings) < 2:
                continue
            findings.extend(self._check_cluster(keys, renderings, glossary, collected,
                                                ctx.option(self.name, "minor")))
        return findings

    def _check_cluster(self, keys, renderings, glossary, collected, minor_severity):
        first_seen = {r: min((i, row[3]) for i, row in items) for r, items in renderings.items()}
        glossary_form = next((glossary[k] for k in keys if k in glossary), None)
        if glossary_form is not None:
            canonical = tone_key(glossary_form)
            reason = "the glossary form"
            shown = glossary_form
        else:
            docs = {r: {i for i, _ in items} for r, items in renderings.items()}
            # a form that only lacks marks of another form of the same
            # document is not canonical, however often it is used
            eligible = [r for r in renderings
                        if not any(_stripped_of(r, o) and docs[r] & docs[o] for o in renderings if o != r)]
            canonical = max(eligible, key=lambda r: (len(renderings[r]), _neg(first_seen[r])))
            counts = sorted((len(v) for v in renderings.values()), reverse=True)
            if len(eligible) < len(renderings) and len(renderings[canonical]) < counts[0]:
                reason = "the form with all its marks"
            elif counts[0] == (counts[1] if len(counts) > 1 else 0):
                reason = "the form used first"
            else:
                reason = f"the form of {len(renderings[canonical])} of {sum(counts)} mentions in the files linted"
            shown = renderings[canonical][0][1][2]
        docs_with_canonical = {i for i, _ in renderings.get(canonical, ())}
        minor = Severity.parse(minor_severity)
        findings = []
        elsewhere = None
        for rendering, items in renderings.items():
            if rendering == canonical:
                continue
            kind = _difference(rendering, canonical)
            rendering_docs = len({i for i, _ in items})
            for index, row in items:
                _key, _rendering, raw, pos, marked, foreign, term_reported = row
                if term_reported:
                    continue  # the glossary rules report it, at another span
                same_doc = index in docs_with_canonical
                if not same_doc and not (
                        (glossary_form is not None or reason != "the form used first")
                        and _comparable_across(raw, shown, kind, foreign)
                        and rendering_docs <= max(1, len(docs_with_canonical) // 2)):
                    continue  # across documents: only a form few documents use is reported
                path = collected[index][0]
                if same_doc:
                    where = "elsewhere in this document"
                else:
                    if elsewhere is None:
                        elsewhere = _elsewhere(renderings.get(canonical, ()), collected)
                    where = elsewhere
                message = f"'{raw}' is written '{shown}' {where}; '{shown}' is {reason}"
                severity = minor if kind in ("casing", "name-variant") else None
                findings.append(corpus_finding(self, path, pos, message, shown, category=kind, severity=severity))
        return findings


def _neg(seen):
    index, pos = seen
    return (-index, -pos[0], -pos[1])


def _comparable_across(raw: str, canonical: str, kind: str, foreign: bool) -> bool:
    """Across documents only differences that cannot be two people or two
    accepted conventions count: word order, hyphens and spacing, marks
    missing from every word of a Vietnamese name that has them on at least
    two, and the diacritics of a foreign name (Rudiger / Rüdiger). Casing
    (brand names), one-letter differences and an English spelling beside a
    Vietnamese one (Hong Kong / Hồng Kông) are compared inside a document
    only."""
    if kind == "name-order":
        return True
    if kind == "name-variant":
        return _SPACES_AND_HYPHENS.sub(" ", raw) == _SPACES_AND_HYPHENS.sub(" ", canonical)
    if kind == "diacritics":
        if foreign:
            return not has_vietnamese_marks(canonical)
        marked_words = sum(has_vietnamese_marks(w) for w in canonical.split())
        return not has_vietnamese_marks(raw) and marked_words >= 2
    return False


def _elsewhere(items, collected) -> str:
    docs = sorted({i for i, _ in items})
    if not docs:
        return "elsewhere"
    index, row = min(items, key=lambda item: (item[0], item[1][3]))
    path = collected[index][0]
    more = f" and {len(docs) - 1} other document(s)" if len(docs) > 1 else ""
    return f"in {path}:{row[3][0]}{more}"
