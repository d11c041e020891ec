"""The decision critic: every criterion met and not met, honest quotes, detection, CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import detected

from pmcoach import Document, Verdict
from pmcoach.cli import main
from pmcoach.rules import load_kind
from pmcoach.testing import check_grounded
from pmcoach_decision import KIND_FILE
from pmcoach_decision.functions import FUNCTIONS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "decision"
CRITIC = load_kind(KIND_FILE)
CRITIC.bind(FUNCTIONS)

STRONG = """\
# Should we sunset the legacy Android app this quarter?

It depends on how many paying customers still use it.

- If paying users on the legacy app are a small slice, sunsetting now is the right call
  and frees two engineers.
- If they are a big share of revenue, we should keep it another two quarters and migrate
  them gently.

I think we are in the first case: last month only 3% of paying accounts opened the legacy
app, and none of the top 20 accounts did.

So I recommend we sunset it at the end of June.

Support is worried about ticket volume. They would be right if the migration guide
confuses people, so they will review it before it ships.

The cost is a wave of angry emails and a few cancellations; we also give up the option
of selling the legacy app to the two resellers who asked about it.

If cancellations go above 1% of affected accounts, we pause the shutdown and revisit.
"""

WEAK = """\
# Pricing page

People have opinions about the pricing page. Annual prices look cheaper and monthly
prices feel like less of a commitment.

