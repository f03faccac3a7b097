"""Scores against a reference translation, with sacrebleu.

A document and its reference are split into paragraphs (non-blank lines,
the segments sacrebleu's command line reads), the paragraphs are aligned,
and sacrebleu computes:

- per document: chrF, BLEU and TER as corpus scores over the aligned
  paragraph pairs (a translation paragraph without counterpart is scored
  against an empty reference, a reference paragraph missing from the
  translation against an empty hypothesis, so omissions cost);
- per aligned pair: sentence chrF.

Where both texts have the same number of paragraphs they are paired one to
one, and the document scores equal ``sacrebleu REF -i DOC -m chrf bleu ter``
on the two files. Otherwise a monotonic alignment (dynamic programming over
1-1, 1-0, 0-1, 2-1 and 1-2 pairings, scored by character-trigram overlap)
pairs them; a reference with other paragraph breaks never crashes the run.

sacrebleu is imported inside the functions: it is only needed with
``mtlint report --reference``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .vietnamese import fold


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a text, numbered among its paragraphs, at its line in the file."""

    index: int  # 0-based, among the paragraphs of its text
    line: int  # 1-based line number in the file
    text: str


@dataclass(frozen=True)
class ParagraphScore:
    """One aligned pair: translation paragraphs, reference paragraphs, chrF."""

    hypothesis: tuple[Paragraph, ...]
    reference: tuple[Paragraph, ...]
    chrf: float

    @property
    def hypothesis_text(self) -> str:
        return " ".join(p.text for p in self.hypothesis)

    @property
    def reference_text(self) -> str:
        return " ".join(p.text for p in self.reference)


@dataclass(frozen=True)
class DocumentScores:
    """chrF, BLEU and TER of a translation against its reference."""

    chrf: float
    bleu: float
    ter: float
    pairs: tuple[ParagraphScore, ...]
    hypothesis_paragraphs: int
    reference_paragraphs: int
    #: True when the paragraphs were paired one to one without alignment.
    one_to_one: bool
    signatures: dict[str, str] = field(default_factory=dict)

    @property
    def unmatched_reference(self) -> tuple[ParagraphScore, ...]:
        """Reference paragraphs with no counterpart in the translation."""
        return tuple(p for p in self.pairs if not p.hypothesis)


def paragraphs(text: str) -> list[Paragraph]:
    """The non-blank lines of ``text``, stripped, with their line numbers."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped:
            result.append(Paragraph(len(result), number, stripped))
    return result


def _trigrams(text: str) -> frozenset[str]:
    squeezed = " ".join(fold(text).split())
    if len(squeezed) < 3:
        return frozenset([squeezed]) if squeezed else frozenset()
    return frozenset(squeezed[i:i + 3] for i in range(len(squeezed) - 2))


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def align(hyp: list[Paragraph], ref: list[Paragraph]) -> list[tuple[tuple[Paragraph, ...], tuple[Paragraph, ...]]]:
    """Monotonic alignment of two paragraph lists (see the module docstring)."""
    if len(hyp) == len(ref):
        return [((h,), (r,)) for h, r in zip(hyp, ref)]
    n, m = len(hyp), len(ref)
    grams_h = [_trigrams(p.text) for p in hyp]
    grams_r = [_trigrams(p.text) for p in ref]
    cache: dict[tuple, float] = {}

    def sim(hs: tuple[int, ...], rs: tuple[int, ...]) -> float:
        key = (hs, rs)
        if key not in cache:
            cache[key] = _similarity(frozenset().union(*(grams_h[i] for i in hs)),
                                     frozenset().union(*(grams_r[j] for j in rs)))
        return cache[key]

    # best[i][j]: best total similarity aligning hyp[:i] with ref[:j]
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    moves = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == neg:
                continue
            for di, dj in moves:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                gain = sim(tuple(range(i, ni)), tuple(range(j, nj))) if di and dj else 0.0
                if di == 2 or dj == 2:
                    # a merge must beat pairing one and skipping the other
                    gain -= 1e-9
                if best[i][j] + gain > best[ni][nj]:
                    best[ni][nj] = best[i][j] + gain
                    back[ni][nj] = (di, dj)
    pairs = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        pairs.append((tuple(hyp[i - di:i]), tuple(ref[j - dj:j])))
        i, j = i - di, j - dj
    pairs.reverse()
    return pairs


def score_document(hypothesis: str, reference: str) -> DocumentScores:
    """chrF/BLEU/TER of a translation against a reference (sacrebleu)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    hyp, ref = paragraphs(hypothesis), paragraphs(reference)
    aligned = align(hyp, ref)
    hyps = [" ".join(p.text for p in h) for h, _ in aligned]
    refs = [" ".join(p.text for p in r) for _, r in aligned]
    chrf, bleu, ter = CHRF(), BLEU(), TER()
    pair_scores = tuple(
        ParagraphScore(h, r, chrf.sentence_score(hyps[k], [refs[k]]).score)
        for k, (h, r) in enumerate(aligned)
    )
    # with no paragraph on either side, score one empty pair (sacrebleu
    # states a signature only for a metric that has been evaluated)
    corpus_hyps, corpus_refs = (hyps, refs) if aligned else ([""], [""])
    doc_chrf = chrf.corpus_score(corpus_hyps, [corpus_refs]).score
    doc_bleu = bleu.corpus_score(corpus_hyps, [corpus_refs]).score
    doc_ter = ter.corpus_score(corpus_hyps, [corpus_refs]).score
    return DocumentScores(
        chrf=doc_chrf, bleu=doc_bleu, ter=doc_ter, pairs=pair_scores,
        hypothesis_paragraphs=len(hyp), reference_paragraphs=len(ref),
        one_to_one=len(hyp) == len(ref),
        signatures={"chrF": str(chrf.get_signature()), "BLEU": str(bleu.get_signature()),
                    "TER": str(ter.get_signature())},
    )

