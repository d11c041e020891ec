"""dates: two documents disagree on how long a project took, when it ran, or when it
started.

Lengths agree within a month or a quarter of the longer one ("about four months" and
"March to June"); periods agree when they overlap and, when both are given to the
month, start and end within about six weeks of each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..extract.dates import When, describe, months_between
from ..facts import DocumentFacts, Length, Milestone, Period
from ..model import PortfolioFinding
from .common import doc_pairs, finding, grouped, span
from .projects import Catalog

SUGGESTION = ("Give the project the same dates and length in every document; if you mean "
              "different spans, say which: 'eight months from first research to launch, five "
              "of them building'.")
_SLACK_DAYS = 45


def _months(value: float) -> str:
    value = round(value, 1)
    return f"{value:g} month" + ("" if value == 1 else "s")


def _lengths_differ(a: float, b: float, approx: bool) -> bool:
    low, high = sorted((a, b))
    margin = max(1.0, 0.25 * high) + (0.5 if approx else 0.0)
    return high - low > margin


def _period_bounds(when: When) -> tuple[float, float]:
    """The shortest and longest the period may have lasted, in months ("January to May"
    is anything from about three to five months)."""
    longest = months_between(when.start, when.end)
    return max(0.0, longest - 1.0), longest


def _length_vs_period(length: Length, period: Period) -> bool:
    if period.when.precision != "range":
        return False  # "2022" dates the work; it does not say it took a year
    low, high = _period_bounds(period.when)
    margin = max(1.0, 0.25 * max(length.months, high)) + (0.5 if length.approx else 0.0)
    return length.months < low - margin or length.months > high + margin


def _periods_differ(a: When, b: When) -> bool:
    if a.open or b.open:
        return False
    if a.gap_days(b) > 20:
        return True
    fine = {"day", "month", "range", "week", "part"}
    if a.precision not in fine or b.precision not in fine:
        return False
    return (abs((a.start - b.start).days) > _SLACK_DAYS
            or abs((a.end - b.end).days) > _SLACK_DAYS)


def _describe(fact: Any) -> str:
    if isinstance(fact, Length):
        return _months(fact.months)
    return describe(fact.when)


def _first_conflict(first: list[Any], second: list[Any]) -> tuple[Any, Any] | None:
    """The first pair of statements that cannot both be true."""
    for a in first:
        for b in second:
            if _conflicting(a, b):
                return a, b
    return None


def _conflicting(a: Any, b: Any) -> bool:
    if isinstance(a, Length) and isinstance(b, Length):
        return _lengths_differ(a.months, b.months, a.approx or b.approx)
    if isinstance(a, Length) and isinstance(b, Period):
        return _length_vs_period(a, b)
    if isinstance(a, Period) and isinstance(b, Length):
        return _length_vs_period(b, a)
    if isinstance(a, Period) and isinstance(b, Period):
        return _periods_differ(a.when, b.when)
    if isinstance(a, Milestone) and isinstance(b, Milestone):
        return a.when.gap_days(b.when) > 31
    return False


def _kickoffs(docs: Sequence[DocumentFacts]) -> list[DocumentFacts]:
    """Each document's kickoff milestones, as if they were a field of their own."""
    return [replace(d, milestones=tuple(m for m in d.milestones if m.stage == "kickoff"))
            for d in docs]


def _spans(docs: Sequence[DocumentFacts], catalog: Catalog) -> dict[int, dict[str, list[Any]]]:
    """Kickoff to launch in one document, as a period ("3 April: kickoff ... 21 August:
    launch"), placed at the launch."""
    out: dict[int, dict[str, list[Any]]] = {}
    for key, by_path in grouped(docs, catalog, "milestones").items():
        for path, facts in by_path.items():
            kickoffs = [m for m in facts if m.stage == "kickoff"]
            launches = [m for m in facts if m.stage == "launch"]
            if len(kickoffs) == 1 and len(launches) == 1:
                start, end = kickoffs[0], launches[0]
                if start.when.start < end.when.end:
                    when = When(start.when.start, end.when.end, "range")
                    out.setdefault(key, {})[path] = [Period(end.place, when, "kickoff to launch")]
    return out


def findings(docs: Sequence[DocumentFacts], catalog: Catalog) -> list[PortfolioFinding]:
    found: list[PortfolioFinding] = []
    spans_seen: set[tuple[str, str, int]] = set()
    groups = (grouped(docs, catalog, "lengths"), grouped(docs, catalog, "periods"),
              grouped(_kickoffs(docs), catalog, "milestones"), _spans(docs, catalog))
    keys = {k for g in groups for k in g}
    for key in sorted(keys):
        project = catalog.projects[key]
        merged: dict[str, list[Any]] = {}
        for group in groups:
            for path, facts in group.get(key, {}).items():
                merged.setdefault(path, []).extend(facts)
        for a_doc, b_doc in doc_pairs(docs, merged):
            if (a_doc.path, b_doc.path, key) in spans_seen:
                continue
            pair = _first_conflict(merged[a_doc.path], merged[b_doc.path])
            if pair is None:
                continue
            spans_seen.add((a_doc.path, b_doc.path, key))
            a, b = pair
            what = "kickoff" if isinstance(a, Milestone) else "project dates" if isinstance(
                a, Period) and isinstance(b, Period) else "project length"
            found.append(finding(
                "dates", project,
                f"{what}: {_describe(a)} in {a_doc.path}, {_describe(b)} in {b_doc.path}",
                SUGGESTION, [span(a_doc, a.place), span(b_doc, b.place)]))
    return found
