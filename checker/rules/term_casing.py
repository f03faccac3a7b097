"""The ``term-casing`` rule: a glossary name with other capitals."""

from __future__ import annotations

from ..matcher import Verdict
from ..model import Severity
from .base import DocumentRule


class TermCasing(DocumentRule):
    """
    ## What it does
    Flags a glossary name with the right letters and marks but the wrong
    capitalisation.

    ## Why is this bad?
    Vietnamese official names follow fixed capitalisation rules
    (Nghị định 30/2020/NĐ-CP): only the first word and the words of the
    specific name are capitalised. "Bộ Ngoại Giao" and "Báo Chính Phủ" look
    like English title case. Text starting in lower case (a common noun:
    "chính phủ") and text in capitals (a headline) are not reported.

    ## Example
    ```
    đại diện Bộ Ngoại Giao
    ```

    ## Use instead
    ```
    đại diện Bộ Ngoại giao
    ```
    """

    name = "term-casing"
    category = "casing"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.CASING:
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' should be capitalised '{match.form.name}'",
                    match.form.name,
                )
