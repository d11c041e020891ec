"""The author's job titles and when they held them.

A byline ("Ada Quill · Senior Product Manager · 2021", front matter ``role:``) says the
title at the time of the work; a career plan's rows ("Product Manager, Acme | Jan 2019 –
Jun 2021") and sentences ("promoted to Senior PM in June 2021", "joined in 2017 as an
Associate PM") give the history the bylines must fit.
"""

from __future__ import annotations

import re
from datetime import date

from ..facts import TitleClaim
from .dates import When, find_dates
from .places import Statement

_TITLE = re.compile(
    r"\b(?:(?P<mod>Associate|Junior|Jr\.?|Senior|Sr\.?|Group|Principal|Staff|Lead)\s+)?"
    r"(?:Product\s+Manager|PM)\b(?!s)|\b(?P<apm>APM)\b(?!s)|\b(?P<dir>Director\s+of\s+Product"
    r"|Head\s+of\s+Product|VP(?:\s+of)?\s+Product|Chief\s+Product\s+Officer|CPO)\b",
    re.I)
_LEVELS = {"associate": "associate", "junior": "associate", "jr": "associate", "jr.": "associate",
           "senior": "senior", "sr": "senior", "sr.": "senior", "group": "group",
           "principal": "principal", "staff": "principal", "lead": "lead"}
RANK = {"associate": 0, "pm": 1, "senior": 2, "lead": 2, "group": 3, "principal": 3,
        "director": 4, "head": 5, "vp": 6, "cpo": 7}
_NOT_HELD = re.compile(r"(?i)(?:promoted\s+to|since\s+been|became|become|becoming|aiming|aim|want"
                       r"|next|role\s+as|looking\s+for|or)\s+(?:a\s+|an\s+)?$")
_STORY_TITLE = re.compile(r"(?i)\b(?:I\s+was|worked\s+as|joined\s+\w+\s+as)\s+(?:an?\s+)?$")
_ADDRESSEE = re.compile(r"(?i)^\W*(?:to|cc|bcc|dear|hi|hello|attendees|audience|reviewers?"
                        r"|approvers?|for|sign-?off|stakeholders?|sponsors?|deciders?|decision"
                        r"[- ]makers?|informed|consulted|approved|reviewed|manager|mentor)\b")
#: Someone else's title in a byline ("with feedback from Sam, Group PM").
_OTHER_PERSON = re.compile(r"(?i)\b(?:with|thanks|feedback|reviewed|approved|reporting\s+to"
                           r"|reports\s+to|manager|mentor|boss|stakeholders?|sponsor|decider)\b")
_PROMOTED = re.compile(r"(?i)\b(?:promoted\s+to|promotion\s+to|became|moved\s+up\s+to|was\s+made"
                       r"|stepped\s+up\s+to)\s+(?:an?\s+)?$")
_SINCE = re.compile(r"(?i)\b(?:been|as)\s+(?:an?\s+)?$")
_SINCE_AFTER = re.compile(r"(?i)^\s+since\b")
#: "As a Senior PM, I ...": a title claimed in the story (only one with a level).
_IN_STORY = re.compile(r"(?:\bI\s+was\s+(?:a|an|the)|\b[Aa]s\s+(?:a|an|the))\s+(?:then\s+)?$")
_JOINED = re.compile(r"(?i)\b(?:joined|started|hired)\b[^.;]{0,60}?\bas\s+(?:an?\s+)?$")


def level(match: re.Match[str]) -> str:
    if match.group("apm"):
        return "associate"
    if match.group("dir"):
        text = match.group("dir").lower()
        return "director" if text.startswith("director") else "head" if text.startswith(
            "head") else "vp" if text.startswith("vp") else "cpo"
    mod = (match.group("mod") or "").lower()
    return _LEVELS.get(mod, "pm")


def _is_pm_title(m: re.Match[str], text: str) -> bool:
    # "PM" in capitals only: "6 pm" is a time, and so is "4:12 PM" or "6 PM".
    if m.group(0).lower() == "pm" and (m.group(0) != "PM"
                                       or re.search(r"\d\s*$", text[:m.start()])):
        return False
    return not re.match(r"\s*(?:'s|’s)", text[m.end():])


