"""A real review of a small portfolio, with a ``portfolio`` object built to the contract.

The documents are written for these tests. The portfolio (files, matrix, competencies, a
cross-file finding, changes against a baseline) is built with the model's dataclasses from
the review's real verdicts, so the HTML report is rendered from what the contract says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pmcoach.pipeline import ReviewOptions, review_paths
from pmcoach.plugins import load
from pmcoach.portfolio.model import (
    BeforeAfter,
    Changes,
    Competency,
    CompetencyEvidence,
    CriterionChange,
    FileChange,
    KindMatrix,
    Portfolio,
    PortfolioFile,
    PortfolioFinding,
    Span,
)
from pmcoach.review import Report, Review

#: A document's text with HTML in it: the page must show it as text, never run it.
SCRIPT = '<script>document.title = "pwned"</script><img src=x onerror="alert(1)">'

DOCS = {
    "shared-carts.md": """\
# Shared carts for a grocery delivery app

I was the product manager for ordering at a regional grocery delivery app with
forty thousand weekly customers. We had one quarter and a team of 4 engineers.

## The problem
In twelve interviews, households said they sent each other screenshots of lists.

## What we did
I helped with the designs and the team built a shared link for the cart.

## Results
Baskets with more than one contributor went up a lot after launch.
""",
    "roadmap.md": """\
# Ordering strategy 2026

Our mission is to be the best grocery app for every household in the region.

We will build shared carts with nine engineers, then loyalty, then recipes.
Everyone will love it because it is simple.
""",
    "substitutions.md": f"""\
# Substitution rules for out-of-stock items

Some shoppers want automatic substitutions and others want to be asked first.

Honestly it depends. {SCRIPT}
Both sides have a point and we should talk about it again next month.
""",
}

COMPETENCIES = (("strategy", "Strategy"), ("autonomy", "Autonomy"), ("nuance", "Nuance"),
                ("market-awareness", "Market awareness"),
                ("business-acumen", "Business acumen"),
                ("analytical-expertise", "Analytical expertise"),
                ("communication", "Communication"))
#: Which kind's criteria evidence each competency (a rough stand-in for the real map).
EVIDENCE_KIND = {"strategy": "strategy", "autonomy": "case-study", "nuance": "decision",
                 "market-awareness": "strategy", "business-acumen": "case-study",
                 "analytical-expertise": "case-study", "communication": None}
POINTS = {"met": 1.0, "partial": 0.5, "missing": 0.0}


def write_docs(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in DOCS]


def review(paths: list[str]) -> Report:
    return review_paths(paths, load(), ReviewOptions())


def line_of(path: str, text: str) -> int:
    """The 1-based line of ``path`` that holds ``text``."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


def portfolio_for(report: Report, *, baseline: bool = True) -> Portfolio:
    """The portfolio object a review of these documents gets, built to the contract."""
    reviewed = [r for r in report.results if not r.error]
    files = [PortfolioFile(r.path, r.kind or "", r.score,
                           {c.id: c.verdict.value for c in r.criteria}) for r in reviewed]
    matrices: dict[str, KindMatrix] = {}
    for result in reviewed:
        matrix = matrices.setdefault(result.kind or "", KindMatrix(
            [c.id for c in result.criteria], {}))
        matrix.files[result.path] = {c.id: c.verdict.value for c in result.criteria}
    scores = [f.score for f in files if f.score is not None]
    score = round(sum(scores) / len(scores)) if scores else None
    return Portfolio(
        files=files, score=score, criteria=matrices,
        competencies=[_competency(i, n, reviewed) for i, n in COMPETENCIES],
        findings=[_team_size(reviewed)], changes=_changes(reviewed, score) if baseline else None)


def _competency(cid: str, name: str, reviewed: list[Review]) -> Competency:
    kind = EVIDENCE_KIND[cid]
    evidence = [CompetencyEvidence(r.path, r.kind, c.id, c.verdict.value)
                for r in reviewed if r.kind == kind for c in r.criteria]
    if not evidence:
        return Competency(cid, name, "none", None, [], gap=f"Nothing shows {name.lower()} yet.",
                          next="Write a manager update that shows how you keep people informed.")
    score = sum(POINTS[e.verdict] for e in evidence) / len(evidence)
    strength = "strong" if score >= 0.75 else "some" if score > 0 else "none"
    return Competency(cid, name, strength, round(score, 2), evidence,
                      gap=None if strength == "strong" else f"{name} is only partly shown.",
                      next=None if strength == "strong" else f"Add a {kind} that shows it.")


def _team_size(reviewed: list[Review]) -> PortfolioFinding:
    case = next(r.path for r in reviewed if r.path.endswith("shared-carts.md"))
    plan = next(r.path for r in reviewed if r.path.endswith("roadmap.md"))
    return PortfolioFinding(
        id="team-size", project="shared carts",
        message="The documents disagree on the team size of the shared carts project.",
        suggestion="Use one team size everywhere, or say what each figure counts.",
        spans=[Span(case, line_of(case, "a team of 4"), line_of(case, "a team of 4"),
                    "a team of 4 engineers"),
               Span(plan, line_of(plan, "nine engineers"), line_of(plan, "nine engineers"),
                    "nine engineers")])


def _changes(reviewed: list[Review], score: int | None) -> Changes:
    first, second = reviewed[0], reviewed[1]
    criterion = first.criteria[0]
    before = "missing" if criterion.verdict.value != "missing" else "met"
    change: Literal["improved", "regressed"] = (
        "improved" if before == "missing" else "regressed")
    files = [FileChange(first.path, "changed", BeforeAfter((first.score or 0) // 2, first.score),
                        [CriterionChange(criterion.id, before, criterion.verdict.value,
                                         change)]),
             FileChange(second.path, "same", BeforeAfter(second.score, second.score)),
             FileChange("old-notes.md", "removed", BeforeAfter(40, None))]
    return Changes("HEAD~3", BeforeAfter((score or 0) // 2, score), int(change == "improved"),
                   int(change == "regressed"), files)
