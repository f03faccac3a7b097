"""Glossary entries, YAML loading with line numbers, and validation.

The glossary is data and is checked like code: every problem found while
loading is a :class:`GlossaryProblem` naming the file and line, and
:func:`load_glossary` refuses to return a glossary with errors.

Over 500 lines because a glossary has one life cycle, kept in one place:
read (YAML with line marks, the generated gazetteer), merge (a user's
entries over the shipped ones), cross-check, and cache with its matcher.
"""

from __future__ import annotations

import atexit
import functools
import marshal
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Callable, TypeVar

from .datacache import (
    blake2b,
    cache_dir,
    code_hash,
    collector_paused,
    read_pickle,
    write_pickle,
)
from .edits import distance
from .gazetteer import GAZETTEER_PATH, Place, is_gazetteer_file, read_places
from .matcher import TermMatcher
from .vietnamese import fold, lower, tone_key

T = TypeVar("T")

DEFAULT_GLOSSARY_DIR = Path(__file__).resolve().parent.parent / "glossaries"


def shipped_glossary_dir() -> Path:
    """The shipped glossaries: ``glossaries/`` of the repository, or the
    package data of an installed copy (pre-commit installs one)."""
    if DEFAULT_GLOSSARY_DIR.is_dir():
        return DEFAULT_GLOSSARY_DIR
    return Path(__file__).resolve().parent / "glossaries"
GLOSSARY_SUFFIXES = (".yaml", ".yml")

KINDS = ("person", "place", "org", "publication", "country", "body", "phrase", "term")
ORDERS = ("family-first", "given-first")
CASES = ("exact", "ignore")
_ENTRY_KEYS = {
    "id", "canonical", "kind", "aliases", "variants", "source_forms", "short_forms",
    "titles", "order", "case", "note", "source", "remove",
}
_LIST_KEYS = ("aliases", "source_forms", "short_forms", "titles")
_VARIANT_KEYS = {"form", "after", "note"}
_FIGURE_KEYS = {"id", "subject", "keywords", "context", "exclude", "unit", "min", "max", "typical", "note", "source"}
_TOP_KEYS = {"version", "description", "entries", "figures"}


@dataclass(frozen=True)
class GlossaryProblem:
    """Something wrong in a glossary file, and the line it is on."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class GlossaryError(Exception):
    def __init__(self, problems: list[GlossaryProblem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class Variant:
    """A wrong rendering; with ``after`` it is wrong only after those words."""

    form: str
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A name of the glossary: its canonical form, the forms accepted beside it, the wrong
    ones the rules look for, and how it is written."""

    canonical: str
    kind: str
    aliases: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    source_forms: tuple[str, ...] = ()
    short_forms: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    order: str | None = None
    case: str = "exact"
    note: str | None = None
    source: str | None = None
    path: str = ""
    line: int = 0
    #: Sino-Vietnamese readings of the kanji (東京 Đông Kinh): wrong in a
    #: text about Japan only (rule term-reading), filled from the gazetteer
    readings: tuple[str, ...] = ()
    #: the keys the file gave (an entry extending an earlier one only
    #: replaces those), and ``remove: true`` (it deletes the earlier one)
    given: frozenset = field(default=frozenset(), compare=False, repr=False)
    remove: bool = field(default=False, compare=False, repr=False)

    def closest_accepted(self, text: str) -> str:
        """The accepted form a wrong rendering stands for: among the forms
        with as many words as ``text``, the nearest (the suggestion for "Bảo
        Chính Phủ" is the alias "Báo Chính phủ", not the full canonical "Báo
        Điện tử Chính phủ"); the canonical when no form has that shape (a
        web slug such as "nguoilaodong")."""
        words = len(text.split())
        same_shape = [f for f in (self.canonical, *self.aliases) if len(f.split()) == words]
        if not same_shape:
            return self.canonical
        return min(same_shape, key=lambda form: distance(lower(text), lower(form)))

    @property
    def reversed_name(self) -> str | None:
        """The name in the other order, for a two-word person name."""
        if self.order is None:
            return None
        first, second = self.canonical.split()
        return f"{second} {first}"


