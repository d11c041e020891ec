"""metric: two documents give one project's metric a different baseline or result.

Two statements are of the same metric when the distinctive words of one name are all in
the other ("late deliveries" and "late delivery rate"; "refund tickets" and "share of
tickets about refunds"). A statement for a segment is never the one flagged, and a figure
that matches any statement of the metric in the other document (a segment's, say) agrees.
A different baseline disagrees; a different result from the same baseline disagrees only
when neither statement dates its result to a moment (a later measurement may differ).
Rounding is allowed: "about 30%" and "29.7%" agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..facts import DocumentFacts, MetricChange, Value
from ..model import PortfolioFinding
from .common import doc_pairs, finding, grouped, spans_of
from .projects import Catalog

SUGGESTION = ("Quote one set of figures for a metric in every document. If they measure "
              "different things, say what each covers: the segment ('for new customers'), the "
              "period ('in the first quarter after launch') or the definition.")
#: Words that name the kind of measure, not what is measured ("weekly", "median" are kept:
#: weekly and monthly users, or a median and a mean, are different metrics).
_GENERIC = frozenset({
    "rate", "share", "number", "count", "percent", "percentage", "time", "total", "overall",
    "week", "month", "day", "year", "quarter", "volume", "level", "score", "metric", "per",
    "all", "of", "the", "our"})


def _distinctive(m: MetricChange) -> frozenset[str]:
    return frozenset(w for w in m.words if w not in _GENERIC and not w.isdigit())


def same_metric(a: MetricChange, b: MetricChange) -> bool:
    da, db = _distinctive(a), _distinctive(b)
    if not da or not db:
        return False
    small, large = sorted((da, db), key=len)
    return small <= large


def _differ(a: Value, b: Value) -> bool:
    if a.unit != b.unit:
        return False  # not comparable: other units, or a unit on one side only
    high = max(abs(a.number), abs(b.number))
    tolerance = 0.05 * high + (0.1 * high if a.approx or b.approx else 0.0)
    if a.unit == "%":
        tolerance += 0.6
    return abs(a.number - b.number) > tolerance


def _comparable(a: MetricChange, b: MetricChange) -> bool:
    return a.before.unit == b.before.unit and a.after.unit == b.after.unit


def _agree(a: MetricChange, b: MetricChange) -> bool:
    return not _differ(a.before, b.before) and not _differ(a.after, b.after)


def _conflict(first: list[MetricChange], second: list[MetricChange]
              ) -> tuple[MetricChange, MetricChange] | None:
    for b in second:
        if b.segment:
            continue
        same = [a for a in first if same_metric(a, b) and _comparable(a, b)]
        if not same or any(_agree(a, b) for a in same):
            continue
        # A different baseline is a contradiction (a different result with the same baseline
        # may be a later measurement), unless the other figure is found in this document too
        # (it is then a segment's or another period's).
        for a in same:
            if a.segment or not (_differ(a.before, b.before) or _settled(a, b)):
                continue
            if not any(same_metric(a, c) and _comparable(a, c) and _agree(a, c)
                       for c in second):
                return a, b
    return None


#: Words that date a result to a moment ("in the first month", "so far", "now"): a later
#: measurement may differ from it.
_MOMENT = re.compile(
    r"(?i)\b(?:in|during|over|after|within|by|for)\s+(?:the\s+|its\s+|our\s+)?(?:first|second|third"
    r"|last|early|initial|next|opening|\d+|one|two|three|four|five|six)\b|\bso\s+far\b|\b(?:now"
    r"|today|currently|initially|at\s+first|at\s+launch|to\s+date|since|later|pilot\w*|beta"
    r"|preview|trial|test\w*|this\s+(?:year|quarter|month|season|spring|summer|autumn|fall|winter)"
    r"|last\s+(?:year|quarter|month|season)|a\s+year\s+(?:later|on)|since\s+then)\b")


def _settled(a: MetricChange, b: MetricChange) -> bool:
    """The same baseline and another result, where neither statement dates its result to a
    moment (the first weeks, a pilot, "now"): one of them is wrong."""
    return _differ(a.after, b.after) and not (_MOMENT.search(a.place.sentence)
                                               or _MOMENT.search(b.place.sentence))


def _same(a: MetricChange, b: MetricChange) -> bool:
    return same_metric(a, b) and _comparable(a, b) and _agree(a, b) and not b.segment


def _figures(m: MetricChange) -> str:
    return f"{m.before.text} → {m.after.text}" if m.before.text != m.after.text else \
        m.before.text


def findings(docs: Sequence[DocumentFacts], catalog: Catalog) -> list[PortfolioFinding]:
    found: list[PortfolioFinding] = []
    for key, by_path in grouped(docs, catalog, "metrics").items():
        project = catalog.projects[key]
        for a_doc, b_doc in doc_pairs(docs, by_path):
            pair = _conflict(by_path[a_doc.path], by_path[b_doc.path]) or _swap(
                _conflict(by_path[b_doc.path], by_path[a_doc.path]))
            if pair is None:
                continue
            a, b = pair
            found.append(finding(
                "metric", project,
                f"{a.name.strip()}: {_figures(a)} in {a_doc.path}, {_figures(b)} in "
                f"{b_doc.path}", SUGGESTION,
                spans_of(a_doc, a, by_path[a_doc.path], _same)
                + spans_of(b_doc, b, by_path[b_doc.path], _same)))
    return found


def _swap(pair: tuple[MetricChange, MetricChange] | None
          ) -> tuple[MetricChange, MetricChange] | None:
    return (pair[1], pair[0]) if pair else None
