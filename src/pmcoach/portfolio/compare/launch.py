"""launch-date: two documents date one project's launch differently.

A date written to the month ("launched in October 2019") agrees with any day of that month;
a document may give several launch dates (a first market, then everyone), and another
document's date is fine when it is near any of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..extract.dates import describe
from ..facts import DocumentFacts, Milestone
from ..model import PortfolioFinding
from .common import doc_pairs, finding, grouped, quoted, spans_of
from .projects import Catalog

SUGGESTION = ("Use one launch date in every document; if the project launched in steps (a "
              "beta, a first market, general availability), name the step with its date: "
              "'general availability on 3 March'.")
#: Days two launch dates may be apart and still be the same launch.
SLACK_DAYS = 20


def _launches(docs: Sequence[DocumentFacts]) -> list[DocumentFacts]:
    from dataclasses import replace

    return [replace(d, milestones=tuple(m for m in d.milestones if m.stage == "launch"))
            for d in docs]


def _unmatched(first: list[Milestone], second: list[Milestone]) -> Milestone | None:
    """A launch in ``second`` near no launch in ``first``."""
    for b in second:
        if all(a.when.gap_days(b.when) > SLACK_DAYS for a in first):
            return b
    return None


def _same(a: Milestone, b: Milestone) -> bool:
    return a.when.gap_days(b.when) == 0


def findings(docs: Sequence[DocumentFacts], catalog: Catalog) -> list[PortfolioFinding]:
    found: list[PortfolioFinding] = []
    launches = _launches(docs)
    for key, by_path in grouped(launches, catalog, "milestones").items():
        project = catalog.projects[key]
        for a_doc, b_doc in doc_pairs(launches, by_path):
            first, second = by_path[a_doc.path], by_path[b_doc.path]
            b = _unmatched(first, second)
            a = _unmatched(second, first)
            if a is None or b is None:
                continue
            found.append(finding(
                "launch-date", project,
                f"launch date: {describe(a.when)} in {a_doc.path} ({quoted(a.text)}), "
                f"{describe(b.when)} in {b_doc.path} ({quoted(b.text)})",
                SUGGESTION, spans_of(a_doc, a, first, _same) + spans_of(b_doc, b, second, _same)))
    return found
