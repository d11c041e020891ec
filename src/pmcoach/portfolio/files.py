"""The portfolio's per-file part: each reviewed file's kind, score and verdicts, their mean
score, and the criterion-by-file matrix of each kind (the competency map is built
elsewhere; this part needs nothing but the reviews)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .model import KindMatrix, Portfolio, PortfolioFile

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


def verdicts(review: Review) -> dict[str, str]:
    """Criterion id -> verdict, in rubric order."""
    return {c.id: c.verdict.value for c in review.criteria}


def portfolio_files(reviews: Iterable[Review]) -> list[PortfolioFile]:
    return [PortfolioFile(path=r.path, kind=r.kind or "", score=r.score, verdicts=verdicts(r))
            for r in reviewed(reviews)]


def kind_matrices(reviews: Iterable[Review]) -> dict[str, KindMatrix]:
    """Per kind: its criteria (the first file's rubric order) and each file's verdicts."""
    matrices: dict[str, KindMatrix] = {}
    for review in reviewed(reviews):
        kind = review.kind or ""
        matrix = matrices.setdefault(kind, KindMatrix(criteria=[c.id for c in review.criteria],
                                                      files={}))
        matrix.files[review.path] = verdicts(review)
    return matrices


def basic_portfolio(reviews: Iterable[Review]) -> Portfolio:
    """Files, score and matrix from the reviews alone; no competencies, no cross-file
    findings (those come from their own steps when they run)."""
    done = reviewed(reviews)
    return Portfolio(files=portfolio_files(done), score=mean_score(done),
                     criteria=kind_matrices(done), competencies=[])
