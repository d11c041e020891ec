"""The manager-update critic: every criterion met and not met, honest quotes, detection, CLI."""

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
from pmcoach_manager_update import KIND_FILE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "manager-update"
CRITIC = load_kind(KIND_FILE)

STRONG = """\
Hi Priya,

A challenge I ran into: the payments team can't support the new checkout until their
migration lands in mid-June, which would push our May 14 launch back four weeks and miss
the spring promotion (about 18% of Q2 revenue).

Here's how I'm handling it: I've decided to launch on May 14 to the 60% of traffic that
already uses the old fraud check, and roll out the rest once payments is ready.

Any concerns with launching to part of the traffic first?

Thanks,
Sam
"""

DUMP = """\
Hey, some updates from this week.

- Design review had a lot of comments and some issues with the nav
- The analytics pipeline is still flaky
- Two engineers were out sick so things are a bit behind
- QA found bugs in onboarding
- I'm not sure what to do about the nav

Let me know if you have any questions.
"""


def verdicts(text: str) -> dict[str, Verdict]:
    return {r.id: r.verdict for r in CRITIC.check(Document.from_text(text))}


def assert_quotes_real(text: str) -> None:
    """Every evidence and finding quote is really in the file at the lines it claims."""
    check_grounded(CRITIC, text)


def test_one_result_per_criterion_in_rubric_order() -> None:
    assert [r.id for r in CRITIC.check(Document.from_text(STRONG))] == [
        "challenge", "approach", "ask", "context", "brevity"]


def test_strong_update_meets_every_criterion() -> None:
    assert set(verdicts(STRONG).values()) == {Verdict.MET}


def test_problem_dump_is_not_a_good_update() -> None:
    v = verdicts(DUMP)
    assert v["challenge"] is not Verdict.MET
    assert v["approach"] is not Verdict.MET
    assert v["ask"] is not Verdict.MET


LONG = "Hi Jo,\n\n" + "\n\n".join(
    "The migration has been slow this sprint because the vendor API keeps timing out and "
    "we spent a lot of time on retries and on logging. " * 3 for _ in range(6)) + "\n"


@pytest.mark.parametrize("text", [STRONG, DUMP, LONG,
                                  *(p.read_text() for p in sorted(EXAMPLES.glob("*.md")))])
def test_quotes_are_in_the_document_at_their_lines(text: str) -> None:
    assert_quotes_real(text)


# --- challenge ---------------------------------------------------------------------------

def test_challenge_met_when_specific() -> None:
    assert verdicts("The Acme import is blocked: their CSV has 40k rows and our parser times "
                    "out after 10k.")["challenge"] is Verdict.MET


def test_challenge_partial_when_vague() -> None:
    assert verdicts("There are some issues with the project.")["challenge"] is Verdict.PARTIAL


def test_challenge_partial_for_a_list_of_many_problems() -> None:
    assert verdicts(DUMP)["challenge"] is Verdict.PARTIAL


PARAGRAPH_DUMP = """\
Hi Greg,

The billing migration is behind. The vendor changed their API twice since March.

On top of that, Ana is out for a month, which leaves us short on backend help. Design was
pulled onto the rebrand, which is blocking the settings page.

Support is unhappy because the usage dashboard has shown wrong numbers since the last
deploy. Marketing want a launch date but I can't confirm one. The export job also fails
every other night. I'm also worried about morale.
"""

ONE_CHALLENGE_IN_DETAIL = """\
Hi Greg,

The billing migration is behind: the vendor changed their API twice since March.

Each change broke our sync job, and the last one is blocking the April invoices for 40
accounts. If it slips another week, finance misses the quarter close.

I'm moving Ana onto the sync job until it is fixed. Any concerns?
"""


def test_challenge_partial_for_many_problems_in_a_few_dense_paragraphs() -> None:
    assert verdicts(PARAGRAPH_DUMP)["challenge"] is Verdict.PARTIAL


