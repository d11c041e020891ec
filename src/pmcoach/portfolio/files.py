"""Which reviews a portfolio is made of, and their mean score."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..review import Review


def reviewed(reviews: Iterable[Review]) -> list[Review]:
    """The reviews that judged a document: no error, and a kind (not skipped)."""
    return [r for r in reviews if r.error is None and r.kind is not None]


def mean_score(reviews: Iterable[Review]) -> int | None:
    """The mean of the reviewed files' scores, 0-100 (None when no file has a score);
    rounded like a file's own score."""
    scores = [r.score for r in reviewed(reviews) if r.score is not None]
    return round(sum(scores) / len(scores)) if scores else None