It depends. Both have merit, and we should talk about it more at the next sync.
"""


def verdicts(text: str) -> dict[str, Verdict]:
    return {r.id: r.verdict for r in CRITIC.check(Document.from_text(text))}


def assert_quotes_real(text: str) -> None:
    """Every evidence and finding quote is really in the file at the lines it claims."""
    check_grounded(CRITIC, text)


def test_one_result_per_criterion_in_rubric_order() -> None:
    results = CRITIC.check(Document.from_text(STRONG))
    assert [r.id for r in results] == CRITIC.rubric.ids
    assert CRITIC.rubric.ids == ["decision-stated", "conditional-options", "situation-assessment",
                                 "recommendation", "stakeholder-views", "tradeoffs",
                                 "revisit-trigger"]


def test_strong_write_up_meets_every_criterion() -> None:
    assert set(verdicts(STRONG).values()) == {Verdict.MET}


def test_weak_write_up_misses_the_shape() -> None:
    v = verdicts(WEAK)
    assert v["conditional-options"] is Verdict.MISSING
    assert v["situation-assessment"] is Verdict.MISSING
    assert v["recommendation"] is Verdict.MISSING
    assert v["tradeoffs"] is not Verdict.MET
    assert v["revisit-trigger"] is Verdict.MISSING


@pytest.mark.parametrize("text", [STRONG, WEAK, *(p.read_text() for p in
                                                   sorted(EXAMPLES.glob("*.md")))])
def test_quotes_are_in_the_document_at_their_lines(text: str) -> None:
    assert_quotes_real(text)


# --- decision-stated ---------------------------------------------------------------------

def test_decision_stated_met_by_a_plain_sentence() -> None:
    assert verdicts("We need to decide whether to rebuild the importer or patch it.")[
        "decision-stated"] is Verdict.MET


@pytest.mark.parametrize("text", [
    "The board approved one new country. Two candidates came out of the long list.",
    "I was asked for my view on the vendors. Pricing is below.",
])
def test_decision_stated_partial_when_the_choice_is_only_implied(text: str) -> None:
    assert verdicts(text)["decision-stated"] is Verdict.PARTIAL


def test_decision_stated_missing_when_never_framed() -> None:
    assert verdicts("The importer is old. Customers use it a lot. Engineers dislike it.")[
        "decision-stated"] is Verdict.MISSING


# --- conditional-options -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "If churn is driven by price, a cheaper tier is the best choice. If it is driven by "
    "missing features, we should build the integrations instead.",
    "When the team is under ten people, hiring a generalist makes more sense. When it is "
    "larger, a specialist wins.",
    "Should demand stay flat, we keep the current vendor. Should it double, we switch to the "
    "cheaper per-unit contract.",
    "In case the partner signs by May, we go with the co-marketing launch; otherwise we do a "
    "quiet beta.",
    "| Situation | Best option |\n| --- | --- |\n| Few large customers | Sales-led |\n"
    "| Many small customers | Self-serve |\n",
    # Lower-case chat: both branches in one unsplit message; "is fine" names an option too.
    "my view: if most growth stays in the US, stripe wins. if europe grows faster, adyen is "
    "fine",
    "If we stay under 10k users, SQLite is fine. If we grow past that, we need Postgres.",
])
def test_conditional_options_met_in_many_forms(text: str) -> None:
    assert verdicts(text)["conditional-options"] is Verdict.MET


def test_conditional_options_partial_with_one_branch() -> None:
    text = "If we have budget next quarter, we should build SSO. Customers ask for it."
    assert verdicts(text)["conditional-options"] is Verdict.PARTIAL


def test_a_run_on_second_if_without_an_option_is_not_a_second_branch() -> None:
    text = "my view: if most growth stays in the US, stripe wins. if europe grows faster, " \
           "hard to say yet"
    assert verdicts(text)["conditional-options"] is Verdict.PARTIAL


def test_conditional_options_partial_when_every_branch_picks_the_same_option() -> None:
    text = ("If the budget allows, we should build SSO. If sales asks for it, we should "
            "build SSO.")
    assert verdicts(text)["conditional-options"] is not Verdict.MET


def test_conditional_options_missing_for_pros_and_cons_only() -> None:
    text = ("Option A is fast but expensive. Option B is cheap but slow. We'll go with A.")
    assert verdicts(text)["conditional-options"] is Verdict.MISSING


def test_polite_ifs_are_not_conditions() -> None:
    text = "Let me know if you have questions. Happy to chat if needed."
    assert verdicts(text)["conditional-options"] is Verdict.MISSING


# --- situation-assessment ----------------------------------------------------------------

def test_assessment_met_with_evidence() -> None:
    text = ("I think we are in the price-driven case: 62% of cancellation surveys last "
            "quarter named price as the reason.")
    assert verdicts(text)["situation-assessment"] is Verdict.MET


BRANCHES = ("If both platforms need the same features, shared code wins. If iOS gets features "
            "first, native is better.\n\n")


def test_assessment_met_when_the_call_is_drawn_from_a_fact_after_the_branches() -> None:
    text = BRANCHES + ("next year's roadmap is 70% parity work (payments, offline mode), so I "
                       "lean shared code.")
    assert verdicts(text)["situation-assessment"] is Verdict.MET


def test_a_fact_then_a_call_is_not_an_assessment_without_branches() -> None:
    text = "The checklist was added in 2022 and nobody uses it, so we've decided to remove it."
    assert verdicts(text)["situation-assessment"] is Verdict.MISSING


def test_facts_backing_the_call_after_the_branches_are_a_partial_assessment() -> None:
    text = BRANCHES + "My recommendation is shared code. We can ship it in Q2 with two engineers."
    verdict = verdicts(text)
    assert verdict["situation-assessment"] is Verdict.PARTIAL
    assert verdict["recommendation"] is Verdict.MET


def test_facts_after_a_call_without_branches_are_no_assessment() -> None:
    text = "My recommendation is shared code. We can ship it in Q2 with two engineers."
    verdict = verdicts(text)
    assert verdict["situation-assessment"] is Verdict.MISSING
    assert verdict["recommendation"] is Verdict.PARTIAL


def test_assessment_partial_without_evidence() -> None:
    assert verdicts("I think we are in the first situation.")[
        "situation-assessment"] is Verdict.PARTIAL


def test_assessment_missing() -> None:
    assert verdicts(WEAK)["situation-assessment"] is Verdict.MISSING


# --- recommendation ----------------------------------------------------------------------

def test_recommendation_met_when_it_follows() -> None:
    text = ("We're in the small-customer case, with 80% of trials from free workspaces. "
            "So I recommend self-serve checkout.")
    assert verdicts(text)["recommendation"] is Verdict.MET


def test_it_depends_without_a_conclusion_is_not_a_recommendation() -> None:
    results = {r.id: r for r in CRITIC.check(Document.from_text(WEAK))}
    rec = results["recommendation"]
    assert rec.verdict is Verdict.MISSING
    assert any("It depends" in (f.quote or "") for f in rec.findings)


def test_hedged_recommendation_is_partial() -> None:
    assert verdicts("I'm leaning towards maybe trying the annual default.")[
        "recommendation"] is Verdict.PARTIAL


# --- stakeholder-views -------------------------------------------------------------------

def test_stakeholder_views_met_when_the_other_side_could_be_right() -> None:
    text = ("Sales argues we should keep the invoice flow. They would be right if large "
            "accounts convert three times better; they see deal sizes we don't.")
    assert verdicts(text)["stakeholder-views"] is Verdict.MET


def test_stakeholder_views_partial_when_only_named() -> None:
    assert verdicts("Engineering prefers the rewrite.")["stakeholder-views"] is Verdict.PARTIAL


def test_stakeholder_views_missing() -> None:
    assert verdicts("We will ship it in June.")["stakeholder-views"] is Verdict.MISSING


# --- tradeoffs ---------------------------------------------------------------------------

def test_tradeoffs_met() -> None:
    text = ("Choosing self-serve means we give up some large deals this quarter. It also adds "
            "the risk of failed card renewals, which we mitigate with dunning emails.")
    assert verdicts(text)["tradeoffs"] is Verdict.MET


def test_tradeoffs_partial_when_vague() -> None:
    assert verdicts("There are some risks.")["tradeoffs"] is Verdict.PARTIAL


def test_tradeoffs_missing() -> None:
    assert verdicts("We will ship self-serve checkout.")["tradeoffs"] is Verdict.MISSING


# --- revisit-trigger ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We revisit this at the end of Q3.",
    "If invoice requests go above 25% of trials, we switch to the sales-led option.",
    "What would change my mind: enterprise trials converting at twice the small-team rate "
    "over 8 weeks.",
])
def test_revisit_trigger_met(text: str) -> None:
    assert verdicts("I recommend the self-serve option. " + text)["revisit-trigger"] is Verdict.MET


def test_a_date_to_revisit_without_a_decision_is_partial() -> None:
    assert verdicts("We revisit this at the end of Q3.")["revisit-trigger"] is Verdict.PARTIAL


def test_revisit_trigger_partial_when_vague() -> None:
    assert verdicts("We'll go with A. We can always revisit later.")["revisit-trigger"] is \
        Verdict.PARTIAL


def test_picking_the_question_up_again_later_is_a_revisit_point() -> None:
    assert verdicts("We'll go with A. We'll pick this up after the Q2 survey.")[
        "revisit-trigger"] is Verdict.MET


def test_someone_picking_up_the_work_is_not_a_revisit_point() -> None:
    assert verdicts("We'll go with A. Engineering will pick this up next sprint.")[
        "revisit-trigger"] is Verdict.MISSING


def test_revisit_trigger_missing() -> None:
    assert verdicts("We ship it in June.")["revisit-trigger"] is Verdict.MISSING


# --- detection ---------------------------------------------------------------------------

EMAIL = """\
Hi Lee,

