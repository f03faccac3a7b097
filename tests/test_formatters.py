"""Machine formats of ``mtlint lint``: SARIF 2.1.0 (validated against the
official schema) and GitHub Actions annotations; and the progress bar, which
machine formats never show."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import pytest

from checker.formatters import FORMATTERS
from checker.model import Finding, InputProblem, LintResult, Severity
from checker.progress import ProgressBar, progress_for
from checker.rules import ALL_RULES

from conftest import MINI_GLOSSARY, ROOT, SEEDS, SHARED

SCHEMA = SHARED / "schemas" / "sarif-2.1.0.json"
MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)

# RFC 3986 characters of a URI reference (percent-encoding included).
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema {SCHEMA} not present")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _schema_errors(validator, log) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def _lint(cli, *args):
    json_run = cli("lint", "--format", "json", *MINI, *args)
    return json.loads(json_run.stdout)["findings"]


def _finding(**changes) -> Finding:
    base = dict(path="docs/a.txt", line=3, column=5, end_line=3, end_column=11, rule="term-variant",
                category="name-variant", severity=Severity.ERROR, message="'Sơn Ma' is wrong", suggestion="Gunma")
    base.update(changes)
    return Finding(**base)


# -- SARIF -------------------------------------------------------------------

def test_sarif_of_the_seeds_validates_and_mirrors_the_findings(cli, sarif_validator, monkeypatch):
    monkeypatch.chdir(ROOT)  # relative paths, as in CI: URIs relative to %SRCROOT%
    expected = _lint(cli, "seeds")
    run = cli("lint", "--format", "sarif", *MINI, "seeds")
    assert run.exit_code == 1
    log = json.loads(run.output)
    assert _schema_errors(sarif_validator, log) == []
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.name for r in ALL_RULES]
    for descriptor in rules:
        assert descriptor["shortDescription"]["text"]
        assert "## What it does" in descriptor["fullDescription"]["text"]
    results = sarif_run["results"]
    assert len(results) == len(expected) > 0
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results, expected):
        assert result["ruleId"] == finding["rule"]
        assert rules[result["ruleIndex"]]["id"] == finding["rule"]
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": finding["path"], "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {"startLine": finding["line"], "startColumn": finding["column"],
                                      "endLine": finding["end_line"], "endColumn": finding["end_column"]}


def test_sarif_fixes_replace_the_flagged_code_points(cli, monkeypatch):
    """The fix's region, counted in code points, selects the wrong
    rendering in the file."""
    monkeypatch.chdir(ROOT)
    log = json.loads(cli("lint", "--format", "sarif", *MINI, "seeds").output)
    seed_lines = {}
    fixed = 0
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            (change,) = fix["artifactChanges"]
            (replacement,) = change["replacements"]
            region = replacement["deletedRegion"]
            path = change["artifactLocation"]["uri"]
            lines = seed_lines.setdefault(path, open(path, encoding="utf-8").read().split("\n"))
            line = lines[region["startLine"] - 1]
            old = line[region["startColumn"] - 1:region["endColumn"] - 1]
            inserted = replacement["insertedContent"]["text"]
            assert old != inserted
            # term-* messages quote the flagged text: the region selects it
            if result["ruleId"].startswith("term-"):
                assert f"'{old}'" in result["message"]["text"]
            if inserted == "Gunma":
                assert old == "Sơn Ma"
            fixed += 1
    assert fixed > 0


def test_sarif_reports_unreadable_files_as_notifications(sarif_validator, tmp_path):
    result = LintResult(files=1, findings=[_finding(suggestion=None)],
                        problems=[InputProblem(str(tmp_path / "bad file.txt"), "not valid UTF-8", line=2)])
    log = json.loads(FORMATTERS["sarif"](result))
    assert _schema_errors(sarif_validator, log) == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["message"]["text"] == "not valid UTF-8"
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/bad%20file.txt")
    assert "fixes" not in log["runs"][0]["results"][0]


def test_sarif_uris_are_uri_references(sarif_validator):
    result = LintResult(files=1, findings=[_finding(path="thư mục/báo cáo #1.txt")])
    log = json.loads(FORMATTERS["sarif"](result))
    assert _schema_errors(sarif_validator, log) == []
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert URI_REFERENCE.match(location["uri"]), location["uri"]
    assert location == {"uri": "th%C6%B0%20m%E1%BB%A5c/b%C3%A1o%20c%C3%A1o%20%231.txt", "uriBaseId": "%SRCROOT%"}


def test_sarif_of_a_clean_run_is_valid(sarif_validator):
    log = json.loads(FORMATTERS["sarif"](LintResult(files=2)))
    assert _schema_errors(sarif_validator, log) == []
    assert log["runs"][0]["results"] == []


# -- GitHub annotations --------------------------------------------------------

# https://docs.github.com/actions/reference/workflow-commands-for-github-actions
ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,:]+),line=(?P<line>\d+),endLine=(?P<end_line>\d+),"
    r"col=(?P<col>\d+),endColumn=(?P<end_col>\d+),title=(?P<title>[^,:]+)::(?P<message>.+)$"
)


def test_github_annotations_of_the_seeds_follow_the_documented_syntax(cli):
    expected = _lint(cli, SEEDS)
    run = cli("lint", "--format", "github", *MINI, SEEDS)
    assert run.exit_code == 1
    lines = run.output.splitlines()
    assert len(lines) == len(expected) > 0
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, expected):
        match = ANNOTATION.match(line)
        assert match, line
        assert match["level"] == levels[finding["severity"]]
        assert match["file"] == finding["path"]
        assert (int(match["line"]), int(match["col"]), int(match["end_line"]), int(match["end_col"])) == (
            finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        assert match["title"] == f"mtlint {finding['rule']}"
        assert match["message"].startswith(finding["message"])
    assert Counter(line.split(" ", 1)[0] for line in lines)["::error"] == sum(
        1 for f in expected if f["severity"] == "error")


def test_github_escapes_data_and_properties():
    finding = _finding(path="a,b:c.txt", message="50% done\nsecond line", suggestion="x\r")
    problem = InputProblem("odd, name.txt", "binary file", line=None)
    text = FORMATTERS["github"](LintResult(files=1, findings=[finding], problems=[problem]))
    assert text == (
        "::error file=a%2Cb%3Ac.txt,line=3,endLine=3,col=5,endColumn=11,title=mtlint term-variant"
        "::50%25 done%0Asecond line (→ x%0D)\n"
        "::error file=odd%2C name.txt,title=mtlint input error::binary file\n"
    )


def test_github_severities_map_to_commands():
    findings = [_finding(severity=Severity.WARNING), _finding(line=4, end_line=4, severity=Severity.INFO)]
    lines = FORMATTERS["github"](LintResult(files=1, findings=findings)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::notice"]


# -- progress bar ----------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_for_human_output_on_a_terminal():
    assert isinstance(progress_for("text", _Terminal()), ProgressBar)
    assert isinstance(progress_for(None, _Terminal()), ProgressBar)  # report: output goes to a file
    for machine in ("json", "sarif", "github"):
        assert progress_for(machine, _Terminal()) is None
    assert progress_for("text", io.StringIO()) is None


def test_progress_bar_draws_after_the_delay_and_erases_itself():
    now = [0.0]
    stream = _Terminal()
    bar = ProgressBar(stream, clock=lambda: now[0])
    bar(1, 100)  # a quick run prints nothing
    assert stream.getvalue() == ""
    now[0] = 1.0
    bar(50, 100)
    assert stream.getvalue().endswith("50/100 files")
    assert stream.getvalue().startswith("\rlinting ")
    now[0] = 1.01
    bar(51, 100)  # throttled
    assert "51/100" not in stream.getvalue()
    now[0] = 1.02
    bar(100, 100)  # the last step always draws, then clears the line
    assert "100/100 files" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[K")


def _stderr_on_a_terminal(*args) -> str:
    """Run mtlint with stderr on a pseudo-terminal (the bar's delay set to
    0 so a short run draws it) and return what the terminal received."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    code = "import sys, checker.progress as p; p.DELAY = 0; from checker.cli import main; sys.exit(main())"
    try:
        subprocess.run([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.DEVNULL,
                       stderr=slave, timeout=60, check=False)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_text_output_shows_progress_on_a_terminal_and_machine_formats_never():
    # --no-cache: a run answered whole from the result cache is instant and draws no bar
    shown = _stderr_on_a_terminal("lint", "--no-cache", *MINI, SEEDS)
    assert "linting" in shown and "3/3 files" in shown
    for fmt in ("json", "sarif", "github"):
        assert _stderr_on_a_terminal("lint", "--format", fmt, *MINI, SEEDS) == ""


def test_progress_bar_moves_within_a_large_file_and_erases_the_longer_line():
    now = [1.0]
    stream = _Terminal()
    bar = ProgressBar(stream, delay=0, clock=lambda: now[0])
    bar.file_part(0, 2, "big.txt", 0.5)
    drawn = stream.getvalue()
    assert drawn.endswith("0/2 files, big.txt 50%\x1b[K")
    assert drawn.count("█") == 7  # a quarter of the run: half of the first of two files
    now[0] = 2.0
    bar(1, 2)
    assert stream.getvalue()[len(drawn):] == "\rlinting " + "█" * 15 + "·" * 15 + " 1/2 files\x1b[K"
