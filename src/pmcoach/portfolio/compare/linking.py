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

from ..extract.text import name_stems as _stems
from ..facts import DocumentFacts

P = TypeVar("P")
#: Shared names needed to link an unnamed case study to a project.
MIN_SHARED = 2


def _named(doc: DocumentFacts) -> set[tuple[str, ...]]:
    """The names a document writes in its body, stemmed (what may name a project)."""
    return ({_stems(w) for w in doc.written_names} | {_stems(n) for n, _ in doc.frequent})


def _shared(doc: DocumentFacts, about: list[DocumentFacts], own: set[tuple[str, ...]],
            common: set[str]) -> int:
    """How many names ``doc`` shares with the documents ``about`` a project."""
    seen = frozenset().union(*(d.written_names for d in about)) if about else frozenset()
    return len({w for w in doc.written_names & seen if w not in common and _stems(w) not in own})


def _unnamed(facts: Sequence[DocumentFacts], owner: dict[str, object]) -> list[DocumentFacts]:
    """Case studies that name no project anywhere in their top."""
    return [d for d in facts if d.kind == "case-study" and owner[d.path] is None
            and not (d.names or d.lead_word or d.aliases)]


class _About:
    """The documents about a project: its own, and those that name it. Which documents
    write each name is indexed once: runs may hold thousands of files."""

    def __init__(self, facts: Sequence[DocumentFacts], owner: dict[str, object],
                 named: dict[str, set[tuple[str, ...]]]) -> None:
        self.facts, self.owner = facts, owner
        self.writers: dict[tuple[str, ...], list[DocumentFacts]] = {}
        for doc in facts:
            for name in named[doc.path]:
                self.writers.setdefault(name, []).append(doc)
        self.cache: dict[int, list[DocumentFacts]] = {}

    def __call__(self, project: object, own: set[tuple[str, ...]]) -> list[DocumentFacts]:
        if id(project) not in self.cache:
            found = {id(d): d for d in self.facts if self.owner[d.path] is project}
            found.update((id(d), d) for name in own for d in self.writers.get(name, ()))
            self.cache[id(project)] = list(found.values())
        return self.cache[id(project)]


def link_unnamed(facts: Sequence[DocumentFacts], projects: Sequence[P],
                 main: Callable[[DocumentFacts], P | None],
                 names: Callable[[P], set[tuple[str, ...]]]) -> dict[str, P]:
    """``{path: project}`` for each unnamed case study that can be linked."""
    owner: dict[str, object] = {d.path: main(d) for d in facts}
    unnamed = _unnamed(facts, owner)
    if not unnamed:
        return {}
    common = {w for d in facts for p in d.proper_names for w in p.split()}
    told = {id(owner[d.path]) for d in facts if d.kind == "case-study"}
    named = {d.path: _named(d) for d in facts}
    about = _About(facts, owner, named)
    links: dict[str, P] = {}
    for doc in unnamed:
        best: list[P] = []
        for project in projects:
            own = names(project)
            if id(project) in told or own & named[doc.path]:
                continue  # it has its own case study, or this one names it as other work
            others = [d for d in about(project, own) if d is not doc]
            if _shared(doc, others, own, common) >= MIN_SHARED:
                best.append(project)
        if len(best) == 1:
            links[doc.path] = best[0]
    # Two unnamed case studies cannot both be the one story of a project: link neither.
    taken = [id(p) for p in links.values()]
    return {path: p for path, p in links.items() if taken.count(id(p)) == 1}
