"""The figure-* rules on the seeds (expectations from
../shared/gold/seed-000.jsonl), across documents, with --source, and their
noise on native news. Their cases on small texts are in
tests/rules/figure-*.yaml (run by test_rule_cases.py)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import FIXTURES, NATIVE_SEEDS, SEED_000, corpus_findings, gold_entries, overlaps
from checker.config import Config
from checker.linter import Linter
from checker.model import Severity

#: issue 3: at most this many error-or-warning figure findings per 10,000 words of native news
NOISE_BUDGET_PER_10K_WORDS = 0.5


def _span(text, finding):
    assert finding.line == finding.end_line, finding
    return text.split("\n")[finding.line - 1][finding.column - 1:finding.end_column - 1]


# -- the seeds ----------------------------------------------------------------

@pytest.fixture(scope="module")
def figure_linter(shipped_glossary):
    return Linter(shipped_glossary, Config(select=("figure",)))


@pytest.fixture(scope="module")
def seed_findings(figure_linter):
    return figure_linter.lint_paths([SEED_000]).findings


@pytest.mark.parametrize(("kind", "rule"), [("implausible-figure", "figure-implausible"),
                                             ("number-format", "figure-format")])
def test_seed_000_gold_figures_are_found(seed_findings, kind, rule):
    gold = gold_entries(kind)
    assert gold, f"no {kind} rows in the gold file"
    for row in gold:
        hits = [f for f in seed_findings if f.rule == rule and f.category == kind and overlaps(f, row)]
        assert hits, f"{rule} missed {row['text']!r} at line {row['line']}"
        if row.get("canonical"):
            assert hits[0].suggestion == row["canonical"]


def test_seed_000_has_no_other_figure_findings(seed_findings):
    """Times (07:05-08:55), the phone number, years, 30 phút, hơn 110 thỏa
    thuận and the counts whose lists match stay quiet."""
    gold = gold_entries("implausible-figure") + gold_entries("number-format")
    extra = [f for f in seed_findings if not any(overlaps(f, row) for row in gold)]
    assert extra == [], [f"{f.line}:{f.column} [{f.rule}] {f.message}" for f in extra]


def test_implausible_message_states_the_value_in_words(seed_findings):
    finding = next(f for f in seed_findings if f.rule == "figure-implausible")
    assert "81,3 nghìn tỷ USD" in finding.message
    assert "GDP của Việt Nam khoảng 0,514 nghìn tỷ USD" in finding.message
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize("path", NATIVE_SEEDS, ids=lambda p: p.name)
def test_native_seeds_stay_quiet(figure_linter, path):
    findings = figure_linter.lint_paths([path]).findings
    assert findings == [], [f"{f.line}:{f.column} [{f.rule}] {f.message}" for f in findings]


SEED_TEXT = SEED_000.read_text(encoding="utf-8") if SEED_000.exists() else ""


@pytest.mark.parametrize(("old", "new", "span", "items"), [
    ("trong tám lĩnh vực:", "trong bảy lĩnh vực:", "bảy lĩnh vực", 8),
    ("\n(8) Thúc đẩy hợp tác trong khoa học", "\nThúc đẩy hợp tác trong khoa học", "tám lĩnh vực", 7),
    ("13:15-16:15 4 tiểu ban", "13:15-16:15 5 tiểu ban", "5 tiểu ban", 4),
])
def test_seed_000_count_changed_is_reported(figure_linter, old, new, span, items):
    assert SEED_TEXT.count(old) == 1
    text = SEED_TEXT.replace(old, new)
    findings = [f for f in figure_linter.lint_text(text, "seed.txt") if f.rule == "figure-count"]
    assert [(_span(text, f), f.category) for f in findings] == [(span, "count-mismatch")]
    assert f"{items} items" in findings[0].message


# -- across documents ------------------------------------------------------------

def test_conflict_across_documents_cites_the_other_file(shipped_glossary, tmp_path):
    texts = {
        "a.txt": "Năm 2025, kim ngạch thương mại Việt Nam - Nhật Bản đạt 51,43 tỷ USD.",
        "b.txt": "Theo hải quan, năm 2025 kim ngạch thương mại với Nhật Bản đạt khoảng 51,4 tỷ USD.",
        "c.txt": "Năm 2025, thương mại hai chiều Việt Nam - Nhật Bản đạt 51,43 nghìn tỷ USD.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = Linter(shipped_glossary, Config(select=("figure-conflict",))).lint_paths([tmp_path])
    assert [(f.path.rsplit("/", 1)[-1], f.line) for f in result.findings] == [("c.txt", 1)]
    assert "a.txt:1" in result.findings[0].message
    assert result.findings[0].category == "figure-conflict"


def test_conflict_needs_the_same_year_across_documents(shipped_glossary, tmp_path):
    (tmp_path / "a.txt").write_text("Năm 2025, kim ngạch thương mại Việt - Nhật đạt 51,43 tỷ USD.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Năm 2022, kim ngạch thương mại Việt - Nhật đạt 47,6 tỷ USD.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Kim ngạch thương mại Việt - Nhật đạt 20 tỷ USD.", encoding="utf-8")
    result = Linter(shipped_glossary, Config(select=("figure-conflict",))).lint_paths([tmp_path])
    assert result.findings == []


# -- --source --------------------------------------------------------------------

PAIR_EN = FIXTURES / "figures" / "forum-en.txt"
PAIR_VI = FIXTURES / "figures" / "forum-vi.txt"


def test_source_pair_reports_the_changed_and_the_missing_number(cli):
    result = cli("lint", "--select", "figure-source", "--format", "json", "--source", PAIR_EN, PAIR_VI)
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    text = PAIR_VI.read_text(encoding="utf-8")
    got = sorted((f["line"], _span(text, _Obj(f)), f["severity"]) for f in findings)
    assert got[0][0] == 3 and got[0][2] == "warning"       # "About 800 people" was dropped
    assert got[1] == (9, "81.300 tỷ đô la", "error")      # 81.3 billion became 81.300 tỷ
    assert len(got) == 2
    assert "'800'" in next(f["message"] for f in findings if f["line"] == 3)
    assert "81.3 billion dollars" in next(f["message"] for f in findings if f["line"] == 9)


def test_source_pair_corrected_is_quiet(cli, tmp_path):
    fixed = PAIR_VI.read_text(encoding="utf-8").replace("81.300 tỷ đô la", "81,3 tỷ đô la").replace(
        "Diễn đàn có sự tham dự của đoàn", "Khoảng 800 người tham dự, gồm đoàn")
    target = tmp_path / "forum-vi.txt"
    target.write_text(fixed, encoding="utf-8")
    result = cli("lint", "--select", "figure-source", "--source", PAIR_EN, target)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("args", "message"), [
    (("--source", "no-such-file.txt", PAIR_VI), "--source no-such-file.txt: no such file"),
    (("--source", PAIR_EN, FIXTURES / "figures"), "--source needs exactly one file"),
    (("--source", PAIR_EN, PAIR_VI, PAIR_EN), "--source needs exactly one file"),
])
def test_source_errors_are_one_line(args, message):
    from click.testing import CliRunner

    from checker.cli import main

    result = CliRunner().invoke(main, ["lint", *map(str, args)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


class _Obj:
    def __init__(self, data):
        self.__dict__.update(data)


# -- noise on native news ----------------------------------------------------------

@pytest.mark.slow
def test_noise_on_native_news_is_within_budget(corpus_lint, corpus_words):
    loud = [f for f in corpus_findings(corpus_lint, "figure") if f.severity >= Severity.WARNING]
    rate = len(loud) / corpus_words * 10_000
    assert rate <= NOISE_BUDGET_PER_10K_WORDS, f"{rate:.2f} per 10k words: {Counter(f.rule for f in loud)}"
