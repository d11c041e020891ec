"""pmcoach's built-in case-study critic, written exactly like a team's external plugin.

A portfolio case study is credible when it shows the work in context: the setting, how
the problem was found, how the solution was chosen, what the author did personally, how
they led people, what changed (in numbers), that the facts agree, and what they learned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmcoach import CriterionResult, Critic, Document, hookimpl

from .checks import run_all
from .rubric import RUBRIC

__all__ = ["CaseStudyCritic", "register_critics"]


class CaseStudyCritic(Critic):
    """Reviews portfolio case studies (rubric: ``pmcoach rubric case-study``)."""

    kind = "case-study"
    title = "Portfolio case study"
    rubric = RUBRIC
    prompt_version = 1
    #: Detection evidence, as data (see docs/detection.md).
    signature = Path(__file__).with_name("signature.yaml")


    def check(self, doc: Document) -> list[CriterionResult]:
        return run_all(doc)


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the case-study critic."""
    register(CaseStudyCritic())
