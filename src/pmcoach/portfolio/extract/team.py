"""Team sizes: "the team was eight engineers", "a 5-person pod", "the nine-engineer team".

A size given with a change ("grew to twelve", "three more joined, so we ended at eleven") is
kept as a *later* size: another document may give it without contradiction. A size someone
asked for, planned or estimated is not the team's size and is dropped, as is a count of
people who are not the team ("we interviewed six engineers", "two more engineers").
"""

from __future__ import annotations

import re

from ..facts import TeamSize
from .places import Statement
from .text import NUM, clause_at, number

_ROLES = {
    "engineers": r"(?:software\s+|backend\s+|back-end\s+|frontend\s+|front-end\s+|mobile\s+"
                 r"|full-?time\s+|dedicated\s+|full-stack\s+|platform\s+)?(?:engineers|developers"
                 r"|devs|swes)",
    "designers": r"(?:product\s+|ux\s+|ui\s+)?designers",
}
_ROLE_SINGULAR = {"engineers": r"(?:engineer|developer|dev|engineering)",
                  "designers": r"(?:designer|design)"}
_COUNT = {
    role: re.compile(rf"(?i)(?<![\w-])(?P<n>{NUM})\s+{pattern}\b")
    for role, pattern in _ROLES.items()
}
_COMPOUND = {
    role: re.compile(rf"(?i)(?<![\w-])(?P<n>{NUM})-{pattern}\s+(?:team|squad|pod|crew|group)\b")
    for role, pattern in _ROLE_SINGULAR.items()
}
#: "an engineering team of 6", "a dev team of five".
_ENGINEERING_TEAM = re.compile(rf"(?i)\b(?:engineering|dev|development|eng)\s+(?:team|squad)\s+"
                               rf"(?:of|was|is|were)\s+(?P<n>{NUM})\b(?!\s+(?:months|weeks|years))")
#: "grew from 4 to 9 engineers", "from four engineers to six": both sizes, each true at some
#: time, the first at the start.
_FROM_TO = re.compile(rf"(?i)\bfrom\s+(?P<a>{NUM})\s+(?:engineers\s+)?to\s+(?P<b>{NUM})\s+"
                      rf"(?:engineers|developers)\b|\bfrom\s+(?P<c>{NUM})\s+(?:engineers|developers)"
                      rf"(?:\s+in\s+\w+(?:\s+\d{{4}})?)?\s+to\s+(?P<d>{NUM})\b")
def _at_start(before: str, after: str) -> bool:
    """Whether a count is the size at the start: "we started with [five]", "[five]
    engineers at kickoff" (not "started with five and grew to [nine]")."""
    said_before = _START.search(before) is not None and _CHANGE.search(before) is None
    return said_before or _START_AFTER.match(after) is not None


#: The size at the start: "we started with five", "at kickoff", "initially".
_START = re.compile(r"(?i)\b(?:started|kicked\s+off|began)\b[^.;]{0,30}?\bwith\b|\bat\s+(?:the\s+)?"
                    r"(?:kick-?off|start|outset)\b|\binitially\b|\bto\s+start\s+with\b")
_START_AFTER = re.compile(r"(?i)^\s*(?:[\w-]+\s+){0,3}?at\s+(?:the\s+)?(?:kick-?off|start"
                          r"|outset)\b")
#: "two iOS engineers, three web engineers": the first part of a sum.
_SUM_FOLLOWS = re.compile(rf"(?i)^\s*(?:,|\+|plus|and)\s*(?:and\s+)?(?:{NUM}|a|an)\s+(?:[\w-]+\s+)?"
                          r"(?:engineers?|developers?|devs?)\b")
#: "two backend and three mobile engineers": a sum, not the size.
_PART_OF_SUM = re.compile(rf"(?i)\b{NUM}\s+[\w-]+\s*(?:,|and|\+|plus)\s*$|\b{NUM}\s+(?:[\w-]+\s+)?"
                          r"(?:engineers?|developers?)\s*(?:,|\+|plus|and)\s*(?:and\s+)?$")
_PEOPLE = re.compile(rf"(?i)(?<![\w-])(?:team|squad|pod)\s+of\s+(?P<n>{NUM})(?!\s+(?:\w+\s+)?"
                     r"(?:engineers|developers|designers|months|weeks|years|days))\b"
                     rf"|(?<![\w-])(?P<m>{NUM})[- ](?:person|people|member)\s+(?:[\w-]+\s+)?"
                     r"(?:team|squad|pod)"
                     rf"|(?<![\w-])(?:team|squad|pod)\s+(?:was|is|were|of)\s+(?P<k>{NUM})\s+"
                     r"(?:people|persons|members)\b")
