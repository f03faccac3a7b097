"""Writing a file so that a crash at any moment leaves either the old or
the new content (:func:`write_atomic`), keeping owner, group, permissions
and hard links, and cleaning up safely what a killed run left
(:func:`clean_stale`, :func:`leftover_backup`). Used by ``mtlint fix``
(checker/fixer.py) and for baseline files (checker/baseline.py).
"""

from __future__ import annotations

import errno
import os
import stat
import time

from .patterns import regex

_TMP_SUFFIX = ".mtlint-tmp"
_BACKUP_SUFFIX = ".mtlint-backup"
#: Our temporary files: ".<name>.<8 random characters of mkstemp>.mtlint-tmp".
_TMP_NAME = regex(r"\..+\.[a-z0-9_]{8}\.mtlint-tmp\Z")
_BACKUP_NAME = regex(r"\.(.+)\.mtlint-backup\Z")
#: Without file locks (Windows), a temporary file younger than this may
#: belong to a live run and is left alone. With them, a live run holds the
#: lock on its files, and re-checks after locking that its file is still there.
_STALE_AGE_UNLOCKED = 3600.0
_CLEANED: set[str] = set()


class WriteRefused(OSError):
    """The file cannot be written safely; ``strerror`` says why."""


def _fcntl():
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: rely on the age alone
        return None
    return fcntl


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False when another
    process (a run still writing) holds it. The lock goes with the process,
    so a killed run's files are free."""
    fcntl = _fcntl()
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _lock_own(fd: int, path: str) -> bool:
    """Lock a file this run has just created (waiting for a cleaner that
    may hold it for a moment), and say whether ``path`` is still that file:
    a cleaner may have taken it for a killed run's in between."""
    fcntl = _fcntl()
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        here, mine = os.stat(path, follow_symlinks=False), os.fstat(fd)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


def _stale(entry) -> os.stat_result | None:
    """The lstat of a regular file that may be stale, else None."""
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    if _fcntl() is None and time.time() - info.st_mtime < _STALE_AGE_UNLOCKED:  # pragma: no cover
        return None
    return info


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def clean_stale(folder: str) -> None:
    """Remove what a killed ``fix`` left in ``folder`` (once per folder and
    process), touching only our own files: a temporary file named
    ``.<name>.<random>.mtlint-tmp`` that is a regular file not locked by a
    live run (the original was never replaced, so nothing is lost); and a backup ``.<name>.mtlint-backup``
    of an in-place write only when ``<name>`` holds exactly the same bytes
    (the write never began). Any other backup is kept: see
    :func:`leftover_backup`."""
    folder = os.path.abspath(folder)
    if folder in _CLEANED:
        return
    _CLEANED.add(folder)
    try:
        with os.scandir(folder) as entries:
            candidates = [e for e in entries if e.name.endswith((_TMP_SUFFIX, _BACKUP_SUFFIX))]
    except OSError:
        return
    for entry in candidates:
        backup = _BACKUP_NAME.fullmatch(entry.name)
        if not (_TMP_NAME.fullmatch(entry.name) or backup):
            continue
        info = _stale(entry)
        if info is None:
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            now = os.fstat(fd)
            if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not _try_lock(fd):
                continue
            if backup:
                with open(os.path.join(folder, backup.group(1)), "rb") as original:
                    if original.read() != _read_all(fd):
                        continue  # the write may have begun: a human decides
            os.unlink(entry.path)
        except OSError:
            continue
        finally:
            os.close(fd)


def leftover_backup(path: str) -> str | None:
    """The backup an interrupted in-place write of ``path`` left (its
    content before that fix), or None."""
    real = os.path.realpath(path)
    clean_stale(os.path.dirname(real) or ".")
    backup = _backup_path(real)
    return backup if os.path.lexists(backup) else None


def _backup_path(real: str) -> str:
    return os.path.join(os.path.dirname(real), f".{os.path.basename(real)}{_BACKUP_SUFFIX}")


