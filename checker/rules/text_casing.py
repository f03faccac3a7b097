"""Rule ``text-casing``: broken casing inside a syllable (``ĐịA Chỉ``) and
English-style Title Case on Vietnamese common-noun phrases
(``Ngăn Chặn Mất Dữ Liệu``).

The word lists and the tokeniser (shared with ``scripts/mine_proper_nouns.py``,
which builds the list of names from a native corpus) are in
``checker/vocabulary.py``."""

from __future__ import annotations

import bisect
import functools
from collections import Counter

from ..model import Severity
from ..patterns import regex
from ..structure import in_spans
from ..vietnamese import UPPER, has_vietnamese_marks, is_syllable, lower
from ..vocabulary import (Token, dictionary_word, dictionary_words, proper_nouns, separator_flags, tokens,
                          word_key)
from .base import DocumentRule, Option

# --------------------------------------------------------------------------
# Dictionaries (loaded lazily, once per process)


# --------------------------------------------------------------------------
# Tokens and sentence starts


#: How far around a title-cased run text-casing looks for the same words in
#: lower case (a document's own usage; bounded so that time stays linear).
_WINDOW = 50_000


def _also_lower(text: str, lowered: str, tail: str, start: int, end: int, seen: dict) -> bool:
    """Whether the document writes ``tail`` in lower case more often than
    capitalised, within _WINDOW characters around (a count over the whole
    text for each candidate made long documents quadratic). ``seen``
    remembers the answer per tail when the window holds the whole text."""
    whole = len(text) <= _WINDOW
    if whole and tail in seen:
        return seen[tail]
    lo, hi = max(0, start - _WINDOW), end + _WINDOW
    # ``tail`` itself lies in the window, so text.count(tail) >= 1: a lower-case
    # count of at most one (the usual case) answers without the second count.
    low_count = lowered.count(tail.lower(), lo, hi)
    answer = low_count > 1 and low_count > text.count(tail, lo, hi)
    if whole:
        seen[tail] = answer
    return answer


# --------------------------------------------------------------------------
# The rule

#: Vietnamese family names: a capitalised run starting with one is a
#: person's name, every syllable capitalised (Nguyễn Văn An, Trần Thanh Bình).
_SURNAMES = frozenset(word_key(s) for s in """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn
Vương Trịnh Trương Lâm Phùng Mai Tô Tạ Lưu Đinh Kiều Triệu Thái Quách Lương Tăng
Hà Cao Chu Châu Văn Tôn Khổng Mạc La Lạc Thân Kim Nghiêm Lục Diệp Giang Từ Tống
""".split())
#: Lower-case words after which a capitalised word is a name.
_INTRODUCERS = frozenset(word_key(s) for s in """
ông bà anh chị em cô chú bác thầy cháu tên hiệu biệt danh
tỉnh thành phố huyện quận xã phường thị trấn thị xã thôn ấp làng
sông núi hồ biển vịnh đảo đèo chùa đền phố đường nước
""".split())


_DETERMINERS = frozenset(("các", "những", "mọi", "mỗi"))
_DETERMINED = tuple(f"{w.capitalize()} " for w in _DETERMINERS)


def _broken(word: str) -> bool:
    """``ĐịA``, ``ThờI``, ``LiêN``: a capital after small letters inside a
    Vietnamese syllable (an MT artifact), not brand casing (``iPhone``)."""
    return (len(word) > 2 and word[0].isupper() and word[-1].isupper() and word[1:-1].islower()
            and has_vietnamese_marks(word) and is_syllable(word))


