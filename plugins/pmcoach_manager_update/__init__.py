"""pmcoach's built-in critic for manager updates ("here's a challenge, here's my plan, thoughts?").

Written exactly like a team's plugin: the kind is data (``kind.yaml``: rubric, detection
signature, rules and verdicts), registered through the ``register_critics`` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import Critic, hookimpl
from pmcoach.rules import load_kind

__all__ = ["KIND_FILE", "register_critics"]

KIND_FILE = Path(__file__).with_name("kind.yaml")


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the manager-update critic."""
    register(load_kind(KIND_FILE))
