"""The portfolio-strategy critic: steering several products toward one business (built-in plugin).

Written like any external plugin: it registers one :class:`pmcoach.Critic` through the
``register_critics`` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import CriterionResult, Critic, Document, hookimpl

from . import checks
from .rubric import RUBRIC

__all__ = ["PortfolioStrategyCritic", "register_critics"]


class PortfolioStrategyCritic(Critic):
    """Judges a product portfolio strategy: vision, objectives, markets, money, KPIs, audiences."""

    kind = "portfolio-strategy"
    title = "Product portfolio strategy"
    rubric = RUBRIC
    prompt_version = 1
    #: Detection evidence, as data (see docs/detection.md).
    signature = Path(__file__).with_name("signature.yaml")


    def check(self, doc: Document) -> list[CriterionResult]:
        return checks.run(doc)


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register this kind's critic."""
    register(PortfolioStrategyCritic())
