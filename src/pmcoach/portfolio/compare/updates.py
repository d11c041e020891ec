"""update-vs-case-study: an update written during the project says a stage had not
happened by its date (or had), and another document dates that stage otherwise.

"no customer has it yet" in an update of 10 April contradicts a case study whose pilot
started in March; "the beta has been open since 2 June" contradicts a case study whose beta
opened in July. Plans in the update are not compared: plans slip.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from ..extract.dates import When, describe
from ..facts import DocumentFacts, Milestone, Status
from ..model import PortfolioFinding
from .common import finding, grouped, quoted, span
from .projects import Catalog, Project

SUGGESTION = ("Check the dates against what you wrote at the time: if the {stage} really "
              "happened later, correct the {where}; if the update was wrong, the {where} can "
              "say so ('the beta opened two weeks after my update said it would').")
#: Days of slack: an update and a milestone on nearly the same day are not compared.
_SLACK = timedelta(days=3)
_ORDER = {"kickoff": 0, "pilot": 1, "beta": 1, "launch": 2}


def _reached(status: Status, milestone: Milestone) -> bool:
    """Whether reaching ``milestone`` means the update's stage had been reached."""
    if milestone.stage == "kickoff":
        return False
    if status.stage == "any":
        return True
    if status.stage == milestone.stage:
        return True
    return _ORDER[milestone.stage] > _ORDER[status.stage]


def _conflict(status: Status, written: When, milestones: list[Milestone]) -> Milestone | None:
    if status.done:
        same = [m for m in milestones if m.stage == status.stage]
        if same and all(m.when.start > written.end + _SLACK for m in same):
            return min(same, key=lambda m: m.when.start)
        return None
    before = [m for m in milestones if _reached(status, m) and m.when.end < written.start - _SLACK]
    return min(before, key=lambda m: m.when.end) if before else None


#: A capitalised word right before a stage: "the Formwise beta", "Hillcrest's pilot".
_NAMED_STAGE = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)*)(?:['’]s)?\s+(?:(?:closed"
                          r"|private|public|open)\s+)?(?:beta|pilot|launch|go-live|rollout"
                          r"|release)\b")


def _foreign(status: Status, project: Project, docs: Sequence[DocumentFacts],
             catalog: Catalog) -> bool:
    """Whether the status names its stage after something the project's own documents
    never mention ("the Formwise beta has not started" in another project's update): that is
    other work. A site or customer of the project ("the Hillcrest pilot") is mentioned there."""
    named = [m.group("name") for m in _NAMED_STAGE.finditer(status.text)
             if m.group("name") not in ("The", "Our", "This", "That", "Its", "My")]
    if not named or any(m.project is project for m in catalog.mentions(status.place.sentence)):
        return False
    own = frozenset().union(*(d.written_names for d in docs if catalog.main(d) is project
                              and not d.statuses))
    return any(name not in own for name in named)


def findings(docs: Sequence[DocumentFacts], catalog: Catalog) -> list[PortfolioFinding]:
    found: list[PortfolioFinding] = []
    # The story told afterwards: every document that is not itself a dated status report.
    milestones = grouped([d for d in docs if not (d.statuses and d.date)], catalog,
                         "milestones")
    by_path = {d.path: d for d in docs}
    for update in docs:
        if not update.statuses or update.date is None:
            continue
        reported: set[tuple[str, int]] = set()
        for status in update.statuses:
            project = catalog.resolve(update, status.place)
            if project is None or _foreign(status, project, docs, catalog):
                continue
            for path, facts in milestones.get(project.key, {}).items():
                milestone = _conflict(status, update.date, facts)
                if milestone is None or (path, project.key) in reported:
                    continue
                reported.add((path, project.key))
                other = by_path[path]
                state = "had happened" if status.done else "had not happened"
                found.append(finding(
                    "update-vs-case-study", project,
                    f"{milestone.text.lower()} date: {path} puts it in "
                    f"{describe(milestone.when)}, but "
                    f"{update.path} (dated {describe(update.date)}) says it {state}: "
                    f"{quoted(status.text)}",
                    SUGGESTION.format(stage=milestone.text.lower(),
                                      where="case study" if other.kind == "case-study"
                                      else "document"),
                    [span(other, milestone.place), span(update, status.place)]))
    return found
