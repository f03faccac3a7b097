"""Output formats. A formatter turns a LintResult into text and computes
nothing else; each module has ``render(result) -> str``."""

from __future__ import annotations

from . import json as json_format
from . import text as text_format

FORMATTERS = {
    "text": text_format.render,
    "json": json_format.render,
}
