"""The curated list of near-synonym renderings behind ``render-term-drift``
(``checker/data/synonyms.yaml``): concepts common in EN→VI technical
machine translation with their renderings (``relay`` / ``rơ-le``,
``khóa riêng`` / ``khóa riêng tư``), compiled once into one regular
expression per concept and one Aho-Corasick automaton of needles over the
folded text, so that a document holding fewer than two renderings of any
concept costs one scan.

Matching runs on :func:`matching_form` text: lower case, one tone placement and one
i/y spelling (``khoá``/``khóa``, ``kĩ``/``kỹ``), offset for offset.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from .datacache import cached
from .patterns import regex
from .vietnamese import fold, lower, tone_key

_IY = dict(zip("ìíỉĩị", "ỳýỷỹỵ"))
_IY_CHAR = regex("[ìíỉĩị]")
_SPACE = "[ \u00a0]"


def matching_form(text: str) -> str:
    """Lower case, old tone placement, a toned i written as a toned y (kĩ and
    kỹ alike); same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = lower(text)
    out = _IY_CHAR.sub(lambda m: _IY[m.group()], tone_key(low))
    return out if len(out) == len(text) else low


def _phrase(words: str) -> str:
    return _SPACE.join(re.escape(w) for w in matching_form(words).split())


class Rendering(NamedTuple):
    index: int
    #: Spellings as written in the data (the first is suggested).
    spellings: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    not_after: tuple[str, ...]
    english: bool
    #: A word-for-word rendering with the wrong sense: reported whenever the
    #: document also uses another rendering, however few times.
    calque: bool = False

    @property
    def form(self) -> str:
        return self.spellings[0]


class Concept(NamedTuple):
    name: str
    renderings: tuple[Rendering, ...]
    pattern: re.Pattern
    #: group name -> rendering index
    groups: dict
    min_ratio: float
    needs: tuple[str, ...]
    #: Per rendering, the folded spellings (checker.vietnamese.fold): a
    #: document where fewer than two renderings occur in ``ctx.folded`` is
    #: skipped before any regex runs.
    needles: tuple[tuple[str, ...], ...] = ()

    def __reduce__(self):
        # pickled (the data cache) as the pattern's source: re's own
        # unpickling would compile it afresh in every run
        return _unpickled_concept, (self.pattern.pattern, self.pattern.flags, self[:2], self[3:])


def _unpickled_concept(source: str, flags: int, head: tuple, tail: tuple) -> Concept:
    return Concept(*head, regex(source, flags), *tail)


def _split(value) -> tuple[str, ...]:
    return tuple(s.strip() for s in str(value).split("|") if s.strip())


_ENTRY_KEYS = frozenset({"concept", "why", "renderings", "min_ratio", "needs"})
_RENDERING_KEYS = frozenset({"form", "before", "after", "not_after", "calque"})


