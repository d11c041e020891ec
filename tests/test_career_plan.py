"""The career-plan critic: durations, each criterion met and not met, detection, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import detected

from pmcoach import Document, Verdict
from pmcoach.cli import main
from pmcoach.review import CriterionResult
from pmcoach.rules import load_kind
from pmcoach.testing import check_grounded
from pmcoach_career_plan import FUNCTIONS, KIND_FILE
from pmcoach_career_plan.dates import clock, durations, parse_date, ranges, today_for

TODAY = dt.date(2025, 6, 15)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "career-plan"


CRITIC = load_kind(KIND_FILE)
CRITIC.bind(FUNCTIONS)


def check(doc: Document, today: dt.date = TODAY) -> list[CriterionResult]:
    """The critic's results with "present" meaning ``today``."""
    with clock(today):
        return CRITIC.check(doc)


def verdicts(text: str) -> dict[str, Verdict]:
    doc = Document.from_text(text)
    return {r.id: r.verdict for r in check(doc)}


def result(text: str, cid: str) -> CriterionResult:
    return next(r for r in check(Document.from_text(text)) if r.id == cid)


# --- durations ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "months", "ongoing"), [
    ("2019–2021", 24, False),
    ("2019 - 2021", 24, False),
    ("2019-21", 24, False),
    ("Jan 2019 - Mar 2021", 27, False),
    ("January 2019 to December 2020", 24, False),
    ("Sept. 2017 — Dec 2019", 28, False),
    ("03/2019 – present", 76, True),
    ("2018-03 – 2019-01", 11, False),
    ("Q1 2020 to Q3 2021", 19, False),
    ("since March 2022", 40, True),
    ("Feb 2024 – now", 17, True),
    ("joined Globex in 2019 and stayed until 2023", 48, False),
])
def test_ranges(text: str, months: int, ongoing: bool) -> None:
    [stay] = ranges(text, TODAY)
    assert stay.months == months
    assert stay.ongoing is ongoing


@pytest.mark.parametrize(("text", "months"), [
    ("I stayed 2 years", 24), ("18 months at Acme", 18), ("1.5 yrs", 18),
    ("two and a half years", 30), ("a year and a half", 18), ("2 years and 3 months", 27),
    ("for three years", 36), ("9 months", 9),
])
def test_durations(text: str, months: int) -> None:
    [stay] = durations(text)
    assert stay.months == months


@pytest.mark.parametrize("text", [
    "in 5 years I want to run product", "10 years of experience", "within two years",
    "over the next 3 years", "two years ago",
])
def test_horizons_are_not_stays(text: str) -> None:
    assert durations(text) == []


def test_parse_date_rejects_non_dates() -> None:
    assert parse_date("13/2019") is None
    assert parse_date("hello") is None
    assert parse_date("Mar 2021") == (2021, 3)


def test_planned_range_has_upper_bound() -> None:
    [stay] = durations("I plan to stay 2-3 years")
    assert (stay.months, stay.upper) == (24, 36)


def test_present_uses_injected_date() -> None:
    doc = Document.from_text("- Acme, PM, Jan 2024 – present: compensation.\n")
    assert next(r for r in check(doc) if r.id == "tenure").verdict is Verdict.MET
    late = next(r for r in check(doc, dt.date(2028, 1, 1)) if r.id == "tenure")
    assert late.verdict is not Verdict.MET
    assert "long stay" in late.findings[0].message


# --- tenure ------------------------------------------------------------------------------

IN_RANGE = """\
- Acme, PM, Jan 2018 – Dec 2019: compensation.
- Globex, Senior PM, Jan 2020 – Jun 2022: industry expertise in payments.
- Initech, Lead PM, Aug 2022 – present: management.
"""
SHORT = """\
- Acme, PM, Jan 2018 – Dec 2019: compensation.
- Globex, Senior PM, Jan 2020 – Sep 2020: industry expertise in payments.
- Initech, Lead PM, Oct 2020 – Dec 2022: management.
"""
SHORT_EXPLAINED = SHORT.replace(
    "payments.", "payments. I left because the company folded.")
LONG = ("- Acme, PM, 2012 – 2019: compensation; I was never bored.\n"
        "- Globex, PM, 2019 – 2021: impact.\n")
LONG_EXPLAINED = LONG.replace("I was never bored", "stayed longer to see the IPO through")


def test_tenure_met_in_range() -> None:
    assert verdicts(IN_RANGE)["tenure"] is Verdict.MET


