"""Run configuration: which rules, which glossaries, which thresholds.

Built once per run, in one place (:func:`build_config`: defaults, then a
configuration file - ``[tool.mtlint]`` in a ``pyproject.toml``, or a
``.mtlint.toml``, found by walking up from the current folder - then
command-line flags), and immutable afterwards (a frozen dataclass; its
tables are :class:`FrozenDict`). Rules read their options through it.
Unknown keys, rules, options and values are errors that name the file, line
and key.

This module does not import the rules: the functions that check rule names
and options take the registry as an argument (``rules``: the
``checker.rules`` package, or anything with its ``ALL_RULES``,
``rule_by_name``, ``matches_selector`` and ``unknown_selectors``), and an
option's value is checked by the rule's own ``Option.parse``
(checker/rules/base.py). (Long, as the file reader finds the line of every
bad key and value for its messages.)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from .cache import CACHE_DIR_NAME
from .glossary import shipped_glossary_dir
from .model import Severity
from .patterns import regex

CONFIG_NAMES = (".mtlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """Bad configuration; the message names the offending key or value
    (one problem per line when there are several)."""


class FrozenDict(dict):
    """A dict that refuses changes once built (the tables of a
    :class:`Config`); unlike ``types.MappingProxyType`` it pickles, so a
    configuration reaches Dask workers."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("the configuration is immutable: build another (dataclasses.replace, build_config)")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore

    def __reduce__(self):
        return (FrozenDict, (dict(self),))

    def __hash__(self):  # a frozen Config is hashable, tables included
        return hash(frozenset(self.items()))


@dataclass(frozen=True)
class Config:
    """The settings of a run, from the defaults, the configuration file and the command line:
    built once, never changed."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    #: rule name -> option name -> parsed value (every option of every rule
    #: once :meth:`with_defaults` or :func:`build_config` made the config)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    jobs: int | None = None
    #: The configuration file these values came from (None: defaults only).
    config_path: str | None = None
    #: Folder that the globs below are relative to (the configuration file's
    #: folder; the current folder when there is none).
    root: str | None = None
    #: Globs of the files a folder walk lints (default: every supported
    #: format) and of files never linted, even when named.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: (glob, rule selectors): rules not reported in matching files.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: A baseline file of accepted findings (checker/baseline.py).
    baseline: str | None = None
    warn_unused_suppressions: bool = False
    #: Linted file path -> the text of its original (``--source``), for figure-source.
    sources: Mapping[str, str] = field(default_factory=dict)
    #: The language the documents were translated from (``en``, ``ja``), when
    #: known: ``source-language`` in the configuration, ``--source-language``.
    source_language: str | None = None
    #: Keep per-file results in ``.mtlint_cache/`` (checker/cache.py) for ``lint``.
    cache: bool = True
    #: A Dask scheduler address (``tcp://host:8786``) or ``local``: the
    #: per-document phase runs as Dask tasks (checker/distributed.py).
    dask: str | None = None

    def __post_init__(self) -> None:
        freeze = object.__setattr__  # frozen: the tables are frozen once, here
        freeze(self, "rule_options",
               FrozenDict({rule: FrozenDict(values) for rule, values in self.rule_options.items()}))
        freeze(self, "severity_overrides", FrozenDict(self.severity_overrides))
        freeze(self, "sources", FrozenDict(self.sources))

    def cache_folder(self) -> str:
        """``$MTLINT_RESULT_CACHE_DIR``, else ``.mtlint_cache`` in the
        configuration file's folder, else in the current one."""
        return os.environ.get("MTLINT_RESULT_CACHE_DIR") or os.path.join(self.root or os.getcwd(), CACHE_DIR_NAME)

    def rule_option(self, rule_name: str, option: str) -> Any:
        """The value of a rule's option (set, else its default once the
        config has its defaults: :meth:`with_defaults`)."""
        try:
            return self.rule_options[rule_name][option]
        except KeyError:
            raise KeyError(f"rule {rule_name} has no option {option!r} in this configuration "
                           "(build it with build_config or Config.with_defaults)") from None

    def with_rule_options(self, rules, *assignments: str) -> "Config":
        """A copy with ``RULE.OPTION=VALUE`` assignments applied, each
        checked against ``rules`` (the registry); ConfigError names a bad one."""
        options = {name: dict(values) for name, values in self.rule_options.items()}
        for assignment in assignments:
            rule_name, option, value = parse_rule_option(rules, assignment)
            options.setdefault(rule_name, {})[option] = value
        return replace(self, rule_options=options)

    def with_defaults(self, rules) -> "Config":
        """A copy in which every option of every rule of ``rules`` has a
        value (its default unless set); ``self`` when it has them all."""
        options = {name: dict(values) for name, values in self.rule_options.items()}
        changed = False
        for rule in rules.ALL_RULES:
            values = options.setdefault(rule.name, {})
            for spec in rule.options:
                if spec.name not in values:
                    values[spec.name] = spec.default
                    changed = True
        return replace(self, rule_options=options) if changed else self

    def glossary_paths(self) -> list[str]:
        defaults = [str(shipped_glossary_dir())] if self.default_glossary else []
        return defaults + list(self.glossaries)

    # -- paths ------------------------------------------------------------
    def relative(self, path: str) -> str | None:
        """``path`` relative to :attr:`root` with ``/`` separators, or None
        when it lies outside it (globs never match such a file)."""
        root = os.path.abspath(self.root or os.getcwd())
        rel = os.path.relpath(os.path.abspath(path), root)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
            return None
        return rel.replace(os.sep, "/")

    def is_excluded(self, path: str, is_dir: bool = False) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(path)
        if rel is None or rel == ".":
            return False
        if is_dir:
            rel += "/"
        return any(glob_match(p, rel) for p in self.exclude)

    def is_included(self, path: str) -> bool:
        """Whether a file found by walking a folder is linted (include globs;
        without them, the caller's suffix test decides)."""
        rel = self.relative(path)
        return rel is not None and any(glob_match(p, rel, prefix=False) for p in self.include)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Rule selectors that per-file-ignores turn off for ``path``."""
        if not self.per_file_ignores:
            return ()
        rel = self.relative(path)
        if rel is None:
            return ()
        return tuple(s for pattern, selectors in self.per_file_ignores if glob_match(pattern, rel) for s in selectors)


def parse_rule_option(rules, assignment: str) -> tuple[str, str, Any]:
    """``RULE.OPTION=VALUE`` as (rule, option, value), checked by the
    rule's ``Option.parse``; ConfigError says what is wrong."""
    target, sep, value = assignment.partition("=")
    rule_name, dot, option = target.strip().rpartition(".")
    if not sep or not dot:
        raise ConfigError(f"rule option {assignment!r} is not of the form RULE.OPTION=VALUE")
    try:
        rule = rules.rule_by_name(rule_name)
    except KeyError:
        raise ConfigError(f"rule option {assignment!r}: unknown rule {rule_name!r}") from None
    spec = next((o for o in rule.options if o.name == option), None)
    if spec is None:
        known = ", ".join(o.name for o in rule.options) or "none"
        raise ConfigError(f"rule {rule_name} has no option {option!r} (options: {known})")
    try:
        return rule_name, option, spec.parse(value.strip())
    except ValueError as exc:
        raise ConfigError(f"{rule_name}.{option}: {exc}") from None


