"""Dates as PM documents write them, read into day ranges (stdlib only).

"3 March 2021", "June 7, 2020", "2020-11-09", "2020-11", "October 2019", "mid-April",
"Q2 2024", "spring 2021", "2018", and ranges of them: "February–June 2020", "Nov 2019 – Jan
2021", "2020-03-02 → 2020-05-29", "2016 – 2018", "since June 2022", "Sep 2020 – now".
Every date is a :class:`When`, the first and last day it may mean: "October 2019" is 1-31
October, so "launched in October 2019" and "launched on 14 October 2019" agree. A date
without a year ("mid-April", "June 3") takes the year that puts it nearest the document's own
date, and is dropped when the document gives none.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

OPEN_END = date(2100, 12, 31)

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
# Capitalised only: "may" and "march" are also verbs.
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_YEAR = r"(?:19|20)\d\d"
_PART = r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+start\s+of|start\s+of" \
        r"|beginning\s+of|the\s+beginning\s+of)"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
            "winter": (12, 14)}


@dataclass(frozen=True, slots=True)
class When:
    """The first and last day a written date may mean."""

    start: date
    end: date
    precision: str  # day, week, part, month, quarter, season, year, range, years

    def gap_days(self, other: When) -> int:
        """Days between the two ranges (0 when they overlap)."""
        return max(0, (max(self.start, other.start) - min(self.end, other.end)).days)

    @property
    def open(self) -> bool:
        return self.end == OPEN_END

    def middle(self) -> date:
        end = self.start if self.open else self.end
        return self.start + (end - self.start) / 2

    def label(self) -> str:
        return describe(self)


def _month_days(year: int, month: int) -> tuple[date, date]:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _year(text: str) -> int:
    text = text.strip("'")
    return int(text) if len(text) == 4 else 2000 + int(text)


def _part_of(first: date, last: date, part: str | None) -> tuple[date, date, str]:
    """Narrow a month or year to its early, middle or late third."""
    if not part:
        return first, last, "month" if (last - first).days < 32 else "year"
    span = (last - first).days
    part = " ".join(part.lower().split()).removeprefix("the ")
    if part in ("early", "start of", "beginning of"):
        return first, first + timedelta(days=span // 3), "part"
    if part == "mid":
        return first + timedelta(days=span // 3), first + timedelta(days=2 * span // 3), "part"
    return first + timedelta(days=2 * span // 3), last, "part"  # late, end of


# A yearless date is a function of the year it falls in.
Partial = Callable[[int], "When"]


def _day(year: int, month: int, day: int) -> When | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return When(value, value, "day")


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    when: When | None  # None: yearless, see ``partial``
    partial: Partial | None = None


def _iso_day(m: re.Match[str]) -> _Atom | None:
    when = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Atom(m.start(), m.end(), when) if when else None


def _iso_month(m: re.Match[str]) -> _Atom:
    first, last = _month_days(int(m["y"]), int(m["m"]))
    return _Atom(m.start(), m.end(), When(first, last, "month"))


def _day_month(m: re.Match[str]) -> _Atom | None:
    month, day = _month(m["mon"]), int(m["d"])
    if m["y"]:
        when = _day(_year(m["y"]), month, day)
        return _Atom(m.start(), m.end(), when) if when else None
    if not 1 <= day <= 31:
        return None

    def partial(year: int) -> When:
        return _day(year, month, day) or When(*_month_days(year, month), "month")
    return _Atom(m.start(), m.end(), None, partial)


def _month_year(m: re.Match[str]) -> _Atom:
    month, part = _month(m["mon"]), m["part"]

    def partial(year: int) -> When:
        first, last, precision = _part_of(*_month_days(year, month), part)
        return When(first, last, "month" if not part else precision)
    if m["y"]:
        return _Atom(m.start(), m.end(), partial(_year(m["y"])))
    return _Atom(m.start(), m.end(), None, partial)


def _week_of(m: re.Match[str]) -> _Atom:
    month = _month(m["mon"])
    index = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(m["nth"].lower())

    def partial(year: int) -> When:
        first, last = _month_days(year, month)
        if index is None:  # last week
            return When(last - timedelta(days=6), last, "week")
        start = first + timedelta(days=7 * index)
        return When(start, start + timedelta(days=6), "week")
    if m["y"]:
        return _Atom(m.start(), m.end(), partial(_year(m["y"])))
    return _Atom(m.start(), m.end(), None, partial)


def _quarter(m: re.Match[str]) -> _Atom:
    unit, index = m["q"][0].upper(), int(m["q"][1])
    months = 3 if unit == "Q" else 6

    def partial(year: int) -> When:
        first = _month_days(year, (index - 1) * months + 1)[0]
        last = _month_days(year, index * months)[1]
        return When(first, last, "quarter")
    if m["y"]:
        return _Atom(m.start(), m.end(), partial(_year(m["y"])))
    return _Atom(m.start(), m.end(), None, partial)


def _half(m: re.Match[str]) -> _Atom:
    """ "the first half of 2019": H1 2019."""
    year, second = _year(m["y"]), m["h"].lower() in ("second", "2nd")
    first = _month_days(year, 7 if second else 1)[0]
    last = _month_days(year, 12 if second else 6)[1]
    return _Atom(m.start(), m.end(), When(first, last, "quarter"))


def _season(m: re.Match[str]) -> _Atom:
    low, high = _SEASONS[m["s"].lower()]
    year = _year(m["y"])
    return _Atom(m.start(), m.end(), When(_month_days(year, low)[0],
                                          _month_days(year, high)[1], "season"))


def _year_only(m: re.Match[str]) -> _Atom:
    year = _year(m["y"])
    first, last, precision = _part_of(date(year, 1, 1), date(year, 12, 31), m["part"])
    return _Atom(m.start(), m.end(), When(first, last, precision))


_NOT_BEFORE = r"(?<![\w$€£.,/-])"
_ATOMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Atom | None]], ...] = (
    (re.compile(rf"{_NOT_BEFORE}(?P<y>{_YEAR})-(?P<m>0?[1-9]|1[0-2])-(?P<d>[0-3]?\d)(?!\d)"),
     _iso_day),
    (re.compile(rf"{_NOT_BEFORE}(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])(?![\d-])"), _iso_month),
    (re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
                r"(?![\w-])"), _day_month),
    (re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%:.]\d|\d|,\d)"
                rf"(?:,?\s+(?P<y>{_YEAR}))?(?![\w%-])"), _day_month),
    (re.compile(rf"(?i:\b(?P<nth>first|second|third|fourth|last)\s+week\s+of\s+)(?P<mon>{MONTH})"
                rf"(?:,?\s+(?P<y>{_YEAR}))?\b"), _week_of),
    (re.compile(rf"(?:(?i:\b(?P<part>{_PART}))[- ]?)?\b(?P<mon>{MONTH})(?:,?\s+(?P<y>{_YEAR}"
                r"|'\d\d))?(?![\w-])"), _month_year),
    (re.compile(rf"(?i:\b(?P<q>Q[1-4]|H[12]))(?:\s+(?:of\s+)?(?P<y>{_YEAR}|'\d\d))?\b"), _quarter),
    (re.compile(rf"(?i:\b(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:the\s+year\s+)?)"
                rf"(?P<y>{_YEAR})\b"), _half),
    (re.compile(rf"(?i:\b(?P<s>spring|summer|fall|autumn|winter))\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
     _season),
    (re.compile(rf"(?:(?i:\b(?P<part>{_PART}))[- ]?)?{_NOT_BEFORE}(?P<y>{_YEAR})"
                r"(?![\d%]|,\d|\.\d|\s*(?:%|percent))(?!\s+(?!was\b|has\b|is\b|as\b|its\b|this\b)"
                r"[a-z]+s\b)"), _year_only),
)
_SEP = re.compile(r"\s*(?:–|—|-{1,2}|to|through|thru|until|till|→|->|and)\s*", re.I)
_NOW = re.compile(r"\s*(?:–|—|-{1,2}|to|until|→|->)\s*(?:the\s+)?(?:now|present|today|date)\b",
                  re.I)
_SHORT_YEAR_END = re.compile(r"\s*(?:–|—|-)\s*(\d\d)\b(?![-/.]\d)")
_SINCE = re.compile(r"(?i)\bsince\s+$")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a text: where it is and the days it means."""

    start: int
    end: int
    when: When
    text: str


