"""Which project a case study is about when it never names one.

A writer may tell a project's story without its name ("Booking repairs before tenants
give up") while the updates and plans call it by name. Documents about one piece of work
share its people, places and tools, written as names. An unnamed case study is taken to
be about a known project when:

- the project has no case study of its own, and the case study never names it;
- the case study shares at least two such names with the documents about the project
  (not the author's or the company's, which every document shares);
- no other project shares as many, and no other unnamed case study is linked to it.

Otherwise it stays about no known project, and its facts are not compared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ..extract.text import stem
from ..facts import DocumentFacts

P = TypeVar("P")
#: Shared names needed to link an unnamed case study to a project.
MIN_SHARED = 2


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in text.lower().split())


def _names_project(doc: DocumentFacts, names: set[tuple[str, ...]]) -> bool:
    """Whether the document writes one of the project's names in its body."""
    written = {_stems(w) for w in doc.written_names}
    frequent = {_stems(n) for n, _ in doc.frequent}
    return bool(names & (written | frequent))


def _shared(doc: DocumentFacts, about: list[DocumentFacts], own: set[tuple[str, ...]],
            common: set[str]) -> int:
    """How many names ``doc`` shares with the documents ``about`` a project."""
    seen = frozenset().union(*(d.written_names for d in about)) if about else frozenset()
    return len({w for w in doc.written_names & seen if w not in common and _stems(w) not in own})


def _unnamed(facts: Sequence[DocumentFacts], owner: dict[str, object]) -> list[DocumentFacts]:
    """Case studies that name no project anywhere in their top."""
    return [d for d in facts if d.kind == "case-study" and owner[d.path] is None
            and not (d.names or d.lead_word or d.aliases)]


def _about(facts: Sequence[DocumentFacts], doc: DocumentFacts, project: object,
           own: set[tuple[str, ...]], owner: dict[str, object]) -> list[DocumentFacts]:
    """The other documents about ``project``: its own, and those that name it."""
    return [d for d in facts if d is not doc and (owner[d.path] is project
                                                 or _names_project(d, own))]


def link_unnamed(facts: Sequence[DocumentFacts], projects: Sequence[P],
                 main: Callable[[DocumentFacts], P | None],
                 names: Callable[[P], set[tuple[str, ...]]]) -> dict[str, P]:
    """``{path: project}`` for each unnamed case study that can be linked."""
    common = {w for d in facts for p in d.proper_names for w in p.split()}
    owner: dict[str, object] = {d.path: main(d) for d in facts}
    told = {id(owner[d.path]) for d in facts if d.kind == "case-study"}
    links: dict[str, P] = {}
    for doc in _unnamed(facts, owner):
        best: list[P] = []
        for project in projects:
            own = names(project)
            if id(project) in told or _names_project(doc, own):
                continue  # it has its own case study, or this one names it as other work
            about = _about(facts, doc, project, own, owner)
            if _shared(doc, about, own, common) >= MIN_SHARED:
                best.append(project)
        if len(best) == 1:
            links[doc.path] = best[0]
    # Two unnamed case studies cannot both be the one story of a project: link neither.
    taken = [id(p) for p in links.values()]
    return {path: p for path, p in links.items() if taken.count(id(p)) == 1}
