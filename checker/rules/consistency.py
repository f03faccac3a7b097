"""Glossary-free consistency (``render-*``): one entity written several ways
in a document or across the documents of one run, and names whose marks
were stripped.

Both rules are corpus rules: each document's name mentions are collected
(in worker processes) with their positions, and the comparison happens
once over the whole run. Mentions are capitalised word runs of Vietnamese
prose (see :func:`find_mentions`), keyed by their folded form so that the
work stays linear in the number of mentions: renderings are only compared
inside one key (plus one-edit neighbours of long foreign names, found by
deletion neighbourhoods, never by comparing all pairs).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import NamedTuple

from ..model import Finding, Severity
from ..vietnamese import (
    MARKED_NAME_SYLLABLES, fold, has_vietnamese_marks, is_syllable, lower, tone_key,
)
from .base import Option, Rule

# Capitals of the Latin script (a short class: the full Unicode one takes
# ten times longer to compile); letters are [^\W\d_].
_UPPER = re.escape("".join(
    c for c in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper()))
_UNMARKED = re.escape("".join(
    c for c in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)])
    if c.isalpha() and not has_vietnamese_marks(c)))
_WORD = rf"[{_UPPER}][^\W\d_]*(?:[-‐][^\W\d_]+)*"
# Boundaries are checked in Python on the few matches: a look-behind here
# would be tried at every position of the text and triples the scan time.
# A single word is only a mention when it is foreign: unmarked and four
# letters or more (checked further in Python).
_RUN = re.compile(rf"{_WORD}(?: {_WORD})+|[{_UPPER}][{_UNMARKED}]{{3,}}(?:[-‐][^\W\d_]+)*(?![^\W\d_])")
_MAX_WORDS = 5  # a longer capitalised run is a title-case heading, not a name
_SENTENCE_PUNCT = frozenset(".!?…:;\"“”‘’'([«»*•□■◆▪–—-)")
# Sentence-initial words that are not names (the document-wide test below
# catches most others: a word also written in lower case is a common word).
_COMMON_STARTS = frozenset(lower(w) for w in """
Theo Tại Các Những Trong Khi Sau Nhưng Và Với Do Vì Nếu Để Từ Cùng Còn Cũng Đến Tuy Ngày Năm
Tháng Hôm Người Đây Đó Này Hiện Ông Bà Anh Chị Em Cô Chú Bác Thầy Một Hai Ba Mỗi Mọi Cả Chính
Trước Ngoài Dù Qua Về Như Lúc Thêm Bên Phía Tuần Sáng Chiều Tối Đêm Riêng Vậy Rồi Hay Hoặc
""".split())


class Mention(NamedTuple):
    """A capitalised name mention in Vietnamese prose."""

    start: int
    end: int
    text: str
    #: Grouping key: folded, hyphens as spaces; the two words of a foreign
    #: two-word name sorted, so "Naoki Ito" and "Ito Naoki" share it.
    key: str
    #: What counts as the same rendering: the text with tone marks in one
    #: placement (Thanh Hóa = Thanh Hoá; that is text-tone-style's matter).
    rendering: str
    marked: bool
    foreign: bool


_WORD_INFO: dict[str, tuple[bool, bool, bool]] = {}


def _word_info(word: str) -> tuple[bool, bool, bool]:
    """(acronym, has Vietnamese marks, foreign) of a capitalised word."""
    info = _WORD_INFO.get(word)
    if info is None:
        acronym = len(word) == 1 or word.isupper()
        marked = has_vietnamese_marks(word)
        foreign = not marked and not all(is_syllable(p) for p in re.split(r"[-‐]", word) if p)
        info = (acronym, marked, foreign)
        if len(_WORD_INFO) < 200_000:
            _WORD_INFO[word] = info
    return info


# The same names recur in every document ("Việt Nam", "Hà Nội"): the analysis
# of a run is cached by its text, positions relative to the run.
_RUN_CACHE: dict[str, tuple] = {}


def _analyse(run: str) -> tuple:
    """The mentions of a capitalised run, as (relative start, relative end,
    text, key, rendering, marked, foreign) tuples. Acronyms (all capitals)
    split a run; a Vietnamese name directly followed by a foreign one is
    split ("Việt Nam Naoki Ito", not "Kim Jong Un"); runs longer than five
    words are title-case headings; single words count only when foreign."""
    cached = _RUN_CACHE.get(run)
    if cached is not None:
        return cached
    words, pos = [], 0
    for word in run.split(" "):
        words.append((pos, pos + len(word), word, _word_info(word)))
        pos += len(word) + 1
    parts = []
    block: list = []
    for item in words + [None]:
        if item is not None and not item[3][0]:
            block.append(item)
            continue
        if block and len(block) <= _MAX_WORDS:
            kinds = [b[3][2] for b in block]
            if len(block) > 1 and any(kinds) and not all(kinds) and any(b[3][1] for b in block):
                piece = [block[0]]
                for prev, cur, b in zip(kinds, kinds[1:], block[1:]):
                    if prev != cur:
                        parts.append(piece)
                        piece = []
                    piece.append(b)
                parts.append(piece)
            else:
                parts.append(block)
        block = []
    result = []
    for piece in parts:
        marked = any(b[3][1] for b in piece)
        foreign = not marked and any(b[3][2] for b in piece)
        start, end = piece[0][0], piece[-1][1]
        if len(piece) == 1 and (not foreign or end - start < 4):
            continue
        raw = run[start:end]
        if foreign and len(piece) == 2:
            key = " ".join(sorted(fold(b[2]) for b in piece))
        else:
            key = fold(raw.replace("-", " ").replace("‐", " "))
        result.append((start, end, raw, key, tone_key(raw) if marked else raw, marked, foreign))
    result = tuple(result)
    if len(_RUN_CACHE) < 100_000:
        _RUN_CACHE[run] = result
    return result


def find_mentions(ctx) -> list[Mention]:
    """Name mentions of the document: runs of capitalised words (see
    :func:`_analyse`) on lines with Vietnamese marks, outside untranslated
    segments. A common word starting a sentence ("Theo", "Các", or a word
    the document also writes in lower case) is not part of a name."""
    from ..language import unmarked_lines

    text = ctx.doc.text
    size = len(text)
    unmarked = {start for start, _end in unmarked_lines(text)}
    line_starts = ctx.doc.line_starts
    segment_starts = [s.start for s in ctx.untranslated]
    segment_ends = [s.end for s in ctx.untranslated]
    common: dict[str, bool] = {}
    mentions: list[Mention] = []
    for match in _RUN.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "&@_./-"):
            continue  # iPhone, G7, B&Company, an address
        if end < size and (text[end].isalnum() or text[end] in "&@_"):
            continue
        run = match.group()
        single = " " not in run
        if single and not _word_info(run)[2]:
            continue
        line_start = line_starts[bisect.bisect_right(line_starts, start) - 1]
        if line_start in unmarked:
            continue
        if segment_starts:
            i = bisect.bisect_right(segment_starts, start) - 1
            if i >= 0 and start < segment_ends[i]:
                continue
        if not single and _at_sentence_start(text, start, line_start):
            first = run[:run.index(" ")]
            if _is_common_word(text, first, run, common):
                start += len(first) + 1
                run = run[len(first) + 1:]
        for rel_start, rel_end, raw, key, rendering, marked, foreign in _analyse(run):
            mentions.append(Mention(start + rel_start, start + rel_end, raw, key, rendering, marked, foreign))
    return mentions


def _at_sentence_start(text: str, pos: int, line_start: int) -> bool:
    i = pos - 1
    while i >= line_start and text[i] in " \t":
        i -= 1
    return i < line_start or text[i] in _SENTENCE_PUNCT


def _is_common_word(text: str, word: str, run: str, cache: dict) -> bool:
    known = cache.get(run)
    if known is not None:
        return known
    low = lower(word)
    if low in _COMMON_STARTS:
        result = True
    elif f" {low} " not in text and f" {low}," not in text:
        result = False
    else:
        # written in lower case somewhere; still a name if the whole run also
        # appears inside a sentence ("... với Nhật Bản" and "cập nhật")
        result = True
        pos = text.find(run)
        while pos != -1:
            if pos >= 2 and text[pos - 1] == " " and (text[pos - 2].islower() or text[pos - 2] == ","):
                result = False
                break
            pos = text.find(run, pos + 1)
    cache[run] = result
    return result


# --------------------------------------------------------------------------
# Glossary forms by key


@lru_cache(maxsize=4)
def _glossary_forms(matcher) -> dict[str, str]:
    forms: dict[str, str] = {}
    for entry in matcher.entries:
        if entry.kind == "phrase":
            continue
        for text in (entry.canonical, *entry.aliases):
            words = text.split()
            keys = {fold(" ".join(re.split(r"[\s\-‐]+", text)))}
            if len(words) == 2 and (entry.order or not all(is_syllable(w) for w in words)):
                keys.add(" ".join(sorted(fold(w) for w in words)))
            for key in keys:
                forms.setdefault(key, text)
    return forms


def _term_spans(ctx):
    """(start, end, verdict, accepted form) of the document's glossary
    matches, and their ends (matches do not overlap: both are sorted)."""
    spans = [(m.start, m.end, m.verdict, m.form.name) for m in ctx.term_matches]
    return spans, [span[1] for span in spans]


def _term_overlap(spans, start: int, end: int):
    """The first glossary match overlapping ``start``..``end``, or None."""
    spans, ends = spans
    i = bisect.bisect_right(ends, start)
    if i < len(spans) and spans[i][0] < end:
        return spans[i]
    return None


def _glossary_verdict(spans, start: int, end: int) -> str:
    """"none": no glossary match here; "accepted": a glossary form, right;
    "same": a wrong form the term-* rules report at exactly this span (a
    finding here is merged with theirs); "other": reported by them at
    another span (leave it to them)."""
    span = _term_overlap(spans, start, end)
    if span is None:
        return "none"
    if span[2] is None:
        return "accepted"
    return "same" if (span[0], span[1]) == (start, end) else "other"


def _positions(doc, start: int, end: int) -> tuple[int, int, int, int]:
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end, end=True)
    return line, column, end_line, end_column


def _finding(rule, path, pos, message, suggestion, category=None, severity=None) -> Finding:
    line, column, end_line, end_column = pos
    return Finding(path=path, line=line, column=column, end_line=end_line, end_column=end_column,
                   rule=rule.name, category=category or rule.category, severity=severity or rule.severity,
                   message=message, suggestion=suggestion)


# --------------------------------------------------------------------------
# render-inconsistent


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


def _difference(a: str, b: str) -> str:
    """The category of the difference between two renderings."""
    if sorted(a.split()) == sorted(b.split()) and a != b:
        return "name-order"
    if re.sub(r"[\s\-‐]+", " ", a) == re.sub(r"[\s\-‐]+", " ", b):
        return "name-variant"  # hyphen or spacing
    if lower(a) == lower(b):
        return "casing"
    if fold(a) == fold(b):
        return "diacritics"
    return "name-variant"


def _deletions(key: str):
    for i in range(len(key)):
        yield key[:i] + key[i + 1:]


def _near_pairs(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of keys one edit apart, by deletion neighbourhoods: linear in
    the total length of the keys, no all-pairs comparison. Pairs that
    differ in the first letter (Hollywood / Bollywood) or by a final s
    (Kardashian / Kardashians) are other words, not slips."""
    from rapidfuzz.distance import Levenshtein

    index: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        index[key].append(key)
        for variant in set(_deletions(key)):
            index[variant].append(key)
    pairs = set()
    for bucket in index.values():
        if len(bucket) < 2 or len(bucket) > 50:
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if a == b or a[0] != b[0] or Levenshtein.distance(a, b) != 1:
                    continue
                short, long_ = sorted((a, b), key=len)
                if long_ == short + "s":
                    continue
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


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


