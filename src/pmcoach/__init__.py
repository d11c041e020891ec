"""pmcoach: coaching feedback on product managers' writing.

The public API for plugin authors and callers; see docs/plugins.md.
"""

from __future__ import annotations

from .__about__ import __version__
from .critic import Critic
from .document import Block, Document, Section, Sentence, Span
from .hookspecs import hookimpl
from .review import (
    CriterionResult,
    Evidence,
    Finding,
    Report,
    Review,
    Severity,
    Verdict,
)
from .rubric import Criterion, Rubric

__all__ = [
    "Block",
    "Criterion",
    "CriterionResult",
    "Critic",
    "Document",
    "Evidence",
    "Finding",
    "Report",
    "Review",
    "Rubric",
    "Section",
    "Sentence",
    "Severity",
    "Span",
    "Verdict",
    "__version__",
    "hookimpl",
]
