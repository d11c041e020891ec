"""pmcoach's built-in critic for product strategy docs.

Written exactly like a team's external plugin: one ``register_critics`` hook that hands
pmcoach a :class:`~pmcoach.Critic`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import CriterionResult, Critic, Document, hookimpl

from . import checks
from .rubric import RUBRIC

__all__ = ["StrategyCritic", "register_critics"]


class StrategyCritic(Critic):
    """Judges a strategy doc: vision, framework (market, pains, bets, alternatives), roadmap."""

    kind = "strategy"
    title = "Product strategy"
    rubric = RUBRIC
    prompt_version = 1
    #: Detection evidence, as data (see docs/detection.md).
    signature = Path(__file__).with_name("signature.yaml")


    def check(self, doc: Document) -> list[CriterionResult]:
        return checks.check(doc)


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the strategy critic."""
    register(StrategyCritic())