class RenderInconsistent(Rule):
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
    scope = "corpus"
    options = (
        Option("fuzzy_min_length", 8, "shortest foreign name (letters) compared by edit distance; 0 turns it off",
               type=int),
        Option("minor", "info", "severity of casing, hyphen/spacing and one-letter differences",
               choices=("info", "warning", "error")),
    )

    def collect(self, doc, ctx):
        spans = _term_spans(ctx)
        rows = []
        for m in ctx.name_mentions:
            rows.append((m.key, m.rendering, m.text, _positions(doc, m.start, m.end), m.marked, m.foreign,
                         _glossary_verdict(spans, m.start, m.end) == "other"))
        # one-edit neighbours among the long foreign names of this document
        # (a one-letter difference across documents may be another name:
        # Columbia / Colombia)
        min_fuzzy = ctx.option(self.name, "fuzzy_min_length")
        pairs = []
        if min_fuzzy:
            glossary = _glossary_forms(ctx.glossary.matcher)
            keys = sorted({m.key for m in ctx.name_mentions
                           if m.foreign and len(m.key) - m.key.count(" ") >= min_fuzzy})
            if len(keys) > 1:
                pairs = [(a, b) for a, b in _near_pairs(keys) if not (a in glossary and b in glossary)]
        return rows, pairs

    def check_corpus(self, collected, ctx):
        glossary = _glossary_forms(ctx.glossary.matcher)
        # key -> list of (doc index, row), in run order; split by rendering
        # only for the few clusters that have more than one (most names are
        # written one way: building a dict per key for them costs more than
        # the comparison of the others)
        groups: dict[str, list] = defaultdict(list)
        union = _UnionFind()
        for index, (path, summary) in enumerate(collected):
            rows, pairs = summary or ((), ())
            for row in rows:
                groups[row[0]].append((index, row))
            for a, b in pairs:
                union.union(a, b)
        clusters: dict[str, list[str]] = defaultdict(list)
        in_pairs = union.parent
        for key in groups:
            # a key in no near pair is its own root (find() would add it)
            clusters[union.find(key) if key in in_pairs else key].append(key)
        findings = []
        for keys in clusters.values():
            if len(keys) == 1:
                items = groups[keys[0]]
                first = items[0][1][1]
                if all(row[1] == first for _index, row in items):
                    continue  # one rendering: nothing to compare
            renderings: dict[str, list] = defaultdict(list)
            for key in keys:
                for item in groups[key]:
                    renderings[item[1][1]].append(item)
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
                findings.append(_finding(self, path, pos, message, shown, category=kind, severity=severity))
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
        return re.sub(r"[\s\-‐]+", " ", raw) == re.sub(r"[\s\-‐]+", " ", canonical)
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