def test_tenure_short_stay_flagged_with_quote() -> None:
    res = result(SHORT, "tenure")
    assert res.verdict is Verdict.PARTIAL
    [flag] = res.findings
    assert "Globex" in flag.quote and flag.line == 2 and "short stay" in flag.message


def test_tenure_short_stay_explained_is_fine() -> None:
    assert verdicts(SHORT_EXPLAINED)["tenure"] is Verdict.MET


def test_tenure_long_stay_flagged_and_explained() -> None:
    res = result(LONG, "tenure")
    assert res.verdict is Verdict.PARTIAL and "long stay" in res.findings[0].message
    assert verdicts(LONG_EXPLAINED)["tenure"] is Verdict.MET


def test_tenure_missing_without_dates() -> None:
    assert verdicts("I worked at Acme as a PM and then at Globex.")["tenure"] is Verdict.MISSING


def test_tenure_prose_durations() -> None:
    text = ("I spent two years as a PM at Acme for the salary. Then I was a senior PM at Globex "
            "for 30 months, which taught me lending.")
    assert verdicts(text)["tenure"] is Verdict.MET


def test_ongoing_short_stay_is_not_flagged() -> None:
    assert verdicts("- Initech, PM, Jan 2025 – present: management.")["tenure"] is Verdict.MET


def test_tenure_all_unexplained_outliers_is_missing() -> None:
    text = "- Acme, PM, Jan 2020 – Jun 2020\n- Globex, PM, Jul 2020 – Mar 2021\n"
    assert verdicts(text)["tenure"] is Verdict.MISSING


# --- spikes ------------------------------------------------------------------------------

SPIKES = """\
| Years | Role | Spike |
| --- | --- | --- |
| 2017–2019 | APM at an ads company | compensation |
| 2019–2022 | PM at a health non-profit | social impact |
| 2022–present | Senior PM at a fintech | industry expertise in lending |

Next role: a group PM job, for management experience I don't have yet.
"""


def test_spikes_met_for_every_role() -> None:
    res = result(SPIKES, "spikes-named")
    assert res.verdict is Verdict.MET
    assert res.evidence


def test_spikes_missing_when_roles_name_no_needs() -> None:
    text = "- Acme, PM, 2017–2019\n- Globex, PM, 2019–2022\n- Initech, PM, 2022–present\n"
    res = result(text, "spikes-named")
    assert res.verdict is Verdict.MISSING
    # One finding (at the first role) that counts them all: a verdict table gives one per
    # criterion.
    assert len(res.findings) == 1 and "3 roles" in res.findings[0].message
    assert res.findings[0].line == 1


def test_spikes_partial_when_some_roles_name_needs() -> None:
    text = ("- Acme, PM, 2017–2019: the salary.\n- Globex, PM, 2019–2022\n"
            "- Initech, PM, 2022–present\n")
    assert verdicts(text)["spikes-named"] is Verdict.PARTIAL


# --- long-term goal, life phase, next move -----------------------------------------------

def test_goal_met_when_tied_to_roles() -> None:
    text = ("My long-term goal is to become a VP of Product. Managing two PMs now prepares me "
            "for that.")
    assert verdicts(text)["long-term-goal"] is Verdict.MET


def test_goal_partial_when_untied_and_missing_when_absent() -> None:
    assert verdicts("Eventually I want to become a director.")["long-term-goal"] is Verdict.PARTIAL
    assert verdicts("- Acme, PM, 2017–2019: salary.")["long-term-goal"] is Verdict.MISSING


def test_life_phase_levels() -> None:
    met = ("Early in my career I chased pay. Now that we have two kids, flexibility matters "
           "more than title.")
    assert verdicts(met)["life-phase"] is Verdict.MET
    assert verdicts("I like remote work and a short commute.")["life-phase"] is Verdict.PARTIAL
    assert verdicts("- Acme, PM, 2017–2019: salary.")["life-phase"] is Verdict.MISSING


def test_next_move_levels() -> None:
    met = "My next move is a GPM role, to get the management experience I haven't had."
    assert verdicts(met)["next-move"] is Verdict.MET
    assert verdicts("My next role will be at a bigger company.")["next-move"] is Verdict.PARTIAL
    assert verdicts("- Acme, PM, 2017–2019: salary.")["next-move"] is Verdict.MISSING


