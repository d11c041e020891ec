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


def _odd(sizes: list[TeamSize], other: list[TeamSize], role: str,
         told: set[tuple[str, int]]) -> list[TeamSize]:
    """The sizes in ``sizes`` the other document never gives (told ones included)."""
    given = {t.count for t in other if t.role == role}
    return [t for t in sizes if t.role == role and not t.later and t.count not in given]


def _starts_differ(first: list[TeamSize], second: list[TeamSize], role: str
                   ) -> tuple[TeamSize, TeamSize] | None:
    """Both documents give the size at the start, and no two of those agree."""
    a = [t for t in first if t.role == role and t.start]
    b = [t for t in second if t.role == role and t.start]
    if a and b and not {t.count for t in a} & {t.count for t in b}:
        return a[0], b[0]
    return None


def _conflict(first: list[TeamSize], second: list[TeamSize], told: set[tuple[str, int]]
              ) -> tuple[TeamSize, TeamSize] | None:
    """A size one document gives that nothing explains, against a size the other gives.

    A size a third document tells as part of a change is explained; it can still be the
    place the other document disagrees with."""
    for role in ("engineers", "designers", "people"):
        starts = _starts_differ(first, second, role)
        if starts is not None:
            return starts
        a_odd, b_odd = _odd(first, second, role, told), _odd(second, first, role, told)
        a_unexplained = [t for t in a_odd if (role, t.count) not in told]
        b_unexplained = [t for t in b_odd if (role, t.count) not in told]
        if a_odd and b_unexplained:
            return a_odd[0], b_unexplained[0]
        if a_unexplained and b_odd:
            return a_unexplained[0], b_odd[0]
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
