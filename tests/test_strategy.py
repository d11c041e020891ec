"""The strategy critic: every criterion met and not met, honest quotes, detection, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import detected

from pmcoach import Document, Verdict
from pmcoach.cli import main
from pmcoach.rules import load_kind
from pmcoach.testing import check_grounded
from pmcoach_strategy import FUNCTIONS, KIND_FILE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "strategy"
CRITIC = load_kind(KIND_FILE)
CRITIC.bind(FUNCTIONS)


def verdicts(text: str) -> dict[str, Verdict]:
    return {r.id: r.verdict for r in CRITIC.check(Document.from_text(text))}


def assert_quotes_real(text: str) -> None:
    """Every evidence and finding quote is really in the file at the lines it claims."""
    check_grounded(CRITIC, text)


STRONG = (EXAMPLES / "strong.md").read_text()
WEAK = (EXAMPLES / "weak.md").read_text()


def test_one_result_per_criterion_in_rubric_order() -> None:
    assert [r.id for r in CRITIC.check(Document.from_text(STRONG))] == [
        "vision", "target-market", "pain-points", "strategic-bets", "alternatives", "roadmap",
        "roadmap-rationale", "success-metrics"]


def test_strong_example_meets_every_criterion() -> None:
    assert set(verdicts(STRONG).values()) == {Verdict.MET}


def test_weak_example_meets_almost_nothing() -> None:
    v = verdicts(WEAK)
    assert sum(x is Verdict.MET for x in v.values()) == 0
    assert v["pain-points"] is Verdict.MISSING
    assert v["success-metrics"] is Verdict.MISSING


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.md")), ids=lambda p: p.name)
def test_quotes_are_in_the_document_at_their_lines(path: Path) -> None:
    assert_quotes_real(path.read_text())


# --- vision ------------------------------------------------------------------------------

def test_vision_met_with_customer_future_against_today() -> None:
    text = ("## Vision\n\nIn three years a clinic manager will fill next week's rota in ten "
            "minutes, instead of the Sunday afternoon she spends on spreadsheets today.\n")
    assert verdicts(text)["vision"] is Verdict.MET


def test_vision_partial_for_a_company_ambition() -> None:
    text = "## Vision\n\nWe will be the leading platform for team productivity in the future.\n"
    assert verdicts(text)["vision"] is Verdict.PARTIAL


def test_vision_missing() -> None:
    assert verdicts("We sell rota software to clinics.")["vision"] is Verdict.MISSING


@pytest.mark.parametrize("lead", ["**What the world looks like if we get this right.**",
                                  "where i want us to be:"])
def test_vision_met_without_the_word_vision(lead: str) -> None:
    text = (f"{lead} a bookkeeper starts month-end and the documents are already in, so "
            "she reviews instead of chasing clients as she does today.\n")
    assert verdicts(text)["vision"] is Verdict.MET


def test_vision_missing_for_plain_plans_without_a_future_picture() -> None:
    text = "where we are: we sell to bookkeepers and they chase clients for receipts today.\n"
    assert verdicts(text)["vision"] is Verdict.MISSING


# --- target-market -----------------------------------------------------------------------

def test_target_market_met_for_a_specific_segment() -> None:
    text = ("Our target market is independent dental clinics in Germany with 3 to 15 "
            "chairs.")
    assert verdicts(text)["target-market"] is Verdict.MET


def test_target_market_partial_when_broad() -> None:
    assert verdicts("## Who we serve\n\nHomeowners and service professionals.\n")[
        "target-market"] is Verdict.PARTIAL


def test_target_market_missing_for_everyone() -> None:
    assert verdicts("Our product is for everyone who wants to get fitter.")[
        "target-market"] is Verdict.MISSING


# --- pain-points -------------------------------------------------------------------------

def test_pain_points_met() -> None:
    text = ("## Problems\n\n- Managers rebuild the rota by hand every week.\n"
            "- Swaps happen over text, so nobody knows who is coming in.\n")
    assert verdicts(text)["pain-points"] is Verdict.MET


def test_pain_points_partial_with_one() -> None:
    assert verdicts("**Problems**\n\n- Clinicians have too much admin\n")[
        "pain-points"] is Verdict.PARTIAL


def test_pain_points_missing() -> None:
    assert verdicts("We will launch a mobile app in Q3.")["pain-points"] is Verdict.MISSING


# --- strategic-bets ----------------------------------------------------------------------

def test_strategic_bets_met() -> None:
    text = ("We bet that demand forecasting is our wedge. Unlike payroll suites, our swaps are "
            "built for shift workers, a differentiator incumbents cannot copy quickly.")
    assert verdicts(text)["strategic-bets"] is Verdict.MET


def test_strategic_bets_partial_for_a_wish() -> None:
    assert verdicts("We think we are better than the competition.")[
        "strategic-bets"] is Verdict.PARTIAL


def test_strategic_bets_missing() -> None:
    assert verdicts("We will ship dark mode in Q2.")["strategic-bets"] is Verdict.MISSING


def test_bets_met_when_enumerated_inline() -> None:
    text = ("bets: (1) clients forward receipts on whatsapp and we file them. (2) we keep up "
            "with local e-invoicing rules. (3) price per practice, not per client.\n")
    assert verdicts(text)["strategic-bets"] is Verdict.MET


def test_bets_partial_for_slogans_under_a_strategy_label() -> None:
    text = ("**Strategy:**\n\n- Best-in-class user experience\n- AI-powered everything\n"
            "- Partnerships\n- Grow fast\n")
    assert verdicts(text)["strategic-bets"] is Verdict.PARTIAL


def test_bets_generic_ease_of_use_is_not_a_second_bet() -> None:
    text = ("A farmer stands at the edge of a field and knows what to spread.\n\n"
            "We think our edge is satellite imagery combined with our own soil probes. We also "
            "want to be much easier to use than the incumbents.\n")
    r = next(r for r in CRITIC.check(Document.from_text(text)) if r.id == "strategic-bets")
    assert r.verdict is Verdict.PARTIAL
    assert "generic" in r.message


def test_roadmap_partial_for_a_feature_list_by_quarter() -> None:
    text = ("**Roadmap 2025:**\n\n- Q1: Dark mode, new onboarding, Alexa integration\n"
            "- Q2: AI assistant, energy dashboard\n- Q3: Security cameras v2, family sharing\n")
    assert verdicts(text)["roadmap"] is Verdict.PARTIAL


def test_roadmap_met_when_quarters_carry_named_themes() -> None:
    text = ("## Roadmap\n\n- **Q1: Guaranteed pricing** for plumbing and electrical\n"
            "- **Q2: Pro payments** and instant payouts\n- **Q3: Pro scheduling** and calendar "
            "sync\n")
    assert verdicts(text)["roadmap"] is Verdict.MET


def test_roadmap_plain_text_lines_without_bullets_are_themes() -> None:
    text = ("Plan\n\nWinter 2024/25 - \"Maps on time\": weekly nitrogen maps sent straight "
            "to the spreader.\nSpring 2025 - \"Proof\": a yield-versus-input report at "
            "harvest.\n2026 - \"Schemes\": records for environmental payment schemes.\n")
    assert verdicts(text)["roadmap"] is Verdict.MET
    assert_quotes_real(text)


def test_roadmap_prose_lines_with_one_date_are_not_split_into_themes() -> None:
    text = ("Plan\n\nIn 2025 we will build better maps for farmers and then look at\n"
            "reports and other things once we know more about what they need.\n")
    assert verdicts(text)["roadmap"] is Verdict.PARTIAL


def test_success_metrics_partial_for_an_open_how_do_we_know_question() -> None:
    text = ("how do we know it's working?\n\ngood q, haven't nailed it. something like share "
            "of documents arriving without a chase.\n")
    assert verdicts(text)["success-metrics"] is Verdict.PARTIAL


def test_success_metrics_target_customers_label_is_not_a_target() -> None:
    text = "**Target customers:** Homeowners and renters everywhere who want a smarter home.\n"
    assert verdicts(text)["success-metrics"] is Verdict.MISSING


# --- alternatives ------------------------------------------------------------------------

def test_alternatives_met_with_reasons() -> None:
    text = ("We considered selling to hospitals first, but their IT reviews take a year and "
            "they already have scribes.")
    assert verdicts(text)["alternatives"] is Verdict.MET

def test_alternatives_listed_under_a_lead_in_paragraph_are_argued() -> None:
    text = ("**What else we could do, and why I'm not recommending it.**\n\n"
            "- *Stay horizontal and compete on price.* Keeps the funnel wide, but we're "
            "already the cheaper option in most deals we lose.\n"
            "- *Go upmarket to hospitals.* Bigger contracts, but 18-month sales cycles.\n")
    assert verdicts(text)["alternatives"] is Verdict.MET


def test_list_under_an_unrelated_lead_in_is_not_alternatives() -> None:
    text = ("**What customers tell us.**\n\n- Scheduling takes hours, but nobody has "
            "time.\n- Agencies are expensive.\n")
    assert verdicts(text)["alternatives"] is Verdict.MISSING



def test_alternatives_partial_when_dismissed_without_reason() -> None:
    assert verdicts("We also discussed building our own wearable, but decided against it.")[
        "alternatives"] is Verdict.PARTIAL


def test_alternatives_missing() -> None:
    assert verdicts("We will build the best app for runners.")["alternatives"] is \
        Verdict.MISSING


# --- roadmap and roadmap-rationale --------------------------------------------------------

THEMED = """\
## Roadmap