_BEFORE_NOT_TEAM = re.compile(
    r"(?i)(?:more|additional|extra|another|other|new|hired|hire|hiring|added|adding|lost|losing"
    r"|borrowed|interviewed|surveyed|of\s+(?:the|our|my|their|those|them|its)|from|\d+\s+of"
    r"|with\s+the|each|per|every|than|to|(?:grew|increased|expanded|shrank|down|up)\s+by|all"
    r"|these|those)\s*$")
_AFTER_NOT_TEAM = re.compile(
    r"(?i)^\s*(?:more\b|from\s+(?:other|another|the\s+\w+\s+team)|on\s+loan|joined|left|were\s+"
    r"(?:added|hired|moved)|who\s+(?:joined|left)|each\b|per\b)")
#: A size that changes, or is after a change: kept, but only as a later size.
_CHANGE = re.compile(
    r"(?i)\b(?:gr[eo]wn?|grew|growing|shr[au]nk|expanded|doubled|halved|joined|left|added|hired"
    r"|ended|finished\s+with|finishing\s+with|by\s+the\s+end|at\s+(?:its\s+)?peak|peaked|went\s+"
    r"back|rolled\s+off|now|today|currently|as\s+of|after\s+the\s+reorg|reorg\w*|later|by\s+launch"
    r"|took\s+(?:us|the\s+team)\s+to|taking\s+(?:us|the\s+team|it)\s+to|(?:went|grew|rose)\s+to"
    r"|down\s+to|up\s+to|(?:is|are)\s+now|by\s+then"
    rf"|from\s+{NUM}\s+(?:[\w-]+\s+)?to\s+{NUM}|by\s+(?:the\s+)?(?:GA|general\s+availability"
    r"|launch|release|go-live|rollout|the\s+end))\b")
#: A size that is asked for, planned or hypothetical: not a fact about the team.
_PLANNED = re.compile(
    r"(?i)\b(?:would|will|could|should|need|needs|needed|asked\s+for|ask\s+for|request\w*|want"
    r"\w*|plan(?:s|ned)?\b|planning\s+to|budget\w*|estimat\w*|scop(?:e|ed|ing)\s+(?:is|was|at|for|to)|if|instead\s+of|usually|typically|per"
    r"\s+squad|each\s+squad|expect\w*|propos\w*|hope\w*|aim\w*)\b")


def _role_of(text: str) -> str:
    return "engineers" if re.search(r"(?i)engineer|develop|dev", text) else "designers"


#: A team set beside another ("for comparison, the old search team had nine"): not this one.
_COMPARISON = re.compile(r"(?i)\b(?:for\s+comparison|compared\s+(?:with|to)|by\s+contrast|unlike"
                         r"|than|previously|before\s+that|the\s+year\s+before)\b")
#: Words that say a count is the team's ("the team was", "we were", "staffed with").
_TEAM_WORDS = re.compile(r"(?i)\b(?:team|squad|pod|crew|headcount|staffed|we\s+were|we\s+had"
                         r"|(?:was|were)\s+built\s+(?:[\w-]+\s+){0,4}?by"
                         r"|kicked\s+off\s+with|started\s+with|began\s+with|engineering\s+was)\b")
_TEAM_SECTION = re.compile(r"(?i)\b(?:team|people|who|staff\w*|squad|crew|resourc\w*)\b")
_OURS = re.compile(r"(?i)\b(?:our|my)\s+$")


def _size(text: str) -> int | None:
    value = number(text)
    return int(value) if value is not None and value.is_integer() and 2 <= value <= 500 else None


def _role_counts(text: str) -> list[tuple[str, int, int, int]]:
    """ "six engineers", "a 4-engineer team", unless the words around say it is not the
    team ("two more engineers", "two backend and three mobile engineers")."""
    found: list[tuple[str, int, int, int]] = []
    for role in _ROLES:
        for pattern in (_COUNT[role], _COMPOUND[role]):
            for m in pattern.finditer(text):
                before = text[max(0, m.start() - 30): m.start()]
                if _BEFORE_NOT_TEAM.search(before) or _PART_OF_SUM.search(before) or \
                        _AFTER_NOT_TEAM.match(text[m.end():]) or _SUM_FOLLOWS.match(
                            text[m.end():]):
                    continue
                size = _size(m.group("n"))
                if size is not None:
                    found.append((role, size, m.start(), m.end()))
    return found


