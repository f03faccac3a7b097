"""The ``term-variant`` rule: a wrong rendering the glossary lists."""

from __future__ import annotations

from ..matcher import Verdict
from ..model import Severity
from .base import DocumentRule, describe_entry


class TermVariant(DocumentRule):
    """
    ## What it does
    Flags a known wrong rendering of a glossary name, and a source-language
    form (kanji, English) left in the translation.

    ## Why is this bad?
    Machine translation invents names: it turns the prefecture Gunma into a
    Sino-Vietnamese-looking "Sơn Ma", truncates "B&Company" to "Công ty B",
    or credits a newspaper by its web slug. A reader cannot tell these are
    the same entity the page names correctly elsewhere.

    ## Example
    ```
    Thống đốc Ichita Yamamoto của tỉnh Sơn Ma
    Nguồn: Công ty B
    ```

    ## Use instead
    ```
    Thống đốc Yamamoto Ichita của tỉnh Gunma
    Nguồn: B&Company
    ```
    """

    name = "term-variant"
    category = "name-variant"
    severity = Severity.ERROR
    fixable = True

    @classmethod
    def certain_fix(cls, finding):
        # A glossary form, chosen by the entry; a source-language form left
        # in the text may need more than its name translated: a human decides.
        return super().certain_fix(finding) and finding.category != "untranslated"

    def check(self, doc, ctx):
        for match in ctx.term_matches:
            if match.verdict is Verdict.VARIANT and match.entry.kind != "phrase":
                suggestion = match.entry.closest_accepted(match.raw)
                yield self.finding(
                    doc, match.start, match.end,
                    f"'{match.raw}' is a wrong rendering of {describe_entry(match.entry)}",
                    suggestion,
                )
            elif match.verdict is Verdict.SOURCE:
                yield self.finding(
                    doc, match.start, match.end,
                    f"source-language form '{match.raw}' left untranslated; write {match.entry.canonical}",
                    match.entry.canonical, category="untranslated",
                )