def _extended_attributes(path: str) -> bool:
    """Whether the file has extended attributes (ACLs, tags) that a new
    file would not get (an SELinux label is given by the folder anyway)."""
    try:
        names = os.listxattr(path)
    except (AttributeError, OSError):
        return False
    return any(name != "security.selinux" for name in names)


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves
    either the old or the new file, never a mix or nothing: write a
    temporary file in the same folder, flush it to disk, give it the
    original's owner, group and permissions, then rename it over the
    original (a symbolic link is followed, not replaced).

    Where a rename would lose something - the file has other hard links
    (they would keep the old text), an owner or group this process cannot
    give a new file, or extended attributes (ACLs) - the file is instead
    written in place after a verified backup (:func:`_write_in_place`)."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    clean_stale(folder)
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    if info is not None and (info.st_nlink > 1 or _extended_attributes(real)):
        _write_in_place(real, data)
        return
    import tempfile  # a few milliseconds of imports, paid only when a file is written

    for _attempt in range(5):
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=_TMP_SUFFIX, dir=folder)
        try:
            # held until the rename: clean_stale leaves a live run's file alone
            if _lock_own(fd, tmp):
                break
        except BaseException:
            os.close(fd)
            _remove(tmp)
            raise
        os.close(fd)  # another run's clean_stale took it for a stale one: make another
    else:
        raise WriteRefused(errno.EAGAIN, "could not keep a temporary file in the folder")
    handle = os.fdopen(fd, "wb")
    owner_kept = True
    try:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        if info is not None:
            made = os.fstat(fd)
            if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.fchown(fd, info.st_uid, info.st_gid)
                except (AttributeError, OSError):
                    owner_kept = False
            if owner_kept:
                os.chmod(tmp, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
                os.replace(tmp, real)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, real)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        handle.close()
    if not owner_kept:  # a new file would change the owner or group: write in place instead
        _remove(tmp)
        _write_in_place(real, data)


def _remove_own(fd: int, path: str) -> None:
    """Remove ``path`` if it is still the file open as ``fd``."""
    try:
        here, mine = os.stat(path, follow_symlinks=False), os.fstat(fd)
        if (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino):
            os.unlink(path)
    except OSError:
        pass


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _write_in_place(real: str, data: bytes) -> None:
    """Overwrite ``real`` in place (same inode: links, owner, group, mode and
    attributes stay), after copying its bytes to ``.<name>.mtlint-backup``,
    flushing the copy to disk and reading it back. A failed write is undone
    from the copy; the copy is removed once the file is written. Should the
    process die in between, the copy stays and the next ``fix`` of the file
    refuses to touch it until a human has looked (:func:`leftover_backup`)."""
    backup = _backup_path(real)
    with open(real, "rb") as source:
        original = source.read()
    try:
        fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        raise WriteRefused(errno.EEXIST, f"{backup} exists (left by an interrupted fix?): check the file, "
                           "then delete that copy") from None
    try:
        if not _lock_own(fd, backup):
            raise WriteRefused(errno.EAGAIN, "the backup copy was removed by another run; the file is unchanged")
        with os.fdopen(os.dup(fd), "wb") as copy:
            copy.write(original)
            copy.flush()
            os.fsync(copy.fileno())
        with open(backup, "rb") as check:
            if check.read() != original:
                raise WriteRefused(errno.EIO, "the backup copy could not be verified; the file is unchanged")
    except BaseException:
        _remove_own(fd, backup)
        os.close(fd)
        raise
    try:
        try:
            _overwrite(real, data)
        except BaseException:
            try:  # undo from the verified copy
                _overwrite(real, original)
            except BaseException:
                raise WriteRefused(errno.EIO, f"writing failed and so did restoring: the file as it was is "
                                   f"in {backup}") from None
            os.unlink(backup)
            raise
        os.unlink(backup)
    finally:
        os.close(fd)


def _overwrite(path: str, data: bytes) -> None:
    """Write ``data`` over the file itself (same inode: links, owner and
    attributes stay) and flush it to disk."""
    with open(path, "r+b") as target:
        target.write(data)
        target.truncate(len(data))
        target.flush()
        os.fsync(target.fileno())
