"""Configuration files: discovery upward, strict validation, CLI overrides."""

from __future__ import annotations

import json
import os
import tomllib

import pytest

from checker import rules as registry
from checker.config import Config, ConfigError, find_config_file, glob_match, load_config_file
from checker.model import Severity
from conftest import MINI_GLOSSARY

TEXT = "Đại sứ Naoki Ito tại tỉnh Sơn Ma và tỉnh Yamanasi\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A repository with a pyproject.toml [tool.mtlint] and a docs/ folder."""
    write(tmp_path / "pyproject.toml", """
[project]
name = "reports"

[tool.mtlint]
glossaries = ["terms/mini.yaml"]
default-glossary = false
select = ["term"]
ignore = ["term-fuzzy"]
fail-on = "error"
exclude = ["docs/drafts/"]

[tool.mtlint.severity]
term-order = "error"

[tool.mtlint.rule-options.term-order]
style = "given-first"
""")
    write(tmp_path / "terms" / "mini.yaml", MINI_GLOSSARY.read_text(encoding="utf-8"))
    write(tmp_path / "docs" / "a.txt", TEXT)
    write(tmp_path / "docs" / "drafts" / "wip.txt", TEXT)
    monkeypatch.chdir(tmp_path / "docs")
    return tmp_path


def rules_of(result):
    return sorted((f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"])


def test_pyproject_found_walking_up(cli, project):
    assert find_config_file() == project / "pyproject.toml"
    result = cli("lint", "--format", "json", "a.txt")
    # select/ignore, severity and rule option all come from the file:
    # given-first reports nothing for "Naoki Ito", the variant is an error
    assert rules_of(result) == [("term-variant", "error")]
    assert result.exit_code == 1


def test_cli_flags_override_the_file(cli, project):
    # --select replaces the file's selection (and its ignore), --rule-option
    # and --fail-on override single values
    result = cli("lint", "--format", "json", "--select", "term-order,term-fuzzy",
                 "--rule-option", "term-order.style=family-first", "a.txt")
    assert rules_of(result) == [("term-fuzzy", "warning"), ("term-order", "error")]
    assert cli("lint", "--select", "term-fuzzy", "a.txt").exit_code == 0  # fail-on error from the file
    assert cli("lint", "--select", "term-fuzzy", "--fail-on", "warning", "a.txt").exit_code == 1
    # --ignore alone adds to the file's ignores
    assert rules_of(cli("lint", "--format", "json", "--ignore", "term-variant", "a.txt")) == []
    # --no-config: defaults (the shipped glossary is back, so give the mini one)
    plain = cli("lint", "--no-config", "--no-default-glossary", "--glossary", MINI_GLOSSARY,
                "--format", "json", "a.txt")
    assert ("term-order", "warning") in rules_of(plain)


def test_exclude_applies_to_walks_and_named_files(cli, project):
    walked = json.loads(cli("lint", "--format", "json", ".").stdout)
    assert walked["files"] == 1
    named = cli("lint", "drafts/wip.txt")
    assert named.exit_code == 0 and "excluded" in named.stderr


def test_no_paths_lints_the_configured_set(cli, project, monkeypatch):
    write(project / "pyproject.toml",
          (project / "pyproject.toml").read_text(encoding="utf-8").replace(
              'exclude = ["docs/drafts/"]', 'include = ["docs/**/*.txt"]\nexclude = ["docs/drafts/"]'))
    write(project / "README.txt", TEXT)  # not included
    monkeypatch.chdir(project)
    payload = json.loads(cli("lint", "--format", "json").stdout)
    assert payload["files"] == 1
    assert {os.path.normpath(f["path"]) for f in payload["findings"]} == {os.path.join("docs", "a.txt")}


def test_dot_mtlint_toml_wins_in_its_folder(cli, project, monkeypatch):
    write(project / "docs" / ".mtlint.toml", 'default-glossary = false\nglossaries = ["../terms/mini.yaml"]\n')
    assert find_config_file() == project / "docs" / ".mtlint.toml"
    result = cli("lint", "--format", "json", "a.txt")
    assert ("term-order", "warning") in rules_of(result) and ("term-fuzzy", "warning") in rules_of(result)
    explicit = cli("lint", "--config", project / "pyproject.toml", "--format", "json", "a.txt")
    assert rules_of(explicit) == [("term-variant", "error")]


def test_pyproject_without_table_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.mtlint]\nfail-on = "info"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    monkeypatch.chdir(tmp_path / "sub")
    assert find_config_file() == tmp_path / "pyproject.toml"
    assert load_config_file(find_config_file(), registry).fail_on is Severity.INFO


@pytest.mark.parametrize("body,message", [
    ('fail_on = "error"\n', ":1: unknown key 'fail_on' in .mtlint.toml (did you mean 'fail-on'?)"),
    ('select = ["term-nonsense"]\n', ":1: unknown rule or prefix 'term-nonsense' in 'select'"),
    ('\n[rule-options.term-order]\nstyle = "sideways"\n', ":3: term-order.style: 'sideways' is not one of"),
    ('\n\n[rule-options.term-order]\ncolour = "red"\n', ":4: rule term-order has no option 'colour'"),
    ('[rule-options.term-ordr]\nstyle = "consistent"\n', ":1: unknown rule 'term-ordr' in [rule-options] "
                                                         "(did you mean 'term-order'?)"),
    ('[rule-options.term-fuzzy]\nmin_length = "seven"\n', ":2: term-fuzzy.min_length: expected a int"),
    ('[severity]\nterm-order = "fatal"\n', ":2: 'severity.term-order' must be \"error\", \"warning\" or \"info\""),
    ('[per-file-ignores]\n"old/**" = ["term-nope"]\n', ":2: unknown rule or prefix 'term-nope'"),
    ('jobs = 0\n', ":1: 'jobs' must be a whole number of at least 1"),
    ('glossaries = "terms.yaml"\n', ":1: 'glossaries' must be a list of strings, got a string"),
    ('fail-on = "error"\nfail-on = "info"\n', ":2: invalid TOML: Cannot overwrite a value"),
])
def test_validation_names_file_line_and_key(cli, tmp_path, monkeypatch, body, message):
    config = write(tmp_path / ".mtlint.toml", body)
    write(tmp_path / "a.txt", TEXT)
    monkeypatch.chdir(tmp_path)
    result = cli("lint", "a.txt")
    assert result.exit_code == 2
    assert f"mtlint: error: {config}{message}" in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_every_problem_is_listed(tmp_path):
    config = write(tmp_path / ".mtlint.toml", 'colour = 1\nfail-on = "loud"\n')
    with pytest.raises(ConfigError) as info:
        load_config_file(config, registry)
    text = str(info.value)
    assert "colour" in text and "loud" in text and len(text.splitlines()) == 2


@pytest.mark.parametrize("text, ours", [
    ('[tool.mtlint]\nfail-on = "info"\n', True),
    ('[ tool . "mtlint" ]\nfail-on = "info"\n', True),
    ("[tool.'mtlint']\nfail-on = 'info'\n[tool.mtlint.rule-options.text-casing]\nnames = 'none'\n", True),
    ('tool.mtlint.fail-on = "info"\n', True),
    ('[tool]\nmtlint = { fail-on = "info" }\n', True),
    ('[tool]\nmtlint.fail-on = "info"\n', True),
    ('tool = { mtlint = { fail-on = "info" } }\n', True),
    # mtlint named, no table of it: not parsed
    (('[project]\nname = "mtlint"\n[project.scripts]\nmtlint = "checker.cli:entry_point"\n'
      '[tool.setuptools]\npackages = ["checker"]\n'), False),
    ('[project.optional-dependencies]\ndev = ["mtlint>=0.1"]\n[tool.ruff]\nline-length = 120\n', False),
])
def test_pyproject_with_a_table_of_mtlint_is_read(tmp_path, monkeypatch, text, ours):
    import checker.config as configuration

    parsed = []
    monkeypatch.setattr(configuration, "_toml_loads", lambda text: parsed.append(text) or tomllib.loads(text))
    write(tmp_path / "pyproject.toml", text)
    monkeypatch.chdir(tmp_path)
    assert (find_config_file() == tmp_path / "pyproject.toml") is ours
    assert bool(parsed) is ours  # a pyproject.toml that only names mtlint is not parsed
    if ours:
        assert load_config_file(find_config_file(), registry).fail_on is Severity.INFO


def test_pyproject_errors_name_the_table(tmp_path):
    config = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.mtlint]\nselct = ["term"]\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml:5: unknown key 'selct' in \[tool.mtlint\] "
                                          r"\(did you mean 'select'\?\)"):
        load_config_file(config, registry)