def test_challenge_met_for_one_problem_told_over_several_sentences() -> None:
    assert verdicts(ONE_CHALLENGE_IN_DETAIL)["challenge"] is Verdict.MET


def test_challenge_missing_when_all_is_well() -> None:
    assert verdicts("Hi Sam, the beta went out to 40 customers on Monday as planned. "
                    "I'll send the readout next week.")["challenge"] is Verdict.MISSING


# --- approach ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I'm planning to move the launch to the 21st.",
    "I decided to cut the export feature from this release.",
    "Here's how I'm handling it: the two teams pair on the API this week.",
    "My plan is to ask legal for a one-page summary instead of a full review.",
])
def test_approach_met(text: str) -> None:
    assert verdicts(text)["approach"] is Verdict.MET


def test_approach_partial_when_only_tentative() -> None:
    assert verdicts("The vendor is late. Maybe we could cut the export, or probably move the "
                    "date.")["approach"] is Verdict.PARTIAL


def test_approach_partial_when_actions_are_outnumbered_by_maybes() -> None:
    assert verdicts("The vendor is late. I've asked them for a new date. Maybe we cut the "
                    "export; probably the launch moves too. Not sure what the right call is.")[
        "approach"] is Verdict.PARTIAL


def test_approach_met_when_one_maybe_sits_beside_several_actions() -> None:
    assert verdicts("The vendor is late. I've asked them for a new date. I've moved the "
                    "launch to the 21st. Marketing might need a new email.")[
        "approach"] is Verdict.MET


def test_approach_partial_for_an_intention() -> None:
    assert verdicts("I'm going to try to be more proactive in general.")["approach"] is \
        Verdict.PARTIAL


def test_approach_missing_when_the_decision_is_handed_upward() -> None:
    assert verdicts("The vendor is late. I'm not sure what to do. What should I do?")[
        "approach"] is Verdict.MISSING


def test_approach_missing_for_a_bare_problem() -> None:
    assert verdicts("The vendor is three weeks late on the SDK.")["approach"] is Verdict.MISSING


# --- ask ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Any thoughts?", "Could you raise it with Marco on Thursday?",
                                  "lmk if you'd rather I hold off.", "Does this sound right?"])
def test_ask_met(text: str) -> None:
    assert verdicts(text)["ask"] is Verdict.MET


@pytest.mark.parametrize("text", ["Let me know if you have any questions.",
                                  "Please reach out if you have any questions."])
def test_ask_partial_for_a_generic_offer(text: str) -> None:
    assert verdicts(text)["ask"] is Verdict.PARTIAL


def test_ask_met_when_reaching_out_is_a_real_request() -> None:
    assert verdicts("Please reach out to Dana's team about the API limit.")["ask"] is Verdict.MET


def test_ask_missing() -> None:
    assert verdicts("I'm moving the launch to the 21st.")["ask"] is Verdict.MISSING


# --- context -----------------------------------------------------------------------------

def test_context_met_with_stakes_and_timeline() -> None:
    assert verdicts("If we slip past Friday, Acme's renewal ($80k) is at risk.")[
        "context"] is Verdict.MET


@pytest.mark.parametrize("text", [
    "Two enterprise customers are blocked until Friday.",
    "The bug hits 12% of signups and the fix lands next sprint.",
])
def test_context_met_when_impact_is_named_and_sized(text: str) -> None:
    assert verdicts(text)["context"] is Verdict.MET


@pytest.mark.parametrize("text", [
    "This pushes the release to next Friday, which annoys customers.",
    "The bug showed up in 12% of runs; the fix lands next sprint.",
])
def test_context_partial_when_impact_is_named_or_sized_but_not_both(text: str) -> None:
    assert verdicts(text)["context"] is Verdict.PARTIAL


def test_context_partial_with_only_a_date() -> None:
    assert verdicts("I'll look at it on Friday.")["context"] is Verdict.PARTIAL


