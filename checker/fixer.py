"""``mtlint fix`` / ``mtlint lint --fix``: apply the suggestions that are
certain, and leave everything else for a human.

A finding is fixed only when it carries a safe ``Fix`` (its rule says the
suggestion is certain, ``Rule.fixable`` and ``Rule.certain_fix``: glossary
variants, diacritics and casing of glossary names, Unicode normalisation,
number separators),
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
rename), keeping owner, group, permissions, line endings and a byte-order
mark; where a rename would split a hard link, or cannot keep the owner, the
file is written in place after a verified backup (:func:`write_atomic`). A
file that is read-only, or changed on disk while being fixed, is not
written. What a killed run left is cleaned up safely (:func:`checker.atomic.clean_stale`).
A file reached by several names (links) is fixed once (checker/discover.py).
"""

from __future__ import annotations

import difflib
import os
import stat
import unicodedata
from dataclasses import dataclass, field

from .atomic import leftover_backup, write_atomic
from .discover import STDIN, discover
from .document import Document, DocumentError, line_starts, read_file
from .loaders import document_from_bytes, fix_writer
from .model import Finding, InputProblem, LintResult
from .normalise import NOTE as NFC_NOTE
from .patterns import regex

MAX_PASSES = 8
_BOM = "\ufeff"
_SPACES = regex(r"\s+")


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
    """The file read once: its bytes, its document as lint reads it (NFC
    included), and its text as written, where fixes are made."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DocumentError(path, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(path, "not a regular file: fix edits files in place; not fixed")
    data = read_file(path)
    doc = document_from_bytes(path, data)
    raw = doc.raw if doc.raw is not None else doc.text  # the decoded file (DOCX: its paragraphs)
    bom = not path.lower().endswith(".docx") and data.startswith(_BOM.encode("utf-8"))
    return _File(path, data, info, bom, raw, raw, doc)


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
    return finding.fix is not None and finding.fix.safe


def _plan(file: _File, findings: list[Finding], skipped: dict) -> list[tuple[int, int, str, Finding]]:
    """Non-overlapping edits (start, end, replacement, finding) of one file."""
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
        if start == end:  # a fix replaces the flagged text; an empty span means its position is off
            skipped[_key(finding)] = (finding, "its position is not in the file")
            continue
        written = file.raw[start:end]
        if any(char in forbidden for char in written):
            skipped[_key(finding)] = (finding, "the flagged text contains markup or an escape")
            continue
        if not _holds(file.doc, start, end, written):
            skipped[_key(finding)] = (finding, "the file at its position does not hold the flagged text")
            continue
        replacement = escape(finding.fix.replacement)
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


def _edited(raw: str, edits: list[tuple[int, int, str, Finding]]) -> str:
    """``raw`` with the sorted, non-overlapping ``edits`` made, in one pass
    (splicing them one at a time copied the whole text per edit: a large
    file with thousands of fixes went quadratic)."""
    parts, position = [], 0
    for start, end, replacement, _finding in edits:
        parts.append(raw[position:start])
        parts.append(replacement)
        position = end
    parts.append(raw[position:])
    return "".join(parts)


def _text_offset(doc: Document, raw_offset: int, end: bool) -> int | None:
    """The offset of ``doc.text`` that the loader maps to ``raw_offset``."""
    if doc.offsets is None:
        return raw_offset if raw_offset <= len(doc.text) else None
    low, high = 0, len(doc.text)
    while low < high:  # the first text offset that maps at or after raw_offset (the map is monotonic)
        middle = (low + high) // 2
        if doc.offsets.to_raw(middle, end) < raw_offset:
            low = middle + 1
        else:
            high = middle
    return low if doc.offsets.to_raw(low, end) == raw_offset else None


def _holds(doc: Document, start: int, end: int, written: str) -> bool:
    """Whether the span of the file as written is the text the rules read
    there: a guard against a position that a loader mapped to the wrong
    place (the fix would then overwrite other text)."""
    if doc.offsets is None and doc.raw is not None and len(doc.raw) != len(doc.text):
        return True  # no map to check with
    text_start, text_end = _text_offset(doc, start, False), _text_offset(doc, end, True)
    if text_start is None or text_end is None or text_end < text_start:
        return False
    squash = lambda s: _SPACES.sub(" ", unicodedata.normalize("NFC", s))  # noqa: E731
    return squash(doc.text[text_start:text_end]) == squash(written)


def _nfc_note(finding: Finding) -> bool:
    return finding.rule == "text-unicode" and finding.message.startswith(NFC_NOTE)


def _key(finding: Finding):
    return (finding.path, finding.line, finding.column, finding.rule)


def fix_paths(linter, paths, write: bool = True, progress=None) -> FixResult:
    """Fix the files under ``paths`` (as ``lint`` finds them): each is read
    once, then linted in memory (``Linter.document_results``, by the
    workers for many files; ``progress(done, total)`` hears of that first
    linting), and after every pass of fixes only the files that pass
    changed are linted again (``Linter.combine`` makes the run)."""
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
        except Exception as exc:  # noqa: BLE001 - a loader bug must not cost the other files
            result.problems.append(InputProblem(path, f"internal error while reading ({type(exc).__name__}: {exc}); "
                                                "this file was not checked - please report it with the file"))
    by_path = {f.path: f for f in opened}
    blocked = set()
    if write:  # what a killed run left: removed when safe, else reported (the file is not touched)
        for file in opened:
            backup = leftover_backup(file.path)
            if backup is not None:
                blocked.add(file.path)
                result.problems.append(InputProblem(
                    file.path, f"an interrupted fix left this file's earlier content in {backup}: check the "
                    "file, then delete that copy; not fixed"))

    skipped: dict = {}
    # path -> (findings, mapped) of the file's current document: a pass
    # changes few files, and the others' results stay as they were
    known: dict[str, tuple] = {}
    lint = _lint_guarded(linter, opened, by_path, result, known, progress)
    for _ in range(MAX_PASSES):
        pending: dict[str, list[Finding]] = {}
        for finding in lint.findings:
            if finding.path in by_path and _certain(finding):
                pending.setdefault(finding.path, []).append(finding)
        changed = False
        for path, findings in pending.items():
            file = by_path[path]
            edits = _plan(file, findings, skipped)
            if not edits:
                continue
            raw = _edited(file.raw, edits)
            if any(_nfc_note(edit[3]) for edit in edits):  # a file not in NFC: all of it
                raw = unicodedata.normalize("NFC", raw)
            for start, end, replacement, finding in edits:
                result.applied.append(AppliedFix(path, finding.line, finding.column, finding.rule,
                                                 file.raw[start:end], finding.fix.replacement))
            try:
                doc = document_from_bytes(path, raw.encode("utf-8"))
            except Exception as exc:  # noqa: BLE001 - cannot happen for text; be safe for markup
                message = exc.message if isinstance(exc, DocumentError) else f"{type(exc).__name__}: {exc}"
                result.problems.append(InputProblem(path, f"fix would break the file ({message}); not fixed"))
                continue
            doc.source = file.doc.source if doc.source is None else doc.source
            file.raw, file.doc = raw, doc
            known.pop(path, None)
            changed = True
        if not changed:
            break
        lint = _lint_guarded(linter, opened, by_path, result, known)
    for file in opened:
        if file.raw == file.original:
            continue
        result.changes[file.path] = (file.original, file.raw)
        if write and (file.path in blocked or not _write(file, result)):
            # not written: what is left is what the file on disk still has
            file.raw, file.doc = file.original, document_from_bytes(file.path, file.data)
            known.pop(file.path, None)
            result.changes.pop(file.path, None)
            lint = None
    if lint is None:
        lint = _lint_guarded(linter, opened, by_path, result, known)
    result.applied = [fix for fix in result.applied if fix.path in result.changes]
    lint.problems = result.problems
    result.remaining = lint
    remaining_keys = {_key(f) for f in lint.findings}
    result.skipped = [item for key, item in skipped.items() if key in remaining_keys]
    return result


def _lint_guarded(linter, opened: list[_File], by_path: dict, result: FixResult, known: dict,
                  progress=None) -> LintResult:
    """The run of the opened files, linting only those not in ``known``
    (path -> their document results, kept up to date here). A file whose
    linting raises (a bug) is reported and dropped - not fixed - and the
    others go on."""
    todo = [f.doc for f in opened if f.path not in known]
    try:
        known.update(zip([doc.path for doc in todo], linter.document_results(todo, progress)))
    except Exception:  # noqa: BLE001 - find the file that causes it
        for file in list(opened):
            if file.path in known:
                continue
            try:
                known[file.path] = linter.document_results([file.doc])[0]
            except Exception as exc:  # noqa: BLE001
                result.problems.append(InputProblem(
                    file.path, f"internal error while linting ({type(exc).__name__}: {exc}); this file was not "
                    "checked or fixed - please report it with the file"))
                opened.remove(file)
                by_path.pop(file.path, None)
    docs = [f.doc for f in opened]
    return linter.combine(docs, [known[doc.path] for doc in docs])


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
