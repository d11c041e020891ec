"""pmcoach's built-in case-study critic, written exactly like a team's external plugin.

A portfolio case study is credible when it shows the work in context: the setting, how
the problem was found, how the solution was chosen, what the author did personally, how
they led people, what changed (in numbers), that the facts agree, and what they learned.
The kind is data (``kind.yaml``); what data cannot say (where the story opens, which
numbers are outcomes, facts that contradict each other) is a few named functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import Critic, hookimpl
from pmcoach.rules import load_kind
from pmcoach.rules.engine import RuleFunction

from . import consistency, functions

__all__ = ["FUNCTIONS", "KIND_FILE", "register_critics", "register_rule_functions"]

KIND_FILE = Path(__file__).with_name("kind.yaml")

#: The escape hatches the kind file calls, by name.
FUNCTIONS: dict[str, RuleFunction] = {
    "case-study.opening": functions.opening,
    "case-study.outside-sections": functions.outside_sections,
    "case-study.in-sections": functions.in_sections,
    "case-study.heading-fragments": functions.heading_fragments,
    "case-study.front-matter": functions.front_matter,
    "case-study.outcomes": functions.outcomes,
    "case-study.facts": consistency.facts,
    "case-study.contradictions": consistency.contradictions,
}


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the case-study critic."""
    register(load_kind(KIND_FILE))


@hookimpl
def register_rule_functions(register: Callable[[str, RuleFunction], None]) -> None:
    """Register the functions the case-study kind file calls."""
    for name, function in FUNCTIONS.items():
        register(name, function)
