"""Cross-file consistency across writers: which project a document is about when names are
one coined word, given in the body, or never written at all; and wordings of facts that a
first round of rules missed. Every portfolio here is invented; each planted disagreement
must be found at its lines, and each near miss must stay silent."""

from __future__ import annotations

from pmcoach.document import Document
from pmcoach.portfolio.compare.projects import Catalog
from pmcoach.portfolio.consistency import cross_file_findings
from pmcoach.portfolio.extract.dates import parse_date
from pmcoach.portfolio.facts import DocumentFacts, extract_facts
from pmcoach.portfolio.model import PortfolioFinding


def _facts(docs: dict[str, tuple[str, str]]) -> list[DocumentFacts]:
    return [extract_facts(path, Document.from_text(text, path), kind)
            for path, (text, kind) in docs.items()]


def findings(docs: dict[str, tuple[str, str]]) -> list[PortfolioFinding]:
    return cross_file_findings(_facts(docs))


def _line(text: str, words: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if words in line)


def _spans(finding: PortfolioFinding) -> set[tuple[str, int]]:
    return {(s.path, s.line) for s in finding.spans}


def _only(found: list[PortfolioFinding], fact: str) -> PortfolioFinding:
    assert [f.id for f in found] == [fact], [f.message for f in found]
    return found[0]


# --- one coined word names a project ------------------------------------------------------

QUILLBY = """\
# Quillby: refunds in a day for market traders

*Noor Haddad · Stallkeep · 2019*

## My part

As the sole product manager on Quillby, I ran discovery, wrote the specs and chose the
launch markets.

## Team

Five engineers and one designer built it.

## Timeline

Work ran between April and July 2019.
"""

PLAN = """\
# Career notes, winter 2021

## Stallkeep

- **Quillby.** I worked on Quillby's payout spec and the market interviews.
"""


def test_a_coined_one_word_name_is_a_project_across_documents() -> None:
    plan = PLAN.replace("I worked on Quillby's payout spec", "I supported the senior PM on "
                        "Quillby and wrote its payout spec")
    docs = {"case-quillby.md": (QUILLBY, "case-study"), "career-plan.md": (plan, "career-plan")}
    found = _only(findings(docs), "role")
    assert found.project == "Quillby"
    assert _spans(found) == {("case-quillby.md", _line(QUILLBY, "sole product manager")),
                             ("career-plan.md", _line(plan, "supported the senior PM"))}


def test_the_unchanged_coined_portfolio_is_consistent() -> None:
    assert findings({"case-quillby.md": (QUILLBY, "case-study"),
                     "career-plan.md": (PLAN, "career-plan")}) == []


def test_an_ordinary_capitalised_first_word_is_not_a_name() -> None:
    update = ("Onboarding, week of 4 March 2024\n\n- The onboarding pilot has not started: "
              "no shop is on it yet.\n")
    case = ("# Onboarding that sticks\n\n*2023*\n\nOur onboarding pilot started on "
            "2 February 2024 with six shops.\n")
    facts = _facts({"update-2024-03-04.md": (update, "manager-update"),
                    "case.md": (case, "case-study")})
    catalog = Catalog(facts)
    assert all(p.name != "Onboarding" for p in catalog.projects)
    assert catalog.main(facts[0]) is None
    assert cross_file_findings(facts) == []


def test_a_one_word_title_the_portfolio_writes_as_a_name_is_the_project() -> None:
    update = ("Tamarack, week of 4 March 2024\n\n- The pilot has not started: no shop is on it "
              "yet.\n")
    case = ("# Quicker stock counts\n\n*2024*\n\nInternally the new counting tool was named "
            "Tamarack. Six shops began a pilot on 12 February 2024.\n\nAfter the pilot "
            "we moved Tamarack to every shop.\n")
    found = _only(findings({"update-2024-03-04.md": (update, "manager-update"),
                            "case.md": (case, "case-study")}), "update-vs-case-study")
    assert found.project == "Tamarack"
    assert _spans(found) == {("case.md", _line(case, "began a pilot")),
                             ("update-2024-03-04.md", _line(update, "has not started"))}


# --- a name the body gives the work -------------------------------------------------------

