"""The ``text-duplicate`` rule: a caption repeated on the next line, or glued to itself."""

from __future__ import annotations

from ..model import Severity
from .base import DocumentRule
from .text_common import caption_repeats, line_of, quoted


class TextDuplicate(DocumentRule):
    """
    ## What it does
    Flags an untranslated caption repeated on the next line (the image's
    alternative text and its caption both kept), and captions run together
    on one line ("Forum scene (1)Forum scene (2)Forum scene (3)"). The
    first copy is reported once by `text-untranslated`; each further copy
    is reported here, so a repeated caption is one finding, not several.

    ## Why is this bad?
    The reader sees the same foreign caption twice; after translation only
    one should remain.

    ## Example
    ```
    View from the hotel

    View from the hotel
    ```

    ## Use instead
    ```
    Quang cảnh nhìn từ khách sạn
    ```
    """

    name = "text-duplicate"
    category = "untranslated"
    problem = "duplicate-caption"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        copies, glued = caption_repeats(ctx)
        for seg, first in copies.items():
            yield self.finding(
                doc, seg.start, seg.end,
                f"caption repeated from line {line_of(doc, first.start)}: "
                f"'{quoted(doc.text[seg.start:seg.end])}'; keep one copy (and translate it)",
            )
        for seg, (caption, count, second) in glued.items():
            yield self.finding(
                doc, second, seg.end,
                f"caption '{quoted(caption.strip())}' repeated {count} times on one line "
                "(captions of several photos run together)",
            )
