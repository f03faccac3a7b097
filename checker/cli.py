"""The ``mtlint`` command line (click)."""

from __future__ import annotations

import sys

import click

from . import __version__
from .config import Config, ConfigError
from .glossary import GlossaryError, read_glossary
from .model import Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"mtlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _selection_options(command):
    """Options shared by every command that lints (lint, and later report)."""
    options = [
        click.option("--glossary", "glossaries", multiple=True, type=click.Path(),
                     help="Glossary file or folder, added to the shipped glossaries (repeatable)."),
        click.option("--no-default-glossary", is_flag=True, help="Do not load the shipped glossaries."),
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only these rules (names or prefixes, comma-separated or repeated)."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Skip these rules (names or prefixes, comma-separated or repeated)."),
        click.option("--rule-option", "rule_options", multiple=True, metavar="RULE.OPTION=VALUE",
                     help="Set a rule option, e.g. term-order.style=consistent (repeatable)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes for many files (default: all cores)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _split(values) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def build_config(glossaries, no_default_glossary, select, ignore, rule_options, jobs, fail_on="warning") -> Config:
    from .rules import unknown_selectors

    config = Config(
        select=_split(select), ignore=_split(ignore), fail_on=Severity.parse(fail_on),
        glossaries=tuple(glossaries), default_glossary=not no_default_glossary, jobs=jobs,
    )
    unknown = unknown_selectors(config.select + config.ignore)
    if unknown:
        raise ConfigError(f"unknown rule or prefix: {', '.join(unknown)} (see 'mtlint rules')")
    for assignment in rule_options:
        config.set_rule_option(assignment)
    return config


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
@click.argument("paths", nargs=-1, type=click.Path())
@_selection_options
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
def lint(paths, glossaries, no_default_glossary, select, ignore, rule_options, jobs, output_format, fail_on):
    """Lint PATHS (files, folders, or - for stdin) and report findings.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, config,
    glossary or input errors.
    """
    from .formatters import FORMATTERS
    from .linter import Linter

    if not paths:
        _fail("no paths given (use '.' for the current folder or '-' for stdin)")
    try:
        config = build_config(glossaries, no_default_glossary, select, ignore, rule_options, jobs, fail_on)
    except ConfigError as exc:
        _fail(str(exc))
    glossary = load_run(config)
    result = Linter(glossary, config).lint_paths(paths)
    click.echo(FORMATTERS[output_format](result), nl=False)
    for problem in result.problems:
        click.echo(f"mtlint: error: {problem}", err=True)
    if result.problems or result.files == 0:
        if result.files == 0 and not result.problems:
            click.echo("mtlint: error: no files to lint", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.count_at_least(config.fail_on) else EXIT_CLEAN)


@main.command()
@click.argument("names", nargs=-1)
@click.option("--brief", is_flag=True, help="One line per rule.")
def rules(names, brief):
    """List every rule with its documentation (or only NAMES / prefixes)."""
    from .rules import ALL_RULES, matches_selector

    chosen = [r for r in ALL_RULES if not names or any(matches_selector(r.name, n) for n in names)]
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
@click.argument("paths", nargs=-1, type=click.Path())
def glossary_check(paths):
    """Validate glossary files (default: the shipped glossaries)."""
    from .glossary import DEFAULT_GLOSSARY_DIR

    targets = paths or (str(DEFAULT_GLOSSARY_DIR),)
    loaded, problems = read_glossary(targets)
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
    from .vietnamese import fold

    config = Config(glossaries=tuple(glossaries), default_glossary=not no_default_glossary)
    loaded = load_run(config)
    needle = fold(query)
    shown = 0
    for entry in loaded.entries:
        forms = (entry.canonical, *entry.aliases, *(v.form for v in entry.variants), *entry.source_forms)
        if any(needle in fold(f) for f in forms):
            shown += 1
            click.echo(f"{entry.canonical} [{entry.kind}]  {entry.path}:{entry.line}")
            for label, values in (("aliases", entry.aliases), ("variants", [v.form for v in entry.variants]),
                                  ("source forms", entry.source_forms), ("short forms", entry.short_forms)):
                if values:
                    click.echo(f"  {label}: {', '.join(values)}")
    if not shown:
        click.echo(f"no entry matches {query!r}")
        sys.exit(EXIT_FINDINGS)


if __name__ == "__main__":  # pragma: no cover
    main()
