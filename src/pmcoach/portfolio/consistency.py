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
    return _unique(found)


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
    """The files a set of findings involves (for the portfolio-level verdict)."""
    return {s.path for f in findings for s in f.spans}
