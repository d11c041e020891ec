"""The facts a document states about a project, extracted once per file.

:func:`extract_facts` reads a parsed :class:`~pmcoach.document.Document` and returns a
:class:`DocumentFacts`: small frozen dataclasses with no reference to the document, so they
pickle cheaply across process boundaries. :mod:`pmcoach.portfolio.consistency` compares the
facts of several documents. Every fact carries a :class:`Place`, the line and an exact quote
of where it is stated, plus the sentence around it (which project a fact is about is only
decided when all documents are known).

Extraction is conservative: a number or date is kept only when the words around it say
what it is (a team's size, a launch, a metric's before and after); plans, targets, changes
over time and parts of a project are told apart from the facts they resemble.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .extract.dates import When

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "DocumentFacts", "Length", "MetricChange", "Milestone", "Ownership", "Period", "Place",
    "RoleClaim", "Status", "TeamSize", "TitleClaim", "Value", "When", "extract_facts",
]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a fact is stated: a line, an exact quote from it, and its context."""

    line: int
    end_line: int
    quote: str
    #: The whole sentence (or table row) the fact is stated in, one line.
    sentence: str
    #: Where in ``sentence`` the fact is stated (to find the project named nearest to it).
    offset: int
    #: The sentence before it in the same paragraph ("" when none): "it" points back there.
    previous: str = ""
    #: The title of the section it is in.
    section: str = ""


@dataclass(frozen=True, slots=True)
class TeamSize:
    """ "eight engineers", "a 5-person team". ``later``: a size after a change the text
    states ("grew to twelve"), which another document may also give; ``start``: the size
    at the start, which another document's start must match."""

    place: Place
    role: str  # engineers, designers, people
    count: int
    later: bool = False
    #: Said as the size at the start ("we started with five", "grew from five to nine").
    start: bool = False


@dataclass(frozen=True, slots=True)
class Milestone:
    """A dated step of a project: kickoff, beta, pilot or launch."""

    place: Place
    stage: str  # kickoff | pilot | beta | launch
    when: When
    text: str  # the words that name it, e.g. "general availability"


@dataclass(frozen=True, slots=True)
class Length:
    """How long the project took, from start to launch, in months."""

    place: Place
    months: float
    text: str
    approx: bool = False


@dataclass(frozen=True, slots=True)
class Period:
    """When the project ran: "March–June 2021"."""

    place: Place
    when: When
    text: str


@dataclass(frozen=True, slots=True)
class Value:
    """A number with its unit (%, pp, min, $, count) and whether it is approximate."""

    number: float
    unit: str
    approx: bool
    text: str


@dataclass(frozen=True, slots=True)
class MetricChange:
    """A metric's baseline and result: "late deliveries fell from 14% to 6%"."""

    place: Place
    name: str  # as written
    words: tuple[str, ...]  # stems of the name's meaningful words
    before: Value
    after: Value
    #: Stated for a part only ("for rural depots", "small accounts").
    segment: bool = False


@dataclass(frozen=True, slots=True)
class RoleClaim:
    """The author's part in a project: ``lead`` ("I was the only PM") or ``support``
    ("I was one of three PMs")."""

    place: Place
    role: str
    text: str


@dataclass(frozen=True, slots=True)
class Ownership:
    """Who owned one area of a project: the author (``mine``) or someone else."""

    place: Place
    area: str  # as written, e.g. "pricing"
    words: frozenset[str]  # stems, with synonyms folded ("fee" -> "price")
    mine: bool


@dataclass(frozen=True, slots=True)
class TitleClaim:
    """The author's job title at a time.

    ``byline``: a document's header gives it for the time of its work (``when``);
    ``held``: a history row or item gives it over ``when``;
    ``since``: promoted to it (or joined as it) at ``when``.
    """

    place: Place
    level: str  # associate, pm, senior, group, principal, director, head, vp
    text: str
    when: When
    how: str = "byline"


@dataclass(frozen=True, slots=True)
class Status:
    """An update's word on where a project stands at its date: a stage not reached yet
    (``done`` false: "the beta moved to June") or already reached."""

    place: Place
    stage: str  # pilot | beta | launch | any
    done: bool
    text: str


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """Everything one document states that another document could contradict."""

    path: str
    kind: str | None
    #: Names of the project the document is about (from its title, subject, front matter).
    names: tuple[str, ...] = ()
    #: Proper names in the document's header (its author, company, team): not projects.
    proper_names: tuple[str, ...] = ()
    #: Capitalised names the body repeats, with counts (finds the project of a document
    #: whose title does not name it).
    frequent: tuple[tuple[str, int], ...] = ()
    #: Other names the body gives the same work ("the new tool was named ...").
    aliases: tuple[str, ...] = ()
    #: The document's title as written ("" when it has none).
    title: str = ""
    #: Its title's first part when that is one capitalised word ("Foxglove, week of 3 May").
    lead_word: str = ""
    #: Capitalised words the body writes inside sentences and never in lower case.
    written_names: frozenset[str] = frozenset()
    #: When the document was written (an update's date), if it says.
    date: When | None = None
    teams: tuple[TeamSize, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    lengths: tuple[Length, ...] = ()
    periods: tuple[Period, ...] = ()
    metrics: tuple[MetricChange, ...] = ()
    roles: tuple[RoleClaim, ...] = ()
    owners: tuple[Ownership, ...] = ()
    titles: tuple[TitleClaim, ...] = ()
    statuses: tuple[Status, ...] = ()


def extract_facts(path: str, document: Document, kind: str | None) -> DocumentFacts:
    """The facts ``document`` (reviewed as ``kind``) states, for comparing with others."""
    from .extract.run import extract

    return extract(path, document, kind)
