"""Metrics with a baseline and a result: "late deliveries fell from 14% to 6%", "50 min →
12 min", or a before/after table row.

The metric's name is kept as words (stems) so that "refund tickets" and "share of
tickets about refunds" can be recognised as one metric. A figure stated for a part
only ("for rural depots", "small accounts improved less") is marked as a
segment: it is not compared with the overall figure.
"""

from __future__ import annotations

import re

from ..facts import MetricChange, Value
from .places import Statement
from .text import APPROX, clause_at, content_stems

_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "bn": 1e9,
                "b": 1e9, "billion": 1e9}
_UNITS = {
    "%": ("%", 1.0), "percent": ("%", 1.0), "pp": ("%", 1.0), "percentage points": ("%", 1.0),
    "points": ("%", 1.0), "pts": ("%", 1.0), "bps": ("bps", 1.0), "basis points": ("bps", 1.0),
    "x": ("x", 1.0), "ms": ("min", 1 / 60000), "s": ("min", 1 / 60), "sec": ("min", 1 / 60),
    "secs": ("min", 1 / 60), "second": ("min", 1 / 60), "seconds": ("min", 1 / 60),
    "min": ("min", 1.0), "mins": ("min", 1.0), "minute": ("min", 1.0), "minutes": ("min", 1.0),
    "h": ("min", 60.0), "hr": ("min", 60.0), "hrs": ("min", 60.0), "hour": ("min", 60.0),
    "hours": ("min", 60.0), "day": ("min", 1440.0), "days": ("min", 1440.0),
    "week": ("min", 10080.0), "weeks": ("min", 10080.0),
}
_VALUE = (rf"(?P<{{g}}approx>(?:{APPROX})\s+|~\s*)?(?P<{{g}}cur>[$€£])?"
          r"(?P<{g}num>\d[\d,]{{0,15}}(?:\.\d{{1,6}})?)\s?(?P<{g}mult>k|K|M|MM|bn|B|million|thousand|billion)?\b\s?"
          r"(?P<{g}unit>%|percent(?:age\s+points)?|pp|points|pts|bps|basis\s+points|x\b|ms\b"
          r"|s\b|secs?\b|seconds?|mins?\b|minutes?|h\b|hrs?\b|hours?|days?|weeks?)?"
          r"(?:\s*(?:a|per|/)\s*(?:day|week|month|quarter|year))?")
_A, _B = _VALUE.format(g="a"), _VALUE.format(g="b")
_PERCENT_OR_MONEY = r"(?:[$€£]\s?\d|\d[\d,.]*\s?%)"
_CHANGES = (
    re.compile(rf"(?i)\bfrom\s+{_A}\s+(?:to|down\s+to|up\s+to)\s+{_B}"),
    # "churn fell to 3% (from 5%)", "went down to 2.8% from 4.1%": the result first
    re.compile(rf"(?i)\bto\s+{_B}\s*\(\s*(?:down\s+|up\s+)?from\s+{_A}\s*\)"),
    re.compile(rf"(?i)\bto\s+{_B}\s+from\s+{_A}"),
    # "a 30% lift in conversion (2.0% to 2.6%)": percentages or money in brackets
    re.compile(rf"(?i)\(\s*(?={_PERCENT_OR_MONEY}){_A}\s+to\s+(?={_PERCENT_OR_MONEY}){_B}\s*\)"),
    re.compile(rf"(?i)(?<![\w.]){_A}\s*(?:→|->|⟶|=>)\s*{_B}(?=\s*(?:\)|$|[,;.]|\s+(?:of|in|for"
               r"|a\b|per|across|among|after|over|within)))"),
)
_VERBS = re.compile(
    r"(?i)\b(?:fell|dropped|rose|grew|increased|decreased|declined|went|moved|improved|climbed"
    r"|jumped|shrank|sank|slid|changed|lifted|cut|reduced|raised|boosted|lowered|brought|took"
    r"|pushed|drove|doubled|halved|tripled|shortened|sped\s+up|grown|improving|cutting|reducing"
    r"|raising|lifting)\b")
_FILLER = re.compile(
    r"(?i)^(?:\s*(?:less|more|down|up|sharply|slightly|significantly|dramatically|by\s+[\d.,]+\s*"
    r"(?:%|points|pp|percentage\s+points|x)?|about|roughly|nearly|almost|,|:|—|–|-)\s*)*")
