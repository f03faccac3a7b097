"""Issue 11, row 17: on many small files the default run is not slower
than -j1: below a total size, it stays in one process."""

from __future__ import annotations

import multiprocessing

from checker.config import Config
from checker.linter import Linter, task_chunks


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


def test_tasks_cover_every_file_in_order_and_shrink_towards_the_end():
    files = [f"f{i}.txt" for i in range(2653)]
    chunks = task_chunks(files, 2)
    assert [path for chunk in chunks for path in chunk] == files
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) == 64  # the cap, while much is left
    assert sizes == sorted(sizes, reverse=True)
    # the last tasks are small: both workers finish together
    assert all(size <= 4 for size in sizes[-8:])


def test_a_small_run_is_still_cut_into_tasks_for_every_worker():
    chunks = task_chunks([f"f{i}.txt" for i in range(30)], 2)
    assert len(chunks) >= 4 and sum(map(len, chunks)) == 30


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path, mini_glossary):
    # the run freezes what lives as long as it does; a caller's later
    # objects must be collectable again, in one process and with workers
    import gc

    for i in range(30):
        (tmp_path / f"f{i:02d}.txt").write_text("Thống đốc tỉnh Sơn Ma đến thăm.\n", encoding="utf-8")
    for jobs in (1, 2):
        assert gc.get_freeze_count() == 0
        result = Linter(mini_glossary, Config(default_glossary=False, jobs=jobs)).lint_paths([tmp_path])
        assert len({f.path for f in result.findings}) == 30
        assert gc.get_freeze_count() == 0


def test_a_run_leaves_a_callers_frozen_objects_frozen(tmp_path, mini_glossary):
    # a pre-fork server freezes its own objects: a run must not thaw them
    import gc

    for i in range(30):
        (tmp_path / f"f{i:02d}.txt").write_text("Thống đốc tỉnh Sơn Ma đến thăm.\n", encoding="utf-8")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        for jobs in (1, 2):
            Linter(mini_glossary, Config(default_glossary=False, jobs=jobs)).lint_paths([tmp_path])
            # (frozen objects freed by reference counting leave the count)
            assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()
