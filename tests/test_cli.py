"""The CLI's exit codes, output formats and bad-input handling (CliRunner)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import MINI_GLOSSARY, NATIVE_SEEDS, SEED_000

SEEDS = Path(SEED_000).parent

MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)


def test_findings_exit_1_with_path_line_column(cli):
    result = cli("lint", *MINI, SEED_000)
    assert result.exit_code == 1
    assert f"{SEED_000}:22:464: error [term-variant] 'Sơn Ma'" in result.stdout
    assert "(→ Gunma)" in result.stdout


def test_clean_file_exits_0(cli, tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("Thủ tướng Phạm Minh Chính tiếp Thống đốc tỉnh Gunma.\n", encoding="utf-8")
    result = cli("lint", *MINI, path)
    assert result.exit_code == 0, result.stdout
    assert "no findings in 1 file(s)" in result.stdout


def test_fail_on_error_ignores_warnings(cli, tmp_path):
    path = tmp_path / "w.txt"
    path.write_text("Đại sứ Nhật Bản tại Việt Nam Naoki Ito phát biểu.\n", encoding="utf-8")
    assert cli("lint", *MINI, path).exit_code == 1
    assert cli("lint", *MINI, "--fail-on", "error", path).exit_code == 0


def test_json_contract(cli):
    result = cli("lint", *MINI, "--format", "json", SEED_000)
    payload = json.loads(result.stdout)
    assert payload["version"] == 1 and payload["files"] == 1
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message", "suggestion"}
    for finding in payload["findings"]:
        assert set(finding) == keys
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["end_column"] > finding["column"]
    son_ma = next(f for f in payload["findings"] if f["suggestion"] == "Gunma")
    line = SEED_000.read_text(encoding="utf-8").split("\n")[son_ma["line"] - 1]
    assert line[son_ma["column"] - 1:son_ma["end_column"] - 1] == "Sơn Ma"


def test_select_and_ignore_by_prefix(cli):
    only_order = json.loads(cli("lint", *MINI, "--format", "json", "--select", "term-order", SEED_000).stdout)
    assert {f["rule"] for f in only_order["findings"]} == {"term-order"}
    no_term = json.loads(cli("lint", *MINI, "--format", "json", "--ignore", "term", SEED_000).stdout)
    assert no_term["findings"] and not any(f["rule"].startswith("term-") for f in no_term["findings"])


def test_unknown_rule_is_a_usage_error(cli):
    result = cli("lint", *MINI, "--select", "term-nonsense", SEED_000)
    assert result.exit_code == 2
    assert "unknown rule or prefix: term-nonsense" in result.stderr


def test_bad_rule_option(cli):
    result = cli("lint", *MINI, "--rule-option", "term-order.style=sideways", SEED_000)
    assert result.exit_code == 2
    assert "term-order.style: 'sideways' is not one of" in result.stderr


def test_stdin(cli):
    result = cli("lint", *MINI, "-", input="Nguồn: Công ty B\n")
    assert result.exit_code == 1
    assert "<stdin>:1:8: error [term-variant]" in result.stdout


def test_folder_is_linted_recursively(cli, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.md").write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    (tmp_path / "a" / "skip.bin").write_bytes(b"\x00\x01")
    result = cli("lint", *MINI, "--format", "json", tmp_path)
    payload = json.loads(result.stdout)
    assert payload["files"] == 1 and payload["findings"][0]["rule"] == "term-variant"


@pytest.mark.parametrize("content,message", [
    (b"abc\x00def", "binary file"),
    ("dòng một\n".encode() + b"\xff\xfe\n", ":2: not valid UTF-8"),
])
def test_bad_file_is_reported_and_others_still_linted(cli, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    result = cli("lint", *MINI, bad, good)
    assert result.exit_code == 2
    assert message in result.stderr and str(bad) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{good}:1:6: error [term-variant]" in result.stdout


def test_missing_path_and_empty_folder(cli, tmp_path):
    result = cli("lint", *MINI, tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("lint", *MINI, empty)
    assert result.exit_code == 2 and "no .txt/.md/.markdown files in this folder" in result.stderr


def test_empty_file_is_clean(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert cli("lint", *MINI, path).exit_code == 0


def test_very_long_line(cli, tmp_path):
    path = tmp_path / "long.txt"
    filler = "Đây là một câu văn bình thường về hợp tác kinh tế. " * 20000
    path.write_text(filler + "tỉnh Sơn Ma\n", encoding="utf-8")
    result = cli("lint", *MINI, "--format", "json", path)
    finding = json.loads(result.stdout)["findings"][0]
    assert (finding["line"], finding["column"]) == (1, len(filler) + 6)


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_malformed_glossary_exits_2_naming_file_and_line(cli, tmp_path, cache):
    glossary = tmp_path / "bad.yaml"
    glossary.write_text("entries:\n  - canonical: Gunma\n    kind: prefecture\n", encoding="utf-8")
    result = cli("lint", *cache, "--no-default-glossary", "--glossary", glossary, SEED_000)
    assert result.exit_code == 2
    assert f"glossary error: {glossary}:2: kind 'prefecture'" in result.stderr
    assert not result.stdout  # nothing was linted


def test_contradictory_glossary_exits_2(cli, tmp_path):
    glossary = tmp_path / "bad.yaml"
    glossary.write_text("entries:\n  - canonical: Gunma\n    kind: place\n    variants: [Osaka]\n"
                        "  - canonical: Osaka\n    kind: place\n", encoding="utf-8")
    result = cli("glossary", "check", glossary)
    assert result.exit_code == 2
    assert "variant 'Osaka' of 'Gunma' is an accepted form of 'Osaka'" in result.stdout


def test_rules_lists_every_rule_with_docs(cli):
    from checker.rules import ALL_RULES

    result = cli("rules")
    assert result.exit_code == 0
    for rule in ALL_RULES:
        assert rule.name in result.stdout
    assert "## Why is this bad?" in result.stdout
    assert "option term-order.style" in result.stdout


def test_glossary_show(cli):
    result = cli("glossary", "show", "--no-default-glossary", "--glossary", MINI_GLOSSARY, "son ma")
    assert result.exit_code == 0 and "Gunma [place]" in result.stdout


def test_native_seeds_have_no_error_with_shipped_glossary(cli):
    result = cli("lint", "--format", "json", *NATIVE_SEEDS)
    errors = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert errors == []


def test_a_crashing_rule_costs_one_file_not_the_run(cli, tmp_path, crash_on_boom):
    bad = tmp_path / "boom.txt"
    bad.write_text("boom\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("tỉnh Sơn Ma\n", encoding="utf-8")
    result = cli("lint", *MINI, bad, good)
    assert result.exit_code == 2
    assert f"{bad}: internal error while linting (RuntimeError: simulated bug)" in result.stderr
    assert "Traceback" not in result.stderr
    assert f"{good}:1:6: error [term-variant]" in result.stdout


# -- the installed command (checker.__main__.run, then checker.cli.entry_point) ---------
def _command(*args, cache_dir, stdin=None):
    import subprocess
    import sys

    script = Path(sys.executable).with_name("mtlint")
    if not script.exists():
        pytest.skip("the mtlint command is not installed in this environment")
    env = {**os.environ, "MTLINT_CACHE_DIR": str(cache_dir)}
    return subprocess.run([str(script), *map(str, args)], capture_output=True, env=env, input=stdin, timeout=120)


def test_the_command_exits_fast_with_its_output_whole_and_its_caches_written(tmp_path):
    """The command skips the interpreter's teardown: every byte of a long
    output still arrives, the exit status is kept, and what is written at
    exit (the compiled-pattern cache) is written."""
    cache = tmp_path / "cache"
    done = _command("lint", "--no-cache", "--format", "json", SEEDS, cache_dir=cache)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert len(report["findings"]) > 40 and report["files"] == 3
    written = sorted(p.name for p in cache.iterdir())
    assert any(n.startswith("regex-") for n in written) and any(n.startswith("dataclass-methods-") for n in written), written
    missing = _command("lint", tmp_path / "nowhere.txt", cache_dir=cache)
    assert missing.returncode == 2 and b"no such file" in missing.stderr
    clean = _command("lint", "-", cache_dir=cache, stdin="Hà Nội là thủ đô.\n".encode())
    assert clean.returncode == 0, clean.stderr


def _collector_passes(start: str) -> dict:
    """The garbage collector's passes in a process that runs ``mtlint
    --version`` through ``start``, counted by an exit handler (the command
    runs exit handlers before it leaves)."""
    import subprocess
    import sys

    code = ("import atexit, gc, json, sys\n"
            "passes = []\n"
            "gc.callbacks.append(lambda phase, info: phase == 'start' and passes.append(info['generation']))\n"
            "atexit.register(lambda: sys.stderr.write(json.dumps({'passes': passes, 'enabled': gc.isenabled(), "
            "'frozen': gc.get_freeze_count()})))\n"
            f"sys.argv = ['mtlint', '--version']\n{start}\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and "mtlint" in done.stdout, done.stderr
    return json.loads(done.stderr)


def test_the_command_starts_with_the_collector_paused():
    """`mtlint` (checker.__main__.run) imports its modules without the
    garbage collector's passes, which find nothing among them, and leaves
    the collector on and nothing frozen."""
    paused = _collector_passes("from checker.__main__ import run\nrun()")
    plain = _collector_passes("from checker.cli import entry_point\nentry_point()")
    assert paused["enabled"] and paused["frozen"] == 0
    # (the passes left are Python's own start-up and the package's first module)
    assert 2 * len(paused["passes"]) < len(plain["passes"]) and len(plain["passes"]) > 20, (paused, plain)


def test_python_m_checker_is_the_command(tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "MTLINT_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "checker", "lint", "--no-cache", "--format", "json", SEED_000],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert len(json.loads(done.stdout)["findings"]) > 40