class TextCasing(DocumentRule):
    """
    ## What it does
    Flags English-style Title Case on Vietnamese common-noun phrases, in
    headings, labels, link titles and running text (`Ngăn Chặn Mất Dữ
    Liệu`, `Nhóm Tài nguyên`, `Ôn tập & Tự học`), and, as an error, a
    capital inside a syllable (`ĐịA Chỉ`, `ThờI Gian`). The suggestion is
    the phrase in sentence case.

    ## Why is this bad?
    Vietnamese writes sentence case: only the first word of a sentence or
    heading and the words of a name are capitalised (Nghị định
    30/2020/NĐ-CP). Machine translation copies the English capitals, so a
    common phrase reads as if it were a name.

    A capitalised word is a name, and left alone, when the glossary knows
    it, when native news writes it capitalised mid-sentence (a list mined
    from the vi-news corpus by `scripts/mine_proper_nouns.py`: `Trái Đất`,
    `Chính phủ`, the shape of organisation names such as `Bộ Ngoại giao`),
    after `ông`, `tỉnh`, `sông`…, in a person's name (`Nguyễn Văn An`), or
    right before an acronym or English name (`Khung An ninh mạng NIST`).
    ALL-CAPS, acronyms and brand casing (`iPhone`, `Azure IoT Hub`) are
    not reported. In headings, list items, table cells, link texts and
    bold labels, a second capitalised word that is not a name is reported.
    In running text, where native writers capitalise the names of
    organisations, events and works, only a run of three capitals is, and
    only when the document also writes it in lower case elsewhere
    (`Quản lý Tư thế Bảo mật` next to `quản lý tư thế bảo mật`), when an
    English title glosses it (`Điều chế Mã Xung (Pulse Code Modulation)`)
    or when a determiner starts it (`Các Chức năng Cốt lõi`). In a heading, an English
    word the document writes in lower case is reported too (`IoT trên
    Edge` next to `edge`). Option `names = none` drops the mined list.

    ## Example
    ```
    ## Ôn tập & Tự học
    Công cụ Ngăn Chặn Mất Dữ Liệu (DLP) giúp tổ chức...
    1. Tạo một Nhóm Tài nguyên cho dự án này.
    ```

    ## Use instead
    ```
    ## Ôn tập & tự học
    Công cụ ngăn chặn mất dữ liệu (DLP) giúp tổ chức...
    1. Tạo một nhóm tài nguyên cho dự án này.
    ```
    """

    name = "text-casing"
    category = "casing"
    severity = Severity.WARNING
    options = (
        Option("names", "corpus", "where names come from besides the glossary and the document: "
               "'corpus' (the list mined from native news) or 'none'", choices=("corpus", "none")),
    )

    def check(self, doc, ctx):
        text = doc.text
        for match in _BROKEN.finditer(text) if _BROKEN_END.search(text) else ():
            word = match.group()
            if _broken(word):
                yield self.finding(doc, match.start(), match.end(), f"'{word}' has a capital inside the syllable",
                                   word[0] + word[1:].lower(), severity=Severity.ERROR)
        toks = self._tokens(doc, text, ctx)
        if not toks:
            return
        use_corpus = ctx.option(self.name, "names") == "corpus"
        names, transitions = proper_nouns() if use_corpus else (frozenset(), frozenset())
        pyvi_names = dictionary_words()[1]
        glossary = _glossary_spans(ctx)
        yield from self._title_case(doc, toks, names, transitions, pyvi_names, glossary)

    def _tokens(self, doc, text, ctx):
        """The tokens of the lines worth a close look: headings, labels,
        list items and table rows of a structured document, and lines of
        running text with a run of three capitals that the document also
        writes in lower case. Most lines are skipped by regular
        expressions alone, which keeps the rule fast on long documents."""
        markdown = doc.path.lower().endswith((".md", ".markdown"))
        structured = markdown or bool(doc.blocks)
        if not structured and "#" not in text:
            return self._running_text_tokens(doc, text, ctx)
        return list(self._structured_tokens(doc, text, markdown, structured, ctx))

    def _structured_tokens(self, doc, text, markdown, structured, ctx):
        lowered = None
        seen: dict[str, bool] = {}
        for start, end in _line_spans(text):
            if end - start < 3:
                continue
            look = False
            stripped = text[start:end].lstrip()
            if stripped.startswith("#"):
                look = True
            elif structured and (_MD_ITEM.match(text, start, end) or _MD_LABEL.search(text, start, end)
                                 or (doc.blocks and doc.role_at(start + len(text[start:end]) - len(stripped))
                                     in _LABEL_ROLES)):
                look = True
            else:
                for match in _CLUSTER.finditer(text, start, end):
                    if match.group().count(" ") < 2:
                        continue
                    if lowered is None:
                        lowered = ctx.lowered  # a filter only
                    piece = match.group()
                    second = _SECOND_CAP.search(piece)
                    if second is None:
                        continue
                    tail = piece[second.start():]
                    if _also_lower(text, lowered, tail, match.start(), match.end(), seen) \
                            or piece.startswith(_DETERMINED) or _english_gloss(text, match.start(), match.end()):
                        look = True
                        break
            if look:
                line = tokens(text, start, end)
                if line:
                    _mark_structure(doc, text, start, end, line, markdown)
                    yield from line

    def _running_text_tokens(self, doc, text, ctx):
        """Plain text without headings: the lines holding a run of three
        capitals that the document also writes in lower case."""
        out: list[Token] = []
        lowered = None
        seen: dict[str, bool] = {}
        done = -1
        for match in _CLUSTER.finditer(text):
            match_start, match_end = match.span()
            if match_start < done:
                continue
            piece = match.group()
            if piece.count(" ") < 2:
                continue
            second = _SECOND_CAP.search(piece)
            if second is None:
                continue
            # the cheap tests first (the three are side-effect free)
            if not piece.startswith(_DETERMINED) and not _english_gloss(text, match_start, match_end):
                if lowered is None:
                    lowered = ctx.lowered
                if not _also_lower(text, lowered, piece[second.start():], match_start, match_end, seen):
                    continue
            start = text.rfind("\n", 0, match_start) + 1
            end = text.find("\n", match_end)
            end = len(text) if end == -1 else end
            done = end
            out += _clustered_phrase_tokens(text, start, end)
        return out

    def _title_case(self, doc, toks, names, transitions, pyvi_names, glossary):
        n = len(toks)
        words = _WordCounts(doc.text)
        # Per token: None (not a candidate), "name", "weak" or "strong".
        verdict: list[str | None] = [None] * n
        end_of: list[int] = [t.end for t in toks]
        for i, tok in enumerate(toks):
            if tok.initial or tok.shape not in ("title", "mixed") or len(tok.text) < 2:
                continue
            if tok.shape == "mixed" and tok.viet:
                continue  # broken casing, reported above
            if in_spans(glossary, tok.start):
                verdict[i] = "name"
                continue
            prev = toks[i - 1] if i and tok.joined else None
            if not tok.viet:
                # An English word: only when the document writes it in lower
                # case and it is not part of a capitalised name.
                nxt = toks[i + 1] if i + 1 < n and toks[i + 1].joined else None
                if (tok.heading and prev is not None and prev.viet and prev.shape == "lower"
                        and (nxt is None or nxt.shape == "lower") and _lower_english(words, tok.text)):
                    verdict[i] = "strong"
                continue
            if tok.shape != "title":
                continue
            if prev is not None and prev.viet and prev.shape in ("lower", "title"):
                if word_key(f"{prev.text} {tok.text}") in transitions:
                    verdict[i] = "name"
                    continue
                if prev.shape == "lower" and word_key(prev.text) in _INTRODUCERS:
                    verdict[i] = "name"
                    continue
            if prev is not None and verdict[i - 1] == "name" and prev.shape == "title":
                verdict[i] = "name"
                continue
            if (word_key(tok.text) in _SURNAMES and (prev is None or prev.shape != "title") and i + 1 < n and toks[i + 1].joined and toks[i + 1].shape == "title"):
                verdict[i] = "name"
                continue
            word = _word_at(toks, i)
            if word > 1:
                phrase = " ".join(t.text for t in toks[i:i + word])
                key = word_key(phrase)
                if key in names or key in pyvi_names:
                    for j in range(i, i + word):
                        verdict[j] = "name"
                    continue
                end_of[i] = toks[i + word - 1].end
            if word > 1:
                full = all(t.shape == "title" for t in toks[i:i + word])
                verdict[i] = "full" if full else "dict"
            else:
                verdict[i] = "weak"
        yield from self._report(doc, toks, verdict, end_of)

    def _report(self, doc, toks, verdict, end_of):
        text = doc.text
        lowered = None  # lower(text), on first need: most documents report nothing
        i, n = 0, len(toks)
        while i < n:
            if verdict[i] not in _CANDIDATE:
                i += 1
                continue
            group = [i]
            j = i + 1
            while j < n and toks[j].joined:
                if verdict[j] in _CANDIDATE:
                    group.append(j)
                elif verdict[j] == "name" or toks[j].shape != "lower" or j - group[-1] > 3:
                    break
                j += 1
            i = group[-1] + 1
            capitals = sum(toks[k].shape != "lower" for k in group)
            # The phrase's own first word, capitalised at a sentence start
            # or as a label ("Ôn tập & Tự học", "Quản lý Tư thế Bảo mật").
            k = group[0]
            while k > 0 and toks[k].joined and group[0] - k < 2 and toks[k - 1].shape == "lower":
                k -= 1
            chained = (k > 0 and toks[k].joined and toks[k - 1].shape == "title" and toks[k - 1].initial
                       and toks[k - 1].viet and verdict[k - 1] != "name")
            capitals += chained
            # An acronym or English name right after: an organisation or
            # product name ("Khung An ninh mạng NIST").
            after = group[-1] + 1
            if after < n and toks[after].joined and toks[after].viet and toks[after].shape == "lower" \
                    and toks[after].end == end_of[group[-1]] and after + 1 < n:
                after += 1  # the end of the last word ("An ninh mạng NIST")
            if after < n and toks[after].joined and (
                    not toks[after].viet or toks[after].shape == "upper"
                    or (toks[after].shape == "title" and verdict[after] not in _CANDIDATE)):
                continue  # ... or a name: "Diễn đàn Hợp tác Khu vực Việt Nam - Nhật Bản"
            kinds = [verdict[g] for g in group]
            start, end = toks[group[0]].start, max(end_of[g] for g in group)
            first = toks[group[0]]
            if first.label:
                # Headings, list items, table cells, link texts, bold labels:
                # where MT title case concentrates and native text rarely
                # capitalises a common word.
                english = any(not toks[g].viet for g in group)
                triggered = ("strong" in kinds or "dict" in kinds or "full" in kinds
                             or "weak" in kinds)
                if not triggered or (capitals < 2 and not english):
                    continue
                if capitals == 2 and chained and _GLOSS_AFTER.match(text, end, end + 60):
                    # "Lớp Vật lý (Physical Layer)": a generic word and one
                    # capitalised name glossing an English proper term, the
                    # shape of a name (Nghị định 30), not title case.
                    continue
            else:
                # Running text, where native writers capitalise names of
                # organisations, events and works: only a phrase of three
                # capitals or more that glosses an English term, or that the
                # document also writes in lower case, when its common words
                # are capitalised syllable by syllable ("Ngăn Chặn") or it
                # starts a sentence.
                if capitals < 3 or any(not toks[g].viet for g in group):
                    continue
                phrase_start = toks[k - 1].start if chained else start
                # "Các Chức năng Cốt lõi": a sentence-initial determiner
                # before title-cased common words (names do not take one).
                determined = (chained and word_key(toks[k - 1].text) in _DETERMINERS
                              and kinds.count("dict") + kinds.count("full") >= 2)
                if not determined and not _english_gloss(text, phrase_start, end):
                    if not ("full" in kinds or chained):
                        continue
                    if lowered is None:
                        lowered = lower(text)
                    if not _written_lower(text, lowered, start, end):
                        continue
            span = text[start:end]
            starts = {toks[g].start - start for g in group}
            suggestion = "".join(lower(c) if p in starts else c for p, c in enumerate(span))
            if suggestion == span:
                continue
            yield self.finding(doc, start, end,
                               f"'{span}' is in English-style Title Case; Vietnamese capitalises only names",
                               suggestion)


