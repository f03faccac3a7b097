"""Huge inputs (issue 11, rows 2 and 3; issue 14, item 4): time linear and
memory bounded.

Each file is linted once in a fresh process (``mtlint lint --format json``,
as a user runs it). Its wall time per MB must stay within :data:`RATIO`
times that of a 1 MB file of the same kind and rule selection (ratios, not
absolute seconds: the bound holds on a slow, shared machine; start-up makes
the small file relatively slower, never the big one), and its peak RSS
(``VmHWM`` of that process) at most ``3 x size + 160 MB``, and that of
each worker that lints the pieces of a big file (issue 14: they go to a
pool as files do) at most 160 MB, whatever the size. Run with
``pytest -s`` to see the table.

Sizes and rules, to keep CI's whole suite within a few minutes:

- all rules on a 16 MB multi-line file (the seeds concatenated) and a 4 MB
  single line (seed 000 repeated on one line);
- the figure rules (the quantity parser, where single lines once went
  quadratic) on the same sizes;
- all rules on 4 MB of real machine-translated Markdown, with its lines
  and as one line (heading and label checks once went quadratic there);
- the issue's sizes, a generated 64 MB multi-line file and a 50 MB single
  line, with :data:`BIG_SELECT`: rules that exercise the whole path of a
  big file (reading and decoding a piece at a time, structure, NFC,
  folding and glossary matching, the figure parser, a corpus rule's
  per-document summaries (render-inconsistent's, the largest), findings
  and streamed JSON output) at a third of the cost of all rules. All
  rules on 64 MB take about 55 s here (240 MB max RSS), on a 50 MB line
  about 60 s (295 MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED_000

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(Path(SEED_000).parent.glob("*.txt"))
MB = 1024 * 1024
#: Time per MB of the big file at most this many times that of the 1 MB
#: file. Quadratic code gives 4x (4 MB) to 64x (64 MB).
RATIO = 2.0
#: Peak RSS at most RSS_FACTOR x the input's size + RSS_CONSTANT. The
#: constant is start-up (about 50 MB: the interpreter, the glossary's
#: automaton, the rules' word lists) plus the working set of one piece
#: (up to about 75 MB for a million characters on one line, all rules),
#: plus the allocator's slack.
RSS_FACTOR, RSS_CONSTANT = 3, 160 * MB
BIG_SELECT = "term-diacritics,figure-format,render-inconsistent,text-unicode"


#: Real machine-translated Markdown (headings, lists, links, code, English
#: left in): long Markdown once went quadratic in the rules that look up
#: each heading's or line's words in the whole document.
MT_DOCS = sorted((ROOT.parent / "shared" / "corpus" / "mt-docs" / "vi").glob("*.md"))[:6]


def _unit(kind: str) -> str:
    if kind == "single-line":
        return SEED_000.read_text(encoding="utf-8").replace("\n", " ") + " "
    if kind.startswith("markdown"):
        text = "\n".join(p.read_text(encoding="utf-8") for p in MT_DOCS) + "\n"
        # on one line, the translator's opening HTML comment would make the
        # whole line an HTML block (not prose): a word before it keeps it prose
        return "Bài học " + text.replace("\n", " ") + " " if kind == "markdown-line" else text
    return "\n".join(p.read_text(encoding="utf-8") for p in SEEDS) + "\n"


def _write(path: Path, unit: str, size_mb: float) -> int:
    """``unit`` repeated to just over ``size_mb`` MB, written 64 units at a time."""
    data = unit.encode("utf-8")
    count = int(size_mb * MB) // len(data) + 1
    with open(path, "wb") as out:
        for start in range(0, count, 64):
            out.write(data * min(64, count - start))
    return path.stat().st_size


#: Runs mtlint and, on exit, writes the process's own peak RSS (VmHWM, in
#: kB) to the file $MTLINT_TEST_HWM, and that of its largest worker (the
#: pieces of a big file are linted by a pool): the rusage of a child also
#: counts the memory of the (large) pytest process it was forked from,
#: before exec.
_RUN = """
import atexit, os, resource, sys
def _peak():
    with open("/proc/self/status") as status, open(os.environ["MTLINT_TEST_HWM"], "w") as out:
        own = next(line.split()[1] for line in status if line.startswith("VmHWM"))
        out.write(f"{own} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
if os.path.exists("/proc/self/status"):
    atexit.register(_peak)
from checker.cli import main
sys.exit(main())
"""


def _lint(path: Path, select: str | None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in bytes of ``mtlint lint`` on ``path`` and
    that of its largest worker (0: none)."""
    peak_file = path.with_suffix(".hwm")
    env = dict(os.environ, PYTHONHASHSEED="0", MTLINT_TEST_HWM=str(peak_file))
    command = [sys.executable, "-c", _RUN]
    options = ["--select", select] if select else []
    out_path, err_path = path.with_suffix(".json"), path.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([*command, "lint", "--no-cache", "--format", "json", *options, str(path)],
                                stdout=out, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    assert proc.returncode in (0, 1), stderr[-2000:]
    assert "internal error" not in stderr, stderr[-2000:]
    with open(out_path, "rb") as out:  # the whole JSON document was written
        assert out.read(1) == b"{"
        out.seek(-4, os.SEEK_END)
        assert out.read().endswith(b"}\n")
    out_path.unlink()
    if peak_file.exists():
        own, worker = peak_file.read_text().split()
        return elapsed, int(own) * 1024, int(worker) * 1024
    return elapsed, usage.ru_maxrss * 1024, 0  # no /proc: the rusage (kilobytes on Linux), an overestimate


#: (kind, small MB, big MB, rules). Markdown is compared below the size of
#: one piece (a million characters), where its quadratic costs were: a
#: file of a few MB is linted in pieces, which bounds any cost within one.
CASES = [
    ("single-line", 1, 4, None),
    ("multi-line", 1, 16, None),
    ("single-line", 1, 4, "figure"),
    ("multi-line", 1, 16, "figure"),
    ("markdown", 0.25, 0.9, None),
    ("markdown-line", 0.25, 0.9, None),
    ("markdown", 1, 4, None),
    ("single-line", 1, 50, BIG_SELECT),
    ("multi-line", 1, 64, BIG_SELECT),
]


@pytest.mark.parametrize(("kind", "small_mb", "big_mb", "select"), CASES,
                         ids=[f"{k}-{mb}MB-{s.split(',')[0] if s else 'all-rules'}" for k, _, mb, s in CASES])
def test_time_per_mb_flat_and_memory_bounded(tmp_path, kind, small_mb, big_mb, select):
    unit = _unit(kind)
    rows = []
    for size_mb in (small_mb, big_mb):
        path = tmp_path / f"{kind}-{size_mb}.{'md' if kind.startswith('markdown') else 'txt'}"
        size = _write(path, unit, size_mb)
        seconds, rss, worker_rss = _lint(path, select)
        path.unlink()
        rows.append((size, seconds, rss, worker_rss))
        print(f"\n{kind:>11} {size / MB:6.1f} MB  {select or 'all rules':<18.18} {seconds:7.2f} s "
              f"{seconds / (size / MB):6.3f} s/MB  max RSS {rss / MB:6.1f} MB, worker {worker_rss / MB:6.1f} MB",
              end="")
    (small_size, small_s, _, _), (big_size, big_s, big_rss, big_worker_rss) = rows
    small_rate, big_rate = small_s / (small_size / MB), big_s / (big_size / MB)
    assert big_rate <= RATIO * small_rate, (
        f"{kind} ({select or 'all rules'}): {big_rate:.2f} s/MB at {big_mb} MB vs {small_rate:.2f} s/MB at {small_mb} MB")
    bound = RSS_FACTOR * big_size + RSS_CONSTANT
    assert big_rss <= bound, (
        f"{kind} ({select or 'all rules'}): max RSS {big_rss / MB:.0f} MB at {big_size / MB:.0f} MB, "
        f"bound {bound / MB:.0f} MB")
    # a worker holds one piece at a time, whatever the file's size
    assert big_worker_rss <= RSS_CONSTANT, (
        f"{kind} ({select or 'all rules'}): a worker's max RSS {big_worker_rss / MB:.0f} MB at {big_size / MB:.0f} MB")
