"""Input formats beyond .txt/.md: HTML (positions in the HTML source), DOCX
(positions as paragraph numbers), XLIFF 1.2/2.0 and PO (targets linted,
sources feeding the bilingual checks)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from checker.config import Config
from checker.document import DocumentError
from checker.loaders import load_document
from checker.linter import Linter
from conftest import FIXTURES, MINI_GLOSSARY, NATIVE_SEEDS, ROOT, SEED_000

WORKFLOW = FIXTURES / "workflow"
MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)


def source_slice(path, finding) -> str:
    """The text of the file as written between a finding's start and end."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if finding["line"] == finding["end_line"]:
        return lines[finding["line"] - 1][finding["column"] - 1:finding["end_column"] - 1]
    first = lines[finding["line"] - 1][finding["column"] - 1:]
    middle = lines[finding["line"]:finding["end_line"] - 1]
    last = lines[finding["end_line"] - 1][:finding["end_column"] - 1]
    return "\n".join([first, *middle, last])


def lint_json(cli, *paths, extra=()):
    result = cli("lint", *MINI, *extra, "--format", "json", *paths)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


# --------------------------------------------------------------------------
# HTML

def test_html_nested_markup_and_entities_map_to_source_line_and_column(cli):
    path = WORKFLOW / "nested.html"
    findings = lint_json(cli, path, extra=("--select", "term"))
    got = {(f["rule"], f["line"], f["column"], f["end_column"]) for f in findings}
    lines = path.read_text(encoding="utf-8").split("\n")
    # "Sơn <span class="x">Ma" inside <a><strong> on line 13: the span starts
    # at "Sơn" and ends after "Ma", markup in between counted as written
    son_ma = lines[12].index("Sơn <span") + 1
    assert ("term-variant", 13, son_ma, son_ma + len('Sơn <span class="x">Ma')) in got
    chinh = lines[12].index("Phạm Minh Chinh") + 1
    assert ("term-diacritics", 13, chinh, chinh + len("Phạm Minh Chinh")) in got
    # "Công&#x20;ty B": the character reference counts as the 6 characters written
    cong = lines[14].index("Công&#x20;ty B") + 1
    assert ("term-variant", 15, cong, cong + len("Công&#x20;ty B")) in got
    # after "&amp;" and "&gt;" on the same line, columns still match the source
    last = lines[14].rindex("Sơn Ma") + 1
    assert ("term-variant", 15, last, last + len("Sơn Ma")) in got
    for finding in findings:
        assert "<" not in source_slice(path, finding) or finding["line"] == 13


def test_html_skips_script_style_template_and_attributes(cli):
    findings = lint_json(cli, WORKFLOW / "nested.html", extra=("--select", "term-variant"))
    # Sơn Ma occurs in <style>, <script>, three attributes and <template>: none reported
    assert sorted(f["line"] for f in findings if "Sơn Ma" in f["message"]) == [13, 15]
    doc = load_document(WORKFLOW / "nested.html")
    assert "const place" not in doc.text and "content:" not in doc.text and "data-note" not in doc.text
    assert "Đại diện từ tỉnh Sơn Ma, & Thủ tướng Phạm Minh Chinh đã phát biểu." in doc.text
    assert "Việt Nam – Nhật Bản" in doc.text  # &nbsp; &ndash; &#160; decoded


def _seed_as_html(text: str) -> str:
    """Seed 000 saved as HTML: a <p> per paragraph, <br> between its lines,
    every character escaped as a browser would need."""
    paragraphs = text.rstrip("\n").split("\n\n")
    body = "\n".join(
        "<p>" + "<br>\n".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs)
    return f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n<body>\n{body}\n</body></html>\n"


def _comparable(findings):
    """Findings without their positions (messages may cite a line)."""
    return Counter((f.rule, re.sub(r"\bline \d+", "line N", f.message), f.suggestion) for f in findings)


