"""What every comparer needs: facts grouped by project, spans, findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import combinations
from typing import Any

from ..facts import DocumentFacts, Place
from ..model import PortfolioFinding, Span
from .projects import Catalog, Project


def span(doc: DocumentFacts, place: Place) -> Span:
    return Span(doc.path, place.line, place.end_line, place.quote)


#: At most this many places per document in one finding (the fact and where it is repeated).
MAX_PLACES = 3


def spans_of(doc: DocumentFacts, fact: Any, facts: Sequence[Any],
             same: Callable[[Any, Any], bool]) -> list[Span]:
    """The place of ``fact``, then the other places in the document that state the same
    ("47 min" in the summary and in the results table are both involved)."""
    found = [span(doc, fact.place)]
    lines = {fact.place.line}
    for other in facts:
        if len(found) == MAX_PLACES:
            break
        if other is not fact and other.place.line not in lines and same(fact, other):
            lines.add(other.place.line)
            found.append(span(doc, other.place))
    return found


def grouped(docs: Sequence[DocumentFacts], catalog: Catalog, field: str
            ) -> dict[int, dict[str, list[Any]]]:
    """``{project key: {path: [facts of that field about the project]}}``."""
    out: dict[int, dict[str, list[Any]]] = {}
    for doc in docs:
        for fact in getattr(doc, field):
            project = catalog.resolve(doc, fact.place)
            if project is not None:
                out.setdefault(project.key, {}).setdefault(doc.path, []).append(fact)
    return out


def doc_pairs(docs: Sequence[DocumentFacts], paths: dict[str, list[Any]]
              ) -> Iterator[tuple[DocumentFacts, DocumentFacts]]:
    """Each pair of documents that both state the fact, in the order given."""
    present = [d for d in docs if d.path in paths]
    yield from combinations(present, 2)


def finding(fact: str, project: Project | None, message: str, suggestion: str,
            spans: list[Span]) -> PortfolioFinding:
    return PortfolioFinding(id=fact, message=message, suggestion=suggestion, spans=spans,
                            project=project.name if project else None)


def quoted(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1].rstrip()}…'"
