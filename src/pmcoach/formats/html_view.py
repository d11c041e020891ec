"""What the HTML page shows, built from the JSON report (``pmcoach.report/1``) alone.

Working from ``report.to_json_dict()`` keeps the page tied to the documented contract (and
able to render a report saved by another version): every field is read with a default, so
a report without a ``portfolio`` (one file) or without ``changes`` renders too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .html_chart import Radar, radar
from .html_excerpts import Excerpt, FileLines

Json = dict[str, Any]
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class FindingView:
    severity: str
    criterion: str
    where: str  # "line 4", "lines 4–6" or "whole document"
    message: str
    suggestion: str
    quote: str | None
    excerpt: Excerpt | None
    general: bool  # about the document as a whole: no line to point at


@dataclass(frozen=True, slots=True)
class CriterionView:
    id: str
    verdict: str
    message: str
    suppressed: str | None  # the reason, when the criterion is switched off


@dataclass(frozen=True, slots=True)
class CriterionChangeView:
    criterion: str
    before: str | None  # None: the criterion is new (or gone, for ``after``)
    after: str | None
    change: str  # improved | regressed


@dataclass(frozen=True, slots=True)
class FileChangeView:
    path: str
    anchor: str | None
    status: str  # changed | same | new | removed
    score_before: int | None
    score_after: int | None
    kind_before: str | None
    kind_after: str | None
    criteria: tuple[CriterionChangeView, ...]


@dataclass(frozen=True, slots=True)
class FileView:
    anchor: str
    path: str
    kind: str | None
    score: int | None
    summary: str
    error: str | None
    notes: tuple[str, ...]
    criteria: tuple[CriterionView, ...]
    findings: tuple[FindingView, ...]
    counts: dict[str, int]
    change: FileChangeView | None


@dataclass(frozen=True, slots=True)
class SpanView:
    path: str
    anchor: str | None
    where: str
    quote: str
    excerpt: Excerpt | None


@dataclass(frozen=True, slots=True)
class CrossFindingView:
    id: str
    severity: str
    criterion: str
    project: str | None
    message: str
    suggestion: str
    source: str
    spans: tuple[SpanView, ...]


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    path: str
    anchor: str | None
    label: str  # the file name, short enough for a column header


@dataclass(frozen=True, slots=True)
class MatrixCell:
    verdict: str | None  # None: the criterion is turned off for that document
    #: Lowered by a cross-file finding: the document's own review says otherwise.
    across: bool = False


@dataclass(frozen=True, slots=True)
class MatrixView:
    kind: str
    columns: tuple[MatrixColumn, ...]
    rows: tuple[tuple[str, tuple[MatrixCell, ...]], ...]  # criterion, one cell per column


@dataclass(frozen=True, slots=True)
class EvidenceView:
    path: str
    anchor: str | None
    criterion: str
    verdict: str


@dataclass(frozen=True, slots=True)
class CompetencyView:
    name: str
    strength: str
    percent: int | None
    gap: str | None
    next: str | None
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True, slots=True)
class ChangesView:
    baseline: str
    score_before: int | None
    score_after: int | None
    improved: int
    regressed: int
    files: tuple[FileChangeView, ...]


@dataclass(frozen=True, slots=True)
class PortfolioView:
    score: int | None
    competencies: tuple[CompetencyView, ...]
    chart: Radar | None
    matrices: tuple[MatrixView, ...]
    findings: tuple[CrossFindingView, ...]
    changes: ChangesView | None


@dataclass(frozen=True, slots=True)
class SkippedView:
    path: str
    looks_like: str


@dataclass(slots=True)
class Page:
    version: str
    files: list[FileView]
    skipped: list[SkippedView]
    incomplete: bool
    portfolio: PortfolioView | None
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def score(self) -> int | None:
        """The headline score: the portfolio's, or the only file's."""
        if self.portfolio is not None:
            return self.portfolio.score
        reviewed = [f for f in self.files if f.error is None]
        return reviewed[0].score if len(reviewed) == 1 else None


def build(report: Json, files: FileLines | None = None) -> Page:
    """The page for a JSON report; ``files`` reads the documents for the excerpts."""
    files = files or FileLines()
    results = [r for r in report.get("results") or [] if isinstance(r, dict)]
    anchors = {str(r.get("path")): f"file-{i}" for i, r in enumerate(results, 1)}
    portfolio = report.get("portfolio")
    if not isinstance(portfolio, dict):
        portfolio = None  # one document: the page is its review alone
    changes = _changes(portfolio.get("changes"), anchors) if portfolio else None
    by_path = {c.path: c for c in changes.files} if changes else {}
    page = Page(
        version=str((report.get("tool") or {}).get("version") or ""),
        files=[_file(r, anchors, files, by_path.get(str(r.get("path")))) for r in results],
        skipped=[_skipped(s) for s in report.get("skipped") or []],
        incomplete=bool(report.get("incomplete")),
        portfolio=_portfolio(portfolio, anchors, files, changes) if portfolio else None)
    page.totals = _totals(page)
    return page


def _skipped(skipped: Json) -> SkippedView:
    detection = skipped.get("detection") or {}
    return SkippedView(str(skipped.get("path")),
                       str(detection.get("looks_like") or "none of the kinds"))


def _totals(page: Page) -> dict[str, int]:
    reviewed = [f for f in page.files if f.error is None]
    counts = {s: sum(f.counts.get(s, 0) for f in reviewed) for s in SEVERITIES}
    return {"reviewed": len(reviewed), "failed": len(page.files) - len(reviewed),
            "skipped": len(page.skipped), **counts}


def where(line: int | None, end_line: int | None) -> str:
    if not line:
        return "whole document"
    return f"line {line}" if not end_line or end_line == line else f"lines {line}–{end_line}"


def _file(result: Json, anchors: dict[str, str], files: FileLines,
          change: FileChangeView | None) -> FileView:
    path = str(result.get("path"))
    error = result.get("error")
    findings = tuple(_finding(path, f, files) for f in result.get("findings") or [])
    return FileView(
        anchor=anchors[path], path=path, kind=result.get("kind"), score=result.get("score"),
        summary=str(result.get("summary") or ""),
        error=str(error.get("message") or error.get("type")) if isinstance(error, dict)
        else None,
        notes=_notes(result),
        criteria=tuple(_criterion(c) for c in result.get("criteria") or []),
        findings=findings,
        counts={s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES},
        change=change)


def _notes(result: Json) -> tuple[str, ...]:
    """What the reader should know before the verdicts: a guessed kind, a failed model."""
    notes = []
    detection = result.get("detection") or {}
    if detection.get("uncertain"):
        others = ", ".join(f"{k.get('kind')} ({k.get('confidence', 0):.0%})"
                           for k in detection.get("runners_up") or [])
        could = f"; it could also be {others}" if others else ""
        settle = detection.get("settle")
        hint = f" Add “{settle}” to the front matter to settle it." if settle else ""
        notes.append(f"The kind is a best guess ({detection.get('confidence', 0):.0%}"
                     f"{could}).{hint}")
    engine_error = result.get("engine_error")
    if isinstance(engine_error, dict):
        notes.append(f"The model gave no answer ({engine_error.get('message')}); "
                     "this is the offline review.")
    return tuple(notes)


def _criterion(criterion: Json) -> CriterionView:
    suppressed = criterion.get("suppressed")
    return CriterionView(
        id=str(criterion.get("id")), verdict=str(criterion.get("verdict")),
        message=str(criterion.get("message") or ""),
        suppressed=str(suppressed.get("reason") or "suppressed")
        if isinstance(suppressed, dict) else None)


def _finding(path: str, finding: Json, files: FileLines) -> FindingView:
    line, end_line, quote = finding.get("line"), finding.get("end_line"), finding.get("quote")
    return FindingView(
        severity=str(finding.get("severity") or "info"),
        criterion=str(finding.get("criterion") or ""), where=where(line, end_line),
        message=str(finding.get("message") or ""),
        suggestion=str(finding.get("suggestion") or ""), quote=quote,
        excerpt=files.excerpt(path, line, end_line, quote), general=not line)


def _portfolio(portfolio: Json, anchors: dict[str, str], files: FileLines,
               changes: ChangesView | None) -> PortfolioView:
    competencies = [c for c in portfolio.get("competencies") or [] if isinstance(c, dict)]
    own = {str(f.get("path")): f.get("verdicts") or {} for f in portfolio.get("files") or []}
    return PortfolioView(
        score=portfolio.get("score"),
        competencies=tuple(_competency(c, anchors) for c in competencies),
        chart=radar(competencies),
        matrices=tuple(_matrix(kind, m, anchors, own)
                       for kind, m in (portfolio.get("criteria") or {}).items()),
        findings=tuple(_cross(f, anchors, files) for f in portfolio.get("findings") or []),
        changes=changes)


def _competency(competency: Json, anchors: dict[str, str]) -> CompetencyView:
    score = competency.get("score")
    return CompetencyView(
        name=str(competency.get("name") or competency.get("id")),
        strength=str(competency.get("strength") or "none"),
        percent=round(score * 100) if isinstance(score, int | float) else None,
        gap=competency.get("gap"), next=competency.get("next"),
        evidence=tuple(EvidenceView(str(e.get("path")), anchors.get(str(e.get("path"))),
                                    str(e.get("criterion")), str(e.get("verdict")))
                       for e in competency.get("evidence") or []))


def _matrix(kind: str, matrix: Json, anchors: dict[str, str], own: Json) -> MatrixView:
    """``own``: each file's verdicts from its own review, to tell which cells a cross-file
    finding lowered."""
    verdicts: Json = matrix.get("files") or {}
    columns = tuple(MatrixColumn(path, anchors.get(path), path.rsplit("/", 1)[-1])
                    for path in verdicts)

    def cell(path: str, criterion: str) -> MatrixCell:
        verdict = verdicts[path].get(criterion)
        alone = own.get(path, {}).get(criterion)
        return MatrixCell(verdict, verdict is not None and alone not in (None, verdict))

    rows = tuple((str(criterion), tuple(cell(c.path, criterion) for c in columns))
                 for criterion in matrix.get("criteria") or [])
    return MatrixView(kind, columns, rows)


def _cross(finding: Json, anchors: dict[str, str], files: FileLines) -> CrossFindingView:
    spans = tuple(
        SpanView(path=str(s.get("path")), anchor=anchors.get(str(s.get("path"))),
                 where=where(s.get("line"), s.get("end_line")), quote=str(s.get("quote") or ""),
                 excerpt=files.excerpt(str(s.get("path")), s.get("line"), s.get("end_line"),
                                       s.get("quote")))
        for s in finding.get("spans") or [])
    return CrossFindingView(
        id=str(finding.get("id") or ""), severity=str(finding.get("severity") or "error"),
        criterion=str(finding.get("criterion") or ""), project=finding.get("project"),
        message=str(finding.get("message") or ""),
        suggestion=str(finding.get("suggestion") or ""),
        source=str(finding.get("source") or "offline"), spans=spans)


def _changes(changes: object, anchors: dict[str, str]) -> ChangesView | None:
    if not isinstance(changes, dict):
        return None
    score = changes.get("score") or {}
    return ChangesView(
        baseline=str(changes.get("baseline") or ""), score_before=score.get("before"),
        score_after=score.get("after"), improved=int(changes.get("improved") or 0),
        regressed=int(changes.get("regressed") or 0),
        files=tuple(_file_change(f, anchors) for f in changes.get("files") or []))


def _file_change(change: Json, anchors: dict[str, str]) -> FileChangeView:
    path = str(change.get("path"))
    score = change.get("score") or {}
    kind = change.get("kind") or {}
    return FileChangeView(
        path=path, anchor=anchors.get(path), status=str(change.get("status") or "same"),
        score_before=score.get("before"), score_after=score.get("after"),
        kind_before=kind.get("before"), kind_after=kind.get("after"),
        criteria=tuple(CriterionChangeView(str(c.get("criterion")), c.get("before"),
                                           c.get("after"), str(c.get("change")))
                       for c in change.get("criteria") or []))
