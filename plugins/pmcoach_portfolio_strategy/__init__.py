"""pmcoach's built-in critic for product portfolio strategies: steering several products
toward one business.

Written exactly like a team's plugin: the kind is data (``kind.yaml``: rubric, detection
signature, rules and verdicts), registered through the ``register_critics`` hook. What the
rules cannot say as phrases (which products the document names, where sentences sit,
how tables are laid out) are the named functions of :mod:`.functions`, registered through
``register_rule_functions``.
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
    """Register the portfolio-strategy critic."""
    register(load_kind(KIND_FILE))


@hookimpl
def register_rule_functions(register: Callable[[str, Any], None]) -> None:
    """Register the portfolio-strategy escape hatches (see :mod:`.functions`)."""
    for name, function in FUNCTIONS.items():
        register(name, function)
