"""The ``mtlint`` command (and ``python -m checker``): the command-line
interface of :mod:`checker.cli`, imported with the garbage collector paused."""

from __future__ import annotations

import gc


def run() -> None:
    """Start the ``mtlint`` command.

    Importing the command (click and mtlint's modules, some tens of
    thousands of objects that live as long as the process) set off about
    forty passes of the garbage collector, which found nothing to free and
    took some 4 ms of a run on one file. The imports run with the collector
    paused, and what they made goes straight to the oldest generation
    (frozen, then thawed), which only full passes visit; a run freezes it
    again (checker/linter.py). Objects someone else froze are left alone."""
    pausing = gc.isenabled() and gc.get_freeze_count() == 0
    if pausing:
        gc.disable()
    from .cli import entry_point

    if pausing:
        gc.freeze()
        gc.unfreeze()
        gc.enable()
    entry_point()


if __name__ == "__main__":
    run()
