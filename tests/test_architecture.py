"""The shape of the package (issue 9): each input file is read once per run,
and the modules import one another one way (no import loop).

Read counts: every open of an input file for reading (``open``/``io.open``,
which ``Path.read_bytes`` and ``zipfile`` use, and ``os.open``) is counted
while a command runs in-process (click's CliRunner; small inputs are linted
in this process). Writing does not count: ``mtlint fix`` rewrites a file
(a temporary file renamed over it), and that write is not a read.
"""

from __future__ import annotations

import ast
import builtins
import functools
import io
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, MINI_GLOSSARY

MINI = ("--no-default-glossary", "--glossary", MINI_GLOSSARY)
PACKAGE = Path(__file__).resolve().parent.parent / "checker"

# -- each file read once per run ---------------------------------------------------

FILES = {
    # glossary findings, a figure to fix
    "a.txt": "Hội nghị đã diễn ra tại Hà Nội.\nĐoàn tỉnh Vinh Long đến thăm; tỉnh Vinh Long đón tiếp.\n"
             "GDP tăng 3.5% trong năm.\n",
    # Markdown with directives (one used, one unused)
    "b.md": "# Báo cáo\n\nĐoàn tỉnh Vĩnh Long gặp nhau.\n\n<!-- mtlint: disable-next-line=term-variant -->\n"
            "Tỉnh Sơn Ma rất đẹp.\n\n<!-- mtlint: disable-next-line=figure-format -->\nKhông có gì.\n",
    "c.html": "<html><body><p>Đoàn đến tỉnh Sơn Ma hôm qua.</p></body></html>\n",
}


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    # two reports whose findings come from a cross-document rule (render-stripped)
    for path in sorted((FIXTURES / "consistency" / "two-reports").glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture
def reads(monkeypatch):
    """path -> how often it was opened for reading, while the test runs."""
    counts: Counter = Counter()
    real_open, real_os_open = io.open, os.open

    def note(file) -> None:
        if isinstance(file, (str, bytes, os.PathLike)):
            counts[os.path.realpath(os.fsdecode(file))] += 1

    def counting_open(file, mode="r", *args, **kwargs):
        if not set(mode) & set("wax+"):
            note(file)
        return real_open(file, mode, *args, **kwargs)

    def counting_os_open(path, flags, *args, **kwargs):
        if not flags & (os.O_WRONLY | os.O_RDWR):
            note(path)
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(os, "open", counting_os_open)
    return counts


def _read_once(reads: Counter, folder: Path) -> None:
    files = sorted(str(p.resolve()) for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html"))
    assert {os.path.basename(f): reads[f] for f in files} == {os.path.basename(f): 1 for f in files}


def test_lint_reads_each_file_once(cli, project, reads):
    result = cli("lint", *MINI, "--no-cache", "--warn-unused-suppressions", "--format", "json", project)
    assert result.exit_code == 1, result.output
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert {"term-diacritics", "render-stripped", "unused-suppression", "figure-format"} <= rules
    _read_once(reads, project)


@pytest.mark.parametrize("cache", [False, True])
def test_lint_with_a_baseline_reads_each_file_once(cli, project, reads, tmp_path, cache):
    """Writing a baseline and linting against it fingerprint findings (of
    document and cross-document rules, and directives) by the text the
    lint read; nothing is read again."""
    baseline = tmp_path / "baseline.json"
    options = () if cache else ("--no-cache",)
    written = cli("lint", *MINI, *options, "--warn-unused-suppressions", "--write-baseline", baseline, project)
    assert written.exit_code == 0, written.output
    _read_once(reads, project)
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    stripped = next(e for e in entries if e["rule"] == "render-stripped")
    assert stripped["text"] == "Tran Hong Ha" and stripped["before"] and stripped["after"]
    unused = next(e for e in entries if e["rule"] == "unused-suppression")
    assert unused["text"].startswith("<!-- mtlint:")

    reads.clear()
    result = cli("lint", *MINI, *options, "--warn-unused-suppressions", "--baseline", baseline, project)
    assert result.exit_code == 0, result.output  # every finding is in the baseline
    _read_once(reads, project)


def test_fix_reads_each_file_once(cli, project, reads):
    result = cli("fix", *MINI, project)
    assert "fixed" in result.output, result.output
    _read_once(reads, project)  # the rewrite of a.txt is a write, not counted
    assert "3,5%" in (project / "a.txt").read_text(encoding="utf-8")


def test_lint_fix_reads_each_file_once(cli, project, reads):
    cli("lint", *MINI, "--fix", project)
    _read_once(reads, project)


def test_report_reads_each_file_once(cli, project, reads, tmp_path):
    output = tmp_path / "report.html"
    result = cli("report", *MINI, "-o", output, project)
    assert result.exit_code == 0, result.output
    assert "Tran Hong Ha" in output.read_text(encoding="utf-8")
    _read_once(reads, project)


# -- layers that point one way ---------------------------------------------------------
#
# document <- loaders (formats) <- glossary / matcher <- shared views <- rules
# <- linter <- output (formatters, report) <- cli. An import inside a function
# hides an edge from the reader: it is allowed only where listed here, with
# its reason (mostly: a heavy library or a large module kept off the
# pre-commit path).

#: Third-party libraries that may be imported inside a function (loaded only
#: when a file, rule or command needs them; never on the way to linting a
#: small text file otherwise).
HEAVY = {
    "pyvi", "sacrebleu", "jinja2", "markupsafe", "docx", "translate", "lxml", "markdown_it", "dask",
    "distributed", "rapidfuzz", "ahocorasick_rs", "yaml",  # yaml: glossaries are read from a pickle cache
}

#: (importer, imported) inside a function -> why it is not at the top.
ALLOWED_LAZY = {
    ("checker.cli", "checker.report"): "command-specific: kept off the `mtlint lint` (pre-commit) path",
    ("checker.cli", "checker.fixer"): "command-specific: kept off the `mtlint lint` (pre-commit) path",
    ("checker.__main__", "checker.cli"): "the command's modules imported with the garbage collector paused",
    ("checker.context", "checker.quantities"): "a view built on first use: the quantity parser (a large module) "
                                            "loads only when a rule reads ctx.quantities",
    ("checker.rules.figure_common", "checker.quantities"): "the quantity parser (a large module), loaded when a "
                                                          "figure rule first runs",
    **{("checker.formatters", f"checker.formatters.{name}"): "an output format, imported when it is asked for "
                                                             "(json and sarif bring in the json module)"
       for name in ("text", "json", "sarif", "github")},
}
#: Edges inside functions that point against the layers (they close a loop
#: with edges at the top of modules): each is listed in ALLOWED_LAZY too.
ALLOWED_BACK_EDGES: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


@functools.lru_cache(maxsize=None)
def _imports() -> tuple:
    """(importer, imported, at module level, line) of every import in the
    package (TYPE_CHECKING blocks left out); an imported checker module
    also imports the packages above it (``checker.rules`` for
    ``checker.rules.base``) unless the importer is inside them."""
    modules = _modules()
    out = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]

        def targets(node):
            if isinstance(node, ast.Import):
                return [alias.name for alias in node.names]
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found = []
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                found.append(candidate if candidate in modules else module)
            return found

        def walk(node, top: bool):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                    continue
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for target in targets(child):
                        chain = target.split(".")
                        for depth in range(len(chain), 0, -1):
                            ancestor = ".".join(chain[:depth])
                            if ancestor in ("checker", name) or (depth < len(chain) and name.startswith(ancestor + ".")):
                                break
                            out.append((name, ancestor, top, child.lineno))
                walk(child, top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

        walk(ast.parse(path.read_text(encoding="utf-8")), True)
    return tuple(out)


def _cycle(edges) -> list[str] | None:
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        if a != b and b.startswith("checker"):
            graph.setdefault(a, set()).add(b)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_loop_at_the_top_of_modules():
    assert _cycle((a, b) for a, b, top, _ in _imports() if top) is None


def test_no_import_loop_counting_imports_inside_functions():
    edges = [(a, b) for a, b, _, _ in _imports() if (a, b) not in ALLOWED_BACK_EDGES]
    assert _cycle(edges) is None


def test_imports_inside_functions_are_listed():
    import sys

    unlisted = set()
    for importer, imported, top, line in _imports():
        if top:
            continue
        root = imported.split(".")[0]
        if imported.startswith("checker"):
            if (importer, imported) not in ALLOWED_LAZY:
                unlisted.add(f"{importer}:{line} imports {imported}")
        elif root not in sys.stdlib_module_names and root not in HEAVY:
            unlisted.add(f"{importer}:{line} imports {imported} (not a heavy library)")
    assert sorted(unlisted) == []


def _reachable(start: str) -> set[str]:
    """Every checker module ``start`` may import, at the top of a module or
    inside a function (the listed lazy imports aside)."""
    graph: dict[str, set[str]] = {}
    for a, b, top, _ in _imports():
        if top or (a, b) not in ALLOWED_LAZY:
            graph.setdefault(a, set()).add(b)
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_lower_layers_do_not_reach_up():
    assert not {m for m in _reachable("checker.document") if m.startswith("checker")}
    # the configuration does not know the rules: they are passed to it
    assert "checker.rules" not in _reachable("checker.config")
    for low in ("checker.loaders", "checker.glossary", "checker.matcher", "checker.suppressions"):
        above = _reachable(low) & {"checker.rules", "checker.linter", "checker.config", "checker.cli"}
        assert not above, (low, above)
    assert not _reachable("checker.rules") & {"checker.linter", "checker.cli", "checker.report", "checker.fixer"}


def test_one_registry_of_formats():
    """The folder walk's suffixes (checker.document) are the registry's
    (checker.loaders.FORMATS), plus plain text and Markdown."""
    from checker.document import FORMAT_SUFFIXES, TEXT_SUFFIXES
    from checker.loaders import FORMATS, fix_writer

    assert set(FORMAT_SUFFIXES) == set(FORMATS)
    assert not set(TEXT_SUFFIXES) & set(FORMATS)
    assert fix_writer("a.docx") is None and fix_writer("a.md") is not None


def test_each_rule_is_a_module_named_after_it():
    """Rules as units: ``term-variant`` is ``checker/rules/term_variant.py``
    and that module holds no other rule (shared helpers of a family live in
    its ``*_common.py``)."""
    from checker.rules import ALL_RULES

    for rule in ALL_RULES:
        assert rule.__module__ == "checker.rules." + rule.name.replace("-", "_"), rule.name
    modules = [rule.__module__ for rule in ALL_RULES]
    assert len(modules) == len(set(modules))
