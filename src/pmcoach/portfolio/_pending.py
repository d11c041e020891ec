"""STAND-INS UNTIL MERGE: the cross-file consistency stage is written on another branch.

``pmcoach.portfolio.facts.extract_facts`` and ``pmcoach.portfolio.consistency.
cross_file_findings`` land there. At merge, the lead points the two imports in
``pipeline/run.py`` at those modules and deletes this file; until then a run gathers no
facts and finds no cross-file problems (the rest of the portfolio view is real).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Document
from .model import PortfolioFinding


def extract_facts(path: str, document: Document, kind: str) -> object | None:
    """Replaced at merge by ``facts.extract_facts`` (returns ``DocumentFacts``)."""
    return None


def cross_file_findings(facts: Sequence[object]) -> list[PortfolioFinding]:
    """Replaced at merge by ``consistency.cross_file_findings``."""
    return []
