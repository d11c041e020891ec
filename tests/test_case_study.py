"""The built-in case-study critic: every criterion met and not met, honest quotes,
detection against other kinds of text, and the CLI end to end on the weak example."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import detected

from pmcoach import CriterionResult, Document, Verdict
from pmcoach.cli import main
from pmcoach.rules import load_kind
from pmcoach.rules.engine import Match
from pmcoach_case_study import FUNCTIONS, KIND_FILE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "case-study"
CRITIC = load_kind(KIND_FILE)
CRITIC.bind(FUNCTIONS)
IDS = ["context", "problem-discovery", "solution-discovery", "personal-role", "team-leadership",
       "quantified-impact", "narrative-consistency", "reflection"]


def doc(text: str) -> Document:
    return Document.from_text(textwrap.dedent(text).strip() + "\n", "inline.md")


def check(criterion: str, document: Document) -> CriterionResult:
    """One criterion's result, as the critic gives it."""
    return CRITIC.criterion(criterion).check(document)


def matches(criterion: str, document: Document) -> dict[str, list[Match]]:
    """What each rule of a criterion matched."""
    return CRITIC.criterion(criterion).run(document)[0]


def verdicts(document: Document) -> dict[str, Verdict]:
    return {r.id: r.verdict for r in CRITIC.check(document)}


def assert_quotes_in_file(document: Document, results: list[CriterionResult]) -> int:
    """Every evidence and finding quote is the file's own text at the lines it claims."""
    checked = 0
    for r in results:
        spans = [(e.line, e.end_line, e.quote) for e in r.evidence]
        spans += [(f.line, f.end_line, f.quote) for f in r.findings if f.quote is not None]
        for line, end_line, quote in spans:
            assert line is not None and end_line is not None and 1 <= line <= end_line
            text = " ".join(" ".join(document.lines[line - 1:end_line]).split())
            assert " ".join(quote.split()) in text, (r.id, line, quote)
            checked += 1
    return checked


# --- the plugin itself --------------------------------------------------------------------

def test_rubric_ids_and_prompt() -> None:
    assert CRITIC.kind == "case-study"
    assert CRITIC.rubric.ids == IDS
    assert CRITIC.prompt_id == "case-study/v1"
    assert all(c.description for c in CRITIC.rubric.criteria)


def test_registered_through_the_plugin_loader() -> None:
    from pmcoach import plugins

    registry = plugins.load()
    assert isinstance(registry.critics["case-study"], type(CRITIC))
    info = next(p for p in registry.plugins if p.name == "pmcoach_case_study")
    assert info.kinds == ["case-study"]


def test_check_returns_every_criterion_in_order() -> None:
    assert [r.id for r in CRITIC.check(doc("Just one line."))] == IDS


# --- examples -----------------------------------------------------------------------------

def test_strong_example_meets_everything() -> None:
    document = Document.from_text((EXAMPLES / "strong.md").read_text(), "strong.md")
    assert set(verdicts(document).values()) == {Verdict.MET}


def test_weak_example_fails_many_criteria() -> None:
    document = Document.from_text((EXAMPLES / "weak.md").read_text(), "weak.md")
    results = {r.id: r for r in CRITIC.check(document)}
    assert results["personal-role"].verdict is Verdict.MISSING
    assert results["quantified-impact"].verdict is Verdict.PARTIAL
    assert results["narrative-consistency"].verdict is Verdict.MISSING
    assert results["reflection"].verdict is Verdict.MISSING
    assert results["problem-discovery"].verdict is Verdict.MISSING
    assert results["solution-discovery"].verdict is Verdict.MISSING
    # One finding per criterion; the rule's matches hold every vague sentence.
    vague = matches("personal-role", document)["vague"]
    assert {m.span.line for m in vague} == {5, 13}
    assert len(vague) == 3  # "involved in", "helped with", "was part of"
    (finding,) = results["personal-role"].findings
    assert "Vague ownership" in finding.suggestion and "3 sentences" in finding.message
    (conflict,) = results["narrative-consistency"].findings
    assert len(matches("narrative-consistency", document)["contradiction"]) == 4  # 2 pairs
    assert "team of 6 engineers" in conflict.message and "5 engineers" in conflict.message
    assert "six-month project" in conflict.message and "after 4 months" in conflict.message


