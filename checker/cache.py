"""A cache of per-file lint results, as ruff keeps one.

An entry holds what linting one file produced: the findings of the
document rules, the per-document summaries the cross-document rules
reduce, and the file's inline directives. It is keyed by the file's path
as given (findings carry it) and content hash and by a run key: mtlint's
code (a hash of the package's files, data included), the glossary's
content, the configuration that decides findings, and the Python version.
A changed file, glossary, option or mtlint release therefore never reads a
stale entry.

A run also keeps its result whole (after the cross-document rules, before
suppressions and the baseline), keyed by the run key and what ``stat``
says of every file: re-run on files nothing changed, it answers without
reading one (as ruff and git trust a file's size and times; a file changed
within three seconds of a run keeps that run from being kept).

The cache lives in ``.mtlint_cache/`` of the project (the configuration
file's folder, else the current folder), with a ``.gitignore`` inside it so
that it is never committed. Entries are written atomically (a temporary
file renamed into place), so concurrent runs at worst both write the same
entry. An entry that cannot be read or unpickled (corrupt, foreign, from
another version) is ignored and rewritten; a cache folder that cannot be
written is used read-only, with one note. The cache is bounded
(:data:`MAX_ENTRIES`): past it the oldest entries are removed. ``mtlint
clean`` deletes it; ``--no-cache`` bypasses it.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from dataclasses import fields
from pathlib import Path
from typing import NamedTuple

from .datacache import blake2b, code_hash

CACHE_DIR_NAME = ".mtlint_cache"
#: Entries kept at most (one per linted file version); the oldest go first.
MAX_ENTRIES = 20_000
#: Whole runs kept (checker/linter.py answers a run nothing changed for
#: from one); the oldest go first.
MAX_RUNS = 32
#: A run over a file changed this recently is not kept (ResultCache.run_stamp).
_RACY_SECONDS = 3.0
_FORMAT = 1
_GITIGNORE = "# Automatically created by mtlint.\n*\n"


def files_fingerprint(paths) -> str:
    """A hash of the content of the files (and folders of files) given."""
    digest = blake2b(digest_size=16)
    for name in paths:
        path = Path(name)
        members = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for member in members:
            digest.update(str(member).encode())
            try:
                digest.update(member.read_bytes())
            except OSError:
                digest.update(b"<unreadable>")
    return digest.hexdigest()


def config_fingerprint(config) -> str:
    """The configuration fields that decide findings (not output format,
    not jobs, not paths)."""
    ignored = {"jobs", "config_path", "root", "include", "exclude", "baseline", "cache_dir", "dask"}
    values = []
    for field in fields(config):
        if field.name in ignored:
            continue
        value = getattr(config, field.name)
        if isinstance(value, dict):
            value = sorted((k, repr(v)) for k, v in value.items())
        values.append((field.name, repr(value)))
    return blake2b(repr(values).encode(), digest_size=16).hexdigest()


class RunStamp(NamedTuple):
    """What a whole run is kept under (ResultCache.run_stamp)."""

    key: str
    #: False when a file changed too recently for its stat to be trusted
    keepable: bool


class ResultCache:
    """Per-file results under ``folder``, for one run key."""

    def __init__(self, folder: str | os.PathLike, run_key: str):
        self.folder = Path(folder)
        self._entries = str(self.folder / "entries")
        self._runs = str(self.folder / "runs")
        self.run_key = run_key
        self._notes: list[str] = []
        #: Entries found but not readable: damaged, or not written by mtlint.
        self.damaged = 0
        self.hits = self.misses = 0
        self._writable = True

    @classmethod
    def for_run(cls, folder, config, glossary_paths) -> "ResultCache":
        key = blake2b(digest_size=16)
        for part in (str(_FORMAT), sys.version, code_hash(), files_fingerprint(glossary_paths),
                     config_fingerprint(config)):
            key.update(part.encode())
            key.update(b"\0")
        return cls(folder, key.hexdigest())

    def _entry(self, path: str, data: bytes) -> Path:
        digest = blake2b(data, digest_size=20)
        # the path as given: findings carry it, and it is all they know of the file besides its content
        digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0" + self.run_key.encode())
        name = digest.hexdigest()
        # string joins: a warm run makes one per file, and pathlib's would be a tenth of its time
        return Path(os.path.join(self._entries, name[:2], name))

    def get(self, path: str, data: bytes):
        """The cached result of linting ``path`` with content ``data``, or None."""
        stored = self._read(self._entry(path, data))
        if stored is None:
            self.misses += 1
        else:
            self.hits += 1
        return stored

    def put(self, path: str, data: bytes, result) -> None:
        self._write(self._entry(path, data), result)

    # -- whole runs ---------------------------------------------------------
    def run_stamp(self, paths) -> "RunStamp | None":
        """A key for a whole run over ``paths``, from what ``stat`` says of
        each file (size, modification and change times, inode), so that a
        run nothing changed for is answered without reading a file; and
        whether a run may be kept under it. It may not when a file changed
        in the last :data:`_RACY_SECONDS`: a second change within the file
        system's timestamp granularity would leave its stat as it is (git's
        "racily clean" entries). None when a file cannot be stat'ed."""
        digest = blake2b(self.run_key.encode(), digest_size=20)
        newest = 0
        try:
            for path in paths:
                info = os.stat(path)
                newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
                digest.update(f"{path}\0{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino} "
                              f"{info.st_dev}\0".encode("utf-8", "surrogateescape"))
        except (OSError, ValueError):
            return None
        return RunStamp(digest.hexdigest(), time.time_ns() - newest > _RACY_SECONDS * 1e9)

    def get_run(self, stamp: str):
        """What :meth:`put_run` kept for the run ``stamp``, or None."""
        stored = self._read(os.path.join(self._runs, stamp))
        if stored is not None:
            self.hits += 1
        return stored

    def put_run(self, stamp: str, result) -> None:
        """Keep ``result`` for the run ``stamp``; only the newest
        :data:`MAX_RUNS` runs are kept."""
        if self._write(Path(self._runs, stamp), result):
            try:
                kept = sorted(os.scandir(self._runs), key=lambda e: e.stat().st_mtime, reverse=True)
            except OSError:
                return
            for old in kept[MAX_RUNS:]:
                _remove(old.path)

    @property
    def notes(self) -> list[str]:
        """What the user should hear of the cache (one line each)."""
        notes = list(self._notes)
        if self.damaged:
            notes.append(f"{self.damaged} cache entr{'y' if self.damaged == 1 else 'ies'} in {self.folder} could not "
                         "be read (damaged, or not written by mtlint): ignored, the files linted again")
        return notes

    def _read(self, entry):
        try:
            with open(entry, "rb") as handle:
                stored = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - corrupt, truncated or foreign: a miss, rewritten
            stored = None
        if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == _FORMAT and stored[1] == self.run_key:
            return stored[2]
        self.damaged += 1
        return None

    def _write(self, entry: Path, result) -> bool:
        if not self._writable:
            return False
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # a few milliseconds of imports, paid only by a run that writes

            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump((_FORMAT, self.run_key, result), handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, entry)
            except BaseException:
                _remove(tmp)
                raise
        except OSError as exc:
            self._writable = False
            self._notes.append(f"cache {self.folder} not written ({exc.strerror or exc}); linting without it")
            return False
        return True

    def _prepare(self) -> None:
        if (self.folder / ".gitignore").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# mtlint's cache: see https://bford.info/cachedir/\n",
            encoding="utf-8")

    def prune_if_due(self, every: float = 3600.0) -> int:
        """:meth:`prune`, at most once per ``every`` seconds (a stamp file
        records the last time), so that warm runs stay cheap."""
        stamp = self.folder / "last-prune"
        try:
            if stamp.exists() and time.time() - stamp.stat().st_mtime < every:
                return 0
            if not self.folder.is_dir():
                return 0
            stamp.touch()
        except OSError:
            return 0
        return self.prune()

    def prune(self, limit: int = MAX_ENTRIES) -> int:
        """Remove the oldest entries beyond ``limit`` (and temporary files
        of killed runs); returns how many were removed."""
        root = self.folder / "entries"
        if not root.is_dir():
            return 0
        entries = []
        removed = 0
        for path in root.rglob("*"):
            if not path.is_file():
                continue
            if path.name.startswith(".tmp-"):
                removed += _remove(path)
                continue
            try:
                entries.append((path.stat().st_mtime, path))
            except OSError:
                continue
        if len(entries) <= limit:
            return removed
        entries.sort()
        for _, path in entries[:len(entries) - limit]:
            removed += _remove(path)
        return removed


def _remove(path) -> int:
    try:
        os.unlink(path)
        return 1
    except OSError:
        return 0


def clean(folder: str | os.PathLike) -> bool:
    """Delete a cache folder made by mtlint (it must hold our .gitignore)."""
    import shutil

    folder = Path(folder)
    marker = folder / ".gitignore"
    if not folder.is_dir():
        return False
    if not marker.is_file() or "mtlint" not in marker.read_text(encoding="utf-8", errors="replace"):
        raise ValueError(f"{folder} is not an mtlint cache (no .gitignore written by mtlint); not removed")
    shutil.rmtree(folder)
    return True
