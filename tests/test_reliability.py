"""Bad input and hostile file systems (issue 11 rows 1, 5, 6, 9-13): every
case is reported, never a traceback, and the other files are still linted
or fixed. The tests run as root in CI, where a mode-000 folder is still
readable, so unreadable files and folders are simulated by monkeypatching."""

from __future__ import annotations

import errno
import os
import pathlib
import stat
import time

import pytest

from conftest import MINI_GLOSSARY

MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)
BAD = "tỉnh Sơn Ma\n"
FIXED = "tỉnh Gunma\n"


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(BAD, encoding="utf-8")
    return path


def no_traceback(result):
    assert "Traceback" not in result.stdout + result.stderr


# -- row 1: stdin ---------------------------------------------------------------

@pytest.mark.parametrize("data,message", [
    (b"\xff", "mtlint: error: <stdin>:1: not valid UTF-8 (byte 0xff at byte column 1); not linted"),
    ("dòng một\n".encode() + b"x\xc3(", "mtlint: error: <stdin>:2: not valid UTF-8"),
    (b"abc\x00def", "mtlint: error: <stdin>: binary file"),
])
def test_bad_stdin_is_reported_and_the_other_files_linted(cli, good, data, message):
    result = cli("lint", *MINI, "-", good, input=data)
    no_traceback(result)
    assert result.exit_code == 2
    assert message in result.stderr
    assert f"{good}:1:6: error [term-variant]" in result.stdout


def test_unreadable_stdin_is_reported(good, mini_linter, monkeypatch):
    import sys

    class Broken:
        class buffer:
            @staticmethod
            def read():
                raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(sys, "stdin", Broken)
    result = mini_linter.lint_paths(["-", str(good)])
    assert [str(p) for p in result.problems] == ["<stdin>: cannot read: Input/output error"]
    assert result.files == 1 and result.findings[0].path == str(good)


# -- row 5: owner, group, mode and hard links ---------------------------------------

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")


@needs_root
def test_fix_keeps_owner_group_and_mode(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    os.chown(path, 65534, 65534)
    os.chmod(path, 0o664)
    result = cli("fix", *MINI, tmp_path)
    assert result.exit_code == 0, result.stderr
    info = path.stat()
    assert path.read_text(encoding="utf-8") == FIXED
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o664)
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]


def test_fix_writes_in_place_when_the_owner_cannot_be_given(cli, tmp_path, monkeypatch):
    from checker import fixer

    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    inode = path.stat().st_ino
    real_fstat = os.fstat

    def other_owner(fd):  # the new file would get another owner than the file has
        info = real_fstat(fd)
        values = list(info)
        values[stat.ST_UID] = info.st_uid + 1
        return os.stat_result(values)

    def refuse(fd, uid, gid):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(fixer.os, "fstat", other_owner)
    monkeypatch.setattr(fixer.os, "fchown", refuse)
    result = cli("fix", *MINI, path)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_ino == inode  # the same file, so the same owner
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]  # no backup, no temporary file left


