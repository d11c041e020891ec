"""Role dates: parse ranges ("Jan 2019 - Mar 2021", "2019–present") and durations ("18 months").

Everything takes ``today`` as an argument so "present" is testable; :func:`today_for` says
what "today" is for a plan (its own date, or the clock, which :func:`clock` can fix).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from pmcoach import Document
from pmcoach.checks import lazy

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:19|20)\d\d"
_DATE = (rf"(?:{_MONTH},?\s+(?:{_YEAR}|'\d\d)|\d{{1,2}}\s*/\s*{_YEAR}"
         rf"|{_YEAR}\s*[-/]\s*\d{{1,2}}(?![\d/])"
         rf"|(?:q[1-4]|h[12])\s*{_YEAR}|{_YEAR})")
_DIGIT = re.compile(r"\d")
_NOW = r"(?:present|now|today|current(?:ly)?|ongoing|date|still\ there)"
_SEP = r"\s*(?:-{1,2}|–|—|to|until|till|through|thru|→|->|>)\s*"

#: "Jan 2019 - Mar 2021", "2019–2021", "03/2019 – present", "2019–21", "from 2019 to now".
RANGE = lazy(
    rf"(?i)(?<![\w/])(?P<start>{_DATE}){_SEP}(?P<end>{_DATE}|{_NOW}|\d\d)(?![\w/])")
#: "since March 2022": an ongoing role.
SINCE = lazy(rf"(?i)\bsince\s+(?P<start>{_DATE})(?![\w/])")
#: "joined Globex in 2019 and stayed until 2023".
PROSE_RANGE = lazy(
    rf"(?i)\b(?:joined|started|began|moved|arrived|went)\b[^.;]{{0,80}}?\b(?:in\s+)?"
    rf"(?P<start>{_DATE})\b[^.;]{{0,80}}?\b(?:until|till|left\s+in|through|to)\s+"
    rf"(?P<end>{_DATE}|{_NOW})(?![\w/])")

#: "joined in March 2024": the start of a role that is still going on.
JOINED = lazy(
    rf"(?i)\b(?:joined|started|began|moved\s+here|arrived)\b[^.;]{{0,60}}?\b(?:in\s+|on\s+)?"
    rf"(?P<start>{_DATE})(?![\w/])")

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty": 20, "thirty": 30,
}
_NUM = (r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
        r"|eighteen)")
#: "2 years", "18 months", "1.5 yrs", "two and a half years", "2 years and 3 months", "2-3 years".
DURATION = lazy(
    rf"""(?ix)(?<![\w$])
    (?P<n>{_NUM})(?:\s*(?:-|–|to|or)\s*(?P<n2>{_NUM}))?\s*\+?\s*
    (?P<half>and\ a\ half\s+)?
    (?P<unit>years?|yrs?|months?|mos?)\b
    (?:,?\s*(?:and\s+)?(?P<m>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven)
       \s*(?:months?|mos?)\b)?
    (?P<half2>\s+and\ a\ half)?
    """)
#: Durations that are not stays: horizons ("in 5 years"), ages, totals of experience.
_NOT_STAY_BEFORE = lazy(
    r"(?i)\b(?:in|within|by|every|per|after\s+another|over\s+the\s+(?:next|past|last)|"
    r"the\s+next|the\s+past|the\s+last|next|past|last|about\s+to\s+turn)\s+(?:the\s+)?"
    r"(?:next\s+|another\s+|about\s+|around\s+|roughly\s+|~\s*)?$")
_NOT_STAY_AFTER = lazy(
    r"(?i)^\s*(?:ago|from\s+now|old|of\s+(?:experience|product|work|my\s+career)|in\s+product|"
    r"into\s+my\s+career|out\b|later|time|before\b)")


#: After a length, what makes it the length so far: "3 years now", "two years in."
_SO_FAR = lazy(r"(?i)\s*(?:now|so far|and counting|already|in(?=\s*(?:[.,;:)]|$|now\b)))\b")


@dataclass(frozen=True)
class Stay:
    """A stay found in text: its length in months and how it was written."""

    months: float
    text: str
    start: int
    end: int
    ongoing: bool = False
    planned: bool = False
    approximate: bool = False
    #: For planned ranges such as "2-3 years": the upper bound in months.
    upper: float | None = None


def _num(word: str) -> float:
    word = word.lower()
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)


def parse_date(text: str) -> tuple[int, int | None] | None:
    """A date as (year, month or None); None for text that is not a date."""
    t = text.strip().lower().rstrip(".")
    m = re.fullmatch(rf"({_MONTH}),?\s+({_YEAR}|'\d\d)", t)
    if m:
        year = m.group(2)
        y = 2000 + int(year[1:]) if year.startswith("'") else int(year)
        return y, _MONTHS[m.group(1)[:3]]
    m = re.fullmatch(rf"(\d{{1,2}})\s*/\s*({_YEAR})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(2)), int(m.group(1))
    m = re.fullmatch(rf"({_YEAR})\s*[-/]\s*(\d{{1,2}})", t)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    m = re.fullmatch(rf"([qh])([1-4])\s*({_YEAR})", t)
    if m:
        part = int(m.group(2))
        return int(m.group(3)), (part - 1) * 3 + 1 if m.group(1) == "q" else (part - 1) * 6 + 1
    if re.fullmatch(_YEAR, t):
        return int(t), None
    return None


def months_between(start: tuple[int, int | None], end: tuple[int, int | None]) -> tuple[float,
    bool]:
    """Length in months and whether it is approximate (a year without a month).

    With both months known the range is inclusive, as CVs count it (Jan-Dec = 12 months).
    """
    (y1, m1), (y2, m2) = start, end
    if m1 is not None and m2 is not None:
        return float((y2 - y1) * 12 + (m2 - m1) + 1), False
    if m1 is None and m2 is None:
        return float((y2 - y1) * 12), True
    # One side has only a year: assume mid-year for it.
    return float((y2 - y1) * 12 + ((m2 or 7) - (m1 or 7))), True


def _end(text: str, start: tuple[int, int | None], today: dt.date
         ) -> tuple[tuple[int, int | None], bool] | None:
    if re.fullmatch(_NOW, text.strip(), re.I):
        return (today.year, today.month), True
    if re.fullmatch(r"\d\d", text.strip()):  # "2019–21"
        year = start[0] // 100 * 100 + int(text)
        return ((year, None), False) if year >= start[0] else None
    date = parse_date(text)
    return (date, False) if date else None


def ranges(text: str, today: dt.date) -> list[Stay]:
    """Every date range in ``text`` as a stay (ongoing when it runs to the present)."""
    if _DIGIT.search(text) is None:
        return []  # every date holds a digit (a year or '21); most blocks have none
    stays: list[Stay] = []
    taken: list[tuple[int, int]] = []
    for pattern in (RANGE, PROSE_RANGE):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            start = parse_date(m.group("start"))
            if start is None:
                continue
            end = _end(m.group("end"), start, today)
            if end is None:
                continue
            (end_date, ongoing) = end
            months, approx = months_between(start, end_date)
            if months < 0 or months > 600:
                continue
            if ongoing and start[1] is None:
                # "2023 - present": assume the middle of the start year.
                months, approx = float((today.year - start[0]) * 12 + today.month - 7), True
                months = max(months, 0.0)
            planned = (start[0], start[1] or 1) > (today.year, today.month)
            stays.append(Stay(months, m.group(0), m.start(), m.end(), ongoing, planned, approx))
            taken.append((m.start(), m.end()))
    for m in SINCE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        start = parse_date(m.group("start"))
        if start is None:
            continue
        months, approx = months_between(start, (today.year, today.month))
        if start[1] is None:
            months = max(float((today.year - start[0]) * 12 + today.month - 7), 0.0)
        stays.append(Stay(months, m.group(0), m.start(), m.end(), True, False, approx))
        taken.append((m.start(), m.end()))
    return sorted(stays, key=lambda s: s.start)


#: A table cell that is a date and nothing else ("Sep 2019", "2019-03", "~2021").
_DATE_CELL = lazy(rf"(?i)\s*~?\s*(?:{_DATE})\s*")
#: An end cell that says the role is still going on ("present", "-", "—").
_OPEN_CELL = lazy(rf"(?i)\s*(?:{_NOW}|-{{1,2}}|–|—|…|\?)\s*")


def cell_ranges(text: str, today: dt.date) -> list[Stay]:
    """Stays from a table row whose start and end dates sit in neighbouring cells
    ("| Sep 2019 | Mar 2021 |", "| Aug 2023 | - |"), as spreadsheets export them."""
    cells = text.split("|")
    offsets = [sum(len(c) + 1 for c in cells[:i]) for i in range(len(cells))]
    for i in range(len(cells) - 1):
        start, end = cells[i], cells[i + 1]
        if not _DATE_CELL.fullmatch(start):
            continue
        if _OPEN_CELL.fullmatch(end):
            end = "present"
        elif not _DATE_CELL.fullmatch(end):
            continue
        found = ranges(f"{start.strip()} – {end.strip()}", today)
        if found:
            stay = found[0]
            return [replace(stay, start=offsets[i], end=offsets[i + 1] + len(cells[i + 1]))]
    return []


def joined(text: str, today: dt.date) -> list[Stay]:
    """"joined in March 2024" in a sentence about the current role: an ongoing stay."""
    for m in JOINED.finditer(text):
        start = parse_date(m.group("start"))
        if start is None or (start[0], start[1] or 1) > (today.year, today.month):
            continue
        months, approx = months_between(start, (today.year, today.month))
        if start[1] is None:
            months, approx = max(float((today.year - start[0]) * 12 + today.month - 7), 0.0), True
        return [Stay(months, m.group(0), m.start(), m.end(), True, False, approx)]
    return []


def durations(text: str) -> list[Stay]:
    """Written durations that describe a stay ("for 2 years", "18 months at Acme").

    Horizons ("in 5 years"), ages and totals of experience are left out.
    """
    stays: list[Stay] = []
    for m in DURATION.finditer(text):
        if _NOT_STAY_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            continue
        if _NOT_STAY_AFTER.match(text[m.end():m.end() + 30]):
            continue
        unit = 12.0 if m.group("unit").lower().startswith("y") else 1.0
        months = _num(m.group("n")) * unit
        if m.group("half") or m.group("half2"):
            months += 0.5 * unit
        if m.group("m"):
            months += _num(m.group("m"))
        upper = _num(m.group("n2")) * unit if m.group("n2") else None
        ongoing = bool(_SO_FAR.match(text[m.end():]))
        stays.append(Stay(months, m.group(0).strip(), m.start(), m.end(), ongoing, upper=upper))
    return stays


def describe(months: float) -> str:
    """'about 2 years 3 months' style text for a message."""
    total = round(months)
    years, rest = divmod(total, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest or not years:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)


_CLOCK: ContextVar[dt.date | None] = ContextVar("career_plan_today", default=None)


@contextmanager
def clock(today: dt.date) -> Iterator[None]:
    """Review as if it were ``today`` (tests, and replaying an old review)."""
    token = _CLOCK.set(today)
    try:
        yield
    finally:
        _CLOCK.reset(token)


def _now() -> dt.date:
    return _CLOCK.get() or dt.date.today()


#: "updated May 2023", "as of 2023-11", "2022 edition": the date a plan says it was written.
WRITTEN = lazy(
    rf"(?i)\b(?:updated|as\s+of|revised|reviewed|written|rewritten|refreshed|last\s+edited)"
    rf"\b\W{{0,3}}(?:on\s+|in\s+)?(?P<date>{_DATE})(?![\w/])"
    rf"|(?<![\w/])(?P<date2>{_DATE})\s+(?:refresh|update|edition|version|revision|review)\b")
_OPENING_LINES = 6
_ANY_DATE = lazy(rf"(?i)(?<![\w/])(?:{_DATE})(?![\w/])")


def dates_in(text: str) -> list[tuple[int, int | None]]:
    """Every date (a month and year, a quarter, a year) written in ``text``."""
    found = (parse_date(m.group(0)) for m in _ANY_DATE.finditer(text))
    return [d for d in found if d is not None]


def as_day(date: tuple[int, int | None]) -> dt.date:
    """A parsed date as a day: the first of its month, or the middle of a bare year."""
    year, month = date
    return dt.date(year, month or 7, 1)


def written_on(doc: Document, now: dt.date) -> dt.date | None:
    """The date the plan's opening lines say it was written ("updated May 2023"), if any
    and not after ``now``."""
    for line in doc.lines[:_OPENING_LINES]:
        for m in WRITTEN.finditer(line):
            date = parse_date(m.group("date") or m.group("date2"))
            if date is not None and as_day(date) <= now:
                return as_day(date)
    return None


def today_for(doc: Document) -> dt.date:
    """'Now' for a plan: its own date when it has one (a plan dated 2024 that says "2022 to
    now" means 2024), else today."""
    now = _now()
    return own_date(doc, now) or now


def own_date(doc: Document, now: dt.date) -> dt.date | None:
    """The plan's own date, not after ``now``: its front matter's, else the one its opening
    lines give ("updated May 2023")."""
    written = written_on(doc, now)
    for key in ("date", "updated", "last_updated", "written", "reviewed"):
        value = doc.front_matter.get(key)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date) and value <= now:
            return value
        if isinstance(value, str):
            try:
                parsed = dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                continue
            if parsed <= now:
                return parsed
    return written
