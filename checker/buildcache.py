"""What Python's own compilers make for mtlint, kept per machine.

Two compilers run on every start-up and make the same output from the same
input each time: ``re``'s, for mtlint's 250 or so patterns (see
checker/patterns.py), and the bytecode compiler, for the methods that
``dataclasses`` writes as source text and runs through ``exec()`` (about
150 of them for mtlint's 26 value types). Together they took about 70 ms
of a pre-commit run on one file, paid again on every commit.

A :class:`BuildStore` is a dict kept in the cache folder in one marshal
file per Python build (its header names the build; a CRC-32 guards the
body): what a process looked up or added is written back when it exits,
atomically, so concurrent runs each leave a whole file. A missing,
damaged or foreign file is read as empty, and an unwritable folder only
costs speed; ``MTLINT_NO_CACHE=1`` turns every store off.

:func:`cache_dataclass_methods` makes ``dataclasses`` run the code objects
kept in a store instead of compiling the same source again. It touches
only the classes of mtlint's own modules, and ``exec`` of the code object
is ``exec`` of its source: ``compile`` with no inherited ``__future__``
flags, as ``dataclasses`` itself compiles it (tests/test_buildcache.py
checks the methods are equal to those compiled afresh).
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import os
import sys

from . import datacache

#: The Python build a file belongs to: marshal's format and the bytecode's.
_BUILD = f"{sys.implementation.cache_tag}-{sys.version_info[:3]}"


class BuildStore:
    """A dict of one compiler's outputs, read from the cache folder on
    first use and written back at exit when this process added to it.

    When the file holds more entries than twice those this process used,
    plus ``slack``, it is rewritten with this process's only (entries of
    an older mtlint, or built from another project's glossary, go).
    """

    def __init__(self, name: str, build: str = "", slack: int = 200):
        self.name = name
        self.header = f"mtlint-{name} 1 {_BUILD}{build}\n".encode()
        self.slack = slack
        self.restart()
        self._owner = os.getpid()  # a forked worker's additions die with it; the parent writes
        atexit.register(self.save)

    def restart(self) -> None:
        """Forget what was read, used and added (as in a new process)."""
        self._known: dict | None = None
        self.used: dict = {}
        self._added = False

    @property
    def path(self):
        return datacache.cache_dir() / f"{self.name}-{sys.implementation.cache_tag}.marshal"

    def get(self, key):
        """The value kept for ``key``, or None."""
        known = self._known if self._known is not None else self.load()
        value = known.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def add(self, key, value) -> None:
        """Keep ``value`` for ``key`` (written at exit)."""
        known = self._known if self._known is not None else self.load()
        self.used[key] = known[key] = value
        self._added = True

    def load(self) -> dict:
        """The entries in the file, or none when it is missing, damaged, of
        another build, or the cache is off."""
        self._known = {}
        if os.environ.get("MTLINT_NO_CACHE"):
            return self._known
        body = datacache.read_checked(self.path, self.header)
        if body is not None:
            try:
                entries = marshal.loads(body)
            except Exception:  # noqa: BLE001 - damaged despite the checksum: start afresh
                entries = None
            if isinstance(entries, dict):
                self._known = entries
        return self._known

    def save(self) -> None:
        """Write back what this process added (nothing when it added
        nothing, or is a forked worker)."""
        if not self._added or os.getpid() != self._owner or os.environ.get("MTLINT_NO_CACHE"):
            return
        known = self._known or {}
        entries = known if len(known) <= 2 * len(self.used) + self.slack else self.used
        try:
            body = marshal.dumps(entries)
        except ValueError:  # pragma: no cover - nothing unmarshallable is stored
            return
        datacache.write_checked(self.path, self.header, body)


#: The code objects of the methods ``dataclasses`` generates, by source.
DATACLASS_METHODS = BuildStore("dataclass-methods", slack=100)


def _exec_for_dataclasses(source, globals=None, locals=None, /):
    """``exec`` as ``dataclasses`` calls it, with the compiled source of a
    method of an mtlint class taken from :data:`DATACLASS_METHODS`."""
    if type(source) is str and globals is not None and str(globals.get("__name__", "")).startswith(_PACKAGE):
        code = DATACLASS_METHODS.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            DATACLASS_METHODS.add(source, code)
        source = code
    return builtins.exec(source, globals, locals)


_PACKAGE = __name__.rpartition(".")[0] + "."  # checker.* (the package itself defines none)


def cache_dataclass_methods() -> None:
    """Make ``dataclasses`` take the methods of mtlint's classes from the
    store (CPython, whose ``dataclasses`` compiles them with ``exec``)."""
    import dataclasses

    if sys.implementation.name == "cpython" and not hasattr(dataclasses, "exec"):
        dataclasses.exec = _exec_for_dataclasses