BRAMBLE_CASE = """\
# Fewer missed invoices for small landlords

Ria Osei · Senior Product Manager, Letwise · 2023

## Context

The rewrite, code-named Bramble, kicked off in March 2023. We had no other PM working on it.

## Team

Four engineers plus one designer did the work.

## Launch

Bramble went live for every landlord on 19 June 2023.
"""

BRAMBLE_STRATEGY = """\
---
product: Rent Book
---

# Rent Book strategy, 2024

## Team

Our squad: two engineers with me, plus an analyst we borrow from Bramble.
"""


def test_a_name_the_body_gives_the_work_joins_its_facts_to_that_project() -> None:
    plan = ("# Career plan\n\n## Letwise\n\nOn Bramble I supported the senior PM, Dev, and "
            "owned the reminders stream. It went live for every landlord in September 2023.\n")
    found = findings({"case-bramble.md": (BRAMBLE_CASE, "case-study"),
                      "career-plan.md": (plan, "career-plan")})
    assert sorted(f.id for f in found) == ["launch-date", "role"]
    assert all(f.project == "Bramble" for f in found)
    role = next(f for f in found if f.id == "role")
    assert _spans(role) == {("case-bramble.md", _line(BRAMBLE_CASE, "no other PM")),
                            ("career-plan.md", 5)}


def test_a_project_named_only_as_what_something_is_shared_with_is_not_the_fact_s() -> None:
    assert findings({"case-bramble.md": (BRAMBLE_CASE, "case-study"),
                     "strategy.md": (BRAMBLE_STRATEGY, "strategy")}) == []
    elsewhere = BRAMBLE_STRATEGY.replace("Our squad: two engineers with me, plus an analyst we "
                                         "borrow from Bramble.", "Bramble had two engineers.")
    found = _only(findings({"case-bramble.md": (BRAMBLE_CASE, "case-study"),
                            "strategy.md": (elsewhere, "strategy")}), "team-size")
    assert ("strategy.md", _line(elsewhere, "two engineers")) in _spans(found)


# --- a case study that never names its project --------------------------------------------

UNNAMED = """\
# Getting repairs booked before tenants give up

Lena Park · Head of Product, Fixhome · June 2024

## What we did

We replaced the phone queue with a booking flow. Our contractor, Tobiah, built it on
Formstack, and the Westgate office tested every screen.

The Westgate office piloted it with 30 tenants from 3 January 2024.
"""

UPDATE = """\
Subject: Wrenfield, 12 January 2024
To: Maya
From: Lena

Maya,

- The pilot at the west office has NOT started: the SMS number is still not approved.
- Registration should clear by the 24th; I will start the pilot the Monday after.
- Meanwhile our contractor Tobiah is fixing the reminder timing.
- A nudge from the support team at Formstack would help us.
"""

PLAN_NAMED = """\
# Career plan, 2024

- **Wrenfield.** On Wrenfield I handled the rollout plan and the tenant interviews.
"""


def test_an_unnamed_case_study_is_about_the_project_whose_documents_share_its_names() -> None:
    found = _only(findings({"case.md": (UNNAMED, "case-study"),
                            "update-2024-01-12.md": (UPDATE, "manager-update"),
                            "career-plan.md": (PLAN_NAMED, "career-plan")}),
                  "update-vs-case-study")
    assert found.project == "Wrenfield"
    assert _spans(found) == {("case.md", _line(UNNAMED, "piloted it")),
                             ("update-2024-01-12.md", _line(UPDATE, "has NOT started"))}


def test_an_unnamed_case_study_that_names_the_project_as_other_work_is_not_linked() -> None:
    other = UNNAMED.replace("We replaced the phone queue", "After Wrenfield, we replaced "
                            "the phone queue")
    assert findings({"case.md": (other, "case-study"),
                     "update-2024-01-12.md": (UPDATE, "manager-update"),
                     "career-plan.md": (PLAN_NAMED, "career-plan")}) == []


def test_two_unnamed_case_studies_are_not_both_linked_to_one_project() -> None:
    other = UNNAMED.replace("from 3 January 2024", "from 20 December 2023")
    assert findings({"case.md": (UNNAMED, "case-study"), "case-2.md": (other, "case-study"),
                     "update-2024-01-12.md": (UPDATE, "manager-update"),
                     "career-plan.md": (PLAN_NAMED, "career-plan")}) == []


