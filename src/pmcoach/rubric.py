"""Rubrics: the criteria a critic judges a kind of document against.

Plain frozen dataclasses (cheap to import and build at start-up); they check their ids
when built, as the pydantic models they replace did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

CRITERION_ID = r"^[a-z][a-z0-9-]*$"
KIND_ID = r"^[a-z][a-z0-9-]*$"

#: The senior-PM competencies a portfolio is read for (docs/portfolio.md), in report order.
#: A criterion names the ones it evidences; the portfolio view maps them.
CompetencyId = Literal["strategy", "autonomy", "nuance", "market-awareness",
                       "business-acumen", "analytical-expertise", "communication"]
COMPETENCY_IDS: tuple[str, ...] = get_args(CompetencyId)


def _check_id(what: str, value: object, pattern: str) -> None:
    if not isinstance(value, str) or not re.match(pattern, value):
        raise ValueError(f"{what} {value!r} is not an id (lowercase letters, digits and '-', "
                         "starting with a letter)")


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """One thing a good document does; ``id`` is stable and part of the public interface."""

    id: str
    title: str
    #: What a document does when this criterion is met.
    description: str
    #: The senior-PM competencies a met verdict is evidence of.
    competencies: tuple[CompetencyId, ...] = ()

    def __post_init__(self) -> None:
        _check_id("criterion id", self.id, CRITERION_ID)
        object.__setattr__(self, "competencies", tuple(self.competencies))
        unknown = [c for c in self.competencies if c not in COMPETENCY_IDS]
        if unknown:
            raise ValueError(f"criterion {self.id!r}: unknown competency {unknown[0]!r} "
                             f"(one of {', '.join(COMPETENCY_IDS)})")


@dataclass(frozen=True, kw_only=True)
class Rubric:
    """The ordered criteria for one kind of artifact."""

    kind: str
    title: str
    criteria: tuple[Criterion, ...]

    def __post_init__(self) -> None:
        _check_id("kind", self.kind, KIND_ID)
        object.__setattr__(self, "criteria", tuple(self.criteria))  # a list is fine too
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError(f"rubric {self.kind!r} repeats a criterion id")
        if not ids:
            raise ValueError(f"rubric {self.kind!r} has no criteria")

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def get(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def model_copy(self, update: dict[str, Any] | None = None) -> Rubric:
        """A copy with ``update``'s fields replaced (as the pydantic model allowed)."""
        return replace(self, **(update or {}))
