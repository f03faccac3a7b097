"""checker/edits.py: whether two strings are within a few edits, answered
in Python before rapidfuzz is loaded, exactly as rapidfuzz answers."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from rapidfuzz.distance import Levenshtein

from checker.edits import _within, within

# Letters of names, with the marks a machine translation drops or swaps.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềốờứ -"


def _pairs(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        a = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
        b = list(a)
        for _ in range(rng.randint(0, 4)):  # a few edits of a, so that near pairs are common
            edit = rng.randrange(3)
            at = rng.randint(0, len(b))
            if edit == 0:
                b.insert(at, rng.choice(ALPHABET))
            elif b and at < len(b):
                if edit == 1:
                    del b[at]
                else:
                    b[at] = rng.choice(ALPHABET)
        yield a, "".join(b)


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_python_answer_is_rapidfuzz_answer(limit):
    near = 0
    for a, b in _pairs(20_000, seed=limit):
        expected = Levenshtein.distance(a, b) <= limit
        assert _within(a, b, limit) == expected, (a, b, limit)
        near += expected
    assert 2_000 < near < 18_000  # both answers were put to the test


@pytest.mark.parametrize("a, b, limit, expected", [
    ("Chính", "Chinh", 1, True), ("Chính", "Chinh", 0, False), ("", "", 0, True), ("", "ab", 1, False),
    ("ab", "", 2, True), ("Takashi", "Takaishi", 1, True), ("abab", "baba", 1, False), ("abab", "baba", 2, True),
    ("Hollywood", "Bollywood", 1, True), ("kitten", "sitting", 2, False), ("kitten", "sitting", 3, True),
])
def test_known_distances(a, b, limit, expected):
    assert _within(a, b, limit) is expected
    assert within(a, b, limit) is expected  # rapidfuzz's answer, now that this test loaded it


def test_a_clean_file_is_linted_without_rapidfuzz(tmp_path):
    """The pre-commit path on a file with no near miss never loads
    rapidfuzz (ten extension modules); a near miss still finds its name."""
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
    assert said["near.txt"].split()[-1] == "True"
