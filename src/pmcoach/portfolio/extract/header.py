"""What a document's top says: its title (and so its project's name), its date, the
author's byline, and for a case study the project's dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from datetime import date as Day

from ...document import Document
from .dates import DateMention, When, find_dates
from .places import Statement

#: Lines from the top of the body that count as its header (title, byline, date line).
HEADER_LINES = 6
_DATE_KEYS = ("date", "updated", "last_updated", "last-updated", "created", "written", "sent")
_PERIOD_KEYS = ("period", "dates", "timeline", "when", "project_dates", "duration")
_LABEL = re.compile(
    r"(?i)^\s*(?:subject|re|fwd?|title)\s*:\s*|^\s*(?:case\s+study|decision(?:\s+(?:memo|record|"
    r"doc))?|(?:weekly\s+|status\s+|manager\s+|project\s+)?(?:update|note)|strategy|retro"
    r"(?:spective)?|post-?mortem|proposal|prd|one-pager|project|career\s+plan)\s*[:—–|-]\s*")
_SPLIT = re.compile(r"\s*(?::\s|\s[—–|-]\s|[.?!](?:\s|$)|\s\(|,\s)\s*")
_AT_COMPANY = re.compile(r"\s+(?:at|@|for)\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s*$")
_TRAILER = re.compile(r"(?i)\s+(?:weekly|monthly|(?:(?:weekly|monthly)\s+)?(?:update|note|status"
                      r"|case\s+study|recap|memo|review|retro|pilot|beta|launch|rollout|kickoff)"
                      r"(?:\s+for\s+\w+)?)\s*$")
#: "Weekly note to Sam", "Status update for the board": what the document is, not a name.
_GENRE = re.compile(r"(?i)^(?:(?:weekly|monthly|status|manager|project)\s+)?(?:note|update|report"
                    r"|check-in|summary)s?(?:\s+(?:to|for)\b.*)?$")
_GERUND = re.compile(r"^(?:[A-Z][a-z]+ing)\s+(?:the\s+|our\s+|a\s+)?")
_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had|will|won't|needs?|slipp\w*|launch(?:ed|es)"
                   r"|ships?|shipped)\b")
_QUESTION = re.compile(r"(?i)^(?:should|how|why|what|whether|can|do|does|is|are|which|when)\b")
_TITLE_CASE = re.compile(r"\b(?:[A-Z][a-z]+(?:-[A-Za-z]+)?|[A-Z]{2,})(?:\s+(?:[A-Z][a-z]+"
                         r"(?:-[A-Za-z]+)?|[A-Z]{2,}|v\d+(?:\.\d+)?|\d+\.\d+))+\b")
_DATE_LABEL = re.compile(r"(?i)^\W*(?:date|sent|updated|last\s+updated|written)\b\W*")
_PERIOD_LABEL = re.compile(r"(?i)\b(?:project\s+dates|dates|timeline|period|when)\s*\W*:")
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])(?:[-_.]?([0-3]\d))?(?!\d)")


@dataclass(frozen=True)
class Header:
    title: Statement | None
    names: tuple[str, ...]
    date: When | None
    period: tuple[Statement, DateMention] | None
    byline: tuple[Statement, ...]

    @property
    def proper_names(self) -> tuple[str, ...]:
        """Capitalised names in the byline and front matter: the author, the company."""
        found: list[str] = []
        for s in self.byline:
            if self.title is not None and s.line == self.title.line:
                continue
            text = s.text.split(":", 1)[-1] if s.block == "front" else s.text
            found.extend(m.group(0) for m in _TITLE_CASE.finditer(text))
        return tuple(dict.fromkeys(found))

    @property
    def anchor(self) -> Day | None:
        """The date yearless dates in the document are read near."""
        if self.date is not None:
            return self.date.middle()
        if self.period is not None:
            return self.period[1].when.middle()
        return None


def _strip_markup(text: str) -> str:
    return re.sub(r"[*_`#>]+", "", text).strip()


def title_statement(doc: Document, found: list[Statement]) -> Statement | None:
    """The document's title: front matter ``title:``, a subject line, the first heading, or
    a short first line."""
    for s in found:
        if s.block == "front" and re.match(r"(?i)title\s*:", s.text):
            return s
    top = [s for s in found if s.block != "front" and s.line < doc.body_line + HEADER_LINES]
    for s in top:
        if re.match(r"(?i)\W*(?:subject|re)\s*:", s.text):
            return s
    first = next((h for h in doc.headings if h.level == 1), None) or (
        doc.headings[0] if doc.headings else None)
    lines = tuple(doc.lines)
    if first is not None and (not top or first.line <= top[0].line + 2):
        return Statement(first.text, first.text, first.line, lines, first.text, "", "heading")
    if top and len(top[0].text) <= 120 and top[0].line <= doc.body_line + 2:
        return top[0]
    if first is not None:
        return Statement(first.text, first.text, first.line, lines, first.text, "", "heading")
    return None


def names_from_title(text: str) -> list[str]:
    """The project a title names: "Route Planner at Acme" -> "Route Planner";
    "Case study: Rebuilding the invoice export" -> "invoice export"."""
    text = _strip_markup(re.sub(r"(?i)^\s*title\s*:\s*", "", text)).strip("\"'")
    for _ in range(3):
        text = _LABEL.sub("", text, count=1)
    chunks = [c for c in _SPLIT.split(text) if c and not _is_date(c)]
    if not chunks:
        return []
    chunk = _TRAILER.sub("", _AT_COMPANY.sub("", _LABEL.sub("", chunks[0])))
    if _GENRE.match(chunk):
        return []
    verb = _VERB.search(chunk)
    if verb and not _QUESTION.match(chunk) and 2 <= len(chunk[: verb.start()].split()) <= 4:
        chunk = chunk[: verb.start()]  # "Checkout redesign is at risk": the subject
    if _QUESTION.match(chunk) or len(chunk.split()) > 6:
        return [m.group(0) for m in _TITLE_CASE.finditer(chunk) if not _is_date(m.group(0))] + [
            m.group(0) for m in _COINED.finditer(chunk)]
    rest = _GERUND.sub("", chunk)
    if len(rest.split()) >= 2:  # "Rebuilding load search", but not "Onboarding v2"
        chunk = rest
    chunk = chunk.strip(" \"'")
    return [chunk] if len(chunk.split()) >= 2 or _COINED.fullmatch(chunk) else []


#: A coined one-word product name: a capital inside the word ("ParcelPilot", "eShip"),
#: which no ordinary word has. Other one-word names need the portfolio's support
#: (:mod:`pmcoach.portfolio.extract.names`).
_COINED = re.compile(r"(?<![\w-])[A-Za-z][a-z]+[A-Z][A-Za-z]*(?![\w-])")


def lead_word(title: str) -> str:
    """The title's first part when it is one capitalised word ("Beacon, week of 3 May"):
    a project's name if the portfolio uses it as one."""
    text = _strip_markup(re.sub(r"(?i)^\s*title\s*:\s*", "", title)).strip("\"'")
    for _ in range(3):
        text = _LABEL.sub("", text, count=1)
    chunks = [c for c in _SPLIT.split(text) if c]
    word = chunks[0].strip(" \"'") if chunks else ""
    return word if re.fullmatch(r"[A-Z][a-z]{3,}", word) and not _NAME_WORDS.search(word) else ""


