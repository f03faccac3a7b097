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

Nothing here reads a linted file: the fingerprints are cut from the text
the lint had in memory (:func:`excerpts`, :func:`gather_excerpts`; carried
by the run, checker/run.py).
"""

from __future__ import annotations

import os
from collections import Counter

from .atomic import write_atomic
from .document import Document, line_starts
from .model import Finding
from .patterns import regex
from .run import Excerpt, Mapped, Span

VERSION = 1
CONTEXT = 24
_SPACE = regex(r"\s+")


class BaselineError(Exception):
    """An unreadable or malformed baseline file; the message names it."""


def _relative(path: str, base: str) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


def _excerpt(raw: str, starts: list[int], span: Span) -> Excerpt:
    """(text, before, after) of ``span`` in ``raw`` (the file as written)."""
    line, column, end_line, end_column = span

    def offset(line, column):
        if line - 1 >= len(starts):
            return len(raw)
        return min(starts[line - 1] + column - 1, len(raw))

    start, end = offset(line, column), offset(end_line, end_column)
    line_start = starts[line - 1] if line - 1 < len(starts) else len(raw)
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end == -1 else line_end
    squash = lambda s: _SPACE.sub(" ", s)  # noqa: E731
    return (squash(raw[start:end]), squash(raw[max(line_start, start - CONTEXT):start]),
            squash(raw[end:min(line_end, end + CONTEXT)].rstrip("\r")))


def _raw(doc: Document) -> tuple[str, list[int]]:
    if doc.raw is None:
        return doc.text, doc.line_starts
    return doc.raw, line_starts(doc.raw)


def excerpts(doc: Document, findings) -> dict[Span, Excerpt]:
    """The excerpt of every finding's span and every directive's span of
    ``doc``, keyed by its position in the whole file (``doc`` may be one
    piece of a very large file: ``doc.origin``)."""
    raw, starts = _raw(doc)
    lines, columns = doc.origin or (0, 0)
    out: dict[Span, Excerpt] = {}
    for f in findings:
        span = (f.line, f.column, f.end_line, f.end_column)
        local = (f.line - lines, f.column - (columns if f.line - lines == 1 else 0),
                 f.end_line - lines, f.end_column - (columns if f.end_line - lines == 1 else 0))
        out[span] = _excerpt(raw, starts, local)
    for d in doc.directives:
        local = (d.line, d.column, d.end_line, d.end_column)
        span = (d.line + lines, d.column + (columns if d.line == 1 else 0),
                d.end_line + lines, d.end_column + (columns if d.end_line == 1 else 0))
        out[span] = _excerpt(raw, starts, local)
    return out


def source_summary(doc: Document, findings) -> dict:
    """What a document hands on for the baseline's fingerprints (the
    ``source`` or ``excerpts`` of its :class:`~checker.run.Mapped`): the
    file as written (any finding, of a cross-document rule too, can be
    fingerprinted), or for one piece of a very large file only the excerpts
    of its findings and directives (the whole text is never kept)."""
    if doc.origin is None:
        return {"source": _raw(doc)[0]}
    return {"excerpts": excerpts(doc, findings)}


def gather_excerpts(findings: list[Finding], mapped: list[Mapped], texts=None) -> dict[str, dict[Span, Excerpt]]:
    """path -> span -> excerpt for ``findings``, from what the documents
    handed on (``mapped``) and ``texts`` (path -> the file as written)."""
    known: dict[str, dict[Span, Excerpt]] = {}
    raws: dict[str, str] = dict(texts or {})
    for one in mapped:
        if one.excerpts:
            known.setdefault(one.path, {}).update(one.excerpts)
        if one.source is not None:
            raws[one.path] = one.source
    out: dict[str, dict[Span, Excerpt]] = {}
    starts: dict[str, list[int]] = {}
    for f in findings:
        span = (f.line, f.column, f.end_line, f.end_column)
        excerpt = known.get(f.path, {}).get(span)
        if excerpt is None and f.path in raws:
            if f.path not in starts:
                starts[f.path] = line_starts(raws[f.path])
            excerpt = _excerpt(raws[f.path], starts[f.path], span)
        if excerpt is not None:
            out.setdefault(f.path, {})[span] = excerpt
    return out


def fingerprint(finding: Finding, excerpts: dict[str, dict[Span, Excerpt]], base: str
                ) -> tuple[str, str, str, str, str]:
    """(rule, path, text, before, after) of a finding."""
    path = _relative(finding.path, base)
    excerpt = excerpts.get(finding.path, {}).get(
        (finding.line, finding.column, finding.end_line, finding.end_column))
    if excerpt is None:  # its file could not be read
        return finding.rule, path, finding.message, "", ""
    return (finding.rule, path, *excerpt)


def write_baseline(file: str, findings: list[Finding], excerpts: dict[str, dict[Span, Excerpt]]) -> int:
    """Record ``findings`` in ``file`` (atomically), fingerprinted by the
    ``excerpts`` of their run (checker/run.py: ``Run.excerpts``); returns
    the number of entries."""
    base = os.path.dirname(os.path.abspath(file))
    counts: Counter = Counter()
    messages: dict[tuple, str] = {}
    for finding in findings:
        key = fingerprint(finding, excerpts, base)
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
    import json  # only with a baseline: off the path of a plain lint

    data = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomic(file, data.encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write baseline: {exc.strerror or exc}") from None
    return len(entries)


def load_baseline(file: str) -> Counter:
    import json  # only with a baseline: off the path of a plain lint

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


def apply_baseline(findings: list[Finding], file: str, excerpts: dict[str, dict[Span, Excerpt]]) -> list[Finding]:
    """``findings`` less those the baseline accepts (fingerprinted by the
    ``excerpts`` of their run)."""
    mtime = os.path.getmtime(file) if os.path.exists(file) else None
    cached = _LOADED.get(file)
    if cached is None or cached[0] != mtime:
        cached = (mtime, load_baseline(file))
        _LOADED[file] = cached
    remaining = Counter(cached[1])
    base = os.path.dirname(os.path.abspath(file))
    kept = []
    for finding in findings:
        key = fingerprint(finding, excerpts, base)
        if remaining[key] > 0:
            remaining[key] -= 1
            continue
        kept.append(finding)
    return kept