def test_fix_keeps_hard_links(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    os.link(path, outside)
    result = cli("fix", *MINI, folder)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == FIXED
    assert outside.read_text(encoding="utf-8") == FIXED  # still the same file
    assert path.stat().st_ino == outside.stat().st_ino and path.stat().st_nlink == 2
    assert sorted(os.listdir(folder)) == ["a.txt"]


def test_failed_in_place_write_is_undone_from_the_backup(tmp_path, monkeypatch):
    from checker import fixer

    path = tmp_path / "a.txt"
    path.write_bytes(b"original text\n")
    os.link(path, tmp_path / "b.txt")
    real_fsync = os.fsync
    calls = []

    def fail_second(fd):  # the backup is flushed, then the write of the file fails
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(fixer.os, "fsync", fail_second)
    with pytest.raises(OSError, match="No space left"):
        fixer.write_atomic(str(path), b"new, longer text that does not fit\n")
    assert path.read_bytes() == b"original text\n"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def _age(path, seconds=3600):
    past = time.time() - seconds
    os.utime(path, (past, past), follow_symlinks=False)


def test_backup_left_by_a_killed_in_place_write_blocks_that_file(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("tỉnh Gun", encoding="utf-8")  # half written when the run was killed
    backup = tmp_path / ".a.txt.mtlint-backup"
    backup.write_text(BAD, encoding="utf-8")
    _age(backup)
    other = tmp_path / "b.txt"
    other.write_text(BAD, encoding="utf-8")
    result = cli("fix", *MINI, path, other)
    no_traceback(result)
    assert result.exit_code == 2
    assert f"{path}: an interrupted fix left this file's earlier content in {backup}" in result.stderr
    assert path.read_text(encoding="utf-8") == "tỉnh Gun" and backup.read_text(encoding="utf-8") == BAD
    assert other.read_text(encoding="utf-8") == FIXED


def test_backup_of_a_write_that_never_began_is_removed(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    backup = tmp_path / ".a.txt.mtlint-backup"
    backup.write_text(BAD, encoding="utf-8")
    _age(backup)
    result = cli("fix", *MINI, path)
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]
    assert path.read_text(encoding="utf-8") == FIXED


# -- row 6: stale temporary files ------------------------------------------------------

def test_stale_temporary_files_are_removed_and_nothing_else(cli, tmp_path):
    import fcntl

    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    stale = tmp_path / ".a.txt.k3x_9q2z.mtlint-tmp"  # a killed run's, for a file of the folder
    stale.write_text("half", encoding="utf-8")
    orphan = tmp_path / ".gone.md.abcdefgh.mtlint-tmp"  # a killed run's, for a file since deleted
    orphan.write_text("half", encoding="utf-8")
    fresh = tmp_path / ".b.txt.12345678.mtlint-tmp"  # killed a moment ago: not locked
    fresh.write_text("half", encoding="utf-8")
    locked = tmp_path / ".c.txt.aaaaaaaa.mtlint-tmp"  # a live run holds it
    locked.write_text("live", encoding="utf-8")
    not_ours = [tmp_path / "notes.mtlint-tmp", tmp_path / ".a.txt.mtlint-tmp", tmp_path / ".a.txt.TOOLONG99.mtlint-tmp"]
    for other in not_ours:
        other.write_text("keep", encoding="utf-8")
    link = tmp_path / ".d.txt.bbbbbbbb.mtlint-tmp"
    link.symlink_to(path)
    folder = tmp_path / ".e.txt.cccccccc.mtlint-tmp"
    folder.mkdir()
    for old in (stale, orphan, locked, link, folder, *not_ours):
        _age(old)
    with open(locked, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = cli("fix", *MINI, path)
    assert result.exit_code == 0, result.stderr
    assert not stale.exists() and not orphan.exists() and not fresh.exists()
    assert locked.exists() and link.is_symlink() and folder.is_dir()
    assert all(other.exists() for other in not_ours)
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_temporary_file_taken_by_another_run_is_made_again(tmp_path, monkeypatch):
    from checker import atomic as fixer  # the atomic write (checker/atomic.py)

    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    real = fixer._lock_own
    taken = []

    def race(fd, name):  # another run's clean_stale removes it before this run locks it
        if not taken and name.endswith(".mtlint-tmp"):
            taken.append(name)
            os.unlink(name)
        return real(fd, name)

    monkeypatch.setattr(fixer, "_lock_own", race)
    fixer.write_atomic(str(path), b"new\n")
    assert taken and path.read_bytes() == b"new\n"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_diff_changes_nothing_not_even_stale_files(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    stale = tmp_path / ".a.txt.k3x_9q2z.mtlint-tmp"
    stale.write_text("half", encoding="utf-8")
    _age(stale)
    assert cli("fix", *MINI, "--diff", path).exit_code == 1
    assert stale.exists()


# -- row 9: unreadable folders ---------------------------------------------------------

@pytest.fixture
def unreadable_folder(monkeypatch):
    """Make os.scandir (what os.walk reads folders with) refuse some paths."""
    denied: set[str] = set()
    real = os.scandir

    def scandir(path="."):
        if os.path.abspath(os.fspath(path)) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return lambda path: denied.add(os.path.abspath(path))


def test_unreadable_folder_in_a_tree_is_reported(cli, tmp_path, unreadable_folder):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    unreadable_folder(tmp_path / "sub")
    result = cli("lint", *MINI, tmp_path)
    no_traceback(result)
    assert result.exit_code == 2
    assert f"{tmp_path / 'sub'}: cannot read folder: Permission denied; the files in it were not linted" \
        in result.stderr
    assert f"{tmp_path / 'a.txt'}:1:6: error [term-variant]" in result.stdout


def test_unreadable_folder_is_not_called_empty(cli, tmp_path, unreadable_folder):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "x.txt").write_text(BAD, encoding="utf-8")
    unreadable_folder(sub)
    result = cli("lint", *MINI, sub)
    assert result.exit_code == 2
    assert f"{sub}: cannot read folder: Permission denied" in result.stderr
    assert "no .txt" not in result.stderr


# -- row 10: an unreadable file named on the command line --------------------------------------

@pytest.fixture
def unreadable(tmp_path, monkeypatch):
    """A file that os.access and reading both refuse, as for a non-root user."""
    path = tmp_path / "secret.txt"
    path.write_text(BAD, encoding="utf-8")
    real_access, real_read = os.access, pathlib.Path.read_bytes

    def access(name, mode, *args, **kwargs):
        if os.path.abspath(os.fspath(name)) == str(path) and mode & os.R_OK:
            return False
        return real_access(name, mode, *args, **kwargs)

    def read_bytes(self):
        if os.path.abspath(self) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return path


def test_unreadable_file_lint(cli, unreadable, good):
    result = cli("lint", *MINI, unreadable, good)
    no_traceback(result)
    assert result.exit_code == 2
    assert f"mtlint: error: {unreadable}: cannot read: Permission denied" in result.stderr
    assert f"{good}:1:6: error [term-variant]" in result.stdout


def test_unreadable_file_fix(cli, unreadable, good):
    result = cli("fix", *MINI, unreadable, good)
    assert result.exit_code == 2
    assert f"{unreadable}: cannot read: Permission denied" in result.stderr
    assert good.read_text(encoding="utf-8") == FIXED


def test_unreadable_file_report(cli, unreadable, good, tmp_path):
    out = tmp_path / "r.html"
    result = cli("report", *MINI, unreadable, good, "-o", out)
    assert result.exit_code == 2
    assert f"{unreadable}: cannot read: Permission denied" in result.stderr
    assert out.exists() and "wrote" in result.stdout


# -- row 11: number separators are fixed ------------------------------------------------------

def test_unambiguous_english_separators_are_fixed(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Lạm phát 3.5% và hơn 1,900,000 công ty; 1,300 người; ngày 11/25/2025.\n", encoding="utf-8")
    result = cli("fix", *MINI, "--select", "figure-format", path)
    assert path.read_text(encoding="utf-8") == "Lạm phát 3,5% và hơn 1.900.000 công ty; 1,300 người; ngày 11/25/2025.\n"
    assert "fixed [figure-format] '3.5' → '3,5'" in result.stdout
    assert result.exit_code == 1  # 1,300 and the date are left for a human


# -- rows 12, 13: symbolic links ----------------------------------------------------------------

def test_a_file_reached_by_several_names_is_linted_and_fixed_once(cli, tmp_path):
    target = tmp_path / "target.txt"
    target.write_text(BAD, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("target.txt")
    os.link(target, tmp_path / "hard.txt")
    lint = cli("lint", *MINI, tmp_path)
    assert lint.stdout.count("[term-variant]") == 1 and lint.exit_code == 1
    fix = cli("fix", *MINI, tmp_path)
    no_traceback(fix)
    assert fix.exit_code == 0, fix.stderr
    assert fix.stdout.count("fixed [term-variant]") == 1
    assert target.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "hard.txt").stat().st_ino == target.stat().st_ino


def test_linked_file_named_with_its_target_is_linted_once(cli, tmp_path):
    target = tmp_path / "target.txt"
    target.write_text(BAD, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = cli("lint", *MINI, link, target)
    assert result.stdout.count("[term-variant]") == 1
    assert f"{target}:1:6" in result.stdout  # the file, not the link


@pytest.mark.parametrize("walked", [False, True])
def test_symlink_loop_is_named(cli, tmp_path, good, walked):
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    result = cli("lint", *MINI, folder if walked else folder / "a.txt", good)
    no_traceback(result)
    assert result.exit_code == 2
    assert f"{folder / 'a.txt'}: symbolic link loop ({folder / 'a.txt'} → b.txt never reaches a file)" \
        in result.stderr
    assert "no such file" not in result.stderr and "Too many levels" not in result.stderr
    assert f"{good}:1:6: error [term-variant]" in result.stdout


def test_broken_symlink_is_named(cli, tmp_path, good):
    link = tmp_path / "gone.txt"
    link.symlink_to("nowhere.txt")
    result = cli("lint", *MINI, link, good)
    assert result.exit_code == 2
    assert f"{link}: broken symbolic link (→ nowhere.txt, which does not exist)" in result.stderr


# -- a bug in a loader costs one file, never the run -----------------------------------------

def test_crashing_loader_costs_one_file(cli, tmp_path, good, monkeypatch):
    from checker import loaders as structure  # the loaders call checker.structure's parser

    bad = tmp_path / "bug.md"
    content = f"tỉnh Sơn Ma {os.getpid()} {time.time()}\n"  # never in a cache
    bad.write_text(content, encoding="utf-8")
    real = structure.structured_document

    def structured_document(name, text, *args, **kwargs):
        if str(name).endswith("bug.md"):
            raise IndexError("list index out of range")
        return real(name, text, *args, **kwargs)

    monkeypatch.setattr(structure, "structured_document", structured_document)
    result = cli("lint", *MINI, bad, good)
    no_traceback(result)
    assert result.exit_code == 2
    assert f"{bad}: internal error while reading (IndexError: list index out of range)" in result.stderr
    assert f"{good}:1:6: error [term-variant]" in result.stdout
    fixed = cli("fix", *MINI, bad, good)
    assert fixed.exit_code == 2 and f"{bad}: internal error while reading" in fixed.stderr
    assert good.read_text(encoding="utf-8") == FIXED and bad.read_text(encoding="utf-8") == content


# -- devices and pipes: never a hang ---------------------------------------------------------------

def test_pipe_in_a_tree_and_a_device_are_reported_not_read(cli, tmp_path, good):
    os.mkfifo(tmp_path / "pipe.txt")  # nobody writes to it: reading it would never end
    result = cli("lint", *MINI, tmp_path, "/dev/zero")
    assert result.exit_code == 2
    assert f"{tmp_path / 'pipe.txt'}: not a regular file (a device, socket or pipe); not linted" in result.stderr
    assert "/dev/zero: not a regular file" in result.stderr
    assert f"{good}:1:6: error [term-variant]" in result.stdout


def test_named_pipe_is_linted_but_not_fixed(cli, tmp_path):
    import threading

    pipe = tmp_path / "in.txt"
    os.mkfifo(pipe)

    def feed():
        with open(pipe, "w", encoding="utf-8") as writer:
            writer.write(BAD)

    threading.Thread(target=feed, daemon=True).start()
    result = cli("lint", *MINI, pipe)  # as with: mtlint lint <(command)
    assert f"{pipe}:1:6: error [term-variant]" in result.stdout
    fixed = cli("fix", *MINI, pipe)
    assert fixed.exit_code == 2 and f"{pipe}: not a regular file: fix edits files in place" in fixed.stderr


def test_unreadable_glossary_is_a_glossary_error_not_a_usage_error(cli, tmp_path, good, monkeypatch):
    glossary = tmp_path / "terms.yaml"
    glossary.write_text("entries: []\n", encoding="utf-8")
    real_access = os.access

    def access(name, mode, *args, **kwargs):  # what click checks; mtlint reads the file itself
        if os.path.abspath(os.fspath(name)) == str(glossary) and mode & os.R_OK:
            return False
        return real_access(name, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    result = cli("lint", "--no-default-glossary", "--glossary", glossary, good)
    assert "Usage:" not in result.stderr and "is not readable" not in result.stderr
    assert result.exit_code == 0  # readable after all (root): linted with an empty glossary


# --------------------------------------------------------------------------
# a worker process killed mid-run (the out-of-memory killer, a signal): the
# run ends, naming the files not checked, instead of waiting forever

_KILLED_WORKER = """
import os, signal, sys
from checker import linter
from checker.linter import Linter
linter.PIECE_CHARS = 2_000
chunk, piece = Linter._lint_chunk, Linter._lint_piece
def lint_chunk(self, paths):
    if any(p.endswith("die.txt") for p in paths):
        os.kill(os.getpid(), signal.SIGKILL)
    return chunk(self, paths)
def lint_piece(self, name, text, origin):
    if "die here" in text and os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return piece(self, name, text, origin)
PARENT = os.getpid()
Linter._lint_chunk, Linter._lint_piece = lint_chunk, lint_piece
from checker.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("case", ["files", "pieces"])
def test_a_killed_worker_ends_the_run_with_the_files_not_checked(tmp_path, case):
    import json
    import subprocess
    import sys

    small = 30 if case == "files" else 5  # fewer than 24 files are linted in this process, the pieces by a pool
    for i in range(small):
        (tmp_path / f"f{i:02d}.txt").write_text(BAD, encoding="utf-8")
    if case == "files":
        (tmp_path / "f99-die.txt").write_text(BAD, encoding="utf-8")
        victims = {"f99-die.txt"}
    else:  # one large file: its pieces go to the pool
        (tmp_path / "big.txt").write_text((BAD * 200) + "die here\n" + BAD * 200, encoding="utf-8")
        victims = {"big.txt"}
    done = subprocess.run([sys.executable, "-c", _KILLED_WORKER, "lint", *MINI, "--no-cache", "--jobs", "2",
                           "--format", "json", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    unchecked = {line.split(": ")[2].rsplit("/", 1)[-1] for line in done.stderr.splitlines()
                 if "not checked: a worker process died" in line}
    assert victims <= unchecked
    if case == "pieces":  # only that file: the others were linted in this process
        assert unchecked == victims
        linted = {f["path"].rsplit("/", 1)[-1] for f in json.loads(done.stdout)["findings"]}
        assert len(linted) == small