def _is_date(text: str) -> bool:
    found = find_dates(text, date(2000, 1, 1))
    words = re.sub(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", "", text)
    covered = sum(m.end - m.start for m in found)
    return bool(found) and covered >= len(words.strip(" ,.")) - 2


def _front_value(doc: Document, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = doc.front_matter.get(key)
        if value is not None and str(value).strip():
            return str(value)
    return None


def _first_date(texts: list[str], precisions: tuple[str, ...]) -> When | None:
    for text in texts:
        dates = [d for d in find_dates(text) if d.when.precision in precisions]
        if dates:
            return dates[0].when
    return None


def document_date(doc: Document, path: str, found: list[Statement],
                  title: Statement | None = None) -> When | None:
    """When the document was written: front matter, a "Date:" line or a date standing
    alone at the top, a date in its title ("Career notes, March 2024") or first lines,
    else a date in the file name."""
    value = _front_value(doc, _DATE_KEYS)
    dates = find_dates(value) if value else []
    if dates:
        return dates[0].when
    top = [s for s in found if s.block != "front" and s.line < doc.body_line + HEADER_LINES]
    for s in top:
        dates = find_dates(s.text)
        if dates and (_DATE_LABEL.match(s.text) or _is_date(_strip_markup(s.text))):
            return dates[0].when
    titled = _first_date([title.text] if title is not None else [],
                         ("day", "month", "season", "quarter"))
    match = _FILE_DATE.search(path.rsplit("/", 1)[-1])
    named = _first_date(["-".join(g for g in match.groups() if g)] if match else [],
                        ("day", "month"))
    return titled or _first_date([s.text for s in top[:3]], ("day", "month")) or named


def project_period(doc: Document, found: list[Statement]) -> tuple[Statement, DateMention] | None:
    """The dates a case study gives its project at the top (front matter ``period:``, a
    "Project dates:" line, or a byline's year)."""
    for s in found:
        if s.block == "front" and re.match(rf"(?i)(?:{'|'.join(_PERIOD_KEYS)})\s*:", s.text):
            dates = find_dates(s.text)
            if dates:
                return s, dates[0]
    for s in found:
        if s.block != "front" and s.line < doc.body_line + HEADER_LINES + 2:
            dates = [d for d in find_dates(s.text) if not _WRITTEN.search(s.text[: d.start])]
            # One day is when a note was sent ("Subject: ..., 2 October"), not a project's span.
            if len(dates) == 1 and dates[0].when.precision != "day" and not _MESSAGE.match(
                    s.text) and (_PERIOD_LABEL.search(s.text) or _is_byline(s.text)):
                return s, dates[0]
    return None


_MESSAGE = re.compile(r"(?i)^\W*(?:subject|re|to|from|cc|date|sent)\s*:")
#: "written April 2024": when the document was written, not when the work was done.
_WRITTEN = re.compile(r"(?i)\b(?:written|updated|published|posted|revised)\s*(?:on\s+|in\s+)?$")


def written_date(doc: Document, found: list[Statement]) -> When | None:
    """The date a case study's top says it was written ("· written April 2024")."""
    for s in found:
        if s.block != "front" and s.line < doc.body_line + HEADER_LINES + 2:
            for d in find_dates(s.text):
                if _WRITTEN.search(s.text[: d.start]):
                    return d.when
    return None


_BYLINE_SEP = re.compile(r"\s[·|•—–-]\s|,\s")


def _is_byline(text: str) -> bool:
    """A short line of parts ("Name · Title · 2023"), not a sentence."""
    text = _strip_markup(text)
    return len(text) <= 120 and len(_BYLINE_SEP.findall(text)) >= 1 and not re.search(
        r"\b(?:we|was|were|is|are|had|has)\b", text)


def _by_line(found: list[Statement], last: int) -> list[Statement]:
    """The statements before line ``last``, one per line: a title and a byline written on
    two lines of one paragraph are two things."""
    out: list[Statement] = []
    for s in found:
        if s.line >= last:
            break
        for i, piece in enumerate(s.raw.split("\n")):
            text = piece.strip()
            if text and s.line + i < last:
                out.append(Statement(text, text, s.line + i, s.lines, s.section, "", s.block))
    return out


_NOT_A_NAME = re.compile(
    r"(?i)^(?:the|a|an|our|my|this|that|for|in|on|at|by|when|after|before|with|from|to|we|i"
    r"|it|and|but|so|if|as)\s+")
_NAME_WORDS = re.compile(r"(?i)\b(?:january|february|march|april|may|june|july|august|september"
                         r"|october|november|december|monday|tuesday|wednesday|thursday|friday"
                         r"|manager|pm|director|head|vp|ceo|cto)\b")


def frequent_names(found: list[Statement], exclude: set[str]) -> tuple[tuple[str, int], ...]:
    """Capitalised names the body repeats (a product or project is named again and again),
    most frequent first, with their counts."""
    counts: dict[str, int] = {}
    for s in found:
        if s.block in ("front", "heading"):
            continue
        for m in _TITLE_CASE.finditer(s.text):
            name = m.group(0)
            while _NOT_A_NAME.match(name):
                name = _NOT_A_NAME.sub("", name, count=1)
            if len(name.split()) >= 2 and name not in exclude and not _NAME_WORDS.search(name):
                counts[name] = counts.get(name, 0) + 1
    ranked = sorted(((n, c) for n, c in counts.items() if c >= 2), key=lambda nc: -nc[1])
    return tuple(ranked[:10])


#: A signature is in the last lines of a document.
SIGNATURE_LINES = 3


def signature(doc: Document, found: list[Statement]) -> list[Statement]:
    """The short lines that end a document ("Sam Lee, Senior PM, Payments"): a byline."""
    last = len(doc.lines) - sum(1 for _ in _trailing_blank(doc.lines))
    lines = _by_line([s for s in found if s.block == "paragraph"], last + 1)
    return [s for s in lines if s.line > last - SIGNATURE_LINES and len(s.text) <= 90]


def _trailing_blank(lines: list[str]) -> list[str]:
    out = []
    for line in reversed(lines):
        if line.strip():
            break
        out.append(line)
    return out


def header(doc: Document, path: str, kind: str | None, found: list[Statement]) -> Header:
    found = _by_line(found, doc.body_line + HEADER_LINES + 2) + [
        s for s in found if s.line >= doc.body_line + HEADER_LINES + 2]
    title = title_statement(doc, found)
    names = list(names_from_title(title.text)) if title is not None else []
    project = doc.front_matter.get("project")
    if isinstance(project, str) and len(project.split()) >= 2:
        names.insert(0, project.strip())
    period = project_period(doc, found) if kind in ("case-study", None) else None
    when = document_date(doc, path, found, title) if kind != "case-study" else written_date(
        doc, found)
    end = doc.body_line + HEADER_LINES
    sections = [h.line for h in doc.headings if title is None or h.line > title.line]
    end = min([end, *sections])
    top = tuple(s for s in found if s.line < end)
    return Header(title, tuple(dict.fromkeys(names)), when, period, top)
