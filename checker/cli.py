"""The ``mtlint`` command line (click)."""

from __future__ import annotations

import atexit
import os
import sys

import click

from . import __version__
from . import config as configuration
from . import rules as registry
from .baseline import BaselineError, load_baseline, write_baseline
from .cache import ResultCache
from .cache import clean as remove_cache
from .config import Config, ConfigError
from .distributed import DaskUnavailable  # the class only: dask itself is imported when used
from .document import DocumentError
from .formatters import FORMATTERS, output_chunks
from .formatters import NAMES as FORMAT_NAMES  # the names only: a format's module loads when used
from .glossary import read_glossary, shipped_glossary_dir
from .linter import Linter
from .loaders import load_document
from .progress import progress_for
from .vietnamese import fold

# Imported inside the command that needs them, to keep them off the path of
# ``mtlint lint`` (the pre-commit hook): checker.report (the report's view
# model, the quantity parser; jinja2 and sacrebleu below it) and
# checker.fixer (``fix``, ``lint --fix``).

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"mtlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _selection_options(command):
    """Options shared by every command that lints (lint, and later report)."""
    options = [
        click.option("--glossary", "glossaries", multiple=True, type=click.Path(readable=False),
                     help="Glossary file or folder, added to the shipped glossaries (repeatable)."),
        click.option("--no-default-glossary", is_flag=True, help="Do not load the shipped glossaries."),
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only these rules (names or prefixes, comma-separated or repeated)."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Skip these rules (names or prefixes, comma-separated or repeated)."),
        click.option("--rule-option", "rule_options", multiple=True, metavar="RULE.OPTION=VALUE",
                     help="Set a rule option, e.g. term-order.style=consistent (repeatable)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes for many files, or for the pieces of a very large one "
                          "(default: all cores)."),
        # read by build_config through the click context, so commands need no new parameters
        click.option("--config", "config_file", type=click.Path(dir_okay=False), expose_value=False,
                     callback=_remember, help="Configuration file (default: .mtlint.toml or pyproject.toml "
                     "[tool.mtlint] found from the current folder upward)."),
        click.option("--no-config", is_flag=True, expose_value=False, callback=_remember,
                     help="Ignore configuration files."),
        click.option("--source-language", "source_language", type=click.Choice(["en", "ja"]),
                     expose_value=False, callback=_remember, default=None,
                     help="The language the documents were translated from (config: source-language)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _source_texts(source: str, paths) -> dict[str, str]:
    """``--source``: the original text of the one file being linted."""
    if len(paths) != 1 or paths[0] == "-" or os.path.isdir(paths[0]):
        _fail("--source needs exactly one file to lint (the translation of the source file)")
    try:
        return {paths[0]: load_document(source).text}
    except DocumentError as exc:
        _fail(f"--source {exc.path}{f':{exc.line}' if exc.line else ''}: {exc.message}")


def _remember(ctx, param, value):
    ctx.meta[f"mtlint.{param.name}"] = value
    return value


def _split(values) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def build_config(glossaries, no_default_glossary, select, ignore, rule_options, jobs, fail_on=None,
                 **workflow) -> Config:
    """The run's configuration (checker.config.build_config: defaults, the
    configuration file, then these flags), built once and immutable.
    ``workflow``: baseline, write_baseline, warn_unused_suppressions,
    sources, dask."""
    meta = click.get_current_context(silent=True)
    meta = meta.meta if meta is not None else {}
    return configuration.build_config(
        registry, config_file=meta.get("mtlint.config_file"), no_config=bool(meta.get("mtlint.no_config")),
        select=_split(select), ignore=_split(ignore), rule_options=rule_options, fail_on=fail_on,
        glossaries=glossaries, no_default_glossary=no_default_glossary, jobs=jobs,
        source_language=meta.get("mtlint.source_language"), **workflow)


def load_run(config: Config):
    """The glossary for a run, or exit 2 with every problem listed."""
    glossary, problems = read_glossary(config.glossary_paths())
    if problems:
        for problem in problems:
            click.echo(f"mtlint: glossary error: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    return glossary


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtlint")
def main():
    """Translation-consistency checker for machine-translated Vietnamese."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: an input problem
@_selection_options
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="text",
              show_default=True, help="text for people; json, sarif (SARIF 2.1.0) or github (Actions annotations).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding is at or above this severity (default: warning, or the config's fail-on).")
@click.option("--source", "source", type=click.Path(), default=None, metavar="FILE",
              help="The original (English) text of the one file linted; figure-source compares their numbers.")
@click.option("--fix", is_flag=True, help="Apply the certain fixes first (see 'mtlint fix'), then report what is left.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Record every current finding in FILE as accepted, and exit 0.")
@click.option("--warn-unused-suppressions", is_flag=True, default=None,
              help="Report mtlint directives that silence nothing.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (.mtlint_cache/).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run the per-document phase on a Dask cluster: a scheduler address (tcp://host:8786) or "
                   "'local' for a LocalCluster on this machine (needs: pip install 'mtlint[dask]').")
def lint(paths, glossaries, no_default_glossary, select, ignore, rule_options, jobs, output_format, fail_on,
         source=None, fix=False, baseline=None, write_baseline=None, warn_unused_suppressions=None,
         no_cache=False, dask_address=None):
    """Lint PATHS (files, folders, or - for stdin) and report findings.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, config,
    glossary or input errors.
    """
    sources = _source_texts(source, paths) if source is not None else None  # the original of the one file
    try:
        config = build_config(glossaries, no_default_glossary, select, ignore, rule_options, jobs, fail_on,
                              baseline=baseline, write_baseline=bool(write_baseline),
                              warn_unused_suppressions=warn_unused_suppressions, sources=sources, dask=dask_address)
        paths = _workflow_setup(config, paths)
    except ConfigError as exc:
        _fail(str(exc))
    if fix:
        result = _fix_then_lint(Linter(load_run(config), config), paths, progress_for(output_format))
    else:
        keep_sources = bool(write_baseline or config.baseline)
        cache = None if no_cache or not config.cache else _result_cache(config, keep_sources)
        # the glossary is loaded (and its errors reported) by the run, before
        # the first file is linted: a run answered whole from the cache needs none
        try:
            linter = Linter(lambda: load_run(config), config, cache=cache)
            result = linter.run(paths, progress=progress_for(output_format), keep_sources=keep_sources)
        except DaskUnavailable as exc:
            _fail(str(exc))
        if cache is not None:
            cache.prune_if_due()
            for note in cache.notes:
                click.echo(f"mtlint: note: {note}", err=True)
    if write_baseline:
        _write_baseline(write_baseline, result, paths)
    for chunk in output_chunks(output_format, result):  # a huge output is never one string
        click.echo(chunk, nl=False)
    for problem in result.problems:
        click.echo(f"mtlint: error: {problem}", err=True)
    if result.files == 0 and not result.problems and config.exclude:
        click.echo(f"mtlint: nothing to lint: the files given are excluded by {config.config_path}", err=True)
        sys.exit(EXIT_CLEAN)
    if result.problems or result.files == 0:
        if result.files == 0 and not result.problems:
            click.echo("mtlint: error: no files to lint", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.count_at_least(config.fail_on) else EXIT_CLEAN)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: an input problem
@_selection_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="reports/mtlint-report.html",
              show_default=True, help="The HTML file to write (folders are created).")
@click.option("--reference", type=click.Path(), metavar="REF",
              help="Human translation to score against with sacrebleu (chrF, BLEU, TER): a file for one "
                   "document, or a folder of files with the same names.")
@click.option("--title", help="Title shown in the report.")
def report(paths, glossaries, no_default_glossary, select, ignore, rule_options, jobs, output, reference, title):
    """Write a self-contained HTML report of PATHS (files or folders).

    The file opens offline in any browser: summary, findings in context,
    entity and figure views, filters, and reference scores with --reference.
    Exit status: 0 report written, 2 usage, config, glossary or input
    errors (the report is still written when only some files are unreadable).
    """
    from .report import ReportError, write_report  # command-specific (see the imports above)

    if "-" in paths:
        _fail("report reads files, not stdin ('-'); save the text to a file first")
    if reference is not None and not os.path.exists(reference):
        _fail(f"{reference}: reference not found")
    try:
        config = build_config(glossaries, no_default_glossary, select, ignore, rule_options, jobs)
        paths = _workflow_setup(config, paths)  # the config's folder when no path is given; its baseline
    except ConfigError as exc:
        _fail(str(exc))
    glossary = load_run(config)
    # one run: the report shows the documents it kept and what it computed on them
    result = Linter(glossary, config).run(paths, progress=progress_for(None), keep_documents=True)
    for problem in result.problems:
        click.echo(f"mtlint: error: {problem}", err=True)
    if result.files == 0:
        _fail("no files to report on")
    try:
        built, notes = write_report(result, paths, glossary, output, reference=reference, title=title,
                                    config=config)
    except ReportError as exc:
        _fail(str(exc))
    for path, note in notes:
        click.echo(f"mtlint: warning: {path}: {note}", err=True)
    click.echo(f"wrote {output}: {built.total} finding(s) in {built.files} file(s)")
    sys.exit(EXIT_ERROR if result.problems else EXIT_CLEAN)


def _result_cache(config: Config, keep_sources: bool = False):
    cache = ResultCache.for_run(config.cache_folder(), config, config.glossary_paths())
    if keep_sources:  # entries that carry the text as written, for the baseline's fingerprints
        cache = ResultCache(cache.folder, cache.run_key + "+sources")
    return cache


@main.command()
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Configuration file whose folder holds the cache (default: found from the current folder).")
def clean(config_file):
    """Remove the result cache (.mtlint_cache/) of this project."""
    try:
        folder = configuration.file_config(registry, config_file).cache_folder()
        removed = remove_cache(folder)
    except (ConfigError, ValueError, OSError) as exc:
        _fail(str(exc))
    click.echo(f"removed {folder}" if removed else f"no cache at {folder}")


@main.command()
@click.argument("names", nargs=-1)
@click.option("--brief", is_flag=True, help="One line per rule.")
def rules(names, brief):
    """List every rule with its documentation (or only NAMES / prefixes)."""
    chosen = [r for r in registry.ALL_RULES if not names or any(registry.matches_selector(r.name, n) for n in names)]
    if names and not chosen:
        _fail(f"no rule matches {', '.join(names)}")
    for rule in chosen:
        header = f"{rule.name} ({rule.severity}, {rule.category})"
        if brief:
            click.echo(f"{header}: {rule.summary()}")
            continue
        click.echo(header)
        click.echo("=" * len(header))
        click.echo(rule.documentation())
        for option in rule.options:
            choices = f" [{'|'.join(option.choices)}]" if option.choices else ""
            click.echo(f"  option {rule.name}.{option.name}{choices} (default {option.default}): {option.help}")
        click.echo()


@main.group()
def glossary():
    """Work with glossary files."""


@glossary.command("check")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: an input problem
def glossary_check(paths):
    """Validate glossary files (default: the shipped glossaries)."""
    targets = paths or (str(shipped_glossary_dir()),)
    loaded, problems = read_glossary(targets, use_cache=False)  # validate for real
    for problem in problems:
        click.echo(f"{problem}", err=False)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {len(loaded.paths)} glossary file(s)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"ok: {len(loaded.entries)} entries and {len(loaded.figures)} figure bounds in "
               f"{len(loaded.paths)} file(s)")


@glossary.command("show")
@click.argument("query")
@click.option("--no-default-glossary", is_flag=True)
@click.option("--glossary", "glossaries", multiple=True, type=click.Path())
def glossary_show(query, no_default_glossary, glossaries):
    """Show the entries whose forms contain QUERY (diacritics ignored)."""
    config = Config(glossaries=tuple(glossaries), default_glossary=not no_default_glossary)
    loaded = load_run(config)
    needle = fold(query)
    shown = 0
    for entry in loaded.entries:
        forms = (entry.canonical, *entry.aliases, *(v.form for v in entry.variants), *entry.source_forms,
                 *entry.readings)
        if any(needle in fold(f) for f in forms):
            shown += 1
            click.echo(f"{entry.canonical} [{entry.kind}]  {entry.path}:{entry.line}")
            for label, values in (("aliases", entry.aliases), ("variants", [v.form for v in entry.variants]),
                                  ("source forms", entry.source_forms), ("short forms", entry.short_forms),
                                  ("Sino-Vietnamese readings (wrong in a text about Japan)", entry.readings)):
                if values:
                    click.echo(f"  {label}: {', '.join(values)}")
            if entry.readings and entry.note:  # gazetteer entries say which places they name
                click.echo(f"  note: {entry.note}")
    if not shown:
        click.echo(f"no entry matches {query!r}")
        sys.exit(EXIT_FINDINGS)


# --------------------------------------------------------------------------
# workflow: configured paths, baseline, fix (checker/config.py, baseline.py, fixer.py)

def _workflow_setup(config: Config, paths) -> tuple:
    """Check the configured baseline and return the paths to lint: those
    given, else the configuration file's folder (its include and exclude
    globs pick the files), else a usage error."""
    if config.baseline:
        try:
            load_baseline(config.baseline)
        except BaselineError as exc:
            raise ConfigError(str(exc)) from None
    if paths:
        return tuple(paths)
    if config.config_path:
        root = os.path.relpath(config.root)
        return (root if not root.startswith(os.pardir) else config.root,)
    raise ConfigError("no paths given (use '.' for the current folder or '-' for stdin, "
                      "or set include in .mtlint.toml / [tool.mtlint])")


def _write_baseline(file: str, result, paths) -> None:
    for problem in result.problems:
        click.echo(f"mtlint: error: {problem}", err=True)
    try:
        count = write_baseline(file, result.findings, result.excerpts)
    except BaselineError as exc:
        _fail(str(exc))
    click.echo(f"wrote {file}: {len(result.findings)} finding(s) as {count} baseline entr"
               f"{'y' if count == 1 else 'ies'}")
    sys.exit(EXIT_ERROR if result.problems else EXIT_CLEAN)


def _report_fixes(fixed, out) -> None:
    for fix in fixed.applied:
        click.echo(str(fix), err=out)
    for finding, reason in fixed.skipped:
        click.echo(f"{finding.path}:{finding.line}:{finding.column}: not fixed [{finding.rule}]: {reason}", err=out)


def _fix_then_lint(linter, paths, progress):
    from .fixer import fix_paths  # command-specific (see the imports above)

    fixed = fix_paths(linter, paths, write=True, progress=progress)
    _report_fixes(fixed, out=True)
    if fixed.applied:
        click.echo(f"mtlint: fixed {len(fixed.applied)} finding(s) in {len(fixed.changes)} file(s)", err=True)
    return fixed.remaining


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: an input problem
@_selection_options
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and change no file.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding left is at or above this severity (default: warning).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Leave the findings recorded in this baseline file alone.")
def fix(paths, glossaries, no_default_glossary, select, ignore, rule_options, jobs, diff, fail_on, baseline):
    """Apply the certain fixes to PATHS and list what is left for a human.

    Only suggestions that are certain are applied: glossary variants,
    diacritics and casing of glossary names, Unicode normalisation,
    unambiguous English number separators (3.5% -> 3,5%; rules marked
    fixable). Never a fuzzy guess or an ambiguous match (1,300). Files are
    rewritten atomically, keeping line endings, owner, group and permissions
    (in place after a verified backup where a rename would split a hard
    link or lose the owner). Exit status: 0 nothing left at or above --fail-on, 1 findings
    left (with --diff: fixes to apply), 2 usage, config or input errors (a
    read-only file is reported and left unchanged).
    """
    from .fixer import fix_paths  # command-specific (see the imports above)

    try:
        config = build_config(glossaries, no_default_glossary, select, ignore, rule_options, jobs, fail_on,
                              baseline=baseline)
        paths = _workflow_setup(config, paths)
    except ConfigError as exc:
        _fail(str(exc))
    glossary = load_run(config)
    fixed = fix_paths(Linter(glossary, config), paths, write=not diff, progress=progress_for("text"))
    left = fixed.remaining
    if diff:
        click.echo(fixed.diff(), nl=False)
        click.echo(f"mtlint: {len(fixed.applied)} fix(es) to apply in {len(fixed.changes)} file(s); "
                   f"{len(left.findings) } finding(s) would be left for a human", err=True)
    else:
        _report_fixes(fixed, out=False)
        if left.findings:
            click.echo("left for a human:")
            click.echo(FORMATTERS["text"](left), nl=False)
        click.echo(f"fixed {len(fixed.applied)} finding(s) in {len(fixed.changes)} file(s); "
                   f"{len(left.findings)} left for a human")
    for problem in fixed.problems:
        click.echo(f"mtlint: error: {problem}", err=True)
    if fixed.problems:
        sys.exit(EXIT_ERROR)
    if not fixed.changes and left.files == 0:
        if config.exclude:
            sys.exit(EXIT_CLEAN)
        _fail("no files to fix")
    if diff:
        sys.exit(EXIT_FINDINGS if fixed.changes else EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if left.count_at_least(config.fail_on) else EXIT_CLEAN)


def entry_point() -> None:
    """The ``mtlint`` command: :func:`main`, then an exit that skips
    tearing the interpreter down (as mypy does). Freeing the glossary, the
    word lists and the compiled patterns object by object took about 45 ms,
    a quarter of a pre-commit run on one file; the operating system takes
    the memory back at once. Output is flushed and the exit handlers (the
    caches written at exit) run first."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (mtlint ... | head): nothing more to say
            pass
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry_point()