def test_paths_in_the_file_are_relative_to_it(tmp_path, monkeypatch):
    config = write(tmp_path / "repo" / ".mtlint.toml", 'glossaries = ["terms"]\nbaseline = "b.json"\n')
    monkeypatch.chdir(tmp_path)
    loaded = load_config_file(config, registry)
    assert loaded.glossaries == (str(tmp_path / "repo" / "terms"),)
    assert loaded.baseline == str(tmp_path / "repo" / "b.json")
    assert loaded.root == str(tmp_path / "repo")


@pytest.mark.parametrize("pattern,path,expected", [
    ("*.html", "a/b/c.html", True),
    ("*.html", "a/b/c.htm", False),
    ("drafts/", "docs/drafts/x.txt", True),
    ("drafts/", "docs/drafts.txt", False),
    ("docs/*.md", "docs/a.md", True),
    ("docs/*.md", "docs/sub/a.md", False),
    ("docs/**/*.md", "docs/sub/deep/a.md", True),
    ("docs/**/*.md", "docs/a.md", True),
    ("archive", "archive/2020/a.txt", True),
    ("archive", "old/archive/a.txt", True),
    ("legacy/**", "legacy/a.txt", True),
    ("legacy/**", "legacy.txt", False),
])
def test_globs(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_rule_option_api_is_kept():
    config = Config().with_rule_options(registry, "term-order.style=consistent").with_defaults(registry)
    assert config.rule_option("term-order", "style") == "consistent"
    assert config.rule_option("term-fuzzy", "min_length") == 7
    with pytest.raises(ConfigError, match="has no option"):
        config.with_rule_options(registry, "term-order.colour=red")


def test_config_is_immutable(tmp_path, monkeypatch):
    """Built once (build_config), then frozen: neither its fields nor its
    tables change."""
    import dataclasses
    import pickle

    from checker.config import build_config

    write(tmp_path / ".mtlint.toml",
          '[severity]\nterm-order = "info"\n[rule-options.term-order]\nstyle = "consistent"\n')
    monkeypatch.chdir(tmp_path)
    config = build_config(registry, select=("term",), rule_options=("term-fuzzy.min_length=9",), fail_on="error",
                          sources={"a.txt": "x"})
    assert config.rule_option("term-order", "style") == "consistent"
    assert config.rule_option("term-fuzzy", "min_length") == 9
    assert config.severity_overrides["term-order"] is Severity.INFO and config.fail_on is Severity.ERROR
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.jobs = 3
    for table in (config.rule_options, config.rule_options["term-order"], config.severity_overrides, config.sources):
        with pytest.raises(TypeError):
            table["x"] = 1
        with pytest.raises(TypeError):
            table.update({})
    assert pickle.loads(pickle.dumps(config)) == config  # reaches Dask workers


def test_nothing_assigns_to_a_config():
    """No code changes a configuration after it is built."""
    import pathlib
    import re

    pattern = re.compile(r"\bconfig\.\w+\s*(=(?!=)|\+=)|\bconfig\.\w+\.(update|setdefault)\(|setattr\(config")
    root = pathlib.Path(__file__).resolve().parent.parent / "checker"
    offenders = [f"{path.name}:{n}" for path in root.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []
