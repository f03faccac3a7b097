"""End to end on the seeds with the shipped glossaries, against the gold
file a careful reader made for seed 000 (../shared/gold/seed-000.jsonl)."""

from __future__ import annotations

import pytest

from conftest import NATIVE_SEEDS, SEED_000, gold_entries, overlaps
from checker.config import Config
from checker.glossary import Glossary
from checker.linter import Linter
from checker.model import Severity

#: Kinds the glossary-driven rules must cover completely (issue 2).
GLOSSARY_KINDS = ("name-variant", "diacritics", "name-order", "literal-mistranslation")


@pytest.fixture(scope="module")
def seed_findings(shipped_linter):
    return shipped_linter.lint_paths([SEED_000]).findings


@pytest.mark.parametrize("kind", GLOSSARY_KINDS)
def test_every_gold_error_of_the_glossary_kinds_is_found(seed_findings, kind):
    golds = gold_entries(kind)
    assert golds, f"no gold entries of kind {kind}"
    missed = [g for g in golds if not any(overlaps(f, g, slack=3) for f in seed_findings)]
    assert missed == [], [f"{g['line']}:{g['column']} {g['text']}" for g in missed]


def test_name_order_gold_entries_are_warnings(seed_findings):
    for gold in gold_entries("name-order"):
        hits = [f for f in seed_findings if overlaps(f, gold) and f.rule == "term-order"]
        assert hits and all(f.severity is Severity.WARNING for f in hits), gold["text"]


def test_suggestions_match_the_gold_canonical_forms(seed_findings):
    for gold in gold_entries():
        if gold["kind"] not in ("name-variant", "diacritics", "name-order") or not gold.get("canonical"):
            continue
        hits = [f for f in seed_findings if overlaps(f, gold)]
        assert any(f.suggestion == gold["canonical"] for f in hits), (gold["text"], [f.suggestion for f in hits])


@pytest.mark.parametrize("seed", NATIVE_SEEDS, ids=lambda p: p.name[:3])
def test_native_seeds_have_no_error(shipped_linter, seed):
    errors = [f for f in shipped_linter.lint_paths([seed]).findings if f.severity is Severity.ERROR]
    assert errors == []


# -- without any glossary ------------------------------------------------------------

#: The rules that report something on seed 000 with an empty glossary: no
#: term-* rule (they check against the glossary, and there is none), and the
#: rules that need no glossary. A new glossary-free rule that fires on seed 000
#: belongs here; a term-* rule here ignores the empty glossary.
GLOSSARY_FREE_ON_SEED_000 = {
    "render-inconsistent", "render-name-order",
    "text-untranslated", "text-duplicate", "text-unicode", "text-casing",
    "figure-format",
}


@pytest.fixture(scope="module")
def glossary_free_findings():
    return Linter(Glossary(), Config(default_glossary=False)).lint_paths([SEED_000]).findings


def test_without_glossary_no_term_findings(glossary_free_findings):
    term = [f"{f.line}:{f.column} [{f.rule}] {f.message}" for f in glossary_free_findings if f.rule.startswith("term-")]
    assert term == []
    only_term = Linter(Glossary(), Config(default_glossary=False, select=("term",))).lint_paths([SEED_000])
    assert only_term.problems == [] and only_term.findings == []


def test_without_glossary_exactly_the_glossary_free_rules_fire(glossary_free_findings):
    assert {f.rule for f in glossary_free_findings} == GLOSSARY_FREE_ON_SEED_000


@pytest.mark.parametrize(("kind", "rules", "found"), [
    ("untranslated", {"text-untranslated", "text-duplicate"}, 19),   # every English caption
    ("number-format", {"figure-format"}, 1),
    ("diacritics", {"render-inconsistent"}, 4),                      # Phạm Minh Chinh beside Chính
    ("name-order", {"render-name-order"}, 4),                        # Japanese names from name lists
])
def test_without_glossary_the_glossary_free_rules_find_their_seed_errors(glossary_free_findings, kind, rules, found):
    golds = gold_entries(kind)
    hit = [g for g in golds if any(f.rule in rules and overlaps(f, g, slack=3) for f in glossary_free_findings)]
    assert len(hit) == found, [f"{g['line']}:{g['column']} {g['text']}" for g in golds if g not in hit]
