"""What a rule may read besides the document: the glossary, its options and
the views of the document built once and shared by all rules."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .config import Config
from .document import Document
from .glossary import Glossary
from .language import find_untranslated
from .mentions import capitalised_runs, find_mentions
from .vietnamese import fold


class CorpusContext:
    """What a corpus rule's reduce (``check_corpus``) reads: the glossary
    and the rule options of the run; there is no document."""

    def __init__(self, glossary: Glossary, config: Config):
        self.glossary = glossary
        self.config = config

    def option(self, rule_name: str, option: str) -> Any:
        return self.config.rule_option(rule_name, option)


class CheckContext(CorpusContext):
    """Per-document context. Views are computed on first use, so a run that
    selects only some rules pays only for the views those rules read."""

    def __init__(self, doc: Document, glossary: Glossary, config: Config):
        super().__init__(glossary, config)
        self.doc = doc

    @cached_property
    def folded(self) -> str:
        """Lower-case, diacritics-free text, offset for offset."""
        return fold(self.doc.text)

    @cached_property
    def lowered(self) -> str:
        """``text.lower()``: fast, but it may change the length (see
        checker.vietnamese.lower), so only a filter or a source of words."""
        return self.doc.text.lower()

    @cached_property
    def term_matches(self):
        """Every glossary match of the document, classified once."""
        return self.glossary.matcher.scan(self.doc.text, self.folded)

    @cached_property
    def untranslated(self):
        """Foreign-language segments (checker.language.Segment): English
        captions, Japanese text. Rules that judge Vietnamese skip them."""
        return find_untranslated(self.doc.text, self.doc.blocks)

    @cached_property
    def quantities(self):
        """The quantities of the document (checker.quantities), parsed once:
        numbers, amounts, dates, times, years. Numbers written in words are
        read on demand (figures.parse_number_words) by the rules that need
        them, as that is a third of the cost."""
        from .quantities import parse_quantities

        return parse_quantities(self.doc.text, words=False)

    @cached_property
    def capitalised_runs(self) -> list[tuple[int, int]]:
        """(start, end) of the runs of capitalised words in the text
        (checker.mentions): one scan for a capital at every character,
        which the name mentions and render-name-order's name pairs share."""
        return capitalised_runs(self.doc.text)

    @cached_property
    def name_mentions(self):
        """Capitalised name mentions of Vietnamese prose (render-* rules)."""
        return find_mentions(self)
