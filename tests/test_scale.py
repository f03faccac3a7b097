"""Linear time on big inputs (issue 11, rows 2 and 3): a 4 MB single line
(seed 000 repeated on one line) and a 16 MB multi-line file (the seeds
concatenated) must cost about as much per MB as a 1 MB file of the same
kind. Ratios, not absolute seconds: the bound holds on a slow, shared
machine. Each size is linted once in a fresh process (``mtlint lint``, as
a user runs it), timed with the process's wall clock."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED_000

pytestmark = pytest.mark.slow

SEEDS = sorted(Path(SEED_000).parent.glob("*.txt"))
MB = 1024 * 1024
#: Time per MB of the big file at most this many times that of the 1 MB
#: file. Quadratic code gives 4x (4 MB) and 16x (16 MB); start-up costs
#: make the small file relatively slower, never the big one.
RATIO = 2.0


def _write(path: Path, unit: str, size_mb: int) -> int:
    data = unit * (size_mb * MB // len(unit.encode("utf-8")) + 1)
    path.write_text(data, encoding="utf-8")
    return path.stat().st_size


def _seconds_per_mb(path: Path, select: str | None) -> float:
    env = dict(os.environ, PYTHONHASHSEED="0")
    start = time.perf_counter()
    command = [sys.executable, "-c", "import sys; from checker.cli import main; sys.exit(main())"]
    options = ["--select", select] if select else []
    proc = subprocess.run([*command, "lint", "--format", "json", *options, str(path)],
                          capture_output=True, env=env, cwd=Path(__file__).resolve().parents[1])
    elapsed = time.perf_counter() - start
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")[-2000:]
    assert b"internal error" not in proc.stderr, proc.stderr.decode(errors="replace")[-2000:]
    return elapsed / (path.stat().st_size / MB)


@pytest.mark.parametrize("select", [None, "figure"], ids=["all-rules", "figure-rules"])
@pytest.mark.parametrize(("kind", "big_mb"), [("single-line", 4), ("multi-line", 16)])
def test_time_per_mb_stays_flat(tmp_path, kind, big_mb, select):
    if kind == "single-line":
        unit = SEEDS[0].read_text(encoding="utf-8").replace("\n", " ") + " "
    else:
        unit = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS) + "\n"
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    _write(small, unit, 1)
    _write(big, unit, big_mb)
    small_rate = _seconds_per_mb(small, select)
    big_rate = _seconds_per_mb(big, select)
    assert big_rate <= RATIO * small_rate, (
        f"{kind} ({select or 'all rules'}): {big_rate:.2f} s/MB at {big_mb} MB vs {small_rate:.2f} s/MB at 1 MB")
