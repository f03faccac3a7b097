"""The one argument helper the measuring scripts share: they pass every
option they do not know through to `mtlint lint`, so argparse (which would
reject them) is not used."""

from __future__ import annotations


def pop_option(args: list[str], name: str, cast, default):
    """Remove ``name VALUE`` from ``args`` and return ``cast(VALUE)``."""
    if name not in args:
        return default
    i = args.index(name)
    if i + 1 >= len(args):
        raise SystemExit(f"{name} needs a value")
    try:
        value = cast(args[i + 1])
    except ValueError:
        raise SystemExit(f"{name}: {args[i + 1]!r} is not a valid value") from None
    del args[i:i + 2]
    return value
