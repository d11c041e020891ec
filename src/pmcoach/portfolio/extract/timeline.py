"""A project's dates: its milestones (kickoff, pilot, beta, launch), how long it took, and
when it ran.

Only what happened is kept: a date the text plans, targets or hopes for ("launch is on track
for early June", "the Q3 target") is not a milestone, and in a dated document (an
update, a decision) a milestone after the document's own date is a plan.
"""

from __future__ import annotations

import re
from datetime import date

from ..facts import Length, Milestone, Period
from .dates import DateMention, When, find_dates
from .places import Statement
from .text import APPROX, NUM, clause_at, number

_STAGES = (
    ("pilot", re.compile(r"(?i)\bpilot(?:s|ed|ing)?\b")),
    ("beta", re.compile(r"(?i)\b(?:(?:closed|private|open|public|limited)\s+)?beta\b")),
    ("launch", re.compile(
        r"(?i)\b(?:(?:public|full|official|general|national|global)\s+)?launch(?:ed|es|ing)?\b"
        r"(?!\s+(?:hardening|prep\w*|readiness|plan\w*|date|checklist|review|target|party|event"
        r"|bar|criteria|window|team|email|blog|work|tasks?|risks?|metrics?)\b)"
        r"|\bgo-live\b|\bwent\s+live\b|\bgoes\s+live\b|\bgeneral\s+availability\b|(?-i:\bGA\b)"
        r"|\b(?:became|made\s+it|went)\s+generally\s+available\b"
        r"|\b(?:rolled|rolling)\s+(?:it\s+)?out\s+to\s+(?:all|every|100)|\bfull\s+rollout\b"
        r"|\b(?:released|shipped|opened)\s+(?:it\s+)?to\s+(?:everyone|all|every)\b"
        r"|\bpublic\s+release\b|\bwent\s+GA\b|\bavailable\s+to\s+(?:all|every)"
        r"|\bwent\s+(?:live\s+)?(?:statewide|nationwide|countrywide|worldwide|fleet-wide|company-wide"
        r"|global)\b|\b(?:pushed|deployed|rolled)\s+(?:\w+\s+){0,4}?(?:out\s+)?to\s+(?:every|all)\b"
        r"|(?<=\bit\s)shipped\s+(?=(?:in|on)\s)"
        r"|\b(?:all|every)\s+(?:\w+\s+){0,3}?(?:switched|cut|moved)\s+over\b"
        r"|\brollout\s+(?:was\s+)?(?:completed|complete|finished)|\bcompleted\s+the\s+rollout")),
    ("kickoff", re.compile(r"(?i)\bkick(?:ed)?[- ]?off\b|\bproject\s+(?:started|began)\b"
                           r"|(?-i:\bWe\s)(?:started|began)(?=\s+(?:in|on|the|work|building)\b)"
                           r"|\b(?:work|development|the\s+build)\s+(?:started|began)\b"
                           r"|(?<=,\s)starting(?=\s+(?:in|on)\s)")),
)
#: A plan, a target, a hope: not something that happened.
_PLANNED = re.compile(
    r"(?i)\b(?:target\w*|aim\w*|plan(?:s|ned)?\b|planning\s+to|on\s+track|schedul(?!ers?\b)\w*|expect\w*|will|would|should"
    r"|could|if|goal|deadline|hop(?:e|ed|ing)|moves?\s+to|moved\s+to|slip\w*|push\w*\s+(?:back\s+)?"
    r"to|delay\w*|protects?|intend\w*|forecast\w*|estimat\w*|next|upcoming|want\w*|by\s+the\s+"
    r"time|before\s+we)\b")
#: Someone else's launch, or an earlier version's.
_OTHER = re.compile(r"(?i)\b(?:competitors?|rivals?|old|original|legacy|previous|prior|first"
                    r"\s+version|predecessor)\b")
_PARTIAL = re.compile(r"(?i)\b(?:internal\w*|employees|staff|dogfood\w*|soft\s+launch|limited"
                      r"|early\s+access|invite-only|waitlist|friends\s+and\s+family|alpha|"
                      r"\d+\s*%\s+of)\b")
