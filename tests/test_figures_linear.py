"""The figure code reads bounded windows (issue 11, rows 2 and 3): fast
checks that the bounds keep the results. The timing itself is measured by
tests/test_scale.py (slow)."""

from __future__ import annotations

from checker.config import Config
from checker.quantities import parse_number_words, parse_quantities
from checker.linter import Linter
from checker.rules.figure_source import FigureSource


def _lint(glossary, rule, text):
    return [f for f in Linter(glossary, Config(select=(rule,), default_glossary=False)).lint_text(text)
            if f.rule == rule]


def test_count_on_a_long_line_still_reads_its_inline_list(mini_glossary):
    filler = "Câu này chỉ để kéo dài dòng văn bản. " * 3000
    text = filler + "Nhật Bản cam kết ba trụ cột: (1) an ninh, (2) kinh tế, (3) văn hóa và (4) giáo dục. " + filler
    findings = _lint(mini_glossary, "figure-count", text)
    assert len(findings) == 1 and "'ba trụ cột' but 4 items" in findings[0].message


def test_count_before_a_list_after_long_lines(mini_glossary):
    long_line = "Đoạn văn dài. " * 20000
    text = f"{long_line}\nĐề án gồm năm nhiệm vụ:\n• Quy hoạch\n• Đầu tư\n• Đào tạo\n\n{long_line}\n"
    findings = _lint(mini_glossary, "figure-count", text)
    assert len(findings) == 1 and "3 bullets" in findings[0].message


def test_list_markers_are_found_without_reading_the_whole_line():
    # "1." opening a line is a list marker; after a long run of text it is a number.
    text = "x" * 5000 + " 1. một\n1. hai\n" + " " * 100 + "2. ba"
    numbers = [q.text for q in parse_quantities(text, words=False)]
    assert numbers == ["1"]


def test_number_words_in_many_spans_equal_one_pass():
    text = "Có tám lĩnh vực: A.\n" * 200
    spans = [(i * 20, i * 20 + 19) for i in range(200)]
    assert [q.start for q in parse_number_words(text, spans)] == [q.start for q in parse_number_words(text, [(0, len(text))])]


def _paragraphs(keys):
    return [(0, 0, [], {("n", k)}, set()) for k in keys]


def test_alignment_of_long_texts_is_chunked_and_monotonic():
    src = _paragraphs(range(1200))
    tgt = _paragraphs(range(1200))
    pairs = FigureSource._align(src, tgt)
    assert pairs == [(i, i) for i in range(1200)]
    # The translation merged some paragraphs: still monotonic, every pair shares its number.
    tgt = _paragraphs([k for k in range(1200) if k % 7])
    pairs = FigureSource._align(src, tgt)
    assert all(a < b for a, b in zip(pairs, pairs[1:]))
    assert sum(src[i][3] == tgt[j][3] for i, j in pairs) >= 0.95 * len(tgt)


def test_small_alignment_is_exact():
    src = _paragraphs([1, 2, 3, 4])
    tgt = _paragraphs([1, 3, 4])
    assert FigureSource._align(src, tgt) == [(0, 0), (2, 1), (3, 2)]
