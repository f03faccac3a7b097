"""Where mtlint keeps what it builds once and reuses across runs: the
cache folder, the hash of the code and data that keys every cache, and
:func:`cached` for the data rules build from files on first use (word
lists, the gazetteer's indexes, the near-synonym list).

Each such build costs tens of milliseconds, and the pre-commit path pays
all of them on every commit for a file of a few kilobytes; unpickling the
result costs a few. The glossary cache (checker/glossary.py) lives in the
same folder under the same key.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any, Callable, TypeVar

try:  # hashlib's own BLAKE2, without the OpenSSL library that importing hashlib loads (3 ms of every run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent
_DATA_PREFIX = "data-"


def cache_dir() -> Path:
    """``$MTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtlint``, else
    ``~/.cache/mtlint``."""
    root = os.environ.get("MTLINT_CACHE_DIR")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")) / "mtlint"


@functools.cache
def code_hash() -> str:
    """A hash of the package: every module (whatever builds or unpickles a
    cached object) and every shipped data file, and the Python version.

    Reading and hashing some eighty files costs a few milliseconds of every
    run, so the hash is kept in the cache folder under the files' sizes and
    modification times (what Python itself trusts to reuse a module's
    bytecode); an edit, a checkout or another install is hashed afresh."""
    files = _package_files()
    stamp = blake2b(repr((sys.version_info[:3], files)).encode(), digest_size=32).hexdigest()[:24]
    kept = None if os.environ.get("MTLINT_NO_CACHE") else cache_dir() / f"{_CODE_HASH_PREFIX}{stamp}"
    if kept is not None:
        try:
            known = kept.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            known = ""
        if len(known) == 64 and all(c in "0123456789abcdef" for c in known):
            return known
    digest = blake2b(repr(sys.version_info[:3]).encode(), digest_size=32)
    for name, _, _ in files:
        try:
            digest.update(name.encode() + b"\0" + (_PACKAGE / name).read_bytes())
        except OSError:
            digest.update(b"unreadable " + name.encode())
    value = digest.hexdigest()
    if kept is not None and write_bytes(kept, value.encode("ascii")):
        _keep_newest(kept.parent.glob(f"{_CODE_HASH_PREFIX}*"), kept)
    return value


_CODE_HASH_PREFIX = "code-hash-"


def _package_files() -> list[tuple[str, int, int]]:
    """(path in the package, size, modification time) of every module and
    data file, sorted by path."""
    found = []

    def walk(folder: str, prefix: str, data: bool) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        walk(entry.path, f"{prefix}{entry.name}/", data or prefix + entry.name == "data")
                elif data or entry.name.endswith(".py"):
                    try:
                        stat = entry.stat()
                        found.append((prefix + entry.name, stat.st_size, stat.st_mtime_ns))
                    except OSError:
                        found.append((prefix + entry.name, -1, -1))

    walk(str(_PACKAGE), "", False)
    return sorted(found)


def cached(name: str, build: Callable[[], T], source: str = "") -> T:
    """``build()``, pickled in the cache folder under ``name`` and the code
    hash (with ``source``, what identifies an input the build reads from
    outside mtlint, such as another package's file) and loaded from there
    by later runs. A missing, damaged or foreign file is a rebuild; an
    unwritable folder only costs speed; ``MTLINT_NO_CACHE=1`` turns it
    off. Writes are atomic (concurrent runs may both write; either file is
    whole), and a write removes the files of ``name`` of all but the
    newest :data:`KEPT_VERSIONS` keys."""
    if os.environ.get("MTLINT_NO_CACHE"):
        return build()
    folder = cache_dir()
    key = code_hash() if not source else blake2b(f"{code_hash()}\0{source}".encode(), digest_size=32).hexdigest()
    key = key[:24]
    path = folder / f"{_DATA_PREFIX}{name}-{key}.pickle"
    header = key.encode() + b"\n"
    found, value = read_pickle(path, header)
    if found:
        return value
    value = build()
    if write_pickle(path, header, value):
        _keep_newest(folder.glob(f"{_DATA_PREFIX}{name}-*.pickle"), path)
    return value


#: How many versions of mtlint's code keep their files: a checkout being
#: edited beside an installed release (pre-commit's), or projects pinning
#: different releases, each find theirs instead of rebuilding after the
#: other ran; older versions' files go.
KEPT_VERSIONS = 4


def _keep_newest(paths, written: Path) -> None:
    """Remove all but the :data:`KEPT_VERSIONS` most recently written of
    ``paths`` (one file each of different versions), ``written`` (this
    run's, whatever the file system's timestamp granularity) first."""
    dated = []
    for path in paths:
        try:
            dated.append((path == written, path.stat().st_mtime_ns, str(path)))
        except OSError:
            continue
    for _, _, old in sorted(dated, reverse=True)[KEPT_VERSIONS:]:
        _unlink(old)


def read_pickle(path: Path, header: bytes) -> tuple[bool, Any]:
    """(True, the object) pickled in ``path`` after ``header``, or (False,
    None): a missing, damaged or foreign file is a miss, never an error.
    A damaged file is never unpickled (:func:`read_checked`: the glossary's
    entries are unpacked when a run meets them, so damage would otherwise
    surface in the middle of a lint)."""
    body = read_checked(path, header)
    if body is None:
        return False, None
    try:
        with collector_paused():
            return True, pickle.loads(body)
    except Exception:  # noqa: BLE001 - any damage is a miss; the file is rewritten
        return False, None


@contextlib.contextmanager
def collector_paused():
    """The cyclic garbage collector off while the block makes many objects
    and no cycles (an unpickled cache, a glossary read from its files): the
    passes that so many new objects set off would scan the growing heap
    again and again and find nothing to free (a 50,000-entry glossary reads
    2-3 times faster without them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_pickle(path: Path, header: bytes, value) -> bool:
    """Write ``value`` pickled to ``path`` after ``header`` (:func:`write_checked`)."""
    return write_checked(path, header, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def read_checked(path, header: bytes) -> memoryview | None:
    """The body of a file :func:`write_checked` wrote with ``header``, or
    None when it is missing, has another header, or fails its checksum."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    body = memoryview(data)[len(header) + 4:]
    if not data.startswith(header) or data[len(header):len(header) + 4] != checksum(body):
        return None
    return body


def write_checked(path, header: bytes, body: bytes) -> bool:
    """Write ``header``, the CRC-32 of ``body`` and ``body`` to ``path``
    (:func:`write_bytes`)."""
    return write_bytes(path, header + checksum(body) + body)


def checksum(body) -> bytes:
    """The CRC-32 of a cache file's body, as the four bytes stored before
    it: a damaged file (a flipped bit would change what a pattern matches
    or a name reads, not only whether it loads) is a miss."""
    return zlib.crc32(body).to_bytes(4, "big")


def write_bytes(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically (a temporary file renamed into
    place: concurrent runs may both write, either file is whole); False
    when the folder cannot be written, which only costs speed."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - e.g. a full disk or a read-only home
        _unlink(tmp)
        return False
    return True


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