Should we move the data export to the paid plan? It depends on who uses it. If it is mostly
free users evaluating us, keeping it free is better. If paying teams rely on it weekly,
gating it makes sense. The logs say 70% of exports come from paid workspaces, so I recommend
we gate it. Any thoughts?
"""

FRONT_MATTER = """\
---
author: Kim
date: 2025-03-02
---
Decision needed: build our own feature flags or buy a service.

If we only need on/off switches for a handful of launches, building is best. When we need
percentage rollouts and audit logs, buying wins. We are in the second case: three teams
asked for staged rollouts this quarter. We'll buy.
"""

# A lower-case chat thread: the decision is asked as a choice after a channel line, and
# both branches run together in one message.
CHAT_THREAD = """\
**#checkout** thread

**Mia (PM)** 10:02 AM
call needed this week: do we keep stripe checkout or move to adyen?

**Mia (PM)** 10:04 AM
if most growth stays in the US, stripe wins — setup is done and fees are similar. if \
europe grows faster, adyen is better since local methods matter there

**Mia (PM)** 10:06 AM
eu signups doubled last quarter so I lean adyen

**Raj (eng)** 10:09 AM
migration is two sprints for us

**Mia (PM)** 10:12 AM
going with adyen for new eu accounts first
"""

# An email announcing a decision: the subject line is its title.
SUBJECT_EMAIL = """\
Subject: Decision on the legacy reports page

