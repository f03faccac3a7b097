"""The fast scans of text-doubled and text-stray-english against the
straightforward ones, on real text (the seeds and a slice of the news
corpus)."""

from __future__ import annotations

import re
from itertools import compress, count, islice, zip_longest
from operator import contains

import pytest

from conftest import CORPUS, SEEDS
from checker.loaders import document_from_bytes
from checker.rules.text_doubled import _CONJUNCTIONS, _true_positions
from checker.rules.text_stray_english import _UNIT, _UNIT_PARTS


def _texts():
    paths = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        paths += list(islice(sorted(p for p in CORPUS.rglob("*") if p.is_file()), 300))
    return [document_from_bytes(str(p), p.read_bytes()).text for p in paths]


@pytest.fixture(scope="module")
def word_lists():
    return [text.lower().split() for text in _texts()]


def test_true_positions_finds_the_words_repeated_within_three(word_lists):
    found = 0
    for words in word_lists:
        padded = words + [None] * 3
        fast = list(_true_positions(map(contains, zip(padded[1:], padded[2:], padded[3:]), words)))
        plain = list(compress(count(), map(contains, zip_longest(words[1:], words[2:], words[3:]), words)))
        assert fast == plain
        found += len(fast)
    assert found  # the texts have some


def test_true_positions_finds_the_conjunctions(word_lists):
    for words in word_lists:
        fast = list(_true_positions(map(_CONJUNCTIONS.__contains__, words)))
        assert fast == [i for i, word in enumerate(words) if word in _CONJUNCTIONS]


def test_every_unit_holds_one_of_the_parts_searched_for_first():
    # text-stray-english skips the unit pattern in a text without any of
    # _UNIT_PARTS: each unit the pattern can match must hold one
    units = re.search(r"\(\?P<unit>([^)]*)\)", _UNIT.pattern).group(1).split("|")
    assert len(units) == 10
    for unit in units:  # literal letters of the alternative: "lbs", "sq\.?[ \t]?ft"
        assert any(part in unit.split("?")[-1] for part in _UNIT_PARTS), unit