def test_seed_000_as_html_gives_the_same_findings_as_the_txt(tmp_path, shipped_glossary):
    linter = Linter(shipped_glossary, Config())
    text = SEED_000.read_text(encoding="utf-8")
    page = tmp_path / "seed.html"
    page.write_text(_seed_as_html(text), encoding="utf-8")
    as_txt = linter.lint_paths([SEED_000]).findings
    as_html = linter.lint_paths([page]).findings
    assert as_txt and _comparable(as_html) == _comparable(as_txt)
    assert load_document(page).text == text.rstrip("\n") + "\n"
    # and each HTML finding points at the same words in the HTML source
    txt_lines = text.split("\n")
    html_source = page.read_text(encoding="utf-8")
    for f_txt, f_html in zip(sorted(as_txt, key=_order), sorted(as_html, key=_order)):
        want = txt_lines[f_txt.line - 1][f_txt.column - 1:f_txt.end_column - 1]
        got = source_slice(page, f_html.to_dict())
        assert html.unescape(got) == want, (f_txt, f_html)
    assert "&amp;" in html_source  # the B&Company lines really were escaped


def _order(f):
    return (*next(iter(_comparable([f]))), f.line, f.column)


def test_html_is_not_valid_utf8_names_the_file(cli, tmp_path):
    page = tmp_path / "bad.html"
    page.write_bytes("<p>tỉnh Sơn Ma</p>\n".encode("utf-8") + b"<p>\xff</p>\n")
    result = cli("lint", *MINI, page)
    assert result.exit_code == 2
    assert f"{page}:2: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------
# DOCX

