"""Run configuration: which rules, which glossaries, which thresholds.

Built once (from CLI flags) and passed down; rules read their options
through it. Unknown rules and options are errors that name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Severity


class ConfigError(Exception):
    """Bad configuration; the message names the offending key or value."""


@dataclass
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    #: rule name -> option name -> parsed value
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    jobs: int | None = None

    def rule_option(self, rule_name: str, option: str) -> Any:
        values = self.rule_options.get(rule_name, {})
        if option in values:
            return values[option]
        from .rules import rule_by_name

        for opt in rule_by_name(rule_name).options:
            if opt.name == option:
                return opt.default
        raise KeyError(f"rule {rule_name} has no option {option!r}")

    def set_rule_option(self, assignment: str) -> None:
        """Parse ``RULE.OPTION=VALUE`` and store it, validated."""
        from .rules import rule_by_name

        target, sep, value = assignment.partition("=")
        rule_name, dot, option = target.strip().rpartition(".")
        if not sep or not dot:
            raise ConfigError(f"rule option {assignment!r} is not of the form RULE.OPTION=VALUE")
        try:
            rule = rule_by_name(rule_name)
        except KeyError:
            raise ConfigError(f"rule option {assignment!r}: unknown rule {rule_name!r}") from None
        spec = next((o for o in rule.options if o.name == option), None)
        if spec is None:
            known = ", ".join(o.name for o in rule.options) or "none"
            raise ConfigError(f"rule {rule_name} has no option {option!r} (options: {known})")
        try:
            parsed = spec.parse(value.strip())
        except ValueError as exc:
            raise ConfigError(f"{rule_name}.{option}: {exc}") from None
        self.rule_options.setdefault(rule_name, {})[option] = parsed

    def glossary_paths(self) -> list[str]:
        from .glossary import DEFAULT_GLOSSARY_DIR

        defaults = [str(DEFAULT_GLOSSARY_DIR)] if self.default_glossary else []
        return defaults + list(self.glossaries)
