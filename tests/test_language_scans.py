"""The fast scans of checker/language.py against the straightforward
patterns they replace, on real text (the seeds, a slice of the news
corpus) and on every character of the scripts looked for."""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS, SEEDS
from checker.language import _SCRIPT_RUN, _SCRIPT_START, _function_hits, may_hold_script_run


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*.txt"))[::10]
    return [path.read_text(encoding="utf-8") for path in paths]


@pytest.fixture(scope="module")
def texts():
    return _texts()


def test_function_hits_are_those_of_one_look_ahead_pattern(texts):
    pattern = re.compile(r" (?=the |of |and |is |are |was )")
    samples = [*texts, " of the the is are was and of  of the ", "Born of fire, was it? The cat and the dog"]
    for text in samples:
        assert _function_hits(text) == [m.end() for m in pattern.finditer(text)]


def test_a_text_without_a_script_run_may_be_ruled_out(texts):
    ruled_out = 0
    for text in texts:
        if not may_hold_script_run(text):
            assert _SCRIPT_RUN.search(text) is None
            ruled_out += 1
    assert ruled_out >= len(texts) // 2  # the test is worth its cost: most texts are ruled out


def test_every_character_that_starts_a_script_run_is_seen():
    for low, high in zip(_SCRIPT_START[::3], _SCRIPT_START[2::3]):
        for code in range(ord(low), ord(high) + 1):
            text = f"Tiếng Việt {chr(code)} và 😀"
            assert _SCRIPT_RUN.search(text) is not None
            assert may_hold_script_run(text), hex(code)
    assert _SCRIPT_START[1::3] == "-" * (len(_SCRIPT_START) // 3)
    assert not may_hold_script_run("Tiếng Việt “có dấu” – 100₫ … ™ 😀")
