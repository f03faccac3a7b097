"""Every rule's cases from tests/rule_cases.yaml, and the registry contract:
every rule has documentation in ruff's shape and cases of both kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.config import Config
from checker.linter import Linter
from checker.rules import ALL_RULES

CASES = yaml.safe_load((Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8"))
# New rules keep their cases in tests/rules/<rule-name>.yaml (same shape:
# fires / quiet lists), one file per rule.
for _case_file in sorted((Path(__file__).parent / "rules").glob("*.yaml")):
    CASES[_case_file.stem] = yaml.safe_load(_case_file.read_text(encoding="utf-8"))


def _cases(kind):
    for rule, groups in CASES.items():
        for i, case in enumerate(groups.get(kind, [])):
            case = case if isinstance(case, dict) else {"text": case}
            yield pytest.param(rule, case, id=f"{rule}-{kind}-{i}")


def _lint(rule, case, glossary):
    config = Config(select=(rule,), default_glossary=False)
    for assignment in case.get("options", []):
        config.set_rule_option(assignment)
    return [f for f in Linter(glossary, config).lint_text(case["text"]) if f.rule == rule]


def _span_text(text, finding):
    lines = text.split("\n")
    assert finding.line == finding.end_line
    return lines[finding.line - 1][finding.column - 1:finding.end_column - 1]


@pytest.mark.parametrize(("rule", "case"), list(_cases("fires")))
def test_rule_fires(rule, case, mini_glossary):
    findings = _lint(rule, case, mini_glossary)
    spans = [(_span_text(case["text"], f), f.suggestion) for f in findings]
    assert any(span == case["span"] for span, _ in spans), f"{rule} did not report {case['span']!r}: {spans}"
    if "suggestion" in case:
        assert (case["span"], case["suggestion"]) in spans


@pytest.mark.parametrize(("rule", "case"), list(_cases("quiet")))
def test_rule_stays_quiet(rule, case, mini_glossary):
    findings = _lint(rule, case, mini_glossary)
    assert findings == [], [f.message for f in findings]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_rule_has_documentation_in_ruff_shape(rule):
    doc = rule.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in doc, f"{rule.name} docstring lacks {heading!r}"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_rule_has_cases_of_both_kinds(rule):
    groups = CASES.get(rule.name, {})
    tested_elsewhere = getattr(rule, "cases_in", None)
    if tested_elsewhere:
        # Rules that need more than one text (corpus rules) keep their cases
        # in their own test module; it must exist.
        assert (Path(__file__).parent / tested_elsewhere).exists()
        return
    assert groups.get("fires") and groups.get("quiet"), f"{rule.name} needs fires and quiet cases in rule_cases.yaml"
