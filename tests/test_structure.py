"""Document structure (checker/structure.py): Markdown parsed into roles,
non-prose blanked so that no rule reports inside it, bilingual layouts
paired, positions in the file as written (CRLF and BOM too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, SHARED
from checker.config import Config
from checker.loaders import load_document, text_document
from checker.linter import Linter
from checker.structure import text_structure

STRUCTURE = FIXTURES / "structure"
EVERY = STRUCTURE / "every-construct.md"
MT_DOCS = SHARED / "corpus" / "mt-docs" / "vi"


def _position(raw: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle`` in ``raw``."""
    offset = -1
    for _ in range(nth + 1):
        offset = raw.index(needle, offset + 1)
    line = raw.count("\n", 0, offset) + 1
    return line, offset - (raw.rfind("\n", 0, offset) + 1) + 1


def _lint(linter, path):
    result = linter.lint_paths([path])
    assert result.problems == []
    return result.findings


def test_markdown_blanks_every_non_prose_construct():
    doc = load_document(EVERY)
    kinds = {kind for _, _, kind in doc.skipped}
    assert {"front-matter", "comment", "code", "inline-code", "link-target", "link-definition", "url",
            "email", "path", "table-rule"} <= kinds
    for hidden in ("title:", "CO_OP_TRANSLATOR", "import time", "quick brown fox", "pip install", "config.json",
                   "https://", "Setup guide", "Reference documentation", "support@example.com", "readings.csv",
                   "src/main.py", "translator's note", "---|"):
        assert hidden not in doc.text, hidden
    for kept in ("# Cài đặt cảm biến nhiệt độ", "Trước tiên, hãy mở tệp", "[trang hướng dẫn]", "[tài liệu]",
                 "| Nhiệt độ | 3.5 USD |", "Tổng chi phí là 900,000 đồng."):
        assert kept in doc.text, kept
    # offsets and lines are those of the file as written
    assert len(doc.text) == len(doc.raw) and doc.text.count("\n") == doc.raw.count("\n")


def test_markdown_roles():
    doc = load_document(EVERY)
    role = lambda needle: doc.role_at(doc.raw.index(needle))  # noqa: E731
    assert role("Cài đặt cảm biến") == "heading"
    assert role("Trước tiên") == "prose"
    assert role("trang hướng dẫn") == "link-text"
    assert role("Nhiệt độ") == "cell"
    assert role("Tổng chi phí") == "caption" or role("Tổng chi phí") == "prose"


def _expected_every_construct(raw: str) -> set:
    return {(*_position(raw, "3.5 USD"), "figure-format"), (*_position(raw, "900,000"), "figure-format")}


def test_markdown_findings_are_exactly_the_prose_ones(shipped_linter):
    findings = _lint(shipped_linter, EVERY)
    raw = EVERY.read_text(encoding="utf-8")
    loud = {(f.line, f.column, f.rule) for f in findings if f.severity >= 2}
    assert loud == _expected_every_construct(raw)


@pytest.mark.parametrize("variant", ["crlf", "bom", "crlf+bom"])
def test_markdown_positions_with_crlf_and_bom(shipped_linter, tmp_path, variant):
    raw = EVERY.read_text(encoding="utf-8")
    data = raw.replace("\n", "\r\n") if "crlf" in variant else raw
    path = tmp_path / "every.md"
    path.write_bytes((b"\xef\xbb\xbf" if "bom" in variant else b"") + data.encode("utf-8"))
    findings = _lint(shipped_linter, path)
    loud = {(f.line, f.column, f.rule) for f in findings if f.severity >= 2}
    assert loud == _expected_every_construct(raw)
    lines = data.split("\n")
    for f in findings:  # the reported span is the text it names, in the file as written
        if f.rule == "figure-format":
            assert lines[f.line - 1][f.column - 1:f.end_column - 1] in ("3.5", "900,000")


def test_markdown_is_parsed_only_for_markdown_names():
    raw = EVERY.read_text(encoding="utf-8")
    for construct in ("quick brown fox", "pip install", "CO_OP_TRANSLATOR"):   # code and comments of Markdown
        assert construct in text_document("every.txt", raw).text
        assert construct not in text_document("every.md", raw).text


def test_plain_text_blanks_only_the_unambiguous():
    text = ("Xem https://example.com/a/b, gửi thư tới ban@example.vn, mở C:\\data\\x.csv hoặc ./run.sh.\n"
            "import numpy as np\n"
            '  "threshold": 2.5,\n'
            "Tốc độ 60 km/h và/hoặc Input/Output, phiên bản v1.2, tăng 3.5%.\n")
    structure = text_structure(text)
    kinds = sorted({kind for _, _, kind in structure.skipped})
    assert kinds == ["code", "email", "path", "url"]
    blanked = structure.text
    for hidden in ("https://", "ban@example.vn", "x.csv", "./run.sh", "import numpy", "threshold"):
        assert hidden not in blanked, hidden
    assert "Tốc độ 60 km/h và/hoặc Input/Output, phiên bản v1.2, tăng 3.5%." in blanked


