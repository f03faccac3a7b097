"""GitHub Actions workflow commands: one annotation per finding,

    ::error file=PATH,line=L,endLine=L,col=C,endColumn=C,title=mtlint RULE::MESSAGE (→ SUGGESTION)

``error``/``warning``/``notice`` follow the finding's severity; files that
could not be linted are ``::error`` annotations on the file. Values are
escaped as in GitHub's actions/toolkit (``%``, CR and LF everywhere, and
``:`` and ``,`` in properties), so a message cannot end the command early.
"""

from __future__ import annotations

from ..model import LintResult, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def render(result: LintResult) -> str:
    lines = []
    for f in result.findings:
        hint = f" (→ {f.suggestion})" if f.suggestion is not None else ""
        properties = {"file": f.path, "line": f.line, "endLine": f.end_line, "col": f.column,
                      "endColumn": f.end_column, "title": f"mtlint {f.rule}"}
        lines.append(_command(_COMMANDS[f.severity], properties, f"{f.message}{hint}"))
    for problem in result.problems:
        properties = {"file": problem.path}
        if problem.line:
            properties["line"] = problem.line
        properties["title"] = "mtlint input error"
        lines.append(_command("error", properties, problem.message))
    return "".join(line + "\n" for line in lines)