def compile_concept(entry: dict) -> Concept:
    unknown = set(entry) - _ENTRY_KEYS
    for raw in entry.get("renderings", ()):
        if isinstance(raw, dict):
            unknown |= set(raw) - _RENDERING_KEYS
    if unknown or len(entry.get("renderings", ())) < 2:
        raise ValueError(f"synonyms.yaml, {entry.get('concept')!r}: unknown keys {sorted(unknown)} "
                         "or fewer than two renderings")
    renderings = []
    alternatives = []
    for index, raw in enumerate(entry["renderings"]):
        spec = raw if isinstance(raw, dict) else {"form": raw}
        spellings = _split(spec["form"])
        rendering = Rendering(
            index, spellings, tuple(spec.get("before", ())), tuple(spec.get("after", ())),
            tuple(str(w) for w in spec.get("not_after", ())),
            all(c.isascii() for c in "".join(spellings)), bool(spec.get("calque")),
        )
        renderings.append(rendering)
        core = "|".join(_phrase(s) for s in sorted(spellings, key=len, reverse=True))
        body = f"(?P<core>{core})"
        if rendering.before:
            pre = "|".join(_phrase(w) for w in sorted(rendering.before, key=len, reverse=True))
            body = f"(?:{pre}){_SPACE}{body}"
        if rendering.after:
            post = "|".join(_phrase(w) for w in sorted(rendering.after, key=len, reverse=True))
            body = f"{body}{_SPACE}(?:{post})"
        if rendering.not_after:
            stop = "|".join(_phrase(w) for w in sorted(rendering.not_after, key=len, reverse=True))
            body = f"{body}(?!{_SPACE}(?:{stop})(?![^\\W\\d_]))"
        width = max(len(s) for s in spellings) + sum(map(len, rendering.before[:1] + rendering.after[:1]))
        alternatives.append((width, index, body))
    groups = {}
    parts = []
    # Longer alternatives first, so "khóa riêng tư" wins over "khóa riêng".
    for k, (_, index, body) in enumerate(sorted(alternatives, key=lambda a: -a[0])):
        name = f"r{k}"
        groups[name] = index
        parts.append(f"(?P<{name}>{body.replace('(?P<core>', f'(?P<c{k}>')})")
    return Concept(
        entry["concept"], tuple(renderings), regex("|".join(parts)), groups,
        float(entry.get("min_ratio", 0) or 0), tuple(entry.get("needs", ())),
        tuple(_needles(r) for r in renderings),
    )


def _needles(rendering: Rendering) -> tuple[str, ...]:
    """Folded plain strings one of which a match of ``rendering`` contains
    (with its context words, so that "số" alone is no evidence)."""
    forms = [fold(s) for s in rendering.spellings]
    if rendering.before:
        forms = [f"{fold(b)} {f}" for b in rendering.before for f in forms]
    if rendering.after:
        forms = [f"{f} {fold(a)}" for a in rendering.after for f in forms]
    return tuple(sorted(set(forms), key=len, reverse=True))


@lru_cache(maxsize=1)
def _needle_automaton():
    """One Aho-Corasick automaton of every concept's needles, and the
    (concept, rendering) pairs each needle belongs to: one pass over the
    folded text tells which concepts have two renderings present.

    The automaton searches the UTF-8 bytes of the text: only which needles
    occur counts, not where, and on a ``str`` ahocorasick_rs first maps
    every byte to its character offset, which costs as much as the search
    itself. A needle's bytes occur in the text's bytes exactly where the
    needle occurs in the text (UTF-8 never matches inside a character)."""
    import ahocorasick_rs

    owners = defaultdict(set)
    for ci, concept in enumerate(concepts()):
        for ri, needles in enumerate(concept.needles):
            for needle in needles:
                owners[needle].add((ci, ri))
    automaton = ahocorasick_rs.BytesAhoCorasick([needle.encode() for needle in owners])
    return automaton, [tuple(owner) for owner in owners.values()]


def candidate_concepts(folded: str) -> list[Concept]:
    """The concepts of which two renderings occur in the folded text (a
    cheap test before any regex runs)."""
    automaton, owners_of = _needle_automaton()
    present = defaultdict(set)
    for needle, _, _ in automaton.find_matches_as_indexes(folded.encode(), overlapping=True):
        for ci, ri in owners_of[needle]:
            present[ci].add(ri)
    all_concepts = concepts()
    return [all_concepts[ci] for ci, found in sorted(present.items()) if len(found) >= 2]


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    """The curated near-synonym list, loaded and compiled once, kept
    between runs (checker/datacache.py: no YAML parsing on the pre-commit
    path)."""
    return cached("synonyms", _read_concepts)


def _read_concepts() -> tuple[Concept, ...]:
    from importlib.resources import files

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser, where installed: ten times faster
    data = yaml.load(files("checker.data").joinpath("synonyms.yaml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    return tuple(compile_concept(entry) for entry in data)
