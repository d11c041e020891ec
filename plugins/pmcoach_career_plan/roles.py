"""Where a career plan talks about a role: the escape hatch behind the kind file's role rules.

A role is a run of sentences (a dated line, a table row, a heading and its section, a
sentence that introduces a past, current or next job) and its stays. Finding them needs
date arithmetic and reading sentences together, which phrase rules cannot say; the words
the roles are recognised by are the kind file's phrase groups (``role-noun``, ``next-role``
and so on), so they are edited as data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Literal

from pmcoach import Document, Sentence
from pmcoach.checks import Cue, cues, lazy
from pmcoach.rules import load_kind

from .dates import Stay, cell_ranges, dates_in, durations, joined, own_date, ranges

KIND_FILE = Path(__file__).with_name("kind.yaml")

Phase = Literal["past", "current", "next"]


@cache
def groups() -> dict[str, list[str]]:
    """The kind file's phrase groups."""
    # From the loaded kind file (cached between runs), not by parsing the YAML again.
    return {name: list(phrases) for name, phrases in load_kind(KIND_FILE).spec.phrases.items()}


@cache
def group(name: str) -> Cue:
    """A phrase group of the kind file as a cue. Role finding was tuned on lower-cased
    matching (see ``pmcoach.cues.cues``), so it keeps it."""
    return cues(*groups()[name], match_lowercased=True)


class _Group:
    """A named phrase group, compiled on first use."""

    def __init__(self, name: str) -> None:
        self.name = name

    def search(self, text: str) -> re.Match[str] | None:
        return group(self.name).search(text)


ROLE_NOUN = _Group("role-noun")
NEXT_ROLE = _Group("next-role")
CURRENT_ROLE = _Group("current-role")
PAST_ROLE = _Group("past-role")
NEXT_STRONG = _Group("next-strong")
NEXT_SECTION = _Group("next-section")
CURRENT_SECTION = _Group("current-section")
PAST_SECTION = _Group("past-section")
#: "at Globex": a capitalised employer name (case matters, so not a phrase group).
AT_COMPANY = lazy(r"\bat [A-Z][\w&.-]+")


def _role_word(text: str) -> bool:
    return ROLE_NOUN.search(text) is not None or AT_COMPANY.search(text) is not None


def needs_in(text: str, names: Sequence[str]) -> list[str]:
    """The needs (phrase groups ``names``) a piece of text mentions, in the order given."""
    return [name for name in names if group(name).search(text)]


@dataclass
class Role:
    """A role the plan talks about: the sentence that introduces it and what follows."""

    anchor: Sentence
    phase: Phase
    stays: list[Stay] = field(default_factory=list)
    scope: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.scope)

    @property
    def stay(self) -> Stay | None:
        return self.stays[0] if self.stays else None


_YEAR = lazy(r"\b(19|20)\d\d\b")


def _next_section(section: str) -> bool:
    """A section about what comes next (not one about the past)."""
    return bool(section and NEXT_SECTION.search(section) and not PAST_SECTION.search(section))


def _future(text: str, today: dt.date) -> bool:
    return any(int(m.group(0)) > today.year for m in _YEAR.finditer(text))


def _phase(sentence: Sentence, stays: Sequence[Stay], section: str,
           today: dt.date | None = None) -> Phase:
    text = sentence.text
    future = today is not None and not stays and _future(text, today)
    if any(s.planned for s in stays) or NEXT_ROLE.search(text) or future:
        return "next"
    if not stays and _next_section(section):
        return "next"
    if any(s.ongoing for s in stays) or CURRENT_ROLE.search(text):
        return "current"
    if stays:
        return "past"
    if _next_section(section):
        return "next"
    if section and CURRENT_SECTION.search(section):
        return "current"
    return "past"


