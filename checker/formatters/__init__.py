"""Output formats. A formatter turns a LintResult into text and computes
nothing else; each module has ``render(result) -> str``. (``html.render``
takes the report model built by ``checker.report`` instead, for ``mtlint
report``, and is imported only there.)

A format's module is imported when that format is asked for: the JSON and
SARIF writers bring in ``json`` and the rule registry's descriptions,
which the default text output of a pre-commit run never needs.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The names ``--format`` takes.
NAMES = ("text", "json", "sarif", "github")


def _module(name: str):
    if name == "text":
        from . import text as module
    elif name == "json":
        from . import json as module
    elif name == "sarif":
        from . import sarif as module
    elif name == "github":
        from . import github as module
    else:
        raise KeyError(name)
    return module


class _Formatters(Mapping):
    """name -> ``render(result) -> str``, each imported on first use."""

    def __getitem__(self, name: str):
        return _module(name).render

    def __iter__(self):
        return iter(NAMES)

    def __len__(self) -> int:
        return len(NAMES)


FORMATTERS = _Formatters()


def output_chunks(name: str, result):
    """The output of formatter ``name`` in pieces (JSON and text are made
    one finding at a time, so a huge run never holds its whole output)."""
    module = _module(name)
    streamed = getattr(module, "chunks", None)
    return streamed(result) if streamed is not None else iter((module.render(result),))
