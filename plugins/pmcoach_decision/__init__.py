"""pmcoach's built-in critic for "it depends" decision write-ups.

Written exactly like a team's plugin: the kind is data (``kind.yaml``: rubric, detection
signature, rules and verdicts), registered through the ``register_critics`` hook; what the
rules cannot say with phrases (telling a condition mapped to an option from an ordinary
"if", relating a claim to the evidence around it) is a few named functions in
``functions.py``, registered through ``register_rule_functions``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pmcoach import Critic, hookimpl
from pmcoach.rules import load_kind

from .functions import FUNCTIONS, KIND_FILE

__all__ = ["KIND_FILE", "register_critics", "register_rule_functions"]


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the decision critic."""
    register(load_kind(KIND_FILE))


@hookimpl
def register_rule_functions(register: Callable[[str, Any], None]) -> None:
    """Register the decision kind's escape-hatch functions."""
    for name, function in FUNCTIONS.items():
        register(name, function)
