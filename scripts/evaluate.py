#!/usr/bin/env python3
"""Recall and precision of mtlint against every gold file, and its noise.

usage: scripts/evaluate.py [--misses] [--false N] [--shared DIR] [mtlint lint options...]
       scripts/evaluate.py GOLD.jsonl DOCS_DIR [--misses] [mtlint lint options...]

Without a gold file it measures, in one run:

- ``seed-000.jsonl`` against ``seeds/`` and ``mt-docs.jsonl`` against
  ``corpus/mt-docs/`` (from ``../shared/gold/``): recall per kind, and
  precision — error and warning findings on the gold documents that overlap
  no gold entry are false (info findings count neither way). A gold entry
  is found when a finding on its document overlaps it: same line, columns
  overlapping with 3 columns of slack (the criterion of
  ``../shared/tools/gold-recall.py``; documents match by path suffix);
- the lines of ``mt-docs-clean.txt`` that get an error or warning (should
  be none);
- error-or-warning findings per 10,000 words (whitespace-separated tokens)
  on the whole of ``corpus/mt-docs/vi/`` and on ``corpus/vi-news/``.

``--misses`` lists every missed entry, ``--false N`` the first N false
positives of each gold file. Options it does not know go to ``mtlint lint``
(``--select``, ``--ignore``, ``--rule-option`` …).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from _args import pop_option

SLACK = 3
ROOT = Path(__file__).resolve().parent.parent
LOUD = ("error", "warning")


def same_doc(path: str, doc: str) -> bool:
    path = Path(path).as_posix()
    return path == doc or path.endswith("/" + doc)


def overlaps(finding: dict, gold: dict) -> bool:
    return (
        same_doc(finding["path"], gold["doc"])
        and finding["line"] <= gold["line"] <= finding.get("end_line", finding["line"])
        and finding["column"] <= gold["end_column"] + SLACK
        and finding.get("end_column", finding["column"] + 1) >= gold["column"] - SLACK
    )


def lint(paths: list[str], extra: list[str]) -> list[dict]:
    cmd = [sys.executable, "-m", "checker.cli", "lint", "--format", "json", *extra, *paths]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"mtlint exited {proc.returncode}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)["findings"]


def with_columns(gold: dict, docs_dir: Path) -> dict:
    if "column" not in gold:
        line = (docs_dir / gold["doc"]).read_text(encoding="utf-8").split("\n")[gold["line"] - 1]
        gold["column"] = line.index(gold["text"]) + 1
        gold["end_column"] = gold["column"] + len(gold["text"])
    return gold


def evaluate(gold_path: Path, docs_dir: Path, extra: list[str], misses: bool, show_false: int) -> dict:
    golds = [with_columns(json.loads(line), docs_dir)
             for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = sorted({str(docs_dir / g["doc"]) for g in golds})
    findings = lint(docs, extra)
    hit, total, missed = Counter(), Counter(), []
    for gold in golds:
        total[gold["kind"]] += 1
        if any(overlaps(f, gold) for f in findings):
            hit[gold["kind"]] += 1
        else:
            missed.append(gold)
    judged = [f for f in findings if f["severity"] in LOUD]
    false = [f for f in judged if not any(overlaps(f, g) for g in golds)]
    found, count = sum(hit.values()), sum(total.values())
    precision = (len(judged) - len(false)) / max(1, len(judged))
    print(f"\n== {gold_path.name} against {docs_dir} ({len(docs)} documents)")
    print(f"{'kind':24s} found/total")
    for kind in sorted(total):
        print(f"{kind:24s} {hit[kind]:3d}/{total[kind]:<3d} {hit[kind] / total[kind]:5.2f}")
    print(f"recall {found}/{count} = {found / max(1, count):.2f}, "
          f"precision {len(judged) - len(false)}/{len(judged)} = {precision:.2f}")
    print(f"false positives by rule: {Counter(f['rule'] for f in false).most_common()}")
    if misses:
        for gold in missed:
            print(f"  missed {gold['doc']}:{gold['line']}:{gold['column']} {gold['kind']}: {gold['text'][:60]}")
    for f in false[:show_false]:
        print(f"  false {Path(f['path']).name}:{f['line']}:{f['column']} [{f['rule']}] {f['message'][:100]}")
    return {"findings": findings}


def clean_lines(clean_path: Path, docs_dir: Path, extra: list[str]) -> None:
    """The lines of mt-docs-clean.txt ("vi/02-….md:84") that get an error or warning."""
    wanted = set()
    for line in clean_path.read_text(encoding="utf-8").splitlines():
        doc, _, number = line.strip().rpartition(":")
        if doc and number.isdigit():
            wanted.add((doc, int(number)))
    paths = sorted({str(docs_dir / doc) for doc, _ in wanted})
    findings = lint(paths, extra)
    loud = [f for f in findings if f["severity"] in LOUD
            and any(same_doc(f["path"], doc) and f["line"] == number for doc, number in wanted)]
    print(f"\n== {clean_path.name}: {len(loud)} error/warning finding(s) on its {len(wanted)} lines")
    for f in loud:
        print(f"  {Path(f['path']).name}:{f['line']}:{f['column']} [{f['rule']}] {f['message'][:100]}")


def noise(folder: Path, extra: list[str]) -> None:
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split())
                for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    findings = lint([str(folder)], extra)
    loud = [f for f in findings if f["severity"] in LOUD]
    rate = len(loud) / max(1, words) * 10_000
    print(f"\n== noise on {folder}: {len(loud)} error/warning finding(s) in {words:,} words = "
          f"{rate:.2f} per 10,000 words; by rule: {Counter(f['rule'] for f in loud).most_common(8)}")


def main(argv: list[str]) -> int:
    args = argv[1:]
    if "-h" in args or "--help" in args:
        print(__doc__)
        return 0
    misses = "--misses" in args
    if misses:
        args.remove("--misses")
    show_false = pop_option(args, "--false", int, 0)
    shared = pop_option(args, "--shared", Path, ROOT.parent / "shared")
    if args and args[0].endswith(".jsonl"):
        if len(args) < 2:
            print(__doc__, file=sys.stderr)
            return 2
        evaluate(Path(args[0]), Path(args[1]), args[2:], misses, show_false)
        return 0
    gold = shared / "gold"
    mt_docs = shared / "corpus" / "mt-docs"
    if (gold / "seed-000.jsonl").exists():
        evaluate(gold / "seed-000.jsonl", ROOT / "seeds", args, misses, show_false)
    if (gold / "mt-docs.jsonl").exists() and mt_docs.is_dir():
        evaluate(gold / "mt-docs.jsonl", mt_docs, args, misses, show_false)
        if (gold / "mt-docs-clean.txt").exists():
            clean_lines(gold / "mt-docs-clean.txt", mt_docs, args)
        noise(mt_docs / "vi", args)
    if (shared / "corpus" / "vi-news").is_dir():
        noise(shared / "corpus" / "vi-news", args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
