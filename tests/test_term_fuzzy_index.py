"""term-fuzzy takes a capitalised run's folded text from the document's
(checker/rules/term_fuzzy.py, ``run_hits``): the same as folding the run."""

from __future__ import annotations

from pathlib import Path

from checker.rules.term_fuzzy import _capitalised_runs
from checker.vietnamese import fold

_ROOT = Path(__file__).resolve().parent.parent
_NEWS = Path("/work/shared/corpus/vi-news")


def _texts() -> list[str]:
    files = sorted(p for p in (_ROOT / "seeds").rglob("*") if p.is_file())
    if _NEWS.is_dir():
        files += sorted(p for p in _NEWS.rglob("*") if p.is_file())[:150]
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


def test_folded_runs_are_slices_of_the_folded_text():
    runs = 0
    for text in _texts():
        folded = fold(text)
        assert len(folded) == len(text)
        for m in _capitalised_runs(7).finditer(text):
            assert folded[m.start():m.end()] == fold(m.group()), m.group()
            runs += 1
    assert runs > 100
