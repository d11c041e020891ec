"""pmcoach's built-in critic for product strategy docs.

Written exactly like a team's plugin: the kind is data (``kind.yaml``: rubric, detection
signature, rules and verdicts), registered through the ``register_critics`` hook; what
data cannot say (stand-in headings, the roadmap's themes) is a few named functions,
registered through ``register_rule_functions``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmcoach import Critic, hookimpl
from pmcoach.rules import load_kind

from .functions import FUNCTIONS

__all__ = ["FUNCTIONS", "KIND_FILE", "register_critics", "register_rule_functions"]

KIND_FILE = Path(__file__).with_name("kind.yaml")


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the strategy critic."""
    register(load_kind(KIND_FILE))


@hookimpl
def register_rule_functions(register: Callable[[str, Any], None]) -> None:
    """Register the strategy kind's escape-hatch functions."""
    for name, function in FUNCTIONS.items():
        register(name, function)
