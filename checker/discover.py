"""Which files a run lints: explicit files as given, folders walked for
text files (hidden folders such as .git and .venv skipped), ``-`` for stdin.

Every file is listed once, however many names lead to it: a symbolic link
and its target, or two hard links, found in one run are one file (linted
and fixed once, under the name that is not a link). What cannot be listed
is reported, never skipped silently: a folder that cannot be read (with its
name), a broken symbolic link, a symbolic link loop.
"""

from __future__ import annotations

import errno
import os
import stat
import sys

from .document import LINT_SUFFIXES, TEXT_SUFFIXES, DocumentError
from .model import InputProblem

STDIN = "-"


def discover(paths, suffixes=LINT_SUFFIXES, config=None) -> tuple[list[str], list[InputProblem]]:
    """``config`` (a Config) adds its include/exclude globs: exclude drops
    files (named or found) and prunes folders; include picks what a folder
    walk finds instead of ``suffixes``."""
    files: list[str] = []
    problems: list[InputProblem] = []
    seen: dict = {}  # STDIN, or (st_dev, st_ino) of a file -> its index in files
    excluded = config.is_excluded if config is not None and config.exclude else (lambda path, is_dir=False: False)
    wanted = (config.is_included if config is not None and config.include
              else (lambda path: path.lower().endswith(suffixes)))

    def add(path, walked=False):
        if path == STDIN:
            if STDIN not in seen:
                seen[STDIN] = len(files)
                files.append(path)
            return
        if excluded(path):
            return
        try:
            info = os.stat(path)
        except OSError as exc:
            problems.append(InputProblem(path, _unreachable(path, exc)))
            return
        if not stat.S_ISREG(info.st_mode) and (walked or not stat.S_ISFIFO(info.st_mode)):
            # reading a device (/dev/zero) or a pipe nobody writes to never ends; a pipe
            # named on the command line, e.g. by <(command), is read
            problems.append(InputProblem(path, "not a regular file (a device, socket or pipe); not linted"))
            return
        key = (info.st_dev, info.st_ino)
        index = seen.get(key)
        if index is None:
            seen[key] = len(files)
            files.append(path)
        elif os.path.islink(files[index]) and not os.path.islink(path):
            files[index] = path  # the file itself rather than a link to it

    for path in map(os.fspath, paths):
        if path == STDIN:
            add(path)
        elif os.path.isdir(path):
            found, unreadable = [], []
            for root, dirs, names in os.walk(path, onerror=unreadable.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(root, d), True))
                found.extend(os.path.join(root, n) for n in sorted(names) if wanted(os.path.join(root, n)))
            for exc in unreadable:
                where = os.fspath(exc.filename) if exc.filename is not None else path
                problems.append(InputProblem(
                    where, f"cannot read folder: {exc.strerror or exc}; the files in it were not linted"))
            if not found and not unreadable and not excluded(path, True):
                problems.append(InputProblem(path, _nothing_found(suffixes, config)))
            for file in found:
                add(file, walked=True)
        elif os.path.lexists(path):
            add(path)  # a file, or a link that add() reports as broken or looping
        else:
            problems.append(InputProblem(path, "no such file or folder"))
    return files, problems


def _unreachable(path: str, exc: OSError) -> str:
    """Why ``os.stat(path)`` failed, in a few words."""
    if os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        if exc.errno == errno.ELOOP:
            return f"symbolic link loop ({path} → {target} never reaches a file); not linted"
        if exc.errno == errno.ENOENT:
            return f"broken symbolic link (→ {target}, which does not exist); not linted"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop in the path; not linted"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read: {exc.strerror or exc}"


def _nothing_found(suffixes, config) -> str:
    if config is not None and config.include:
        return f"no files matching include = {list(config.include)} in this folder"
    text = [s for s in suffixes if s in TEXT_SUFFIXES]
    other = [s for s in suffixes if s not in TEXT_SUFFIXES]
    message = f"no {'/'.join(text or suffixes)} files in this folder"
    return f"{message} (nor {', '.join(other)})" if text and other else message


def read_stdin() -> bytes:
    """The bytes of standard input (``-``), or a DocumentError naming
    ``<stdin>`` when it cannot be read."""
    stream = sys.stdin
    if stream is None:
        return b""
    try:
        buffer = getattr(stream, "buffer", None)
        return buffer.read() if buffer is not None else stream.read().encode("utf-8", "surrogateescape")
    except (OSError, ValueError) as exc:  # a folder redirected to stdin, a closed stream
        raise DocumentError("<stdin>", f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