# --------------------------------------------------------------------------
# render-stripped

_MARKED_KEY: dict[str, bool] = {}


def _has_marked_syllable(key: str) -> bool:
    """Whether a folded name holds a syllable names never write bare."""
    known = _MARKED_KEY.get(key)
    if known is None:
        known = any(w in MARKED_NAME_SYLLABLES for w in key.split())
        if len(_MARKED_KEY) < 100_000:
            _MARKED_KEY[key] = known
    return known


# What introduces an account name or a photo credit, written as its owner
# writes it (often without marks).
_HANDLE_CUE = re.compile(
    r"(?i)(?:facebook|fanpage|instagram|twitter|tiktok|youtube|zalo|tài khoản|nick(?:name)?|kênh|trang|"
    r"ảnh|nguồn|photo|@)\s*[:\"“'‘(]?\s*$"
)

#: Common family names, folded: a bare name that ends in one ("Thao Truong",
#: "Minh Tran") is in Western order, as a Vietnamese name is written abroad.
_SURNAMES = frozenset("""
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly truong dinh lam mai luong
trinh cao doan la ha tang lai quach thai vuong chau luu ta tong kieu diep
""".split())


def _stripped_runs(mention: Mention, text: str):
    """Sub-runs of two or more unmarked capitalised Vietnamese syllables."""
    words = [(m.start() + mention.start, m.end() + mention.start) for m in re.finditer(r"\S+", mention.text)]
    run = []
    for s, e in words + [(None, None)]:
        word = text[s:e] if s is not None else ""
        if s is not None and not has_vietnamese_marks(word) and is_syllable(word) and not word.isupper():
            run.append((s, e))
            continue
        if len(run) >= 2:
            yield run[0][0], run[-1][1]
        run = []