def test_an_unnamed_case_study_sharing_one_name_only_is_not_linked() -> None:
    fewer = UNNAMED.replace("Our contractor, Tobiah, built it on\nFormstack",
                            "Our contractor built it on\na form tool")
    assert fewer != UNNAMED
    assert findings({"case.md": (fewer, "case-study"),
                     "update-2024-01-12.md": (UPDATE, "manager-update"),
                     "career-plan.md": (PLAN_NAMED, "career-plan")}) == []


# --- wordings of facts --------------------------------------------------------------------

SHIFTQUILL = """\
---
title: "ShiftQuill: rota planning for care homes"
period: May–November 2022
---

# ShiftQuill: rotas that home managers trust

As a Principal Product Manager at Carewise, I owned the rota rules; our first home was
the one in Dunmore.

## Team

The squad was seven people: two backend engineers, two mobile engineers, a tester, an
analyst and a designer.

## Launch and results

ShiftQuill launched at the first home on 9 November 2022.

| Measure | Before | After |
| --- | --- | --- |
| Unfilled shifts per week | 18 | 5 |
"""

SHIFTQUILL_PLAN = """\
# Career notes, 2023

| Years | Company | Role |
| --- | --- | --- |
| 2020–now | Carewise | Product Manager → Senior PM |

I joined Carewise in February 2020 as a Product Manager; in June 2022 I got promoted to Senior.

- **ShiftQuill.** A seven-person squad, which I led; the home in Dunmore went first.
"""

SHIFTQUILL_UPDATE = """\
**Date:** 2022-11-20
**Subject:** ShiftQuill: first home delayed

The go-live at the first home is moving to 5 December. It is still in trial mode while the
import is fixed.
"""


def test_titles_are_compared_only_between_one_authors_documents() -> None:
    """A folder may hold several people's documents: with nothing tying the case study to
    the career notes (no shared header name, company or product), titles are not compared."""
    strangers = SHIFTQUILL.replace(" at Carewise", "").replace("in Dunmore", "nearby")
    plan = SHIFTQUILL_PLAN
    assert _only(findings({"case.md": (SHIFTQUILL, "case-study"),
                           "career-plan.md": (plan, "career-plan")}), "title")
    assert [f for f in findings({"case.md": (strangers, "case-study"),
                                 "career-plan.md": (plan, "career-plan")})
            if f.id == "title"] == []


def test_titles_held_in_turn_and_a_promotion_to_a_bare_level() -> None:
    found = _only(findings({"case.md": (SHIFTQUILL, "case-study"),
                            "career-plan.md": (SHIFTQUILL_PLAN, "career-plan")}), "title")
    assert _spans(found) == {("case.md", _line(SHIFTQUILL, "Principal Product Manager")),
                             ("career-plan.md", _line(SHIFTQUILL_PLAN, "promoted to Senior"))}
    senior = SHIFTQUILL.replace("Principal Product Manager", "Senior Product Manager")
    assert findings({"case.md": (senior, "case-study"),
                     "career-plan.md": (SHIFTQUILL_PLAN, "career-plan")}) == []


def test_a_team_in_people_is_not_the_parts_of_a_sum_of_engineers() -> None:
    case = SHIFTQUILL.replace("Principal", "Senior")
    plan = SHIFTQUILL_PLAN.replace("seven-person squad", "four-person squad")
    found = _only(findings({"case.md": (case, "case-study"),
                            "career-plan.md": (plan, "career-plan")}), "team-size")
    assert "7 people" in found.message
    assert _spans(found) == {("case.md", _line(case, "squad was seven people")),
                             ("career-plan.md", _line(plan, "four-person squad"))}
    two = SHIFTQUILL_PLAN.replace("A seven-person squad", "A squad of two engineers")
    assert findings({"case.md": (case, "case-study"), "career-plan.md": (two, "career-plan")}
                    ) == []


def test_an_update_whose_launch_is_moving_or_still_in_a_trial_mode() -> None:
    case = SHIFTQUILL.replace("Principal", "Senior")
    found = _only(findings({"case.md": (case, "case-study"),
                            "update-2022-11-20.md": (SHIFTQUILL_UPDATE, "manager-update")}),
                  "update-vs-case-study")
    assert _spans(found) == {("case.md", _line(case, "launched at the first home")),
                             ("update-2022-11-20.md", _line(SHIFTQUILL_UPDATE, "is moving"))}
    later = case.replace("9 November 2022", "12 December 2022").replace(
        "May–November 2022", "May–December 2022")
    assert findings({"case.md": (later, "case-study"),
                     "update-2022-11-20.md": (SHIFTQUILL_UPDATE, "manager-update")}) == []


