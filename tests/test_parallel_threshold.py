"""Issue 11, row 17: on many small files the default run is not slower
than -j1: below a total size, it stays in one process."""

from __future__ import annotations

import multiprocessing

from checker.config import Config
from checker.linter import Linter


def _no_pool(*args, **kwargs):
    raise AssertionError("a process pool was started for a small input")


def test_many_tiny_files_are_linted_in_one_process_by_default(tmp_path, mini_glossary, monkeypatch):
    for i in range(60):
        (tmp_path / f"f{i:02d}.txt").write_text("Thống đốc tỉnh Sơn Ma đến thăm.\n", encoding="utf-8")
    monkeypatch.setattr(multiprocessing, "get_context", _no_pool)
    result = Linter(mini_glossary, Config(default_glossary=False)).lint_paths([tmp_path])
    assert len({f.path for f in result.findings}) == 60


def test_an_explicit_job_count_still_uses_workers(tmp_path, mini_glossary, monkeypatch):
    for i in range(60):
        (tmp_path / f"f{i:02d}.txt").write_text("Thống đốc tỉnh Sơn Ma đến thăm.\n", encoding="utf-8")
    started = []
    real = multiprocessing.get_context

    def spy(*args, **kwargs):
        started.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    result = Linter(mini_glossary, Config(default_glossary=False, jobs=2)).lint_paths([tmp_path])
    assert started and len({f.path for f in result.findings}) == 60
