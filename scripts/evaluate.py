#!/usr/bin/env python3
"""Recall of mtlint against a gold JSONL file, per kind, with the misses.

usage: scripts/evaluate.py GOLD.jsonl DOCS_DIR [mtlint lint options...]

A gold line names a document, a 1-based line and column range and a kind
(the shape of ../shared/gold/seed-000.jsonl). It is found when a finding on
that document overlaps the range (same line, columns overlapping with 3
columns of slack: the criterion of ../shared/tools/gold-recall.py). Findings
that match no gold line are listed as "unmatched" (not necessarily wrong:
the gold file lists what one careful reader found).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

SLACK = 3


def overlaps(finding: dict, gold: dict) -> bool:
    return (
        Path(finding["path"]).name == gold["doc"]
        and finding["line"] <= gold["line"] <= finding.get("end_line", finding["line"])
        and finding["column"] <= gold["end_column"] + SLACK
        and finding.get("end_column", finding["column"] + 1) >= gold["column"] - SLACK
    )


def main(argv: list[str]) -> int:
    if "-h" in argv[1:] or "--help" in argv[1:]:
        print(__doc__)
        return 0
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    gold_path, docs_dir, extra = Path(argv[1]), Path(argv[2]), argv[3:]
    golds = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = sorted({str(docs_dir / g["doc"]) for g in golds})
    cmd = [sys.executable, "-m", "checker.cli", "lint", "--format", "json", *extra, *docs]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(f"mtlint exited {proc.returncode}: {proc.stderr[-2000:]}", file=sys.stderr)
        return 2
    findings = json.loads(proc.stdout)["findings"]
    hit, total, missed = Counter(), Counter(), []
    for gold in golds:
        total[gold["kind"]] += 1
        if any(overlaps(f, gold) for f in findings):
            hit[gold["kind"]] += 1
        else:
            missed.append(gold)
    print(f"{'kind':24s} found/total")
    for kind in sorted(total):
        print(f"{kind:24s} {hit[kind]:3d}/{total[kind]:<3d}")
    found, count = sum(hit.values()), sum(total.values())
    print(f"recall {found}/{count} = {found / max(1, count):.2f}")
    for gold in missed:
        print(f"  missed {gold['doc']}:{gold['line']}:{gold['column']} {gold['kind']}: {gold['text'][:60]}")
    unmatched = [f for f in findings if not any(overlaps(f, g) for g in golds)]
    by_rule = Counter(f["rule"] for f in unmatched)
    print(f"unmatched findings (not in the gold file): {len(unmatched)} "
          + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()))
    for f in unmatched[:40]:
        print(f"  {Path(f['path']).name}:{f['line']}:{f['column']} [{f['rule']}] {f['message'][:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
