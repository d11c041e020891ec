"""The portfolio summary: [Review] + cross-file findings -> Portfolio (docs/portfolio.md).

Built at the end of a run that reviewed two or more documents. It reads the finished
reviews and never changes them: a criterion a cross-file finding contradicts is capped in
the portfolio's matrix only, while the file's own result stays what its review said.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..review import Review, Severity
from ..rubric import Rubric
from .competencies import competency_map
from .files import mean_score, reviewed
from .model import KindMatrix, Portfolio, PortfolioFile, PortfolioFinding

_ORDER = ("missing", "partial", "met")
#: What a cross-file finding of each severity caps its criterion at, in the files it names
#: (the verdict a finding of that severity comes from; an info note caps nothing).
_CAP = {Severity.ERROR: "missing", Severity.WARNING: "partial"}


def build_portfolio(results: Sequence[Review], rubrics: Mapping[str, Rubric],
                    findings: Sequence[PortfolioFinding] = (), minimum: int = 2
                    ) -> Portfolio | None:
    """The portfolio of the reviewed documents; None when fewer than ``minimum`` were
    reviewed (files that failed or were skipped do not count)."""
    done = reviewed(results)
    if len(done) < minimum:
        return None
    files = [PortfolioFile(path=r.path, kind=str(r.kind), score=r.score, verdicts=_verdicts(r))
             for r in done]
    matrix = _matrix(done, findings)
    return Portfolio(files=files, score=mean_score(done), criteria=matrix,
                     competencies=competency_map(matrix, rubrics), findings=list(findings))


def _verdicts(review: Review) -> dict[str, str]:
    """A file's verdicts in rubric order; a criterion turned off for it is left out."""
    return {c.id: c.verdict.value for c in review.criteria if c.suppressed is None}


def _matrix(reviewed: Sequence[Review], findings: Sequence[PortfolioFinding]
            ) -> dict[str, KindMatrix]:
    """Per kind (in order of first appearance): the rubric's criteria and each file's row."""
    matrix: dict[str, KindMatrix] = {}
    for review in reviewed:
        kind = str(review.kind)
        row = matrix.setdefault(kind, KindMatrix(criteria=[c.id for c in review.criteria],
                                                 files={}))
        row.files[review.path] = _capped(review.path, _verdicts(review), findings)
    return matrix


def _capped(path: str, verdicts: dict[str, str], findings: Sequence[PortfolioFinding]
            ) -> dict[str, str]:
    """``verdicts`` with every criterion a cross-file finding about ``path`` contradicts
    lowered to what the finding's severity means (never raised)."""
    capped = dict(verdicts)
    for finding in findings:
        cap = _CAP.get(Severity(finding.severity))
        if cap is None or finding.criterion not in capped:
            continue
        if any(span.path == path for span in finding.spans):
            current = capped[finding.criterion]
            capped[finding.criterion] = min(current, cap, key=_ORDER.index)
    return capped
