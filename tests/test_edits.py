"""checker/edits.py: edit distances, answered in Python before rapidfuzz is
loaded, exactly as rapidfuzz answers."""

from __future__ import annotations

import random
import subprocess
import sys
from itertools import pairwise

import pytest
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from checker.edits import PYTHON_ANSWERS, _distance, _nearest, _within, distance, within

# Letters of names, with the marks a machine translation drops or swaps.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềốờứ -"


def _edited(rng: random.Random, a: str, edits: int) -> str:
    b = list(a)
    for _ in range(edits):
        edit = rng.randrange(3)
        at = rng.randint(0, len(b))
        if edit == 0:
            b.insert(at, rng.choice(ALPHABET))
        elif b and at < len(b):
            if edit == 1:
                del b[at]
            else:
                b[at] = rng.choice(ALPHABET)
    return "".join(b)


def _pairs(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        a = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
        # a few edits of a, so that near pairs are common
        yield a, _edited(rng, a, rng.randint(0, 4))


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_python_answer_is_rapidfuzz_answer(limit):
    near = 0
    for a, b in _pairs(20_000, seed=limit):
        expected = Levenshtein.distance(a, b) <= limit
        assert _within(a, b, limit) == expected, (a, b, limit)
        near += expected
    assert 2_000 < near < 18_000  # both answers were put to the test


def test_python_distance_is_rapidfuzz_distance():
    distances = set()
    pairs = list(_pairs(20_000, seed=7))
    unrelated = [(a, b) for (a, _), (_, b) in pairwise(pairs)]
    for a, b in pairs + unrelated:
        expected = Levenshtein.distance(a, b)
        assert _distance(a, b) == expected == _distance(b, a), (a, b)
        distances.add(expected)
    assert distances >= set(range(12))  # near and far pairs both met
    assert distance("kitten", "sitting") == 3


@pytest.mark.parametrize("limit", [1, 2])
def test_python_ranking_is_rapidfuzz_ranking(limit):
    """The same hits, in the same order (ties by position), as rapidfuzz's
    process.extract, for lists with duplicates and many ties."""
    rng = random.Random(limit)
    strings = [a for a, _ in _pairs(3_000, seed=10 + limit)]
    ranked = 0
    for _ in range(300):
        query = rng.choice(strings)
        near = [_edited(rng, query, rng.randint(0, 2)) for _ in range(rng.randint(0, 8))]
        choices = rng.sample(strings, 40) + near + near[:2]
        rng.shuffle(choices)
        count = rng.choice((1, 4, 10))
        expected = [tuple(hit) for hit in process.extract(query, choices, scorer=Levenshtein.distance,
                                                         score_cutoff=limit, limit=count)]
        assert _nearest(query, choices, limit, count) == expected, (query, choices)
        ranked += len(expected) > 1
    assert ranked > 30


def test_rapidfuzz_is_loaded_by_a_run_of_many_questions():
    """A process answers in Python until it has asked PYTHON_ANSWERS
    questions, then loads rapidfuzz; the answers stay the same."""
    code = ("import sys\nfrom checker import edits\n"
            "for n in range(edits.PYTHON_ANSWERS + 3):\n"
            "    answers = (edits.within('tokyo', 'tokio', 1), edits.distance('kitten', 'sitting'),\n"
            "               edits.nearest('tokyo', ['tokio', 'kyoto', 'tokyo'], 1, 4))\n"
            "    print('rapidfuzz' in sys.modules, answers)\n")
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=True).stdout.splitlines()
    assert len(said) == PYTHON_ANSWERS + 3
    assert {line.split(" ", 1)[1] for line in said} == {"(True, 3, [('tokyo', 0, 2), ('tokio', 1, 0)])"}
    loaded = [line.split()[0] for line in said]
    # three questions a round: Python for the first PYTHON_ANSWERS questions, rapidfuzz after
    assert loaded[:PYTHON_ANSWERS // 3] == ["False"] * (PYTHON_ANSWERS // 3) and loaded[-1] == "True"


@pytest.mark.parametrize("a, b, limit, expected", [
    ("Chính", "Chinh", 1, True), ("Chính", "Chinh", 0, False), ("", "", 0, True), ("", "ab", 1, False),
    ("ab", "", 2, True), ("Takashi", "Takaishi", 1, True), ("abab", "baba", 1, False), ("abab", "baba", 2, True),
    ("Hollywood", "Bollywood", 1, True), ("kitten", "sitting", 2, False), ("kitten", "sitting", 3, True),
])
def test_known_distances(a, b, limit, expected):
    assert _within(a, b, limit) is expected
    assert within(a, b, limit) is expected  # rapidfuzz's answer, now that this test loaded it


def test_a_file_is_linted_without_rapidfuzz(tmp_path):
    """The pre-commit path on one file never loads rapidfuzz (ten
    extension modules), and a near miss still finds its name."""
    clean = tmp_path / "clean.txt"
    clean.write_text("Thủ tướng Phạm Minh Chính tiếp Đoàn đại biểu tỉnh Vĩnh Long tại Hà Nội.\n", encoding="utf-8")
    near = tmp_path / "near.txt"
    near.write_text("Đoàn đại biểu tỉnh Yamanasi đến thăm Hà Nội hôm qua.\n", encoding="utf-8")
    code = ("import sys\nfrom checker.cli import main\n"
            "try:\n    main(['lint', '--no-cache', sys.argv[1]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print('rapidfuzz' in sys.modules)\n")
    said = {}
    for path in (clean, near):
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
        said[path.name] = done.stdout
    assert said["clean.txt"].split()[-1] == "False", said["clean.txt"]
    assert "term-fuzzy" in said["near.txt"] and "Yamanashi" in said["near.txt"]
    assert said["near.txt"].split()[-1] == "False"
