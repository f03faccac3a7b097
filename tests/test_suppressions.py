"""Inline directives (<!-- mtlint: ... -->) in .txt, .md, .html and PO
files, per-file ignores, and --warn-unused-suppressions."""

from __future__ import annotations

import json

import pytest

from conftest import MINI_GLOSSARY, SEED_000

MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)


def findings(cli, *args):
    result = cli("lint", *MINI, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]


TEXT = """Đại sứ Naoki Ito phát biểu tại tỉnh Sơn Ma.
<!-- mtlint: disable=term-order -->
Đại sứ Naoki Ito đến tỉnh Sơn Ma.
Đại sứ Naoki Ito gặp Công ty B.
<!-- mtlint: enable=term-order -->
Đại sứ Naoki Ito rời tỉnh Sơn Ma.
"""


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_disable_enable_range_by_rule_name(cli, tmp_path, suffix):
    path = tmp_path / f"doc{suffix}"
    path.write_text(TEXT, encoding="utf-8")
    got = findings(cli, "--select", "term", path)
    assert ("term-order", 3) not in got and ("term-order", 4) not in got
    assert ("term-order", 1) in got and ("term-order", 6) in got
    # other rules still report inside the range
    assert ("term-variant", 3) in got and ("term-variant", 4) in got


def test_directive_text_is_not_linted_itself(cli, tmp_path, mini_linter):
    from checker.loaders import load_document

    path = tmp_path / "doc.txt"
    path.write_text("<!-- mtlint: disable-next-line=term-variant -->\ntỉnh Sơn Ma\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.text.startswith(" " * 10) and "mtlint" not in doc.text
    assert doc.line_col(doc.text.index("Sơn")) == (2, 6)
    assert findings(cli, path) == []


def test_disable_next_line_and_prefix(cli, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(
        "<!-- mtlint: disable-next-line=term -->\n"
        "Đại sứ Naoki Ito tại tỉnh Sơn Ma\n"
        "Đại sứ Naoki Ito tại tỉnh Sơn Ma\n", encoding="utf-8")
    got = findings(cli, "--select", "term", path)
    assert {line for _, line in got} == {3}
    assert {rule for rule, _ in got} == {"term-order", "term-variant"}


def test_disable_line_and_disable_file(cli, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("tỉnh Sơn Ma <!-- mtlint: disable-line=term-variant -->\ntỉnh Sơn Ma\n", encoding="utf-8")
    assert findings(cli, one) == [("term-variant", 2)]
    whole = tmp_path / "whole.md"
    whole.write_text("# Báo cáo\n\ntỉnh Sơn Ma\n\nNguồn: Công ty B\n\n<!-- mtlint: disable-file=term-variant -->\n",
                     encoding="utf-8")
    assert findings(cli, whole) == []
    everything = tmp_path / "all.txt"
    everything.write_text("<!-- mtlint: disable-file -->\nĐại sứ Naoki Ito tại tỉnh Sơn Ma\n", encoding="utf-8")
    assert findings(cli, everything) == []


def test_html_directives_use_source_lines(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body>\n"
        "<p>tỉnh Sơn Ma</p>\n"
        "<!-- mtlint: disable-next-line=term-variant -->\n"
        "<p>tỉnh <b>Sơn Ma</b></p>\n"
        "<!-- mtlint: disable=term -->\n"
        "<div><p>Nguồn: Công ty B</p>\n"
        "<p>Đại sứ Naoki Ito</p></div>\n"
        "<!-- mtlint: enable=term -->\n"
        "<p>Nguồn: Công ty B</p>\n"
        "</body></html>\n", encoding="utf-8")
    assert findings(cli, "--select", "term", page) == [("term-variant", 2), ("term-variant", 9)]


def test_po_hash_comment_directive(cli, tmp_path):
    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '# mtlint: disable=term-variant\n'
        'msgid "Gunma"\nmsgstr "tỉnh Sơn Ma"\n\n'
        '# mtlint: enable=term-variant\n'
        'msgid "B&Company"\nmsgstr "Công ty B"\n', encoding="utf-8")
    assert findings(cli, path) == [("term-variant", 10)]


def test_warn_unused_suppressions(cli, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(
        "<!-- mtlint: disable-next-line=term-order -->\n"
        "tỉnh Sơn Ma\n"
        "<!-- mtlint: disable-next-line=term-variant -->\n"
        "tỉnh Sơn Ma\n", encoding="utf-8")
    quiet = cli("lint", *MINI, path)
    assert quiet.exit_code == 1 and "unused-suppression" not in quiet.stdout
    loud = cli("lint", *MINI, "--warn-unused-suppressions", path)
    assert f"{path}:1:1: warning [unused-suppression]" in loud.stdout
    assert "disable-next-line=term-order" in loud.stdout
    assert f"{path}:3:1" not in loud.stdout  # that one silenced line 4
    # a directive for a rule that did not run is not called unused
    only_variant = cli("lint", *MINI, "--warn-unused-suppressions", "--select", "term-variant", path)
    assert "unused-suppression" not in only_variant.stdout


def test_unknown_rule_in_directive_is_reported(cli, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("<!-- mtlint: disable=term-varient -->\ntỉnh Sơn Ma\n", encoding="utf-8")
    result = cli("lint", *MINI, path)
    assert "1:1: warning [invalid-suppression] unknown rule or prefix 'term-varient'" in result.stdout
    assert f"{path}:2:6: error [term-variant]" in result.stdout  # the typo silences nothing
    bad = tmp_path / "bad.txt"
    bad.write_text("<!-- mtlint: disabel=term-variant -->\n", encoding="utf-8")
    assert "unknown mtlint directive 'disabel'" in cli("lint", *MINI, bad).stdout


def test_per_file_ignores_from_config(cli, tmp_path, monkeypatch):
    (tmp_path / "legacy").mkdir()
    for name in ("legacy/old.txt", "new.txt"):
        (tmp_path / name).write_text("Đại sứ Naoki Ito tại tỉnh Sơn Ma\n", encoding="utf-8")
    (tmp_path / ".mtlint.toml").write_text(
        'default-glossary = false\nglossaries = ["%s"]\n[per-file-ignores]\n"legacy/**" = ["term-order"]\n'
        % MINI_GLOSSARY.as_posix(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("lint", "--format", "json", "--select", "term", ".")
    got = {(f["path"].replace("\\", "/").lstrip("./"), f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert got == {("legacy/old.txt", "term-variant"), ("new.txt", "term-variant"), ("new.txt", "term-order")}


def test_seed_000_range_suppression_keeps_the_rest(cli, tmp_path):
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    # silence term-diacritics around the paragraph of line 22 only
    patched = lines[:21] + ["<!-- mtlint: disable=term-diacritics -->", lines[21],
                            "<!-- mtlint: enable=term-diacritics -->"] + lines[22:]
    path = tmp_path / "seed.txt"
    path.write_text("\n".join(patched), encoding="utf-8")
    before = findings(cli, "--select", "term", SEED_000)
    after = findings(cli, "--select", "term", path)
    shifted = [(rule, line + 2 if line > 22 else line + 1 if line == 22 else line) for rule, line in before]
    assert ("term-diacritics", 23) not in after
    assert sorted(after) == sorted(f for f in shifted if f != ("term-diacritics", 23))
