"""A progress bar on stderr for long runs.

Shown only when stderr is a terminal, only for human output (never with a
machine format, whose consumers read stdout and may capture stderr), and
only once a run has taken a moment, so linting a few files prints nothing.
It draws on one line with carriage returns and erases itself at the end.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

#: Output formats a human reads; the others are for machines.
HUMAN_FORMATS = ("text",)
#: Seconds before the bar appears, and between redraws.
DELAY = 0.5
INTERVAL = 0.1
WIDTH = 30


class ProgressBar:
    def __init__(self, stream: TextIO, label: str = "linting", delay: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.label = label
        self.delay = DELAY if delay is None else delay
        self.clock = clock
        self.started = clock()
        self.last_draw: float | None = None
        self.drawn = False
        self.tail_drawn = False  # the last line named a file: a shorter one must erase it

    def __call__(self, done: int, total: int) -> None:
        self._draw(done, total)

    def file_part(self, done: int, total: int, path: str, fraction: float) -> None:
        """How far the file after the ``done`` ones is (a very large file,
        linted piece by piece, can take minutes): the bar moves within it."""
        self._draw(done, total, path, fraction)

    def _draw(self, done: int, total: int, path: str | None = None, fraction: float = 0.0) -> None:
        now = self.clock()
        if now - self.started < self.delay:
            return
        if done < total and self.last_draw is not None and now - self.last_draw < INTERVAL:
            return
        self.last_draw = now
        filled = min(WIDTH, int(WIDTH * (done + fraction) / total)) if total else WIDTH
        bar = "█" * filled + "·" * (WIDTH - filled)
        tail = f", {path} {fraction:.0%}" if path is not None else ""
        erase = "\x1b[K" if tail or self.tail_drawn else ""
        self.stream.write(f"\r{self.label} {bar} {done}/{total} files{tail}{erase}")
        self.stream.flush()
        self.drawn, self.tail_drawn = True, bool(tail)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def progress_for(output_format: str | None, stream: TextIO | None = None, label: str = "linting"):
    """The progress callback for a run, or None where no bar belongs.
    ``output_format`` None means the output goes to a file (``report``)."""
    stream = stream if stream is not None else sys.stderr
    if output_format is not None and output_format not in HUMAN_FORMATS:
        return None
    isatty = getattr(stream, "isatty", None)
    if not isatty or not isatty():
        return None
    return ProgressBar(stream, label)
