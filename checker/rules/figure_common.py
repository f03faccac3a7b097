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


@lru_cache(maxsize=512)
def padded_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The folded ``phrases`` between spaces, as :func:`has_phrase` looks
    for them (made once, not for every quantity)."""
    return tuple(f" {p} " for p in folded_phrases(phrases))


def holds_phrase(words: str, phrases: tuple[str, ...]) -> bool:
    """``has_phrase(words, folded_phrases(phrases))``: whether the padded
    ``words`` (``Quantity.subject_words``, ``context_words``) hold one of
    ``phrases`` as whole words, ignoring case and diacritics."""
    return any(p in words for p in padded_phrases(phrases))


@lru_cache(maxsize=512)
def first_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The first folded word of each of ``phrases``."""
    return tuple({p.split(" ", 1)[0]: None for p in folded_phrases(phrases)})


def bound_applies(bound, q, ctx) -> bool:
    """Whether a figure bound is about the quantity ``q`` of the document
    of ``ctx``: its keywords before it, its context words around it, none
    of its exclusions. The words are read from ``q`` (built once for every
    rule). A keyword stands in the subject only if its first word stands,
    folded, in the text where the subject may start (a slice of
    ``ctx.folded``, which fold() would give, character for character), so
    most quantities are judged without reading their subject at all."""
    if bound.keywords:
        window = ctx.folded[q.window_start:q.start] if q.window_start >= 0 else ""
        if not any(word in window for word in first_words(bound.keywords)):
            return False
        if not holds_phrase(q.subject_words, bound.keywords):
            return False
    if bound.context and not holds_phrase(q.context_words, bound.context):
        return False
    if bound.exclude and holds_phrase(q.context_words, bound.exclude):
        return False
    return True


def unit_key(q) -> str | None:
    """``q.unit_or_noun`` in lower case (read inline: this runs for every
    amount of every document)."""
    unit = q.unit
    if unit:
        return unit.lower()
    noun = q.noun
    return noun.split(None, 1)[0].lower() if noun else None
