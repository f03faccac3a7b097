"""``path:line:col: severity [rule] message (→ suggestion)``, one per line."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..model import LintResult

#: Output is handed on in pieces of about this many lines.
_CHUNK_LINES = 512


def render(result: LintResult) -> str:
    return "".join(chunks(result))


def chunks(result: LintResult) -> Iterator[str]:
    """The text of :func:`render` in pieces of a few hundred lines: a run
    with a million findings never holds its whole output in memory."""
    lines = []
    for f in result.findings:
        if f.suggestion is None:
            hint = ""
        elif f.suggestion.strip() != f.suggestion or not f.suggestion:
            hint = f" (→ {f.suggestion!r})"  # make a space or an empty text visible
        else:
            hint = f" (→ {f.suggestion})"
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}{hint}\n")
        if len(lines) >= _CHUNK_LINES:
            yield "".join(lines)
            lines = []
    counts = Counter(str(f.severity) for f in result.findings)
    if result.findings:
        detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
        lines.append(f"{len(result.findings)} finding(s) ({detail}) in {result.files} file(s)\n")
    else:
        lines.append(f"no findings in {result.files} file(s)\n")
    yield "".join(lines)
