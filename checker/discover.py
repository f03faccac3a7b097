"""Which files a run lints: explicit files as given, folders walked for
text files (hidden folders such as .git and .venv skipped), ``-`` for stdin."""

from __future__ import annotations

import os

from .document import TEXT_SUFFIXES
from .model import InputProblem

STDIN = "-"


def discover(paths, suffixes=TEXT_SUFFIXES) -> tuple[list[str], list[InputProblem]]:
    files, problems, seen = [], [], set()

    def add(path):
        if path not in seen:
            seen.add(path)
            files.append(path)

    for path in map(os.fspath, paths):
        if path == STDIN:
            add(path)
        elif os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, n) for n in sorted(names) if n.lower().endswith(suffixes))
            if not found:
                problems.append(InputProblem(path, f"no {'/'.join(suffixes)} files in this folder"))
            for file in found:
                add(file)
        elif os.path.exists(path):
            add(path)
        else:
            problems.append(InputProblem(path, "no such file or folder"))
    return files, problems
