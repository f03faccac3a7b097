"""The versioned JSON contract (README, "JSON output")."""

from __future__ import annotations

import json
from typing import Iterator

from ..model import LintResult

VERSION = 1
#: Output is handed on in pieces of about this many characters.
_CHUNK_CHARS = 1 << 16


def render(result: LintResult) -> str:
    return "".join(chunks(result))


def chunks(result: LintResult) -> Iterator[str]:
    """The text of :func:`render` in pieces, one finding at a time: a run
    with a million findings never holds its whole output (nor a dict per
    finding) in memory. Byte for byte ``json.dumps(payload, indent=2,
    ensure_ascii=False) + "\\n"`` of ``{"version", "files", "findings"}``."""
    head = json.dumps({"version": VERSION, "files": result.files}, ensure_ascii=False, indent=2)
    if not result.findings:
        yield head[:-2] + ',\n  "findings": []\n}\n'
        return
    parts, size = [head[:-2], ',\n  "findings": ['], 0
    for index, finding in enumerate(result.findings):
        item = json.dumps(finding.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        parts.append(("\n    " if index == 0 else ",\n    ") + item)
        size += len(item)
        if size >= _CHUNK_CHARS:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("\n  ]\n}\n")
    yield "".join(parts)