class EntryTable(Sequence):
    """The entries of a glossary read by :func:`read_glossary`: a read-only
    sequence of :class:`Entry`. Pickled (in the glossary cache) as one byte
    string per entry, each made an :class:`Entry` again on first use: a
    run on one file meets a few dozen of the 1,900 shipped entries, and
    unpickling them all was a third of the time to load the cache. The
    matcher and the rules' derived indexes refer to entries by number."""

    __slots__ = ("_entries", "_packed")

    def __init__(self, entries=()):
        #: the entries, None where one is still packed
        self._entries: list[Entry | None] = list(entries)
        #: each entry packed by :func:`_pack_entry`, once pickled or unpickled
        self._packed: list[bytes] | None = None

    @classmethod
    def _unpickled(cls, packed: list[bytes]) -> "EntryTable":
        table = cls()
        table._entries, table._packed = [None] * len(packed), packed
        return table

    def __reduce__(self):
        if self._packed is None:
            self._packed = [_pack_entry(entry) for entry in self._entries]
        return EntryTable._unpickled, (self._packed,)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        entry = self._entries[index]
        if entry is None:
            entry = self._entries[index] = _unpack_entry(self._packed[index])
        return entry

    def __iter__(self):
        for index in range(len(self._entries)):
            yield self[index]

    def __repr__(self) -> str:
        return f"EntryTable({len(self)} entries)"


#: The fields of an :class:`Entry` in its packed form; ``given`` only
#: matters while glossaries are merged (it is never pickled).
_PACKED_FIELDS = tuple(f.name for f in fields(Entry) if f.name != "given")
_VARIANTS_FIELD = _PACKED_FIELDS.index("variants")


def _pack_entry(entry: Entry) -> bytes:
    """An entry as the marshalled tuple of its fields (a variant as its
    form and ``after``): marshal reads plain tuples and strings back
    faster than pickle reads dataclasses, and needs no class look-up."""
    values = [getattr(entry, name) for name in _PACKED_FIELDS]
    values[_VARIANTS_FIELD] = tuple((v.form, v.after) for v in entry.variants)
    return marshal.dumps(tuple(values))


def _unpack_entry(packed: bytes) -> Entry:
    values = list(marshal.loads(packed))
    values[_VARIANTS_FIELD] = tuple(Variant(form, after) for form, after in values[_VARIANTS_FIELD])
    return Entry(**dict(zip(_PACKED_FIELDS, values)))


@dataclass(frozen=True)
class FigureBound:
    """The plausible range of a figure about a subject (a country's GDP, a population): read
    by figure-implausible and figure-conflict."""

    subject: str
    keywords: tuple[str, ...]
    unit: str | None
    min: float | None
    max: float | None
    typical: float | None = None
    note: str | None = None
    source: str | None = None
    path: str = ""
    line: int = 0
    #: one of these must also stand before the figure (figure-implausible)
    context: tuple[str, ...] = ()
    #: none of these may stand before the figure (per capita, another country)
    exclude: tuple[str, ...] = ()


@dataclass
class Glossary:
    """The glossary of a run: its entries and figure bounds, the problems met reading it,
    and what the rules derive from it."""

    #: a list while the glossary is read, then an :class:`EntryTable`
    entries: list[Entry] = field(default_factory=list)
    figures: list[FigureBound] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    #: the compiled matcher, pickled with the glossary in the cache
    _matcher: TermMatcher | None = field(default=None, init=False, repr=False)
    #: what rules derive from the glossary (:meth:`derived`), pickled with it
    _derived: dict = field(default_factory=dict, init=False, repr=False)
    #: the cache file this glossary was read from or written to, and whether
    #: something was derived since (it is then written again at exit)
    _cache_key: str | None = field(default=None, init=False, repr=False)
    _derived_since_cached: bool = field(default=False, init=False, repr=False)

    @property
    def matcher(self):
        """The compiled one-pass matcher (built on first use)."""
        if self._matcher is None:
            with collector_paused():
                self._matcher = TermMatcher(self.entries)
        return self._matcher

    def derived(self, name: str, build: Callable[["Glossary"], T]) -> T:
        """``build(self)``, made once per glossary and kept in the glossary
        cache with it: a rule's index of the names (term-fuzzy's by length,
        the render rules' forms) costs the pre-commit path several
        milliseconds to build and a fraction of that to unpickle."""
        try:
            return self._derived[name]
        except KeyError:
            pass
        value = self._derived[name] = build(self)
        if self._cache_key is not None and not self._derived_since_cached:
            self._derived_since_cached = True
            atexit.register(_write_derived, self, os.getpid())
        return value


