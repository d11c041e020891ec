"""Run every fact extractor over one document."""

from __future__ import annotations

from ...document import Document
from ..facts import DocumentFacts
from . import metrics, roles, status, team, timeline, titles
from .header import frequent_names, header
from .places import statements

#: Kinds whose documents tell of one project from start to end.
NARRATIVE_KINDS = frozenset({"case-study"})
#: Kinds written during the work, dated.
UPDATE_KINDS = frozenset({"manager-update"})


def extract(path: str, document: Document, kind: str | None) -> DocumentFacts:
    found = statements(document)
    top = header(document, path, kind, found)
    anchor = top.anchor
    periods = timeline.periods(found, anchor)
    if top.period is not None:
        first = timeline.header_period(*top.period)
        if first is not None:
            periods = [first, *(p for p in periods if p.place.line != first.place.line)]
    when = top.date if top.date is not None else (top.period[1].when if top.period else None)
    return DocumentFacts(
        path=path,
        kind=kind,
        names=top.names,
        proper_names=top.proper_names,
        frequent=frequent_names(found, set(top.proper_names)),
        date=top.date,
        teams=tuple(team.team_sizes(found)),
        milestones=tuple(timeline.milestones(found, anchor, top.date)),
        lengths=tuple(timeline.lengths(found)),
        periods=tuple(periods),
        metrics=tuple(metrics.changes(found)),
        roles=tuple(roles.roles(found)),
        owners=tuple(roles.owners(found)),
        titles=tuple(titles.bylines(list(top.byline), when) + titles.history(found, anchor)
                     + (titles.in_story(found, when) if kind in NARRATIVE_KINDS else [])),
        statuses=tuple(status.statuses(found)) if kind in UPDATE_KINDS else (),
    )
