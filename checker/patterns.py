"""Regular expressions compiled once per machine, not once per process.

``re`` compiles a pattern in Python (a parser, then a code generator) and
keeps the result only for the life of the process. mtlint's 250 or so
patterns, several with Vietnamese letter classes hundreds of characters
long, took about 55 ms to compile: a quarter of a pre-commit run on one
file, paid again on every commit. :func:`regex` keeps what the compiler
produces, the program ``re`` hands to ``_sre.compile``, in the cache folder
(one file per Python build) and rebuilds a pattern from it in about a
microsecond. The pattern is the one ``re.compile`` makes: ``==`` holds
(tests/test_patterns.py), since a Pattern compares by its program.

This leans on CPython internals (``re._parser``, ``re._compiler``,
``_sre.compile``) that have kept their shape from 3.11 to 3.13.
Anything unexpected means a pattern is compiled by ``re.compile`` as
usual: another implementation or a missing function (the cache is then
off), a file damaged or written by another build (its checksum and its
key are checked: the file is read as empty), a program ``_sre`` rejects
(it validates every program it is given). Programs are
kept as bytes and made into the list ``_sre`` takes only when asked for.
``MTLINT_NO_CACHE=1`` turns it off too.

What a process compiled is written back when it exits (atomically, so
concurrent runs each leave a whole file): the patterns it used, and those
of earlier runs while they are not many more (:data:`_SLACK`: patterns
built from a user's glossary differ between projects).
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import zlib
from array import array

from . import datacache

try:  # the compiler's parts
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _compiler = _parser = None

#: When the file holds more patterns than twice this run's and this many,
#: it is rewritten with this run's only (patterns of an older mtlint, or
#: built from another project's glossary, go).
_SLACK = 200
#: A program is kept as the bytes of its 32-bit code words, made into the
#: list ``_sre.compile`` takes only for the patterns a run asks for.
_WORD = "I"
_ENABLED = (sys.implementation.name == "cpython" and _compiler is not None and hasattr(_compiler, "_code")
            and array(_WORD).itemsize == getattr(_sre, "CODESIZE", 0))
#: The build a file belongs to: ``_sre``'s program format and marshal's.
_BUILD = f"{sys.implementation.cache_tag}-{sys.version_info[:3]}-{getattr(_sre, 'MAGIC', 0) if _ENABLED else 0}"
_HEADER = b"mtlint-regex 2 " + _BUILD.encode() + b"\n"

#: (pattern, flags) -> (flags, program bytes, groups, group index, index
#: group): what ``_sre.compile`` takes after the pattern; None until the
#: file is first read.
_known: dict | None = None
#: What this process used or compiled, to be written back at exit.
_used: dict = {}
_compiled_here = False
_owner = os.getpid()  # a forked worker's new patterns die with it; the parent writes


def regex(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the compiled-pattern cache when
    this build compiled it before."""
    global _compiled_here
    if not _ENABLED or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    known = _known if _known is not None else _load()
    arguments = known.get(key)
    if arguments is not None:
        try:
            final_flags, program, groups, group_index, index_group = arguments
            compiled = _sre.compile(pattern, final_flags, array(_WORD, program).tolist(), groups, group_index,
                                    index_group)
        except Exception:  # noqa: BLE001 - a program _sre rejects: compile it afresh
            compiled = None
        if compiled is not None:
            _used[key] = arguments
            return compiled
    try:
        compiled, arguments = _compile(pattern, flags)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - the internals changed: re.compile's own way
        return re.compile(pattern, flags)
    _used[key] = known[key] = arguments
    _compiled_here = True
    return compiled


def _compile(pattern: str, flags: int):
    """What ``re._compiler.compile`` does, keeping the program it makes."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    names = [None] * state.groups
    for name, index in state.groupdict.items():
        names[index] = name
    code = [int(op) for op in code]
    arguments = (int(flags | state.flags), array(_WORD, code).tobytes(), state.groups - 1,
                 dict(state.groupdict), tuple(names))
    return _sre.compile(pattern, arguments[0], code, *arguments[2:]), arguments


def _path():
    return datacache.cache_dir() / f"regex-{sys.implementation.cache_tag}.marshal"


def _load() -> dict:
    """The programs in the cache file, or none when it is missing, damaged,
    of another build, or the cache is off."""
    global _known
    _known = {}
    if os.environ.get("MTLINT_NO_CACHE"):
        return _known
    try:
        with open(_path(), "rb") as handle:
            data = handle.read()
    except OSError:
        return _known
    body = data[len(_HEADER) + 4:]
    if data.startswith(_HEADER) and data[len(_HEADER):len(_HEADER) + 4] == _checksum(body):
        try:
            programs = marshal.loads(body)
        except Exception:  # noqa: BLE001 - damaged despite the checksum: start afresh
            programs = None
        if isinstance(programs, dict):
            _known = programs
    return _known


@atexit.register
def _save() -> None:
    """Write back what this process compiled (nothing when it compiled
    nothing new, or is a forked worker)."""
    if not _compiled_here or os.getpid() != _owner or os.environ.get("MTLINT_NO_CACHE"):
        return
    programs = _known if _known is not None and len(_known) <= 2 * len(_used) + _SLACK else _used
    try:
        body = marshal.dumps(programs)
    except ValueError:  # pragma: no cover - nothing unmarshallable is stored
        return
    datacache.write_bytes(_path(), _HEADER + _checksum(body) + body)


def _checksum(body: bytes) -> bytes:
    """A CRC-32 of the file's body: a damaged file (a flipped bit would
    change what a pattern matches, not only whether _sre accepts it) is
    read as none."""
    return zlib.crc32(body).to_bytes(4, "big")
