"""The ``portfolio`` object of the JSON report (``pmcoach.report/1``; docs/report.md).

Plain dataclasses: building them costs nothing at start-up, and ``to_json_dict`` gives the
contract's field names. Verdicts are the strings ``met``, ``partial``, ``missing``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Strength = Literal["strong", "some", "none"]
Change = Literal["improved", "regressed"]
FileStatus = Literal["changed", "same", "new", "removed"]


@dataclass(frozen=True, slots=True)
class Span:
    """One place a cross-file finding points at: 1-based inclusive lines and real text."""

    path: str
    line: int
    end_line: int
    quote: str


@dataclass(slots=True)
class PortfolioFinding:
    """Documents that disagree (or a gap only visible across files), with every place involved."""

    id: str  # the fact compared, e.g. ``team-size``, ``launch-date``
    message: str
    suggestion: str
    spans: list[Span]
    criterion: str = "narrative-consistency"
    severity: Literal["error", "warning", "info"] = "error"
    project: str | None = None
    source: Literal["offline", "model"] = "offline"


@dataclass(slots=True)
class PortfolioFile:
    path: str
    kind: str
    score: int | None
    verdicts: dict[str, str]


@dataclass(slots=True)
class KindMatrix:
    """One kind's criterion-by-file matrix: rubric order, then each file's verdicts."""

    criteria: list[str]
    files: dict[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class CompetencyEvidence:
    path: str
    kind: str
    criterion: str
    verdict: str


@dataclass(slots=True)
class Competency:
    id: str
    name: str
    strength: Strength
    score: float | None  # 0..1, None when no document evidences it
    evidence: list[CompetencyEvidence] = field(default_factory=list)
    gap: str | None = None
    next: str | None = None


@dataclass(slots=True)
class BeforeAfter:
    before: int | str | None
    after: int | str | None


@dataclass(slots=True)
class CriterionChange:
    criterion: str
    before: str | None
    after: str | None
    change: Change


@dataclass(slots=True)
class FileChange:
    path: str
    status: FileStatus
    score: BeforeAfter
    criteria: list[CriterionChange] = field(default_factory=list)
    kind: BeforeAfter | None = None  # set only when the kind itself changed


@dataclass(slots=True)
class Changes:
    baseline: str  # the git ref or the saved report's path
    score: BeforeAfter
    improved: int
    regressed: int
    files: list[FileChange]


@dataclass(slots=True)
class Portfolio:
    files: list[PortfolioFile]
    score: int | None
    criteria: dict[str, KindMatrix]
    competencies: list[Competency]
    findings: list[PortfolioFinding] = field(default_factory=list)
    changes: Changes | None = None

    def to_json_dict(self) -> dict[str, object]:
        return asdict(self)
