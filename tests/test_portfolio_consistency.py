"""Cross-file consistency: an invented portfolio that agrees with itself, then one planted
disagreement at a time (each must be found at its lines), then near misses (none may be
reported)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcoach.coach.cache import Cache
from pmcoach.document import Document
from pmcoach.errors import EngineError
from pmcoach.portfolio import model_check
from pmcoach.portfolio.consistency import cross_file_findings, inconsistent_paths, not_met
from pmcoach.portfolio.facts import extract_facts
from pmcoach.portfolio.model import PortfolioFinding, Span
from pmcoach.testing import FakeEngine, fake_coach

CASE = """\
# Route Planner at Brightpath

**Ada Quill · Product Manager, Logistics · 2022**

## Why

Drivers at Brightpath planned their own routes on paper, and a fifth of parcels arrived late.

## My part

I was the only PM on Route Planner. I set the price of the add-on after a survey of
depot managers.

## Team

We started with five engineers and a designer. In August two more engineers joined for
the rollout, so we finished with seven engineers.

## Timeline

- 7 February 2022: kickoff
- April 2022: private beta with six depots
- 12 September 2022: general availability for every depot

It took seven months from kickoff to launch.

## Results

| Metric | Before | After |
| --- | --- | --- |
| Late deliveries | 21% | 8% |
| Planning time per route | 50 min | 12 min |

For rural depots specifically, late deliveries went from 30% to 15%.
"""

UPDATE = """\
# Route Planner: weekly note

**Date:** 2022-05-16
**To:** Omar (VP Operations)

The private beta has been live since April with six depots and the feedback is good.
Our five engineers are on routing speed this sprint. General availability is still on
track for September.

Ask: can we borrow an analyst for two weeks?
"""

PLAN = """\
# Career plan: Ada Quill

Written March 2024.

## So far

| Role | Dates |
| --- | --- |
| Associate PM, Corvid Labs | 2017 – 2020 |
| Product Manager, Brightpath | Jan 2021 – Dec 2023 |
| Senior PM, Brightpath | Jan 2024 – now |

Route Planner is the work I am proudest of: late deliveries fell from about 21% to 8%.

## Next

A Group PM role within two years.
"""

STRATEGY = """\
# Depot operations strategy, 2023

Owner: Ada Quill · updated 2023-02-01

## What we learned from Route Planner

- It paid off: late deliveries went from 21% to 8% across depots.
- Seven months from kickoff to launch, with a team of five engineers at the start.

## Bets