# --------------------------------------------------------------------------
# globs

_GLOB_CACHE: dict[tuple[str, bool], re.Pattern] = {}


def _glob_regex(pattern: str, prefix: bool) -> re.Pattern:
    """gitignore-style: ``*`` and ``?`` stay within a folder, ``**`` spans
    folders, a pattern without ``/`` matches at any depth, one with ``/`` is
    anchored at the root, a trailing ``/`` means a folder. With ``prefix``,
    a pattern also matches everything under a folder it matches."""
    key = (pattern, prefix)
    if key in _GLOB_CACHE:
        return _GLOB_CACHE[key]
    body = pattern.strip()
    if body.startswith("./"):
        body = body[2:]
    folder = body.endswith("/")
    body = body.strip("/")
    anchored = "/" in body
    out, i = [], 0
    while i < len(body):
        char = body[i]
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = body.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                inner = body[i + 1:end]
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner}]")
                i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    lead = "" if anchored else "(?:.*/)?"
    tail = "/.*" if folder else ("(?:/.*)?" if prefix else "")
    compiled = regex(f"^{lead}{''.join(out)}{tail}$", re.S)
    _GLOB_CACHE[key] = compiled
    return compiled


def glob_match(pattern: str, relative_path: str, prefix: bool = True) -> bool:
    return _glob_regex(pattern, prefix).match(relative_path) is not None


# --------------------------------------------------------------------------
# configuration files