_TAILS: dict[str, tuple] = {}


def _marked_tails(text: str) -> tuple:
    """(folded key, tail) of the tails with marks of a marked mention of
    Vietnamese syllables: the mention and its tails, so "Vịnh Hạ Long"
    vouches for "Ha Long" (the last word alone is no name); () when a word
    is not a Vietnamese syllable. Cached by text: the same names recur in
    every document."""
    tails = _TAILS.get(text)
    if tails is None:
        words = text.split()
        if not all(is_syllable(w) for w in words):
            tails = ()
        else:
            tails = tuple((fold(tail), tail) for tail in (" ".join(words[i:]) for i in range(len(words) - 1))
                          if has_vietnamese_marks(tail))
        if len(_TAILS) < 100_000:
            _TAILS[text] = tails
    return tails


class RenderStripped(Rule):
    """
    ## What it does
    Flags a Vietnamese name written without any of its marks inside
    Vietnamese prose: two or more capitalised words that are Vietnamese
    syllables without a single mark ("Le Thi Hong Van", "Ha Long", "Quang
    Ninh"), where one of them is a syllable that names almost never write
    bare ("Le", "Ha", "Nguyen", "Van", …) or the same name appears with
    marks elsewhere in the run. Names that are correct without marks
    ("Minh Thu", "Long An", "Quang Huy") are left alone, and so are
    captions already reported as untranslated.

    The suggestion comes from the glossary, else from the marked form used
    elsewhere in the documents linted together, else (option `guess`) from
    pyvi's accent restoration, which is then marked as a guess.

    ## Why is this bad?
    Without its marks a Vietnamese name is ambiguous ("Ha Long" may be Hạ
    Long or Hà Long) and looks unedited; machine translation and ASCII-only
    pipelines strip marks.

    ## Example
    ```
    Đoàn đã đến thăm vịnh Ha Long, tỉnh Quảng Ninh.
    ```

    ## Use instead
    ```
    Đoàn đã đến thăm vịnh Hạ Long, tỉnh Quảng Ninh.
    ```
    """

    name = "render-stripped"
    category = "diacritics"
    severity = Severity.WARNING
    scope = "corpus"
    options = (
        Option("guess", "pyvi", "last-resort suggestion for a name seen nowhere with marks",
               choices=("pyvi", "none")),
    )

    def collect(self, doc, ctx):
        text = doc.text
        spans = _term_spans(ctx)
        candidates = []
        for m in ctx.name_mentions:
            if m.marked or m.foreign:
                continue  # "Park Bo Gum", "Van De Beek", "Minh Tien Coffee": part of a foreign name
            for start, end in _stripped_runs(m, text):
                verdict = _glossary_verdict(spans, start, end)
                if verdict in ("accepted", "other"):
                    continue  # a glossary form, or reported by term-* at another span
                raw = text[start:end]
                words = [fold(w) for w in raw.split()]
                if words[-1] in _SURNAMES and words[0] not in _SURNAMES:
                    continue  # "Thao Truong": a name in Western order, as its bearer writes it abroad
                if _HANDLE_CUE.search(text, max(0, start - 30), start):
                    continue  # "tài khoản Do Huong", "(Ảnh: Luong Viet Chuong)": an account or a credit
                evidence = any(w in MARKED_NAME_SYLLABLES for w in words)
                line_start, line_end = doc.line_span(doc.line_index(start))
                line = text[line_start:line_end]
                candidates.append((fold(raw), raw, _positions(doc, start, end), evidence,
                                   line, start - line_start))
        # Marked forms, for the suggestions: of this document's own
        # candidates, and of the names another document's candidate can be
        # reported for (those with a syllable names never write bare).
        wanted = {c[0] for c in candidates}
        marked = Counter()
        for m in ctx.name_mentions:
            if not m.marked or not (wanted or _has_marked_syllable(m.key)):
                continue
            for key, tail in _marked_tails(m.text):
                if key in wanted or _has_marked_syllable(key):
                    marked[(key, tail)] += 1
        marked_keys = {k for k, _f in marked}
        candidates = [c[:3] + (c[3] or c[0] in marked_keys,) + c[4:] for c in candidates]
        return candidates, dict(marked)

    def check_corpus(self, collected, ctx):
        glossary = _glossary_forms(ctx.glossary.matcher)
        marked_forms: dict[str, Counter] = defaultdict(Counter)
        for _path, summary in collected:
            if summary:
                for (key, form), n in summary[1].items():
                    marked_forms[key][form] += n
        guess = ctx.option(self.name, "guess")
        findings = []
        for path, summary in collected:
            if not summary:
                continue
            for key, raw, pos, evidence, line, offset in summary[0]:
                source = None
                if key in glossary and has_vietnamese_marks(glossary[key]):
                    suggestion, source = glossary[key], "the glossary"
                elif marked_forms.get(key):
                    suggestion, source = marked_forms[key].most_common(1)[0][0], "the marked form used elsewhere"
                else:
                    suggestion = None
                if not evidence:
                    continue  # "Đại học Thanh Hoa" (Tsinghua) is not Thanh Hóa: the glossary only suggests
                if suggestion is None and guess == "pyvi":
                    suggestion = _restore_accents(line, offset, raw)
                    if suggestion is not None and suggestion != raw:
                        source = "a guess by pyvi's accent restoration; check it"
                    else:
                        suggestion = None
                where = f"; suggestion from {source}" if source else ""
                findings.append(_finding(
                    self, path, pos, f"'{raw}' is a Vietnamese name written without its marks{where}", suggestion))
        return findings


def _restore_accents(line: str, offset: int, raw: str) -> str | None:
    """pyvi's accent restoration of ``raw`` in the context of its line (the
    line stripped of marks first: pyvi expects plain letters), with the
    capitals of ``raw``. Loaded only here: pyvi takes a second to load."""
    import unicodedata

    plain = "".join(
        c for c in unicodedata.normalize("NFD", line.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(c)
    )
    if len(plain) != len(line):
        return None
    try:
        from pyvi import ViUtils

        restored = ViUtils.add_accents(plain.lower())
    except Exception:  # pyvi missing, or its model fails on odd input
        return None
    if len(restored) != len(line):
        return None
    part = restored[offset:offset + len(raw)]
    return "".join(p.upper() if r.isupper() else p.lower() for p, r in zip(part, raw))
