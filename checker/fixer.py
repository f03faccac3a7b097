"""``mtlint fix`` / ``mtlint lint --fix``: apply the suggestions that are
certain, and leave everything else for a human.

A finding is fixed only when its rule says the suggestion is certain
(``Rule.fixable`` and ``Rule.certain_fix``: glossary variants, diacritics
and casing of glossary names, Unicode normalisation, number separators),
and only when the flagged span of the file as written is plain text (no
markup, entity or escape inside it; DOCX files are never edited).

Fixes are applied in passes: each pass lints the current text, applies the
certain fixes that do not overlap (the leftmost, then the longest, wins an
overlap; the others wait for the next pass, where they are found again on
the new text if they still apply), and stops when a pass finds nothing left
to fix, so a second ``mtlint fix`` changes nothing. The linting is the same
as ``mtlint lint`` with the same options: suppressed, per-file-ignored and
baselined findings are not touched.

Files are written atomically (a temporary file in the same folder, then a
rename), keeping permissions, line endings and a byte-order mark; a file
that is read-only, or changed on disk while being fixed, is not written.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass, field

from .document import Document, DocumentError
from .model import Finding, InputProblem, LintResult

MAX_PASSES = 8
_BOM = "\ufeff"


@dataclass(frozen=True)
class AppliedFix:
    path: str
    line: int
    column: int
    rule: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: fixed [{self.rule}] '{self.old}' → '{self.new}'"


@dataclass
class FixResult:
    applied: list[AppliedFix] = field(default_factory=list)
    #: The findings left after fixing (what ``mtlint lint`` now reports).
    remaining: LintResult = field(default_factory=LintResult)
    #: Certain fixes that could not be applied, with the reason.
    skipped: list[tuple[Finding, str]] = field(default_factory=list)
    #: path -> (text before, text after), for every file that changes.
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[InputProblem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def diff(self) -> str:
        out = []
        for path, (before, after) in self.changes.items():
            out.extend(difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True),
                fromfile=f"a/{path}", tofile=f"b/{path}"))
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n\\ No newline at end of file\n"
        return "".join(out)


# --------------------------------------------------------------------------
# writing

def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves
    either the old or the new file, never a mix or nothing: write a
    temporary file in the same folder, flush it to disk, give it the
    original's permissions, then rename it over the original (a symbolic
    link is followed, not replaced)."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".mtlint-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------
# fixing

@dataclass
class _File:
    path: str
    data: bytes
    stat: os.stat_result
    bom: bool
    original: str
    raw: str
    doc: Document


def _open(path: str) -> _File:
    from .document import decode, read_file
    from .loaders import load_bytes

    data = read_file(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from None
    doc = load_bytes(path, data)
    if path.lower().endswith(".docx"):
        raw = doc.raw if doc.raw is not None else doc.text
        return _File(path, data, info, False, raw, raw, doc)
    text = decode(path, data)
    return _File(path, data, info, data.startswith(_BOM.encode("utf-8")), text, text, doc)


def _offsets(raw: str, starts: list[int], finding: Finding) -> tuple[int, int] | None:
    def offset(line, column):
        if line < 1 or line > len(starts):
            return None
        value = starts[line - 1] + column - 1
        return value if value <= len(raw) else None

    start, end = offset(finding.line, finding.column), offset(finding.end_line, finding.end_column)
    if start is None or end is None or end < start:
        return None
    return start, end


def _certain(finding: Finding) -> bool:
    from .rules import rule_by_name

    try:
        rule = rule_by_name(finding.rule)
    except KeyError:  # not a rule (suppression notes)
        return False
    return rule.certain_fix(finding)


def _plan(file: _File, findings: list[Finding], skipped: dict) -> list[tuple[int, int, str, Finding]]:
    """Non-overlapping edits (start, end, replacement, finding) of one file."""
    from .loaders import fix_writer, line_starts

    writer = fix_writer(file.path)
    starts = line_starts(file.raw)
    edits = []
    for finding in findings:
        if writer is None:
            skipped[_key(finding)] = (finding, f"fix cannot edit {os.path.splitext(file.path)[1]} files")
            continue
        escape, forbidden = writer
        span = _offsets(file.raw, starts, finding)
        if span is None:
            skipped[_key(finding)] = (finding, "its position is not in the file")
            continue
        start, end = span
        written = file.raw[start:end]
        if any(char in forbidden for char in written):
            skipped[_key(finding)] = (finding, "the flagged text contains markup or an escape")
            continue
        replacement = escape(finding.suggestion)
        if written == replacement:
            continue
        edits.append((start, end, replacement, finding))
    edits.sort(key=lambda e: (e[0], -(e[1] - e[0])))
    chosen, last_end = [], -1
    for edit in edits:
        start, end = edit[0], edit[1]
        if chosen and (start < last_end or (start == chosen[-1][0] and start == end)):
            continue  # overlaps an edit already chosen: the next pass decides
        chosen.append(edit)
        last_end = max(last_end, end)
    return chosen


def _key(finding: Finding):
    return (finding.path, finding.line, finding.column, finding.rule)


def fix_paths(linter, paths, write: bool = True) -> FixResult:
    """Fix the files under ``paths`` (as ``lint`` finds them)."""
    from .discover import STDIN, discover
    from .loaders import load_bytes

    result = FixResult()
    files, problems = discover(paths, config=linter.config)
    result.problems.extend(problems)
    opened: list[_File] = []
    for path in files:
        if path == STDIN:
            result.problems.append(InputProblem("-", "fix edits files in place; it cannot read stdin"))
            continue
        try:
            opened.append(_open(path))
        except DocumentError as exc:
            result.problems.append(InputProblem(exc.path, exc.message, exc.line))
    by_path = {f.path: f for f in opened}

    skipped: dict = {}
    lint = linter.lint_documents([f.doc for f in opened])
    for _ in range(MAX_PASSES):
        pending: dict[str, list[Finding]] = {}
        for finding in lint.findings:
            if finding.path in by_path and finding.suggestion is not None and _certain(finding):
                pending.setdefault(finding.path, []).append(finding)
        changed = False
        for path, findings in pending.items():
            file = by_path[path]
            edits = _plan(file, findings, skipped)
            if not edits:
                continue
            raw = file.raw
            for start, end, replacement, finding in reversed(edits):
                raw = raw[:start] + replacement + raw[end:]
            for start, end, replacement, finding in edits:
                result.applied.append(AppliedFix(path, finding.line, finding.column, finding.rule,
                                                 file.raw[start:end], finding.suggestion))
            try:
                doc = load_bytes(path, raw.encode("utf-8"))
            except DocumentError as exc:  # cannot happen for text; be safe for markup
                result.problems.append(InputProblem(path, f"fix would break the file ({exc.message}); not fixed"))
                continue
            doc.source = file.doc.source if doc.source is None else doc.source
            file.raw, file.doc = raw, doc
            changed = True
        if not changed:
            break
        lint = linter.lint_documents([f.doc for f in opened])
    for file in opened:
        if file.raw == file.original:
            continue
        result.changes[file.path] = (file.original, file.raw)
        if write and not _write(file, result):
            # not written: what is left is what the file on disk still has
            file.raw, file.doc = file.original, load_bytes(file.path, file.data)
            result.changes.pop(file.path, None)
            lint = None
    if lint is None:
        lint = linter.lint_documents([f.doc for f in opened])
    result.applied = [fix for fix in result.applied if fix.path in result.changes]
    lint.problems = result.problems
    result.remaining = lint
    remaining_keys = {_key(f) for f in lint.findings}
    result.skipped = [item for key, item in skipped.items() if key in remaining_keys]
    return result


def _write(file: _File, result: FixResult) -> bool:
    path = file.path
    # no write permission bit means read-only, even for a user (root) who could write it anyway
    if not os.access(path, os.W_OK) or not file.stat.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        result.problems.append(InputProblem(path, "read-only file; not fixed"))
        return False
    try:
        now = os.stat(path)
    except OSError as exc:
        result.problems.append(InputProblem(path, f"cannot fix: {exc.strerror or exc}"))
        return False
    if (now.st_mtime_ns, now.st_size) != (file.stat.st_mtime_ns, file.stat.st_size):
        result.problems.append(InputProblem(path, "changed on disk while being fixed; not written"))
        return False
    data = ((_BOM if file.bom else "") + file.raw).encode("utf-8")
    try:
        write_atomic(path, data)
    except OSError as exc:
        result.problems.append(InputProblem(path, f"cannot write: {exc.strerror or exc}; the file is unchanged"))
        return False
    result.written.append(path)
    return True
