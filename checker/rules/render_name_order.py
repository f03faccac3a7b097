"""Japanese personal names beyond the glossary (``render-name-order``): a
glossary-free rule, like the other ``render-*`` rules."""

from __future__ import annotations

from collections import Counter

from ..gazetteer import personal_names
from ..model import Severity
from ..patterns import regex
from ..vietnamese import has_vietnamese_marks
from .base import DocumentRule

# The look-behind comes after the first capital (it checks the character
# before it): a pattern that starts with a capital lets the regex engine
# skip to capitals, two and a half times faster than one tried everywhere.
_PAIR = regex(r"([A-Z](?<![\w&.-][A-Z])[a-z]{2,}) ([A-Z][a-z]{2,})(?![\w&-]| [A-Z])")


class RenderNameOrder(DocumentRule):
    """
    ## What it does
    Recognises Japanese personal names that are not in the glossary — two
    capitalised romaji words, one a frequent family name and the other a
    given name (lists of `japanese-personal-name-dataset`; a name on both
    lists, such as Minami, tells nothing) — and checks their order:

    - one person written in both orders in a document ("Haruki Tanaka" and
      "Tanaka Haruki"): the minority order is reported (warning);
    - with `term-order.style = consistent`, people written in different
      orders in one document: the minority order is reported (warning);
    - with `term-order.style = family-first` (the default) or `given-first`,
      a name in the other order is reported as information only: a name
      recognised from lists is a guess, where a glossary entry
      (`term-order`) is a fact.

    Glossary names are left to `term-order`; lines without Vietnamese marks
    (English captions) are not checked.

    ## Why is this bad?
    Translations from English copy the given-name-first order, so a page
    ends up with "Haruki Tanaka" next to "Tanaka Haruki", and readers wonder
    whether these are two people.

    ## Example
    ```
    Ông Haruki Tanaka phát biểu. Sau đó, ông Tanaka Haruki cảm ơn các đại biểu.
    ```

    ## Use instead
    ```
    Ông Tanaka Haruki phát biểu. Sau đó, ông Tanaka Haruki cảm ơn các đại biểu.
    ```
    """

    name = "render-name-order"
    category = "name-order"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        text = doc.text
        family, given = personal_names()
        # the glossary's person matches, listed at the first name found: most
        # documents have none, and most have many glossary matches
        taken = None
        names = []  # (start, end, family, given, given_first)
        line_cache: dict[int, bool] = {}
        for match in _pairs(text, ctx.capitalised_runs):
            first, second = match.groups()
            if first in given and second in family:
                person = (second, first, True)
            elif first in family and second in given:
                person = (first, second, False)
            else:
                continue
            start, end = match.span()
            if taken is None:
                taken = [(m.start, m.end) for m in ctx.term_matches if m.entry.kind == "person"]
            if any(s < end and start < e for s, e in taken) or not _vietnamese_line(text, start, line_cache):
                continue
            names.append((start, end, *person))
        if not names:
            return
        style = ctx.option("term-order", "style")
        per_person = Counter((fam, giv, given_first) for _, _, fam, giv, given_first in names)
        orders = Counter(given_first for *_, given_first in names)
        for start, end, fam, giv, given_first in names:
            raw = text[start:end]
            other = f"{fam} {giv}" if given_first else f"{giv} {fam}"
            mine, theirs = per_person[(fam, giv, given_first)], per_person[(fam, giv, not given_first)]
            if theirs and (mine < theirs or (mine == theirs and given_first)):
                yield self.finding(doc, start, end,
                                   f"'{raw}' is also written '{other}' in this document; keep one order",
                                   other)
            elif style == "consistent":
                if orders[given_first] < orders[not given_first] or (
                        orders[given_first] == orders[not given_first] and given_first):
                    order = "family name first" if given_first else "given name first"
                    yield self.finding(doc, start, end,
                                       f"'{raw}': this document mostly writes Japanese names {order}: '{other}'",
                                       other)
            elif given_first == (style == "family-first"):
                order = "family name first" if given_first else "given name first"
                yield self.finding(doc, start, end,
                                   f"'{raw}' looks like a Japanese name; house style ({style}) writes {order}: '{other}'",
                                   other, severity=Severity.INFO)


_MAY_HOLD_PAIR: dict[str, bool] = {}


def _pairs(text: str, runs):
    """The matches of _PAIR in ``text``, found inside ``runs``: the runs of
    capitalised words of the text (CheckContext.capitalised_runs), one of
    which holds each pair. The scan for a capital at every character is
    shared with the name mentions instead of made again (it costs as much
    here as there). A run is searched in place only when its text alone
    holds a pair, which is cached by text: out of its context a run can
    only hold more (the look-behind at its start and the look-ahead at its
    end then see nothing), and most runs are Vietnamese names, which
    recur."""
    size = len(text)
    for start, end in runs:
        run = text[start:end]
        if " " not in run:
            continue  # one word
        may = _MAY_HOLD_PAIR.get(run)
        if may is None:
            may = _PAIR.search(run) is not None
            if len(_MAY_HOLD_PAIR) < 100_000:
                _MAY_HOLD_PAIR[run] = may
        if may:
            # the look-ahead reads the two characters after the run
            yield from _PAIR.finditer(text, start, min(end + 2, size))


def _vietnamese_line(text: str, offset: int, cache: dict) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    if line_start not in cache:
        line_end = text.find("\n", offset)
        cache[line_start] = has_vietnamese_marks(text[line_start:line_end if line_end != -1 else len(text)])
    return cache[line_start]
