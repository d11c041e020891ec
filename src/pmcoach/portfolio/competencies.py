"""The competency map: how strongly a portfolio evidences each senior-PM competency.

Evidence is every verdict, in every reviewed document, on a criterion whose kind file says
it evidences the competency (the criterion's ``competencies`` key). The rule (docs/portfolio.md):

* **none**: no document evidences it, or every evidencing criterion is missing;
* **strong**: some evidencing criterion is met and the mean (met 1, partial .5, missing 0)
  is at least two thirds;
* **some**: anything in between.

A competency short of strong gets a gap (what is not shown, naming criteria and files) and
the next document to write for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..rubric import Rubric
from .model import Competency, CompetencyEvidence, KindMatrix, Strength

POINTS = {"met": 1.0, "partial": 0.5, "missing": 0.0}
#: The mean at or above which a competency with a met criterion is strong.
STRONG = 2 / 3
#: Documents (and criteria per document) named in a gap; the rest are counted.
_NAMED = 3


@dataclass(frozen=True, slots=True)
class CompetencyInfo:
    """One competency as competencies.yaml describes it."""

    id: str
    name: str
    shows: str  # what it looks like on the page
    kind: str  # the kind of document that shows it best
    next: str  # that document, described by what it must show


@lru_cache(maxsize=1)
def competencies() -> tuple[CompetencyInfo, ...]:
    """The seven competencies, in report order (read once, only when a portfolio is built)."""
    text = resources.files(__package__).joinpath("competencies.yaml").read_text("utf-8")
    return tuple(CompetencyInfo(**entry) for entry in yaml.safe_load(text))


def competency_map(matrix: Mapping[str, KindMatrix], rubrics: Mapping[str, Rubric]
                   ) -> list[Competency]:
    """Every competency, with its evidence in the portfolio, strength, gap and next step."""
    return [_competency(info, matrix, rubrics) for info in competencies()]


def evidence_for(competency: str, matrix: Mapping[str, KindMatrix],
                 rubrics: Mapping[str, Rubric]) -> list[CompetencyEvidence]:
    """The verdicts that evidence ``competency``: file order, then rubric order. A criterion
    left out of a file's row (turned off for it) is not evidence."""
    found = []
    for kind, kind_matrix in matrix.items():
        rubric = rubrics.get(kind)
        if rubric is None:
            continue
        ids = [c.id for c in rubric.criteria if competency in c.competencies]
        for path, verdicts in kind_matrix.files.items():
            found += [CompetencyEvidence(path=path, kind=kind, criterion=c, verdict=verdicts[c])
                      for c in ids if c in verdicts]
    return found


def strength(evidence: Sequence[CompetencyEvidence]) -> tuple[Strength, float | None]:
    """The strength and mean score of a competency's evidence (None: no evidence)."""
    if not evidence:
        return "none", None
    score = sum(POINTS[e.verdict] for e in evidence) / len(evidence)
    if score == 0:
        return "none", score
    if score >= STRONG and any(e.verdict == "met" for e in evidence):
        return "strong", score
    return "some", score


def _competency(info: CompetencyInfo, matrix: Mapping[str, KindMatrix],
                rubrics: Mapping[str, Rubric]) -> Competency:
    evidence = evidence_for(info.id, matrix, rubrics)
    level, score = strength(evidence)
    competency = Competency(id=info.id, name=info.name, strength=level,
                            score=None if score is None else round(score, 2),
                            evidence=evidence)
    if level != "strong":
        competency.gap = _gap(info, level, evidence, rubrics)
        competency.next = _next(info, evidence, matrix, rubrics)
    return competency


def _gap(info: CompetencyInfo, level: Strength, evidence: Sequence[CompetencyEvidence],
         rubrics: Mapping[str, Rubric]) -> str:
    if not evidence:
        kinds = _evidencing_kinds(info.id, rubrics)
        if not kinds:
            return f"No document shows {info.shows}, and no installed kind of document " \
                   "evidences it."
        titles = _either([_title(rubrics[k]) for k in kinds])
        return f"No document shows {info.shows}: the portfolio has no {titles}."
    weak = _weak_points(evidence)
    if level == "none":
        return f"No document shows {info.shows}. {weak}."
    return f"Shown only in part. {weak}."


def _next(info: CompetencyInfo, evidence: Sequence[CompetencyEvidence],
          matrix: Mapping[str, KindMatrix], rubrics: Mapping[str, Rubric]) -> str | None:
    """The best kind's document when the portfolio has none; else revise the weakest one."""
    if info.kind not in matrix and info.kind in rubrics:
        return info.next
    weakest = min(evidence, key=lambda e: POINTS[e.verdict], default=None)
    if weakest is None:
        kinds = _evidencing_kinds(info.id, rubrics)
        if not kinds:
            return None
        # The best kind is not installed: describe an installed one by its criteria.
        rubric = rubrics[kinds[0]]
        wanted = [c.title.lower() for c in rubric.criteria if info.id in c.competencies]
        return f"Write a document of kind {rubric.kind} ({_title(rubric)}) showing " \
               f"{_both(wanted)}."
    met_means = rubrics[weakest.kind].get(weakest.criterion).description.rstrip(". ")
    return (f"Revise {weakest.path} ({_title(rubrics[weakest.kind])}) so "
            f"{weakest.criterion} is met: {met_means[:1].lower()}{met_means[1:]}.")


def _weak_points(evidence: Sequence[CompetencyEvidence]) -> str:
    """Per document, what falls short: 'a.md: vision and roadmap missing, alternatives
    partial. b.md: ...' (the weakest documents first, at most three named)."""
    short: dict[str, dict[str, list[str]]] = {}
    for verdict in ("missing", "partial"):
        for e in evidence:
            if e.verdict == verdict:
                short.setdefault(e.path, {"missing": [], "partial": []})[verdict].append(
                    e.criterion)
    sentences = [f"{path}: " + ", ".join(f"{_some(ids)} {verdict}"
                                         for verdict, ids in by_verdict.items() if ids)
                 for path, by_verdict in list(short.items())[:_NAMED]]
    more = len(short) - _NAMED
    if more > 0:
        sentences.append(f"{more} more document{'s fall' if more > 1 else ' falls'} short too")
    return ". ".join(sentences)


def _some(ids: Sequence[str]) -> str:
    """At most three criteria by name, the rest counted."""
    if len(ids) <= _NAMED:
        return _both(ids)
    return f"{', '.join(ids[:_NAMED])} and {len(ids) - _NAMED} more"


def _evidencing_kinds(competency: str, rubrics: Mapping[str, Rubric]) -> list[str]:
    return [kind for kind, rubric in rubrics.items()
            if any(competency in c.competencies for c in rubric.criteria)]


def _title(rubric: Rubric) -> str:
    """A kind's title inside a sentence: 'Manager update' -> 'manager update'."""
    title = rubric.title
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def _both(items: Sequence[str]) -> str:
    return _join(items, "and")


def _either(items: Sequence[str]) -> str:
    return _join(items, "or")


def _join(items: Sequence[str], word: str) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
