"""``path:line:col: severity [rule] message (→ suggestion)``, one per line."""

from __future__ import annotations

from collections import Counter

from ..model import LintResult


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        hint = f" (→ {f.suggestion})" if f.suggestion is not None else ""
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}{hint}")
    counts = Counter(str(f.severity) for f in result.findings)
    if result.findings:
        detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        lines.append(f"{len(result.findings)} finding(s) ({detail}) in {result.files} file(s)")
    else:
        lines.append(f"no findings in {result.files} file(s)")
    return "\n".join(lines) + "\n"