# --- grounding ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.md")), ids=lambda p: p.name)
def test_every_quote_is_in_the_document_at_its_lines(path: Path) -> None:
    with clock(TODAY):
        results = check_grounded(CRITIC, path.read_text(), str(path))
    assert any(r.evidence or r.findings for r in results)


def test_examples_score_as_labelled() -> None:
    def score(name: str) -> float:
        doc = Document.from_text((EXAMPLES / name).read_text())
        return sum(r.verdict.points for r in check(doc)) / 5
    assert score("strong.md") >= 0.9
    assert score("prose-strong.md") >= 0.9
    assert score("weak.md") <= 0.4


# --- detection ---------------------------------------------------------------------------

def _other_critics() -> dict[str, object]:
    from pmcoach.plugins import load
    return dict(load().critics)


CAREER_FORMS = {
    "table": SPIKES,
    "bullets-no-heading": ("* 2014-2016: APM at a bank, for the money.\n"
                           "* 2016-2019: PM at an insurer; industry expertise.\n"
                           "* next: a people-manager role to build management chops.\n\n"
                           "Eventually I'd like to be a VP of product."),
    "email": ("Hi Sam,\n\nFollowing up on our chat about my career. I've been a PM at a logistics "
              "company for two years now; before that I spent 14 months at an agency. My next "
              "role should give me management experience. My long-term goal is to become a "
              "director. We're expecting a baby, so stability matters more this year.\n\nThanks"),
    "front-matter": ("---\ntitle: Five-year plan\nauthor: Lee\n---\n## Looking back\n"
                     "Acme (2015–2018) paid well. Globex (2018–2021) gave me domain depth.\n"
                     "## Now\nI joined Initech in 2021 to lead a team.\n"
                     "## Next\nMy next move is a director role; a family move to Lisbon shapes "
                     "where.\n"),
    "portfolio-of-roles": ("# My career portfolio\n\nI treat my career as a portfolio of roles, "
                           "each a spike.\n- Fintech (2018–2020): compensation\n"
                           "- Big tech (2020–2023): promoted to senior, advancement\n"
                           "- Now: climate startup, impact\n\nNext I'd like to add a management "
                           "role to the portfolio."),
}


@pytest.mark.parametrize("form", sorted(CAREER_FORMS))
def test_detects_career_plans_in_many_forms(form: str) -> None:
    assert detected(CAREER_FORMS[form]) == "career-plan"


NOT_CAREER = {
    "case-study": ("# Checkout at Shopwise\n\nI was the senior PM on checkout (2021–2023). "
                   "Conversion had stalled at 2.1%. I interviewed 14 customers and we A/B tested "
                   "two designs. Conversion rose from 2.1% to 2.6% within two months. I learned to "
                   "validate the problem first; the project helped my career."),
    "manager-update": ("Hi Sam, quick update on the promotion criteria for my team. Two PMs find "
                       "them vague; I'm writing examples per level. Any thoughts?"),
    "strategy": ("# Payroll strategy\n## Vision\nSmall firms run payroll in minutes.\n## Target "
                 "market\nUS firms with 5-50 staff.\n## Roadmap\n- Q1 onboarding\n- Q2 taxes\n"),
    "portfolio": (EXAMPLES.parent / "portfolio-strategy" / "strong.md").read_text()
    if (EXAMPLES.parent / "portfolio-strategy" / "strong.md").exists() else "Our products.",
}


@pytest.mark.parametrize("kind", sorted(NOT_CAREER))
def test_other_kinds_are_not_career_plans(kind: str) -> None:
    assert detected(NOT_CAREER[kind]) != "career-plan"


# --- end to end --------------------------------------------------------------------------

