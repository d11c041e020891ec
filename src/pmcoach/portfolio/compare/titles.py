"""title: a document gives the author a title the career history says they did not hold
at that time.

The history comes from every document: rows and items with a title and its dates ("Product
Manager, Acme | Jan 2019 – Jun 2021"), promotions ("promoted to Senior PM in June 2021")
and first titles ("joined in 2017 as an Associate PM"). A byline's title is checked against
the history at the byline's date (or the project's dates).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from ..extract.dates import OPEN_END, When, describe
from ..extract.titles import RANK
from ..facts import DocumentFacts, TitleClaim
from ..model import PortfolioFinding
from .common import finding, span
from .projects import Catalog

SUGGESTION = ("Use the title you held at the time of the work in every document; if you were "
              "promoted during it, say so: 'Product Manager (Senior PM from June 2021)'.")
_SLACK = timedelta(days=31)
#: Names two documents must share (people, companies, products) to be read as one author's
#: when no header names the same person: a folder may hold several people's documents, and
#: one person's titles say nothing about another's.
_SHARED_NAMES = 2
_RECENT = timedelta(days=3 * 365)


def _spells(history: list[tuple[DocumentFacts, TitleClaim]]
            ) -> list[tuple[DocumentFacts, TitleClaim, When]]:
    """Each title with the time it was held: a stated range, or from a promotion (or a
    first title) until the next promotion."""
    spells = [(d, t, t.when) for d, t in history if t.how == "held"]
    starts = sorted(((d, t) for d, t in history if t.how == "since"),
                    key=lambda item: item[1].when.start)
    for i, (doc, claim) in enumerate(starts):
        nxt = next((t for _, t in starts[i + 1:] if t.when.start > claim.when.end), None)
        end = nxt.when.start - timedelta(days=1) if nxt else OPEN_END
        spells.append((doc, claim, When(claim.when.start, max(end, claim.when.start), "range")))
    return spells


def _covers(spell: When, when: When) -> bool:
    return spell.start <= when.start + _SLACK and when.end - _SLACK <= spell.end


def _contradiction(claim: TitleClaim, spells: list[tuple[DocumentFacts, TitleClaim, When]],
                   promotions: list[tuple[DocumentFacts, TitleClaim]]
                   ) -> tuple[DocumentFacts, TitleClaim] | None:
    covering = [(d, t) for d, t, w in spells if _covers(w, claim.when)]
    if covering and all(t.level != claim.level for _, t in covering):
        return covering[0]
    if covering:
        return None
    for doc, promotion in promotions:
        # Promoted to it later: a lower title before, at least in the years just before
        # (further back the author may have been at another company).
        before = claim.when.end + _SLACK < promotion.when.start
        recent = promotion.when.start - claim.when.end < _RECENT
        if before and recent and RANK.get(claim.level, 0) >= RANK.get(promotion.level, 0):
            return doc, promotion
    return None


#: A person's name in a header: two or three capitalised words ("Ada Quill").
_PERSON = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z']+){1,2}")
#: Words that make a capitalised pair a title, a date or a team rather than a person.
_NOT_A_NAME = frozenset((
    "Product", "Manager", "Director", "Officer", "Senior", "Group", "Head", "Lead",
    "Principal", "Chief", "Associate", "Written", "Updated", "Edited", "Last", "Team", "Squad",
    "Platform", "Growth", "Marketing", "Engineering", "Design", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December"))


def _people(facts: DocumentFacts) -> set[str]:
    """The person names a document's header gives (its author, usually)."""
    return {name for name in facts.proper_names
            if _PERSON.fullmatch(name) and not set(re.split(r"[ -]", name)) & _NOT_A_NAME}


def same_author(a: DocumentFacts, b: DocumentFacts) -> bool:
    """Whether two documents read as one person's: a name their headers share, or several
    names (colleagues, company, products) their bodies share, unless their headers name
    two different people."""
    if set(a.proper_names) & set(b.proper_names):
        return True
    people_a, people_b = _people(a), _people(b)
    if people_a and people_b and not people_a & people_b:
        return False
    return len(a.written_names & b.written_names) >= _SHARED_NAMES


def findings(docs: Sequence[DocumentFacts], catalog: Catalog) -> list[PortfolioFinding]:
    history = [(d, t) for d in docs for t in d.titles if t.how != "byline"]
    claims = [(d, t) for d in docs for t in d.titles if t.how == "byline"]
    spells = _spells(history)
    promotions = [(d, t) for d, t in history if t.how == "since"]
    found: list[PortfolioFinding] = []
    pairs: set[tuple[str, str]] = set()
    for doc, claim in claims:
        against = _contradiction(
            claim, [s for s in spells if s[0].path != doc.path and same_author(doc, s[0])],
            [p for p in promotions if p[0].path != doc.path and same_author(doc, p[0])])
        if against is None:
            continue
        other, held = against
        if (doc.path, other.path) in pairs:
            continue  # one finding per pair of documents: a second byline repeats the first
        pairs.add((doc.path, other.path))
        project = catalog.main(doc)
        what = (f"{held.text} from {describe(held.when)}" if held.how == "since"
                else f"{held.text} over {describe(held.when)}")
        found.append(finding(
            "title", project,
            f"title: {claim.text} in {doc.path} ({describe(claim.when)}), but {other.path} "
            f"has {what}",
            SUGGESTION, [span(doc, claim.place), span(other, held.place)]))
    return found

