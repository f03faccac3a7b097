"""The ``term-phrase`` rule: a calque the glossary lists as a phrase."""

from __future__ import annotations

from ..matcher import Verdict
from ..model import Severity
from .base import DocumentRule


class TermPhrase(DocumentRule):
    """
    ## What it does
    Flags literal-translation phrases listed in the glossary (entries of
    kind `phrase`).

    ## Why is this bad?
    A word-for-word translation picks the wrong sense: the photo credit
    "Cover:" becomes "Che phủ:" (to cover something up), "Speakers" becomes
    "Các quốc gia phát biểu" (speaking countries).

    ## Example
    ```
    Che phủ: Báo Chính phủ
    • Các quốc gia phát biểu: Tỉnh Ehime, tỉnh Yamanashi
    ```

    ## Use instead
    ```
    Ảnh bìa: Báo Chính phủ
    • Các diễn giả: Tỉnh Ehime, tỉnh Yamanashi
    ```
    """

    name = "term-phrase"
    category = "literal-mistranslation"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.VARIANT and match.entry.kind == "phrase":
                note = f" ({match.entry.note})" if match.entry.note else ""
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' is a literal translation; write '{match.entry.canonical}'{note}",
                    match.entry.canonical,
                )
