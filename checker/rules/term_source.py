"""The ``term-source`` rule: a name of the source missing from its translation."""

from __future__ import annotations

from ..model import Severity
from .base import DocumentRule, describe_entry


class TermSource(DocumentRule):
    """
    ## What it does
    In a bilingual document (XLIFF or PO units), flags a unit whose source
    names a glossary entry — by a source form such as `群馬県`, or by the name
    itself as the original writes it ("Gunma", "Pham Minh Chinh", "Naoki
    Ito") — while its translation has no form of that entry at all, right or
    wrong.

    ## Why is this bad?
    A name that disappears between source and translation was dropped,
    paraphrased away or turned into something unrecognisable ("the
    prefecture" for "Gunma Prefecture"). Wrong renderings that are still
    there are reported by the other `term-*` rules; this rule catches the
    names that are simply gone.

    ## Example
    ```
    source: Governor Yamamoto of Gunma attended the forum.
    target: Thống đốc Yamamoto của tỉnh đã tham dự diễn đàn.
    ```

    ## Use instead
    ```
    target: Thống đốc Yamamoto của tỉnh Gunma đã tham dự diễn đàn.
    ```
    """

    name = "term-source"
    category = "name-variant"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        if not doc.segments:
            return
        matcher = ctx.glossary.matcher
        for start, end, source in doc.segments:
            present = {m.entry for m in ctx.term_matches if start <= m.start < end}
            missing = [f"'{named}' ({describe_entry(entry)})"
                       for entry, named in matcher.entries_named(source).items() if entry not in present]
            if missing:  # one finding per unit, naming every missing entry
                yield self.finding(
                    doc, start, end, f"the source names {' and '.join(missing)} but this translation does not",
                )