def test_a_metric_said_for_context_is_compared() -> None:
    decision = ("# Decision: should ShiftQuill plan agency shifts?\n\nAuthor: Sam · 10 January "
                "2023\n\nFor context, unfilled shifts per week across our homes dropped from "
                "{a} to {b} over the first two months.\n")
    case = SHIFTQUILL.replace("Principal", "Senior")
    found = _only(findings({"case.md": (case, "case-study"),
                            "decision.md": (decision.format(a=22, b=6), "decision")}), "metric")
    assert _spans(found) == {("case.md", _line(case, "| Unfilled shifts")), ("decision.md", 5)}
    assert findings({"case.md": (case, "case-study"),
                     "decision.md": (decision.format(a=18, b=5), "decision")}) == []


def test_the_same_baseline_with_another_result_disagrees_unless_dated() -> None:
    case = SHIFTQUILL.replace("Principal", "Senior")
    strategy = ("# Rota strategy, 2024\n\n## Where we stand\n\nShiftQuill has been in every "
                "home since it shipped in November 2022. It cut unfilled shifts per week from 18 "
                "to {b}.\n")
    found = _only(findings({"case.md": (case, "case-study"),
                            "strategy.md": (strategy.format(b="9"), "strategy")}), "metric")
    assert ("strategy.md", 5) in _spans(found)
    dated = strategy.format(b="9 in its first month")
    assert findings({"case.md": (case, "case-study"), "strategy.md": (dated, "strategy")}) == []


def test_halves_of_a_year_and_a_span_the_work_was_developed_over() -> None:
    when = parse_date("developed over the first half of 2019")
    assert when is not None and (when.start.month, when.end.month) == (1, 6)
    update = ("**Date:** 2020-05-14\n**Subject:** ShiftQuill: export fixed\n\nThe export "
              "reuses code from Quillby, which we developed over the second half of 2018.\n")
    found = _only(findings({"case-quillby.md": (QUILLBY, "case-study"),
                            "update-2020-05-14.md": (update, "manager-update")}), "dates")
    assert _spans(found) == {("case-quillby.md", _line(QUILLBY, "Work ran")),
                             ("update-2020-05-14.md", 4)}


# --- a third writer's wordings ------------------------------------------------------------

LOOMLY = """\
# Loomly: getting tailors paid on time

Priya Nair · Product Manager, Stitchworks · 2021

## My role

I was the lead PM for Loomly.

## The team

Six engineers and a designer worked on Loomly from kickoff to launch.

## Results

| Metric | Before | After |
| --- | --- | --- |
| Median days to payout | 16 | 3 |
"""

LOOMLY_PLAN = """\
# Career plan, 2023

| Years | Company | Title |
| --- | --- | --- |
| 2020–2022 | Stitchworks | Product Manager |

Loomly cut the median time to payout from {before} days to 3.
"""

LOOMLY_UPDATE = """\
Subject: Loomly weekly update, 3 May 2021
To: Arjun

**Team.** Our {n} engineers are on the payout rules this sprint.
"""


def _loomly(before: int = 16, n: int = 6) -> list[PortfolioFinding]:
    return findings({"case.md": (LOOMLY, "case-study"),
                     "career-plan.md": (LOOMLY_PLAN.format(before=before), "career-plan"),
                     "update-2021-05-03.md": (LOOMLY_UPDATE.format(n=n), "manager-update")})


def test_a_lead_pm_is_a_part_not_a_title_and_the_loomly_portfolio_is_consistent() -> None:
    assert _loomly() == []


def test_a_unit_in_the_metric_s_name_or_given_once_scales_both_figures() -> None:
    found = _only(_loomly(before=21), "metric")
    assert _spans(found) == {("case.md", _line(LOOMLY, "| Median days")),
                             ("career-plan.md", 7)}