_LABEL = re.compile(r"^\W*[^:]{2,40}:\s*(?:\*\*\s*)?")
_LEADING_DATE = re.compile(r"^\W*(?P<date>.{3,40}?)\s*[:—–-]\s+")


#: "after GA", "before the beta": the stage is a reference point, not what the date dates.
_REFERENCE = re.compile(r"(?i)\b(?:after|before|until|till|following|ahead\s+of|post|pre|since"
                        r"|of)\s+(?:the\s+|our\s+|its\s+|an?\s+(?:[\w-]+\s+){0,2})?$|(?:post|pre)-$")


#: "..., starting in July": a start only when no stage is named beside it.
_WEAK_START = re.compile(r"(?i)starting$")
_GENERIC_LAUNCH = re.compile(r"(?i)^(?:launch(?:ed|es|ing)?|went\s+live|goes\s+live|go-live)$")


def _stage_near(clause: str, position: int) -> tuple[str, str] | None:
    """The stage named in ``clause`` nearest to ``position``, and its words; "the pilot
    went live" is the pilot's date, not the launch's."""
    best: tuple[int, int, str, str] | None = None
    small: tuple[int, str, str] | None = None  # the first pilot or beta named
    named = [m for stage, pattern in _STAGES for m in pattern.finditer(clause)]
    weak_only = all(_WEAK_START.match(m.group(0)) for m in named)
    for stage, pattern in _STAGES:
        for m in pattern.finditer(clause):
            if _REFERENCE.search(clause[: m.start()]) or (
                    _WEAK_START.match(m.group(0)) and not weak_only):
                continue  # "a beta for 25 shops, starting in May": the beta's date
            if stage in ("pilot", "beta") and (small is None or m.start() < small[0]):
                small = (m.start(), stage, m.group(0))
            distance = min(abs(m.start() - position), abs(m.end() - position))
            if best is None or distance < best[0]:
                best = (distance, m.start(), stage, m.group(0))
    if best is None:
        return None
    if best[2] == "launch" and small is not None and small[0] < best[1] and \
            _GENERIC_LAUNCH.match(best[3]):
        return small[1], small[2]
    return best[2], best[3]


def _row_milestones(s: Statement, anchor: date | None) -> list[Milestone]:
    """A timeline table row: "| Private beta, 12 depots | 2020-04-06 |"."""
    first = s.cells[0] if s.cells else ""
    stage = _stage_near(first, 0)
    if stage is None or _PLANNED.search(first) or _OTHER.search(first):
        return []
    for cell in s.cells[1:]:
        dates = find_dates(cell, anchor)
        if len(dates) == 1:
            place = s.place_of(s.text.strip().strip("|").strip()) or s.place(0, len(s.text))
            if place is not None:
                return [Milestone(place, stage[0], dates[0].when, stage[1])]
    return []


def milestones(statements: list[Statement], anchor: date | None,
               written: When | None) -> list[Milestone]:
    """Dated steps that happened; ``written`` is the document's own date, if any."""
    found: list[Milestone] = []
    for s in statements:
        if s.block in ("front", "heading"):
            continue
        if s.block == "table":
            found.extend(_row_milestones(s, anchor))
            continue
        mentions = find_dates(s.text, anchor)
        lead = _LEADING_DATE.match(s.text)
        if lead and mentions and mentions[0].start < lead.end("date"):
            mentions = mentions[:1]  # "2 June: beta (wider by August)": the item's own date
        for mention in mentions:
            milestone = _milestone(s, mention, written)
            if milestone is not None:
                found.append(milestone)
    return found


