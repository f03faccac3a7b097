"""What the ``figure-*`` rules share: the quantity parser
(``checker/quantities.py``), loaded on first use, and the glossary's
figure bounds matched against the words around a quantity."""

from __future__ import annotations

from functools import lru_cache

_MODULE = []


def quantity_parser():
    """checker.quantities: it compiles its patterns on import, so it is
    imported on the first use, and runs without figure rules do not pay
    for it."""
    if not _MODULE:
        from .. import quantities

        _MODULE.append(quantities)
    return _MODULE[0]


@lru_cache(maxsize=512)
def folded_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    fold_phrase = quantity_parser().fold_phrase
    return tuple(p for p in (fold_phrase(x) for x in phrases) if p)


class WordsAround:
    """The folded words before a quantity and around it, built on demand
    and once, whatever the number of bounds compared."""

    def __init__(self, q):
        self.q = q
        self._subject = self._around = None

    @property
    def subject(self) -> str:
        if self._subject is None:
            self._subject = quantity_parser().padded_words(self.q.subject)
        return self._subject

    @property
    def around(self) -> str:
        if self._around is None:
            self._around = self.subject + quantity_parser().padded_words(self.q.noun)
        return self._around


def bound_applies(bound, words: WordsAround) -> bool:
    has_phrase = quantity_parser().has_phrase
    if bound.keywords and not has_phrase(words.subject, folded_phrases(bound.keywords)):
        return False
    if bound.context and not has_phrase(words.around, folded_phrases(bound.context)):
        return False
    if bound.exclude and has_phrase(words.around, folded_phrases(bound.exclude)):
        return False
    return True


def unit_key(q) -> str | None:
    """``q.unit_or_noun`` in lower case (read inline: this runs for every
    amount of every document)."""
    unit = q.unit
    if unit:
        return unit.lower()
    return q.noun.split()[0].lower().lower() if q.noun else None
