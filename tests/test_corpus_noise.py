"""False-positive budget on 2,653 professionally edited news articles
(../shared/corpus/vi-news): the glossary rules may raise at most 1
error-or-warning finding per 10,000 words (issue 2)."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import corpus_findings
from checker.model import Severity

BUDGET_PER_10K_WORDS = {"term": 1.0}


@pytest.mark.slow
@pytest.mark.parametrize("prefix", BUDGET_PER_10K_WORDS)
def test_noise_on_native_news_is_within_budget(corpus_lint, corpus_words, prefix):
    loud = [f for f in corpus_findings(corpus_lint, prefix) if f.severity >= Severity.WARNING]
    rate = len(loud) / corpus_words * 10_000
    noisiest = Counter(f.rule for f in loud).most_common(3)
    assert rate <= BUDGET_PER_10K_WORDS[prefix], f"{rate:.2f} per 10k words; noisiest {noisiest}"