def bylines(top: list[Statement], when: When | None) -> list[TitleClaim]:
    """The title in a document's header lines, dated by the line or the document."""
    found: list[TitleClaim] = []
    for s in top:
        if s.block == "front" and not re.match(r"(?i)(?:role|title|position|author)\s*:", s.text):
            continue
        if _ADDRESSEE.match(s.text) or s.block in ("table", "item"):
            continue  # the reader's title, not the author's
        for m in _TITLE.finditer(s.text):
            if not _is_pm_title(m, s.text) or _NOT_HELD.search(s.text[: m.start()]):
                continue
            if s.block != "front" and re.search(r"\b(?:we|was|were|had|has|I)\b",
                                                s.text[: m.start()]):
                break  # a sentence, not a byline
            if _OTHER_PERSON.search(s.text[: m.start()]):
                break
            dates = [d for d in find_dates(s.text) if not d.when.open]
            at = dates[0].when if dates else when
            place = s.place(m.start(), m.end())
            if at is not None and place is not None:
                found.append(TitleClaim(place, level(m), m.group(0), at, "byline"))
            break
    return found


#: Front matter that gives the title held during the work ("title_during_project:").
_DURING_KEY = re.compile(r"(?i)^(?:title|role|position)[_ -]?(?:during|at[_ -]the[_ -]time|then)"
                         r"[\w -]*:")


def during_work(front: list[Statement], work: When | None) -> list[TitleClaim]:
    """A title the front matter says was held during the work: held over its dates."""
    found: list[TitleClaim] = []
    for s in front:
        if work is None or s.block != "front" or not _DURING_KEY.match(s.text):
            continue
        m = next((m for m in _TITLE.finditer(s.text) if _is_pm_title(m, s.text)), None)
        place = s.place(m.start(), m.end()) if m else None
        if m is not None and place is not None:
            found.append(TitleClaim(place, level(m), m.group(0), work, "held"))
    return found


def in_story(statements: list[Statement], when: When | None) -> list[TitleClaim]:
    """ "As a Senior PM at the time, I ...": a title with a level, dated by the project."""
    found: list[TitleClaim] = []
    if when is None:
        return found
    for s in statements:
        if s.block in ("front", "heading", "table"):
            continue
        for m in _TITLE.finditer(s.text):
            if not _is_pm_title(m, s.text) or level(m) in ("pm", "lead"):
                continue  # "I was the lead PM on it" is a part in the work, not a job title
            before = s.text[max(0, m.start() - 30): m.start()]
            if _IN_STORY.search(before) and not _SINCE_AFTER.match(s.text[m.end():]):
                place = s.place(m.start(), m.end())
                if place is not None:
                    found.append(TitleClaim(place, level(m), m.group(0), when, "byline"))
    return found


def history(statements: list[Statement], anchor: date | None) -> list[TitleClaim]:
    """Titles held over stated ranges, promotions and joining titles."""
    found: list[TitleClaim] = []
    for s in statements:
        if s.block in ("front", "heading"):
            continue
        for m in _TITLE.finditer(s.text):
            if not _is_pm_title(m, s.text):
                continue
            claim = _promotion(s, m, anchor) or _tenure(s, m, anchor)
            if claim is not None:
                found.append(claim)
    return found + promotions_to_level(statements, anchor)


#: "promoted to Principal in May 2019": the level alone names the title.
_PROMOTED_LEVEL = re.compile(
    r"(?i)\b(?:promoted\s+to|promotion\s+to)\s+(?P<mod>Senior|Group|Principal|Staff|Lead)\b"
    r"(?!\s+(?:Product\s+Manager|PM)\b)")


def promotions_to_level(statements: list[Statement], anchor: date | None) -> list[TitleClaim]:
    """Promotions that name only the level: the title from the promotion's date on."""
    found: list[TitleClaim] = []
    for s in statements:
        if s.block in ("front", "heading"):
            continue
        for m in _PROMOTED_LEVEL.finditer(s.text):
            after = re.split(r"[.;,)]\s|\n", s.text[m.end(): m.end() + 40])[0]
            before = re.split(r"[.;:]\s", s.text[max(0, m.start() - 60): m.start()])[-1]
            dates = find_dates(after, anchor) or find_dates(before, anchor)
            place = s.place(m.start("mod"), m.end())
            if dates and place is not None:
                level_ = _LEVELS[m.group("mod").lower()]
                found.append(TitleClaim(place, level_, m.group("mod"), dates[0].when, "since"))
    return found