def _milestone(s: Statement, mention: DateMention, written: When | None) -> Milestone | None:
    lead = _LEADING_DATE.match(s.text)
    label = _LABEL.match(s.text)
    if label and label.end() == mention.start:
        # "Pilot live: mid-April": the label names the event the date dates.
        left, right = 0, mention.end
    elif lead and lead.start("date") <= mention.start < lead.end("date"):
        # "October 2019: beta opened ...": the date heads the item, the event follows.
        left, right = clause_at(s.text, lead.end(), lead.end())
        left = lead.end()
    else:
        left, right = clause_at(s.text, mention.start, mention.end)
    clause = s.text[left:right]
    stage = _stage_near(clause, mention.start - left)
    if stage is None or _PLANNED.search(clause) or _OTHER.search(clause):
        return None
    if stage[0] == "launch" and _PARTIAL.search(clause):
        return None  # an internal or limited launch is not the launch
    at = left + clause.find(stage[1]) if stage[1] in clause else mention.start
    if mention.when.precision in ("range", "years") and stage[0] != "kickoff":
        return None  # "beta ran from May to July": a span, not the day it happened
    if written is not None and mention.when.start > written.end:
        return None  # after the document was written: a plan
    # The place starts at whichever comes first, so that the project named nearest before
    # it is the one the milestone is about ("the app went live in the App Store in May").
    place = s.place(min(at, mention.start), max(at + len(stage[1]), mention.end))
    return Milestone(place, stage[0], mention.when, stage[1]) if place else None


#: A length set beside another's ("twice as long as the last migration"): not this one.
_COMPARED = re.compile(r"(?i)\b(?:for\s+comparison|compared\s+(?:with|to)|by\s+contrast|unlike"
                       r"|than|as\s+long\s+as)\b")
_TIME_UNIT = re.compile(r"(?i)day|week|sprint|month|quarter|year")
_UNIT_MONTHS = {"day": 1 / 30.44, "week": 12 / 52, "sprint": 24 / 52, "month": 1.0,
                "quarter": 3.0, "year": 12.0}
_UNIT = r"(?P<unit>days?|weeks?|sprints?|months?|quarters?|years?)"
_AMOUNT = rf"(?P<approx>{APPROX}\s+|~\s*)?(?P<n>{NUM})"
_TO_LAUNCH = r"(?:launch|release|ga|general\s+availability|go-live|ship(?:ping)?|rollout|done)"
_LENGTHS = (
    # "six months end to end", "seven months start to finish"
    re.compile(rf"(?i){_AMOUNT}\s*{_UNIT}\s+(?:end[- ]to[- ]end|(?:from\s+)?start\s+to\s+finish)"),
    # "nine months from kickoff to launch", "~4 months kickoff to launch"
    re.compile(rf"(?i){_AMOUNT}\s*{_UNIT}\s+(?:from\s+)?(?:kick-?off|the\s+start|start|day\s+one)"
               rf"\s+(?:to|until|till|through)\s+(?:the\s+)?(?:\w+\s+)?{_TO_LAUNCH}\b"),
    # "the project ran for six months", "the build took about 9 months"
    re.compile(rf"(?i)\b(?:project|it|work|build|effort|initiative|whole\s+thing|rollout|migration"
               rf"|redesign|rebuild)\s+(?:ran|lasted|took|spanned|ran\s+for)\s+(?:for\s+|us\s+)?"
               rf"{_AMOUNT}\s*{_UNIT}(?!\s+(?:of|to\s+(?!launch|ship|release)))"),
    # "a six-month project"
    re.compile(rf"(?i){_AMOUNT}[- ]{_UNIT.replace('s?', '')}[- ](?:long\s+)?(?:project|effort"
               r"|initiative|build|program|programme|rebuild|redesign|migration)\b"),
    # "built over nine weeks", "developed in 5 months"
    re.compile(rf"(?i)\b(?:built|developed|delivered)\s+(?:it\s+)?(?:over|in|within)\s+{_AMOUNT}\s*"
               rf"{_UNIT}\b(?!\s+(?:of|after|later|ago))"),
    # "took 9 months to launch"
    re.compile(rf"(?i)\btook\s+(?:us\s+)?{_AMOUNT}\s*{_UNIT}\s+to\s+{_TO_LAUNCH}\b"),
    # "launched after seven months of work", "shipped within 6 weeks"
    re.compile(rf"(?i)\b(?:launched|shipped|went\s+live|released|delivered)\s+(?:it\s+|the\s+\w+"
               rf"\s+)?(?:after|in|within)\s+{_AMOUNT}\s*{_UNIT}\b(?!\s+(?:of\s+(?:the\s+)?"
               r"(?:beta|pilot|test)|after|later))"),
    # "Duration: ~4 months", "Dates: 12 weeks, ..."
    re.compile(rf"(?i)^\W*(?:duration|length|dates|timeline|time\s+to\s+launch)\W*:\W*{_AMOUNT}"
               rf"\s*{_UNIT}\b"),
)
#: A part of the project: its length is not the project's.
_PART = re.compile(r"(?i)\b(?:beta|pilot|mvp|v\d|phase|spike|discovery|prototype|first\s+version"
                   r"|experiment|test|trial|sprint\s+\d|alpha)\b")