_SEGMENT = re.compile(
    r"(?i)\b(?:specifically|only|alone|among|segment|cohort|largest|smallest|biggest|top\s+\d+|enterprise"
    r"|first-time|returning|power\s+users|improved\s+less|moved\s+less|fell\s+less|dropped\s+less"
    r"|rose\s+less|less\s+so|more\s+so|excluding|except)\b"
    r"|^\W*for\s+(?:our\s+|the\s+)?(?!all\b|every|the\s+whole|context\b|example\b|instance\b"
    r"|reference\b|the\s+record\b)\w"
    r"|\b(?:in|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+I{1,3})?\s+(?:schools|clinics|users|customers"
    r"|accounts|platforms|markets?|regions?|stores|teams)")
#: "... from 30% to 15% in rural depots": a part, not everyone ("across all stores" is not).
_SEGMENT_AFTER = re.compile(
    r"(?i)[ ,]*(?:in|for|among|at|across|within)\s+(?:our\s+|the\s+|its\s+)?(?!all\b|every\b|each"
    r"\b|live\b|active\b|participating\b|existing\b|eligible\b|total\b|overall\b|the\b|(?:first|last"
    r"|next|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve)\s)[a-z][\w-]*\s+(?:[a-z][\w-]*\s+)?(?!(?:days|weeks|months|quarters|years"
    r"|sprints|hours|minutes|seconds)\b)[a-z]+s\b")
_TARGET = re.compile(r"(?i)\b(?:target\w*|goal|aim\w*|plan(?:s|ned)?\b|planning\s+to|expect\w*"
                     r"|forecast\w*|projected"
                     r"|would|could|hope\w*|budget\w*|estimat\w*)\b")
#: "We saw a 30% lift in conversion": the metric is conversion.
_SUBJECT = re.compile(r"(?i)^(?:we|i|it|this|that|they)\s+\w+(?:\s+(?:a|an|the))?\s+")
_CHANGE_NOUN = re.compile(
    r"(?i)^(?:[\d.,]+\s*%?\s*|(?:big|large|small|sharp|steady)\s+)?(?:lift|increase|rise|drop"
    r"|decrease|reduction|improvement|gain|jump|decline|cut|fall)\s+(?:in|of)\s+")
_NOT_A_METRIC = re.compile(r"(?i)^\s*(?:engineers|developers|designers|people|pms|months|weeks"
                           r"|years|days)\b")
_BEFORE_AFTER = re.compile(
    r"(?i)before|after|baseline|result|pre|post|then|now|old|new|start|end|control|treatment"
    r"|(?:19|20)\d\d|q[1-4]|h[12]|spring|summer|fall|autumn|winter|jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec|week|month|launch")
_HEADER_PLANNED = re.compile(r"(?i)target|goal|plan|forecast|budget|expected")


def _value(m: re.Match[str], g: str) -> Value | None:
    raw = m.group(f"{g}num").replace(",", "")
    try:
        number = float(raw)
    except ValueError:
        return None
    unit_text = (m.group(f"{g}unit") or "").lower()
    unit_text = " ".join(unit_text.split())
    unit, scale = _UNITS.get(unit_text, ("", 1.0))
    if m.group(f"{g}cur"):
        unit = "$"
    mult = (m.group(f"{g}mult") or "").lower()
    number *= _MULTIPLIERS.get(mult, 1.0) * scale
    return Value(number, unit, bool(m.group(f"{g}approx")), " ".join(m.group(0).split()))


def _unit_scale(m: re.Match[str] | None, g: str) -> float:
    """What the number matched as ``g`` was multiplied by for its unit (days become
    minutes), so that a unit given once can be given to the other number too."""
    unit_text = " ".join(((m.group(f"{g}unit") if m else None) or "").lower().split())
    return _UNITS.get(unit_text, ("", 1.0))[1]


def _with_unit(value: Value, unit: str, scale: float) -> Value:
    return Value(value.number * scale, unit, value.approx, value.text)


def _units_agree(before: Value, after: Value, scales: tuple[float, float]
                 ) -> tuple[Value, Value] | None:
    """Fill a unit given once ("from 12 to 15%", "from 21 days to 3"), at the same scale;
    refuse mixed units."""
    if before.unit and after.unit and before.unit != after.unit:
        return None
    if before.unit and not after.unit:
        return before, _with_unit(after, before.unit, scales[0])
    if after.unit and not before.unit:
        return _with_unit(before, after.unit, scales[1]), after
    return before, after


def _is_year(value: Value) -> bool:
    return not value.unit and value.number.is_integer() and 1990 <= value.number <= 2100


