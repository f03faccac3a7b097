"""Very large documents are linted in pieces (checker.linter.pieces): the
pieces tile the text, cut at paragraph, line or sentence breaks, and the
rules that look at one span report what they report on the whole text, at
the same positions."""

from __future__ import annotations

import pytest

from conftest import SEED_000
from checker import linter as linter_module
from checker.config import Config
from checker.linter import Linter, pieces

LOCAL_RULES = ("term-variant", "term-diacritics", "term-phrase", "figure-format", "text-untranslated")


@pytest.mark.parametrize("text", [
    "Đoạn một.\n\nĐoạn hai dài hơn một chút.\n\n" * 50,
    "một dòng\n" * 300,
    "Một câu. " * 400,
    "x" * 5000,
])
def test_pieces_tile_the_text_at_breaks(text):
    spans = pieces(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= 1000 for start, end in spans)
    for start, end in spans[:-1]:
        assert text[end - 1] in "\n ." or text[start:end] == "x" * 1000


@pytest.mark.parametrize("single_line", [False, True], ids=["lines", "one-line"])
def test_a_document_in_pieces_gets_the_findings_of_the_whole(tmp_path, monkeypatch, shipped_glossary, single_line):
    seed = SEED_000.read_text(encoding="utf-8")
    text = (seed.replace("\n", " ") if single_line else seed) * 3
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    config = Config(select=LOCAL_RULES, jobs=1)
    whole = Linter(shipped_glossary, config).lint_paths([path]).findings
    monkeypatch.setattr(linter_module, "PIECE_CHARS", 10_000)
    assert len(text) > 4 * 10_000
    cut = Linter(shipped_glossary, config).lint_paths([path]).findings
    assert len(whole) > 60
    # messages may cite another line of the same piece ("elsewhere ('81.300', line 448)")
    where = lambda f: (f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.suggestion)  # noqa: E731
    assert [where(f) for f in cut] == [where(f) for f in whole]