_CANDIDATE = frozenset(("strong", "full", "dict", "weak"))
# A word with a capital after small letters ("ĐịA"); _broken() decides.
_BROKEN = regex(rf"[{UPPER}](?<![^\W\d_].)[^\W\d_{UPPER}]++[{UPPER}](?![^\W\d_])")
# How every such word ends: a capital after a small letter, ending the word.
# Few documents have one, and this scan, which looks at the letter before a
# capital only, is a quarter quicker than _BROKEN's, which reads every
# capitalised word: it decides whether _BROKEN's is needed.
_BROKEN_END = regex(rf"[{UPPER}](?<=[^\W\d_{UPPER}].)(?![^\W\d_])")
# Three capitalised words or more, joined by spaces, with at most three
# words between two of them: the runs of running text worth tokenising.
# Written for speed, with the matches of the plain form
#   [A][a]*(?:(?:SEP[a]+){0,3}?SEP[A][a]*){2,}   (A: capital, a: letter)
# (checked on the corpora and on random strings): every quantifier is
# possessive, and the words between two capitals are the words that do not
# start with one. The lazy {0,3}? always ends a step at the next capitalised
# word: when a later one would let the match go on, so does the next one.
_SEP = r"[ \t]{1,2}+(?:&[ \t]{1,2}+)?+"
_CLUSTER = regex(
    rf"[{UPPER}][^\W\d_]*+(?:(?:{_SEP}[^\W\d_{UPPER}][^\W\d_]*+){{0,3}}+{_SEP}[{UPPER}][^\W\d_]*+){{2,}}+"
)
_SECOND_CAP = regex(rf"(?<=\s)[{UPPER}]")
_LABEL_ROLES = frozenset(("heading", "cell", "list-item", "caption", "link-text"))
_MD_ITEM = regex(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]|[ \t]*\|")
_MD_LABEL = regex(r"\*\*[^*\n]+\*\*|\[[^\]\n]+\]")