def _promotion(s: Statement, m: re.Match[str], anchor: date | None) -> TitleClaim | None:
    before = s.text[max(0, m.start() - 80): m.start()]
    since = _SINCE.search(before) and _SINCE_AFTER.match(s.text[m.end():])
    if not (_PROMOTED.search(before) or _JOINED.search(before) or since):
        return None
    joined = _JOINED.search(before)
    after = re.split(r"[.;)]\s|\n", s.raw[m.end(): m.end() + 40].replace("\n", ". "))[0]
    if joined:
        # "joined in 2017 as an Associate PM", or "joined as a PM in March 2019"
        window = before[joined.start():]
        if not find_dates(window, anchor) and re.match(r"\s+(?:in|on)\b", after):
            window = re.split(r"\s(?:and|but)\s", after)[0]
    else:
        # "promoted to Senior PM in April 2024", or "In April 2024 I was promoted to ..."
        window = after if find_dates(after, anchor) else re.split(r"[.;:]\s", before)[-1]
    dates = find_dates(window, anchor)
    if not dates:
        return None
    place = s.place(m.start(), m.end())
    when = dates[0].when
    return TitleClaim(place, level(m), m.group(0), When(when.start, when.end, when.precision),
                      "since") if place else None


#: "APM → PM", "PM and then Group PM": titles held one after the other over one range.
_THEN_AFTER = re.compile(r"(?i)^\s*,?\s*(?:and\s+)?(?:(?:then|later|before\s+that|to)\b|→|->)")
_THEN_BEFORE = re.compile(r"(?i)(?:\bthen|\blater|→|->|\bto)\s*(?:an?\s+)?$")


def _tenure(s: Statement, m: re.Match[str], anchor: date | None) -> TitleClaim | None:
    """A title with the range it was held: at the start of a row or item ("Product Manager,
    Acme | 2019 – 2022"), right before its range ("Senior PM (2022–now)"), or in a sentence
    ("From 2016 to 2019 I was an Associate PM"). Titles held one after the other over one
    range ("APM → PM | 2015–now") say nothing of when each was held."""
    ranges = [d for d in find_dates(s.text, anchor) if d.when.precision in ("range", "years")]
    if len(ranges) > 1 and all(d.when.open for d in ranges):
        ranges = ranges[:1]  # "2022–now ... (since March 2022)": one tenure said twice
    if not ranges or _THEN_AFTER.match(s.text[m.end():]) or _THEN_BEFORE.search(
            s.text[max(0, m.start() - 12): m.start()]):
        return None
    after = [d for d in ranges if 0 <= d.start - m.end() <= 3]
    if after:
        when = after[0].when
    elif _leads(s, m, anchor) or (_STORY_TITLE.search(s.text[: m.start()]) and len(ranges) == 1):
        when = ranges[0].when
    elif s.block in ("table", "item") and len(ranges) == 1 and _first_title(s.text) == m.start():
        when = ranges[0].when  # "| 2021 – 2023 | Acme | Product Manager |"
    else:
        return None
    place = s.place(m.start(), m.end())
    return TitleClaim(place, level(m), m.group(0), when, "held") if place else None


def _first_title(text: str) -> int:
    first = next((m for m in _TITLE.finditer(text) if _is_pm_title(m, text)), None)
    return first.start() if first else -1


def _leads(s: Statement, m: re.Match[str], anchor: date | None) -> bool:
    """Whether the title starts the row or item (after a date range, if any)."""
    head = s.cells[0] if s.cells else s.text
    if s.cells and m.start() > len(s.text) - len(s.text.lstrip(" |")) + len(head):
        return False
    prefix = s.text[: m.start()]
    for mention in find_dates(prefix, anchor):  # "2019–2021: Associate PM, Acme"
        prefix = prefix.replace(mention.text, "")
    return len(re.sub(r"[*_|:—–,·-]", "", prefix).strip()) <= 3
