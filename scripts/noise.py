#!/usr/bin/env python3
"""Noise of mtlint on professionally edited text: findings per 10,000 words.

usage: scripts/noise.py [CORPUS_DIR] [--sample N] [--budget X] [mtlint lint options...]

Every finding on native, edited news is a false positive or a genuine slip
of the editors; either way it is what a user would have to read. Prints the
error-or-warning rate per 10,000 words (whitespace-separated tokens), the
rate per rule, the noisiest rules and a random sample of findings (fixed
seed, so runs compare). Exits 1 when the rate is above --budget.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from _args import pop_option

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "vi-news"


def count_words(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split())
               for p in folder.rglob("*") if p.suffix in (".txt", ".md"))


def main(argv: list[str]) -> int:
    if "-h" in argv[1:] or "--help" in argv[1:]:
        print(__doc__)
        return 0
    args = argv[1:]
    corpus = Path(args.pop(0)) if args and not args[0].startswith("-") else DEFAULT_CORPUS
    sample = pop_option(args, "--sample", int, 15)
    budget = pop_option(args, "--budget", float, None)
    cmd = [sys.executable, "-m", "checker.cli", "lint", "--format", "json", *args, str(corpus)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(f"mtlint exited {proc.returncode}: {proc.stderr[-2000:]}", file=sys.stderr)
        return 2
    result = json.loads(proc.stdout)
    findings = result["findings"]
    loud = [f for f in findings if f["severity"] in ("error", "warning")]
    words = count_words(corpus)
    rate = len(loud) / words * 10_000
    print(f"corpus: {corpus} ({result['files']} files, {words:,} words)")
    print(f"error+warning findings: {len(loud)} = {rate:.3f} per 10,000 words"
          f" (all severities: {len(findings)})")
    per_rule = Counter(f["rule"] for f in loud)
    for rule, n in per_rule.most_common():
        print(f"  {rule:22s} {n:5d}  {n / words * 10_000:.3f} per 10k words")
    random.seed(1)
    for f in random.sample(loud, min(sample, len(loud))):
        print(f"  {Path(f['path']).name}:{f['line']}:{f['column']} [{f['rule']}] {f['message'][:110]}")
    if budget is not None and rate > budget:
        print(f"over budget: {rate:.3f} > {budget}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
