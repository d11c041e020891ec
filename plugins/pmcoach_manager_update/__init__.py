"""pmcoach's built-in critic for manager updates ("here's a challenge, here's my plan, thoughts?").

Written exactly like a team's external plugin: one ``register_critics`` hook that hands
pmcoach a :class:`~pmcoach.Critic`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import CriterionResult, Critic, Document, hookimpl

from . import checks
from .rubric import RUBRIC

__all__ = ["ManagerUpdateCritic", "register_critics"]


class ManagerUpdateCritic(Critic):
    """Judges a short update to one's manager: challenge, approach, ask, context, length."""

    kind = "manager-update"
    title = "Manager update"
    rubric = RUBRIC
    prompt_version = 1
    #: Detection evidence, as data (see docs/detection.md).
    signature = Path(__file__).with_name("signature.yaml")


    def check(self, doc: Document) -> list[CriterionResult]:
        return checks.check(doc)


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the manager-update critic."""
    register(ManagerUpdateCritic())
