"""A pmcoach plugin for launch retrospectives (kind ``launch-retro``).

Two hooks: ``register_critics`` hands pmcoach the critic, and ``register_prompt_dirs``
the folder holding this package's prompt templates (``launch-retro/v<N>.md.j2``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pmcoach import Criterion, CriterionResult, Critic, Document, Rubric, Verdict, hookimpl
from pmcoach.checks import cues, finding, grade, matching, result, section_titled

__all__ = ["RUBRIC", "LaunchRetroCritic", "register_critics", "register_prompt_dirs"]

PROMPTS = Path(__file__).parent / "prompts"

RUBRIC = Rubric(kind="launch-retro", title="Launch retrospective", criteria=(
    Criterion(id="goals", title="Goals",
              description="States what the launch set out to achieve, with targets."),
    Criterion(id="outcomes", title="Outcomes",
              description="Reports results against those targets, in numbers."),
    Criterion(id="went-well", title="What went well",
              description="Says what worked and why, so the team can repeat it."),
    Criterion(id="went-wrong", title="What went wrong",
              description="Names what went wrong and its root cause, without blame."),
    Criterion(id="action-items", title="Action items",
              description="Ends with actions that each have an owner and a date."),
))

_NUMBER = re.compile(r"\d")
_GOAL = cues("goals?", "aimed", "target(ed|s)?", "objectives?", "set out to")
_OUTCOME = cues("result(s|ed)?", "outcomes?", "reached", "hit", "missed", "achieved", "landed")
_WELL = cues("went well", "worked", "what helped", "success(es|ful)?")
_WRONG = cues("went wrong", "did not work", "didn't work", "problems?", "issues?", "missed",
              "root cause", "because")
_ACTION = cues("action items?", "next steps?", "follow-?ups?", "we will", "owner")
_OWNER_DATE = re.compile(r"(@\w+|\bowner\b|\(\w+\)).*?(\bby\b|\d{4}-\d{2}-\d{2}|\bQ[1-4]\b|"
                         r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)", re.I)


class LaunchRetroCritic(Critic):
    """Judges a launch retrospective; offline checks only look for the retro's bones."""

    kind = "launch-retro"
    title = "Launch retrospective"
    rubric = RUBRIC
    prompt_version = 1
    #: Detection evidence as data: pmcoach scores it like every other kind's.
    signature = Path(__file__).with_name("signature.yaml")

    def check(self, doc: Document) -> list[CriterionResult]:
        return [_goals(doc), _outcomes(doc), _well(doc), _wrong(doc), _actions(doc)]


def _goals(doc: Document) -> CriterionResult:
    goals = matching(doc, _GOAL)
    with_numbers = [s for s in goals if _NUMBER.search(s.text)]
    verdict = Verdict.MET if with_numbers else Verdict.PARTIAL if goals else Verdict.MISSING
    return result("goals", verdict,
                  {Verdict.MET: "The goals come with targets.",
                   Verdict.PARTIAL: "Goals are named but without a number to hit.",
                   Verdict.MISSING: "Never says what the launch was meant to achieve."}[verdict],
                  "State each goal with its target: 'reach 2,000 paying teams by June 30'.",
                  with_numbers or goals)


def _outcomes(doc: Document) -> CriterionResult:
    mentioned = matching(doc, _OUTCOME)
    numbers = [s for s in mentioned if _NUMBER.search(s.text)]
    verdict = Verdict.MET if numbers else Verdict.PARTIAL if mentioned else Verdict.MISSING
    return result("outcomes", verdict,
                  {Verdict.MET: "Results are reported in numbers.",
                   Verdict.PARTIAL: "Results are described, but not in numbers.",
                   Verdict.MISSING: "Never says what the launch achieved."}[verdict],
                  "Put the actual next to the target: 'reached 1,400 of the 2,000 teams'.",
                  numbers or mentioned)


def _well(doc: Document) -> CriterionResult:
    spans = section_titled(doc, cues("went well", "what worked")) or matching(doc, _WELL)
    verdict = grade(len(spans), met=1)
    return result("went-well", verdict,
                  "Says what worked." if spans else "Nothing says what went well.",
                  "Add what worked and why, so the next launch repeats it.", spans)


def _wrong(doc: Document) -> CriterionResult:
    spans = matching(doc, _WRONG)
    causes = [s for s in spans if cues("root cause", "because").search(s.text)]
    verdict = Verdict.MET if causes else Verdict.PARTIAL if spans else Verdict.MISSING
    return result("went-wrong", verdict,
                  {Verdict.MET: "Problems come with their causes.",
                   Verdict.PARTIAL: "Problems are listed but not why they happened.",
                   Verdict.MISSING: "Nothing says what went wrong."}[verdict],
                  "For each problem, say its root cause ('because the migration script had "
                  "no dry run'), not who was at fault.", causes or spans)


def _actions(doc: Document) -> CriterionResult:
    heading = section_titled(doc, _ACTION)
    items = [b for b in doc.blocks if b.kind == "item" and heading
             and b.line > heading[0].line]
    owned = [b for b in items if _OWNER_DATE.search(b.text)]
    unowned = [b for b in items if b not in owned]
    verdict = Verdict.MET if items and not unowned else \
        Verdict.PARTIAL if items else Verdict.MISSING
    return result(
        "action-items", verdict,
        {Verdict.MET: "Every action has an owner and a date.",
         Verdict.PARTIAL: "Some actions have no owner or no date.",
         Verdict.MISSING: "No action items: the retro changes nothing."}[verdict],
        "End with a list of actions, each with an owner and a date: "
        "'- Add a dry-run step to migrations (@dana, by May 3)'.",
        owned or items,
        [finding("action-items", b, "This action has no owner or no date.",
                 "Add who owns it and by when: '(@dana, by May 3)'.") for b in unowned])


@hookimpl
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register the launch-retro critic."""
    register(LaunchRetroCritic())


@hookimpl
def register_prompt_dirs(register: Callable[[Path], None]) -> None:
    """Register this package's prompt templates (prompts/launch-retro/v1.md.j2)."""
    register(PROMPTS)
