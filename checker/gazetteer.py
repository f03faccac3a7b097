"""The generated Japanese gazetteer (checker/data/gazetteer.tsv.gz).

Japan's 47 prefectures, every city, town and village, the 23 special wards
of Tokyo and the wards of the designated cities, each with its kanji, the
romaji the Vietnamese press writes (Tokyo, not Tōkyō), romaji variants
(macron, wapuro "ou", Kunrei) and Sino-Vietnamese readings generated from
the kanji (東京 Đông Kinh). Built by ``scripts/build_gazetteer.py``; read
here as glossary entries, merged into the glossary loaded from YAML (the
YAML entries win: they are curated), so that all names are matched in the
one pass of :class:`checker.matcher.TermMatcher`.

The file is loaded with the shipped glossaries (and validated by ``mtlint
glossary check``); a loaded glossary is cached as a pickle, so a lint run
does not read it again.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .datacache import cached

GAZETTEER_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
TYPES = ("prefecture", "city", "special-ward", "ward", "town", "village")
_TYPE_LABELS = {
    "prefecture": "prefecture", "city": "city", "special-ward": "special ward of Tokyo",
    "ward": "ward", "town": "town", "village": "village",
}
_COLUMNS = 6


@dataclass(frozen=True)
class Place:
    """A place of the gazetteer: its name, its type (prefecture, city…) and the place it lies in."""

    name: str
    type: str
    parent: str
    kanji: tuple[str, ...]
    readings: tuple[str, ...]
    variants: tuple[str, ...]
    line: int = 0

    def describe(self) -> str:
        label = _TYPE_LABELS.get(self.type, self.type)
        if self.type == "prefecture":
            return f"Japanese prefecture ({self.kanji[0]})"
        if self.type == "ward" and "," in self.parent:
            return f"ward of {self.parent.split(',')[0]} ({self.kanji[0]})"
        where = f" in {self.parent}" if self.parent and self.type != "special-ward" else ""
        return f"Japanese {label}{where} ({self.kanji[0]})"


def is_gazetteer_file(path) -> bool:
    return str(path).endswith((".tsv.gz", ".tsv")) and "gazetteer" in Path(path).name


def read_places(path=GAZETTEER_PATH, problems: list | None = None) -> list[Place]:
    """The places of a gazetteer file; malformed rows are reported in
    ``problems`` as (line, message) pairs, and skipped."""
    import gzip  # only when a gazetteer file is read: most runs take it from the cache

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        text = handle.read()
    places = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        problem = None
        if len(fields) != _COLUMNS:
            problem = f"expected {_COLUMNS} tab-separated fields, got {len(fields)}"
        elif not fields[0].strip() or fields[0] != fields[0].strip():
            problem = "empty name or stray whitespace"
        elif fields[1] not in TYPES:
            problem = f"type {fields[1]!r} is not one of {', '.join(TYPES)}"
        elif not fields[3]:
            problem = f"{fields[0]!r} has no kanji"
        elif not unicodedata.is_normalized("NFC", line):
            problem = f"{fields[0]!r}: text is not Unicode NFC"
        else:
            readings = tuple(r for r in fields[4].split("|") if r)
            bad = [r for r in readings if len(r.split()) < 2]
            if bad:
                problem = f"{fields[0]!r}: reading(s) of one syllable would collide with ordinary words: {', '.join(bad)}"
        if problem:
            if problems is not None:
                problems.append((number, problem))
            continue
        name, kind, parent, kanji, readings, variants = fields
        places.append(Place(name, kind, parent, tuple(kanji.split("|")),
                            tuple(r for r in readings.split("|") if r),
                            tuple(v for v in variants.split("|") if v), number))
    return places


@functools.lru_cache(maxsize=1)
def places_by_name() -> dict[str, tuple[Place, ...]]:
    """The shipped gazetteer by press name (rules read the place types);
    kept between runs (checker/datacache.py)."""
    return cached("gazetteer-places", _places_by_name)


def _places_by_name() -> dict[str, tuple[Place, ...]]:
    grouped: dict[str, list[Place]] = {}
    for place in read_places():
        grouped.setdefault(place.name, []).append(place)
    return {name: tuple(group) for name, group in grouped.items()}


@functools.lru_cache(maxsize=1)
def place_types() -> dict[str, frozenset[str]]:
    """The shipped gazetteer's press names and the types of the places of
    each name: all a lint run needs of it, kept between runs apart from
    :func:`places_by_name` because strings unpickle about twenty times
    faster than its 1,700 places (12 ms of a one-file run)."""
    return cached("gazetteer-types", _place_types)


def _place_types() -> dict[str, frozenset[str]]:
    return {name: frozenset(place.type for place in group) for name, group in places_by_name().items()}


NAMES_PATH = Path(__file__).resolve().parent / "data" / "gazetteer-names.tsv.gz"


_FREQUENT_FAMILY = 300  # Sato, Ito: family names first, whatever rare given names they also are


@functools.lru_cache(maxsize=1)
def personal_names() -> tuple[frozenset, frozenset]:
    """(family names, given names) in romaji that tell the order: a name on
    one list only, a frequent family name that is no frequent given name
    (Sato), a frequent given name that is no frequent family name (Haruki).
    A name frequent on both lists (Minami) tells nothing. Kept between
    runs (checker/datacache.py)."""
    return cached("japanese-names", _personal_names)


def _personal_names() -> tuple[frozenset, frozenset]:
    import gzip  # only when the cache is built

    family, given, top_family, top_given = set(), set(), set(), set()
    with gzip.open(NAMES_PATH, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\t" not in line:
                continue
            kind, name, weight = line.rstrip("\n").split("\t")
            if kind == "family":
                family.add(name)
                if int(weight) <= _FREQUENT_FAMILY:
                    top_family.add(name)
            else:
                given.add(name)
                if weight == "1":
                    top_given.add(name)
    return (frozenset((family - given) | (top_family - top_given)),
            frozenset((given - family) | (top_given - top_family)))
