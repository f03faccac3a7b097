"""What the ``text-*`` rules share: captions left in English and written
twice (``text-duplicate`` reports them, ``text-untranslated`` then
reports one copy), and how a message quotes a line."""

from __future__ import annotations

from ..patterns import regex


def line_of(doc, offset: int) -> int:
    """The 1-based line of ``offset`` in the file as written."""
    return doc.line_col(offset)[0]


def quoted(text: str, limit: int = 60) -> str:
    """``text``, cut with an ellipsis to ``limit`` characters for a message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


_NUMBERING = regex(r"\s*\(\d{1,2}\)\s*")
_PERIODIC = regex(r"(.{3,}?)(?:\s*\1)+\s*")


def caption_repeats(ctx):
    """(copies, glued) for the untranslated lines of a document.

    ``copies``: segment → the earlier segment it repeats, for a caption
    written again on the next non-blank line (lines 28 and 30 of a page
    with one photo captioned twice). ``glued``: segment → (caption, count,
    start of the second copy) for captions run together on one line
    ("Forum scene (1)Forum scene (2)Forum scene (3)")."""
    text = ctx.doc.text
    copies, glued = {}, {}
    lines = [s for s in ctx.untranslated if s.kind == "line"]
    for prev, seg in zip(lines, lines[1:]):
        if text[prev.start:prev.end] != text[seg.start:seg.end]:
            continue
        between = text[prev.end:seg.start]
        if between.strip() == "":
            copies[seg] = copies.get(prev, prev)
    for seg in lines:
        caption = text[seg.start:seg.end]
        parts = [p for p in _NUMBERING.split(caption) if p]
        if len(parts) >= 2 and len(set(parts)) == 1:
            glued[seg] = (parts[0], len(parts), seg.start + caption.find(parts[0], len(parts[0])))
            continue
        match = _PERIODIC.fullmatch(caption) if len(caption) <= 300 else None  # captions are short
        if match:
            unit = match.group(1)
            glued[seg] = (unit, caption.count(unit), seg.start + caption.find(unit, len(unit)))
    return copies, glued