_LENGTH_PLANNED = re.compile(
    r"(?i)\b(?:would|will|should|could|plan(?:s|ned)?\b|planning\s+to|target\w*|expect\w*|estimat\w*|want|hope\w*"
    r"|budget\w*|if|another|next)\b")


def lengths(statements: list[Statement]) -> list[Length]:
    found: list[Length] = []
    for s in statements:
        if s.block in ("heading", "table") or not _TIME_UNIT.search(s.text):
            continue
        for index, pattern in enumerate(_LENGTHS):
            m = pattern.search(s.text)
            if m is None:
                continue
            left, right = clause_at(s.text, m.start(), m.end())
            clause = s.text[left:right]
            if _LENGTH_PLANNED.search(clause) or (index > 0 and _PART.search(clause)) or \
                    _COMPARED.search(s.text):
                continue
            value = number(m.group("n"))
            unit = m.group("unit").lower().rstrip("s")
            place = s.place(m.start(), m.end())
            if value and place is not None:
                found.append(Length(place, value * _UNIT_MONTHS[unit], " ".join(
                    m.group(0).split()), bool(m.group("approx"))))
            break
    return found


_PERIOD_PLANNED = re.compile(
    r"(?i)\b(?:would|will|should|could|plan(?:s|ned)?\b|planning\s+to|target\w*|expect\w*|estimat\w*|want|hope\w*"
    r"|budget\w*|if)\b")
_PROJECT_RAN = re.compile(
    r"(?i)\b(?:project|ran|run|work\s+(?:ran|lasted)|kick-?off\s+to\s+launch)\b|^\W*(?:project\s+)?"
    r"(?:dates|timeline|period|when)\W*:")


#: "which we developed over the first half of 2019": the span the work took, right before it.
_BUILT_OVER = re.compile(
    r"(?i)\b(?:built|developed|ran|run|worked\s+on|delivered)\s+(?:it\s+|them\s+)?(?:over|during"
    r"|throughout|across)\s+$")
_SPAN_WORD = re.compile(r"(?i)\b(?:over|during|throughout|across)\b")


def periods(statements: list[Statement], anchor: date | None) -> list[Period]:
    """Ranges of dates said to be the project's: "the project ran from March to June 2021",
    "my next project was the export (May–July 2020)", "Dates: 2020-03-02 → 2020-05-29",
    "developed over the first half of 2019"."""
    found: list[Period] = []
    for s in statements:
        if s.block in ("heading", "table", "front") or not (
                _PROJECT_RAN.search(s.text) or _SPAN_WORD.search(s.text)):
            continue
        for mention in find_dates(s.text, anchor):
            over = _BUILT_OVER.search(s.text[max(0, mention.start - 40): mention.start])
            if over and mention.when.precision in ("quarter", "season", "range", "years"):
                place = s.place(mention.start, mention.end)
                if place is not None and not mention.when.open:
                    found.append(Period(place, mention.when, mention.text))
                    break
            if mention.when.precision not in ("range", "years") or mention.when.open:
                continue
            if not _PROJECT_RAN.search(s.text):
                continue
            left, right = clause_at(s.text, mention.start, mention.end)
            clause = s.text[max(0, left - 60): right]
            if not _PROJECT_RAN.search(clause) or _PERIOD_PLANNED.search(s.text[left:right]):
                continue
            place = s.place(mention.start, mention.end)
            if place is not None:
                found.append(Period(place, mention.when, mention.text))
            break
    return found


def header_period(s: Statement, mention: DateMention) -> Period | None:
    place = s.place(mention.start, mention.end)
    return Period(place, mention.when, mention.text) if place else None