def _mark_structure(doc, text: str, start: int, end: int, line: list[Token], markdown: bool) -> None:
    """Set ``heading``/``label`` on the tokens of one line: from the
    document's blocks when it has them, else from Markdown syntax."""
    if doc.blocks:
        for tok in line:
            role = doc.role_at(tok.start)
            tok.heading = role == "heading"
            tok.label = role in _LABEL_ROLES
    if text[start:end].lstrip().startswith("#"):
        for tok in line:
            tok.heading = tok.label = True
        return
    if not markdown:
        return
    if _MD_ITEM.match(text, start, end):
        for tok in line:
            tok.label = True
        return
    starts = [tok.start for tok in line]  # in text order: each label marks a run of them
    for match in _MD_LABEL.finditer(text, start, end):
        i = bisect.bisect_left(starts, match.start())
        while i < len(line) and line[i].start < match.end():
            line[i].label = True
            i += 1


#: Words joined by separators that join them (vocabulary._JOINER: one or two
#: spaces, or "&" between spaces), as far as they go: the phrases of a line.
_PHRASE = regex(r"[^\W\d_]++(?:[ \t]{1,2}+(?:&[ \t]{1,2}+)?+[^\W\d_]++)*+")


def _clustered_phrase_tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of the phrases of a line of running text that hold a run
    of three capitals (_CLUSTER), each run lying in one phrase.

    The other phrases of the line cannot change a finding, so they are not
    tokenised (two thirds of the tokens of a paragraph, and their verdicts):
    _title_case and _report look at a token's neighbours only through
    ``joined`` tokens, which a phrase holds all of, and a finding in running
    text needs three capitals joined with at most three small words between
    two of them, which _CLUSTER finds."""
    out: list[Token] = []
    previous_end = None
    for phrase in _PHRASE.finditer(text, start, end):
        phrase_start, phrase_end = phrase.span()
        if _CLUSTER.search(text, phrase_start, phrase_end):
            words = tokens(text, phrase_start, phrase_end)
            if previous_end is not None:
                # tokens() makes the first word of a phrase the first of a
                # line: it is only if a separator that starts one precedes it
                words[0].initial = separator_flags(text[previous_end:phrase_start])[1]
            out += words
        previous_end = phrase_end
    return out


def _line_spans(text: str):
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield start, end
        start = end + 1


def _word_at(toks: list[Token], i: int) -> int:
    """Syllables of the longest dictionary word starting at token ``i``
    (capitalised like a title: every syllable, or the first only), or 1."""
    for n in (4, 3, 2):
        part = toks[i:i + n]
        if len(part) < n or not all(t.joined and t.viet for t in part[1:]):
            continue
        shapes = {t.shape for t in part[1:]}
        if shapes not in ({"lower"}, {"title"}):
            continue
        if dictionary_word(" ".join(t.text for t in part)):
            return n
    return 1


_GLOSS_AFTER = regex(r"[ \t]*\((?:[A-Z][A-Za-z]*[- ])+[A-Z][A-Za-z]*")
_GLOSS_BEFORE = regex(r"(?:[A-Z][A-Za-z]*[- ])+[A-Z][A-Za-z]*[ \t]*\(\Z")


def _english_gloss(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is glossed by an English title of two
    words or more in brackets, or glosses one: "Điều chế Mã Xung (Pulse
    Code Modulation)", "Cloud-Native Application Protection Platform (Nền
    tảng Bảo vệ…)": a translated term, which Vietnamese writes in lower case.
    Native text glosses organisation names with an acronym only."""
    # _GLOSS_BEFORE ends with "\(\Z": only a bracket right before ``start``
    # can start a match, which spares the search for almost every candidate.
    return bool(_GLOSS_AFTER.match(text, end, end + 60)
                or (text[start - 1:start] == "("
                    and _GLOSS_BEFORE.search(text[max(0, start - 60):start].replace("\n", "\0"))))


