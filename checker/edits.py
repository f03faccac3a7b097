"""Whether two strings are within a few edits of each other (Levenshtein
distance: insertions, deletions, substitutions, one code point each).

The rules ask it of candidate names (term-fuzzy's first filter,
render-inconsistent's pairs one edit apart) in nearly every document, and
nearly always the answer is no. rapidfuzz answers fastest, but importing
it loads about ten extension modules, some 10 ms of a pre-commit run on a
clean file. So :func:`within` answers in Python, exactly, until rapidfuzz
is loaded anyway (for a ranked search, when a near name was found), and
with rapidfuzz from then on (tests/test_edits.py checks both agree).
"""

from __future__ import annotations

import sys


def within(a: str, b: str, limit: int) -> bool:
    """Whether the Levenshtein distance of ``a`` and ``b`` is at most
    ``limit`` (a small number: 0, 1 or 2)."""
    levenshtein = sys.modules.get("rapidfuzz.distance.Levenshtein")
    if levenshtein is not None:
        return levenshtein.distance(a, b, score_cutoff=limit) <= limit
    return _within(a, b, limit)


def _within(a: str, b: str, limit: int) -> bool:
    # A common prefix or suffix never takes part in an edit; after them
    # the first characters differ, and one of the three edits there
    # (substitute, delete from a, insert into a) starts a shortest script.
    if abs(len(a) - len(b)) > limit:
        return False
    size = min(len(a), len(b))
    start = 0
    while start < size and a[start] == b[start]:
        start += 1
    end = 0
    while end < size - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start:len(a) - end], b[start:len(b) - end]
    if not a or not b:
        return max(len(a), len(b)) <= limit
    if limit == 0:
        return False
    return (_within(a[1:], b[1:], limit - 1) or _within(a[1:], b, limit - 1)
            or _within(a, b[1:], limit - 1))
