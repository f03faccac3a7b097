"""The versioned JSON contract (README, "JSON output")."""

from __future__ import annotations

import json

from ..model import LintResult

VERSION = 1


def render(result: LintResult) -> str:
    payload = {
        "version": VERSION,
        "files": result.files,
        "findings": [f.to_dict() for f in result.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
