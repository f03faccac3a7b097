"""--write-baseline / --baseline: accepted findings stay quiet, keyed by
rule, file and text in context, not by line number."""

from __future__ import annotations

import json
import shutil

from conftest import MINI_GLOSSARY, SEED_000

MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)


def lint(cli, *args):
    result = cli("lint", *MINI, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def test_baseline_survives_lines_inserted_above(cli, tmp_path):
    doc = tmp_path / "seed.txt"
    shutil.copyfile(SEED_000, doc)
    baseline = tmp_path / "baseline.json"
    written = cli("lint", *MINI, "--write-baseline", baseline, doc)
    assert written.exit_code == 0, written.output
    total = len(lint(cli, doc))
    assert f"wrote {baseline}: {total} finding(s)" in written.stdout
    assert lint(cli, "--baseline", baseline, doc) == []
    clean = cli("lint", *MINI, "--baseline", baseline, doc)
    assert clean.exit_code == 0

    # unrelated edit: three lines inserted at the top, one paragraph changed
    text = doc.read_text(encoding="utf-8").split("\n")
    text[11] = "Một câu hoàn toàn mới, viết lại bởi biên tập viên."
    doc.write_text("Tiêu đề mới\n\nDòng thêm\n" + "\n".join(text), encoding="utf-8")
    assert lint(cli, "--baseline", baseline, doc) == []

    # a new error is reported, and only it
    with doc.open("a", encoding="utf-8") as handle:
        handle.write("\nĐoàn đại biểu tỉnh Sơn Ma đã đến Hà Nội.\n")
    new = lint(cli, "--baseline", baseline, doc)
    assert [(f["rule"], f["suggestion"]) for f in new] == [("term-variant", "Gunma")]
    assert cli("lint", *MINI, "--baseline", baseline, doc).exit_code == 1


def test_identical_findings_are_counted(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    assert cli("lint", *MINI, "--write-baseline", baseline, doc).exit_code == 0
    doc.write_text("tỉnh Sơn Ma\ntỉnh Sơn Ma\n", encoding="utf-8")
    assert [f["line"] for f in lint(cli, "--baseline", baseline, doc)] == [2]


def test_editing_the_flagged_text_makes_it_new(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Thống đốc tỉnh Sơn Ma phát biểu.\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    cli("lint", *MINI, "--write-baseline", baseline, doc)
    doc.write_text("Phó thống đốc tỉnh Sơn Ma phát biểu.\n", encoding="utf-8")
    assert len(lint(cli, "--baseline", baseline, doc)) == 1


def test_baseline_paths_are_relative_to_the_baseline_file(cli, tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    doc = tmp_path / "docs" / "a.txt"
    doc.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    baseline = tmp_path / "mtlint-baseline.json"
    monkeypatch.chdir(tmp_path)
    cli("lint", *MINI, "--write-baseline", baseline, "docs/a.txt")
    payload = json.loads(baseline.read_text(encoding="utf-8"))
    assert payload["version"] == 1
    entry = payload["findings"][0]
    assert entry["path"] == "docs/a.txt" and entry["text"] == "Sơn Ma" and entry["rule"] == "term-variant"
    assert "line" not in entry
    # the same file named another way (absolute, from another folder) still matches
    monkeypatch.chdir(tmp_path / "docs")
    assert lint(cli, "--baseline", baseline, "a.txt") == []
    assert lint(cli, "--baseline", baseline, doc) == []


def test_baseline_from_config_and_html_file(cli, tmp_path, monkeypatch):
    page = tmp_path / "p.html"
    page.write_text("<p>tỉnh <b>Sơn Ma</b></p>\n", encoding="utf-8")
    (tmp_path / ".mtlint.toml").write_text('baseline = "accepted.json"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("lint", *MINI, "--write-baseline", "accepted.json", "p.html").exit_code == 0
    page.write_text("<h1>Tiêu đề</h1>\n\n<p>tỉnh <b>Sơn Ma</b></p>\n", encoding="utf-8")
    assert lint(cli, "p.html") == []  # config's baseline applies


def test_bad_baseline_is_a_one_line_usage_error(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    missing = cli("lint", *MINI, "--baseline", tmp_path / "nope.json", doc)
    assert missing.exit_code == 2 and "nope.json: no such baseline file" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": 1,\n "findings": [}', encoding="utf-8")
    result = cli("lint", *MINI, "--baseline", broken, doc)
    assert result.exit_code == 2
    assert f"{broken}:2: baseline is not valid JSON" in result.stderr
    assert "Traceback" not in result.output
