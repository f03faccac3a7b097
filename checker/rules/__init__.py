"""The rule registry: every rule, in priority order.

Order matters: where two rules report the same span, the earlier one wins
(a specific rule silences a generic one), so exact glossary rules come
before fuzzy ones.
"""

from __future__ import annotations

from .base import Option, Rule
from .figure_conflict import FigureConflict
from .figure_count import FigureCount
from .figure_date import FigureDate
from .figure_format import FigureFormat
from .figure_implausible import FigureImplausible
from .figure_source import FigureSource
from .render_inconsistent import RenderInconsistent
from .render_name_order import RenderNameOrder
from .render_stripped import RenderStripped
from .render_term_drift import RenderTermDrift
from .term_admin import TermAdmin
from .term_casing import TermCasing
from .term_diacritics import TermDiacritics
from .term_fuzzy import TermFuzzy
from .term_order import TermOrder
from .term_phrase import TermPhrase
from .term_reading import TermReading
from .term_source import TermSource
from .term_variant import TermVariant
from .text_casing import TextCasing
from .text_doubled import TextDoubled
from .text_duplicate import TextDuplicate
from .text_stray_english import TextStrayEnglish
from .text_tone_style import TextToneStyle
from .text_unicode import TextUnicode
from .text_untranslated import TextUntranslated

ALL_RULES: tuple[type[Rule], ...] = (
    TermVariant,
    TermReading,
    TermAdmin,
    TermPhrase,
    TermDiacritics,
    TermOrder,
    TermCasing,
    TermFuzzy,
    TermSource,
    RenderStripped,
    RenderInconsistent,
    RenderNameOrder,
    RenderTermDrift,
    TextDuplicate,
    TextUntranslated,
    TextStrayEnglish,
    TextUnicode,
    TextToneStyle,
    TextCasing,
    TextDoubled,
    FigureSource,
    FigureImplausible,
    FigureFormat,
    FigureDate,
    FigureCount,
    FigureConflict,
)

_BY_NAME = {rule.name: rule for rule in ALL_RULES}


def rule_by_name(name: str) -> type[Rule]:
    return _BY_NAME[name]


def matches_selector(rule_name: str, selector: str) -> bool:
    """A selector is a rule name or a prefix ending at a dash: ``term``,
    ``term-``, ``term-variant``."""
    selector = selector.strip().rstrip("-")
    return rule_name == selector or rule_name.startswith(selector + "-")


def unknown_selectors(selectors) -> list[str]:
    return [s for s in selectors if not any(matches_selector(r.name, s) for r in ALL_RULES)]


def select_rules(select=(), ignore=()) -> list[Rule]:
    chosen = []
    for rule in ALL_RULES:
        if select and not any(matches_selector(rule.name, s) for s in select):
            continue
        if any(matches_selector(rule.name, s) for s in ignore):
            continue
        chosen.append(rule())
    return chosen


__all__ = ["ALL_RULES", "Option", "Rule", "matches_selector", "rule_by_name", "select_rules", "unknown_selectors"]
