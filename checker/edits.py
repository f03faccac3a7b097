"""Levenshtein distance (insertions, deletions, substitutions, one code
point each): whether two strings are within a few edits, how far apart
they are, and the choices nearest a string.

The rules ask it of candidate names (term-fuzzy's first filter and its
ranked search, render-inconsistent's pairs one edit apart, the suggestion
of term-variant) in nearly every document, and nearly always the answer
is no. rapidfuzz answers fastest (about 0.3 µs against 2 µs in Python),
but importing it loads about ten extension modules, some 9 ms: more than
a run on one file spends on these questions (a few hundred of them). So
these functions answer in Python, exactly as rapidfuzz does
(tests/test_edits.py), until a process has asked :data:`PYTHON_ANSWERS`
questions, a run over many files, and with rapidfuzz from then on.
"""

from __future__ import annotations

import sys

#: Questions a process answers in Python before it loads rapidfuzz: seed
#: 000 asks about 170, the first 200 news articles of the corpus about 6,000.
PYTHON_ANSWERS = 1_000
_answered = 0


def load_rapidfuzz() -> None:
    """Load rapidfuzz now, for a run over many files: before a pool of
    workers forks, which then share it instead of each loading it."""
    import rapidfuzz.process  # noqa: F401 - loads the Levenshtein module too


def _levenshtein():
    """rapidfuzz's Levenshtein module, or None while this process answers
    in Python (its first PYTHON_ANSWERS questions; it loads rapidfuzz then)."""
    global _answered
    module = sys.modules.get("rapidfuzz.distance.Levenshtein")
    if module is None:
        _answered += 1
        if _answered <= PYTHON_ANSWERS:
            return None
        load_rapidfuzz()
        module = sys.modules["rapidfuzz.distance.Levenshtein"]
    return module


def within(a: str, b: str, limit: int) -> bool:
    """Whether the Levenshtein distance of ``a`` and ``b`` is at most
    ``limit`` (a small number: 0, 1 or 2)."""
    levenshtein = _levenshtein()
    if levenshtein is not None:
        return levenshtein.distance(a, b, score_cutoff=limit) <= limit
    return _within(a, b, limit)


def _within(a: str, b: str, limit: int) -> bool:
    # After the common prefix and suffix the first characters differ, and one
    # of the three edits there (substitute, delete from a, insert into a)
    # starts a shortest script.
    if abs(len(a) - len(b)) > limit:
        return False
    a, b = _differing(a, b)
    if not a or not b:
        return max(len(a), len(b)) <= limit
    if limit == 0:
        return False
    return (_within(a[1:], b[1:], limit - 1) or _within(a[1:], b, limit - 1)
            or _within(a, b[1:], limit - 1))


def distance(a: str, b: str) -> int:
    """The Levenshtein distance of ``a`` and ``b``."""
    levenshtein = _levenshtein()
    if levenshtein is not None:
        return levenshtein.distance(a, b)
    return _distance(a, b)


def nearest(query: str, choices: list[str], limit: int, count: int) -> list[tuple[str, int, int]]:
    """The ``count`` choices nearest ``query``, no farther than ``limit``
    edits, as (choice, distance, index in ``choices``): nearest first, ties
    in the order of ``choices``. What rapidfuzz's ``process.extract`` gives
    with the Levenshtein distance as scorer and ``limit`` as cutoff."""
    levenshtein = _levenshtein()
    if levenshtein is not None:
        process = sys.modules["rapidfuzz.process"]
        return process.extract(query, choices, scorer=levenshtein.distance, score_cutoff=limit, limit=count)
    return _nearest(query, choices, limit, count)


def _nearest(query: str, choices: list[str], limit: int, count: int) -> list[tuple[str, int, int]]:
    hits = [(choice, _distance(query, choice), index)
            for index, choice in enumerate(choices) if _within(query, choice, limit)]
    hits.sort(key=lambda hit: (hit[1], hit[2]))
    return hits[:count]


def _distance(a: str, b: str) -> int:
    # one row of the table at a time, over the shorter string
    a, b = _differing(a, b)
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for row, letter in enumerate(a, 1):
        current = [row]
        for column, other in enumerate(b, 1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (letter != other)))
        previous = current
    return previous[-1]


def _differing(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` without their common prefix and suffix, which never
    take part in an edit."""
    size = min(len(a), len(b))
    start = 0
    while start < size and a[start] == b[start]:
        start += 1
    end = 0
    while end < size - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start:len(a) - end], b[start:len(b) - end]
