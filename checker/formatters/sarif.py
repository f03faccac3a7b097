"""SARIF 2.1.0 (OASIS), the format code-scanning services read.

One run; the driver lists every rule of the registry with its documentation
(the rule docstring), results point at the registry by ``ruleIndex``,
regions are 1-based Unicode code points (``columnKind``), and a finding's
suggestion becomes a ``fix`` replacing the flagged region. Files that could
not be linted are tool execution notifications.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from .. import __version__
from .. import rules as registry
from ..model import LintResult, Severity

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A URI reference for a path as the user gave it: relative paths stay
    relative (resolved against %SRCROOT%), absolute ones become file URIs."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(posix)
    return quote(posix)


def _location(path: str) -> dict:
    location = {"uri": _uri(path)}
    if not os.path.isabs(path):
        location["uriBaseId"] = "%SRCROOT%"
    return location


def _rules():
    return registry.ALL_RULES


def _rule_descriptor(rule) -> dict:
    documentation = rule.documentation()
    return {
        "id": rule.name,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": documentation or rule.summary()},
        "help": {"text": documentation or rule.summary(), "markdown": documentation or rule.summary()},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def render(result: LintResult) -> str:
    rules = _rules()
    index = {rule.name: i for i, rule in enumerate(rules)}
    results = []
    for f in result.findings:
        region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
        item = {
            "ruleId": f.rule,
            "level": _LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": _location(f.path), "region": region}}],
            "properties": {"category": f.category},
        }
        if f.rule in index:
            item["ruleIndex"] = index[f.rule]
        if f.suggestion is not None:
            item["fixes"] = [{
                "description": {"text": f"Replace with '{f.suggestion}'"},
                "artifactChanges": [{
                    "artifactLocation": _location(f.path),
                    "replacements": [{"deletedRegion": dict(region), "insertedContent": {"text": f.suggestion}}],
                }],
            }]
        results.append(item)
    notifications = []
    for problem in result.problems:
        note = {"level": "error", "message": {"text": problem.message},
                "locations": [{"physicalLocation": {"artifactLocation": _location(problem.path)}}]}
        if problem.line:
            note["locations"][0]["physicalLocation"]["region"] = {"startLine": problem.line}
        notifications.append(note)
    invocation = {"executionSuccessful": not result.problems}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mtlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(rule) for rule in rules],
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
