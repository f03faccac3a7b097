"""Stray English in Vietnamese text (text-stray-english) and the structure-
aware untranslated segments (text-untranslated): English headings, table
cells, reading lists and citations, one language verdict per span, and the
source-language setting. Texts written for these tests."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker import rules as registry
from checker.config import Config, ConfigError, load_config_file
from checker.language import english_frequency, english_heading, find_untranslated, is_stray_word
from checker.linter import Linter

VI = "Hệ thống tưới cây tự động đo độ ẩm của đất và bật máy bơm khi đất quá khô."


def lint_md(glossary, tmp_path, text, rule, name="lesson.md", **config):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = Linter(glossary, Config(select=(rule,), default_glossary=False, **config)).lint_paths([str(path)])
    lines = text.split("\n")
    return [(lines[f.line - 1][f.column - 1:f.end_column - 1], f) for f in run.findings]


# -- word frequencies -------------------------------------------------------------

def test_word_frequencies_tell_stray_english_from_loanwords():
    for word in ("note", "input", "output", "tutorial", "documentation", "authorities"):
        assert is_stray_word(word), word
    for word in ("email", "video", "website", "internet"):  # Vietnamese writes these as they are
        assert not is_stray_word(word), word
    assert english_frequency("can") is None  # spelt like a Vietnamese syllable: left out
    assert english_frequency("zzzzqx") is None


def test_word_list_is_loaded_lazily():
    code = ("import checker.linter, checker.rules, checker.language as l; "
            "print(l._english.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


def test_english_heading_needs_common_words_that_are_not_names():
    assert english_heading("Input/Output")
    assert english_heading("Review & Self Study")
    assert not english_heading("Raspberry Pi", names={"raspberry"})
    assert not english_heading("CPU")
    assert not english_heading("Contoso Kinetis")


# -- text-untranslated with the Markdown structure ---------------------------------

def test_english_heading_is_one_finding(mini_glossary, tmp_path):
    text = f"# Bài học\n\n{VI}\n\n### Input/Output\n\n{VI}\n"
    found = lint_md(mini_glossary, tmp_path, text, "text-untranslated")
    assert [span for span, _ in found] == ["Input/Output"]
    assert found[0][1].message.startswith("English heading")


def test_heading_that_names_a_product_stays_quiet(mini_glossary, tmp_path):
    text = f"# Bài học\n\n## Raspberry Pi\n\nBạn có thể dùng một Raspberry Pi làm máy chủ. {VI}\n"
    assert lint_md(mini_glossary, tmp_path, text, "text-untranslated") == []


def test_table_rows_are_judged_cell_by_cell(mini_glossary, tmp_path):
    text = (f"{VI}\n\n| Thiết bị | Kích thước |\n|---|---|\n| Contoso Kinetis KL03 | 1.6mm x 2mm x 1mm |\n"
            f"| Wio Terminal | 72mm x 57mm x 12mm |\n\n{VI}\n")
    assert lint_md(mini_glossary, tmp_path, text, "text-untranslated") == []
    text = f"{VI}\n\n| Thiết bị | Ghi chú |\n|---|---|\n| Contoso | Keep the sensor away from the water |\n\n{VI}\n"
    found = lint_md(mini_glossary, tmp_path, text, "text-untranslated")
    assert [span for span, _ in found] == ["Keep the sensor away from the water"]


def test_reading_lists_and_citations_are_titles(mini_glossary, tmp_path):
    text = (f"{VI}\n\n## Đọc thêm\n\n- [What is a public key? | Contoso Security](https://example.org/a)\n"
            "- [Why is patching important to the security of the network? - Contoso](https://example.org/b)\n\n"
            "* Năm 2016, một mạng botnet đã tấn công nhà cung cấp DNS. [Contoso News - Botnet of cameras "
            "takes down the DNS provider of the east coast](https://example.org/c)\n")
    assert lint_md(mini_glossary, tmp_path, text, "text-untranslated") == []


def test_a_japanese_line_gets_one_verdict():
    text = f"{VI}\n群馬県知事との会談について。\n{VI}\n"
    segments = find_untranslated(text)
    assert len(segments) == 1
    assert segments[0].language == "Japanese"


def test_english_sentence_is_reported_once(mini_glossary, tmp_path):
    text = f"{VI}\n\nThe pump is turned on when the soil is too dry.\n\n{VI}\n"
    found = lint_md(mini_glossary, tmp_path, text, "text-untranslated")
    assert [span for span, _ in found] == ["The pump is turned on when the soil is too dry."]


# -- text-stray-english on Markdown -------------------------------------------------

def test_stray_english_in_markdown(mini_glossary, tmp_path):
    text = (f"# Bài học\n\n{VI}\n\n**Note:** Bạn có thể đọc thêm tại [RSA page on Wikipedia](https://example.org/rsa).\n\n"
            "```python\nprint('Note: the pump pages are here')\n```\n\n"
            "Chạy lệnh `az group create --name Note: docs` rồi mở [Contoso portal documentation](https://example.org/d).\n")
    found = lint_md(mini_glossary, tmp_path, text, "text-stray-english")
    assert [span for span, _ in found] == ["**Note:**", "RSA page on Wikipedia", "Contoso portal documentation"]
    assert found[0][1].suggestion == "**Lưu ý:**"
    assert all(f.severity.name == "WARNING" and f.category == "untranslated" for _, f in found)


def test_source_language_ja_turns_the_english_word_checks_off(mini_glossary, tmp_path):
    text = "**Note:** Chiếc xe chạy với tốc độ 60 mph trên đường cao tốc.\n"
    assert [s for s, _ in lint_md(mini_glossary, tmp_path, text, "text-stray-english")] == ["**Note:**", "mph"]
    found = lint_md(mini_glossary, tmp_path, text, "text-stray-english", source_language="ja")
    assert [s for s, _ in found] == ["mph"]  # units are checked whatever the source


def test_source_language_in_config_and_on_the_command_line(tmp_path, monkeypatch):
    (tmp_path / ".mtlint.toml").write_text('source-language = "ja"\n', encoding="utf-8")
    assert load_config_file(tmp_path / ".mtlint.toml", registry).source_language == "ja"
    (tmp_path / "bad.toml").write_text('source-language = "fr"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="source-language"):
        load_config_file(tmp_path / "bad.toml", registry)
    doc = tmp_path / "a.txt"
    doc.write_text("**Note:** Bạn có thể đọc thêm ở phần sau.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["lint", "--no-config", "--no-cache", "--select", "text-stray-english", str(doc)]
    assert runner.invoke(main, args).exit_code == 1
    assert runner.invoke(main, args + ["--source-language", "ja"]).exit_code == 0
    assert runner.invoke(main, args + ["--source-language", "fr"]).exit_code == 2


def test_a_quoted_english_line_is_one_finding_not_a_line_and_a_sentence(mini_glossary, tmp_path):
    text = f"{VI}\n\n1. Chạy mã trên máy chủ.\n\n    > 💁 You can open the file in a text editor to check the data.\n\n{VI}\n"
    found = lint_md(mini_glossary, tmp_path, text, "text-untranslated")
    assert len(found) == 1 and found[0][1].message.startswith("English line")


def test_an_english_heading_of_words_that_are_not_syllables_says_english(mini_glossary, tmp_path):
    text = f"# Bài học\n\n{VI}\n\n## Review & Self-study\n\n{VI}\n"
    found = lint_md(mini_glossary, tmp_path, text, "text-untranslated")
    assert [span for span, _ in found] == ["Review & Self-study"]
    assert found[0][1].message.startswith("English heading")


def test_a_heading_word_the_text_uses_as_a_loanword_is_not_english(mini_glossary, tmp_path):
    assert is_stray_word("relay")  # wordfreq: not in Vietnamese text at large
    text = (f"# Bài học\n\n{VI} Loại phổ biến là relay.\n\n### Relay\n\n"
            "Khi có điện, cuộn dây hút tiếp điểm và máy bơm chạy.\n")
    assert lint_md(mini_glossary, tmp_path, text, "text-untranslated") == []
    assert english_heading("Relay")  # the heading alone would be English


def test_loanwords_are_the_words_used_amid_vietnamese():
    from checker.rules.text_stray_english import _loanwords

    text = ("Các framework và container chạy trên máy chủ; _blob, .cache, node-server, `queue`.\n"
            "Dùng relay*, api/route, email@host và edge.\n"
            "plain english words far away from any marks " + " " * 120 + "laptop")
    full = _loanwords(text)
    assert "framework" in full and "laptop" not in full and "blob" not in full


def test_english_words_that_share_a_space_are_each_a_candidate():
    from checker.language import _function_hits

    text = "Xem bài  of the day, the end of the the is are was and"
    needles = (" the ", " of ", " and ", " is ", " are ", " was ")
    expected = sorted(i + 1 for i in range(len(text)) for n in needles if text.startswith(n, i))
    assert _function_hits(text) == expected
