"""term-source: a name the source unit names must not vanish from its
translation (bilingual XLIFF/PO documents)."""

from __future__ import annotations

from checker.config import Config
from checker.linter import Linter

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="forum.txt" source-language="en" target-language="vi" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Governor Yamamoto of Gunma attended the forum.</source>
        <target>{t1}</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Prime Minister Pham Minh Chinh welcomed Ambassador Naoki Ito.</source>
        <target>{t2}</target>
      </trans-unit>
      <trans-unit id="3">
        <source>The delegation from 群馬県 arrived in the long and quiet afternoon.</source>
        <target>{t3}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

GOOD = {
    "t1": "Thống đốc Yamamoto của tỉnh Gunma đã tham dự diễn đàn.",
    "t2": "Thủ tướng Phạm Minh Chính tiếp Đại sứ Ito Naoki.",
    "t3": "Đoàn đại biểu tỉnh Gunma đến vào một buổi chiều dài và yên tĩnh.",
}


def _lint(tmp_path, glossary, **targets):
    path = tmp_path / "forum.xlf"
    path.write_text(XLIFF.format(**{**GOOD, **targets}), encoding="utf-8")
    config = Config(select=("term",), default_glossary=False)
    return Linter(glossary, config).lint_paths([path]).findings, path


def _flagged_text(path, finding):
    line = path.read_text(encoding="utf-8").split("\n")[finding.line - 1]
    return line[finding.column - 1:finding.end_column - 1]


def test_a_faithful_translation_is_quiet(tmp_path, mini_glossary):
    findings, _ = _lint(tmp_path, mini_glossary)
    assert [f for f in findings if f.rule == "term-source"] == []


def test_a_dropped_name_is_reported_on_its_unit(tmp_path, mini_glossary):
    dropped = "Thống đốc Yamamoto của tỉnh đã tham dự diễn đàn."
    findings, path = _lint(tmp_path, mini_glossary, t1=dropped)
    (finding,) = [f for f in findings if f.rule == "term-source"]
    assert _flagged_text(path, finding) == dropped
    assert "'Gunma'" in finding.message


def test_names_written_the_source_way_count(tmp_path, mini_glossary):
    # English "Pham Minh Chinh" and given-name-first "Naoki Ito" name the entries
    findings, _ = _lint(tmp_path, mini_glossary, t2="Thủ tướng tiếp Đại sứ.")
    (finding,) = [f for f in findings if f.rule == "term-source"]
    assert "'Pham Minh Chinh' (the person Phạm Minh Chính)" in finding.message
    assert "'Naoki Ito' (the person Ito Naoki)" in finding.message


def test_a_source_form_in_kanji_counts(tmp_path, mini_glossary):
    findings, _ = _lint(tmp_path, mini_glossary, t3="Đoàn đại biểu đến vào buổi chiều.")
    assert ["群馬県" in f.message for f in findings if f.rule == "term-source"] == [True]


def test_a_wrong_rendering_is_left_to_the_other_rules(tmp_path, mini_glossary):
    findings, _ = _lint(tmp_path, mini_glossary, t1="Thống đốc Yamamoto của tỉnh Sơn Ma đã tham dự.")
    rules = {f.rule for f in findings}
    assert "term-variant" in rules and "term-source" not in rules


def test_lower_case_words_do_not_name_entries(tmp_path, mini_glossary):
    # "long" in the English source of unit 3 is not the place Vĩnh Long / Long An
    findings, _ = _lint(tmp_path, mini_glossary)
    assert not any("Long" in f.message for f in findings)


def test_plain_text_has_no_units_and_is_not_checked(mini_linter):
    assert [f for f in mini_linter.lint_text("Thống đốc tỉnh đã tham dự.") if f.rule == "term-source"] == []
