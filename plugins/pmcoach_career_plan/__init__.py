"""The career-plan critic: a career as a portfolio of "spikes" (built-in plugin).

Written like any external plugin: it registers one :class:`pmcoach.Critic` through the
``register_critics`` hook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pmcoach import CriterionResult, Critic, Document, hookimpl

from . import checks
from .rubric import RUBRIC

__all__ = ["CareerPlanCritic", "register_critics"]


class CareerPlanCritic(Critic):
    """Judges a career plan: needs per role, stays, goals, life phase, next move."""

    kind = "career-plan"
    title = "Career plan (portfolio of spikes)"
    rubric = RUBRIC
    prompt_version = 1
    #: Detection evidence, as data (see docs/detection.md).
    signature = Path(__file__).with_name("signature.yaml")

    def __init__(self, today: Callable[[], dt.date] = dt.date.today) -> None:
        # Injected so "present" in a date range is testable.
        self._today = today


    def check(self, doc: Document) -> list[CriterionResult]:
        return checks.run(doc, self.today_for(doc))

    def today_for(self, doc: Document) -> dt.date:
        """'Now' for this plan: its front-matter date when it has one (a plan dated 2024 that
        says "2022 to now" means 2024), else today."""
        for key in ("date", "updated", "last_updated", "written", "reviewed"):
            value = doc.front_matter.get(key)
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, dt.date) and value <= self._today():
                return value
            if isinstance(value, str):
                try:
                    parsed = dt.date.fromisoformat(value.strip()[:10])
                except ValueError:
                    continue
                if parsed <= self._today():
                    return parsed
        return self._today()


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register this kind's critic."""
    register(CareerPlanCritic())
