"""The ``render-stripped`` rule: a Vietnamese name written without its
marks inside Vietnamese prose (a corpus rule: a marked form used in
another document of the run gives the suggestion)."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..mentions import Mention
from ..model import Severity
from ..patterns import regex
from ..vietnamese import MARKED_NAME_SYLLABLES, fold, has_vietnamese_marks, is_syllable
from .base import CorpusRule, Option
from .render_common import corpus_finding, glossary_forms, glossary_verdict, span_position, term_spans

_MARKED_KEY: dict[str, bool] = {}


def _has_marked_syllable(key: str) -> bool:
    """Whether a folded name holds a syllable names never write bare."""
    known = _MARKED_KEY.get(key)
    if known is None:
        known = not MARKED_NAME_SYLLABLES.keys().isdisjoint(key.split())
        if len(_MARKED_KEY) < 100_000:
            _MARKED_KEY[key] = known
    return known


# What introduces an account name or a photo credit, written as its owner
# writes it (often without marks).
_HANDLE_CUE = regex(
    r"(?i)(?:facebook|fanpage|instagram|twitter|tiktok|youtube|zalo|tài khoản|nick(?:name)?|kênh|trang|"
    r"ảnh|nguồn|photo|@)\s*[:\"“'‘(]?\s*$"
)

#: Common family names, folded: a bare name that ends in one ("Thao Truong",
#: "Minh Tran") is in Western order, as a Vietnamese name is written abroad.
_SURNAMES = frozenset("""
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly truong dinh lam mai luong
trinh cao doan la ha tang lai quach thai vuong chau luu ta tong kieu diep
""".split())


_NON_SPACE_RUN = regex(r"\S+")


def _stripped_runs(mention: Mention, text: str):
    """Sub-runs of two or more unmarked capitalised Vietnamese syllables."""
    words = [(m.start() + mention.start, m.end() + mention.start) for m in _NON_SPACE_RUN.finditer(mention.text)]
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
    """(folded key, tail, whether the key has a syllable names never write
    bare) of the tails with marks of a marked mention of Vietnamese
    syllables: the mention and its tails, so "Vịnh Hạ Long" vouches for "Ha
    Long" (the last word alone is no name); () when a word is not a
    Vietnamese syllable. Cached by text: the same names recur in every
    document."""
    tails = _TAILS.get(text)
    if tails is None:
        words = text.split()
        found = []
        if all(map(is_syllable, words)):
            for i in range(len(words) - 1):
                tail = " ".join(words[i:])
                if has_vietnamese_marks(tail):
                    key = fold(tail)
                    found.append((key, tail, _has_marked_syllable(key)))
        tails = tuple(found)
        if len(_TAILS) < 100_000:
            _TAILS[text] = tails
    return tails


class RenderStripped(CorpusRule):
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
    options = (
        Option("guess", "pyvi", "last-resort suggestion for a name seen nowhere with marks",
               choices=("pyvi", "none")),
    )

    def collect(self, doc, ctx):
        text = doc.text
        spans = None  # the glossary matches, listed at the first stripped run (most documents have none)
        candidates = []
        marked_names: dict[tuple[str, str], int] = {}  # (text, key) of marked mentions -> how many
        for m in ctx.name_mentions:
            if m.marked:
                name = (m.text, m.key)
                marked_names[name] = marked_names.get(name, 0) + 1
                continue
            if m.foreign:
                continue  # "Park Bo Gum", "Van De Beek", "Minh Tien Coffee": part of a foreign name
            for start, end in _stripped_runs(m, text):
                if spans is None:
                    spans = term_spans(ctx)
                verdict = glossary_verdict(spans, start, end)
                if verdict in ("accepted", "other"):
                    continue  # a glossary form, or reported by term-* at another span
                raw = text[start:end]
                words = [fold(w) for w in raw.split()]
                if words[-1] in _SURNAMES and words[0] not in _SURNAMES:
                    continue  # "Thao Truong": a name in Western order, as its bearer writes it abroad
                if _HANDLE_CUE.search(text, max(0, start - 30), start):
                    continue  # "tài khoản Do Huong", "(Ảnh: Luong Viet Chuong)": an account or a credit
                evidence = any(w in MARKED_NAME_SYLLABLES for w in words)
                context_start, context_end = _context(text, *doc.line_span(doc.line_index(start)), start, end)
                candidates.append((fold(raw), raw, span_position(doc, start, end), evidence,
                                   text[context_start:context_end], start - context_start))
        # Marked forms, for the suggestions: of this document's own
        # candidates, and of the names another document's candidate can be
        # reported for (those with a syllable names never write bare).
        # Mentions are counted by name first (in the order of their first
        # mention): a name recurs in a document.
        wanted = {c[0] for c in candidates}
        marked: dict[tuple[str, str], int] = {}  # (key, tail) -> how many
        for (name, name_key), n in marked_names.items():
            if not (wanted or _has_marked_syllable(name_key)):
                continue
            for key, tail, bare_never in _marked_tails(name):
                if bare_never or key in wanted:
                    marked[key, tail] = marked.get((key, tail), 0) + n
        marked_keys = {k for k, _f in marked}
        candidates = [c[:3] + (c[3] or c[0] in marked_keys,) + c[4:] for c in candidates]
        return candidates, marked

    def check_corpus(self, collected, ctx):
        glossary = glossary_forms(ctx.glossary)
        # the marked forms of the names of the candidates, the only ones
        # looked up (most marked names have no stripped twin in the run)
        wanted = {candidate[0] for _path, summary in collected if summary for candidate in summary[0]}
        marked_forms: dict[str, Counter] = defaultdict(Counter)
        for _path, summary in collected:
            if summary:
                for (key, form), n in summary[1].items():
                    if key in wanted:
                        marked_forms[key][form] += n
        guess = ctx.option(self.name, "guess")
        guesses: dict[tuple[str, int, str], str | None] = {}
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
                    # pyvi takes milliseconds a line: a run guesses for at most
                    # _MAX_GUESSES mentions (a repeated one is guessed once)
                    asked = (line, offset, raw)
                    if asked not in guesses and len(guesses) < _MAX_GUESSES:
                        guesses[asked] = _restore_accents(line, offset, raw)
                    suggestion = guesses.get(asked)
                    if suggestion is not None and suggestion != raw:
                        source = "a guess by pyvi's accent restoration; check it"
                    else:
                        suggestion = None
                where = f"; suggestion from {source}" if source else ""
                findings.append(corpus_finding(
                    self, path, pos, f"'{raw}' is a Vietnamese name written without its marks{where}", suggestion))
        return findings


#: How much of its line a candidate takes along as context for pyvi's
#: guess (characters each side): a paragraph, never a megabyte-long line,
#: which would travel in the summary and cost pyvi minutes.
_CONTEXT = 600
#: At most this many pyvi guesses in a run (none happen on the native or
#: the machine-translated corpus: a stripped name almost always has its
#: marked form in the glossary or elsewhere in the run).
_MAX_GUESSES = 200


def _context(text: str, line_start: int, line_end: int, start: int, end: int) -> tuple[int, int]:
    """The part of the line around ``start``..``end`` given to pyvi: the
    whole line when it is short, else up to _CONTEXT characters each side,
    cut at a space."""
    if line_end - line_start <= 2 * _CONTEXT + (end - start):
        return line_start, line_end
    left = max(line_start, start - _CONTEXT)
    right = min(line_end, end + _CONTEXT)
    if left > line_start:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < line_end:
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


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
