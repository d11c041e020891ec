"""What an update says about where its project stands on the update's date.

"We have not opened the pilot", "no customer has it yet", "the beta moved to June": a
stage not reached by the update's date. "The beta has been open since 2 June": reached.
A case study that dates the same stage before the update (or after it) disagrees.
"""

from __future__ import annotations

import re

from ..facts import Status
from .places import Statement
from .text import clause_at
from .timeline import _STAGES

#: Nothing is live: no stage of the project has happened.
_NOT_LIVE = re.compile(
    r"(?i)\bnothing\s+is\s+live\b|\bnot\s+(?:yet\s+)?live\b|\b(?:is|are)n't\s+(?:yet\s+)?live\b"
    r"|\byet\s+to\s+go\s+live\b|\b(?:have|has)(?:\s+not|n't)\s+(?:yet\s+)?(?:shipped|launched"
    r"|released)\s+anything|\bnothing\s+has\s+(?:shipped|launched|gone\s+live)")
#: A stage that has not started or is late: the stage is named in the same clause.
_NOT_YET = re.compile(
    r"(?i)\b(?:(?:has|have|had)\s*n[o']t\s+(?:yet\s+)?(?:started|launched|opened|begun|shipped)"
    r"|(?:has|have)\s+not\s+(?:yet\s+)?(?:started|launched|opened|begun|shipped)"
    r"|not\s+(?:yet\s+)?(?:started|launched|open(?:ed)?)|yet\s+to\s+(?:start|launch|open|ship)"
    r"|(?:has|have|had)\s+slipped|slipp(?:ed|ing)\s+to|is\s+slipping|(?:is|was|has\s+been)\s+"
    r"delayed|(?:pushed|moved)\s+(?:\w+\s+){0,3}(?:back\s+)?to|moves\s+to|(?:now\s+)?aiming\s+to"
    r"\s+(?:open|start|launch|ship)|before\s+(?:we|it)\s+(?:can\s+)?(?:open|start|launch)"
    r"|(?:won't|will\s+not|can't|cannot)\s+(?:open|start|launch|go\s+live|begin)"
    r"|(?:is|are)\s+(?:now\s+)?(?:planned|scheduled|expected|set)\s+(?:for|to|in)"
    r"|(?:opens|starts|begins|launches|goes\s+live|kicks\s+off)\s+(?:on|in|next|this)"
    r"|(?:is|are)\s+on\s+hold|(?:is|are)\s+(?:still\s+)?not\s+(?:yet\s+)?out\b|still\s+not\s+(?:out"
    r"|live|open|started|launched|shipped)\b|(?:is|are)\s+(?:now\s+)?(?:moving|shifting|sliding)\s+(?:back\s+)?"
    r"(?:from|to|by)\b"
    r"|(?:still\s+)?(?:waiting|blocked)\s+(?:on|by)\b.{0,60}\bbefore)\b")
_NOBODY_YET = re.compile(
    r"(?i)\bno\s+(?:\w+\s+){0,2}(?:has|have|had)\s+(?:\w+\s+){0,4}yet\b"
    r"|\bno\s+(?:\w+\s+){0,2}(?:is|are)\s+(?:using|on)\b[^.;]{0,40}\byet\b"
    r"|\bno\s+(?:\w+\s+){0,2}(?:can|could)\s+(?:\w+\s+){1,4}yet\b|\bno\s+(?:\w+\s+){0,3}"
    r"(?:has|have)\s+(?:the\s+app|access|cashed|signed|used)\b.*\byet\b|\bnot\s+a\s+single\b"
    r"|\bhaven't\s+sent\s+a\s+single\b|\bnobody\s+(?:has|is)\b.*\byet\b"
    r"|\b(?:0|zero|none)\s+of\s+(?:the\s+|our\s+)?(?:\d+\s+)?(?:[\w-]+\s+){0,3}(?:are|is|have|has)\b"
    r"[^.;]{0,40}\byet\b")
#: "it is still in trial mode", "we are still testing with ten users": before the launch,
#: whichever stage is named.
_STILL_BEFORE = re.compile(
    r"(?i)\b(?:we|it|they)\s+(?:are|is|were|was)\s+still\s+(?:in\s+(?:\w+[- ])?(?:mode|testing"
    r"|trial|beta|pilot|preview|staging)|testing|piloting|trialling|trialing)\b")
_DONE = re.compile(
    r"(?i)\b(?:has|have)\s+been\s+(?:live|open|running)\b[^.;]{0,40}?\bsince\b|\b(?:is|are)\s+(?:now\s+)?live\b|\bwent\s+live\b"
    r"|\blaunched\s+(?:on|last|this)\b|\bopened\s+(?:on|last|this)\b")
_NEGATED = re.compile(r"(?i)\b(?:not|n't|no|nothing|never)\b")


def statuses(statements: list[Statement]) -> list[Status]:
    found: list[Status] = []
    for s in statements:
        if s.block in ("front", "heading", "table"):
            continue
        status = _status(s)
        if status is not None:
            found.append(status)
    return found


def _stage(clause: str) -> str:
    named = [stage for stage, pattern in _STAGES if stage != "kickoff" and pattern.search(clause)]
    return named[0] if named else "any"


def _status(s: Statement) -> Status | None:
    for pattern, done in ((_NOT_LIVE, False), (_NOBODY_YET, False), (_NOT_YET, False),
                          (_STILL_BEFORE, False), (_DONE, True)):
        m = pattern.search(s.text)
        if m is None:
            continue
        left, right = clause_at(s.text, m.start(), m.end())
        clause = s.text[left:right]
        if done and _NEGATED.search(clause):
            continue
        stage = "launch" if pattern is _STILL_BEFORE else _stage(clause)
        if stage == "any" and pattern is _NOT_YET:
            continue  # "the vendor fix is delayed": not a stage of the project
        place = s.place(left, right)
        if place is not None:
            return Status(place, stage, done, " ".join(clause.split()).strip("*_ "))
    return None
