"""The per-file result cache (checker/cache.py): warm output byte-identical
to a cold run and to --no-cache; corrupt, foreign or stale entries ignored;
a cache that cannot be written is a note; clean and prune."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import NATIVE_SEEDS, SEED_000
from checker.cache import ResultCache, clean
from checker import rules as registry
from checker.config import Config
from checker.linter import Linter


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder (the cache goes to its .mtlint_cache) with the seeds."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in (SEED_000, *NATIVE_SEEDS):
        shutil.copy(seed, docs / seed.name)
    (docs / "note.md").write_text("# Ghi chú\n\nGiá là 900,000 đồng, xem `config.json`.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MTLINT_RESULT_CACHE_DIR", raising=False)   # conftest points it elsewhere
    return tmp_path


def _entries(root):
    return sorted(p for p in (root / ".mtlint_cache" / "entries").rglob("*") if p.is_file())


def test_warm_output_is_byte_identical_to_cold_and_uncached(cli, project):
    uncached = cli("lint", "--format", "json", "--no-cache", "docs")
    assert not (project / ".mtlint_cache").exists()
    cold = cli("lint", "--format", "json", "docs")
    entries = _entries(project)
    assert len(entries) == 4
    stamps = [p.stat().st_mtime_ns for p in entries]
    warm = cli("lint", "--format", "json", "docs")
    assert uncached.output == cold.output == warm.output
    assert uncached.exit_code == cold.exit_code == warm.exit_code == 1
    assert [p.stat().st_mtime_ns for p in _entries(project)] == stamps   # read, not rewritten
    assert (project / ".mtlint_cache" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")


def test_hits_are_counted_and_a_changed_file_is_linted_again(project, shipped_glossary):
    config = Config(jobs=1)
    first = ResultCache.for_run(project / ".mtlint_cache", config, config.glossary_paths())
    before = Linter(shipped_glossary, config, cache=first).lint_paths(["docs"])
    assert (first.hits, first.misses) == (0, 4)
    second = ResultCache.for_run(project / ".mtlint_cache", config, config.glossary_paths())
    again = Linter(shipped_glossary, config, cache=second).lint_paths(["docs"])
    assert (second.hits, second.misses) == (4, 0)
    assert again.findings == before.findings
    note = project / "docs" / "note.md"
    note.write_text(note.read_text(encoding="utf-8").replace("900,000", "900.000"), encoding="utf-8")
    third = ResultCache.for_run(project / ".mtlint_cache", config, config.glossary_paths())
    changed = Linter(shipped_glossary, config, cache=third).lint_paths(["docs"])
    assert (third.hits, third.misses) == (3, 1)
    assert len(changed.findings) == len(before.findings) - 1


def test_an_option_that_changes_findings_changes_the_key(project):
    plain = Config()
    other = Config()
    other = other.with_rule_options(registry, "term-order.style=consistent")
    key = lambda c: ResultCache.for_run(project / "c", c, c.glossary_paths()).run_key  # noqa: E731
    assert key(plain) != key(other)
    assert key(plain) == key(Config(jobs=3))   # jobs do not change findings


def test_corrupt_and_foreign_entries_are_ignored(cli, project):
    cold = cli("lint", "--format", "json", "docs")
    for i, entry in enumerate(_entries(project)):
        entry.write_bytes([b"", b"garbage", b"\x80\x04K\x01.", b"\x80\x04\x95"][i % 4])
    warm = cli("lint", "--format", "json", "docs")
    assert warm.stdout == cold.stdout   # stderr has a note on them (test_a_damaged_entry_is_one_note)
    assert warm.exit_code == cold.exit_code


def test_an_unwritable_cache_is_a_note(cli, project, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # root may write anywhere, so the refusal is simulated where entries are created
    monkeypatch.setattr("tempfile.mkstemp", refuse)
    result = cli("lint", "--format", "json", "docs")
    assert result.exit_code == 1
    assert "note: cache" in result.stderr and "Permission denied" in result.stderr
    assert not _entries(project)


def test_the_environment_can_move_the_cache(cli, project, monkeypatch, tmp_path):
    monkeypatch.setenv("MTLINT_RESULT_CACHE_DIR", str(tmp_path / "elsewhere"))
    cli("lint", "docs")
    assert (tmp_path / "elsewhere" / ".gitignore").is_file() and not (project / ".mtlint_cache").exists()


def test_clean_removes_only_an_mtlint_cache(cli, project):
    cli("lint", "docs")
    assert (project / ".mtlint_cache").is_dir()
    assert cli("clean").exit_code == 0
    assert not (project / ".mtlint_cache").exists()
    assert "no cache" in cli("clean").output
    impostor = project / ".mtlint_cache"
    impostor.mkdir()
    (impostor / "precious.txt").write_text("keep me", encoding="utf-8")
    result = cli("clean")
    assert result.exit_code == 2 and (impostor / "precious.txt").exists()
    with pytest.raises(ValueError):
        clean(impostor)


def test_prune_keeps_the_newest_entries(project, shipped_glossary):
    config = Config(jobs=1)
    cache = ResultCache.for_run(project / ".mtlint_cache", config, config.glossary_paths())
    Linter(shipped_glossary, config, cache=cache).lint_paths(["docs"])
    stale = project / ".mtlint_cache" / "entries" / "00" / ".tmp-killed-run"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"half")
    assert cache.prune(limit=2) == 3   # two oldest entries and the temporary file
    assert len(_entries(project)) == 2


def test_a_pool_run_takes_cached_files_in_the_parent(cli, project):
    """With workers, files are first taken in the parent while they are
    cached (a warm run starts no pool); after a few misses the rest goes to
    the pool. Cold, warm and half-changed runs all give the output of a
    plain uncached run in one process."""
    docs = project / "docs"
    originals = sorted(docs.iterdir())
    for copy in range(10):  # 40 files: enough for a pool with --jobs 2
        for path in originals:
            (docs / f"{copy}-{path.name}").write_bytes(path.read_bytes())
    args = ("lint", "--format", "json", "docs")
    expected = cli(*args, "--no-cache", "--jobs", "1").output
    assert cli(*args, "--jobs", "2").output == expected          # cold: fills the cache
    assert cli(*args, "--jobs", "2").output == expected          # warm: all from the cache
    for path in sorted(docs.iterdir())[5:30]:                    # 25 files change
        path.write_text(path.read_text(encoding="utf-8") + "\nThủ tướng Phạm Minh Chinh.\n", encoding="utf-8")
    changed = cli(*args, "--no-cache", "--jobs", "1").output
    assert changed != expected
    assert cli(*args, "--jobs", "2").output == changed


# -- whole runs ---------------------------------------------------------------
@pytest.fixture
def settled(monkeypatch):
    """Files written by the test count as settled (not changed within the
    last three seconds), so that a run over them may be kept whole."""
    monkeypatch.setattr("checker.cache._RACY_SECONDS", -1.0)


def _runs(root):
    return sorted((root / ".mtlint_cache" / "runs").glob("*"))


def test_a_run_nothing_changed_for_is_answered_without_reading_a_file(cli, project, settled, monkeypatch):
    (project / "docs" / "quiet.md").write_text(
        "<!-- mtlint: disable=figure-format -->\nGiá là 7,250,000 đồng.\n", encoding="utf-8")
    args = ("lint", "--format", "json", "docs")
    uncached = cli(*args, "--no-cache")
    cold = cli(*args)
    assert len(_runs(project)) == 1

    def no_reading(*a, **k):
        raise AssertionError("a file was read")

    monkeypatch.setattr("checker.linter.read_file", no_reading)
    warm = cli(*args)
    assert uncached.output == cold.output == warm.output   # the directive still silences its line
    assert "7,250,000" not in warm.output and warm.exit_code == uncached.exit_code == 1


def test_a_changed_added_or_removed_file_is_a_new_run(cli, project, settled):
    args = ("lint", "--format", "json", "docs")
    cli(*args)
    note = project / "docs" / "note.md"
    before = note.stat()
    # same size, same modification time: the change time still tells
    note.write_text(note.read_text(encoding="utf-8").replace("900,000", "900.000"), encoding="utf-8")
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert note.stat().st_size == before.st_size and note.stat().st_mtime_ns == before.st_mtime_ns
    changed = cli(*args)
    assert changed.output == cli(*args, "--no-cache").output and "note.md" not in changed.output
    (project / "docs" / "new.md").write_text("Thủ tướng Phạm Minh Chinh.\n", encoding="utf-8")
    added = cli(*args)
    assert "new.md" in added.output and added.output == cli(*args, "--no-cache").output
    (project / "docs" / "new.md").unlink()
    assert cli(*args).output == changed.output
    assert len(_runs(project)) == 3


def test_a_run_over_a_file_changed_just_now_is_not_kept(cli, project):
    cli("lint", "docs")   # the files were copied a moment ago
    assert not _runs(project) and _entries(project)


def test_runs_kept_are_bounded(cli, project, settled, monkeypatch):
    monkeypatch.setattr("checker.cache.MAX_RUNS", 2)
    for name in ("a", "b", "c"):
        (project / "docs" / f"{name}.md").write_text(f"Tỉnh {name}.\n", encoding="utf-8")
        cli("lint", "docs")
    assert len(_runs(project)) == 2


def test_a_baseline_run_reads_the_files(cli, project, settled, tmp_path):
    cli("lint", "docs")
    baseline = tmp_path / "baseline.json"
    assert cli("lint", "--write-baseline", str(baseline), "docs").exit_code == 0
    assert cli("lint", "--baseline", str(baseline), "docs").exit_code == 0


def test_a_run_answered_whole_loads_no_glossary(cli, project, settled, monkeypatch):
    first = cli("lint", "--format", "json", "docs")

    def no_glossary(*args, **kwargs):
        raise AssertionError("the glossary was loaded")

    monkeypatch.setattr("checker.cli.read_glossary", no_glossary)
    again = cli("lint", "--format", "json", "docs")
    assert again.output == first.output and again.exit_code == first.exit_code


def test_a_broken_glossary_is_still_an_error_with_the_cache_on(cli, project, settled, tmp_path):
    cli("lint", "docs")
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries:\n  - canonical: Tỉnh Mới\n", encoding="utf-8")  # no kind, extends nothing
    result = cli("lint", "--glossary", str(broken), "docs")
    assert result.exit_code == 2 and "glossary error" in result.stderr and "broken.yaml" in result.stderr


def test_a_damaged_entry_is_one_note(cli, project):
    cold = cli("lint", "--format", "json", "docs")
    assert "cache entr" not in cold.stderr
    for entry in _entries(project)[:2]:
        entry.write_bytes(b"garbage")
    warm = cli("lint", "--format", "json", "docs")
    assert warm.stdout == cold.stdout
    assert warm.stderr.count("note:") == 1 and "2 cache entries" in warm.stderr and "damaged" in warm.stderr
    again = cli("lint", "--format", "json", "docs")   # rewritten: no note
    assert "cache entr" not in again.stderr
