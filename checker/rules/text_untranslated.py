"""The ``text-untranslated`` rule: English or Japanese text left in a Vietnamese document."""

from __future__ import annotations

from ..matcher import Verdict
from ..model import Severity
from .base import DocumentRule
from .text_common import caption_repeats, line_of, quoted


class TextUntranslated(DocumentRule):
    """
    ## What it does
    Flags lines and sentences of a Vietnamese document written in another
    language: English captions ("Meeting between Prime Minister …", "View
    from the hotel"), English sentences inside a Vietnamese paragraph, and
    Japanese or other non-Latin text. Only text without Vietnamese marks is
    examined; it is reported when, once names, acronyms (GDP, ODA, JETRO),
    company names (B&Company), e-mail and web addresses, phone numbers and
    numbers are set aside, what remains is English function words or words
    that cannot be Vietnamese syllables. A foreign title in quotes or
    brackets, a title in title case, an "Artist - Title" credit, a phrase
    inside a Vietnamese sentence and a foreign line the document also
    quotes in Vietnamese prose are left alone. Single-word lines
    ("Summary") are not judged, except headings: a heading without marks
    made of common English words that are not names the document uses
    (`### Input/Output`, not `## Raspberry Pi`) is reported, the words
    judged by their English and Vietnamese frequencies (wordfreq). Table
    rows are judged cell by cell; a line that is only a link (a reading
    list, a citation) is the title of a resource and is left alone. Each
    span gets one finding with one language: a line, a heading, a cell or a
    sentence, never a line and a sentence inside it. A document that is
    mostly not Vietnamese is not examined at all.

    ## Why is this bad?
    Machine translation leaves image captions, alternative text and
    headings in the source language; a Vietnamese reader cannot read them.

    ## Example
    ```
    Meeting between Prime Minister Pham Minh Chinh and representatives of Japanese local governments
    ```

    ## Use instead
    ```
    Thủ tướng Phạm Minh Chính gặp đại diện các chính quyền địa phương Nhật Bản
    ```
    """

    name = "text-untranslated"
    category = "untranslated"
    severity = Severity.ERROR

    def check(self, doc, ctx):
        segments = ctx.untranslated
        if not segments:
            return
        copies, _glued = caption_repeats(ctx)
        repeated_at: dict = {}
        for seg, first in copies.items():
            repeated_at.setdefault(first, []).append(line_of(doc, seg.start))
        sources = [(m.start, m.end) for m in ctx.term_matches if m.verdict is Verdict.SOURCE]
        for seg in segments:
            if any(s <= seg.start and seg.end <= e for s, e in sources):
                continue  # a glossary source form: term-variant reports it with its translation
            text = doc.text[seg.start:seg.end]
            where = {"line": "line", "sentence": "sentence", "script": "text", "cell": "table cell",
                     "heading": "heading"}[seg.kind]
            message = f"{seg.language} {where} left untranslated: '{quoted(text)}'"
            if seg in repeated_at:
                lines = ", ".join(map(str, repeated_at[seg]))
                message += f" (repeated on line {lines})"
            yield self.finding(doc, seg.start, seg.end, message)
