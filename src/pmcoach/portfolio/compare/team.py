"""team-size: two documents give one project's team different sizes.

A document may give several sizes (at kickoff, after people joined); a size another
document gives is fine when it is any of them, or any size a third document gives when it
tells how the team changed. Sizes are compared role by role (six
engineers is not a team of six people).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..facts import DocumentFacts, TeamSize
from ..model import PortfolioFinding
from .common import doc_pairs, finding, grouped, spans_of
from .projects import Catalog

SUGGESTION = ("Give the same team size in every document, or say how it changed and when: "
              "'we started with {a} {role}; the team grew to {b} in the spring'.")


def _told_changes(by_path: dict[str, list[TeamSize]], pair: set[str]) -> set[tuple[str, int]]:
    """Every size a third document gives when it tells how the team changed ("five at the
    start, seven by the rollout"): each was true at some time, whoever repeats it."""
    return {(t.role, t.count) for path, sizes in by_path.items()
            if path not in pair and any(t.later for t in sizes) for t in sizes}


def _conflict(first: list[TeamSize], second: list[TeamSize], told: set[tuple[str, int]]
              ) -> tuple[TeamSize, TeamSize] | None:
    for role in ("engineers", "designers", "people"):
        a_sizes = [t for t in first if t.role == role and (role, t.count) not in told]
        b_sizes = [t for t in second if t.role == role and (role, t.count) not in told]
        a_all = {t.count for t in first if t.role == role}
        b_all = {t.count for t in second if t.role == role}
        a_odd = [t for t in a_sizes if not t.later and t.count not in b_all]
        b_odd = [t for t in b_sizes if not t.later and t.count not in a_all]
        if a_odd and b_odd:
            return a_odd[0], b_odd[0]
    return None


def _same(a: TeamSize, b: TeamSize) -> bool:
    return a.role == b.role and a.count == b.count and not b.later


def findings(docs: Sequence[DocumentFacts], catalog: Catalog) -> list[PortfolioFinding]:
    found: list[PortfolioFinding] = []
    for key, by_path in grouped(docs, catalog, "teams").items():
        project = catalog.projects[key]
        for a_doc, b_doc in doc_pairs(docs, by_path):
            told = _told_changes(by_path, {a_doc.path, b_doc.path})
            pair = _conflict(by_path[a_doc.path], by_path[b_doc.path], told)
            if pair is None:
                continue
            a, b = pair
            found.append(finding(
                "team-size", project,
                f"team size: {a.count} {a.role} in {a_doc.path}, {b.count} in {b_doc.path}",
                SUGGESTION.format(a=min(a.count, b.count), b=max(a.count, b.count), role=a.role),
                spans_of(a_doc, a, by_path[a_doc.path], _same)
                + spans_of(b_doc, b, by_path[b_doc.path], _same)))
    return found
