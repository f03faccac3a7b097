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
import gzip
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

GAZETTEER_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
TYPES = ("prefecture", "city", "special-ward", "ward", "town", "village")
_TYPE_LABELS = {
    "prefecture": "prefecture", "city": "city", "special-ward": "special ward of Tokyo",
    "ward": "ward", "town": "town", "village": "village",
}
_COLUMNS = 6


@dataclass(frozen=True)
class Place:
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
    """The shipped gazetteer by press name (rules read the place types)."""
    grouped: dict[str, list[Place]] = {}
    for place in read_places():
        grouped.setdefault(place.name, []).append(place)
    return {name: tuple(group) for name, group in grouped.items()}


#: Press names this short (Oe, Oi, Ie, So) are left out of the matcher:
#: Vietnamese text holds them as words ("số" folds to "so") and inside
#: words ("viet", "noi"), where the one-pass matcher would meet them
#: thousands of times per document only to reject them.
_SHORTEST_NAME = 2


def merge_into(glossary, path, problems) -> None:
    """Add the gazetteer at ``path`` to ``glossary`` (a
    :class:`checker.glossary.Glossary` already holding the YAML entries).

    One entry per press name (Fuchu names two cities). A name that is
    already a YAML entry's name only lends that entry its readings, and
    only when the entry is a place; readings and variants that are an
    accepted form of another entry (a Vietnamese province: Hải Dương) are
    dropped, so the glossary's cross-check stays clean.
    """
    from .glossary import Entry, GlossaryProblem, Variant, _key
    from .vietnamese import fold

    found: list[tuple[int, str]] = []
    try:
        places = read_places(path, found)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        problems.append(GlossaryProblem(str(path), None, f"cannot read gazetteer: {exc}"))
        return
    problems.extend(GlossaryProblem(str(path), line, message) for line, message in found)
    accepted: dict[str, int] = {}
    folded: dict[str, int] = {}
    taken: set[str] = set()  # every form of the YAML entries
    for index, entry in enumerate(glossary.entries):
        for form in (entry.canonical, *entry.aliases):
            accepted.setdefault(_key(form), index)
        folded.setdefault(fold(entry.canonical), index)
        taken.update(_key(f) for f in (entry.canonical, *entry.aliases, *(v.form for v in entry.variants)))
    grouped: dict[str, list[Place]] = {}
    for place in places:
        grouped.setdefault(place.name, []).append(place)
    names = {fold(name) for name in grouped}
    new = []
    for name, group in grouped.items():
        if len(name) <= _SHORTEST_NAME and all(p.type != "prefecture" for p in group):
            continue
        readings = tuple(dict.fromkeys(
            r for p in group for r in p.readings if _key(r) not in accepted))
        index = accepted.get(_key(name), folded.get(fold(name)))
        if index is not None:
            entry = glossary.entries[index]
            if entry.kind == "place" and readings:
                extra = tuple(r for r in readings if r not in entry.readings)
                glossary.entries[index] = replace(entry, readings=entry.readings + extra)
            continue
        variants = tuple(Variant(v) for v in dict.fromkeys(v for p in group for v in p.variants)
                         if _key(v) not in taken and fold(v) not in names)
        # the bare kanji of a ward or town (中央, 大和) is also a common word: only 中央区
        sources = tuple(dict.fromkeys(k for p in group for k in (p.kanji if p.type in ("prefecture", "city")
                                                                   else p.kanji[:1]) if len(k) >= 2))
        descriptions = [p.describe() for p in group]
        note = "; ".join(descriptions[:4]) + (f"; and {len(descriptions) - 4} more" if len(descriptions) > 4 else "")
        new.append(Entry(canonical=name, kind="place", source_forms=sources, variants=variants,
                         readings=readings, note=note, source="japancode (全国地方公共団体コード)",
                         path=str(path), line=group[0].line))
    glossary.entries.extend(new)


NAMES_PATH = Path(__file__).resolve().parent / "data" / "gazetteer-names.tsv.gz"


_FREQUENT_FAMILY = 300  # Sato, Ito: family names first, whatever rare given names they also are


@functools.lru_cache(maxsize=1)
def personal_names() -> tuple[frozenset, frozenset]:
    """(family names, given names) in romaji that tell the order: a name on
    one list only, a frequent family name that is no frequent given name
    (Sato), a frequent given name that is no frequent family name (Haruki).
    A name frequent on both lists (Minami) tells nothing."""
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