def find_config_file(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest ``.mtlint.toml``, or ``pyproject.toml`` with a
    ``[tool.mtlint]`` table, in ``start`` or a folder above it."""
    folder = Path(start or os.getcwd()).resolve()
    for candidate_folder in (folder, *folder.parents):
        dotfile = candidate_folder / ".mtlint.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate_folder / "pyproject.toml"
        if pyproject.is_file() and _has_mtlint_table(pyproject):
            return pyproject
    return None


#: What any ``tool.mtlint`` table of a TOML file is written with: a
#: ``[tool.mtlint]`` header or a dotted key ``tool.mtlint`` (quotes and
#: blanks allowed), or a ``[tool]`` table or an inline ``tool = {...}``
#: that may hold it. A file without any (one that names mtlint as a
#: dependency, say) is not parsed.
_MAYBE_TOOL_TABLE = regex(r"""\btool["']?\s*\.\s*["']?mtlint\b|\[\s*["']?tool["']?\s*\]|\btool["']?\s*=\s*\{""")


def _has_mtlint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # cheap: most pyproject files are not ours
    if "mtlint" not in text or not _MAYBE_TOOL_TABLE.search(text):
        return False
    try:
        data = _toml_loads(text)
    except Exception:
        return True  # let load_config_file report the syntax error
    return isinstance(data.get("tool"), dict) and "mtlint" in data["tool"]


def _toml_loads(text: str) -> dict:
    import tomllib  # only when a configuration file is read

    return tomllib.loads(text)


#: Values of ``source-language`` (the documents' original language).
SOURCE_LANGUAGES = ("en", "ja")

_KEYS = {
    "glossaries", "default-glossary", "include", "exclude", "select", "ignore", "per-file-ignores",
    "severity", "rule-options", "fail-on", "jobs", "baseline", "warn-unused-suppressions", "cache", "dask",
    "source-language",
}


class _Reader:
    """Validates one configuration table, collecting every problem with the
    file and line it is on."""

    def __init__(self, path: Path, text: str, table_name: str, rules):
        self.rules = rules
        self.path = path
        self.lines = text.splitlines()
        self.table_name = table_name
        self.problems: list[str] = []

    def line_of(self, *keys: str) -> int | None:
        """Best-effort line of a key: after the header of its table, else
        the first assignment of that key anywhere."""
        *tables, key = keys
        header_line = 0
        for depth in range(len(tables), -1, -1):
            header = ".".join([self.table_name, *tables[:depth]]) if self.table_name else ".".join(tables[:depth])
            if not header:
                break
            pattern = re.compile(r"^\s*\[\[?\s*" + r"\s*\.\s*".join(
                r'"?' + re.escape(part) + r'"?' for part in header.split(".")) + r"\s*\]\]?\s*(#.*)?$")
            found = next((i for i, line in enumerate(self.lines) if pattern.match(line)), None)
            if found is not None:
                header_line = found
                break
        assign = re.compile(r"""^\s*(?:[\w.-]+\s*\.\s*)*["']?""" + re.escape(key) + r"""["']?\s*=""")
        for i in range(header_line, len(self.lines)):
            if assign.match(self.lines[i]):
                return i + 1
        inline = re.compile(r"""(?:^|[{,\s])["']?""" + re.escape(key) + r"""["']?\s*=""")
        for i, line in enumerate(self.lines):
            if inline.search(line):
                return i + 1
        return header_line + 1 if header_line or tables else None

    def problem(self, keys: tuple[str, ...], message: str) -> None:
        line = self.line_of(*keys)
        where = f"{self.path}:{line}" if line else str(self.path)
        self.problems.append(f"{where}: {message}")

    def strings(self, keys, value) -> tuple[str, ...] | None:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.problem(keys, f"'{'.'.join(keys)}' must be a list of strings, got {_describe(value)}")
        return None

    def boolean(self, keys, value) -> bool | None:
        if isinstance(value, bool):
            return value
        self.problem(keys, f"'{'.'.join(keys)}' must be true or false, got {_describe(value)}")
        return None

    def severity(self, keys, value) -> Severity | None:
        if isinstance(value, str):
            try:
                return Severity.parse(value)
            except ValueError:
                pass
        self.problem(keys, f"'{'.'.join(keys)}' must be \"error\", \"warning\" or \"info\", got {_describe(value)}")
        return None

    def selectors(self, keys, values) -> tuple[str, ...] | None:
        if values is None:
            return None
        unknown = self.rules.unknown_selectors(values)
        if unknown:
            self.problem(keys, f"unknown rule or prefix {', '.join(map(repr, unknown))} in "
                               f"'{'.'.join(keys)}' (see 'mtlint rules')")
            return None
        return values


def _describe(value) -> str:
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
    return f"{kind} ({value!r})" if not isinstance(value, (dict, list)) else kind


def _closest(word: str, choices, cutoff: float = 0.6) -> list[str]:
    """The choice closest to a mistyped ``word``, if one is close enough."""
    import difflib  # loaded only for a mistake

    return difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)


def _unknown_key(reader: _Reader, keys: tuple[str, ...], known) -> None:
    key = keys[-1]
    close = _closest(key.replace("_", "-"), sorted(known))
    hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(sorted(known))})"
    where = f"[{reader.table_name}]" if reader.table_name else os.path.basename(reader.path)
    reader.problem(keys, f"unknown key '{'.'.join(keys)}' in {where}{hint}")


