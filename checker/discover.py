"""Which files a run lints: explicit files as given, folders walked for
text files (hidden folders such as .git and .venv skipped), ``-`` for stdin."""

from __future__ import annotations

import os

from .document import LINT_SUFFIXES, TEXT_SUFFIXES
from .model import InputProblem

STDIN = "-"


def discover(paths, suffixes=LINT_SUFFIXES, config=None) -> tuple[list[str], list[InputProblem]]:
    """``config`` (a Config) adds its include/exclude globs: exclude drops
    files (named or found) and prunes folders; include picks what a folder
    walk finds instead of ``suffixes``."""
    files, problems, seen = [], [], set()
    excluded = config.is_excluded if config is not None and config.exclude else (lambda path, is_dir=False: False)
    wanted = (config.is_included if config is not None and config.include
              else (lambda path: path.lower().endswith(suffixes)))

    def add(path):
        if path != STDIN and excluded(path):
            return
        if path not in seen:
            seen.add(path)
            files.append(path)

    for path in map(os.fspath, paths):
        if path == STDIN:
            add(path)
        elif os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(root, d), True))
                found.extend(os.path.join(root, n) for n in sorted(names) if wanted(os.path.join(root, n)))
            if not found and not excluded(path, True):
                problems.append(InputProblem(path, _nothing_found(suffixes, config)))
            for file in found:
                add(file)
        elif os.path.exists(path):
            add(path)
        else:
            problems.append(InputProblem(path, "no such file or folder"))
    return files, problems


def _nothing_found(suffixes, config) -> str:
    if config is not None and config.include:
        return f"no files matching include = {list(config.include)} in this folder"
    text = [s for s in suffixes if s in TEXT_SUFFIXES]
    other = [s for s in suffixes if s not in TEXT_SUFFIXES]
    message = f"no {'/'.join(text or suffixes)} files in this folder"
    return f"{message} (nor {', '.join(other)})" if text and other else message
