"""Cross-file consistency: where documents about the same project disagree.

:func:`cross_file_findings` takes the :class:`~pmcoach.portfolio.facts.DocumentFacts` of
every reviewed document and returns one :class:`~pmcoach.portfolio.model.PortfolioFinding`
per pair of documents that disagree on a fact, each with the place in both files. The
finding's ``id`` is the fact: ``team-size``, ``dates``, ``launch-date``,
``update-vs-case-study``, ``metric``, ``role``, ``title``.

Precision comes first: a fact is compared only when both documents are surely about the
same project (see :mod:`pmcoach.portfolio.compare.projects`) and the statements are of the
same thing (the same metric and segment, the same stage, the same role), and a statement
agrees when it matches *any* statement of the other document (a team that grew, a launch
in steps, a rounded figure).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .compare import dates, launch, metrics, roles, team, titles, updates
from .compare.projects import Catalog
from .facts import DocumentFacts
from .model import PortfolioFinding

#: Comparers in the order their findings are reported.
COMPARERS: tuple[Callable[[Sequence[DocumentFacts], Catalog], list[PortfolioFinding]], ...] = (
    team.findings, dates.findings, launch.findings, updates.findings, metrics.findings,
    roles.findings, titles.findings,
)

#: Which documents a finding marks as not meeting ``narrative-consistency``.
CRITERION = "narrative-consistency"


def cross_file_findings(facts: Sequence[DocumentFacts]) -> list[PortfolioFinding]:
    """Every disagreement between two of the documents about one project."""
    docs = list(facts)
    if len(docs) < 2:
        return []
    catalog = Catalog(docs)
    found: list[PortfolioFinding] = []
    for compare in COMPARERS:
        found.extend(compare(docs, catalog))
    return _odd_one_out(_unique(found), docs, catalog)


def _rank(doc: DocumentFacts, project: str | None, catalog: Catalog, order: int
          ) -> tuple[int, int]:
    """Which document best stands for what the portfolio says: the project's own case
    study, then any case study, update, decision, then the rest."""
    main = catalog.main(doc)
    if doc.kind == "case-study" and main is not None and main.name == project:
        return 0, order
    return {"case-study": 1, "manager-update": 2, "decision": 3}.get(doc.kind or "", 4), order


def _odd_one_out(found: list[PortfolioFinding], docs: list[DocumentFacts], catalog: Catalog
                 ) -> list[PortfolioFinding]:
    """When one document disagrees with several others on a fact, one finding: that
    document against the one that best stands for the rest (the others are named)."""
    groups: dict[tuple[str, str | None], list[PortfolioFinding]] = {}
    for f in found:
        groups.setdefault((f.id, f.project), []).append(f)
    by_path = {d.path: (i, d) for i, d in enumerate(docs)}
    dropped: set[int] = set()
    for items in groups.values():
        paths = [{s.path for s in f.spans} for f in items]
        common = set.intersection(*paths) if len(items) > 1 else set()
        if len(common) != 1 or any(len(p) != 2 for p in paths):
            continue
        odd = next(iter(common))

        def rank(f: PortfolioFinding, odd: str = odd) -> tuple[int, int]:
            other = next(s.path for s in f.spans if s.path != odd)
            order, doc = by_path[other]
            return _rank(doc, f.project, catalog, order)

        keep = min(items, key=rank)
        others = sorted({s.path for f in items if f is not keep for s in f.spans} - {odd})
        keep.message += f" ({', '.join(others)} also differs from {odd})" if len(
            others) == 1 else f" ({', '.join(others)} also differ from {odd})"
        dropped.update(id(f) for f in items if f is not keep)
    return [f for f in found if id(f) not in dropped]


def _unique(found: list[PortfolioFinding]) -> list[PortfolioFinding]:
    """One finding per fact and set of places (two comparers may see one disagreement)."""
    seen: set[tuple[str, tuple[tuple[str, int], ...]]] = set()
    out = []
    for f in found:
        key = (f.id, tuple(sorted((s.path, s.line) for s in f.spans)))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def inconsistent_paths(findings: Sequence[PortfolioFinding]) -> set[str]:
    """The files a set of findings involves."""
    return {s.path for f in findings for s in f.spans}


def not_met(findings: Sequence[PortfolioFinding], facts: Sequence[DocumentFacts]) -> set[str]:
    """The case studies whose ``narrative-consistency`` is not met at portfolio level: those
    a finding involves (their single-file verdicts stay as they are)."""
    involved = inconsistent_paths(findings)
    return {d.path for d in facts if d.kind == "case-study" and d.path in involved}