def test_medium_plain_text_example() -> None:
    document = Document.from_text((EXAMPLES / "medium.txt").read_text(), "medium.txt")
    got = verdicts(document)
    assert got["context"] is Verdict.MET
    assert got["personal-role"] is Verdict.MET
    assert got["quantified-impact"] is Verdict.PARTIAL  # no time frame ("weekly" is a rate)
    assert got["reflection"] is Verdict.PARTIAL


@pytest.mark.parametrize("name", ["strong.md", "weak.md", "medium.txt"])
def test_example_quotes_are_real(name: str) -> None:
    document = Document.from_text((EXAMPLES / name).read_text(), name)
    assert assert_quotes_in_file(document, CRITIC.check(document)) > 0


# --- context ------------------------------------------------------------------------------

def test_context_met_when_the_opening_sets_the_scene() -> None:
    r = check("context", doc("""
        # Faster payouts
        I was the product manager for payouts at Mintly, a Series B fintech startup whose
        app serves 9,000 independent merchants. We had a hard deadline: the card network
        changed its rules in June.

        ## What happened
        We rebuilt the payout flow.
        """))
    assert r.verdict is Verdict.MET
    assert r.evidence


def test_context_partial_when_it_only_comes_late() -> None:
    text = "\n\n".join(["We changed the signup form and shipped it."] * 6 + [
        "For context, I was the PM at Mintly, a Series B startup serving 9,000 merchants, "
        "and we had a tight deadline."])
    r = check("context", doc(text))
    assert r.verdict is Verdict.PARTIAL
    assert "later" in r.message


def test_context_missing() -> None:
    r = check("context", doc("We changed the form. It went well. Then we moved on."))
    assert r.verdict is Verdict.MISSING
    assert "title" in r.suggestion


# --- problem discovery --------------------------------------------------------------------

def test_problem_discovery_met_with_two_kinds_of_evidence() -> None:
    r = check("problem-discovery", doc("""
        I interviewed 12 merchants who had stopped using payouts. Most of them said the
        transfer took too long. The funnel data confirmed it: 40% abandoned at the bank step.
        """))
    assert r.verdict is Verdict.MET
    assert len(r.evidence) >= 2


def test_problem_discovery_partial_when_only_stated() -> None:
    r = check("problem-discovery", doc("The problem was that merchants were frustrated."))
    assert r.verdict is Verdict.PARTIAL
    assert "not how it was discovered" in r.message


def test_problem_discovery_missing() -> None:
    r = check("problem-discovery", doc("We redesigned the page and launched it in May."))
    assert r.verdict is Verdict.MISSING


# --- solution discovery -------------------------------------------------------------------

def test_solution_discovery_met() -> None:
    r = check("solution-discovery", doc("""
        We considered three options: instant payouts, a status tracker and a fee discount.
        I built prototypes of the first two and tested them with six merchants. I chose the
        tracker because it solved the anxiety without new banking partners.
        """))
    assert r.verdict is Verdict.MET


def test_solution_discovery_partial_without_rationale_or_tests() -> None:
    r = check("solution-discovery", doc("We considered a few options and built the tracker."))
    assert r.verdict is Verdict.PARTIAL
    assert "why the chosen option won" in r.message


def test_solution_discovery_missing() -> None:
    r = check("solution-discovery", doc("We built the tracker. It launched in May."))
    assert r.verdict is Verdict.MISSING


# --- personal role ------------------------------------------------------------------------

def test_personal_role_met_with_first_person_decisions() -> None:
    r = check("personal-role", doc("""
        I decided to drop the discount option. I wrote the spec and ran the pilot with six
        merchants. We built the tracker in three sprints. I negotiated the launch date with
        support.
        """))
    assert r.verdict is Verdict.MET
    assert not r.findings


def test_personal_role_flags_each_vague_sentence() -> None:
    document = doc("""
        I helped with the payouts redesign.
        I was involved in the research.
        We built the tracker. We launched it. We measured it. We celebrated.
        Our support team supported the launch.
        """)
    r = check("personal-role", document)
    assert r.verdict is Verdict.MISSING
    vague = matches("personal-role", document)["vague"]
    assert [m.span.line for m in vague] == [1, 2]  # the support team's "supported" is not yours
    assert [f.line for f in r.findings] == [1] and "Vague ownership" in r.findings[0].suggestion
    assert {e.line for e in r.evidence} == {1, 2}
    assert assert_quotes_in_file(document, [r]) >= 2