# --------------------------------------------------------------------------
# YAML with line numbers

@functools.cache
def _line_loader():
    """A YAML loader that records the line of every mapping (as
    ``__line__``) and rejects duplicate keys, which plain YAML silently
    overwrites. Built on first use: PyYAML is not imported on a cache hit."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is several times faster

    class LineLoader(base):
        def construct_mapping(self, node, deep=False):
            seen = {}
            for key_node, _ in node.value:
                key = key_node.value
                if key in seen:
                    raise yaml.MarkedYAMLError(
                        problem=f"duplicate key {key!r} (first on line {seen[key]})",
                        problem_mark=key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + 1
            mapping = super().construct_mapping(node, deep=deep)
            mapping["__line__"] = node.start_mark.line + 1
            return mapping

    return LineLoader


def _parse_yaml(path: str, text: str, problems: list[GlossaryProblem]):
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader())  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.append(GlossaryProblem(path, line, f"invalid YAML: {exc.problem or exc}"))
    except yaml.YAMLError as exc:
        problems.append(GlossaryProblem(path, None, f"invalid YAML: {exc}"))
    return None


# --------------------------------------------------------------------------
# Reading entries

class _FileReader:
    """Turns one parsed file into entries, collecting problems."""

    def __init__(self, path: str, problems: list[GlossaryProblem]):
        self.path = path
        self.problems = problems

    def problem(self, line, message):
        self.problems.append(GlossaryProblem(self.path, line, message))

    def text(self, value, line, what) -> str | None:
        if not isinstance(value, str):
            self.problem(line, f"{what} must be text, got {type(value).__name__}")
            return None
        if not value.strip():
            self.problem(line, f"{what} is empty")
            return None
        if value != value.strip() or "  " in value:
            self.problem(line, f"{what} {value!r} has stray whitespace")
        if not unicodedata.is_normalized("NFC", value):
            self.problem(line, f"{what} {value!r} is not Unicode NFC")
        return value

    def texts(self, value, line, what) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(line, f"{what} must be a list of text")
            return ()
        return tuple(t for t in (self.text(v, line, what) for v in value) if t)

    def variants(self, value, line) -> tuple[Variant, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(line, "variants must be a list")
            return ()
        result = []
        for item in value:
            if isinstance(item, dict):
                item_line = item.pop("__line__", line)
                unknown = set(item) - _VARIANT_KEYS
                if unknown:
                    self.problem(item_line, f"unknown variant key(s): {', '.join(sorted(unknown))}")
                form = self.text(item.get("form"), item_line, "variant form")
                if form:
                    result.append(Variant(form, self.texts(item.get("after"), item_line, "variant 'after'")))
            else:
                form = self.text(item, line, "variant")
                if form:
                    result.append(Variant(form))
        return tuple(result)

    def entry(self, raw) -> Entry | None:
        if not isinstance(raw, dict):
            self.problem(None, f"an entry must be a mapping, got {type(raw).__name__}")
            return None
        line = raw.pop("__line__", None)
        unknown = set(raw) - _ENTRY_KEYS
        if unknown:
            self.problem(line, f"unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(_ENTRY_KEYS))})")
        if "canonical" not in raw:
            self.problem(line, "entry has no 'canonical'")
            return None
        canonical = self.text(raw["canonical"], line, "canonical")
        remove = raw.get("remove", False)
        if not isinstance(remove, bool):
            self.problem(line, f"remove must be true or false, got {remove!r}")
            return None
        if remove:
            extra = set(raw) - {"canonical", "remove", "id", "note", "source"}
            if extra:
                self.problem(line, f"an entry with 'remove: true' only names the entry to remove "
                                   f"(drop {', '.join(sorted(extra))})")
            return Entry(canonical=canonical, kind="", path=self.path, line=line or 0, remove=True) if canonical else None
        kind = raw.get("kind")
        if kind is None and canonical:
            kind = ""  # only valid if it extends an earlier entry (see _merge)
        elif kind not in KINDS:
            self.problem(line, f"kind {kind!r} of {canonical!r} is not one of {', '.join(KINDS)}")
        order = raw.get("order")
        if order is not None and order not in ORDERS:
            self.problem(line, f"order {order!r} is not one of {', '.join(ORDERS)}")
            order = None
        if order is not None and canonical and kind:
            if kind != "person":
                self.problem(line, f"'order' is only for persons ({canonical!r} is a {kind})")
                order = None
            elif len(canonical.split()) != 2:
                self.problem(line, f"'order' needs a two-word name, {canonical!r} is not")
                order = None
        case = raw.get("case", "exact")
        if case not in CASES:
            self.problem(line, f"case {case!r} is not one of {', '.join(CASES)}")
            case = "exact"
        lists = {key: self.texts(raw.get(key), line, key) for key in _LIST_KEYS}
        if lists["short_forms"] and not lists["titles"]:
            self.problem(line, f"short_forms of {canonical!r} need titles (a short form only counts after a title)")
        for key in ("note", "source", "id"):
            if raw.get(key) is not None and not isinstance(raw[key], (str, int)):
                self.problem(line, f"{key} must be text")
        if not canonical or kind not in (*KINDS, ""):
            return None
        return Entry(
            canonical=canonical, kind=kind, variants=self.variants(raw.get("variants"), line),
            order=order, case=case, note=raw.get("note"), source=raw.get("source"),
            path=self.path, line=line or 0, given=frozenset(raw), **lists,
        )

    def figure(self, raw) -> FigureBound | None:
        if not isinstance(raw, dict):
            self.problem(None, "a figure bound must be a mapping")
            return None
        line = raw.pop("__line__", None)
        unknown = set(raw) - _FIGURE_KEYS
        if unknown:
            self.problem(line, f"unknown figure key(s): {', '.join(sorted(unknown))}")
        subject = self.text(raw.get("subject"), line, "subject")
        numbers = {}
        for key in ("min", "max", "typical"):
            value = raw.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                self.problem(line, f"{key} must be a number, got {value!r}")
                value = None
            numbers[key] = float(value) if value is not None else None
        if numbers["min"] is not None and numbers["max"] is not None and numbers["min"] > numbers["max"]:
            self.problem(line, f"min {numbers['min']:g} is above max {numbers['max']:g}")
        if not subject:
            return None
        unit = raw.get("unit")
        return FigureBound(
            subject=subject, keywords=self.texts(raw.get("keywords"), line, "keywords"),
            context=self.texts(raw.get("context"), line, "context"),
            exclude=self.texts(raw.get("exclude"), line, "exclude"),
            unit=str(unit) if unit is not None else None, note=raw.get("note"),
            source=raw.get("source"), path=self.path, line=line or 0, **numbers,
        )


def _read_file(path: str, problems: list[GlossaryProblem], glossary: Glossary) -> None:
    if is_gazetteer_file(path):  # generated data, not YAML (checker/gazetteer.py)
        merge_gazetteer(glossary, path, problems)
        glossary.paths.append(path)
        return
    try:
        data = Path(path).read_bytes()
        text = data.decode("utf-8")
    except FileNotFoundError:
        problems.append(GlossaryProblem(path, None, "no such glossary file"))
        return
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(GlossaryProblem(path, line, "glossary is not valid UTF-8"))
        return
    except OSError as exc:
        problems.append(GlossaryProblem(path, None, f"cannot read glossary: {exc.strerror or exc}"))
        return
    parsed = _parse_yaml(path, text, problems)
    if parsed is None:
        if not any(p.path == path for p in problems):
            problems.append(GlossaryProblem(path, None, "glossary file is empty"))
        return
    if not isinstance(parsed, dict):
        problems.append(GlossaryProblem(path, 1, "a glossary must be a mapping with 'entries' and/or 'figures'"))
        return
    parsed.pop("__line__", None)
    unknown = set(parsed) - _TOP_KEYS
    if unknown:
        problems.append(GlossaryProblem(path, 1, f"unknown top-level key(s): {', '.join(sorted(unknown))}"))
    if "entries" not in parsed and "figures" not in parsed:
        problems.append(GlossaryProblem(path, 1, "a glossary needs an 'entries' or 'figures' list"))
    reader = _FileReader(path, problems)
    for key, read, target in (("entries", reader.entry, glossary.entries), ("figures", reader.figure, glossary.figures)):
        items = parsed.get(key) or []
        if not isinstance(items, list):
            problems.append(GlossaryProblem(path, 1, f"'{key}' must be a list"))
            continue
        target.extend(x for x in map(read, items) if x is not None)
    glossary.paths.append(path)


def expand_glossary_paths(paths) -> tuple[list[str], list[GlossaryProblem]]:
    """Glossary files named by ``paths`` (folders give their *.yaml)."""
    groups, problems = _glossary_groups(paths)
    return [f for group in groups for f in group], problems


def _is_shipped_dir(path: str) -> bool:
    try:
        return os.path.samefile(path, shipped_glossary_dir())
    except OSError:
        return False


def _glossary_groups(paths) -> tuple[list[list[str]], list[GlossaryProblem]]:
    """The files of each glossary path, in order: a file, or a folder's
    *.yaml. An entry of a later group may extend or remove an entry of an
    earlier one (a user glossary over the shipped ones)."""
    groups, problems = [], []
    for path in map(os.fspath, paths):
        if os.path.isdir(path):
            found = sorted(str(p) for p in Path(path).iterdir() if p.suffix in GLOSSARY_SUFFIXES and p.is_file())
            if not found:
                problems.append(GlossaryProblem(path, None, "no *.yaml glossary files in this folder"))
            elif _is_shipped_dir(path):
                if GAZETTEER_PATH.is_file():  # the generated Japanese gazetteer goes with them
                    found.append(str(GAZETTEER_PATH))
            groups.append(found)
        elif os.path.exists(path):
            groups.append([path])
        else:
            problems.append(GlossaryProblem(path, None, "no such glossary file or folder"))
    return groups, problems


def read_glossary(paths, use_cache: bool = True) -> tuple[Glossary, list[GlossaryProblem]]:
    """Load and cross-check glossaries; returns the problems instead of raising.

    The glossary paths are read in order (the shipped folder first, then
    the configuration's and ``--glossary`` ones): an entry whose canonical
    is that of an entry of an earlier path extends it, and one with
    ``remove: true`` deletes it; a second entry of one name within one
    path is a duplicate.

    A valid glossary set is cached with its compiled matcher (see
    :func:`cache_dir`), keyed by a hash of the code and of the glossary
    files' content, so that the pre-commit path neither parses YAML nor
    builds the automaton on every commit; set MTLINT_NO_CACHE=1 to bypass
    the cache.
    """
    with collector_paused():
        return _read_glossary(paths, use_cache)


def _read_glossary(paths, use_cache: bool) -> tuple[Glossary, list[GlossaryProblem]]:
    groups, problems = _glossary_groups(paths)
    key = _cache_key(groups) if use_cache and not problems else None
    if key is not None:
        cached = _load_cache(key)
        if cached is not None:
            return cached, []
    glossary = Glossary()
    for group in groups:
        part = Glossary()
        for path in group:
            _read_file(path, problems, part)
        _merge(glossary, part, problems)
    glossary.paths = [f for group in groups for f in group]
    for entry in glossary.entries:
        entry.__dict__.pop("given", None)  # the merge is done: back to the class default
    glossary.entries = EntryTable(glossary.entries)  # the same type whether cached or not
    problems.extend(cross_check(glossary.entries))
    if key is not None and not problems:
        glossary.matcher  # cached too: rebuilding the automaton is most of a warm start
        _write_cache(key, glossary)
    return glossary, problems


_MERGED_LISTS = ("aliases", "variants", "source_forms", "short_forms", "titles")


def _merge(glossary: Glossary, part: Glossary, problems: list[GlossaryProblem]) -> None:
    """Add the entries of one glossary path to those of the earlier ones."""
    earlier = {entry.canonical: i for i, entry in enumerate(glossary.entries)}
    entries: list[Entry | None] = list(glossary.entries)
    done: dict[str, Entry] = {}  # canonicals this part extended or removed
    for entry in part.entries:
        first = done.get(entry.canonical)
        if first is not None:
            problems.append(GlossaryProblem(
                entry.path, entry.line, f"duplicate entry {entry.canonical!r} (also at {first.path}:{first.line})"))
            continue
        index = earlier.get(entry.canonical)
        if index is None or entries[index] is None:
            if entry.remove:
                problems.append(GlossaryProblem(
                    entry.path, entry.line,
                    f"'remove: true' names {entry.canonical!r}, which no earlier glossary has"))
            elif not entry.kind:
                problems.append(GlossaryProblem(
                    entry.path, entry.line,
                    f"kind None of {entry.canonical!r} is not one of {', '.join(KINDS)} "
                    "(an entry without a kind only extends an entry of an earlier glossary)"))
            else:
                entries.append(entry)
            continue
        done[entry.canonical] = entry
        entries[index] = None if entry.remove else _extended(entries[index], entry)
    glossary.entries = [e for e in entries if e is not None]
    glossary.figures.extend(part.figures)


def _extended(base: Entry, extra: Entry) -> Entry:
    """``base`` with the forms of ``extra`` added; the scalar keys
    ``extra`` gives (kind, order, case, source) replace those of ``base``,
    its note is added after the earlier one."""
    import dataclasses

    changes = {}
    for key in _MERGED_LISTS:
        old = getattr(base, key)
        changes[key] = old + tuple(item for item in getattr(extra, key) if item not in old)
    for key in ("kind", "order", "case", "source"):
        if key in extra.given:
            changes[key] = getattr(extra, key)
    if extra.note and extra.note != base.note:
        changes["note"] = f"{base.note} {extra.note}" if base.note else extra.note
    return dataclasses.replace(base, **changes)


# --------------------------------------------------------------------------
# The cache

#: A cache file starts with this line, then the key: any other file
#: (another program's pickle, an older format) is never unpickled.
_CACHE_MAGIC = b"mtlint glossary cache 3\n"
CACHE_MAX_FILES = 20
CACHE_MAX_BYTES = 512 * 1024 * 1024
CACHE_MAX_AGE = 30 * 24 * 3600  # seconds since last use
_TMP_MAX_AGE = 3600


def _cache_key(groups: list[list[str]]) -> str | None:
    if os.environ.get("MTLINT_NO_CACHE"):
        return None
    digest = blake2b(code_hash().encode(), digest_size=32)
    for group in groups:
        digest.update(b"\1")
        for path in group:
            try:
                content = Path(path).read_bytes()
            except OSError:
                return None  # reading it for real reports the problem
            digest.update(os.path.abspath(path).encode() + b"\0" + blake2b(content, digest_size=32).digest())
    return digest.hexdigest()[:40]


def _cache_path(key: str) -> Path:
    return cache_dir() / f"glossary-{key}.pickle"


def _load_cache(key: str) -> Glossary | None:
    """The cached glossary, or None: a missing, unreadable, truncated,
    foreign or incompatible file is a miss (and is rebuilt), never an error."""
    path = _cache_path(key)
    found, glossary = read_pickle(path, _CACHE_MAGIC + key.encode() + b"\n")
    if (not found or not isinstance(glossary, Glossary) or glossary.__dict__.get("_matcher") is None
            or "_derived" not in glossary.__dict__):
        return None
    glossary._cache_key, glossary._derived_since_cached = key, False
    try:
        os.utime(path)  # the last use, for pruning
    except OSError:
        pass
    return glossary


def _write_cache(key: str, glossary: Glossary) -> None:
    """Best effort and atomic: an unwritable cache folder only costs speed."""
    glossary._cache_key, glossary._derived_since_cached = key, False
    cache = _cache_path(key)
    if write_pickle(cache, _CACHE_MAGIC + key.encode() + b"\n", glossary):
        prune_cache(keep=cache)


def _write_derived(glossary: Glossary, pid: int) -> None:
    """At exit: the cached glossary written again with what rules derived
    from it in this run (not by a forked worker, whose parent writes)."""
    if glossary._derived_since_cached and glossary._cache_key is not None and os.getpid() == pid:
        _write_cache(glossary._cache_key, glossary)


def prune_cache(keep: Path | None = None, now: float | None = None) -> None:
    """Bound the cache: remove the glossary caches unused for
    CACHE_MAX_AGE, then the least recently used beyond CACHE_MAX_FILES
    files or CACHE_MAX_BYTES, and the temporary files of killed writes."""
    import time

    now = time.time() if now is None else now
    try:
        listing = list(os.scandir(cache_dir()))
    except OSError:
        return
    caches = []
    for item in listing:
        if not item.name.startswith("glossary-"):
            continue
        try:
            stat = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if item.name.endswith(".tmp"):
            if now - stat.st_mtime > _TMP_MAX_AGE:
                _unlink(item.path)
        elif item.name.endswith(".pickle"):
            caches.append((stat.st_mtime, stat.st_size, item.path))
    caches.sort(reverse=True)  # the most recently used first
    total = 0
    for count, (mtime, size, path) in enumerate(caches):
        total += size
        if keep is not None and os.path.abspath(path) == os.path.abspath(keep):
            continue
        if now - mtime > CACHE_MAX_AGE or count >= CACHE_MAX_FILES or total > CACHE_MAX_BYTES:
            _unlink(path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def load_glossary(paths) -> Glossary:
    glossary, problems = read_glossary(paths)
    if problems:
        raise GlossaryError(problems)
    return glossary


def _key(text: str) -> str:
    return tone_key(lower(text))


def cross_check(entries: list[Entry]) -> list[GlossaryProblem]:
    """Problems between entries: duplicates, loops, fold collisions."""
    problems = []
    accepted: dict[str, Entry] = {}  # exact (case-insensitive) accepted form -> entry
    folded: dict[str, Entry] = {}
    for entry in entries:
        where = (entry.path, entry.line)
        previous = accepted.get(_key(entry.canonical))
        if previous is not None:
            if previous.canonical == entry.canonical:
                message = f"duplicate entry {entry.canonical!r} (also at {previous.path}:{previous.line})"
            else:
                message = (f"canonical {entry.canonical!r} is already an accepted form of "
                           f"{previous.canonical!r} ({previous.path}:{previous.line})")
            problems.append(GlossaryProblem(*where, message))
            continue
        for form in (entry.canonical, *entry.aliases):
            accepted.setdefault(_key(form), entry)
        other = folded.get(fold(entry.canonical))
        if other is not None and other.canonical != entry.canonical:
            problems.append(GlossaryProblem(
                *where,
                f"{entry.canonical!r} collides with {other.canonical!r} ({other.path}:{other.line}) "
                "once diacritics are folded; one would shadow the other's diacritics check",
            ))
        folded.setdefault(fold(entry.canonical), entry)
    for entry in entries:
        where = (entry.path, entry.line)
        for variant in entry.variants:
            owner = accepted.get(_key(variant.form))
            if owner is entry:
                problems.append(GlossaryProblem(*where, f"variant {variant.form!r} equals the accepted form of its own entry"))
            elif owner is not None:
                problems.append(GlossaryProblem(
                    *where,
                    f"variant {variant.form!r} of {entry.canonical!r} is an accepted form of "
                    f"{owner.canonical!r} ({owner.path}:{owner.line})",
                ))
    return problems


# --------------------------------------------------------------------------
# the generated Japanese gazetteer (checker/gazetteer.py reads it)

#: Press names this short (Oe, Oi, Ie, So) are left out of the matcher:
#: Vietnamese text holds them as words ("số" folds to "so") and inside
#: words ("viet", "noi"), where the one-pass matcher would meet them
#: thousands of times per document only to reject them.
_SHORTEST_NAME = 2


def merge_gazetteer(glossary, path, problems) -> None:
    """Add the gazetteer at ``path`` to ``glossary`` (a
    :class:`Glossary` already holding the YAML entries).

    One entry per press name (Fuchu names two cities). A name that is
    already a YAML entry's name only lends that entry its readings, and
    only when the entry is a place; readings and variants that are an
    accepted form of another entry (a Vietnamese province: Hải Dương) are
    dropped, so the glossary's cross-check stays clean.
    """
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
