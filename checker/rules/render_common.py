"""What the glossary-free ``render-*`` corpus rules share: the glossary's
forms by folded key, where the ``term-*`` rules already matched (so that
a name is reported once), and findings made in the parent from
positions collected in a worker."""

from __future__ import annotations

import bisect
import re

from ..model import Finding
from ..vietnamese import fold, is_syllable


def glossary_forms(glossary) -> dict[str, str]:
    """The glossary's names by the key a mention of them gets (folded,
    hyphens as spaces; a two-word foreign name also by its sorted words):
    where a render-* rule finds a name the glossary knows, the glossary's
    form is the canonical one. Kept with the glossary (Glossary.derived)."""
    return glossary.derived("render-forms", _glossary_forms)


def _glossary_forms(glossary) -> dict[str, str]:
    forms: dict[str, str] = {}
    for entry in glossary.matcher.entries:
        if entry.kind == "phrase":
            continue
        for text in (entry.canonical, *entry.aliases):
            words = text.split()
            keys = {fold(" ".join(re.split(r"[\s\-‐]+", text)))}
            if len(words) == 2 and (entry.order or not all(is_syllable(w) for w in words)):
                keys.add(" ".join(sorted(fold(w) for w in words)))
            for key in keys:
                forms.setdefault(key, text)
    return forms


def term_spans(ctx):
    """(start, end, verdict, accepted form) of the document's glossary
    matches, and their ends (matches do not overlap: both are sorted)."""
    spans = [(m.start, m.end, m.verdict, m.form.name) for m in ctx.term_matches]
    return spans, [span[1] for span in spans]


def term_overlap(spans, start: int, end: int):
    """The first glossary match overlapping ``start``..``end``, or None."""
    spans, ends = spans
    i = bisect.bisect_right(ends, start)
    if i < len(spans) and spans[i][0] < end:
        return spans[i]
    return None


def glossary_verdict(spans, start: int, end: int) -> str:
    """"none": no glossary match here; "accepted": a glossary form, right;
    "same": a wrong form the term-* rules report at exactly this span (a
    finding here is merged with theirs); "other": reported by them at
    another span (leave it to them)."""
    span = term_overlap(spans, start, end)
    if span is None:
        return "none"
    if span[2] is None:
        return "accepted"
    return "same" if (span[0], span[1]) == (start, end) else "other"


def span_position(doc, start: int, end: int) -> tuple[int, int, int, int]:
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end, end=True)
    return line, column, end_line, end_column


def mention_positions(doc, mentions) -> list[tuple[int, int, int, int]]:
    """:func:`span_position` of each mention. A document read as plain text
    (no offset map, no origin) is the usual case: its positions are found
    here directly from the line starts, without two calls of
    ``doc.line_col`` per mention, which cost more than the search."""
    if doc.offsets is not None or doc.origin is not None:
        return [span_position(doc, m.start, m.end) for m in mentions]
    line_starts = doc.line_starts
    positions = []
    # the line of the last mention, searched again only for a mention
    # outside it (mentions come in text order, several to a line)
    line = line_start = next_line_start = -1
    for m in mentions:
        start = m.start
        if not line_start <= start < next_line_start:
            line = bisect.bisect_right(line_starts, start)  # 1-based
            line_start = line_starts[line - 1]
            next_line_start = line_starts[line] if line < len(line_starts) else len(doc.text) + 1
        # a mention never spans a line break (its words are joined by spaces)
        positions.append((line, start - line_start + 1, line, m.end - line_start + 1))
    return positions


def corpus_finding(rule, path, pos, message, suggestion, category=None, severity=None) -> Finding:
    line, column, end_line, end_column = pos
    return Finding(path=path, line=line, column=column, end_line=end_line, end_column=end_column,
                   rule=rule.name, category=category or rule.category, severity=severity or rule.severity,
                   message=message, suggestion=suggestion)
