"""pmcoach's built-in critic for "it depends" decision write-ups.

Written exactly like a team's external plugin: one ``register_critics`` hook that hands
pmcoach a :class:`~pmcoach.Critic`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import CriterionResult, Critic, Document, hookimpl

from . import checks
from .rubric import RUBRIC

__all__ = ["DecisionCritic", "register_critics"]


class DecisionCritic(Critic):
    """Judges a decision write-up: conditions, assessment, recommendation, revisit."""

    kind = "decision"
    title = "\"It depends\" decision write-up"
    rubric = RUBRIC
    prompt_version = 1
    #: Detection evidence, as data (see docs/detection.md).
    signature = Path(__file__).with_name("signature.yaml")


    def check(self, doc: Document) -> list[CriterionResult]:
        return checks.check(doc)


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the decision critic."""
    register(DecisionCritic())
