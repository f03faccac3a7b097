"""The same findings however the per-document phase runs: one process, a
process pool, a Dask LocalCluster, or a user's own map/reduce through the
Python API (checker/api.py)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import CORPUS, SEEDS, SHARED
from checker.api import lint_texts, make_linter

MT_DOCS = SHARED / "corpus" / "mt-docs" / "vi"


def test_api_map_reduce_equals_the_cli(cli):
    linter = make_linter()
    paths = sorted(SEEDS.glob("*.txt"))
    mapped = [linter.map_text(str(p), p.read_text(encoding="utf-8")) for p in paths]
    findings = linter.reduce(mapped)
    expected = json.loads(cli("lint", "--format", "json", "--no-cache", *paths).output)["findings"]
    assert [f.to_dict() for f in findings] == expected


def test_lint_texts_reads_markdown_by_name():
    text = "# Ghi chú\n\n```\nprice = 900,000\n```\n\nGiá là 900,000 đồng.\n"
    findings = lint_texts({"note.md": text}, select=("figure-format",))
    assert [(f.line, f.rule) for f in findings] == [(7, "figure-format")]


@pytest.mark.slow
@pytest.mark.parametrize("folder", [MT_DOCS, CORPUS], ids=["mt-docs", "vi-news"])
def test_dask_local_cluster_output_is_identical(cli, folder, tmp_path, monkeypatch):
    """One output for every way of running: one process, a pool, Dask, and
    the result cache (filled, per file, and the whole run answered at once)."""
    pytest.importorskip("dask.distributed")
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    plain = cli("lint", "--format", "json", "--no-cache", "--jobs", "1", folder)
    pooled = cli("lint", "--format", "json", "--no-cache", "--jobs", "2", folder)
    on_dask = cli("lint", "--format", "json", "--no-cache", "--jobs", "2", "--dask", "local", folder)
    monkeypatch.setenv("MTLINT_RESULT_CACHE_DIR", str(tmp_path / "cache"))
    filling = cli("lint", "--format", "json", "--jobs", "2", folder)
    whole = cli("lint", "--format", "json", "--jobs", "2", folder)   # the corpus files are old: the run was kept
    assert list((tmp_path / "cache" / "runs").iterdir())
    shutil.rmtree(tmp_path / "cache" / "runs")
    per_file = cli("lint", "--format", "json", "--jobs", "2", folder)
    runs = (plain, pooled, on_dask, filling, whole, per_file)
    assert len({r.exit_code for r in runs}) == 1
    assert all(r.output == plain.output for r in runs)
