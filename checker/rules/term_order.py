"""The ``term-order`` rule: a person's name in the other order."""

from __future__ import annotations

from collections import Counter

from ..matcher import FormKind, Verdict
from ..model import Severity
from .base import DocumentRule, Option


class TermOrder(DocumentRule):
    """
    ## What it does
    Flags a Japanese person's name written in the order the house style does
    not use. By default (`style = family-first`) "Naoki Ito" is reported with
    "Ito Naoki" as the suggestion, as government and news-agency press write
    it; `given-first` reports the opposite; `consistent` only reports the
    minority order where one document mixes both.

    ## Why is this bad?
    Translations from English copy the English given-name-first order, so a
    page ends up with "Naoki Ito" next to "Ito Naoki", and readers wonder
    whether these are two people.

    ## Example
    ```
    Đại sứ Nhật Bản tại Việt Nam Naoki Ito
    ```

    ## Use instead
    ```
    Đại sứ Nhật Bản tại Việt Nam Ito Naoki
    ```
    """

    name = "term-order"
    category = "name-order"
    severity = Severity.WARNING
    options = (
        Option("style", "family-first", "house style for Japanese names",
               choices=("family-first", "given-first", "consistent")),
    )

    def check(self, doc, ctx):
        style = ctx.option(self.name, "style")
        persons = [
            m for m in ctx.term_matches
            if m.entry.order and (m.verdict is Verdict.ORDER or (m.verdict is None and m.form.kind is FormKind.CANONICAL))
        ]
        if style == "consistent":
            counts = Counter((m.entry.canonical, m.verdict is Verdict.ORDER) for m in persons)
            wrong = {
                (m.entry.canonical, m.verdict is Verdict.ORDER)
                for m in persons
                # the minority order; on a tie, the one that is not canonical
                if counts[(m.entry.canonical, m.verdict is Verdict.ORDER)]
                < counts[(m.entry.canonical, m.verdict is not Verdict.ORDER)]
                or (m.verdict is Verdict.ORDER
                    and counts[(m.entry.canonical, True)] == counts[(m.entry.canonical, False)])
            }
        for match in persons:
            given_first = match.verdict is Verdict.ORDER
            if style == "family-first":
                report = given_first
            elif style == "given-first":
                report = not given_first
            else:
                report = (match.entry.canonical, given_first) in wrong
            if not report:
                continue
            other = match.entry.canonical if given_first else match.entry.reversed_name
            order = "family name first" if given_first else "given name first"
            reason = "this document mostly writes it" if style == "consistent" else f"house style ({style}) writes"
            yield self.finding(
                doc, match.start, match.end,
                f"'{match.raw}': {reason} {order}: '{other}'",
                other,
            )