def _counts(text: str) -> list[tuple[str, int, int, int]]:
    """(role, count, start, end) for each team count in ``text``."""
    found = _role_counts(text)
    for m in _ENGINEERING_TEAM.finditer(text):
        size = _size(m.group("n"))
        if size is not None:
            found.append(("engineers", size, m.start(), m.end()))
    for m in _PEOPLE.finditer(text):
        size = _size(m.group("n") or m.group("m") or m.group("k"))
        overlaps = any(a < m.end() and m.start() < b for _, _, a, b in found)
        if size is not None and not overlaps:
            role = "engineers" if re.search(r"(?i)engineering|dev", m.group(0)) else "people"
            found.append((role, size, m.start(), m.end()))
    return found


def _changes(s: Statement) -> list[TeamSize]:
    """Both ends of a stated change: each was the size at some time, the first at the
    start."""
    sizes = []
    for m in _FROM_TO.finditer(s.text):
        place = s.place(m.start(), m.end())
        first, last = ("a", "b") if m.group("a") else ("c", "d")
        for group in (first, last):
            value = number(m.group(group))
            if place is not None and value is not None and value.is_integer():
                sizes.append(TeamSize(place, "engineers", int(value), True, group == first))
    return sizes


_ROLE_CELL = re.compile(r"(?i)^\W*(?:(?P<e>engineers?|engineering|developers?|devs?)"
                        r"|(?P<d>designers?|design))\W*$")
_COUNT_CELL = re.compile(rf"(?i)^\W*(?P<n>{NUM})\b(?!\s*(?:%|months|weeks|years|days))")


def _table_size(s: Statement) -> TeamSize | None:
    """A team table's row: "| Developers | 6 (four on the API, two on the web app) |"."""
    if len(s.cells) < 2 or not _TEAM_SECTION.search(s.section):
        return None
    role, count = _ROLE_CELL.match(s.cells[0]), _COUNT_CELL.match(s.cells[1])
    size = _size(count.group("n")) if role and count else None
    if role is None or count is None or size is None:
        return None
    place = s.place_of(s.cells[1])
    return TeamSize(place, "engineers" if role.group("e") else "designers", size,
                    bool(_CHANGE.search(s.cells[1]))) if place else None


#: "One freelance engineer wrote the entire app": a team of one engineer, said as such.
_SOLE = re.compile(r"(?i)(?<![\w-])(?:one|1)\s+(?:[\w-]+\s+)?(?:engineer|developer|dev)\b(?!s)")
_ALONE = re.compile(r"(?i)\b(?:whole|entire|alone|only|sole|single-handedly|by\s+(?:him|her|them)"
                    r"sel(?:f|ves))\b")


def _sole(s: Statement) -> TeamSize | None:
    """A single engineer who built it all, in a sentence about the team (or after one)."""
    m = _SOLE.search(s.text)
    if m is None or not _ALONE.search(s.text) or not (
            _TEAM_WORDS.search(s.text) or _TEAM_WORDS.search(s.previous)):
        return None
    left, right = clause_at(s.text, m.start(), m.end())
    if _PLANNED.search(s.text[left:right]) or _COMPARISON.search(s.text):
        return None
    place = s.place(m.start(), m.end())
    return TeamSize(place, "engineers", 1) if place else None


def team_sizes(statements: list[Statement]) -> list[TeamSize]:
    sizes: list[TeamSize] = []
    for s in statements:
        if s.block == "table":
            row = _table_size(s)
            sizes.extend([row] if row else [])
        low = s.text.lower()
        if s.block in ("front", "heading") or not any(
                w in low for w in ("engineer", "develop", "dev", "designer", "team", "squad",
                                   "pod")):
            continue
        sizes.extend(_changes(s))
        sole = _sole(s)
        sizes.extend([sole] if sole else [])
        about_team = bool(_TEAM_WORDS.search(s.text) or _TEAM_SECTION.search(s.section))
        for role, count, start, end in _counts(s.text):
            left, right = clause_at(s.text, start, end)
            clause = s.text[left:right]
            if _PLANNED.search(clause) or _COMPARISON.search(s.text):
                continue
            later = _CHANGE.search(clause) is not None
            start_ = _at_start(s.text[left:start], s.text[end:end + 30])
            if not (later or about_team or _OURS.search(s.text[max(0, start - 12): start])):
                continue  # "two engineers built the prototype": some of the team
            place = s.place(start, end)
            if place is not None:
                sizes.append(TeamSize(place, role, count, later and not start_, start_))
    return sizes