def test_a_team_from_kickoff_to_launch_is_one_size() -> None:
    found = _only(_loomly(n=4), "team-size")
    assert _spans(found) == {("case.md", _line(LOOMLY, "Six engineers")),
                             ("update-2021-05-03.md", 4)}


def test_a_change_a_third_document_tells_explains_both_sizes() -> None:
    case = LOOMLY.replace("Six engineers and a designer worked on Loomly from kickoff to "
                          "launch.", "We began with four engineers; two more joined in May, "
                          "so we ended with six engineers.")
    plan = LOOMLY_PLAN.format(before=16) + "\nLoomly's team was four engineers.\n"
    docs = {"case.md": (case, "case-study"), "career-plan.md": (plan, "career-plan"),
            "update-2021-05-03.md": (LOOMLY_UPDATE.format(n=6), "manager-update")}
    assert findings(docs) == []
    docs["update-2021-05-03.md"] = (LOOMLY_UPDATE.format(n=9), "manager-update")
    found = _only(findings(docs), "team-size")
    assert {path for path, _ in _spans(found)} == {"case.md", "update-2021-05-03.md"}


def test_an_update_about_another_named_beta_is_not_this_project_s() -> None:
    case = LOOMLY + "\nWe opened a closed beta to 40 tailors in March 2021.\n"
    update = LOOMLY_UPDATE.format(n=6) + "\n- The {name} beta has not started yet.\n"
    docs = {"case.md": (case, "case-study"),
            "update-2021-05-03.md": (update.format(name="Threadwise"), "manager-update")}
    assert findings(docs) == []
    site = case.replace("to 40 tailors", "to 40 tailors at the Hillcrest market")
    docs = {"case.md": (site, "case-study"),
            "update-2021-05-03.md": (update.format(name="Hillcrest"), "manager-update")}
    assert [f.id for f in findings(docs)] == ["update-vs-case-study"]


def test_a_joining_title_dated_after_it_and_a_unit_in_a_prose_metric_s_name() -> None:
    case = LOOMLY.replace("Priya Nair · Product Manager, Stitchworks · 2021",
                          "Priya Nair · Senior PM, Stitchworks · 2021")
    plan = ("# Career plan, 2023\n\nI joined Stitchworks as a Product Manager in March 2019 "
            "and was promoted to Senior PM in January 2023.\n\nLoomly cut median days to "
            "payout from {before} to 3.\n")
    found = findings({"case.md": (case, "case-study"),
                      "career-plan.md": (plan.format(before=16), "career-plan")})
    title = _only(found, "title")
    assert _spans(title) == {("case.md", 3), ("career-plan.md", 3)}
    both = findings({"case.md": (case, "case-study"),
                     "career-plan.md": (plan.format(before=25), "career-plan")})
    assert sorted(f.id for f in both) == ["metric", "title"]


BERTHLY = """\
# Berthly: booking moorings in one tap

*Chen Wu · Product Manager · 2022*

I was the sole PM on Berthly.

Berthly became generally available on 3 October 2022, after a six-week beta at two marinas.
"""


def test_generally_available_after_a_beta_is_the_launch_and_a_shared_lead_is_not_sole() -> None:
    update = ("**Date:** 20 October 2022\n**Subject:** Berthly weekly\n\nBerthly general "
              "availability has slipped to 14 November.\n")
    found = _only(findings({"case.md": (BERTHLY, "case-study"),
                            "update-2022-10-20.md": (update, "manager-update")}),
                  "update-vs-case-study")
    assert _spans(found) == {("case.md", 7), ("update-2022-10-20.md", 4)}
    plan = "# Career plan\n\n- Berthly: I co-led it with another PM.\n"
    found = _only(findings({"case.md": (BERTHLY, "case-study"),
                            "career-plan.md": (plan, "career-plan")}), "role")
    assert _spans(found) == {("case.md", 5), ("career-plan.md", 3)}
    led = BERTHLY.replace("I was the sole PM on Berthly.", "I led Berthly.")
    assert findings({"case.md": (led, "case-study"), "career-plan.md": (plan, "career-plan")}
                    ) == []


