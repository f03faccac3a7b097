"""Glossary entries, YAML loading with line numbers, and validation.

The glossary is data and is checked like code: every problem found while
loading is a :class:`GlossaryProblem` naming the file and line, and
:func:`load_glossary` refuses to return a glossary with errors.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .vietnamese import fold, lower, tone_key

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
    "titles", "order", "case", "note", "source",
}
_LIST_KEYS = ("aliases", "source_forms", "short_forms", "titles")
_VARIANT_KEYS = {"form", "after", "note"}
_FIGURE_KEYS = {"id", "subject", "keywords", "context", "exclude", "unit", "min", "max", "typical", "note", "source"}
_TOP_KEYS = {"version", "description", "entries", "figures"}


@dataclass(frozen=True)
class GlossaryProblem:
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
        from rapidfuzz.distance import Levenshtein

        return min(same_shape, key=lambda form: Levenshtein.distance(lower(text), lower(form)))

    @property
    def reversed_name(self) -> str | None:
        """The name in the other order, for a two-word person name."""
        if self.order is None:
            return None
        first, second = self.canonical.split()
        return f"{second} {first}"


@dataclass(frozen=True)
class FigureBound:
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
    entries: list[Entry] = field(default_factory=list)
    figures: list[FigureBound] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    _matcher: object = field(default=None, init=False, repr=False)

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_matcher"] = None  # compiled anew; the automaton is cheap to build
        return state

    @property
    def matcher(self):
        """The compiled one-pass matcher (built on first use)."""
        if self._matcher is None:
            from .matcher import TermMatcher

            self._matcher = TermMatcher(self.entries)
        return self._matcher


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
        kind = raw.get("kind")
        if kind not in KINDS:
            self.problem(line, f"kind {kind!r} of {canonical!r} is not one of {', '.join(KINDS)}")
        order = raw.get("order")
        if order is not None and order not in ORDERS:
            self.problem(line, f"order {order!r} is not one of {', '.join(ORDERS)}")
            order = None
        if order is not None and canonical:
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
        if not canonical or kind not in KINDS:
            return None
        return Entry(
            canonical=canonical, kind=kind, variants=self.variants(raw.get("variants"), line),
            order=order, case=case, note=raw.get("note"), source=raw.get("source"),
            path=self.path, line=line or 0, **lists,
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
    files, problems = [], []
    for path in map(os.fspath, paths):
        if os.path.isdir(path):
            found = sorted(str(p) for p in Path(path).iterdir() if p.suffix in GLOSSARY_SUFFIXES and p.is_file())
            if not found:
                problems.append(GlossaryProblem(path, None, "no *.yaml glossary files in this folder"))
            files.extend(found)
        elif os.path.exists(path):
            files.append(path)
        else:
            problems.append(GlossaryProblem(path, None, "no such glossary file or folder"))
    return files, problems


def read_glossary(paths, use_cache: bool = True) -> tuple[Glossary, list[GlossaryProblem]]:
    """Load and cross-check glossaries; returns the problems instead of raising.

    A valid glossary set is cached (pickled, keyed by the files' paths, sizes
    and modification times) so that the pre-commit path does not parse YAML
    on every commit; set MTLINT_NO_CACHE=1 to bypass the cache.
    """
    files, problems = expand_glossary_paths(paths)
    cache = _cache_file(files) if use_cache and not problems else None
    if cache is not None:
        try:
            with open(cache, "rb") as handle:
                return pickle.load(handle), []
        except Exception:  # noqa: BLE001 - a missing or stale cache is just a miss
            pass
    glossary = Glossary()
    for path in files:
        _read_file(path, problems, glossary)
    problems.extend(cross_check(glossary.entries))
    if cache is not None and not problems:
        _write_cache(cache, glossary)
    return glossary, problems


def _cache_file(files: list[str]) -> Path | None:
    if os.environ.get("MTLINT_NO_CACHE"):
        return None
    from . import __version__

    try:
        stamp = [(os.path.abspath(f), st.st_size, st.st_mtime_ns) for f in files for st in [os.stat(f)]]
    except OSError:
        return None
    key = hashlib.sha256(repr((__version__, sys.version_info[:2], stamp)).encode()).hexdigest()[:32]
    root = os.environ.get("MTLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "mtlint"
    )
    return Path(root) / f"glossary-{key}.pickle"


def _write_cache(cache: Path, glossary: Glossary) -> None:
    """Best effort and atomic: an unwritable cache folder only costs speed."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump(glossary, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
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
