"""Mine candidate calques (page furniture and labels translated word for
word) by comparing machine-translated pages with native Vietnamese news.

usage: python scripts/mine_calques.py MT_DIR [--native DIR] [--min-docs N]
                                      [--max-n N] [--top N] [--all]

MT_DIR holds the machine-translated pages, one ``*.txt`` per page, saved
OUTSIDE the repository (third-party text stays out of it); a first line
starting with ``#`` (the page address) is skipped. ``--native`` is the
native news corpus (default ``../shared/corpus/vi-news``).

Every line is split into word n-grams (2..``--max-n`` words, Unicode word
characters, lower case, marks kept). A phrase is a candidate when it occurs
in at least ``--min-docs`` MT pages (default 2; 1 lets a phrase seen on one
page through) and, unless ``--all``, never in the native corpus: frequent in
machine translation and absent from native news. Candidates are printed as

    mt_count<TAB>mt_docs<TAB>native_count<TAB>phrase<TAB>first line seen

sorted by MT frequency, longest phrases first among equals; n-grams inside a
longer candidate with the same counts are dropped. The list is a starting
point for a reviewer: a candidate becomes a glossary phrase only with a
note saying what the original was and why the rendering is wrong
(``glossaries/phrases.yaml``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

_WORD = re.compile(r"\w+")
_DEFAULT_NATIVE = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "vi-news"


def _lines(path: Path):
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle):
            if number == 0 and line.startswith("#"):
                continue
            line = line.strip()
            if line:
                yield line


def _ngrams(line: str, max_n: int):
    words = [w.lower() for w in _WORD.findall(line) if not w.isdigit()]
    for n in range(2, max_n + 1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i:i + n])


def mine(mt_dir: Path, native_dir: Path, min_docs: int = 2, max_n: int = 5, keep_native: bool = False):
    """Return [(mt_count, mt_docs, native_count, phrase, example)]."""
    counts, docs, example = Counter(), defaultdict(set), {}
    pages = sorted(mt_dir.glob("*.txt"))
    if not pages:
        raise SystemExit(f"no *.txt pages in {mt_dir}")
    for page in pages:
        for line in _lines(page):
            for gram in _ngrams(line, max_n):
                counts[gram] += 1
                docs[gram].add(page.name)
                example.setdefault(gram, line)
    wanted = {g for g in counts if len(docs[g]) >= min_docs}
    native = Counter()
    for path in sorted(native_dir.glob("*.txt")):
        for line in _lines(path):
            for gram in _ngrams(line, max_n):
                if gram in wanted:
                    native[gram] += 1
    rows = [(counts[g], len(docs[g]), native[g], g, example[g])
            for g in wanted if keep_native or not native[g]]
    # drop an n-gram that only ever occurs inside a longer candidate
    longer = {}
    for c, d, nat, g, _ in rows:
        longer.setdefault((c, d, nat), []).append(g)
    kept = []
    for row in rows:
        c, d, nat, g, _ = row
        if any(o != g and f" {g} " in f" {o} " for o in longer[(c, d, nat)]):
            continue
        kept.append(row)
    kept.sort(key=lambda r: (-r[0], -r[1], -len(r[3].split()), r[3]))
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mt_dir", type=Path)
    parser.add_argument("--native", type=Path, default=_DEFAULT_NATIVE)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--max-n", type=int, default=5)
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--all", action="store_true", help="also list phrases the native corpus has")
    args = parser.parse_args(argv)
    if not args.native.is_dir():
        raise SystemExit(f"native corpus not found: {args.native}")
    rows = mine(args.mt_dir, args.native, args.min_docs, args.max_n, args.all)
    for c, d, nat, g, line in rows[:args.top]:
        print(f"{c}\t{d}\t{nat}\t{g}\t{line[:80]}")
    print(f"{len(rows)} candidates", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
