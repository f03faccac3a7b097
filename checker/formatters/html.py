"""The self-contained HTML report: ``render(report) -> str``.

It renders a :class:`checker.report.Report` (built by ``checker.report``;
nothing is computed here) with the Jinja2 template ``report.html.j2``.
Autoescaping is on for every value, so document text, paths and messages
can never become markup. The stylesheet and script (``report.css``,
``report.js``) are inlined, and a Content-Security-Policy allows exactly
those two by hash and no network access at all: even text that slipped
past escaping could not run a script or fetch anything.

jinja2 is imported here, inside :func:`render`, so ``mtlint lint`` never
pays for it.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

_PACKAGE = "checker.formatters"


def _asset(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(report) -> str:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = lambda value: f"{value:.1f}"
    template = env.from_string(_asset("report.html.j2"))
    css, script = _asset("report.css"), _asset("report.js")
    for name, text in (("report.css", css), ("report.js", script)):
        if "</" in text:  # would end the inline element early
            raise ValueError(f"{name} must not contain '</'")
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; "
        f"script-src {_csp_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return template.render(
        report=report,
        css=Markup(css),
        script=Markup(script),
        csp=csp,
    )