VOLT_CASE = """\
# Keeping delivery vans charged overnight

Ana Silva · Senior Product Manager, Voltfleet · written March 2024

## The work

The scheduler we built, internally known as Sparkplan, staggers charging by route length.

## Team

We kicked off in May 2023 with three engineers. Two more engineers joined in August, so we
finished with five.

## Rollout

Sparkplan went nationwide on 6 November 2023.

## Results

| Measure | Before | After |
| --- | --- | --- |
| Vans not charged by 6 a.m. | 11% | 2% |

At the Porto depot alone, uncharged vans fell from 15% to 1%.
"""

VOLT_NOTE = """\
Subject: Sparkplan, 2 October 2023
To: Rui

- Our {n} engineers are on the depot dashboard.
- Nationwide rollout still planned for early November.

Ana Silva, Senior PM, Fleet Energy
"""

VOLT_PLAN = """\
# Career plan, spring 2024

I led Sparkplan with a team that grew from three to five engineers. Uncharged vans went
from 11% to 2%.
"""

VOLT_STRATEGY = """\
# Fleet energy strategy, 2024

Owner: Ana Silva · updated 2024-02-01

Sparkplan has been on every depot since it shipped in November 2023. It cut vans not
charged by 6 a.m. from {before}% to 2%.
"""


def _volt(n: int = 5, before: int = 11) -> list[PortfolioFinding]:
    return findings({"case.md": (VOLT_CASE, "case-study"),
                     "note.md": (VOLT_NOTE.format(n=n), "case-study"),  # a note misread
                     "career-plan.md": (VOLT_PLAN, "career-plan"),
                     "strategy.md": (VOLT_STRATEGY.format(before=before), "strategy")})


def test_a_consistent_portfolio_with_a_note_read_as_a_case_study_is_silent() -> None:
    assert _volt() == []


def test_a_size_no_document_explains_against_one_a_change_explains() -> None:
    found = _only(_volt(n=4), "team-size")
    assert _spans(found) == {("case.md", _line(VOLT_CASE, "three engineers")),
                             ("note.md", 4)}


def test_a_clock_time_does_not_end_a_metric_s_name() -> None:
    found = _only(_volt(before=14), "metric")
    figures = next(s for s in found.spans if s.path == "strategy.md")
    assert (figures.line, figures.end_line) == (5, 6)  # the name, then the figures
    assert figures.quote in VOLT_STRATEGY.format(before=14).split("\n")[5]
    assert ("case.md", _line(VOLT_CASE, "| Vans not charged")) in _spans(found)


DRIFT_CASE = """\
# DriftNet: warning fishers before the weather turns

**Tomas Lind, Senior Product Manager, Seacast**
**September 2022 – March 2023**

## Team

We started with four engineers and a designer. In January two more engineers joined, so
we finished with six engineers.

## Launch

DriftNet switched on for all 120 pilot boats on 1 March 2023.
"""

DRIFT_NOTE = """\
Date: 10 February 2023
To: Ingrid (Head of Product)
Re: DriftNet, boats that go silent

Hi Ingrid,

**Timeline.** The team is now six engineers since the January hires. {status}

Tomas
"""

DRIFT_PLAN = """\
Career plan, written October 2023

- 2021–now, Seacast. On DriftNet I first led a growing team, from {start} engineers to six
after the January hires.
"""


def _drift(status: str = "We're still on track to switch DriftNet on for the pilot boats "
           "on 1 March.", start: str = "four") -> list[PortfolioFinding]:
    return findings({"case.md": (DRIFT_CASE, "case-study"),
                     "update-2023-02-10.md": (DRIFT_NOTE.format(status=status),
                                              "manager-update"),
                     "career-plan.md": (DRIFT_PLAN.format(start=start), "career-plan")})


def test_a_team_that_grew_the_same_way_everywhere_is_consistent() -> None:
    assert _drift() == []


def test_the_size_at_the_start_must_match() -> None:
    found = _only(_drift(start="three"), "team-size")
    assert {path for path, _ in _spans(found)} == {"case.md", "career-plan.md"}
    assert ("case.md", _line(DRIFT_CASE, "four engineers")) in _spans(found)


def test_an_update_that_says_a_stage_was_live_before_it_was() -> None:
    found = _only(_drift(status="DriftNet has been live on the pilot boats since 2 February."),
                  "update-vs-case-study")
    assert _spans(found) == {("case.md", _line(DRIFT_CASE, "switched on")),
                             ("update-2023-02-10.md", 7)}