### Now (Q1-Q2): trustworthy rotas
Auto-drafted rotas, because time saved is what makes a manager switch.

### Next (H2): the swap market
In-app swaps, so that staff handle changes themselves; this tests our second bet.

### Later (2026): margin insights
Labour cost against sales per shift and per role, with weekly reports for owners.
"""

TABLE = """\
## Roadmap

| When | Theme | Why |
| --- | --- | --- |
| Q1-Q2 | Sales self-serve | Bet 1: takes most of the load off legal ops. |
| Q3-Q4 | Renewals | |
"""

FEATURES = """\
**Plan**
- Q3 2024: Epic integration
- Q4 2024: Android app
- Q1 2025: AI beta
"""


def test_roadmap_met_with_themes_over_time() -> None:
    assert verdicts(THEMED)["roadmap"] is Verdict.MET
    assert verdicts(TABLE)["roadmap"] is Verdict.MET


def test_roadmap_partial_for_a_dated_feature_list() -> None:
    assert verdicts(FEATURES)["roadmap"] is Verdict.PARTIAL


def test_roadmap_missing() -> None:
    v = verdicts("Our vision is calmer evenings for parents.")
    assert v["roadmap"] is Verdict.MISSING
    assert v["roadmap-rationale"] is Verdict.MISSING


def test_rationale_flags_each_theme_without_a_why() -> None:
    results = {r.id: r for r in CRITIC.check(Document.from_text(THEMED))}
    rationale = results["roadmap-rationale"]
    assert rationale.verdict is Verdict.PARTIAL
    assert [f.quote for f in rationale.findings] == ["Later (2026): margin insights"]
    assert_quotes_real(THEMED)


def test_rationale_reads_the_why_column_of_a_table() -> None:
    results = {r.id: r for r in CRITIC.check(Document.from_text(TABLE))}
    rationale = results["roadmap-rationale"]
    assert rationale.verdict is Verdict.PARTIAL
    assert len(rationale.findings) == 1 and "Renewals" in (rationale.findings[0].quote or "")
    assert_quotes_real(TABLE)


def test_rationale_met_when_every_theme_says_why() -> None:
    text = THEMED.replace("with weekly reports for owners.",
                          "to prove the forecasting bet pays for itself.")
    assert verdicts(text)["roadmap-rationale"] is Verdict.MET


# --- success-metrics ---------------------------------------------------------------------

def test_success_metrics_met_with_targets() -> None:
    assert verdicts("## Success metrics\n\n- Weekly active managers from 180 to 1,500 by "
                    "December.\n")["success-metrics"] is Verdict.MET


def test_success_metrics_partial_without_a_measure() -> None:
    assert verdicts("## Success\n\nMore bookings and happier customers.\n")[
        "success-metrics"] is Verdict.PARTIAL


def test_numbers_about_the_market_are_not_success_metrics() -> None:
    assert verdicts("Our target customers process at least $30,000 a month with us.")[
        "success-metrics"] is Verdict.MISSING


# --- detection ---------------------------------------------------------------------------

EMAIL = """\
Subject: where I think Sprout should go next year

