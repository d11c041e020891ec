"""Run every fact extractor over one document."""

from __future__ import annotations

from datetime import date

from ...document import Document
from ..facts import DocumentFacts, Milestone
from . import metrics, roles, status, team, timeline, titles
from .dates import When, find_dates
from .header import frequent_names, header, lead_word, signature
from .names import introduced, written_as_names
from .places import Statement, statements

#: Kinds whose documents tell of one project from start to end.
NARRATIVE_KINDS = frozenset({"case-study"})
#: Kinds whose documents may be written during the work, dated: what they say had not
#: happened yet is compared with the story told afterwards.
UPDATE_KINDS = frozenset({"manager-update", "decision", None})


def extract(path: str, document: Document, kind: str | None) -> DocumentFacts:
    found = statements(document)
    top = header(document, path, kind, found)
    anchor = top.anchor or _dated_middle(found)
    periods = timeline.periods(found, anchor)
    if top.period is not None:
        first = timeline.header_period(*top.period)
        if first is not None:
            periods = [first, *(p for p in periods if p.place.line != first.place.line)]
    milestones = timeline.milestones(found, anchor, top.date)
    # The time of the work, for a byline's title: the document's date, else its project's
    # dates, else the span of its milestones.
    work = (periods[0].when if periods else None) or _span(milestones)
    when = top.date or work
    return DocumentFacts(
        path=path,
        kind=kind,
        names=top.names,
        aliases=introduced(found),
        title=top.title.text if top.title is not None else "",
        lead_word=lead_word(top.title.text) if top.title is not None else "",
        written_names=written_as_names(found),
        proper_names=top.proper_names,
        frequent=frequent_names(found, set(top.proper_names)),
        date=top.date,
        teams=tuple(team.team_sizes(found)),
        milestones=tuple(milestones),
        lengths=tuple(timeline.lengths(found)),
        periods=tuple(periods),
        metrics=tuple(metrics.changes(found)),
        roles=tuple(roles.roles(found)),
        owners=tuple(roles.owners(found)),
        titles=tuple(titles.bylines(list(top.byline), when) + titles.history(found, anchor)
                     + titles.during_work(found, work)
                     + (titles.bylines(signature(document, found), when)
                        if kind in UPDATE_KINDS else [])
                     + (titles.in_story(found, when) if kind in NARRATIVE_KINDS else [])),
        statuses=tuple(status.statuses(found)) if kind in UPDATE_KINDS and top.date else (),
    )


def _dated_middle(found: list[Statement]) -> date | None:
    """The middle of the dates the document gives with a year: what a date without one
    ("in mid-March") is read near, when the top of the document gives no date."""
    middles = sorted(m.when.middle() for s in found if s.block not in ("front", "heading")
                     for m in find_dates(s.text) if not m.when.open)
    return middles[len(middles) // 2] if middles else None


def _span(milestones: list[Milestone]) -> When | None:
    if not milestones:
        return None
    start = min(m.when.start for m in milestones)
    end = max(m.when.end for m in milestones)
    return When(start, end, "range")
