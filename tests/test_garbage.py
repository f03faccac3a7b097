"""Linting a document leaves no reference cycles behind.

A document's views (mentions, quantities, glossary matches, tokens) are
tens of thousands of objects. When something in them points back at the
context that holds them, the whole set becomes cyclic garbage: it is freed
only by the garbage collector, whose passes scan it first (a tenth of the
time of a corpus run went to such passes). Without cycles every view is
freed by reference counting as soon as its document is done. The test
lints real text of every kind with every rule, the collector off and
keeping what it would free, and asks that it found nothing.
"""

from __future__ import annotations

import gc
import itertools

from checker.loaders import document_from_bytes
from conftest import CORPUS, FIXTURES, SEEDS, SHARED


def _paths():
    yield from sorted(SEEDS.glob("*.txt"))
    yield from sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html"))
    yield from sorted((SHARED / "corpus" / "mt-docs" / "vi").glob("*"))[:4]
    yield from itertools.islice(sorted(CORPUS.glob("*.txt")), 40)


def test_linting_leaves_no_cycles(shipped_linter):
    documents = [document_from_bytes(str(path), path.read_bytes()) for path in _paths()]
    assert len(documents) > 50
    shipped_linter.lint_document(documents[0])  # lazily loaded data, kept for the process, aside
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for doc in documents:
            shipped_linter.lint_document(doc)
        del doc, documents
        gc.collect()
        garbage = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    kinds = sorted({type(obj).__name__ for obj in garbage})
    assert not garbage, f"{len(garbage)} objects in reference cycles, of types {kinds[:12]}"