def test_cli_json_review(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(SHORT + "\nMy long-term goal is to become a CPO.\n")
    out = CliRunner().invoke(main, ["review", str(path), "--format", "json",
                                    "--kind", "career-plan"])
    assert out.exit_code in (0, 1), out.output
    report = json.loads(out.stdout)
    [review] = report["results"]
    assert review["kind"] == "career-plan"
    assert [c["id"] for c in review["criteria"]] == [
        "spikes-named", "tenure", "long-term-goal", "life-phase", "next-move"]
    tenure = [f for f in review["findings"] if f["criterion"] == "tenure"]
    assert tenure and tenure[0]["line"] == 2 and "Globex" in tenure[0]["quote"]


# --- forms people write ------------------------------------------------------------------

def test_joined_date_in_current_role_is_an_ongoing_stay() -> None:
    text = ("Right now I'm a senior PM at a healthcare company (joined March 2020). I picked it "
            "for the mission.")
    res = result(text, "tenure")
    assert res.verdict is Verdict.PARTIAL and "and counting" in res.findings[0].message


def test_future_year_role_is_the_next_move() -> None:
    text = "In 2027 or so I want a group PM role to build management experience."
    assert verdicts(text)["next-move"] is Verdict.MET


def test_aspiration_to_senior_role_is_a_goal() -> None:
    text = ("I'd like to become a Head of Product within three years. To get there I need to "
            "lead a team.")
    assert verdicts(text)["long-term-goal"] is Verdict.MET


def test_heading_per_role() -> None:
    text = ("## 2017–2019: APM at Acme\nThe pay was the point.\n\n"
            "## 2019–present: PM at Globex\nI am learning the lending domain in depth.\n")
    res = result(text, "spikes-named")
    assert res.verdict is Verdict.MET
    assert {e.line for e in res.evidence} == {1, 4}


def test_a_sentence_that_mentions_a_job_is_not_a_role() -> None:
    from pmcoach_career_plan.roles import find_roles

    doc = Document.from_text("I stopped looking for the perfect job long ago.\n\n"
                             "My long-term goal is to become a VP of Product.\n\n"
                             "- Acme, PM, 2018–2020: compensation.\n")
    assert [r.anchor.line for r in find_roles(doc, TODAY)] == [5]


def test_planned_stay_in_range_counts_and_short_plan_does_not() -> None:
    assert verdicts("I plan to stay 2-3 years in each role.")["tenure"] is Verdict.MET
    assert verdicts("I plan to stay 12 months in each role.")["tenure"] is not Verdict.MET


def test_front_matter_date_is_now() -> None:
    text = "---\ndate: 2024-02-01\n---\n- Acme, PM, Jan 2022 – now: management.\n"
    doc = Document.from_text(text)
    with clock(TODAY):
        assert today_for(doc) == dt.date(2024, 2, 1)
    assert next(r for r in check(doc) if r.id == "tenure").verdict is Verdict.MET


def test_stated_length_beats_year_only_range() -> None:
    from pmcoach_career_plan.roles import find_roles

    doc = Document.from_text("**Product lead, CI start-up (2016 to 2017, 11 months).**\n")
    [role] = find_roles(doc, TODAY)
    assert role.stay is not None and role.stay.months == 11


def test_undecided_next_move_is_partial() -> None:
    text = ("## What's next\nTwo options I'm weighing: a VP role at a startup, which adds "
            "managing managers, or a GM role at my company. I haven't decided yet.")
    res = result(text, "next-move")
    assert res.verdict is Verdict.PARTIAL and "open" in res.message


def test_plan_without_a_goal_says_so() -> None:
    text = ("I honestly don't know where I want to be in ten years. I used to say VP of "
            "Product, but I no longer know whether I want that.")
    assert verdicts(text)["long-term-goal"] is Verdict.MISSING


def test_goal_section_without_goal_words() -> None:
    text = ("## Long-term goal\nBecome VP of Product at a health company within eight years; "
            "the roles I pick build toward that.\n")
    assert verdicts(text)["long-term-goal"] is Verdict.MET


def test_role_lines_without_dates_count_as_roles() -> None:
    text = ("## Roles\n- **Product analyst, retail.** Taught me SQL.\n"
            "- **PM, HR software.** Around two years; industry expertise in HR tech.\n"
            "- **Senior PM, workflow start-up (current).** I own integrations.\n")
    res = result(text, "spikes-named")
    assert res.verdict is Verdict.PARTIAL
    assert verdicts(text)["tenure"] is Verdict.PARTIAL  # one of three roles has a length


def test_reorg_and_acquihire_explain_stays() -> None:
    text = ("- Acme, PM, 2018-01 to 2018-10: left early, the team was acqui-hired.\n"
            "- Globex, PM, 2018-11 to 2023-06: I stayed through a re-org I wanted to see "
            "through.\n")
    assert verdicts(text)["tenure"] is Verdict.MET


def test_children_named_as_daughter_or_twins_are_a_life_phase() -> None:
    met = ("The twins are eighteen months old, so right now stability matters more than a pay "
           "rise. That will change again when they start school.")
    assert verdicts(met)["life-phase"] is Verdict.MET
    assert verdicts("- Acme, PM, 2017–2019: salary and scope.")["life-phase"] is Verdict.MISSING


def test_relocating_or_a_job_move_alone_is_not_a_life_phase() -> None:
    settled = "Now that we're settled in Bristol I'm less interested in relocating than I was."
    assert verdicts(settled)["life-phase"] is Verdict.PARTIAL
    job_move = "- Move to a bigger company with a bigger title after that"
    assert verdicts(job_move)["life-phase"] is Verdict.MISSING


def test_goal_with_approximate_year_is_a_goal() -> None:
    text = ("Long-term goal\n\n- Become a CPO at a climate-tech company by ~2032. Every role "
            "between now and then should add climate domain depth.\n\n"
            "- Senior PM, energy retailer (2019–2022): industry expertise, "
            "a climate-tech foundation.\n")
    assert verdicts(text)["long-term-goal"] is Verdict.MET
    assert verdicts("- Become a better PM.\n")["long-term-goal"] is Verdict.MISSING


def test_next_move_is_not_the_long_term_goal() -> None:
    text = ("| Role | Company | Dates | What it gave me |\n|---|---|---|---|\n"
            "| PM | Freightly (Series A) | 2019–2020 (11 months) | Compensation |\n\n"
            "**Goal:** VP Product somewhere in logistics tech.\n\n"
            "**Next:** I'd like to move into a Head of Product role at a Series B logistics "
            "startup within the next 12 months.\n")
    assert verdicts(text)["long-term-goal"] is Verdict.PARTIAL


def test_staying_put_names_no_next_move() -> None:
    text = ("A couple of years ago I'd have been itching for the next step; right now I want "
            "stability. I'm staying put for the foreseeable and will look again later.")
    assert verdicts(text)["next-move"] is Verdict.MISSING
    planned = ("## Next move (2026)\n\nDirector of Product at a health startup, to gain "
               "management experience. Until then I'm staying put.")
    assert verdicts(planned)["next-move"] is Verdict.MET


def test_opening_line_date_is_now() -> None:
    doc = Document.from_text("# Career plan\n\nLast updated: May 2023\n\n- PM, Acme, 2021 – now\n")
    with clock(dt.date(2026, 1, 1)):
        assert today_for(doc) == dt.date(2023, 5, 1)


def test_undated_plan_is_no_later_than_the_move_it_plans() -> None:
    # Read years later, the current stay is counted to the planned move, not to the clock.
    text = ("- Jan 2020 – Dec 2021 · PM, Acme. Compensation.\n"
            "- Jan 2022 – now · Senior PM, Globex. Management.\n"
            "- Next, 2023 · Group PM at a lender. Industry expertise in lending.\n")
    assert verdicts(text)["tenure"] is Verdict.MET
    with clock(dt.date(2030, 1, 1)):
        assert CRITIC.check(Document.from_text(text))[1].verdict is Verdict.MET


def test_narrative_next_does_not_move_now() -> None:
    text = ("- Jan 2015 – Dec 2016 · PM, Acme.\n"
            "- Next, in 2017, I joined Globex as a senior PM.\n"
            "- Jan 2019 – now · Lead PM, Initech.\n")
    res = result(text, "tenure")
    assert res.verdict is Verdict.PARTIAL and "long stay" in res.findings[0].message


def test_length_so_far_later_in_the_paragraph_beats_the_clock() -> None:
    text = ("Since March 2020 I've been a senior PM at Globex, for management. "
            "Two years in. It is going well.")
    assert verdicts(text)["tenure"] is Verdict.MET


def test_hedged_goal_is_partial_and_a_firm_one_met() -> None:
    tie = "Every role so far was chosen with that goal in mind."
    hedged = "Long term, maybe head of product at a museum group, maybe teaching. " + tie
    firm = "My long-term goal is to become head of product at a museum group. " + tie
    assert verdicts(hedged)["long-term-goal"] is Verdict.PARTIAL
    assert verdicts(firm)["long-term-goal"] is Verdict.MET


def test_a_shared_word_in_a_company_name_is_not_the_goals_field() -> None:
    goal = "My long-term goal is to run product at a robotics firm.\n\n"
    named = goal + "- Senior PM, Kestrel Robotics (2019–2022): payments.\n"
    field = goal + "- Senior PM, warehouse robotics (2019–2022): payments.\n"
    assert verdicts(named)["long-term-goal"] is Verdict.PARTIAL
    assert verdicts(field)["long-term-goal"] is Verdict.MET
