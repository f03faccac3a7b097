"""Mine the names native Vietnamese writers capitalise mid-sentence, for
the ``text-casing`` rule: writes ``checker/data/proper-nouns.tsv.gz``.

usage: python scripts/mine_proper_nouns.py CORPUS_DIR [-o OUT] [--holdout N]

Reads every ``*.txt`` of CORPUS_DIR (native news, one paragraph a line) and
counts, for words that are not the first of a sentence:

- ``n`` names: Vietnamese dictionary words (pyvi's word list) that the
  corpus writes capitalised mid-sentence, as the first capital of a name,
  at least twice and in at least half of their uses (``Trái Đất``, ``Chính phủ``, ``Quốc hội``);
- ``t`` transitions: a pair of syllables where the second one is
  capitalised mid-sentence at least twice and in at least a fifth of the
  pair's uses (``Bộ Ngoại`` of ``Bộ Ngoại giao``, ``Bộ Tài`` of ``Bộ Tài
  nguyên``): the shape of organisation and place names (Nghị định 30);
- ``p`` introducers: lower-case words followed by a capitalised word in at
  least 40 % of their uses (``ông``, ``tỉnh``, ``huyện``, ``sông``).

``--holdout N`` leaves out every N-th file (sorted by name) so that the
noise of the rule can be measured on text the list was not mined from.
Output lines are ``kind<TAB>key`` with keys in lower case and old-style
tone placement, sorted; gzip keeps the file small.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.vocabulary import PROPER_NOUNS_FILE, dictionary_word, tokens, word_key  # noqa: E402


def mine(paths):
    word_cap, word_low = Counter(), Counter()
    pair_cap, pair_low = Counter(), Counter()
    intro_cap, intro_all = Counter(), Counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for line_start, line in _lines(text):
            toks = tokens(text, line_start, line_start + len(line))
            for i, tok in enumerate(toks):
                if not tok.viet or tok.shape not in ("lower", "title"):
                    continue
                prev = toks[i - 1] if i and tok.joined else None
                cap = tok.shape == "title" and not tok.initial
                if prev is not None and prev.viet and prev.shape in ("lower", "title"):
                    key = word_key(f"{prev.text} {tok.text}")
                    if cap:
                        pair_cap[key] += 1
                    elif tok.shape == "lower":
                        pair_low[key] += 1
                    if prev.shape == "lower":
                        intro_all[word_key(prev.text)] += 1
                        if cap:
                            intro_cap[word_key(prev.text)] += 1
                if tok.shape == "title" and tok.initial:
                    continue
                # The longest dictionary word starting here (2-4 syllables).
                for n in (4, 3, 2):
                    part = toks[i:i + n]
                    if len(part) < n or not all(t.joined and t.viet for t in part[1:]):
                        continue
                    phrase = " ".join(t.text for t in part)
                    if not dictionary_word(phrase):
                        continue
                    key = word_key(phrase)
                    # "Tài nguyên" of "Bộ Tài nguyên" is part of a longer
                    # name; only a word that starts the capitals counts.
                    if cap and not (prev is not None and prev.shape == "title"):
                        word_cap[key] += 1
                    elif not cap and phrase.islower():
                        word_low[key] += 1
                    break
    names = {k for k, c in word_cap.items() if c >= 2 and c >= 0.5 * (c + word_low[k])}
    transitions = {k for k, c in pair_cap.items() if c >= 2 and c >= 0.2 * (c + pair_low[k])}
    intros = {k for k, c in intro_cap.items() if c >= 5 and c >= 0.4 * intro_all[k]}
    return names, transitions, intros


def _lines(text):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=PROPER_NOUNS_FILE)
    parser.add_argument("--holdout", type=int, default=0,
                        help="leave out every N-th file (to measure noise on unseen text)")
    args = parser.parse_args(argv)
    paths = sorted(args.corpus.glob("*.txt"))
    if args.holdout:
        paths = [p for i, p in enumerate(paths) if i % args.holdout != 0]
    names, transitions, intros = mine(paths)
    lines = sorted([f"n\t{k}" for k in names] + [f"t\t{k}" for k in transitions] + [f"p\t{k}" for k in intros])
    # No file name and no time in the gzip header: reproducible bytes.
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(paths)} files: {len(names)} names, {len(transitions)} transitions, "
          f"{len(intros)} introducers -> {args.out}")


if __name__ == "__main__":
    main()