def _name(text: str, left: int, start: int) -> str:
    """The metric named before a change: the object of "cut X from", else the subject of
    "X fell from"."""
    before = text[left:start]
    verbs = list(_VERBS.finditer(before))
    if verbs:
        verb = verbs[-1]
        after = _FILLER.sub("", before[verb.end():]).strip(" ,:(")
        after = re.sub(r"(?i)\s+by\s+[\d.,]+\s*\S*\s*,?$", "", after).strip(" ,")
        if content_stems(after):
            return after
        before = before[: verb.start()]
    before = re.sub(r"(?i)\b(?:has|have|had|was|were|is|are|up|down)\s*$", "", before.strip(" ,:"))
    if ":" in before and content_stems(before.rsplit(":", 1)[1]):
        before = before.rsplit(":", 1)[1]  # "It paid off: churn fell ..." names churn
    before = _CHANGE_NOUN.sub("", _SUBJECT.sub("", before.strip()))
    words = before.split()
    return " ".join(words[-8:]).strip(" ,:(")


def changes(statements: list[Statement]) -> list[MetricChange]:
    found: list[MetricChange] = []
    for s in statements:
        if s.block in ("front", "heading"):
            continue
        if s.block == "table":
            change = _row(s)
            if change is not None:
                found.append(change)
            continue
        found.extend(_prose(s))
    return found


def _prose(s: Statement) -> list[MetricChange]:
    found: list[MetricChange] = []
    taken: list[tuple[int, int]] = []
    for pattern in _CHANGES:
        for m in pattern.finditer(s.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            a, b = _value(m, "a"), _value(m, "b")
            pair = _units_agree(a, b, (_unit_scale(m, "a"), _unit_scale(m, "b"))
                                ) if a and b else None
            if pair is None or _is_year(pair[0]) or _is_year(pair[1]):
                continue
            if _NOT_A_METRIC.match(s.text[m.end():]):
                continue
            left, right = clause_at(s.text, m.start(), m.end())
            name_left = _name_start(s.text, m.start())
            clause = s.text[min(left, name_left): right]
            if _TARGET.search(clause):
                continue
            name = _name(s.text, name_left, m.start())
            if not pair[0].unit and not pair[1].unit:  # "days to get paid: from 41 to 12"
                pair = (_unit_of_name(pair[0], name), _unit_of_name(pair[1], name))
            words = content_stems(name)
            place = s.place(name_left, m.end())
            if not words or place is None:
                continue
            taken.append((m.start(), m.end()))
            segment = bool(_SEGMENT.search(clause) or _SEGMENT.search(name)
                           or _SEGMENT_AFTER.match(s.text, m.end()))
            found.append(MetricChange(place, name, words, pair[0], pair[1], segment))
    return found


def _name_start(text: str, start: int) -> int:
    """Where the clause holding a metric's name begins (a colon may end the name)."""
    left = 0
    for m in re.finditer(r"(?<!\ba\.m)(?<!\bp\.m)(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)[;.!?]\s"
                         r"|,\s+(?:but|and|while|so)\s|\s[—–]\s", text[:start]):
        left = m.end()
    return left


#: A unit the metric's name gives its figures: "Median days to payout", "Wait (hours)".
_NAME_UNIT = re.compile(r"(?i)\b(?P<unit>minutes|hours|days|weeks)\b")


def _unit_of_name(value: Value, name: str) -> Value:
    """A bare figure under a name that says its unit ("Median days to payout | 16 |")."""
    unit = _NAME_UNIT.search(name)
    if value.unit or unit is None:
        return value
    _, scale = _UNITS[unit.group("unit").lower()]
    return Value(value.number * scale, "min", value.approx, value.text)


def _named_unit(value: Value | None, name: str) -> Value | None:
    return _unit_of_name(value, name) if value is not None else None


def _row(s: Statement) -> MetricChange | None:
    """ "| Median planning time | 50 min | 12 min |" under "| Metric | Before | After |"."""
    if len(s.cells) < 3 or len(s.header) < 3:
        return None
    if not all(_BEFORE_AFTER.search(h) for h in s.header[1:3]) or any(
            _HEADER_PLANNED.search(h) for h in s.header[1:]):
        return None
    name = s.cells[0]
    matches = [re.fullmatch(rf"(?i)\s*{_A}(?:\s*\(.*\))?\s*", cell) for cell in s.cells[1:3]]
    a, b = (_named_unit(_value(m, "a"), name) if m else None for m in matches)
    pair = _units_agree(a, b, (_unit_scale(matches[0], "a"), _unit_scale(matches[1], "a"))
                        ) if a and b else None
    words = content_stems(name)
    place = s.place_of(s.text.strip().strip("|").strip()) or s.place(0, len(s.text))
    if pair is None or not words or place is None:
        return None
    segment = bool(_SEGMENT.search(name)) or bool(
        re.search(r",\s*(?!all\b|overall|total|everyone)\w", name))
    return MetricChange(place, name, words, pair[0], pair[1], segment)
