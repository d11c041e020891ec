"""What changed since a baseline: per file and criterion, what improved and what regressed.

One job: the baseline's reviews and this run's reviews in, a :class:`Changes` out. Where
the baseline's reviews come from (a git ref, a saved report) is
:mod:`pmcoach.pipeline.baseline_reviews`'s business.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .files import mean_score, reviewed
from .model import BeforeAfter, Change, Changes, CriterionChange, FileChange, FileStatus

if TYPE_CHECKING:
    from ..review import CriterionResult, Review

#: Verdicts from worst to best: a move up is an improvement, a move down a regression.
RANK = {"missing": 0, "partial": 1, "met": 2}


def compare(baseline: str, before: Sequence[Review], after: Sequence[Review]) -> Changes:
    """Every file of ``after`` (new when the baseline has no review of it), then the
    baseline's files this run did not review (removed). Reviews with an error, and files
    skipped as not PM documents, have nothing to compare and count as absent."""
    old = {_key(r.path): r for r in reviewed(before)}
    current = reviewed(after)
    files = [_file_change(old.get(_key(r.path)), r) for r in current]
    seen = {_key(r.path) for r in current}
    files += [_removed(r) for key, r in old.items() if key not in seen]
    changed = [c.change for f in files for c in f.criteria]
    return Changes(baseline=baseline,
                   score=BeforeAfter(mean_score(old.values()), mean_score(current)),
                   improved=changed.count("improved"), regressed=changed.count("regressed"),
                   files=files)


def regressed(changes: Changes | None) -> bool:
    """Any criterion whose verdict got worse (what ``--fail-on-regression`` fails on)."""
    return changes is not None and changes.regressed > 0


def _key(path: str) -> str:
    """``./a.md`` and ``a.md`` are one file."""
    return os.path.normpath(path)


def _file_change(before: Review | None, after: Review) -> FileChange:
    if before is None:
        return FileChange(path=after.path, status="new", score=BeforeAfter(None, after.score))
    score = BeforeAfter(before.score, after.score)
    if before.kind != after.kind:
        # Another rubric: its criteria are not the old ones, so none is compared.
        return FileChange(path=after.path, status="changed", score=score,
                          kind=BeforeAfter(before.kind, after.kind))
    criteria = criterion_changes(before, after)
    status: FileStatus = "changed" if criteria or before.score != after.score else "same"
    return FileChange(path=after.path, status=status, score=score, criteria=criteria)


def _removed(before: Review) -> FileChange:
    return FileChange(path=before.path, status="removed", score=BeforeAfter(before.score, None))


def criterion_changes(before: Review, after: Review) -> list[CriterionChange]:
    """The criteria whose verdict moved, in ``after``'s rubric order. A criterion turned
    off (suppressed) on either side, or in only one side's rubric, is not compared."""
    old = _active(before.criteria)
    changes = []
    for criterion, verdict in _active(after.criteria).items():
        was = old.get(criterion)
        if was is None or was == verdict:
            continue
        change: Change = "improved" if RANK[verdict] > RANK[was] else "regressed"
        changes.append(CriterionChange(criterion=criterion, before=was, after=verdict,
                                       change=change))
    return changes


def _active(criteria: Iterable[CriterionResult]) -> dict[str, str]:
    return {c.id: c.verdict.value for c in criteria if not c.suppressed}