def test_context_missing() -> None:
    assert verdicts("I'm looking into it.")["context"] is Verdict.MISSING


# --- brevity -----------------------------------------------------------------------------

def test_brevity_met_for_a_short_update() -> None:
    assert verdicts(STRONG)["brevity"] is Verdict.MET


def test_brevity_partial_a_little_long() -> None:
    text = "Hi Jo,\n\n" + ("We hit a snag with the vendor and I am handling it today. " * 25)
    assert 250 < Document.from_text(text).word_count <= 400
    assert verdicts(text)["brevity"] is Verdict.PARTIAL


def test_brevity_missing_for_a_wall_of_text() -> None:
    assert Document.from_text(LONG).word_count > 400
    results = {r.id: r for r in CRITIC.check(Document.from_text(LONG))}
    assert results["brevity"].verdict is Verdict.MISSING
    assert results["brevity"].findings  # the long paragraphs are pointed at


# --- status lists and labels -------------------------------------------------------------

STATUS = """\
Weekly notes, platform team

- Search reindex finished on Monday
- Payroll export blocked on the tax vendor since the 3rd, 40 payslips held
- New hire starts on the 20th
- Dashboard copy with legal
- Standup moves to 10am
- Out Thursday morning
- Roadmap review?
"""


def test_a_status_list_buries_its_one_problem() -> None:
    got = verdicts(STATUS)
    assert got["challenge"] is Verdict.PARTIAL
    assert got["approach"] is Verdict.MISSING
    assert got["context"] is Verdict.PARTIAL


def test_an_agenda_topic_in_a_list_is_not_a_question() -> None:
    assert verdicts(STATUS)["ask"] is Verdict.MISSING


def test_a_status_list_with_a_plan_is_not_buried() -> None:
    text = STATUS + "\nI've asked the tax vendor for a fix date and will pay by hand if it slips.\n"
    assert verdicts(text)["challenge"] is Verdict.MET


def test_many_problems_under_a_problem_heading_still_single_one_out() -> None:
    text = ("## Background\n\nThe importer shipped in May to three regions and two went well.\n\n"
            "## What went wrong in the east\n\nImports from the east region fail on 30% of files "
            "because the vendor changed the date format on the 2nd. Two customers "
            "complained on Friday.\n\nSupport tickets tripled "
            "and the team is frustrated.\n\nThe retry job is also flaky. A migration is "
            "behind.\n\n## What I'm doing\n\nI've asked the vendor to revert, and the old "
            "parser is back in the east since Tuesday, which blocks nothing else but is slow. "
            "The dashboard bug is still open and QA is stuck.\n")
    assert verdicts(text)["challenge"] is Verdict.MET


def test_a_call_left_open_beside_actions_is_partial() -> None:
    assert verdicts("The vendor is late. I've asked them for a new date and moved the demo "
                    "to the 21st. Whether we drop the vendor, we haven't decided yet.")[
        "approach"] is Verdict.PARTIAL


def test_not_sure_what_we_should_do_hands_the_call_upward() -> None:
    assert verdicts("Beta testers find the new filter panel confusing. I'm not sure what we should "
                    "do about it. Let me know what you think.")["approach"] is Verdict.MISSING


def test_let_me_know_your_thoughts_is_a_generic_offer() -> None:
    assert verdicts("I'm moving the launch to the 21st. Let me know any thoughts.")[
        "ask"] is Verdict.PARTIAL


def test_a_labelled_list_of_past_actions_is_a_plan() -> None:
    text = ("The payroll vendor rejects files over 5 MB since Monday, so 300 contractors were "
            "not paid on time.\n\nWhat I've done so far:\n\n- Split the file in two\n- Paid the "
            "rest by hand\n\nOK to keep splitting until their fix on the 12th?\n")
    assert verdicts(text)["approach"] is Verdict.MET
    assert verdicts(text)["context"] is Verdict.MET


