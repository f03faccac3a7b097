"""mtlint: a translation-consistency checker for machine-translated Vietnamese."""

__version__ = "0.1.0"