def _docx(path, paragraphs, table=None, soft_break_at=None):
    import docx

    document = docx.Document()
    for i, text in enumerate(paragraphs):
        paragraph = document.add_paragraph()
        if soft_break_at == i:
            head, tail = text.split("|")
            paragraph.add_run(head).add_break()
            paragraph.add_run(tail)
        else:
            paragraph.add_run(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(path)


def test_seed_000_as_docx_gives_the_same_findings_at_paragraph_numbers(tmp_path, shipped_glossary):
    text = SEED_000.read_text(encoding="utf-8")
    path = tmp_path / "seed.docx"
    _docx(path, text.rstrip("\n").split("\n"))
    linter = Linter(shipped_glossary, Config())
    as_txt = linter.lint_paths([SEED_000]).findings
    as_docx = linter.lint_paths([path]).findings
    assert as_txt and _comparable(as_docx) == _comparable(as_txt)
    # one paragraph per line of the .txt: the positions are the same too
    strip = lambda fs: sorted((f.line, f.column, f.end_line, f.end_column, f.rule) for f in fs)  # noqa: E731
    assert strip(as_docx) == strip(as_txt)


def test_docx_tables_and_line_breaks_count_as_documented(cli, tmp_path):
    path = tmp_path / "t.docx"
    _docx(path, ["Báo cáo", "", "Thống đốc|tỉnh Sơn Ma đến"], table=[["Nguồn", "Công ty B"], ["x", "y"]],
          soft_break_at=2)
    findings = lint_json(cli, path, extra=("--select", "term-variant"))
    got = sorted((f["line"], f["column"], f["end_column"]) for f in findings)
    # paragraph 3 holds a line break (counted as one character); the table's
    # cells are paragraphs 4..7 in reading order, "Công ty B" the 5th
    assert got == [(3, len("Thống đốc") + 2 + len("tỉnh "), len("Thống đốc") + 2 + len("tỉnh Sơn Ma")),
                   (5, 1, 10)]


def test_broken_docx_is_a_clear_error(cli, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    result = cli("lint", *MINI, path)
    assert result.exit_code == 2
    assert str(path) in result.stderr and "not a valid .docx file" in result.stderr
    assert "Traceback" not in result.output



def _deflate_of_zeros(size: int, chunk: int = 1024 * 1024) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes, made without compressing
    them all: after a full flush the compressor starts afresh, so the
    compressed form of one chunk repeats. Returns (stream, crc32)."""
    import zlib

    block = b"\0" * chunk
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // chunk):
        crc = zlib.crc32(block, crc)
    return segment * (size // chunk) + zlib.compressobj(9, zlib.DEFLATED, -15).flush(), crc


def _raw_zip(path, members):
    """A zip archive of (name, deflate stream, crc, declared size) members."""
    import struct

    out, central = bytearray(), []
    for name, payload, crc, size in members:
        offset, encoded = len(out), name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(payload), size, len(encoded), 0)
        out += encoded + payload
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(payload), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    directory = b"".join(central)
    out += directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), len(out), 0)
    path.write_bytes(bytes(out))


def test_a_zip_bomb_docx_is_refused_fast_with_bounded_memory(tmp_path):
    import time
    import tracemalloc

    from checker.loaders import load_bytes

    payload, crc = _deflate_of_zeros(1024 ** 3)  # 1 GB inside about 1 MB
    path = tmp_path / "bomb.docx"
    _raw_zip(path, [("[Content_Types].xml", *_deflate_member(b"<Types/>")), ("word/document.xml", payload, crc, 1024 ** 3)])
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    start = time.monotonic()
    with pytest.raises(DocumentError, match="word/document.xml unpacks to 1,073,741,824 bytes"):
        load_bytes(str(path), path.read_bytes())
    elapsed = time.monotonic() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2 and peak < 20 * 1024 * 1024


def _deflate_member(data: bytes):
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def test_a_high_ratio_member_below_the_total_limit_is_refused(cli, tmp_path):
    payload, crc = _deflate_of_zeros(32 * 1024 * 1024)  # 32 MB of zeros: far beyond any real ratio
    path = tmp_path / "bomb.docx"
    _raw_zip(path, [("word/document.xml", payload, crc, 32 * 1024 * 1024)])
    result = cli("lint", *MINI, path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "refusing this .docx: member word/document.xml" in result.stderr and "zip bomb" in result.stderr


def test_a_member_that_lies_about_its_size_is_refused(tmp_path):
    from checker.loaders import load_bytes

    payload, crc = _deflate_of_zeros(64 * 1024 * 1024)
    path = tmp_path / "liar.docx"
    _raw_zip(path, [("word/document.xml", payload, crc, 1000)])  # declares 1,000 bytes
    with pytest.raises(DocumentError, match="not a valid .docx file"):
        load_bytes(str(path), path.read_bytes())


def test_the_unpacked_size_limit_holds_for_many_members(tmp_path, monkeypatch):
    from checker import loaders

    monkeypatch.setattr(loaders, "DOCX_MAX_UNPACKED", 3 * 1024 * 1024)
    members = []
    for i in range(4):  # 1 MB each, modest ratio: only the total is too much
        data = bytes(range(256)) * 4096
        members.append((f"word/media/image{i}.bin", *_deflate_member(data)))
    path = tmp_path / "big.docx"
    _raw_zip(path, members)
    with pytest.raises(DocumentError, match="limit 3 MiB for all members"):
        loaders.load_bytes(str(path), path.read_bytes())


def test_a_normal_docx_passes_the_size_checks(tmp_path):
    from checker.loaders import load_bytes

    path = tmp_path / "ok.docx"
    _docx(path, ["Thống đốc tỉnh Gunma"] * 200)
    assert load_bytes(str(path), path.read_bytes()).text.count("Gunma") == 200


# --------------------------------------------------------------------------
# XLIFF and PO

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="forum.txt" source-language="en" target-language="vi" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>About 800 people attended the forum in Ha Long.</source>
        <target>Khoảng 800 người đã tham dự diễn đàn tại Hạ Long.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Governor Yamamoto of Gunma and 19 local governments took part.</source>
        <target>Thống đốc Yamamoto của tỉnh <g id="1">Sơn Ma</g> &amp; 19 chính quyền địa phương đã tham gia.</target>
      </trans-unit>
      <trans-unit id="3">
        <source>More than 110 cooperation agreements have been signed.</source>
        <target>Hơn 130 thỏa thuận hợp tác đã được ký kết.</target>
      </trans-unit>
      <trans-unit id="4">
        <source>Untranslated unit</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="vi">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>About 800 people attended the forum in Ha Long.</source>
        <target>Khoảng 800 người đã tham dự diễn đàn tại Hạ Long.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment><source>Governor Yamamoto and 19 local governments took part.</source><target>Thống đốc Yamamoto và 19 chính quyền địa phương đã tham gia.</target></segment>
      <segment><source>More than 110 agreements were signed.</source><target>Hơn 130 thỏa thuận đã được ký.</target></segment>
    </unit>
    <unit id="u3">
      <segment><source>Source: B&amp;Company</source><target>Nguồn: <pc id="1">Công ty B</pc></target></segment>
    </unit>
  </file>
</xliff>
"""

PO = r'''# Vietnamese translation of the forum report.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: vi\n"

#: forum.txt:1
msgid "About 800 people attended the forum in Ha Long."
msgstr "Khoảng 800 người đã tham dự diễn đàn tại Hạ Long."

#: forum.txt:2
msgid "Governor Yamamoto of \"Gunma\" spoke."
msgstr ""
"Thống đốc Yamamoto của tỉnh \"Sơn Ma\"\n"
"đã phát biểu."

msgid "More than 110 cooperation agreements have been signed."
msgstr "Hơn 130 thỏa thuận hợp tác đã được ký kết."

#~ msgid "Old unit"
#~ msgstr "tỉnh Sơn Ma cũ"
'''


def _at(path, finding):
    return source_slice(path, finding)


@pytest.mark.parametrize("name,content", [("forum12.xlf", XLIFF_12), ("forum20.xliff", XLIFF_20)])
def test_xliff_targets_are_linted_at_their_position_and_sources_feed_figure_source(cli, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    findings = lint_json(cli, path)
    changed = [f for f in findings if f["rule"] == "figure-source"]
    # only the unit whose number changed (110 -> 130) is reported, at the 130
    assert len(changed) == 1, findings
    assert _at(path, changed[0]) == "130" and "110" in changed[0]["message"]
    variants = [f for f in findings if f["rule"] == "term-variant"]
    assert {_at(path, f) for f in variants} == ({"Sơn Ma"} if "1.2" in content else {"Công ty B"})
    doc = load_document(path)
    assert "Untranslated unit" not in doc.text and "About 800 people" in doc.source
    assert len(doc.segments) == doc.source.count("\n\n") + 1
    for start, end, source in doc.segments:
        assert doc.text[start:end] and source


def test_po_targets_with_escapes_and_continuation_lines(cli, tmp_path):
    path = tmp_path / "forum.po"
    path.write_text(PO, encoding="utf-8")
    findings = lint_json(cli, path)
    changed = [f for f in findings if f["rule"] == "figure-source"]
    assert len(changed) == 1 and _at(path, changed[0]) == "130"
    variants = [f for f in findings if f["rule"] == "term-variant"]
    # the obsolete (#~) unit is not linted; the \" escape counts as written
    assert [(f["line"], _at(path, f)) for f in variants] == [(14, "Sơn Ma")]
    doc = load_document(path)
    assert doc.text.startswith("Khoảng 800 người") and "Content-Type" not in doc.text
    assert 'Governor Yamamoto of "Gunma" spoke.' in doc.source


@pytest.mark.parametrize("name,content,message", [
    ("bad.xlf", "<xliff version='1.2'><file><body><trans-unit></body></xliff>", "not well-formed XML"),
    ("bad.po", 'msgid "a"\nmsgstr "b\n', "not a valid PO file"),
])
def test_malformed_bilingual_files_are_one_line_errors(cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    result = cli("lint", *MINI, path, good)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if str(path) in line]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "Traceback" not in result.output
    assert f"{good}:1:6: error [term-variant]" in result.stdout


def test_folder_walk_picks_up_every_format(cli, tmp_path):
    (tmp_path / "a.html").write_text("<p>tỉnh Sơn Ma</p>\n", encoding="utf-8")
    (tmp_path / "b.po").write_text(PO, encoding="utf-8")
    (tmp_path / "c.txt").write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    (tmp_path / "d.py").write_text("x = 'tỉnh Sơn Ma'\n", encoding="utf-8")
    result = cli("lint", *MINI, "--format", "json", tmp_path)
    payload = json.loads(result.stdout)
    assert payload["files"] == 3
    assert {f["path"].rsplit(".", 1)[1] for f in payload["findings"]} == {"html", "po", "txt"}


def test_native_seeds_as_html_stay_quiet(tmp_path, shipped_glossary):
    linter = Linter(shipped_glossary, Config())
    for seed in NATIVE_SEEDS:
        page = tmp_path / (seed.stem + ".html")
        page.write_text(_seed_as_html(seed.read_text(encoding="utf-8")), encoding="utf-8")
        assert _comparable(linter.lint_paths([page]).findings) == _comparable(linter.lint_paths([seed]).findings)


def test_heavy_libraries_stay_off_the_plain_text_path(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        f"sys.argv = ['mtlint', 'lint', '--no-default-glossary', '--glossary', {str(MINI_GLOSSARY)!r}, {str(path)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        # checker.loaders itself (the format registry, every document's constructor) is standard library only
        "heavy = [m for m in ('docx', 'translate', 'lxml', 'bs4') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_load_document_errors_name_the_file(tmp_path):
    path = tmp_path / "x.xlf"
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(DocumentError, match="binary"):
        load_document(path)