def _written_lower(text: str, lowered: str, start: int, end: int) -> bool:
    """True when the document also writes ``text[start:end]`` (three
    syllables or more) with everything after its first letter in lower case."""
    target = lowered[start:end]
    if target.count(" ") < 2:
        return False
    pos = lowered.find(target)
    while pos != -1:
        if pos != start and text[pos + 1:pos + len(target)] == target[1:] \
                and not lowered[pos - 1:pos].isalpha() and not lowered[pos + len(target):pos + len(target) + 1].isalpha():
            return True
        pos = lowered.find(target, pos + 1)
    return False


def _lower_english(words: "_WordCounts", word: str) -> bool:
    """True when the document writes the English ``word`` in lower case at
    least twice, and more often than capitalised (``edge`` and one heading
    ``Edge``)."""
    low = lower(word)
    count = words.exact.get(low, 0)
    if count < 2:
        return False
    return count > words.any_case.get(low, 0) - count


_LETTER_RUN = regex(r"[^\W\d_]+")


class _WordCounts:
    """Every word of a document, counted as written and in lower case, on
    first use: a long document asks about many words, and counting each by
    a scan of the whole text made it quadratic."""

    def __init__(self, text: str):
        self.text = text

    @functools.cached_property
    def exact(self) -> Counter:
        return Counter(_LETTER_RUN.findall(self.text))

    @functools.cached_property
    def any_case(self) -> Counter:
        counts: Counter = Counter()
        for word, count in self.exact.items():
            counts[word.lower()] += count
        return counts


def _glossary_spans(ctx) -> list[tuple[int, int]]:
    """Spans of the glossary's names in the document (any verdict)."""
    return sorted((m.start, m.end) for m in ctx.term_matches)


