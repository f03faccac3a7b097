"""The glossary cache (issue 11, rows 7, 14 and 15): keyed by the code and
the glossary content, damage is a silent rebuild, the compiled matcher is
cached too, the tests use a temporary folder, and the cache is pruned."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

import checker.glossary as glossary_module
from checker.glossary import Glossary, cache_dir, prune_cache, read_glossary

GUNMA = "entries:\n  - canonical: Gunma\n    kind: place\n    variants: [Sơn Ma]\n"
OSAKA = "entries:\n  - canonical: Osaka\n    kind: place\n    variants: [Sơn Mo]\n"  # same size as GUNMA


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    return folder


def _glossary_file(tmp_path, text=GUNMA, name="g.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _the_cache_file(folder: Path) -> Path:
    (found,) = folder.glob("glossary-*.pickle")
    return found


def test_the_tests_do_not_write_into_the_users_cache():
    folder = Path(os.environ["MTLINT_CACHE_DIR"]).resolve()
    home_cache = (Path.home() / ".cache" / "mtlint").resolve()
    assert folder != home_cache and home_cache not in folder.parents
    assert cache_dir() == Path(os.environ["MTLINT_CACHE_DIR"])


def test_cache_dir_follows_xdg_and_home(monkeypatch, tmp_path):
    monkeypatch.delenv("MTLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "mtlint"


@pytest.mark.parametrize("damage", ["foreign pickle", "truncated", "garbage", "other glossary object", "empty"])
def test_a_damaged_or_foreign_cache_is_rebuilt_silently(cache, tmp_path, damage, cli):
    path = _glossary_file(tmp_path)
    read_glossary([path])
    target = _the_cache_file(cache)
    data = target.read_bytes()
    header = data[:data.index(b"\n", data.index(b"\n") + 1) + 1]
    target.write_bytes({
        "foreign pickle": pickle.dumps({"not": "a glossary"}),
        "truncated": data[:len(data) // 2],
        "garbage": b"\x80\x05garbage" * 100,
        # the right header over another object: a cache of another program
        "other glossary object": header + pickle.dumps(["Gunma"]),
        "empty": b"",
    }[damage])
    glossary, problems = read_glossary([path])
    assert problems == [] and [e.canonical for e in glossary.entries] == ["Gunma"]
    assert [m.raw for m in glossary.matcher.scan("tỉnh Sơn Ma")] == ["Sơn Ma"]
    assert _the_cache_file(cache).read_bytes()[:len(header)] == header  # rewritten
    target.write_bytes(pickle.dumps({"not": "a glossary"}))
    result = cli("lint", "--no-default-glossary", "--glossary", path, _glossary_file(tmp_path, "tỉnh Sơn Ma.\n", "t.txt"))
    assert result.exit_code == 1 and "internal error" not in result.output + result.stderr
    assert "Sơn Ma" in result.output


def test_a_cache_of_another_code_version_is_not_used(cache, tmp_path, monkeypatch):
    path = _glossary_file(tmp_path)
    read_glossary([path])
    first = _the_cache_file(cache)
    # another version of the code: the cache written by this one is stale
    poisoned = Glossary()
    with open(first, "rb") as handle:
        header = handle.readline() + handle.readline()
    first.write_bytes(header + pickle.dumps(poisoned))
    monkeypatch.setattr(glossary_module, "code_hash", lambda: "another version of the code")
    glossary, problems = read_glossary([path])
    assert problems == [] and [e.canonical for e in glossary.entries] == ["Gunma"]
    assert len(list(cache.glob("glossary-*.pickle"))) == 2


def test_the_key_is_the_content_not_the_file_stats(cache, tmp_path):
    path = _glossary_file(tmp_path, GUNMA)
    stat = path.stat()
    assert [e.canonical for e in read_glossary([path])[0].entries] == ["Gunma"]
    path.write_text(OSAKA, encoding="utf-8")  # same size, same modification time
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert [e.canonical for e in read_glossary([path])[0].entries] == ["Osaka"]


def test_the_matcher_is_cached_with_the_glossary(cache, tmp_path, monkeypatch):
    path = _glossary_file(tmp_path)
    read_glossary([path])

    def no_rebuild(self, entries):
        raise AssertionError("the matcher was rebuilt on a warm start")

    monkeypatch.setattr("checker.matcher.TermMatcher.__init__", no_rebuild)
    glossary, _ = read_glossary([path])
    match, = glossary.matcher.scan("ở tỉnh Sơn Ma và Gunma")[:1]
    assert match.raw == "Sơn Ma" and match.verdict.value == "variant" and match.entry.canonical == "Gunma"


def test_a_large_glossary_loads_fast_from_the_cache(cache, tmp_path):
    entries = "".join(f"  - canonical: Tỉnh Số {i}\n    kind: place\n    variants: [Tinh So {i} X]\n"
                      for i in range(5000))
    path = _glossary_file(tmp_path, "entries:\n" + entries)
    start = time.process_time()
    cold, problems = read_glossary([path])
    cold.matcher
    cold_time = time.process_time() - start
    assert problems == []
    start = time.process_time()
    warm, _ = read_glossary([path])
    assert [m.raw for m in warm.matcher.scan("ở Tinh So 4999 X.")] == ["Tinh So 4999 X"]
    assert time.process_time() - start < cold_time / 2


def test_the_cache_is_pruned(cache, tmp_path):
    cache.mkdir()
    now = time.time()
    old = now - glossary_module.CACHE_MAX_AGE - 60
    for i in range(glossary_module.CACHE_MAX_FILES + 10):
        stale = cache / f"glossary-{i:040x}.pickle"
        stale.write_bytes(b"x" * 10)
        os.utime(stale, (now - i, now - i))
    very_old = cache / f"glossary-{'f' * 40}.pickle"
    very_old.write_bytes(b"x")
    os.utime(very_old, (old, old))
    killed = cache / "glossary-abc.pickle.4242.tmp"  # a write killed mid-way
    killed.write_bytes(b"x")
    os.utime(killed, (now - 7200, now - 7200))
    fresh_tmp = cache / "glossary-abc.pickle.4243.tmp"  # another run writing now
    fresh_tmp.write_bytes(b"x")
    unrelated = cache / "notes.txt"
    unrelated.write_text("mine")
    read_glossary([_glossary_file(tmp_path)])
    kept = sorted(p.name for p in cache.glob("glossary-*.pickle"))
    assert len(kept) == glossary_module.CACHE_MAX_FILES
    assert f"glossary-{0:040x}.pickle" in kept and very_old.name not in kept
    assert not killed.exists() and fresh_tmp.exists() and unrelated.exists()


def test_prune_bounds_the_total_size(cache, monkeypatch):
    cache.mkdir()
    monkeypatch.setattr(glossary_module, "CACHE_MAX_BYTES", 2500)
    now = time.time()
    for i in range(5):
        path = cache / f"glossary-{i:040x}.pickle"
        path.write_bytes(b"x" * 1000)
        os.utime(path, (now - i, now - i))
    prune_cache(now=now)
    assert sorted(p.name for p in cache.glob("*.pickle")) == [f"glossary-{i:040x}.pickle" for i in range(2)]


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    glossary, problems = read_glossary([_glossary_file(tmp_path)])
    assert problems == [] and glossary.entries