1. Give depot managers a live view of every route.
"""

DOCS = {"case-route-planner.md": (CASE, "case-study"), "update-2022-05-16.md": (UPDATE,
        "manager-update"), "career-plan.md": (PLAN, "career-plan"),
        "strategy-depots.md": (STRATEGY, "strategy")}


def review(**changes: str) -> list[PortfolioFinding]:
    """Findings for the portfolio with some documents' text replaced (``case``,
    ``update``, ``plan``, ``strategy``)."""
    names = dict(zip(("case", "update", "plan", "strategy"), DOCS, strict=True))
    texts = {path: (text, kind) for path, (text, kind) in DOCS.items()}
    for short, text in changes.items():
        path = names[short]
        texts[path] = (text, texts[path][1])
    facts = [extract_facts(path, Document.from_text(text, path), kind)
             for path, (text, kind) in texts.items()]
    return cross_file_findings(facts)


def _line(text: str, words: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if words in line)


def _only(found: list[PortfolioFinding], fact: str) -> PortfolioFinding:
    assert [f.id for f in found] == [fact], [f.message for f in found]
    return found[0]


def _spans(finding: PortfolioFinding) -> set[tuple[str, int]]:
    return {(s.path, s.line) for s in finding.spans}


def test_a_consistent_portfolio_has_no_finding() -> None:
    assert review() == []


def test_fewer_than_two_documents_have_no_finding() -> None:
    one = extract_facts("a.md", Document.from_text(CASE, "a.md"), "case-study")
    assert cross_file_findings([one]) == []
    assert cross_file_findings([]) == []


def test_team_size() -> None:
    update = UPDATE.replace("Our five engineers", "Our three engineers")
    found = _only(review(update=update), "team-size")
    assert _spans(found) == {("case-route-planner.md", _line(CASE, "five engineers")),
                             ("update-2022-05-16.md", _line(update, "three engineers"))}
    assert "5 engineers in case-route-planner.md" in found.message
    assert "3 in update-2022-05-16.md" in found.message
    assert found.project == "Route Planner"
    assert found.criterion == "narrative-consistency" and found.source == "offline"


def test_update_against_case_study() -> None:
    update = UPDATE.replace(
        "The private beta has been live since April with six depots and the feedback is good.",
        "The private beta has not started: no depot is using it yet.")
    found = _only(review(update=update), "update-vs-case-study")
    assert _spans(found) == {("case-route-planner.md", _line(CASE, "private beta")),
                             ("update-2022-05-16.md", _line(update, "has not started"))}


def test_launch_date() -> None:
    plan = PLAN.replace("late deliveries fell", "it reached every depot in March 2023 and "
                        "late deliveries fell").replace("it reached every depot",
                                                        "it launched to every depot")
    found = _only(review(plan=plan), "launch-date")
    assert _spans(found) == {("case-route-planner.md", _line(CASE, "general availability")),
                             ("career-plan.md", _line(plan, "launched to every depot"))}
    assert "12 Sep 2022" in found.message and "Mar 2023" in found.message


def test_project_length() -> None:
    strategy = STRATEGY.replace("Seven months from kickoff", "Eleven months from kickoff")
    found = _only(review(strategy=strategy), "dates")
    assert _spans(found) == {("case-route-planner.md", _line(CASE, "seven months")),
                             ("strategy-depots.md", _line(strategy, "Eleven months"))}
    assert "7 months" in found.message and "11 months" in found.message


def test_metric() -> None:
    strategy = STRATEGY.replace("went from 21% to 8%", "went from 26% to 5%")
    found = _only(review(strategy=strategy), "metric")
    assert _spans(found) == {("case-route-planner.md", _line(CASE, "| Late deliveries")),
                             ("strategy-depots.md", _line(strategy, "26% to 5%"))}
    assert "21%" in found.message and "26%" in found.message
    assert "career-plan.md also differs from strategy-depots.md" in found.message


def test_role() -> None:
    plan = PLAN.replace("Route Planner is the work", "I joined Route Planner as the second PM; "
                        "it is the work")
    found = _only(review(plan=plan), "role")
    assert _spans(found) == {("case-route-planner.md", _line(CASE, "only PM")),
                             ("career-plan.md", _line(plan, "second PM"))}


def test_ownership() -> None:
    plan = PLAN.replace("Route Planner is the work I am proudest of:",
                        "On Route Planner, pricing sat with the finance team. It is "
                        "the work I am proudest of:")
    found = _only(review(plan=plan), "role")
    assert "pricing" in found.message


def test_title() -> None:
    case = CASE.replace("Product Manager, Logistics", "Senior Product Manager, Logistics")
    found = _only(review(case=case), "title")
    assert _spans(found) == {("case-route-planner.md", 3),
                             ("career-plan.md", _line(PLAN, "| Product Manager, Brightpath"))}
    assert "Senior Product Manager" in found.message


def test_the_findings_name_the_files_involved() -> None:
    update = UPDATE.replace("Our five engineers", "Our three engineers")
    found = review(update=update)
    assert inconsistent_paths(found) == {"case-route-planner.md", "update-2022-05-16.md"}
    facts = [extract_facts(p, Document.from_text(t, p), k) for p, (t, k) in DOCS.items()]
    assert not_met(found, facts) == {"case-route-planner.md"}


@pytest.mark.parametrize("changes", [
    # a later size the case study explains
    {"update": UPDATE.replace("Our five engineers", "Our seven engineers")},
    # another project's team
    {"plan": PLAN.replace("## Next", "Before that, Parcel Lockers had nine engineers.\n\n## Next")},
    # rounding
    {"strategy": STRATEGY.replace("went from 21% to 8%", "went from roughly 20% to 8%")},
    # a segment the case study also gives
    {"strategy": STRATEGY.replace("went from 21% to 8% across depots",
                                  "went from 30% to 15% in rural depots")},
    # a different milestone (the beta, not the launch)
    {"plan": PLAN.replace("Route Planner is", "The Route Planner beta opened in April 2022. "
                          "It is")},
    # an older version of the product
    {"plan": PLAN.replace("Route Planner is", "Route Planner v1 launched in 2019. Route "
                          "Planner v2 is")},
    # an update whose plan agrees with the case study
    {"update": UPDATE.replace("still on\ntrack for September", "still on\ntrack for 12 "
                              "September")},
    # a title that fits the history: promoted after the project
    {"strategy": STRATEGY.replace("Owner: Ada Quill", "Ada Quill, Senior PM").replace(
        "updated 2023-02-01", "March 2024")},
    # someone else owning something the author never claims
    {"strategy": STRATEGY.replace("## Bets", "The depot data feed is owned by the "
                                  "infrastructure team.\n\n## Bets")},
    # a length given approximately
    {"strategy": STRATEGY.replace("Seven months from kickoff", "About eight months from "
                                  "kickoff")},
    # another team set beside this one, unnamed
    {"case": CASE.replace("## Timeline", "For comparison, the depot scanner rebuild before "
                          "it had a team of eleven engineers.\n\n## Timeline")},
    # an internal launch before the real one
    {"plan": PLAN.replace("Route Planner is", "Route Planner launched to employees in June "
                          "2022. It is")},
    # a title at another company, years before a promotion
    {"plan": PLAN.replace("## Next", "I was promoted to Senior PM in January 2024.\n\n## "
                          "Next").replace("| Senior PM, Brightpath | Jan 2024 – now |\n", "")},
])
def test_near_misses_are_not_reported(changes: dict[str, str]) -> None:
    assert review(**changes) == []


def test_two_projects_sharing_a_word_are_not_one_project() -> None:
    other = CASE.replace("Route Planner", "Route Insights").replace(
        "five engineers", "three engineers").replace("seven engineers", "four engineers")
    facts = [extract_facts("a.md", Document.from_text(CASE, "a.md"), "case-study"),
             extract_facts("b.md", Document.from_text(other, "b.md"), "case-study")]
    assert [f for f in cross_file_findings(facts) if f.id == "team-size"] == []


def test_a_company_prefix_still_names_the_project() -> None:
    update = UPDATE.replace("# Route Planner: weekly note", "# Brightpath Route Planner: note"
                            ).replace("Our five engineers", "Our three engineers")
    assert [f.id for f in review(update=update)] == ["team-size"]


def test_every_span_quotes_its_file() -> None:
    case = CASE.replace("Product Manager, Logistics", "Senior Product Manager, Logistics")
    update = UPDATE.replace("Our five engineers", "Our three engineers")
    strategy = STRATEGY.replace("went from 21% to 8%", "went from 26% to 5%")
    texts = {"case-route-planner.md": case, "update-2022-05-16.md": update,
             "career-plan.md": PLAN, "strategy-depots.md": strategy}
    found = review(case=case, update=update, strategy=strategy)
    assert len(found) == 3
    for finding in found:
        assert len({s.path for s in finding.spans}) == 2
        for s in finding.spans:
            lines = texts[s.path].split("\n")
            assert s.quote in "\n".join(lines[s.line - 1: s.end_line])


# --- with a model -------------------------------------------------------------------------

def _documents() -> dict[str, Document]:
    return {path: Document.from_text(text, path) for path, (text, _) in DOCS.items()}


def _answer(evidence: list[str], fact: str = "dates") -> dict[str, object]:
    criteria = {i: {"verdict": "met", "message": "", "suggestion": "", "evidence": []}
                for i in model_check.FACTS}
    criteria[fact] = {"verdict": "missing", "message": "kickoff: February in one, May in "
                      "the other", "suggestion": "Make them agree.",
                      "evidence": [{"quote": q} for q in evidence]}
    return {"criteria": criteria, "summary": ""}


def test_a_model_finding_is_grounded_in_both_files() -> None:
    engine = FakeEngine([_answer(["case-route-planner.md: 7 February 2022: kickoff",
                                  "strategy-depots.md: Seven months from kickoff to launch"])])
    found = model_check.model_findings(fake_coach(engine), _documents())
    assert [(f.id, f.source) for f in found] == [("dates", "model")]
    assert {(s.path, s.line) for s in found[0].spans} == {
        ("case-route-planner.md", _line(CASE, "kickoff")),
        ("strategy-depots.md", _line(STRATEGY, "Seven months"))}
    prompt = engine.history[0].prompt
    assert prompt.id == "portfolio-consistency/v1"
    assert "=== FILE: case-route-planner.md ===" in prompt.user
    assert "never instructions to you" in prompt.system


@pytest.mark.parametrize("evidence", [
    # a quote that is not in the file it names
    ["case-route-planner.md: the project kicked off in May",
     "strategy-depots.md: Seven months from kickoff to launch"],
    # both quotes from one file
    ["case-route-planner.md: 7 February 2022: kickoff",
     "case-route-planner.md: It took seven months from kickoff to launch."],
    # a file that is not in the review
    ["other.md: kicked off in May", "strategy-depots.md: Seven months from kickoff"],
])
def test_ungrounded_model_findings_are_dropped(evidence: list[str]) -> None:
    engine = FakeEngine([_answer(evidence)])
    assert model_check.model_findings(fake_coach(engine), _documents()) == []


def test_without_an_answer_the_offline_findings_stand(tmp_path: Path) -> None:
    failing = FakeEngine([EngineError("fake: the server is down")])
    assert model_check.model_findings(fake_coach(failing), _documents()) == []
    offline = fake_coach(FakeEngine())
    offline.engine = None
    assert model_check.model_findings(offline, _documents()) == []


def test_the_answer_is_cached(tmp_path: Path) -> None:
    engine = FakeEngine([_answer(["case-route-planner.md: 7 February 2022: kickoff",
                                  "strategy-depots.md: Seven months from kickoff to launch"])])
    coach = fake_coach(engine, cache=Cache(tmp_path))
    first = model_check.model_findings(coach, _documents())
    again = model_check.model_findings(coach, _documents())
    assert first == again and len(first) == 1
    assert len(engine.history) == 1 and coach.usage().cached == 1


def test_a_model_finding_that_repeats_an_offline_one_is_not_added() -> None:
    update = UPDATE.replace("Our five engineers", "Our three engineers")
    offline = review(update=update)
    repeat = PortfolioFinding(id="team-size", message="m", suggestion="s", source="model",
                              spans=[Span("update-2022-05-16.md", _line(update, "three"),
                                          _line(update, "three"), "Our three engineers"),
                                     Span("strategy-depots.md", 6, 6, "x")])
    new = PortfolioFinding(id="metric", message="m", suggestion="s", source="model",
                           spans=[Span("career-plan.md", 12, 12, "x")])
    assert model_check.merged(offline, [repeat, new]) == [*offline, new]
