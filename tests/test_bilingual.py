"""Bilingual units (XLIFF/PO) pair each source with its own target: the
bilingual rules compare unit with unit, not neighbouring paragraphs."""

from __future__ import annotations

import pytest

from checker.config import Config
from checker.linter import Linter

UNITS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="vi">
  <file id="f1">
    <unit id="1"><segment><source>{s1}</source><target>{t1}</target></segment></unit>
    <unit id="2"><segment><source>{s2}</source><target>{t2}</target></segment></unit>
    <unit id="3"><segment><source>{s3}</source><target>{t3}</target></segment></unit>
  </file>
</xliff>
"""
SOURCES = {"s1": "About 800 people.", "s2": "110 agreements.", "s3": "19 governments."}


@pytest.mark.parametrize("targets,expected", [
    # a number dropped from unit 2 is reported on unit 2 (line 5), not on a neighbour
    ({"t1": "Khoảng 800 người.", "t2": "Các thỏa thuận.", "t3": "19 chính quyền."},
     [(5, "the source's '110'")]),
    # unit 1 lost its number and unit 3 has another unit's number instead of its own
    ({"t1": "Nhiều người.", "t2": "110 thỏa thuận.", "t3": "800 chính quyền."},
     [(4, "the source's '800'"), (6, "'800' differs from the source's '19'")]),
])
def test_short_units_are_compared_with_their_own_source(tmp_path, mini_glossary, targets, expected):
    path = tmp_path / "short.xliff"
    path.write_text(UNITS.format(**SOURCES, **targets), encoding="utf-8")
    config = Config(select=("figure-source",), default_glossary=False)
    findings = Linter(mini_glossary, config).lint_paths([path]).findings
    assert [(f.line, f.message[:len(text)]) for f, (_, text) in zip(findings, expected)] == expected
    assert len(findings) == len(expected)


# -- line layouts (checker/bilingual.py) -----------------------------------------
PAIRS = [("The governor of Gunma visited Hanoi.", "Thống đốc tỉnh Gunma đã thăm Hà Nội."),
         ("Trade grew by ten percent last year.", "Thương mại tăng mười phần trăm năm ngoái."),
         ("Both sides signed three agreements.", "Hai bên đã ký ba thỏa thuận."),
         ("The forum closed on Friday.", "Diễn đàn bế mạc vào thứ Sáu.")]


@pytest.mark.parametrize("newline,blank", [("\n", ""), ("\r\n", ""), ("\n", "\u3000"), ("\r\n", " \t\u00a0")])
def test_a_line_by_line_layout_is_found_whatever_its_line_ends_and_blank_lines(newline, blank):
    from checker.bilingual import bilingual_pairs

    text = newline.join(f"{source}{newline}{target}{newline}{blank}" for source, target in PAIRS)
    pairs = bilingual_pairs(text)
    assert [text[s:e] for s, e, _, _ in pairs] == [source for source, _ in PAIRS]
    assert [text[s:e] for _, _, s, e in pairs] == [target for _, target in PAIRS]


def test_lines_with_one_mark_are_not_taken_for_vietnamese():
    """Two marks make a Vietnamese line: an English line with one accented
    name ("Đà Nẵng" is two) stays a source line, and a text of Vietnamese
    lines only is no layout."""
    from checker.bilingual import bilingual_pairs

    sources = ["Officials from Quảng Ninh met investors.", "Café owners in Hue joined.",
               "Exports to Japan rose.", "The forum closed on Friday."]
    text = "\n".join(f"{source}\n{target}" for source, (_, target) in zip(sources, PAIRS))
    assert len(bilingual_pairs(text)) == 4
    assert bilingual_pairs("\n".join(target for _, target in PAIRS) * 3) == ()


@pytest.mark.parametrize("text", [
    "", "\n", " \n\t\n", "Xin chào\nHello\n", "một\r\nhai ba\n\u00a0\n", "Việt Nam\nđã\nNhật Bản\n\n",
])
def test_the_count_test_counts_lines_as_a_scan_of_the_whole_text_does(text):
    from checker.bilingual import _TWO_MARKS, _VIETNAMESE_MARK
    from checker.patterns import regex

    mark = _VIETNAMESE_MARK.pattern
    nonblank_line, marked_line = regex(r"\S[^\n]*"), regex(rf"{mark}[^\n]*?{mark}[^\n]*")
    lines = text.split("\n")
    assert len(lines) - lines.count("") - sum(map(str.isspace, lines)) == len(nonblank_line.findall(text))
    assert sum(map(bool, map(_TWO_MARKS.search, lines))) == len(marked_line.findall(text))