def _stays_in(sentence: Sentence, today: dt.date) -> list[Stay]:
    """The stays a sentence gives: date ranges, else written lengths in a role line, else
    the start of the current role."""
    text, block = sentence.text, sentence.block
    stays = ranges(text, today)
    if not stays and block.kind == "table":
        stays = cell_ranges(text, today)
    if len(stays) == 1 and (stays[0].ongoing or stays[0].approximate):
        stated = [d for d in durations(text) if d.upper is None and 1 <= d.months <= 240]
        # The author's own count ("2016 to 2017, 11 months") is more precise than years,
        # and was true when written where "now" may be stale.
        if stated:
            stays = [replace(stays[0], months=stated[0].months, approximate=False)]
    if not stays and (_role_word(text) or block.kind == "table"):
        stays = [s for s in durations(text) if s.upper is None or _role_word(text)]
        stays = [s for s in stays if 1 <= s.months <= 240]
    if not stays and CURRENT_ROLE.search(text):
        stays = joined(text, today)
    return stays


def _forward(text: str, section: str) -> bool:
    """Whether a sentence or heading looks ahead (the next role, a section on what is next)."""
    return bool(NEXT_ROLE.search(text) or NEXT_STRONG.search(text) or _next_section(section))


def plan_today(doc: Document, today: dt.date) -> dt.date:
    """'Now' for a plan with no date of its own: no later than the first date it still looks
    forward to. A plan that says "next, in 2031" was written before 2031, however late it is
    read; so its current stay is not counted to the reader's clock. Only dates after every
    date the plan gives elsewhere count, so a narrative "next, in 2019" does not move it."""
    if own_date(doc, today) is not None:
        return today
    ahead: list[tuple[int, int | None]] = []
    behind: list[tuple[int, int | None]] = []
    texts = [(s.text, s.block.section) for s in doc.sentences]
    texts += [(h.text, "") for h in doc.headings]
    for text, section in texts:
        found = dates_in(text)
        (ahead if _forward(text, section) else behind).extend(found)

    def key(date: tuple[int, int | None]) -> tuple[int, int]:
        return date[0], date[1] or 1

    latest = max((key(d) for d in behind), default=(0, 0))
    later = [key(d) for d in ahead if key(d) > latest]
    if not later:
        return today
    return min(today, dt.date(*min(later), 1))


def _cue(sentence: Sentence, today: dt.date) -> bool:
    """Whether a sentence introduces a role (without dates)."""
    text, block = sentence.text, sentence.block
    # "**Senior PM, fintech (current).**" or "- PM, HR software, 2 years": a role line.
    lead_role = (block.kind in ("item", "paragraph") and sentence.line == block.line
                 and len(text) <= 100 and _role_word(text)
                 and (text.startswith(("**", "__")) or (block.kind == "item" and "," in text)))
    return bool(NEXT_STRONG.search(text)) or lead_role or _role_word(text) and bool(
        NEXT_ROLE.search(text) or CURRENT_ROLE.search(text) or PAST_ROLE.search(text)
        or _future(text, today) or _next_section(block.section))


def find_roles(doc: Document, today: dt.date) -> list[Role]:
    """The roles the plan describes, in order, each with the sentences that belong to it.

    A role starts at a sentence with a date range or a stay ("18 months at Acme"), or at one
    that introduces a past, current or next role; it runs until the next role or heading.
    """
    roles: list[Role] = []
    current: Role | None = None
    for sentence in doc.sentences:
        block = sentence.block
        if current is not None and not _continues(current, sentence):
            current = None
        stays = _stays_in(sentence, today)
        if block.kind == "table" and _is_table_header(doc, sentence):
            continue
        same_block = current is not None and current.anchor.block is block
        if same_block and current is not None and current.stays \
                and not ranges(sentence.text, today):
            _restate(current, durations(sentence.text))
            stays = []  # a length later in the same paragraph elaborates on the dated role
        phase = _phase(sentence, stays, block.section, today)
        # Within one paragraph a cue starts a new role only when it moves to another phase.
        introduces = bool(stays) or (_cue(sentence, today) and (
            not same_block or current is None or phase != current.phase))
        if introduces:
            current = Role(sentence, phase, list(stays), [sentence])
            roles.append(current)
        elif current is not None:
            if stays and not current.stays:
                current.stays = list(stays)
            current.scope.append(sentence)
    # A heading that names a role ("## 2021–present: Senior PM at Ledgerly") is its own anchor.
    return roles + _heading_roles(doc, today, roles)