def load_config_file(path: str | os.PathLike, rules) -> Config:
    """Read and validate a configuration file against ``rules`` (the rule
    registry, ``checker.rules``); ConfigError lists every problem, each
    naming the file, line and key."""

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = _toml_loads(text)
    except Exception as exc:  # tomllib.TOMLDecodeError: "... (at line L, column C)"
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = f"{path}:{match.group(1)}" if match else str(path)
        raise ConfigError(f"{where}: invalid TOML: {message}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("mtlint") if isinstance(data.get("tool"), dict) else None
        if table is None:
            raise ConfigError(f"{path}: no [tool.mtlint] table")
        reader = _Reader(path, text, "tool.mtlint", rules)
    else:
        table = data
        reader = _Reader(path, text, "", rules)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.mtlint] must be a table")

    root = str(path.resolve().parent)
    settings: dict[str, Any] = {"config_path": str(path), "root": root}
    severity_overrides: dict[str, Severity] = {}
    rule_options: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        keys = (key,)
        if key not in _KEYS:
            _unknown_key(reader, keys, _KEYS)
        elif key == "glossaries":
            values = reader.strings(keys, value)
            if values is not None:
                settings["glossaries"] = tuple(os.path.normpath(os.path.join(root, v)) for v in values)
        elif key == "default-glossary":
            flag = reader.boolean(keys, value)
            if flag is not None:
                settings["default_glossary"] = flag
        elif key in ("include", "exclude"):
            values = reader.strings(keys, value)
            if values is not None:
                settings[key] = values
        elif key in ("select", "ignore"):
            values = reader.selectors(keys, reader.strings(keys, value))
            if values is not None:
                settings[key] = values
        elif key == "fail-on":
            level = reader.severity(keys, value)
            if level is not None:
                settings["fail_on"] = level
        elif key == "jobs":
            if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                settings["jobs"] = value
            else:
                reader.problem(keys, f"'jobs' must be a whole number of at least 1, got {_describe(value)}")
        elif key == "baseline":
            if isinstance(value, str) and value:
                settings["baseline"] = os.path.normpath(os.path.join(root, value))
            else:
                reader.problem(keys, f"'baseline' must be a file name, got {_describe(value)}")
        elif key == "cache":
            flag = reader.boolean(keys, value)
            if flag is not None:
                settings["cache"] = flag
        elif key == "dask":
            if isinstance(value, str) and value:
                settings["dask"] = value
            else:
                reader.problem(keys, f"'dask' must be a scheduler address or \"local\", got {_describe(value)}")
        elif key == "source-language":
            if value in SOURCE_LANGUAGES:
                settings["source_language"] = value
            else:
                reader.problem(keys, f"'source-language' must be one of {', '.join(SOURCE_LANGUAGES)}, "
                                     f"got {_describe(value)}")
        elif key == "warn-unused-suppressions":
            flag = reader.boolean(keys, value)
            if flag is not None:
                settings["warn_unused_suppressions"] = flag
        elif not isinstance(value, dict):
            reader.problem(keys, f"'{key}' must be a table, got {_describe(value)}")
        elif key == "per-file-ignores":
            entries = []
            for pattern, selectors in value.items():
                sub = (key, pattern)
                checked = reader.selectors(sub, reader.strings(sub, selectors))
                if checked is not None:
                    entries.append((pattern, checked))
            settings["per_file_ignores"] = tuple(entries)
        elif key == "severity":
            for selector, level in value.items():
                sub = (key, selector)
                if reader.selectors(sub, (selector,)) is None:
                    continue
                parsed = reader.severity(sub, level)
                if parsed is not None:
                    for rule in rules.ALL_RULES:
                        if rules.matches_selector(rule.name, selector):
                            severity_overrides[rule.name] = parsed
        elif key == "rule-options":
            for rule_name, options in value.items():
                sub = (key, rule_name)
                try:
                    rule = rules.rule_by_name(rule_name)
                except KeyError:
                    close = _closest(rule_name, [r.name for r in rules.ALL_RULES])
                    hint = f" (did you mean '{close[0]}'?)" if close else " (see 'mtlint rules')"
                    reader.problem(sub, f"unknown rule '{rule_name}' in [{reader.table_name or ''}"
                                        f"{'.' if reader.table_name else ''}rule-options]{hint}")
                    continue
                if not isinstance(options, dict):
                    reader.problem(sub, f"'rule-options.{rule_name}' must be a table of options")
                    continue
                for option, raw in options.items():
                    _rule_option(reader, rule_options, rule, (key, rule_name, option), raw)
    if reader.problems:
        raise ConfigError("\nmtlint: error: ".join(reader.problems))
    return Config(**settings, severity_overrides=severity_overrides, rule_options=rule_options)