def test_lowercase_chat_with_a_plan_then_a_question_is_a_plan() -> None:
    text = ("hey Sam. the export broke for 40 accounts last night. i'm rolling back to "
            "yesterday's build and re-running it tonight. ok with that?\n")
    assert verdicts(text)["approach"] is Verdict.MET


def test_a_bulleted_update_about_one_problem_with_an_ask_is_not_a_status_list() -> None:
    text = ("Quick one on the importer:\n\n- Imports fail for 12% of files since the 3rd\n"
            "- About 80 accounts hit it\n- Reverting the parser change tonight\n"
            "- Alert on failure rate added\n- Review on Thursday\n"
            "- Could you tell sales before their Monday call?\n")
    got = verdicts(text)
    assert got["challenge"] is Verdict.MET
    assert got["approach"] is Verdict.MET


# --- detection ---------------------------------------------------------------------------

CHAT = """\
hey Ana, one thing I want your read on before Thursday.

churn interviews keep pointing at slow CSV imports: 9 of 14 churned accounts mentioned it.
I'm planning to swap the April bulk-edit work for an import rewrite.

ok with me moving it?
"""

HEADED = """\
---
author: Sam
---
# Update: SSO launch

**Challenge.** The identity vendor changed their SAML API last week and our SSO beta broke
for 12 customers.

**What I'm doing.** I rolled back to the old endpoint and asked the vendor for a migration
window; I'll move us over in the next sprint.

**Ask.** Could you back me if the vendor pushes for an upgrade fee?
"""


@pytest.mark.parametrize("text", [STRONG, DUMP, CHAT, HEADED,
                                  *(p.read_text() for p in sorted(EXAMPLES.glob("*.md")))])
def test_detection_picks_manager_update_across_forms(text: str) -> None:
    assert detected(text) == "manager-update"


def test_a_decision_write_up_that_ends_with_a_question_is_not_an_update() -> None:
    text = ("# Annual or monthly default?\n\nIt depends. If most buyers are price-sensitive "
            "teams, annual is best. If they are trialing, monthly wins. We are in the second "
            "case: 70% of signups cancel in month one, so I recommend monthly. Any thoughts?\n")
    assert detected(text) == "decision"


def test_an_announcement_with_no_challenge_is_not_an_update() -> None:
    # A plan and a generic "reach out with questions", but no problem the author ran into.
    text = ("Subject: New on-call rota\n\nTeam,\n\nWe've decided to move to a weekly on-call "
            "rota from March. I'll share the schedule on Monday.\n\nPlease reach out if you "
            "have any questions.\n\nThanks,\nJo\n")
    assert detected(text) != "manager-update"


@pytest.mark.xfail(strict=True, reason="known misread of the fitted detector "
                   "(docs/detection.md, Known limits): a short text dense in another "
                   "kind's vocabulary")
def test_a_chat_choice_with_no_challenge_scores_below_a_chat_update() -> None:
    choice = ("do we keep the two native apps or move to shared code?\n\n"
              "I'll start with the data layer only. will write it up next week\n")
    update = ("the shared-code migration is blocked: the build breaks on iOS 15.\n\n"
              "I'll start with the data layer only. ok with that?\n")
    assert detected(choice) != "manager-update"
    assert detected(update) == "manager-update"


def test_detection_low_for_unrelated_text() -> None:
    assert detected("Preheat the oven to 200C. Mix the flour and butter, then bake "
                    "for 25 minutes.") is None


# --- end to end --------------------------------------------------------------------------

def test_cli_json_review_of_a_chat_message(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(CHAT)
    result = CliRunner().invoke(main, ["review", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    review = json.loads(result.output)["results"][0]
    assert review["kind"] == "manager-update"
    assert {c["id"]: c["verdict"] for c in review["criteria"]}["approach"] == "met"
    for c in review["criteria"]:
        for e in c["evidence"]:
            assert " ".join(e["quote"].split()) in " ".join(CHAT.split())