def _restate(role: Role, stays: Sequence[Stay]) -> None:
    """A length so far ("two years in") later in the paragraph of an ongoing role: the
    author's own count, true when written, where a count to "now" may be stale."""
    so_far = [s for s in stays if s.ongoing and s.upper is None and 1 <= s.months <= 240]
    if len(role.stays) == 1 and role.stays[0].ongoing and so_far:
        role.stays = [replace(role.stays[0], months=so_far[0].months, approximate=False)]


def _continues(role: Role, sentence: Sentence) -> bool:
    """Whether ``sentence`` still describes ``role``.

    The rest of the anchor's block always does. A following block does only for a short
    role line ("Acme, PM, 2019-2021") and within the same section and list.
    """
    anchor = role.anchor.block
    block = sentence.block
    if block is anchor:
        return True
    if block.section != anchor.section or block.kind == "heading":
        return False
    if anchor.kind == "paragraph" and block.kind == "item" and all(
            s.block is anchor or s.block.kind == "item" for s in role.scope):
        return True  # a list that elaborates on the role its paragraph introduced
    if anchor.kind in ("item", "table") and block.kind == "paragraph":
        return False  # the list or table has ended
    if anchor.kind == "table":
        return False  # one row is one role
    first_block = [s for s in role.scope if s.block is anchor]
    return len(first_block) <= 1 and len(anchor.text) <= 120 and all(
        s.block in (anchor, block) for s in role.scope)


def _is_table_header(doc: Document, sentence: Sentence) -> bool:
    line = sentence.block.line
    nxt = doc.lines[line] if line < len(doc.lines) else ""
    return bool(re.fullmatch(r"\s*\|?\s*:?-{2,}.*", nxt))


def _names_role(title: str) -> bool:
    return _role_word(title) and bool(
        NEXT_ROLE.search(title) or CURRENT_ROLE.search(title) or PAST_ROLE.search(title)
        or re.search(r"\bat [A-Z]", title))


def _heading_phase(anchor: Sentence) -> Phase | None:
    """The phase of an undated heading role; None for a heading that is no role."""
    phase = _phase(anchor, [], "")
    title = anchor.text
    if phase != "past":
        return phase
    if NEXT_SECTION.search(title):
        return "next"
    if CURRENT_SECTION.search(title):
        return "current"
    if not PAST_SECTION.search(title) and not _role_word(title):
        return None
    return phase


def _heading_roles(doc: Document, today: dt.date, roles: list[Role]) -> list[Role]:
    out: list[Role] = []
    taken = {id(r.anchor.block) for r in roles}
    for section in doc.sections:
        if not section.blocks or section.blocks[0].kind != "heading":
            continue
        heading = section.blocks[0]
        stays = ranges(heading.text, today)
        if not stays and not _names_role(heading.text):
            continue  # a title such as "My PM career" is not a role
        body = [s for s in doc.sentences if s.block.section == section.title
                and section.line <= s.line <= section.end_line]
        if not body or any(id(s.block) in taken for s in body) and not stays:
            continue
        anchor = Sentence(heading.text, heading.line, heading.end_line, heading)
        phase = _phase(anchor, stays, "") if stays else _heading_phase(anchor)
        if phase is None:
            continue
        # The body's own role sentences are folded into this heading's role.
        out.append(Role(anchor, phase, stays, [anchor, *body]))
    return out


def merge_roles(roles: list[Role]) -> list[Role]:
    """Heading roles absorb the sentence roles beneath them that add no dates of their own."""
    headings = [r for r in roles if r.anchor.block.kind == "heading"]
    kept: list[Role] = []
    for role in roles:
        if role.anchor.block.kind != "heading":
            owner = next((h for h in headings if any(s is role.anchor for s in h.scope)), None)
            if owner is not None and (not role.stays or not owner.stays):
                if role.stays and not owner.stays:
                    owner.stays = role.stays
                continue
        kept.append(role)
    return sorted(kept, key=lambda r: r.anchor.line)