Hi team,

Picture a parent two years from now: their child reads a story aloud on Sprout instead of
watching cartoons, and the parent gets a monthly note on progress. Our target customers are
parents of 4 to 7-year-olds in English-speaking countries. They struggle to know whether
their child is on track, and most reading apps are games with a few words. We win by
teaching phonics, which no competitor does well. We could also go after schools, but their
buying cycle is a year. Roadmap: H1 phonics path, because it is our bet; H2 progress notes,
so that parents see value.

Thanks,
Maya
"""


@pytest.mark.parametrize("text", [
    STRONG, WEAK, EMAIL, *(p.read_text() for p in sorted(EXAMPLES.glob("*.md"))),
    "# Plan\n\n" + THEMED + "\nWe target independent restaurants with 10 to 60 staff. Our bet "
    "is forecasting; competitors don't do it. Managers waste hours on rotas.\n",
])
def test_detection_picks_strategy_across_forms(text: str) -> None:
    assert detected(text) == "strategy"


def test_a_case_study_that_mentions_a_roadmap_is_not_a_strategy() -> None:
    text = ("# Onboarding revamp at Acme\n\nAs the PM I led a team of five. I interviewed 12 "
            "customers and found setup took three days. We shipped guided setup, which was "
            "on the Q3 roadmap, and activation rose from 30% to 41% in two months. Looking "
            "back, I learned to involve sales earlier.\n")
    assert detected(text) != "strategy"


@pytest.mark.xfail(strict=True, reason="known misread of the fitted detector "
                   "(docs/detection.md, Known limits): a short text dense in another "
                   "kind's vocabulary")
def test_a_pricing_case_study_told_in_the_past_tense_is_not_a_strategy() -> None:
    # Any "I/we <verb>ed" tells a story of what was done, not only a fixed list of verbs.
    text = ("# Moving Ledgerly to usage-based pricing\n\n## Options\n\nI framed four "
            "options for the market. We tested two on the pricing page. I wrote a memo on "
            "each bet and the alternatives. We rejected pure usage because revenue swings. "
            "Our roadmap, vision and metrics followed. Retention is the metric we watch.\n")
    assert detected(text) != "strategy"
    # One past-tense sentence in a real strategy does not sink it.
    assert detected(EMAIL.replace(
        "Thanks,", "We interviewed 40 parents last spring.\n\nThanks,")) == "strategy"


def test_detection_low_for_unrelated_text() -> None:
    assert detected("Dear Sam, thanks for dinner last night!") != "strategy"


# --- end to end --------------------------------------------------------------------------

def test_cli_json_review_of_the_weak_example() -> None:
    result = CliRunner().invoke(main, ["review", str(EXAMPLES / "weak.md"), "--format", "json"])
    assert result.exit_code == 1, result.output  # weak doc: error findings fail the run
    review = json.loads(result.output)["results"][0]
    assert review["kind"] == "strategy"
    assert [c["id"] for c in review["criteria"]] == CRITIC.rubric.ids
    assert review["score"] < 40
    assert any(f["criterion"] == "success-metrics" for f in review["findings"])


# --- headings about today or the goals are not roadmap themes -----------------------------

def test_headings_about_the_current_state_and_goals_are_not_a_roadmap() -> None:
    text = ("## Where we are now\n\nWe sell to 40 clinics and they use spreadsheets.\n\n"
            "## Goals for 2025\n\nDouble revenue and reach 100 clinics.\n")
    v = verdicts(text)
    assert v["roadmap"] is Verdict.MISSING
    assert v["roadmap-rationale"] is Verdict.MISSING


def test_a_success_heading_after_the_roadmap_is_not_a_theme() -> None:
    text = ("## Roadmap\n\n### Now: reliable imports\n\nFix the sync, because it is the top "
            "pain.\n\n### Next: team workflows\n\nShared queues, so that managers stop "
            "chasing.\n\n## Success in 2025\n\nWeekly active clinics from 40 to 100.\n")
    results = {r.id: r for r in CRITIC.check(Document.from_text(text))}
    assert results["roadmap"].verdict is Verdict.MET
    assert "2 themes" in results["roadmap"].message
    assert results["roadmap-rationale"].verdict is Verdict.MET
