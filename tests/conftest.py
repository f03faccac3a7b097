"""Shared fixtures: paths to the seeds, the shared gold file and corpus, and
glossaries loaded once per test session."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.config import Config
from checker.glossary import DEFAULT_GLOSSARY_DIR, load_glossary
from checker.linter import Linter

# The tests never write into the user's real ~/.cache/mtlint: the glossary
# cache of this session (subprocesses inherit it) is a temporary folder.
os.environ["MTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="mtlint-test-cache-")
atexit.register(shutil.rmtree, os.environ["MTLINT_CACHE_DIR"], True)
# the per-file result cache of `mtlint lint` (checker/cache.py) too: never in the checkout
os.environ["MTLINT_RESULT_CACHE_DIR"] = os.path.join(os.environ["MTLINT_CACHE_DIR"], "results")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "seed-000.jsonl"
CORPUS = SHARED / "corpus" / "vi-news"
SEED_000 = next(SEEDS.glob("000_*.txt"))
NATIVE_SEEDS = sorted(SEEDS.glob("00[12]_*.txt"))
MINI_GLOSSARY = FIXTURES / "mini-glossary.yaml"


def gold_entries(kind: str | None = None) -> list[dict]:
    if not GOLD.exists():
        pytest.skip(f"gold file {GOLD} not present")
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if kind is None or r["kind"] == kind]


def overlaps(finding, gold: dict, slack: int = 0) -> bool:
    """The gold-recall criterion of ../shared/tools/gold-recall.py."""
    get = finding.get if isinstance(finding, dict) else lambda k, d=None: getattr(finding, k, d)
    return (
        get("line") <= gold["line"] <= get("end_line", get("line"))
        and get("column") <= gold["end_column"] + slack
        and get("end_column") >= gold["column"] - slack
    )


@pytest.fixture(scope="session")
def shipped_glossary():
    return load_glossary([DEFAULT_GLOSSARY_DIR])


@pytest.fixture(scope="session")
def mini_glossary():
    return load_glossary([MINI_GLOSSARY])


@pytest.fixture(scope="session")
def shipped_linter(shipped_glossary):
    return Linter(shipped_glossary, Config())


@pytest.fixture(scope="session")
def mini_linter(mini_glossary):
    return Linter(mini_glossary, Config(default_glossary=False))


@pytest.fixture(scope="session")
def corpus_words():
    """Words of the native news corpus (the noise budgets are per 10,000)."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus {CORPUS} not present")
    return sum(len(p.read_text(encoding="utf-8").split()) for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_lint(shipped_glossary):
    """The native news corpus linted once per session with every rule and the
    shipped glossaries (jobs default): the noise-budget tests filter it by rule
    prefix with :func:`corpus_findings` instead of linting again. A test using
    it is slow (``@pytest.mark.slow``)."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus {CORPUS} not present")
    result = Linter(shipped_glossary, Config()).lint_paths([CORPUS])
    assert result.problems == []
    return result


def corpus_findings(result, *selectors):
    """The findings of ``result`` by the rules that ``selectors`` (rule names
    or prefixes such as ``term``) select. With every rule run at once, a span
    a higher-priority rule of another family took counts only for that rule,
    as in a real run."""
    from checker.rules import matches_selector

    return [f for f in result.findings if any(matches_selector(f.rule, s) for s in selectors)]


@pytest.fixture
def crash_on_boom(monkeypatch):
    """A rule (term-casing) that raises on any document holding "boom": a
    bug in one rule must cost that file, not the run."""
    from checker.rules.term_casing import TermCasing

    def explode(self, doc, ctx):
        if "boom" in doc.text:
            raise RuntimeError("simulated bug")
        return iter(())

    monkeypatch.setattr(TermCasing, "check", explode)


@pytest.fixture
def cli():
    """Invoke the CLI in-process; returns click's Result."""
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
