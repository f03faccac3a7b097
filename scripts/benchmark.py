#!/usr/bin/env python3
"""Wall-clock benchmark of the CLI, as users run it.

usage: scripts/benchmark.py [--corpus DIR] [--repeat N] [mtlint lint options...]

Times (median of N runs, each a fresh process, output discarded):
  - `mtlint lint` over the whole corpus (budget 3 s on a 2-core machine),
  - `mtlint lint` on one seed file (the pre-commit path; budget 0.3 s),
  - `codespell` over the same corpus, for scale, and the ratio.
Not a test: timings depend on the machine; the budgets are printed beside them.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _args import pop_option

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "vi-news"
SEED = next((ROOT / "seeds").glob("000_*.txt"))
BIN = Path(sys.executable).parent


def timed(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1, 65):  # codespell exits 65 when it finds typos
            sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return statistics.median(times)


def main(argv: list[str]) -> int:
    if "-h" in argv[1:] or "--help" in argv[1:]:
        print(__doc__)
        return 0
    args = argv[1:]
    corpus = pop_option(args, "--corpus", Path, CORPUS)
    repeat = pop_option(args, "--repeat", int, 3)
    mtlint = str(BIN / "mtlint") if (BIN / "mtlint").exists() else shutil.which("mtlint")
    size = sum(p.stat().st_size for p in corpus.rglob("*.txt"))
    files = sum(1 for _ in corpus.rglob("*.txt"))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {corpus} ({files} files, {size / 1e6:.1f} MB); median of {repeat} runs")
    corpus_time = timed([mtlint, "lint", "--format", "json", *args, str(corpus)], repeat)
    print(f"mtlint lint corpus     {corpus_time:6.2f} s   (budget 3.0 s)  {size / 1e6 / corpus_time:.1f} MB/s")
    seed_time = timed([mtlint, "lint", *args, str(SEED)], max(repeat, 5))
    print(f"mtlint lint one seed   {seed_time:6.3f} s   (budget 0.3 s)")
    codespell = str(BIN / "codespell") if (BIN / "codespell").exists() else shutil.which("codespell")
    if codespell:
        codespell_time = timed([codespell, str(corpus)], repeat)
        print(f"codespell corpus       {codespell_time:6.2f} s")
        print(f"ratio mtlint/codespell {corpus_time / codespell_time:6.2f}")
    else:
        print("codespell not installed (pip install codespell) - no comparison")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
