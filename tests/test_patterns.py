"""The compiled-pattern cache (checker/patterns.py): a pattern rebuilt from
the cache is the pattern re.compile makes, and a bad cache file costs only
speed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import patterns

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """The module as in a new process, its cache file in ``tmp_path``."""
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)

    state = dict(vars(patterns.PROGRAMS))
    patterns.PROGRAMS.restart()
    yield patterns.PROGRAMS.restart
    vars(patterns.PROGRAMS).update(state)  # the process's own store again


@pytest.fixture(scope="module")
def every_pattern(shipped_linter) -> dict:
    """The (pattern, flags) keys mtlint compiles, at import and when it
    lints the seeds (module scope: taken before ``fresh`` empties the list)."""
    shipped_linter.run([str(SEEDS)])
    return dict(patterns.PROGRAMS.used)


def test_a_pattern_from_the_cache_is_the_one_re_compiles(every_pattern, fresh, monkeypatch):
    keys = every_pattern
    assert len(keys) > 150  # the rules' patterns, not just a few
    fresh()
    for pattern, flags in keys:
        patterns.regex(pattern, flags)  # compiled here, then written
    patterns.PROGRAMS.save()
    assert patterns.PROGRAMS.path.is_file()

    fresh()

    def no_compiling(*args):
        raise AssertionError("compiled instead of read from the cache")

    monkeypatch.setattr(patterns, "_compile", no_compiling)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    for pattern, flags in keys:
        rebuilt = patterns.regex(pattern, flags)
        expected = re.compile(pattern, flags)
        assert rebuilt == expected, pattern  # same source, flags and program
        assert rebuilt.groupindex == expected.groupindex
        assert [m.span() for m in rebuilt.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_a_new_pattern_is_compiled_and_kept(fresh):
    pattern = r"(?P<ten>\d+) (?:tỷ|triệu) đồng"
    compiled = patterns.regex(pattern, re.IGNORECASE)
    assert compiled == re.compile(pattern, re.IGNORECASE)
    assert compiled.search("khoảng 81 TỶ ĐỒNG").group("ten") == "81"
    patterns.PROGRAMS.save()
    fresh()
    assert (pattern, int(re.IGNORECASE)) in patterns.PROGRAMS.load()


def test_an_invalid_pattern_is_still_an_error(fresh):
    with pytest.raises(re.error):
        patterns.regex(r"(unclosed")


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "another build", "not ours"])
def test_a_damaged_or_foreign_cache_file_is_ignored(fresh, damage):
    pattern = r"\b[Tt]ỉnh (?P<name>\w+)"
    patterns.regex(pattern)
    patterns.PROGRAMS.save()
    path = patterns.PROGRAMS.path
    data = bytearray(path.read_bytes())
    if damage == "flipped byte":
        data[-40] ^= 0x55
    elif damage == "truncated":
        del data[len(data) // 2:]
    elif damage == "another build":
        data[:len(patterns.PROGRAMS.header)] = patterns.PROGRAMS.header.replace(b"mtlint-regex", b"mtlint-regeX")
    else:
        data = bytearray(b"\x00garbage\n" * 10)
    path.write_bytes(bytes(data))
    fresh()
    compiled = patterns.regex(pattern)
    assert compiled == re.compile(pattern)
    assert compiled.search("tại tỉnh Gunma").group("name") == "Gunma"
    patterns.PROGRAMS.save()  # rewritten whole
    fresh()
    assert (pattern, 0) in patterns.PROGRAMS.load()


def test_no_cache_means_no_file(fresh, monkeypatch):
    monkeypatch.setenv("MTLINT_NO_CACHE", "1")
    assert patterns.regex(r"Thủ tướng \w+") == re.compile(r"Thủ tướng \w+")
    patterns.PROGRAMS.save()
    assert not patterns.PROGRAMS.path.exists()


def test_a_growing_file_is_rewritten_with_this_runs_patterns(fresh, monkeypatch):
    monkeypatch.setattr(patterns.PROGRAMS, "slack", 0)
    for i in range(5):
        patterns.regex(f"glossary-{i}")
    patterns.PROGRAMS.save()
    fresh()
    patterns.regex("glossary-0")
    patterns.regex("another project")
    patterns.PROGRAMS.save()
    fresh()
    assert set(patterns.PROGRAMS.load()) == {("glossary-0", 0), ("another project", 0)}


_LINT_THEN_SAY_WHAT_WAS_COMPILED = r"""
import sys
from checker import buildcache, patterns
from checker.cli import main
try:
    main(["lint", "--no-cache", sys.argv[1]], standalone_mode=False)
except SystemExit:
    pass
print(patterns.PROGRAMS._added, buildcache.DATACLASS_METHODS._added)
"""


def test_a_second_run_compiles_nothing(tmp_path):
    """Every pattern (and dataclass method) is built from the same text on
    every run: one built from a set's order (which changes with the hash
    seed) was compiled again, and the file rewritten, on every run."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("MTLINT_NO_CACHE", "PYTHONHASHSEED")}
    env["MTLINT_CACHE_DIR"] = str(tmp_path)
    said = []
    for seed in ("1", "2", "3"):
        done = subprocess.run([sys.executable, "-c", _LINT_THEN_SAY_WHAT_WAS_COMPILED, str(SEEDS)], env={
            **env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, timeout=120, check=True)
        said.append(done.stdout.split()[-2:])
    assert said == [["True", "True"], ["False", "False"], ["False", "False"]], said
