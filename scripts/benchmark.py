#!/usr/bin/env python3
"""Wall-clock benchmark of the CLI as users run it, beside codespell.

usage: scripts/benchmark.py [--corpus DIR] [--repeat N] [--no-scaling] [--instructions]
                             [--big-file MB] [--commands] [mtlint lint options...]

Each figure is the median of N runs (fresh processes, output discarded;
5 N for the runs on one seed file, which take a tenth of a second),
measured in one run of this script so that they share the machine's state:

  - codespell over the corpus and over one seed file: the yardstick;
  - mtlint cold over the corpus (``--no-cache``: no result cache; the
    machine-level caches of glossary, data and patterns are in place, as
    after any first run), with the default workers
    and with ``--jobs 1`` (wall time and CPU time: the parallel speed-up);
  - mtlint warm over the corpus (the result cache filled by a first run);
  - mtlint on one seed file (the pre-commit path), cold and warm, and the
    first run after installing (no glossary, data or pattern cache yet);
  - a scaling table: the corpus copied 1× and 4× into one folder, time and
    peak memory (max RSS) per MB.

Every mtlint figure is also given as a ratio to codespell's wall time on
the same input: the machine is shared and noisy, ratios of medians taken
side by side are what compare across runs. The cold runs and their
yardsticks take turns (codespell, default jobs, ``--jobs 1``, codespell,
...), so that a drift in the machine's speed does not favour one of them.
Not a test.

``--big-file MB`` adds one very large file (issue 14, item 4): the corpus
written over and over into one plain-text file of about MB megabytes,
linted once with the default workers (which lint its pieces) and once with
``--jobs 1``: wall and CPU time, seconds per MB beside the corpus's, and
max RSS (of the process and, as for every row, of its largest worker).

``--commands`` adds the other commands that read a whole archive:
``mtlint fix --diff`` (which lints, fixes in memory and lints again what it
changed) and ``mtlint report`` over the corpus, each with the default
workers and with ``--jobs 1``, beside ``lint`` cold.

``--instructions`` adds what noise cannot move: the instructions executed
(valgrind's callgrind, when installed; about a minute) by mtlint and by
codespell on one seed and on the first 200 files of the corpus, with
``--jobs 1``: a change's effect on CPU shows there to the percent, where
wall and CPU times on a shared machine vary by a third.
"""

from __future__ import annotations

import compileall
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _args import pop_option

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "vi-news"
SEED = next((ROOT / "seeds").glob("000_*.txt"))
BIN = Path(sys.executable).parent


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, max RSS in MB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                            env=None if env is None else {**os.environ, **env})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1, 65):  # codespell exits 65 when it finds typos
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {stderr[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def timed(cmd: list[str], repeat: int, cwd: Path | None = None, fresh_cache: Path | None = None):
    """:func:`summary` of ``repeat`` runs; ``fresh_cache``: each run with an
    empty machine-level cache folder there (the first run after installing)."""
    runs = []
    for i in range(repeat):
        env = None
        if fresh_cache is not None:
            env = {"MTLINT_CACHE_DIR": str(fresh_cache / str(i))}
        runs.append(run(cmd, cwd, env))
    return summary(runs)


def summary(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """Medians of wall and CPU time, and the largest max RSS, of ``runs``."""
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(r[2] for r in runs))


def interleaved(cmds: list[list[str]], repeat: int, cwd: Path | None = None) -> list[tuple[float, float, int]]:
    """:func:`timed` of each command, the commands taking turns (a, b, c,
    a, b, c, ...): on a shared machine whose speed drifts over a minute,
    commands compared with one another then meet the same conditions."""
    runs: list[list] = [[] for _ in cmds]
    for _ in range(repeat):
        for i, cmd in enumerate(cmds):
            runs[i].append(run(cmd, cwd))
    return [summary(done) for done in runs]


def instructions(cmd: list[str], cwd: Path, env: dict | None = None) -> int:
    """Instructions executed by ``cmd`` (and no child), counted by callgrind."""
    with tempfile.TemporaryDirectory(prefix="mtlint-callgrind-") as tmp:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", *cmd],
                              cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=None if env is None else {**os.environ, **env})
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        sys.exit(f"valgrind failed on {' '.join(cmd)}: {done.stderr[-500:]}")
    return int(found.group(1))


def instruction_table(lint: list[str], codespell: str, corpus: Path, work: Path) -> None:
    if not shutil.which("valgrind"):
        print("\ninstructions: valgrind is not installed (apt install valgrind)")
        return
    subset = work / "subset"
    for path in sorted(p for p in corpus.rglob("*") if p.is_file())[:200]:
        target = subset / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    print(f"\n{'instructions (callgrind, --jobs 1)':38s} {'mtlint':>10s} {'codespell':>10s} {'ratio':>7s}")
    for label, target in (("one seed, cold", SEED), ("200 corpus files, cold", subset)):
        run([*lint, "--no-cache", "--jobs", "1", str(target)], work)  # the machine-level caches in place
        mine = instructions([*lint, "--no-cache", "--jobs", "1", str(target)], work)
        theirs = instructions([codespell, str(target)], work)
        print(f"{label:38s} {mine / 1e9:9.2f}G {theirs / 1e9:9.2f}G {mine / theirs:6.2f}×")


def big_file_table(lint: list[str], corpus: Path, work: Path, megabytes: float, corpus_rate: float) -> None:
    """One file of about ``megabytes`` MB, the corpus's texts one after
    another, written and linted once with each number of jobs."""
    texts = [p.read_bytes().rstrip() for p in sorted(corpus.rglob("*")) if p.is_file() and p.suffix in (".txt", ".md")]
    unit = b"\n\n".join(texts) + b"\n\n"
    path = work / "big.txt"
    with open(path, "wb") as out:
        for _ in range(max(1, round(megabytes * 1e6 / len(unit)))):
            out.write(unit)
    size = path.stat().st_size / 1e6
    print(f"\n{f'one file of {size:.0f} MB (cold)':30s} {'wall s':>7s} {'CPU s':>7s} {'s/MB':>6s} "
          f"{'× corpus s/MB':>14s} {'max RSS':>8s}")
    for label, options in (("default jobs", []), ("--jobs 1", ["--jobs", "1"])):
        wall, cpu, rss = run([*lint, "--no-cache", *options, str(path)], work)
        print(f"{label:30s} {wall:7.2f} {cpu:7.2f} {wall / size:6.3f} {wall / size / corpus_rate:13.2f}× {rss:6d} MB")
    path.unlink()


def command_table(mtlint: str, args: list[str], corpus: Path, work: Path, repeat: int,
                  lint_cold: float, spell: float) -> None:
    """``fix --diff`` and ``report`` over the corpus, default workers and
    ``--jobs 1`` taking turns."""
    report = str(work / "report.html")
    commands = [("fix --diff", [mtlint, "fix", "--diff", *args, str(corpus)]),
                ("report", [mtlint, "report", *args, str(corpus), "-o", report])]
    cmds = [[*cmd, *options] for _, cmd in commands for options in ([], ["--jobs", "1"])]
    results = interleaved(cmds, repeat, work)
    print(f"\n{'other commands, corpus':38s} {'wall s':>7s} {'CPU s':>7s} {'max RSS':>8s} {'× lint cold':>12s} "
          f"{'× codespell':>12s}")
    labels = [f"mtlint {name}{jobs}" for name, _ in commands for jobs in (" (default jobs)", ", --jobs 1")]
    for label, (wall, cpu, rss) in zip(labels, results):
        print(f"{label:38s} {wall:7.2f} {cpu:7.2f} {rss:6d} MB {wall / lint_cold:11.2f}× {wall / spell:11.2f}×")


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".md")]
    return len(files), sum(p.stat().st_size for p in files)


