"""The cache of data the rules build on first use (checker/datacache.py):
a later run loads instead of building, damage is a rebuild, never an
error, and the data the rules get is the data they would build."""

from __future__ import annotations

import os

from checker import datacache
from checker.gazetteer import _personal_names, personal_names
from checker.language import _english, _read_english


def _counting_build(calls: list):
    def build():
        calls.append(1)
        return {"words": frozenset({"relay", "click"})}
    return build


def test_second_call_loads_instead_of_building(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    calls: list = []
    first = datacache.cached("example", _counting_build(calls))
    second = datacache.cached("example", _counting_build(calls))
    assert first == second == {"words": frozenset({"relay", "click"})}
    assert len(calls) == 1
    assert [p.name for p in tmp_path.glob("data-*")] == [f"data-example-{datacache.code_hash()[:24]}.pickle"]


def test_damaged_or_foreign_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    calls: list = []
    datacache.cached("example", _counting_build(calls))
    (path,) = tmp_path.glob("data-*")
    for damage in (b"", b"not a pickle at all", path.read_bytes()[:-7], b"other-key\n" + path.read_bytes()):
        path.write_bytes(damage)
        assert datacache.cached("example", _counting_build(calls)) == {"words": frozenset({"relay", "click"})}
    assert len(calls) == 5


def test_only_the_newest_code_versions_keep_their_files(tmp_path, monkeypatch):
    """Two versions of mtlint on one machine (a checkout and pre-commit's
    install) each keep their data; beyond KEPT_VERSIONS the oldest go."""
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    older = []
    for age in range(datacache.KEPT_VERSIONS):  # the oldest first
        path = tmp_path / f"data-example-{age:024d}.pickle"
        path.write_bytes(b"%024d\n" % age)
        os.utime(path, ns=(1_000_000_000 * (age + 1),) * 2)
        older.append(path)
    other = tmp_path / "data-other-000000000000000000000000.pickle"
    other.write_bytes(b"x")
    calls: list = []
    datacache.cached("example", _counting_build(calls))
    assert calls == [1] and other.exists()
    assert [path.exists() for path in older] == [False] + [True] * (datacache.KEPT_VERSIONS - 1)
    datacache.cached("example", _counting_build(calls))  # this version's file is read, nothing removed
    assert calls == [1] and all(path.exists() for path in older[1:])


def test_unwritable_folder_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    calls: list = []
    assert datacache.cached("example", _counting_build(calls)) == {"words": frozenset({"relay", "click"})}
    assert datacache.cached("example", _counting_build(calls)) == {"words": frozenset({"relay", "click"})}
    assert len(calls) == 2


def test_no_cache_builds_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("MTLINT_NO_CACHE", "1")
    calls: list = []
    datacache.cached("example", _counting_build(calls))
    datacache.cached("example", _counting_build(calls))
    assert len(calls) == 2 and not os.listdir(tmp_path)


def test_cached_rule_data_equals_built_data(tmp_path, monkeypatch):
    """What a rule gets from the cache is what it would build: the English
    word list and the Japanese name lists, loaded through a fresh cache."""
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    _english.cache_clear()
    personal_names.cache_clear()
    try:
        for _ in range(2):  # built and written, then loaded
            assert _english() == _read_english()
            assert personal_names() == _personal_names()
            _english.cache_clear()
            personal_names.cache_clear()
        assert len(list(tmp_path.glob("data-*.pickle"))) == 2
    finally:
        _english.cache_clear()
        personal_names.cache_clear()


def test_code_hash_is_kept_under_the_files_stat_and_made_afresh_after_an_edit(tmp_path, monkeypatch):
    """The code hash (the key of every cache) is read back while no module
    changed, and hashed afresh from the contents after an edit."""
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "rule.py").write_text("LIMIT = 1\n")
    (package / "data" / "words.txt").write_text("relay\n")
    (package / "__pycache__" / "rule.cpython.pyc").write_bytes(b"not part of the hash")
    (package / "notes.txt").write_text("not a module nor data: not part of the hash")
    monkeypatch.setattr(datacache, "_PACKAGE", package)
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)

    def fresh_hash():
        datacache.code_hash.cache_clear()
        return datacache.code_hash()

    try:
        first = fresh_hash()
        (kept,) = (tmp_path / "cache").glob("code-hash-*")
        assert kept.read_text() == first
        kept.write_text("f" * 64)  # what a later run reads while nothing changed
        assert fresh_hash() == "f" * 64
        kept.write_text("damaged")
        assert fresh_hash() == first
        (package / "notes.txt").write_text("edited")
        (package / "__pycache__" / "rule.cpython.pyc").write_bytes(b"recompiled")
        assert fresh_hash() == first
        (package / "rule.py").write_text("LIMIT = 22\n")
        edited = fresh_hash()
        assert edited != first
        stamps = {p.name: p.read_text() for p in (tmp_path / "cache").glob("code-hash-*")}
        assert len(stamps) == 2 and stamps[kept.name] == first and edited in stamps.values()  # both versions kept
        (package / "data" / "words.txt").write_text("relay\nclick\n")
        assert fresh_hash() not in (first, edited)
        monkeypatch.setenv("MTLINT_NO_CACHE", "1")
        assert fresh_hash() not in (first, edited, "f" * 64)
    finally:
        datacache.code_hash.cache_clear()


def test_an_outside_source_is_part_of_the_key_not_of_the_name(tmp_path, monkeypatch):
    """Data built from another package's file (pyvi's word list) is rebuilt
    when that file changes, and the lists of older installs are removed
    like those of older mtlint versions."""
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    calls: list = []
    for install in range(datacache.KEPT_VERSIONS + 2):
        datacache.cached("example", _counting_build(calls), source=f"words.txt 354580 {install}")
        datacache.cached("example", _counting_build(calls), source=f"words.txt 354580 {install}")  # read back
    assert len(calls) == datacache.KEPT_VERSIONS + 2
    assert len(list(tmp_path.glob("data-example-*.pickle"))) == datacache.KEPT_VERSIONS