def test_personal_role_partial_when_we_dominates() -> None:
    # One vague sentence among clear ones is not the verdict; the ratio is.
    r = check("personal-role", doc("""
        I decided to start with the tracker. We interviewed merchants. We built the flow.
        We tested it. We shipped it. We fixed bugs. We measured the results. We iterated.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert any("'We' everywhere" in f.message for f in r.findings)


def test_personal_role_met_despite_one_vague_phrase() -> None:
    document = doc("""
        I decided to start with the tracker. I wrote the spec. I ran the pilot. I cut the
        discount idea. I presented the results. I also helped with the launch emails.
        """)
    r = check("personal-role", document)
    assert r.verdict is Verdict.MET
    # A met criterion has no finding; the vague sentence is still found, once.
    assert [m.span.line for m in matches("personal-role", document)["vague"]] == [2]


def test_personal_role_counts_resume_style_bullets() -> None:
    # A list item that starts with a past-tense verb is the author speaking.
    r = check("personal-role", doc("""
        - Led the pricing research with twelve customers.
        - Wrote the spec for the new plans page.
        - Ran the pilot with six merchants.
        """))
    assert r.verdict is Verdict.MET


# --- team leadership ----------------------------------------------------------------------

def test_team_leadership_met_with_conflict_and_alignment() -> None:
    r = check("team-leadership", doc("""
        The head of sales pushed back because the change touched renewals. I walked her and
        the engineering lead through the churn data and we agreed to pilot with ten accounts.
        """))
    assert r.verdict is Verdict.MET


def test_team_leadership_partial_without_disagreement() -> None:
    r = check("team-leadership", doc("I worked closely with the engineers on the launch."))
    assert r.verdict is Verdict.PARTIAL
    assert "disagreement" in r.message


def test_team_leadership_missing() -> None:
    r = check("team-leadership", doc("The page was slow. A new page was built. It is fast."))
    assert r.verdict is Verdict.MISSING


@pytest.mark.parametrize("opening", [
    "**Role:** Senior Product Manager, Payments · **Company:** Lattice Pay (Series B)",
    "**Me:** Product Owner, Dispatch · **Company:** Northway Parcels (Series A)",
    "When I joined Lattice Pay as the company's first product manager, a Series B startup.",
])
def test_context_role_as_a_labelled_field_or_possessive(opening: str) -> None:
    r = check("context", doc(f"""
        {opening}

        We sell invoicing software to freelancers; the hard deadline was the January renewal.
        """))
    assert r.verdict is Verdict.MET


def test_context_labelled_fields_without_a_title_miss_the_role() -> None:
    r = check("context", doc("""
        **Company:** Lattice Pay (Series B) · **When:** 2022

        We sell invoicing software to freelancers; the hard deadline was the January renewal.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert "title" in r.message


def test_solution_discovery_test_arms_and_result_based_choice() -> None:
    # A multi-arm test compares options; "so we shipped (b)" says why the winner won.
    r = check("solution-discovery", doc("""
        We ran a three-arm A/B test for four weeks: a hard cap, an adaptive cap, and control.
        The adaptive cap reduced opt-outs without hurting workouts, so we shipped it.
        """))
    assert r.verdict is Verdict.MET


def test_solution_discovery_version_names_and_so_we_could_are_not_iteration() -> None:
    # "CLI v2" is a product name and "so that we could hit the date" is not an option.
    r = check("solution-discovery", doc("""
        I was involved in the relaunch of the CLI v2. I cut scope so that we could hit the date.
        """))
    assert r.verdict is Verdict.MISSING


def test_problem_discovery_ignores_tickets_in_a_results_list() -> None:
    # "Results:" introduces outcomes: tickets going away there are not discovery evidence.
    text = """
        The problem? Repeat orders were painful.

        Results:
        ✅ Repeat order rate up 22%
        ✅ Support tickets about the list basically gone

        What made it work:
        → We talked to customers constantly
        """
    assert check("problem-discovery", doc(text)).verdict is Verdict.PARTIAL


def test_problem_discovery_counts_evidence_in_a_discovery_list() -> None:
    text = """
        The problem? Repeat orders were painful.

        How we found it:

        - Support tickets about the list were the top category, 17% of 2,100.
        - We interviewed 12 customers and 9 of them rebuilt their basket by hand.
        """
    assert check("problem-discovery", doc(text)).verdict is Verdict.MET


def test_team_leadership_missing_for_thanks_routines_and_vague_support() -> None:
    r = check("team-leadership", doc("""
        I supported the engineering team in running standups and helped with the roadmap.
        The growth team owned the service and its weekly send targets.
        Grateful to the best team I've ever worked with.
        """))
    assert r.verdict is Verdict.MISSING


def test_team_leadership_partial_when_working_with_named_teams() -> None:
    r = check("team-leadership", doc("""
        We worked closely with compliance and engineering to get this launched on time.
        """))
    assert r.verdict is Verdict.PARTIAL


# --- quantified impact --------------------------------------------------------------------

def test_quantified_impact_met_with_baseline_timeframe_and_attribution() -> None:
    r = check("quantified-impact", doc("""
        ## Results
        In an A/B test over six weeks, payout-related tickets fell from 900 to 310 a month.
        """))
    assert r.verdict is Verdict.MET


def test_quantified_impact_partial_flags_the_bare_number() -> None:
    document = doc("""
        ## Results
        Retention increased by 18%.
        Activation rose from 30% to 41% in the first quarter.
        """)
    r = check("quantified-impact", document)
    # A baseline and a time frame are enough for "met" (the labelled sets agree); missing
    # attribution is still pointed out, and the bare number is still found.
    assert r.verdict is Verdict.MET
    # A met criterion has no finding; the bare number is still found, at its line.
    assert [m.span.line for m in matches("quantified-impact", document)["bare"]] == [2]
    assert "caused" in r.message and "holdout" in r.suggestion


def test_quantified_impact_partial_without_a_time_frame() -> None:
    r = check("quantified-impact", doc("""
        ## Results
        Activation rose from 30% to 41%, measured against a holdout.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert "time frame" in r.message


def test_quantified_impact_rate_is_not_a_time_frame() -> None:
    rate = check("quantified-impact", doc("""
        ## Results
        Weekly orders per store went from 40 to 52.
        """))
    assert rate.verdict is Verdict.PARTIAL
    period = check("quantified-impact", doc("""
        ## Results
        Weekly orders per store went from 40 to 52 over the four-week pilot.
        """))
    assert period.verdict is Verdict.MET


def test_quantified_impact_missing_with_only_adjectives() -> None:
    r = check("quantified-impact", doc("""
        ## Results
        The launch was a huge success and engagement improved significantly.
        """))
    assert r.verdict is Verdict.MISSING
    assert r.evidence  # points at the claim that needs a number


def test_quantified_impact_table_header_gives_baseline_and_time_frame() -> None:
    # The "Before (Q3 2021) | After (2022)" header frames every row of the results table.
    r = check("quantified-impact", doc("""
        ## Results
        | Metric | Before (Q3 2021) | After (Q1 2022) |
        |---|---|---|
        | Missed delivery windows | 14% | 6% |

        A holdout depot stayed on the old plans, so we could attribute the change.
        """))
    assert r.verdict is Verdict.MET


def test_quantified_impact_table_without_before_column_is_not_met() -> None:
    r = check("quantified-impact", doc("""
        ## Results
        | Metric | Value |
        |---|---|
        | Missed delivery windows | 6% |

        A holdout depot stayed on the old plans, so we could attribute the change.
        """))
    assert r.verdict is Verdict.PARTIAL


def test_quantified_impact_list_lead_in_frames_its_items() -> None:
    r = check("quantified-impact", doc("""
        ## Impact
        Measured six months after launch, in an A/B test against a holdout:

        - Retention rose from 61% to 66%.
        """))
    assert r.verdict is Verdict.MET
    unframed = check("quantified-impact", doc("""
        ## Impact
        Here is what changed.

        - Retention rose from 61% to 66%.
        """))
    assert unframed.verdict is Verdict.PARTIAL


def test_quantified_impact_numbers_written_as_words() -> None:
    r = check("quantified-impact", doc("""
        Over the three months after launch, refunds dropped from eighteen to eleven percent
        of packages.
        """))
    assert r.verdict is Verdict.MET
    words_only = check("quantified-impact", doc("""
        Eighteen people joined the project and it went well.
        """))
    assert words_only.verdict is Verdict.MISSING


def test_quantified_impact_end_states_count_as_outcome_numbers() -> None:
    # "went up to 52" and "got 5,000 installs" are outcomes, just without a baseline.
    r = check("quantified-impact", doc("""
        We got 5,000 installs in the first month. Our NPS went up to 52.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert "baseline" in r.message


def test_sample_sizes_and_durations_are_not_outcomes() -> None:
    r = check("quantified-impact", doc("""
        I interviewed 14 customers over 3 weeks. We spent 6 weeks building.
        """))
    assert r.verdict is Verdict.MISSING


# --- narrative consistency ----------------------------------------------------------------

def test_consistency_met_says_what_it_compared() -> None:
    r = check("narrative-consistency", doc("""
        I led a team of 4 engineers. Conversion rose from 12% to 15% in six weeks, a 25%
        relative lift. Later, the 4 engineers moved on. Conversion held at 15%.
        """))
    assert r.verdict is Verdict.MET
    assert "team-size" in r.message and "conversion" in r.message


def test_consistency_team_size_conflict_quotes_both() -> None:
    document = doc("""
        We were a team of 6 engineers.

        In the end the 5 engineers shipped it on time.
        """)
    r = check("narrative-consistency", document)
    assert r.verdict is Verdict.MISSING
    (f,) = r.findings
    assert f.line == 3 and "line 1" in f.message
    assert "team of 6 engineers" in f.message and "5 engineers" in f.message
    assert {e.line for e in r.evidence} == {1, 3}
    assert_quotes_in_file(document, [r])


def test_consistency_duration_conflict() -> None:
    r = check("narrative-consistency", doc("""
        It was a six-month project. We shipped after 4 months of work.
        """))
    assert r.verdict is Verdict.MISSING
    assert "length" in r.message


def test_consistency_dates_disagree_with_duration() -> None:
    r = check("narrative-consistency", doc("""
        This was a six-month project. We kicked off in January 2023.
        The redesign launched in March 2023.
        """))
    assert r.verdict is Verdict.MISSING


def test_consistency_metric_stated_two_ways() -> None:
    r = check("narrative-consistency", doc("""
        Conversion rose from 12% to 15% after launch.

        In total, conversion went up to 19%.
        """))
    assert r.verdict is Verdict.MISSING
    assert "conversion" in r.findings[0].message


def test_consistency_lift_that_does_not_fit_from_to() -> None:
    r = check("narrative-consistency", doc("""
        Retention rose from 40% to 44% in Q2. That was a 30% lift in retention.
        """))
    assert r.verdict is Verdict.MISSING


@pytest.mark.parametrize("text", [
    # a baseline and its outcome are not two answers
    "Conversion rose from 12% to 15%. Conversion had been stuck at 12% for a year, now 15%.",
    # a relative and an absolute change that both fit the from-to
    "Conversion rose from 12% to 15%, a 25% lift. Conversion was up 3 percentage points.",
    # the team grew: two sizes at two times
    "We started as a team of 3 engineers. By launch the team had grown to 6 engineers.",
    # different metrics that share a word
    "Mobile conversion rose to 9%. Desktop conversion rose to 14%.",
    # a target is not a result
    "Our goal was to lift activation to 50%. Activation reached 44%.",
    # the MVP is part of the project
    "It was a six-month project. We shipped the MVP after 6 weeks.",
])
def test_consistency_does_not_flag_legitimately_different_numbers(text: str) -> None:
    assert check("narrative-consistency", doc(text)).verdict is Verdict.MET


# --- reflection ---------------------------------------------------------------------------

def test_reflection_met() -> None:
    r = check("reflection", doc("""
        ## What I learned
        I learned to test the riskiest assumption first. Next time I would bring support into
        the pilot, because they saw the edge cases before we did.
        """))
    assert r.verdict is Verdict.MET


def test_reflection_partial_when_generic() -> None:
    r = check("reflection", doc("Overall it was a great learning experience."))
    assert r.verdict is Verdict.PARTIAL
    assert r.findings and "Generic" in r.findings[0].message


def test_reflection_missing() -> None:
    r = check("reflection", doc("We shipped the tracker and tickets fell."))
    assert r.verdict is Verdict.MISSING


# --- written by people who never saw the rules --------------------------------------------

def test_quantified_impact_test_period_frames_control_results() -> None:
    r = check("quantified-impact", doc("""
        - Set up a split test on new trials, run for 5 weeks
        - Results:
          - Trial-to-paid: 8.1% control → 9.4% treatment
          - Refund requests: flat
        """))
    assert r.verdict is Verdict.MET
    assert r.rule == "tested"


def test_quantified_impact_open_start_is_not_a_period() -> None:
    r = check("quantified-impact", doc("""
        ## Outcomes
        After launch in May 2022, weekly active planners went from 30% to 38%.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert "time frame" in r.message


def test_personal_role_result_bullets_are_not_the_authors_acts() -> None:
    r = check("personal-role", doc("""
        I was involved in the rollout. I helped with the vendor contract. We mapped the old
        process. We built the intake form. We trained the agents. I ran monthly demos for the
        director. We launched it in two regions.

        ## Wins
        - Cut handling time by 30%
        - Lowered repeat calls by a fifth
        """))
    assert r.verdict is Verdict.MISSING
    assert r.rule == "mostly-vague"


def test_context_title_in_a_byline_or_after_joined() -> None:
    for opening in ("Lead Product Manager, Payments · Finch Bank · 2021–2023",
                    "I joined Finch Bank's payments group in 2021 as Director of Product."):
        found = matches("context", doc(f"{opening}\n\nRefunds took a week."))
        assert found["role"], opening


def test_problem_discovery_alert_escalation_is_not_customer_evidence() -> None:
    r = check("problem-discovery", doc("""
        We built threshold alerts with escalation to the duty manager after ten minutes.
        """))
    assert r.verdict is Verdict.MISSING


def test_solution_discovery_versions_that_failed_for_a_reason() -> None:
    r = check("solution-discovery", doc("""
        We weighed three approaches. The first prototype sorted tasks automatically; planners
        ignored it because they could not see why a task moved. The second version was
        simpler, but in a pilot with twenty planners most stopped using it after a week.
        """))
    assert r.verdict is Verdict.MET


def test_team_leadership_counterfactual_pushback_is_not_a_disagreement() -> None:
    r = check("team-leadership", doc("""
        I walked the support lead and the design lead through the call data in planning.

        ## What I took away
        I should have pushed back harder on the finance team's deadline.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert r.rule == "no-disagreement"


def test_team_leadership_stakeholder_objection_and_a_deal() -> None:
    r = check("team-leadership", doc("""
        Our head of sales saw the self-serve plan as a distraction from enterprise deals.
        At the monthly roadmap review I proposed a deal to the engineers and sales: a
        one-quarter trial, then a joint decision. She agreed.
        """))
    assert r.verdict is Verdict.MET


def test_consistency_role_outnumbering_the_team_and_arrow_deltas() -> None:
    team = check("narrative-consistency", doc("""
        From 2020 to 2022 I led a three-person squad (two engineers and me).

        My six engineers shipped the rebuild.
        """))
    assert team.verdict is Verdict.MISSING
    lift = check("narrative-consistency", doc("""
        - Checkout completion: 50% control → 53% treatment
        - Summary: checkout completion up 7 pts
        """))
    assert lift.verdict is Verdict.MISSING


# --- detection ----------------------------------------------------------------------------

README = """
# fastgrep

A tiny grep clone written in Rust.

## Install

Run `cargo install fastgrep` or download a release binary.

## Usage

Pass a pattern and a path. The function returns matching lines. See the API docs.

## License

MIT
"""
RECIPE = """
# Lemon drizzle cake

## Ingredients
- 225g butter
- 225g caster sugar
- 4 eggs

## Method
Preheat the oven to 180C. Beat the butter and sugar, add the eggs one at a time, then fold
in the flour. Bake for 45 minutes and pour over the lemon syrup while warm.
"""
CHANGELOG = """
# Changelog

## [2.1.0] - 2024-03-02
### Added
- Support for YAML config files.
### Fixed
- Crash when the cache folder was missing.

## [2.0.0] - 2024-01-15
### Changed
- Dropped Python 3.8.
"""
STRATEGY = """
# Payments strategy 2025

## Vision
Every small merchant will get paid the same day, without thinking about it.

## Target market
Independent restaurants in the UK with fewer than 20 staff.

## Roadmap
In Q1 we will launch instant payouts. In Q2 we will add cash-flow forecasts. Next year we
plan to expand to Ireland.
"""
MANAGER_UPDATE = """
Hi Sam, quick update. The payouts launch is slipping a week because the bank API changed.
I have asked the vendor for a fix and moved the launch to the 14th. Any thoughts on whether
we should tell the pilot merchants now?
"""
DECISION = """
# Should we build or buy fraud checks?

It depends. If fraud stays under 0.1% of volume, buying a vendor tool is best. If it grows
past that, building our own rules engine is best. I think we are in the first case, so we
should buy, and revisit if fraud doubles.
"""


@pytest.mark.parametrize("name", ["strong.md", "weak.md", "medium.txt"])
def test_detects_case_studies(name: str) -> None:
    assert detected((EXAMPLES / name).read_text(), name) == "case-study"


@pytest.mark.parametrize("text", [README, RECIPE, CHANGELOG])
def test_unrelated_text_is_not_a_pm_document(text: str) -> None:
    assert detected(text) is None


@pytest.mark.parametrize("text", [STRATEGY, MANAGER_UPDATE, DECISION])
def test_other_pm_documents_are_not_case_studies(text: str) -> None:
    assert detected(text) not in ("case-study", None)


def test_empty_document_is_not_detected_and_still_gets_every_criterion() -> None:
    empty = Document.from_text("", "empty.md")
    assert detected("") is None
    assert [r.verdict for r in CRITIC.check(empty)].count(Verdict.MISSING) >= 6


# --- end to end ---------------------------------------------------------------------------

def test_cli_json_on_weak_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent.parent)
    outcome = CliRunner().invoke(main, ["review", "examples/case-study/weak.md",
                                        "--format", "json"])
    assert outcome.exit_code == 1, outcome.output  # errors at the default --fail-on
    report = json.loads(outcome.stdout)
    (review,) = report["results"]
    assert review["kind"] == "case-study"
    assert review["detection"]["source"] == "content"
    got = {c["id"]: c["verdict"] for c in review["criteria"]}
    assert list(got) == IDS
    assert got == {
        "context": "missing", "problem-discovery": "missing", "solution-discovery": "missing",
        "personal-role": "missing", "team-leadership": "missing",
        "quantified-impact": "partial", "narrative-consistency": "missing",
        "reflection": "missing",
    }
    lines = (EXAMPLES / "weak.md").read_text().split("\n")
    for f in review["findings"]:
        assert f["suggestion"]
        if f["quote"] is not None:
            where = " ".join(" ".join(lines[f["line"] - 1:f["end_line"]]).split())
            assert " ".join(f["quote"].split()) in where
    assert any(f["criterion"] == "personal-role" and "involved in" in f["quote"]
               and "helped with" in f["suggestion"] for f in review["findings"])


# --- round two: plain-text headings, vague evidence, blog sign-offs -----------------------

PLAIN = """\
Faster reorders for a florist supply app

1. CONTEXT

I was the product manager for the buyer app at a Series A wholesaler serving 600 florists.

2. RESULTS

Repeat orders rose from 31% to 44% in the eight weeks after launch.

3. WHAT I LEARNED

I learned to put a rough prototype in front of buyers in the first week. Next time I would
invite the warehouse team to the first review instead of the last.
"""


def test_plain_text_headings_make_sections() -> None:
    document = Document.from_text(PLAIN, "plain.txt")
    assert matches("quantified-impact", document)["in-results"]
    reflection = matches("reflection", document)["in-reflection"]
    assert reflection and all(m.span is not None and m.span.line >= 13 for m in reflection)
    assert check("reflection", document).verdict is Verdict.MET


def test_plain_text_headings_are_ignored_when_the_document_has_markup() -> None:
    document = doc("""
        # Faster reorders

        RESULTS

        Repeat orders rose from 31% to 44%.
        """)
    assert not matches("quantified-impact", document)["in-results"]


def test_problem_discovery_partial_when_evidence_is_never_counted() -> None:
    r = check("problem-discovery", doc("""
        We looked at the funnel and saw that a lot of people left at the bank step.
        We also talked to a few customers who found the form confusing.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert "how much" in r.message


def test_reflection_advice_to_readers_and_sign_off_are_partial() -> None:
    r = check("reflection", doc("""
        ## Takeaways

        1. Always ship the smallest useful thing first.
        2. Talk to the people who will use it every single day.

        If you found this useful, follow me for more posts like this one.
        """))
    assert r.verdict is Verdict.PARTIAL
    assert "advice to the reader" in r.message


def test_team_size_counted_as_the_n_of_us() -> None:
    r = check("narrative-consistency", doc("""
        We were a team of four people: two engineers, a designer and me.

        The six of us shipped the new flow in March.
        """))
    assert r.verdict is Verdict.MISSING
