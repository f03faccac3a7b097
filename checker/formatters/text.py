"""``path:line:col: severity [rule] message (→ suggestion)``, one per line."""

from __future__ import annotations

from collections import Counter

from ..model import LintResult


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        if f.suggestion is None:
            hint = ""
        elif f.suggestion.strip() != f.suggestion or not f.suggestion:
            hint = f" (→ {f.suggestion!r})"  # make a space or an empty text visible
        else:
            hint = f" (→ {f.suggestion})"
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}{hint}")
    counts = Counter(str(f.severity) for f in result.findings)
    if result.findings:
        detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        lines.append(f"{len(result.findings)} finding(s) ({detail}) in {result.files} file(s)")
    else:
        lines.append(f"no findings in {result.files} file(s)")
    return "\n".join(lines) + "\n"
