"""Linting a document leaves no reference cycles behind.

A document's views (mentions, quantities, glossary matches, tokens) are
tens of thousands of objects. When something in them points back at the
context that holds them, the whole set becomes cyclic garbage: it is freed
only by the garbage collector, whose passes scan it first (a tenth of the
time of a corpus run went to such passes). Without cycles every view is
freed by reference counting as soon as its document is done. The test
lints real text of every kind with every rule, the collector off and
keeping what it would free, and asks that it found nothing.

The linting runs in a fresh interpreter: the collector sees every thread's
garbage, and earlier tests leave threads behind that make their own (the
IO loop of a Dask LocalCluster goes on after its cluster is closed).
"""

from __future__ import annotations

import gc
import itertools
import json
import subprocess
import sys
from pathlib import Path

from checker.config import Config
from checker.glossary import DEFAULT_GLOSSARY_DIR, load_glossary
from checker.linter import Linter
from checker.loaders import document_from_bytes
from conftest import CORPUS, FIXTURES, SEEDS, SHARED

# the child: this file's garbage_of_linting, as JSON
_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from test_garbage import garbage_of_linting
print(json.dumps(garbage_of_linting()))
"""


def _paths():
    yield from sorted(SEEDS.glob("*.txt"))
    yield from sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html"))
    yield from sorted((SHARED / "corpus" / "mt-docs" / "vi").glob("*"))[:4]
    yield from itertools.islice(sorted(CORPUS.glob("*.txt")), 40)


def garbage_of_linting() -> dict:
    """Lint the documents of _paths with every rule, the collector off and
    keeping what it would free: the number of such objects and their types."""
    linter = Linter(load_glossary([DEFAULT_GLOSSARY_DIR]), Config())
    documents = [document_from_bytes(str(path), path.read_bytes()) for path in _paths()]
    linter.lint_document(documents[0])  # lazily loaded data, kept for the process, aside
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for doc in documents:
            linter.lint_document(doc)
        count = len(documents)
        del doc, documents
        gc.collect()
        garbage = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    return {"documents": count, "garbage": len(garbage),
            "kinds": sorted({type(obj).__name__ for obj in garbage})}


def test_linting_leaves_no_cycles():
    child = subprocess.run([sys.executable, "-c", _CHILD, str(Path(__file__).parent)],
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    assert result["documents"] > 50
    assert not result["garbage"], \
        f"{result['garbage']} objects in reference cycles, of types {result['kinds'][:12]}"
