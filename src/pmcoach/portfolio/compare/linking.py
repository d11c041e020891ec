"""Which project a case study is about when it never names one.

A writer may tell a project's story without its name ("Getting surplus food picked up in
time") while the updates and plans call it by name. Documents about one piece of work
share its people, places and tools, written as names. An unnamed case study is taken to
be about a known project when:

- the project has no case study of its own, and the case study never names it;
- the case study shares at least two such names with the documents about the project
  (not the author's or the company's, which every document shares);
- no other project shares as many.

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


def link_unnamed(facts: Sequence[DocumentFacts], projects: Sequence[P],
                 main: Callable[[DocumentFacts], P | None],
                 names: Callable[[P], set[tuple[str, ...]]]) -> dict[str, P]:
    """``{path: project}`` for each unnamed case study that can be linked."""
    common = {w for d in facts for p in d.proper_names for w in p.split()}
    owner = {d.path: main(d) for d in facts}
    unnamed = [d for d in facts if d.kind == "case-study" and owner[d.path] is None
               and not (d.names or d.lead_word or d.aliases)]
    links: dict[str, P] = {}
    for doc in unnamed:
        scores: list[tuple[int, P]] = []
        for project in projects:
            own = names(project)
            if _names_project(doc, own) or any(
                    owner[d.path] is project and d.kind == "case-study" for d in facts):
                continue
            about = [d for d in facts if d is not doc and (
                owner[d.path] is project or _names_project(d, own))]
            seen = frozenset().union(*(d.written_names for d in about)) if about else frozenset()
            shared = {w for w in doc.written_names & seen
                      if w not in common and (_stems(w) not in own)}
            scores.append((len(shared), project))
        best = [p for n, p in scores if n >= MIN_SHARED]
        if len(best) == 1:
            links[doc.path] = best[0]
    return links
