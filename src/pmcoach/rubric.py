"""Rubrics: the criteria a critic judges a kind of document against."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

CRITERION_ID = r"^[a-z][a-z0-9-]*$"
KIND_ID = r"^[a-z][a-z0-9-]*$"

#: The senior-PM competencies a portfolio is read for (docs/portfolio.md), in report order.
#: A criterion names the ones it evidences; the portfolio view maps them.
CompetencyId = Literal["strategy", "autonomy", "nuance", "market-awareness",
                       "business-acumen", "analytical-expertise", "communication"]
COMPETENCY_IDS: tuple[str, ...] = get_args(CompetencyId)


class Criterion(BaseModel):
    """One thing a good document does; ``id`` is stable and part of the public interface."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=CRITERION_ID)
    title: str
    description: str = Field(description="What a document does when this criterion is met.")
    competencies: tuple[CompetencyId, ...] = Field(
        default=(), description="The senior-PM competencies a met verdict is evidence of.")


class Rubric(BaseModel):
    """The ordered criteria for one kind of artifact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(pattern=KIND_ID)
    title: str
    criteria: tuple[Criterion, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> Rubric:
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError(f"rubric {self.kind!r} repeats a criterion id")
        if not ids:
            raise ValueError(f"rubric {self.kind!r} has no criteria")
        return self

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def get(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)
