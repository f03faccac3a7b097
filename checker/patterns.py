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

The programs live in a :class:`~checker.buildcache.BuildStore`: what a
process compiled is written back when it exits (atomically, so concurrent
runs each leave a whole file), with the patterns it used and those of
earlier runs while they are not many more.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator

from .buildcache import BuildStore

try:  # the compiler's parts
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _compiler = _parser = None

#: A program is kept as the bytes of its 32-bit code words, made into the
#: list ``_sre.compile`` takes only for the patterns a run asks for.
_WORD = "I"
_ENABLED = (sys.implementation.name == "cpython" and _compiler is not None and hasattr(_compiler, "_code")
            and array(_WORD).itemsize == getattr(_sre, "CODESIZE", 0))

#: (pattern, flags) -> (flags, program bytes, groups, group index, index
#: group): what ``_sre.compile`` takes after the pattern. The file belongs
#: to ``_sre``'s program format as well as to the build. Patterns built
#: from a user's glossary differ between projects: up to 200 of other
#: runs' are kept.
PROGRAMS = BuildStore("regex", build=f"-{getattr(_sre, 'MAGIC', 0) if _ENABLED else 0}", slack=200)


def regex(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the compiled-pattern cache when
    this build compiled it before. For the patterns of mtlint's code, its
    data and a project's configuration, which recur run after run; one
    built from a document's text is compiled with ``re.compile``, or every
    run would add to the file (and write it again at exit)."""
    if not _ENABLED or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    # re adds UNICODE to a str pattern's flags: a pattern made again from
    # another's .pattern and .flags (an unpickled one) is the same entry
    key = (pattern, int(flags) if flags & re.ASCII else int(flags & ~re.UNICODE))
    arguments = PROGRAMS.get(key)
    if arguments is not None:
        try:
            final_flags, program, groups, group_index, index_group = arguments
            compiled = _sre.compile(pattern, final_flags, array(_WORD, program).tolist(), groups, group_index,
                                    index_group)
        except Exception:  # noqa: BLE001 - a program _sre rejects: compile it afresh
            compiled = None
        if compiled is not None:
            return compiled
    try:
        compiled, arguments = _compile(pattern, flags)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - the internals changed: re.compile's own way
        return re.compile(pattern, flags)
    PROGRAMS.add(key, arguments)
    return compiled


def occurrences(text: str, needle: str, start: int = 0, end: int = sys.maxsize) -> list[int]:
    """Offsets of ``needle`` in ``text[start:end]``, overlapping ones
    included: ``str.find`` from one to the next, at memchr speed, where a
    pattern opening with a class would test it at every character."""
    found = []
    pos = text.find(needle, start, end)
    while pos != -1:
        found.append(pos)
        pos = text.find(needle, pos + 1, end)
    return found


def matches_at(pattern: re.Pattern, text: str, starts, end: int = sys.maxsize) -> Iterator[re.Match]:
    """``pattern.finditer(text, 0, end)`` when every match starts at one of
    ``starts`` (ascending offsets, found by a cheaper scan for what each
    match opens with): the pattern is tried only there, each match from the
    end of the last one on, instead of at every position of the text."""
    covered = 0
    for start in starts:
        if start < covered:
            continue
        match = pattern.match(text, start, end)
        if match is not None:
            covered = match.end()
            yield match


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
