"""narrative-consistency: facts stated twice must agree.

Three kinds of fact are extracted and compared: team sizes ("a team of 6 engineers"),
project durations and start/end dates ("a six-month project", "kicked off in March",
"shipped after 4 months"), and metric values ("conversion rose from 12% to 15%").
Extraction is deliberately conservative: a sentence about a change over time ("the team
grew from 4 to 8"), a target ("our goal was 20%") or a part of the project ("the MVP
shipped in 6 weeks") states a different fact, so it is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from pmcoach import Document, Sentence, Span
from pmcoach.checks import TIMEFRAME, cues, lazy

lower_cues = partial(cues, match_lowercased=True)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "a dozen": 12, "a couple of": 2,
}
NUM = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve" \
      r"|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|a\s+dozen)"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_UNIT_WEEKS = {"day": 1 / 7, "week": 1.0, "sprint": 2.0, "month": 52 / 12, "quarter": 13.0,
               "year": 52.0}


def number(text: str) -> float | None:
    """``"6"`` or ``"six"`` as a number (None when it is neither)."""
    text = " ".join(text.lower().split())
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


# --- extraction patterns ------------------------------------------------------------------

_ROLE_NOUN = r"(engineers?|developers?|devs|designers?|data\s+scientists?|analysts?|people" \
             r"|members|folks|pms|product\s+managers)"
TEAM_OF = lazy(rf"(?i)\bteam\s+of\s+{NUM}\b(?:\s+(?:[\w-]+\s+)?{_ROLE_NOUN})?")
N_PERSON = lazy(rf"(?i)\b{NUM}[- ](?:person|people|member|strong)\s+(?:team|squad|pod|crew)")
#: "the eight of us": the whole group counted by the writer (three or more: "the two of us"
#: is as often a pair within the team as the team itself).
N_OF_US = lazy(rf"(?i)\bthe\s+{NUM}\s+of\s+us\b")
N_ROLE = lazy(
    rf"(?i)\b{NUM}\s+(?:(?:full-?time|senior|junior|back-?end|front-?end|mobile|ios|android"
    rf"|software|dedicated|platform|qa)\s+)?{_ROLE_NOUN}\b")
#: Words just before "5 engineers" that make it a subset or a change, not the team's size.
NOT_TEAM_BEFORE = lazy(
    r"(?i)(?:more|additional|extra|another|new|other|hired|added|adding|lost|borrowed|"
    r"interview\w*|survey\w*|talked\s+to|spoke\s+(?:to|with)|met\s+with|of\s+(?:the|our|my|"
    r"those|them|its)|from|only|\d+\s+of|customers?|users?|with\s+the|each|per|every|than)\s*$")
#: "from 4 to 8" is a change; "from 2021 to 2023" or "from March to May" is a tenure.
_FROM_NOT_A_DATE = r"from (?!(?:19|20)\d\d\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)" \
                   r"[a-z]*\b)\S+ to"
TEAM_CHANGE = lower_cues(r"gr(ew|own)", r"shr(ank|unk)", "expanded", "scaled", "hired", "added",
                         r"(joined|left) (us|later|the team|in|after|before|mid)", "left", "lost",
                         r"reorg\w*", _FROM_NOT_A_DATE, "by the end", "peak", "initially",
                         "at first", "later", "eventually", "by launch", r"interview(ed|s)?",
                         r"survey(ed|s)?", "hiring", "came on board", "rolled off")
#: A team size someone asked for or estimated is not the team's size.
TEAM_HYPOTHETICAL = lower_cues("would need", "needed", "asked for", r"request(ed)?", "wanted",
                               r"plan(ned)?", "budgeted", r"estimat(e|ed)", "instead of", "if",
                               "would have", "usually", "typically")
PART_OF_PROJECT = lower_cues("mvp", "v1", "v2", "beta", "pilot", "prototype", "first version",
                             "experiment", "test", "phase", "milestone", "first release", "alpha",
                             "discovery", "spike", "sprint")
TARGET = lower_cues(
    "goal", r"target(ed|s)?", r"aim(ed)?", r"hop(e|ed|ing)", r"expect(ed)?", "forecast",
    r"project(ed|ion)", r"want(ed)?", r"plan(ned)?", "okrs?", "would", "could", r"estimat(e|ed)",
    r"predict(ed)?", "benchmark", "industry", r"competitors?", "if", "might", "should",
)

_DUR_UNIT = r"(days?|weeks?|sprints?|months?|quarters?|years?)"
_APPROX = r"(?:about\s+|roughly\s+|around\s+|nearly\s+|almost\s+|just\s+(?:over\s+|under\s+)?|~)?"
DURATIONS = (
    # "a six-month project", "the 4-month rebuild"
    lazy(rf"(?i)\b{NUM}[- ]{_DUR_UNIT}[- ](?:long\s+)?(?:project|effort|initiative"
               r"|engagement|build|program|programme|journey|rebuild|redesign|overhaul|migration"
               r"|rollout|launch|push)\b"),
    # "the project took 5 months", "it lasted six weeks"
    lazy(rf"(?i)\b(?:project|effort|initiative|whole\s+thing|build|redesign|migration"
               rf"|rebuild|work)\s+(?:took|lasted|ran\s+for|spanned|ran)\s+{_APPROX}{NUM}\s+{_DUR_UNIT}"),
    # "we shipped after 4 months", "launched it within 3 months"
    lazy(rf"(?i)\b(?:shipped|launched|delivered|released|went\s+live|finished|completed"
               rf"|wrapped\s+up|done|live)\s+(?:it\s+|(?:the|our)\s+[\w-]+\s+)?(?:after|in|within)\s+"
               rf"{_APPROX}{NUM}\s+{_DUR_UNIT}"),
    # "6 months from kickoff to launch", "five months end to end"
    lazy(rf"(?i)\b{NUM}\s+{_DUR_UNIT}\s+(?:from\s+(?:kick-?off|the\s+start|start)"
               r"|end[- ]to[- ]end|start\s+to\s+finish|of\s+work\s+(?:from|to))"),
    # "over six months, we ..." at the start of a sentence: the whole story's span
    lazy(rf"(?i)^(?:over|across|in)\s+(?:the\s+)?(?:course\s+of\s+)?{_APPROX}{NUM}"
               rf"\s+{_DUR_UNIT},"),
)
START = lazy(rf"(?i)\b(?:started|kicked\s+off|began|begun|kickoff|kick-off)\b"
                   rf"[^.;]{{0,40}}?\b(?:in|on)\s+(?:early\s+|mid-?|late\s+)?{MONTH}\b"
                   r"(?:\s+(\d{4}))?")
END = lazy(rf"(?i)\b(?:launched|shipped|went\s+live|released|finished|completed"
                 rf"|wrapped\s+up|delivered)\b[^.;]{{0,40}}?\b(?:in|on|by)\s+"
                 rf"(?:early\s+|mid-?|late\s+)?{MONTH}\b(?:\s+(\d{{4}}))?")
FROM_TO_MONTHS = lazy(rf"(?i)\bfrom\s+{MONTH}\b(?:\s+(\d{{4}}))?\s+(?:to|until|through"
                            rf"|till|-|–)\s+{MONTH}\b(?:\s+(\d{{4}}))?")

# Bounded, and not the tail of a longer number: a run of digits stays linear to scan.
_NUMBER = r"(?<![\d.])(\d{1,15}(?:\.\d{1,6})?)"
_UNITS = r"(%|percent\b|pp\b|percentage\s+points\b|points\b|pts?\b|x\b" \
         r"|days?\b|hours?\b|minutes?\b|seconds?\b|weeks?\b)"
_VALUE = rf"{_NUMBER}\s?{_UNITS}"
_ABOUT = r"(?:about\s+|roughly\s+|~)?"
#: "from 12% to 15%", "from 12 to 15%": baseline, its optional unit, result, unit.
FROM_TO_VALUE = lazy(rf"(?i)\bfrom\s+{_ABOUT}{_NUMBER}\s?{_UNITS}?\s+to\s+{_ABOUT}{_VALUE}")
#: "12% → 15%", "12% control -> 15% treatment": a before and after written with an arrow.
ARROW_VALUE = lazy(rf"(?i){_NUMBER}\s?{_UNITS}?\s*(?:control\s*|before\s*)?(?:→|->|⟶)\s*"
                   rf"{_ABOUT}{_VALUE}")
DELTA_BEFORE = lazy(rf"(?i)\b(?:by|up|down)\s+(?:about\s+|roughly\s+|nearly\s+"
                          rf"|almost\s+|over\s+|~)?{_VALUE}")
DELTA_AFTER = lazy(rf"(?i){_VALUE}\s+(?:relative\s+|absolute\s+)?(?:increase|decrease|lift"
                         r"|uplift|drop|reduction|improvement|gain|jump|rise|fall|decline|boost"
                         r"|higher|lower|more|fewer|less|cut)\b")
RESULT_VALUE = lazy(rf"(?i)\b(?:to|reached|hit|hitting|now)\s+(?:about\s+|roughly\s+|~)?"
                          rf"{_VALUE}")
METRIC = lazy(
    r"(?i)\b(?:([a-z][\w-]*)\s+)?(retention|conversion|churn|revenue|arr|mrr|nps|csat"
    r"|activation|adoption|engagement|sign-?ups?|completion(?:\s+rate)?|resolution\s+time"
    r"|win\s+rate|gmv|aov|dau|mau|wau|ctr|click-through(?:\s+rate)?|bounce\s+rate"
    r"|cancell?ations|refunds|tickets|ticket\s+volume|error\s+rate|drop-?off|load\s+time"
    r"|response\s+time|time\s+to\s+[\w-]+|setup\s+time|onboarding\s+time)\b")
_NOT_QUALIFIER = lazy(r"(?i)(?:ed|ing|ly)$|^(?:lift|boost|grow|cut|drive|improve|increase"
                            r"|reduce|raise|lower|higher|better|more|less|total|overall|net"
                            r"|gross|average|avg|median|mean|new|monthly|weekly|daily)$")
_STOP = frozenset({"the", "a", "an", "our", "their", "its", "my", "and", "of", "in", "on", "for",
                   "with", "to", "from", "that", "this", "which", "while", "but", "was", "were",
                   "is", "rate", "overall", "total", "by", "at", "as", "so", "up", "down", "s"})


# Cheap substring prefilters: most sentences state no fact, and skipping them before the
# (case-insensitive, alternation-heavy) extraction patterns keeps the check fast.
_NUMBERISH = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "one", "two", "three", "four",
              "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "teen",
              "twenty", "dozen")
_TEAMISH = ("team", "of us", "engineer", "developer", "devs", "designer", "scientist", "analyst",
            "people", "person", "member", "folks", "pms", "product managers", "squad", "pod",
            "crew")
_TIMEISH = ("day", "week", "sprint", "month", "quarter", "year")
_MONTHISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _has(low: str, words: tuple[str, ...]) -> bool:
    return any(w in low for w in words)


_DIGIT = lazy(r"\d")


def _digits(text: str) -> bool:
    return _DIGIT.search(text) is not None


@dataclass(frozen=True)
class Fact:
    """One stated value of something that should only have one value."""

    key: str  # what the value is of, e.g. "team:engineers", "metric:conversion:result"
    value: float
    phrase: str  # the words that state it, for messages
    sentence: Sentence


def _unit(raw: str) -> str:
    raw = raw.lower().strip()
    if raw in ("%", "percent"):
        return "%"
    if raw in ("pp", "points", "pts", "pt") or raw.startswith("percentage"):
        return "pp"
    if raw == "x":
        return "x"
    return raw.rstrip("s")  # days, hours, ...


def _role(noun: str | None) -> str:
    noun = " ".join((noun or "people").lower().split())
    if noun.startswith(("engineer", "developer", "dev")):
        return "engineers"
    if noun.startswith("designer"):
        return "designers"
    if noun.startswith(("data scientist", "analyst")):
        return "analysts"
    if noun in ("pms", "product managers"):
        return "product managers"
    return "people"


def team_facts(sentences: list[Sentence]) -> list[Fact]:
    facts: list[Fact] = []
    for s in sentences:
        text = s.text
        low = text.lower()
        if not (_has(low, _TEAMISH) and _has(low, _NUMBERISH)):
            continue
        if TEAM_CHANGE.search(text) or TEAM_HYPOTHETICAL.search(text):
            continue
        taken: list[tuple[int, int]] = []
        for pattern in (TEAM_OF, N_PERSON, N_OF_US, N_ROLE):
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                if pattern is N_ROLE and NOT_TEAM_BEFORE.search(text[max(0, m.start() - 30):
                                                                      m.start()]):
                    continue
                value = number(m.group(1))
                if value is None or value < (3 if pattern is N_OF_US else 2):
                    continue
                noun = m.group(2) if pattern in (TEAM_OF, N_ROLE) else None
                taken.append((m.start(), m.end()))
                facts.append(Fact(f"team:{_role(noun)}", value, m.group(0), s))
    return facts


def duration_facts(sentences: list[Sentence]) -> list[Fact]:
    facts: list[Fact] = []
    for s in sentences:
        text = s.text
        low = text.lower()
        if not (_has(low, _TIMEISH) and _has(low, _NUMBERISH)):
            continue
        if PART_OF_PROJECT.search(text) or TARGET.search(text):
            continue
        for pattern in DURATIONS:
            m = pattern.search(text)
            if m is None:
                continue
            value = number(m.group(1))
            unit = m.group(2).lower().rstrip("s")
            if value is None:
                continue
            facts.append(Fact("duration", value * _UNIT_WEEKS[unit], m.group(0), s))
            break
    return facts


def _month(name: str) -> int:
    name = name.lower()[:3]
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name))


def date_facts(sentences: list[Sentence]) -> list[Fact]:
    """Start and end months as month numbers (year * 12 + month when a year is given)."""
    facts: list[Fact] = []
    for s in sentences:
        text = s.text
        if not _has(text.lower(), _MONTHISH):
            continue
        if PART_OF_PROJECT.search(text) or TARGET.search(text):
            continue
        for m in FROM_TO_MONTHS.finditer(text):
            facts.append(Fact("date:start", _when(m.group(1), m.group(2) or m.group(4)),
                              m.group(0), s))
            facts.append(Fact("date:end", _when(m.group(3), m.group(4) or m.group(2)),
                              m.group(0), s))
        for key, pattern in (("date:start", START), ("date:end", END)):
            for m in pattern.finditer(text):
                facts.append(Fact(key, _when(m.group(1), m.group(2)), m.group(0), s))
    return facts


def _when(month: str, year: str | None) -> float:
    # Without a year, months are compared within one year (year 0).
    return (int(year) * 12 if year else 0) + _month(month)


_COMPARISON = lazy(r"(?i)\bcontrol\b|\bvs\.?(?!\w)|\bversus\b")
_Mention = tuple[int, int, str, str]  # start, end, qualifier, head


def _metric_at(metrics: list[_Mention], pos: int) -> tuple[str, str] | None:
    """The metric a value at ``pos`` belongs to: the nearest one named before it, else one
    named just after it ("a 40% lift in conversion")."""
    before = [m for m in metrics if m[1] <= pos]
    if before:
        m = before[-1]
    else:
        after = [m for m in metrics if m[0] >= pos and m[0] - pos <= 40]
        if not after:
            return None
        m = after[0]
    qualifier = m[2] if m[2] not in _STOP and not _NOT_QUALIFIER.search(m[2]) else ""
    return qualifier, re.sub(r"[\s-]+", " ", m[3]).rstrip("s")


def metric_facts(sentences: list[Sentence]) -> list[Fact]:
    facts: list[Fact] = []
    for s in sentences:
        text = s.text
        if not _digits(text):
            continue
        arrow = ARROW_VALUE.search(text) is not None
        if TARGET.search(text) or (_COMPARISON.search(text) and not arrow):
            continue
        metrics = [(m.start(), m.end(), (m.group(1) or "").lower(), m.group(2).lower())
                   for m in METRIC.finditer(text)]
        if not metrics:
            continue
        found: list[tuple[str, int, str, str, str]] = []  # kind, position, value, unit, phrase
        used: list[tuple[int, int]] = []
        for m in [*FROM_TO_VALUE.finditer(text), *ARROW_VALUE.finditer(text)]:
            used.append((m.start(), m.end()))
            unit = m.group(4)
            found.append(("baseline", m.start(), m.group(1), m.group(2) or unit, m.group(0)))
            found.append(("result", m.start(), m.group(3), unit, m.group(0)))
        for kind, pattern in (("delta", DELTA_BEFORE), ("delta", DELTA_AFTER),
                              ("result", RESULT_VALUE)):
            for m in pattern.finditer(text):
                if any(a <= m.start() < b or a < m.end() <= b for a, b in used):
                    continue
                used.append((m.start(), m.end()))
                found.append((kind, m.start(), m.group(1), m.group(2), m.group(0)))
        for kind, pos, value, unit, phrase in found:
            named = _metric_at(metrics, pos)
            if named is not None:
                qualifier, head = named
                facts.append(Fact(f"metric:{head}:{kind}:{_unit(unit)}|{qualifier}",
                                  float(value), phrase, s))
    return _drop_ambiguous(facts)


def _drop_ambiguous(facts: list[Fact]) -> list[Fact]:
    """Keep a metric only when the document names it one way: "mobile conversion" and
    "desktop conversion" are different metrics, so "conversion" alone is ambiguous."""
    qualifiers: dict[str, set[str]] = {}
    for f in facts:
        key, qualifier = f.key.split("|")
        head = key.split(":")[1]
        qualifiers.setdefault(head, set()).add(qualifier)
    kept = []
    for f in facts:
        key, _ = f.key.split("|")
        head = key.split(":")[1]
        named = {q for q in qualifiers[head] if q}
        if len(named) <= 1:
            kept.append(Fact(key, f.value, f.phrase, f.sentence))
    return kept


# --- comparing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    what: str
    first: Fact
    second: Fact


def _differs(a: float, b: float, key: str) -> bool:
    if key.startswith("duration"):
        low, high = sorted((a, b))
        return high - low >= 2 and high / max(low, 1e-9) > 1.25  # weeks
    if key.startswith("metric"):
        return abs(a - b) > max(0.5, 0.02 * max(abs(a), abs(b)))
    return a != b


def _period(f: Fact) -> str:
    m = TIMEFRAME.search(f.sentence.text)
    return " ".join(m.group(0).lower().split()) if m else ""


def _same_period(a: Fact, b: Fact) -> bool:
    """Two metric values measured at different stated times ("in the first month" vs "by
    Q4") can both be true; anything else should agree."""
    if not a.key.startswith("metric"):
        return True
    pa, pb = _period(a), _period(b)
    return not (pa and pb and pa != pb)


def _first_conflicts(facts: list[Fact], what: str) -> list[Conflict]:
    """For each key, the first stated value against each later value that disagrees."""
    conflicts: list[Conflict] = []
    by_key: dict[str, list[Fact]] = {}
    for f in facts:
        by_key.setdefault(f.key, []).append(f)
    for key, group in by_key.items():
        first = group[0]
        reported: set[float] = set()
        for other in group[1:]:
            if other.sentence is first.sentence or other.value in reported:
                continue
            if _differs(first.value, other.value, key) and _same_period(first, other):
                reported.add(other.value)
                conflicts.append(Conflict(what, first, other))
    return conflicts


def _subset_conflicts(facts: list[Fact]) -> list[Conflict]:
    """One role outnumbering the whole team ("a team of 6 people" ... "the 12 engineers"):
    a part cannot be larger than the whole."""
    wholes = [f for f in facts if f.key == "team:people"]
    for whole in wholes:
        for part in facts:
            if part.key != "team:people" and part.sentence is not whole.sentence and \
                    part.value > whole.value:
                return [Conflict("the team size", whole, part)]
    return []


def _delta_conflicts(facts: list[Fact]) -> list[Conflict]:
    """A stated change ("a 40% lift") that fits neither the absolute nor the relative
    difference of a "from X to Y" for the same metric."""
    conflicts: list[Conflict] = []
    pairs: dict[str, tuple[Fact, Fact]] = {}
    for f in facts:
        _, head, kind, unit = f.key.split(":")
        if kind == "baseline":
            result_fact = next((r for r in facts if r.sentence is f.sentence
                                and r.key == f"metric:{head}:result:{unit}"), None)
            if result_fact is not None and f"{head}:{unit}" not in pairs:
                pairs[f"{head}:{unit}"] = (f, result_fact)
    for f in facts:
        _, head, kind, unit = f.key.split(":")
        if kind != "delta":
            continue
        base_unit = "%" if unit in ("%", "pp") else unit
        pair = pairs.get(f"{head}:{base_unit}")
        if pair is None:
            continue
        base, res = pair[0].value, pair[1].value
        absolute = abs(res - base)
        relative = absolute / base * 100 if base else None
        d = f.value
        fits = abs(d - absolute) <= max(0.6, 0.05 * d)
        if unit == "%" and relative is not None:
            fits = fits or abs(d - relative) <= max(1.0, 0.06 * d)
        if unit == "x" and base:
            fits = abs(d - res / base) <= 0.15 * d
        if not fits:
            conflicts.append(Conflict(f"the change in {head}", pair[1], f))
    return conflicts


def _date_conflicts(dates: list[Fact], durations: list[Fact]) -> list[Conflict]:
    conflicts = _first_conflicts([d for d in dates if d.key == "date:start"], "the start date")
    starts = [d for d in dates if d.key == "date:start"]
    ends = [d for d in dates if d.key == "date:end"]
    if starts and ends and durations:
        start, end = starts[0], ends[-1]
        months = end.value - start.value
        if months < 0 and start.value < 13 and end.value < 13:
            months += 12  # "started in October ... launched in February"
        stated = durations[0]
        stated_months = stated.value / _UNIT_WEEKS["month"]
        if months >= 0 and abs(months - stated_months) >= 2:
            conflicts.append(Conflict("the project's length", stated, Fact(
                "duration", months, f"{start.phrase} … {end.phrase}", end.sentence)))
    return conflicts


def _quote(f: Fact) -> str:
    return " ".join(f.phrase.split())


def _conflicts(doc: Document) -> tuple[dict[str, list[Fact]], list[Conflict]]:
    sentences = doc.sentences
    facts = {"team": team_facts(sentences), "duration": duration_facts(sentences),
             "date": date_facts(sentences), "metric": metric_facts(sentences)}
    conflicts = (
        _first_conflicts(facts["team"], "the team size")
        + _subset_conflicts(facts["team"])
        + _first_conflicts(facts["duration"], "the project's length")
        + _date_conflicts(facts["date"], facts["duration"])
        + _first_conflicts(facts["metric"], "a metric")
        + _delta_conflicts(facts["metric"])
    )
    return facts, conflicts


def contradictions(doc: Document, options: Mapping[str, Any]) -> Iterator[tuple[Span, str]]:
    """Each pair of statements of one fact that disagree: the later statement (where a
    reader notices), then the first, both quoted in the text."""
    del options
    for c in _conflicts(doc)[1]:
        what = c.what if c.what != "a metric" else f"the {c.first.key.split(':')[1]} figure"
        a, b = c.first.sentence, c.second.sentence
        text = (f"{what}, \"{_quote(c.first)}\" (line {a.line}) vs "
                f"\"{_quote(c.second)}\" (line {b.line})")
        yield b, text
        yield a, text


def facts(doc: Document, options: Mapping[str, Any]) -> Iterator[tuple[Span, str]]:
    """What was compared, one summary per kind of fact, at its first statement."""
    del options
    found = _conflicts(doc)[0]
    teams, times, metrics = found["team"], found["duration"] + found["date"], found["metric"]
    if teams:
        yield teams[0].sentence, _plural(len(teams), "team-size mention")
    if times:
        yield times[0].sentence, _plural(len(times), "duration or date mention")
    if metrics:
        heads = sorted({f.key.split(":")[1] for f in metrics})
        yield metrics[0].sentence, f"{_plural(len(metrics), 'metric value')} ({', '.join(heads)})"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