def _rule_option(reader: _Reader, rule_options: dict, rule, keys, raw) -> None:
    """One option of the file, checked by the rule's ``Option.parse``."""
    option = keys[-1]
    spec = next((o for o in rule.options if o.name == option), None)
    if spec is None:
        known = ", ".join(o.name for o in rule.options) or "none"
        reader.problem(keys, f"rule {rule.name} has no option '{option}' (options: {known})")
        return
    value = raw
    if spec.type is float and isinstance(raw, int) and not isinstance(raw, bool):
        value = float(raw)
    if isinstance(value, bool) and spec.type is not bool or not isinstance(value, (spec.type, str)):
        reader.problem(keys, f"{rule.name}.{option}: expected a {spec.type.__name__}, got {_describe(raw)}")
        return
    try:
        parsed = spec.parse(value)
    except ValueError as exc:
        reader.problem(keys, f"{rule.name}.{option}: {exc}")
        return
    rule_options.setdefault(rule.name, {})[option] = parsed


def file_config(rules, explicit: str | None = None, isolated: bool = False, start: str | None = None) -> Config:
    """The configuration a run starts from: ``explicit`` (``--config``), or
    the file found upward from ``start`` (the current folder), or defaults
    (``isolated``: ``--no-config``); checked against ``rules``."""
    if isolated:
        return Config()
    path = Path(explicit) if explicit else find_config_file(start)
    if path is None:
        return Config()
    return load_config_file(path, rules)


def combine_selection(file_select, file_ignore, cli_select, cli_ignore) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Selection in layers, as ruff does: the command line's ``--select``
    replaces the file's selection (and its ignores); a ``--ignore`` alone
    adds to the file's."""
    if cli_select:
        return tuple(cli_select), tuple(cli_ignore)
    return tuple(file_select), tuple(file_ignore) + tuple(cli_ignore)


def build_config(rules, *, config_file: str | None = None, no_config: bool = False, start: str | None = None,
                 select=(), ignore=(), rule_options=(), fail_on: str | None = None, glossaries=(),
                 no_default_glossary: bool = False, jobs: int | None = None, source_language: str | None = None,
                 baseline: str | None = None, write_baseline: bool = False,
                 warn_unused_suppressions: bool | None = None, sources: Mapping[str, str] | None = None,
                 dask: str | None = None) -> Config:
    """The configuration of a run, built in one place: the defaults, the
    configuration file's values (:func:`file_config`), then the command
    line's flags on top of them, checked against ``rules`` (the registry),
    every rule option given its value. Immutable from here on."""
    config = file_config(rules, config_file, no_config, start)
    unknown = rules.unknown_selectors(tuple(select) + tuple(ignore))
    if unknown:
        raise ConfigError(f"unknown rule or prefix: {', '.join(unknown)} (see 'mtlint rules')")
    chosen, ignored = combine_selection(config.select, config.ignore, select, ignore)
    config = replace(
        config, select=chosen, ignore=ignored,
        fail_on=Severity.parse(fail_on) if fail_on is not None else config.fail_on,
        glossaries=config.glossaries + tuple(glossaries),
        default_glossary=config.default_glossary and not no_default_glossary,
        jobs=jobs or config.jobs,
        source_language=source_language or config.source_language,
        # --write-baseline records everything found now
        baseline=None if write_baseline else (baseline or config.baseline),
        warn_unused_suppressions=(config.warn_unused_suppressions if warn_unused_suppressions is None
                                  else warn_unused_suppressions),
        sources=dict(sources or {}),
        dask=dask or config.dask,
    )
    return config.with_rule_options(rules, *rule_options).with_defaults(rules)