def test_bilingual_english_vietnamese_pairs_lines(shipped_linter):
    path = STRUCTURE / "bilingual-en.txt"
    doc = load_document(path)
    assert len(doc.segments) == 3
    assert [kind for _, _, kind in doc.skipped] == ["source-line"] * 3
    findings = _lint(shipped_linter, path)
    raw = path.read_text(encoding="utf-8")
    assert {(f.line, f.column, f.rule) for f in findings if f.severity >= 2} == {
        (*_position(raw, "100"), "figure-source"),       # 110 agreements became 100
        (*_position(raw, "Thống đốc đã phát biểu"), "term-source"),   # Gunma dropped
    }


def test_bilingual_japanese_vietnamese_pairs_lines(shipped_linter):
    path = STRUCTURE / "bilingual-ja.txt"
    findings = _lint(shipped_linter, path)
    raw = path.read_text(encoding="utf-8")
    assert [f.rule for f in findings if f.rule == "text-untranslated"] == []
    assert {(f.line, f.column, f.rule) for f in findings if f.severity >= 2} == {
        (*_position(raw, "Thống đốc đã tham dự"), "term-source"),   # 群馬県 not rendered
    }


def test_a_directive_settles_the_layout(shipped_linter, tmp_path):
    raw = (STRUCTURE / "bilingual-en.txt").read_text(encoding="utf-8")
    mono = tmp_path / "mono.txt"
    mono.write_text("<!-- mtlint: monolingual -->\n" + raw, encoding="utf-8")
    doc = load_document(mono)
    assert doc.segments == () and not [s for s in doc.skipped if s[2] == "source-line"]
    findings = _lint(shipped_linter, mono)
    assert "term-variant" in {f.rule for f in findings if f.line == 6}   # the English line is linted
    assert not [f for f in findings if f.rule == "invalid-suppression"]
    # two pairs are too few to guess; the directive says so
    two_pairs = "\n".join(raw.splitlines()[:4]) + "\n"
    guessed = tmp_path / "guess.txt"
    guessed.write_text(two_pairs, encoding="utf-8")
    assert load_document(guessed).segments == ()
    told = tmp_path / "told.txt"
    told.write_text("<!-- mtlint: bilingual -->\n" + two_pairs, encoding="utf-8")
    assert len(load_document(told).segments) == 2


@pytest.mark.slow
@pytest.mark.skipif(not MT_DOCS.is_dir(), reason="mt-docs corpus not present")
def test_no_finding_inside_code_comments_front_matter_or_urls():
    never = {"code", "inline-code", "comment", "html", "front-matter", "url", "link-target", "link-definition"}
    linter = Linter(_shipped(), Config(jobs=1))
    result = linter.lint_paths([MT_DOCS])
    assert result.files == 40 and result.problems == []
    docs = {str(p): load_document(p) for p in MT_DOCS.glob("*.md")}
    inside = []
    for f in result.findings:
        doc = docs[f.path]
        starts = doc.line_starts
        start = starts[f.line - 1] + f.column - 1
        end = starts[f.end_line - 1] + f.end_column - 1
        for s, e, kind in doc.skipped:
            if kind in never and s < end and start < e:
                inside.append((Path(f.path).name, f.line, f.rule, kind))
    assert inside == []


def _shipped():
    from checker.glossary import DEFAULT_GLOSSARY_DIR, load_glossary

    return load_glossary([DEFAULT_GLOSSARY_DIR])


# Pieces of text that start, end or break the matches of the patterns that
# checker/structure.py tries only where a match can start.
_PIECES = ["\n", "\r\n", "\r", " ", "\t", "import os", "from x import y", "def f(x):", "class A:", "#include <a>",
           "x = f(1)", "f(a);", "$ ls", "{", "}", "[", "],", '"k": 1,', ")", ";", "(", "=", "http", "https",
           "HTTP", "hTtPſ", "ftp", "FILE", "fİle", "://", "www.", "WwW.", "w", "a@b.vn", "@", "user.name+x", "-",
           ".", "/", "\\", "a/b/c", "./x", "C:\\x", "30/4", "TP.HCM", "file.py", "Việt Nam", "đồng/kg", "_",
           "\u00a0", "<", "'", "`", ":", "1.5", "é", "x"]


def test_patterns_tried_where_a_match_can_start_find_what_a_search_finds():
    import random

    from checker import structure

    def spans(matches):
        return [m.span() for m in matches]

    rng = random.Random(18)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
        assert spans(structure._code_lines(text)) == spans(structure._CODE_LINE.finditer(text)), text
        n = len(text)
        for start, end in ((0, n), (n // 3, n), (n // 4, 3 * n // 4)):
            assert (spans(structure._url_matches(text, start, end))
                    == spans(structure._URL.finditer(text, start, end))), text
            assert (spans(structure._email_matches(text, start, end))
                    == spans(structure._EMAIL.finditer(text, start, end))), text
