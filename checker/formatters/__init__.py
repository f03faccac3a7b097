"""Output formats. A formatter turns a LintResult into text and computes
nothing else; each module has ``render(result) -> str``. (``html.render``
takes the report model built by ``checker.report`` instead, for ``mtlint
report``, and is imported only there.)"""

from __future__ import annotations

from . import github as github_format
from . import json as json_format
from . import sarif as sarif_format
from . import text as text_format

FORMATTERS = {
    "text": text_format.render,
    "json": json_format.render,
    "sarif": sarif_format.render,
    "github": github_format.render,
}


def output_chunks(name: str, result):
    """The output of formatter ``name`` in pieces (JSON and text are made
    one finding at a time, so a huge run never holds its whole output)."""
    streamed = {"text": text_format.chunks, "json": json_format.chunks}.get(name)
    return streamed(result) if streamed is not None else iter((FORMATTERS[name](result),))