Team,

We've decided to retire the legacy reports page at the end of the month. The new
dashboards cover the same numbers and the old page is slow.

Engineering will remove it next sprint.

Thanks,
Jo
"""


@pytest.mark.parametrize("text", [STRONG, WEAK, EMAIL, FRONT_MATTER, CHAT_THREAD, SUBJECT_EMAIL,
                                  *(p.read_text() for p in sorted(EXAMPLES.glob("*.md")))])
def test_detection_picks_decision_across_forms(text: str) -> None:
    assert detected(text) == "decision"


@pytest.mark.parametrize("text", [
    "The weather was nice today. We went for a walk in the park and had lunch.",
    textwrap.dedent("""\
        # How I rebuilt onboarding at Acme

        As the PM, I led a team of six. I interviewed 20 customers and found that setup took
        too long. We shipped a guided setup in Q2, which resulted in activation rising from
        31% to 44% over three months. Looking back, I would have involved sales earlier.
        """),
])
def test_detection_stays_low_for_other_text(text: str) -> None:
    assert detected(text) != "decision"


def test_run_on_chat_branches_count_as_separate_conditions() -> None:
    from pmcoach_decision.functions import NEXT_BRANCH
    assert NEXT_BRANCH.search("if US growth holds, stripe wins. if europe grows, adyen is better")
    assert not NEXT_BRANCH.search("if US growth holds and fees stay flat, stripe wins.")


# --- end to end --------------------------------------------------------------------------

def test_cli_json_review_of_the_weak_example() -> None:
    result = CliRunner().invoke(main, ["review", str(EXAMPLES / "weak.md"), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    review = report["results"][0]
    assert review["kind"] == "decision"
    assert [c["id"] for c in review["criteria"]] == CRITIC.rubric.ids
    by_id = {c["id"]: c["verdict"] for c in review["criteria"]}
    assert by_id["recommendation"] == "missing"
    assert review["score"] < 50


# --- how writers who never saw the rules put things ----------------------------------------

def test_a_choice_posed_is_not_a_recommendation() -> None:
    text = ("# Annual plan or monthly?\n\nThe board has to settle whether we should move every "
            "new account to annual billing.\n\nIf most buyers pay by card, monthly wins. If most "
            "pay by invoice, annual is better.\n")
    assert verdicts(text)["recommendation"] is Verdict.MISSING


def test_a_decree_in_the_present_tense_is_a_call() -> None:
    text = ("We're dropping the free tier in May, because 80% of free accounts never invite "
            "a teammate.\n")
    assert verdicts(text)["recommendation"] is Verdict.MET


def test_an_assessment_section_with_figures_meets_the_assessment() -> None:
    text = ("## Options\n\nIf most buyers are small shops, self-serve is best. If most are "
            "chains, the sales-led flow is best.\n\n## Where we stand\n\nThe second one: chains "
            "made up 70% of last year's bookings.\n\n## Recommendation\n\nThe sales-led flow.\n")
    v = verdicts(text)
    assert v["situation-assessment"] is Verdict.MET
    assert v["recommendation"] is Verdict.MET


def test_an_assessment_section_without_evidence_is_partial() -> None:
    text = ("If most buyers are small shops, self-serve is best. If most are chains, the "
            "sales-led flow is best.\n\n## Where we stand\n\nThe second one, I believe.\n")
    assert verdicts(text)["situation-assessment"] is Verdict.PARTIAL


def test_evidence_after_a_condition_that_does_not_hold_is_an_assessment() -> None:
    text = ("The widget only earns its place if teams use it daily. That is not what we are "
            "seeing: daily use fell from 30% to 9% over the last two quarters.\n")
    assert verdicts(text)["situation-assessment"] is Verdict.MET


def test_a_verdict_on_the_option_is_not_a_grounded_assessment() -> None:
    text = ("If buyers need metal housings, we stay with the current part; if not, plastic "
            "wins.\n\nThe plastic part is 12% cheaper. I think it's the right direction, but "
            "I'm not 100% sure.\n")
    assert verdicts(text)["situation-assessment"] is not Verdict.MET


def test_reasons_for_a_call_without_conditions_make_the_assessment_partial() -> None:
    text = ("We're cutting the trial from 30 days to 14.\n\nWhy: 85% of trials that convert do "
            "so in the first week.\n")
    assert verdicts(text)["situation-assessment"] is Verdict.PARTIAL


def test_a_downside_accepted_in_plain_words_is_a_cost() -> None:
    text = ("We're moving search to the new index. Results will be less accurate for a month "
            "while it warms up, and we'll live with that.\n")
    assert verdicts(text)["tradeoffs"] is Verdict.MET


def test_a_cost_voiced_only_by_someone_else_is_partial() -> None:
    text = ("I recommend we retire the export.\n\nDana from support worries that a few "
            "accounts might become upset when it goes.\n")
    assert verdicts(text)["tradeoffs"] is Verdict.PARTIAL


def test_granting_the_other_side_a_point_takes_it_seriously() -> None:
    text = ("Finance wants the annual plan. That's a fair concern, and they know the cash "
            "position better than we do.\n")
    assert verdicts(text)["stakeholder-views"] is Verdict.MET


def test_a_revisit_section_with_a_threshold_is_specific() -> None:
    text = ("I recommend the in-house accounts.\n\n## Revisit\n\nWe'll look at this again "
            "when refunds pass 3% of orders.\n")
    assert verdicts(text)["revisit-trigger"] is Verdict.MET


def test_watching_after_launch_is_a_vague_trigger() -> None:
    text = "I recommend the in-house accounts. We'll keep an eye on it after launch.\n"
    assert verdicts(text)["revisit-trigger"] is Verdict.PARTIAL


def test_a_price_alone_is_half_of_costs_and_risks() -> None:
    text = ("We'll move invoicing to the new provider. Its per-invoice fee is about twice what "
            "we pay today, and that cost grows with volume.\n")
    assert verdicts(text)["tradeoffs"] is Verdict.PARTIAL


def test_a_denied_risk_is_no_risk_named() -> None:
    assert verdicts("We'll retire the old editor.\n\nRisks: none to speak of.\n"
                    )["tradeoffs"] is Verdict.MISSING


def test_a_plain_text_recommendation_heading_opens_the_call() -> None:
    text = ("Subject: retiring the desktop app\n\nBackground\nThe desktop app is 4% of sessions "
            "this quarter.\n\nRecommendation\nRetire it at the end of June.\n")
    assert verdicts(text)["recommendation"] is Verdict.MET


def test_a_call_backed_by_its_reasons_with_figures_is_met() -> None:
    text = ("Decision: we move the weekly digest to push notifications.\n\nWhy: only 9% of "
            "digest emails are opened, against 31% for pushes.\n")
    assert verdicts(text)["recommendation"] is Verdict.MET


def test_a_lean_without_a_subject_is_a_hedged_call() -> None:
    text = ("It depends on the mix of customers. If most are small, one plan is best. If most "
            "are large, two plans win.\n\nLeaning toward one plan for now.\n")
    assert verdicts(text)["recommendation"] is Verdict.PARTIAL


def test_a_figure_describing_today_is_not_a_revisit_trigger() -> None:
    text = "We'll retire the legacy export. Exports are under 3% of jobs.\n"
    assert verdicts(text)["revisit-trigger"] is Verdict.MISSING


def test_keeping_something_until_a_scheduled_date_is_not_a_revisit_trigger() -> None:
    text = "We'll move to usage pricing. Current customers keep their plan until renewal.\n"
    assert verdicts(text)["revisit-trigger"] is Verdict.MISSING


def test_a_front_matter_title_posing_the_choice_states_the_decision() -> None:
    text = ("---\ntitle: One warehouse or two?\n---\n\nSome background on volumes.\n\n"
            "More notes on costs.\n")
    assert verdicts(text)["decision-stated"] is Verdict.MET