def main(argv: list[str]) -> int:
    if "-h" in argv[1:] or "--help" in argv[1:]:
        print(__doc__)
        return 0
    args = argv[1:]
    corpus = pop_option(args, "--corpus", Path, CORPUS).resolve()
    repeat = pop_option(args, "--repeat", int, 3)
    scaling = "--no-scaling" not in args
    big_file = pop_option(args, "--big-file", float, None)
    count_instructions = "--instructions" in args
    if count_instructions:
        args.remove("--instructions")
    other_commands = "--commands" in args
    if other_commands:
        args.remove("--commands")
    if not scaling:
        args.remove("--no-scaling")
    mtlint = str(BIN / "mtlint") if (BIN / "mtlint").exists() else shutil.which("mtlint")
    codespell = str(BIN / "codespell") if (BIN / "codespell").exists() else shutil.which("codespell")
    if not codespell:
        sys.exit("codespell not installed (pip install codespell): it is the yardstick")
    # Bytecode of the current sources, as `make` and pip leave it: with
    # PYTHONDONTWRITEBYTECODE set (as on some machines) an edited module would
    # otherwise be compiled again in every process measured.
    compileall.compile_dir(str(ROOT / "checker"), quiet=1)
    files, size = size_of(corpus)
    mb = size / 1e6
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"corpus: {corpus} ({files} files, {mb:.1f} MB); medians of {repeat} runs "
          f"({5 * max(repeat, 3)} for one seed)\n")
    lint = [mtlint, "lint", "--format", "json", *args]
    with tempfile.TemporaryDirectory(prefix="mtlint-bench-") as tmp:
        work = Path(tmp)  # the warm runs' .mtlint_cache lives here, not in the project
        rows = []
        spell_corpus, cold, serial = interleaved(
            [[codespell, str(corpus)], [*lint, "--no-cache", str(corpus)],
             [*lint, "--no-cache", "--jobs", "1", str(corpus)]], repeat, work)
        run([*lint, str(corpus)], work)  # fills the cache
        warm = timed([*lint, str(corpus)], repeat, work)
        # a tenth of a second each, and noisier than the corpus runs: five times as many
        seed_repeat = 5 * max(repeat, 3)
        spell_seed, seed_cold = interleaved([[codespell, str(SEED)], [*lint, "--no-cache", str(SEED)]],
                                            seed_repeat, work)
        seed_first = timed([*lint, "--no-cache", str(SEED)], max(repeat, 5), work, fresh_cache=work / "machine")
        run([*lint, str(SEED)], work)
        seed_warm = timed([*lint, str(SEED)], seed_repeat, work)
        rows = [
            ("codespell corpus", spell_corpus, spell_corpus),
            ("mtlint corpus, cold (default jobs)", cold, spell_corpus),
            ("mtlint corpus, cold, --jobs 1", serial, spell_corpus),
            ("mtlint corpus, warm cache", warm, spell_corpus),
            ("codespell one seed", spell_seed, spell_seed),
            ("mtlint one seed, cold", seed_cold, spell_seed),
            ("mtlint one seed, first run installed", seed_first, spell_seed),
            ("mtlint one seed, warm cache", seed_warm, spell_seed),
        ]
        print(f"{'run':38s} {'wall s':>7s} {'CPU s':>7s} {'max RSS':>8s} {'× codespell':>12s}")
        for label, (wall, cpu, rss), yardstick in rows:
            print(f"{label:38s} {wall:7.2f} {cpu:7.2f} {rss:6d} MB {wall / yardstick[0]:11.2f}×")
        print(f"\nparallel speed-up (--jobs 1 wall / default wall): {serial[0] / cold[0]:.2f}×; "
              f"CPU time default/--jobs 1: {cold[1] / serial[1]:.2f}×")
        if scaling:
            print(f"\n{'scaling (cold, default jobs)':30s} {'MB':>6s} {'wall s':>7s} {'s/MB':>6s} "
                  f"{'max RSS':>8s} {'RSS/MB':>7s}")
            for times in (1, 4):
                folder = work / f"corpus-x{times}"
                for i in range(times):
                    shutil.copytree(corpus, folder / f"copy{i}")
                _, bytes_ = size_of(folder)
                wall, _, rss = timed([*lint, "--no-cache", str(folder)], 1 if times > 1 else repeat, work)
                print(f"{f'corpus × {times}':30s} {bytes_ / 1e6:6.1f} {wall:7.2f} {wall / (bytes_ / 1e6):6.3f} "
                      f"{rss:6d} MB {rss / (bytes_ / 1e6):7.2f}")
        if other_commands:
            command_table(mtlint, args, corpus, work, repeat, cold[0], spell_corpus[0])
        if big_file:
            big_file_table(lint, corpus, work, big_file, cold[0] / mb)
        if count_instructions:
            instruction_table(lint, codespell, corpus, work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
