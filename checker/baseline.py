"""A baseline: the findings a team has accepted, so that only new ones are
reported (``mtlint lint --write-baseline FILE``, then ``--baseline FILE``).

A finding is recorded by its rule, its file (relative to the baseline
file's folder) and the text it flags with up to 24 characters of context
on either side on its line, never by line number: inserting or deleting
lines elsewhere, or editing another paragraph, leaves it matched, while
editing the flagged text or its immediate surroundings makes it new again.
Identical findings in one file are counted, so a third "Sơn Ma" beside two
accepted ones is still reported.

The file is JSON (``version`` 1), sorted so that it diffs well in review.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from typing import Callable

from .model import Finding

VERSION = 1
CONTEXT = 24
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """An unreadable or malformed baseline file; the message names it."""


def _relative(path: str, base: str) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


def read_raw(path: str) -> str | None:
    """The file as written, in the coordinates of its findings."""
    from .document import DocumentError, load_document

    try:
        doc = load_document(path)
    except DocumentError:
        return None
    return doc.raw if doc.raw is not None else doc.text


class _Sources:
    def __init__(self, raw_for: Callable[[str], str | None] | None, stdin_text: str | None = None):
        self.raw_for = raw_for
        self.stdin_text = stdin_text
        self.cache: dict[str, tuple[str, list[int]] | None] = {}

    def get(self, path: str):
        if path not in self.cache:
            raw = None
            if path == "<stdin>":
                raw = self.stdin_text
            elif self.raw_for is not None:
                raw = self.raw_for(path)
            if raw is None and path != "<stdin>" and self.raw_for is not read_raw:
                raw = read_raw(path)
            if raw is None:
                self.cache[path] = None
            else:
                from .document import line_starts

                self.cache[path] = (raw, line_starts(raw))
        return self.cache[path]


def fingerprint(finding: Finding, sources: _Sources, base: str) -> tuple[str, str, str, str, str]:
    """(rule, path, text, before, after) of a finding."""
    path = _relative(finding.path, base)
    source = sources.get(finding.path)
    if source is None:
        return finding.rule, path, finding.message, "", ""
    raw, starts = source

    def offset(line, column):
        if line - 1 >= len(starts):
            return len(raw)
        return min(starts[line - 1] + column - 1, len(raw))

    start, end = offset(finding.line, finding.column), offset(finding.end_line, finding.end_column)
    line_start = starts[finding.line - 1] if finding.line - 1 < len(starts) else len(raw)
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end == -1 else line_end
    text = raw[start:end]
    before = raw[max(line_start, start - CONTEXT):start]
    after = raw[end:min(line_end, end + CONTEXT)].rstrip("\r")
    squash = lambda s: _SPACE.sub(" ", s)  # noqa: E731
    return finding.rule, path, squash(text), squash(before), squash(after)


def write_baseline(file: str, findings: list[Finding], raw_for=read_raw, stdin_text=None) -> int:
    """Record ``findings`` in ``file`` (atomically); returns the number of
    entries."""
    base = os.path.dirname(os.path.abspath(file))
    sources = _Sources(raw_for, stdin_text)
    counts: Counter = Counter()
    messages: dict[tuple, str] = {}
    for finding in findings:
        key = fingerprint(finding, sources, base)
        counts[key] += 1
        messages.setdefault(key, finding.message)
    entries = [
        {"rule": rule, "path": path, "text": text, "before": before, "after": after,
         "count": counts[(rule, path, text, before, after)],
         "message": messages[(rule, path, text, before, after)]}
        for rule, path, text, before, after in sorted(counts)
    ]
    payload = {
        "version": VERSION,
        "tool": "mtlint",
        "comment": "Accepted findings: 'mtlint lint --baseline FILE' reports only findings not listed here. "
                   "Regenerate with 'mtlint lint --write-baseline FILE'.",
        "findings": entries,
    }
    from .fixer import write_atomic

    data = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomic(file, data.encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write baseline: {exc.strerror or exc}") from None
    return len(entries)


def load_baseline(file: str) -> Counter:
    try:
        with open(file, encoding="utf-8") as handle:
            payload = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"{file}: no such baseline file (create it with --write-baseline)") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{file}: baseline is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{file}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from None
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read baseline: {exc.strerror or exc}") from None
    if not isinstance(payload, dict) or payload.get("version") != VERSION or not isinstance(
            payload.get("findings"), list):
        raise BaselineError(f"{file}: not an mtlint baseline (version {VERSION}) file")
    counts: Counter = Counter()
    for i, entry in enumerate(payload["findings"]):
        try:
            key = tuple(str(entry[k]) for k in ("rule", "path", "text", "before", "after"))
            count = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(f"{file}: entry {i + 1} of 'findings' lacks rule/path/text/before/after") from None
        counts[key] += count
    return counts


_LOADED: dict[str, tuple[float, Counter]] = {}


def apply_baseline(findings: list[Finding], file: str, raw_for=None, stdin_text=None) -> list[Finding]:
    """``findings`` less those the baseline accepts."""
    mtime = os.path.getmtime(file) if os.path.exists(file) else None
    cached = _LOADED.get(file)
    if cached is None or cached[0] != mtime:
        cached = (mtime, load_baseline(file))
        _LOADED[file] = cached
    remaining = Counter(cached[1])
    base = os.path.dirname(os.path.abspath(file))
    sources = _Sources(raw_for or read_raw, stdin_text)
    kept = []
    for finding in findings:
        key = fingerprint(finding, sources, base)
        if remaining[key] > 0:
            remaining[key] -= 1
            continue
        kept.append(finding)
    return kept
