"""mtlint: a translation-consistency checker for machine-translated Vietnamese."""

from .buildcache import cache_dataclass_methods

__version__ = "0.1.0"

# Before any module of the package defines its value types: their methods
# are compiled once per machine, not on every start-up (checker/buildcache.py).
cache_dataclass_methods()
