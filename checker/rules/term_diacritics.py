"""The ``term-diacritics`` rule: a glossary name with wrong or missing marks."""

from __future__ import annotations

from ..matcher import FormKind, Verdict
from ..model import Severity
from .base import DocumentRule, describe_entry


class TermDiacritics(DocumentRule):
    """
    ## What it does
    Flags a glossary name written with the right letters but wrong or missing
    tone marks and diacritics, including a short form after its title
    ("Thủ tướng Chinh").

    ## Why is this bad?
    A dropped or changed mark makes another word or another person: "Chinh"
    is not "Chính", "Vinh Long" is not "Vĩnh Long" (Vinh is a different
    city), "Bảo" (protect) is not "Báo" (newspaper). Ordinary words that fold
    to the same letters ("chính phủ", "Chính sách") are left alone: only
    text capitalised like the name, in a Vietnamese line, is checked, and a
    short form only after its title. Old and new tone placement
    (Thanh Hoá / Thanh Hóa) is not reported here.

    ## Example
    ```
    Thủ tướng Phạm Minh Chinh ... tỉnh Vinh Long
    ```

    ## Use instead
    ```
    Thủ tướng Phạm Minh Chính ... tỉnh Vĩnh Long
    ```
    """

    name = "term-diacritics"
    category = "diacritics"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.DIACRITICS:
                expected = match.form.name
                what = "after a title, " if match.form.kind is FormKind.SHORT else ""
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' has wrong or missing diacritics; {what}{describe_entry(match.entry)} is written '{expected}'",
                    expected,
                )
