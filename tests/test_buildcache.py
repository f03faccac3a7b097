"""What Python's compilers make for mtlint, kept per machine
(checker/buildcache.py): the dataclass methods taken from the store are
those ``dataclasses`` compiles, only mtlint's classes are touched, and a
store is written by the process that owns it. The pattern store's damaged,
foreign and growing files are tested in tests/test_patterns.py."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

from checker import buildcache

# In a fresh interpreter: import every module, then write the code objects of
# the generated methods of every mtlint dataclass, and whether the store was
# read (used) and added to.
_DUMP_METHODS = r"""
import dataclasses, importlib, marshal, pkgutil, sys
import checker
from checker import buildcache
for info in pkgutil.walk_packages(checker.__path__, "checker."):
    importlib.import_module(info.name)
codes = {}
for name, module in sorted(sys.modules.items()):
    if name.startswith("checker."):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
                for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
                    function = value.__dict__.get(method)
                    if function is not None and hasattr(function, "__code__"):
                        codes[f"{value.__qualname__}.{method}"] = function.__code__
store = buildcache.DATACLASS_METHODS
with open(sys.argv[1], "wb") as handle:
    marshal.dump((codes, len(store.used), store._added), handle)
"""


def _methods(tmp_path, name, **env):
    out = tmp_path / name
    inherited = {k: v for k, v in os.environ.items() if k != "MTLINT_NO_CACHE"}
    subprocess.run([sys.executable, "-c", _DUMP_METHODS, str(out)], check=True, timeout=120,
                   env={**inherited, "MTLINT_CACHE_DIR": str(tmp_path / "cache"), **env})
    return marshal.loads(out.read_bytes())


def test_dataclass_methods_from_the_store_are_those_dataclasses_compiles(tmp_path):
    afresh, _, added = _methods(tmp_path, "no-cache", MTLINT_NO_CACHE="1")
    assert added and not list(tmp_path.glob("cache/dataclass-methods-*"))  # compiled, not kept
    filling, _, added = _methods(tmp_path, "first")
    assert added and list((tmp_path / "cache").glob("dataclass-methods-*.marshal"))
    stored, used, added = _methods(tmp_path, "second")
    assert not added and used > 100  # every method read from the store, none compiled
    assert len(afresh) > 60 and "Finding.__init__" in afresh and "Config.__eq__" in afresh
    assert set(stored) == set(afresh) == set(filling)
    for method, code in afresh.items():
        assert stored[method] == code, method  # same bytecode, constants, names and line table
        assert filling[method] == code, method


def test_other_modules_dataclasses_are_left_alone():
    store = buildcache.DATACLASS_METHODS
    used, added = dict(store.used), store._added

    @dataclass(frozen=True)
    class Elsewhere:
        name: str
        count: int = 0

    assert Elsewhere("a") == Elsewhere("a", 0) and Elsewhere("a") != Elsewhere("b")
    assert repr(Elsewhere("b", 2)).endswith("Elsewhere(name='b', count=2)")
    assert store.used == used and store._added == added


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_does_not_write_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    store = buildcache.BuildStore("test-store")
    store.add("key", b"value")
    pid = os.fork()
    if pid == 0:  # the worker
        store.save()
        os._exit(0)
    os.waitpid(pid, 0)
    assert not store.path.exists()
    store.save()
    again = buildcache.BuildStore("test-store")
    assert again.get("key") == b"value" and again.get("other") is None