def _atoms(text: str) -> list[_Atom]:
    found: list[_Atom] = []
    for pattern, build in _ATOMS:
        for match in pattern.finditer(text):
            if any(a.start < match.end() and match.start() < a.end for a in found):
                continue
            atom = build(match)
            if atom is not None and (atom.when is not None or atom.partial is not None):
                found.append(atom)
    return sorted(found, key=lambda a: a.start)


def _nearest(partial: Partial, anchor: date) -> When:
    options = [partial(year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return min(options, key=lambda w: abs((w.middle() - anchor).days))


def _resolve(atom: _Atom, anchor: date | None, year: int | None = None) -> When | None:
    if atom.when is not None:
        return atom.when
    assert atom.partial is not None
    if year is not None:
        return atom.partial(year)
    return _nearest(atom.partial, anchor) if anchor else None


def _range(first: When, last: When) -> When:
    """From one date to another; "years" when both are only years ("2019–2021")."""
    coarse = first.precision == "year" and last.precision == "year"
    return When(first.start, max(last.end, first.start), "years" if coarse else "range")


def _pair(text: str, left: _Atom, right: _Atom, anchor: date | None) -> When | None:
    """Join two atoms separated by a range separator into one range."""
    if right.when is not None and left.when is None:
        year = right.when.start.year
        first = _resolve(left, anchor, year)
        if first is not None and first.start > right.when.end:
            first = _resolve(left, anchor, year - 1)
        last: When | None = right.when
    else:
        first = _resolve(left, anchor)
        last = _resolve(right, first.middle() if first else anchor)
    if first is None or last is None or last.end < first.start:
        return None
    return _range(first, last)


def find_dates(text: str, anchor: date | None = None) -> list[DateMention]:
    """Every date and date range in ``text``, in order.

    ``anchor`` is the date the text was written near; without it, dates that give no year
    are left out.
    """
    return list(_find_dates(text, anchor))


@lru_cache(maxsize=4096)
def _find_dates(text: str, anchor: date | None) -> tuple[DateMention, ...]:
    # Several extractors read the same sentence's dates: remember them.
    atoms = _atoms(text)
    mentions: list[DateMention] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        between = text[atom.end: nxt.start] if nxt else ""
        if nxt is not None and _SEP.fullmatch(between) and (
                "and" not in between.lower() or re.search(r"(?i)\bbetween\s+$",
                                                          text[: atom.start])):
            when = _pair(text, atom, nxt, anchor)
            if when is not None:
                mentions.append(DateMention(atom.start, nxt.end, when, text[atom.start:nxt.end]))
                i += 2
                continue
        mention = _single(text, atom, anchor)
        if mention is not None:
            mentions.append(mention)
        i += 1
    return tuple(mentions)


def _single(text: str, atom: _Atom, anchor: date | None) -> DateMention | None:
    when = _resolve(atom, anchor)
    if when is None:
        return None
    end = atom.end
    now = _NOW.match(text, end)
    short = _SHORT_YEAR_END.match(text, end)
    if now:
        when, end = When(when.start, OPEN_END, "range"), now.end()
    elif short and when.precision == "year":
        last = when.start.year // 100 * 100 + int(short.group(1))
        if last > when.start.year:
            when, end = When(when.start, date(last, 12, 31), "years"), short.end()
    elif _SINCE.search(text[: atom.start]):
        when = When(when.start, OPEN_END, "range")
    return DateMention(atom.start, end, when, text[atom.start:end])


def parse_date(text: str, anchor: date | None = None) -> When | None:
    """The single date that ``text`` is (None when it holds none, or more than one)."""
    found = find_dates(text, anchor)
    return found[0].when if len(found) == 1 else None


def months_between(first: date, last: date) -> float:
    return (last - first).days / 30.44


def describe(when: When) -> str:
    """A date as a reader would write it back: "3 Mar 2021", "Oct 2019", "2018"."""
    if when.precision == "day":
        return f"{when.start.day} {when.start:%b %Y}"
    if when.precision in ("month", "part", "week"):
        return f"{when.start:%b %Y}"
    if when.precision == "year":
        return str(when.start.year)
    if when.precision == "years":
        return f"{when.start.year} to {when.end.year}"
    start = describe(When(when.start, when.start, "month"))
    if when.open:
        return f"{start} onwards"
    return f"{start} to {describe(When(when.end, when.end, 'month'))}"
