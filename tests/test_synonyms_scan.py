"""candidate_concepts (checker/synonyms.py) searches the UTF-8 bytes of the
folded text: the same concepts as testing every needle in the ``str``."""

from __future__ import annotations

from pathlib import Path

from checker.synonyms import candidate_concepts, concepts
from checker.vietnamese import fold

_ROOT = Path(__file__).resolve().parent.parent
_CORPUS = Path("/work/shared/corpus")


def _straightforward(folded: str) -> list:
    return [concept for concept in concepts()
            if sum(any(needle in folded for needle in needles) for needles in concept.needles) >= 2]


def test_candidate_concepts_match_a_plain_search():
    files = sorted(p for p in (_ROOT / "seeds").rglob("*") if p.is_file())
    for folder in ("vi-news", "mt-docs/vi"):
        if (_CORPUS / folder).is_dir():
            files += sorted(p for p in (_CORPUS / folder).rglob("*") if p.is_file())[:300]
    found = 0
    for path in files:
        folded = fold(path.read_text(encoding="utf-8", errors="replace"))
        expected = _straightforward(folded)
        assert candidate_concepts(folded) == expected, path
        found += bool(expected)
    assert found
