"""pmcoach's built-in critic for career plans: a career as a portfolio of "spikes".

Written exactly like a team's plugin: the kind is data (``kind.yaml``: rubric, detection
signature, rules and verdicts), registered through the ``register_critics`` hook; what data
cannot say (roles, stays in months) is a few named rule functions (``functions.py``),
registered through ``register_rule_functions``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmcoach import Critic, hookimpl
from pmcoach.rules import DataCritic, load_kind

from .functions import FUNCTIONS

__all__ = ["FUNCTIONS", "KIND_FILE", "critic", "register_critics", "register_rule_functions"]

KIND_FILE = Path(__file__).with_name("kind.yaml")


def critic() -> DataCritic:
    """The career-plan critic with its rule functions bound (as ``pmcoach.plugins.load``
    does it), for code that uses it without loading every plugin."""
    loaded = load_kind(KIND_FILE)
    loaded.bind(FUNCTIONS)
    return loaded


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the career-plan critic."""
    register(load_kind(KIND_FILE))


@hookimpl
def register_rule_functions(register: Callable[[str, Any], None]) -> None:
    """Register the escape hatches the kind file calls."""
    for name, function in FUNCTIONS.items():
        register(name, function)
