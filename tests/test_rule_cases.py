"""Every rule's cases, and the registry contract: every rule has
documentation in ruff's shape and cases of both kinds.

One layout: the cases of rule ``R`` live in ``tests/rules/R.yaml``::

    glossary: shipped        # optional: the shipped glossaries instead of
                             # tests/fixtures/mini-glossary.yaml (the default)
    tested_in: test_x.py     # optional: a module (under tests/) with the
                             # rule's behaviour on several documents
    fires:                   # the rule must report `span` (the exact reported
      - {text: ..., span: ..., suggestion: ..., message: ...}   # text), with
                             # `suggestion` / a message containing `message`
    quiet:                   # the rule must report nothing
      - "a text"

A case may also carry ``options`` (``RULE.OPTION=VALUE`` assignments),
``source`` (the English source text of the document, as ``--source``), or
``texts`` (several documents, name -> text, linted as one run, for the
cross-document rules) with ``file`` naming the document the span is in.
Each case is linted as real files, with only its rule selected.
"""

from __future__ import annotations

import dataclasses

from pathlib import Path

import pytest
import yaml

from checker import rules as registry
from checker.config import Config
from checker.linter import Linter
from checker.rules import ALL_RULES

TESTS = Path(__file__).resolve().parent
CASES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) or {}
         for path in sorted((TESTS / "rules").glob("*.yaml"))}
DOC = "doc.txt"


def _cases(kind):
    for rule, groups in CASES.items():
        for i, case in enumerate(groups.get(kind) or []):
            case = case if isinstance(case, dict) else {"text": case}
            yield pytest.param(rule, case, id=f"{rule}-{kind}-{i}")


@pytest.fixture(scope="module")
def glossaries(request):
    return {"mini": request.getfixturevalue("mini_glossary"),
            "shipped": request.getfixturevalue("shipped_glossary")}


def _texts(case) -> dict[str, str]:
    return dict(case["texts"]) if "texts" in case else {DOC: case["text"]}


def _lint(rule, case, glossaries, tmp_path):
    """The rule's findings on the case's documents: {file name: findings}."""
    which = CASES[rule].get("glossary", "mini")
    config = Config(select=(rule,), default_glossary=(which == "shipped"))
    for assignment in case.get("options", ()):
        config = config.with_rule_options(registry, assignment)
    paths = {}
    for name, text in _texts(case).items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths[str(path)] = name
    if "source" in case:
        config = dataclasses.replace(config, sources={str(tmp_path / case.get("file", DOC)): case["source"]})
    result = Linter(glossaries[which], config).lint_paths(sorted(paths))
    assert result.problems == []
    found: dict[str, list] = {}
    for finding in result.findings:
        if finding.rule == rule:
            found.setdefault(paths.get(finding.path, finding.path), []).append(finding)
    return found


def _span_text(text, finding):
    assert finding.line == finding.end_line, finding
    return text.split("\n")[finding.line - 1][finding.column - 1:finding.end_column - 1]


@pytest.mark.parametrize(("rule", "case"), list(_cases("fires")))
def test_rule_fires(rule, case, glossaries, tmp_path):
    name = case.get("file", DOC)
    text = _texts(case)[name]
    findings = _lint(rule, case, glossaries, tmp_path).get(name, [])
    reported = [(_span_text(text, f), f.suggestion, f.message) for f in findings]
    hits = [r for r in reported if r[0] == case["span"]]
    assert hits, f"{rule} did not report {case['span']!r}: {reported}"
    if "suggestion" in case:
        assert any(s == case["suggestion"] for _, s, _ in hits), hits
    if "message" in case:
        assert any(case["message"] in m for _, _, m in hits), hits


@pytest.mark.parametrize(("rule", "case"), list(_cases("quiet")))
def test_rule_stays_quiet(rule, case, glossaries, tmp_path):
    found = _lint(rule, case, glossaries, tmp_path)
    assert found == {}, {name: [f"{f.line}:{f.column} {f.message}" for f in fs] for name, fs in found.items()}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_rule_has_documentation_in_ruff_shape(rule):
    doc = rule.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in doc, f"{rule.name} docstring lacks {heading!r}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_rule_has_cases_of_both_kinds(rule):
    groups = CASES.get(rule.name)
    assert groups is not None, f"{rule.name} needs tests/rules/{rule.name}.yaml"
    assert groups.get("fires") and groups.get("quiet"), f"{rule.name} needs fires and quiet cases"
    if "tested_in" in groups:
        # the rule's behaviour across documents lives in its own module: it must exist
        assert (TESTS / groups["tested_in"]).is_file(), groups["tested_in"]


def test_case_files_name_registered_rules_and_known_keys():
    names = {rule.name for rule in ALL_RULES}
    assert set(CASES) <= names, f"case files for unknown rules: {sorted(set(CASES) - names)}"
    for rule, groups in CASES.items():
        assert set(groups) <= {"glossary", "tested_in", "fires", "quiet"}, (rule, sorted(groups))
        assert groups.get("glossary", "mini") in ("mini", "shipped"), rule
        for kind in ("fires", "quiet"):
            for case in groups.get(kind) or []:
                if isinstance(case, dict):
                    keys = {"text", "texts", "file", "span", "suggestion", "message", "options", "source"}
                    assert set(case) <= keys, (rule, kind, sorted(set(case) - keys))
                    assert ("text" in case) != ("texts" in case), (rule, case)
                    assert kind == "quiet" or "span" in case, (rule, case)
