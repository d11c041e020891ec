"""role: two documents describe the author's part in one project differently.

"I was the only PM" against "I supported Lena, who led it"; "I set the price" against
"pricing sat with the growth team".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..facts import DocumentFacts, Ownership, RoleClaim
from ..model import PortfolioFinding
from .common import doc_pairs, finding, grouped, quoted, span
from .projects import Catalog

SUGGESTION = ("Describe your part the same way in every document. If you shared the work, "
              "say which part was yours: 'I was one of two PMs and owned reporting'.")
OWNER_SUGGESTION = ("Say the same thing everywhere about who owned {area}: if it was someone "
                    "else's call that you shaped, say so ('I proposed the price; the "
                    "growth PM made the call').")


#: A lead claim that says no one else was PM: at odds with a lead shared with another PM.
_SOLE = re.compile(r"(?i)\b(?:only|sole|single|no\s+other)\b")


def _at_odds(a: RoleClaim, b: RoleClaim) -> bool:
    if {a.role, b.role} == {"lead", "support"}:
        return True
    lead = a if a.role == "lead" else b
    return {a.role, b.role} == {"lead", "shared"} and bool(_SOLE.search(lead.text))


def _role_conflict(first: list[RoleClaim], second: list[RoleClaim]
                   ) -> tuple[RoleClaim, RoleClaim] | None:
    for a in first:
        for b in second:
            if _at_odds(a, b):
                return a, b
    return None


def _owner_conflict(first: list[Ownership], second: list[Ownership]
                    ) -> tuple[Ownership, Ownership] | None:
    for a in first:
        for b in second:
            if a.mine != b.mine and a.words & b.words:
                return a, b
    return None


def findings(docs: Sequence[DocumentFacts], catalog: Catalog) -> list[PortfolioFinding]:
    found: list[PortfolioFinding] = []
    seen: set[tuple[str, str, int]] = set()
    for key, by_path in grouped(docs, catalog, "roles").items():
        project = catalog.projects[key]
        for a_doc, b_doc in doc_pairs(docs, by_path):
            pair = _role_conflict(by_path[a_doc.path], by_path[b_doc.path])
            if pair is None:
                continue
            seen.add((a_doc.path, b_doc.path, key))
            a, b = pair
            found.append(finding(
                "role", project,
                f"your role: {quoted(a.text)} in {a_doc.path}, {quoted(b.text)} in {b_doc.path}",
                SUGGESTION, [span(a_doc, a.place), span(b_doc, b.place)]))
    for key, by_path in grouped(docs, catalog, "owners").items():
        project = catalog.projects[key]
        for a_doc, b_doc in doc_pairs(docs, by_path):
            owners = _owner_conflict(by_path[a_doc.path], by_path[b_doc.path])
            if owners is None or (a_doc.path, b_doc.path, key) in seen:
                continue
            first, second = owners
            mine, theirs = (first, second) if first.mine else (second, first)
            mine_path, theirs_path = ((a_doc.path, b_doc.path) if first.mine
                                      else (b_doc.path, a_doc.path))
            found.append(finding(
                "role", project,
                f"who owned {mine.area}: you in {mine_path} ({quoted(mine.place.quote)}), "
                f"someone else in {theirs_path} ({quoted(theirs.place.quote)})",
                OWNER_SUGGESTION.format(area=mine.area),
                [span(a_doc, first.place), span(b_doc, second.place)]))
    return found
