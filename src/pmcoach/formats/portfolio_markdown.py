"""The portfolio section of the markdown report: the same as the text one, as tables, plus
the criterion-by-document matrix."""

from __future__ import annotations

from collections import Counter

from ..portfolio.model import Competency, KindMatrix, Portfolio, PortfolioFinding
from .markdown import cell

_VERDICT = {"met": "✅", "partial": "⚠️", "missing": "❌"}
_STRENGTH = {"strong": "✅ strong", "some": "⚠️ some", "none": "❌ none"}
_SEVERITY = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}


def portfolio_markdown(portfolio: Portfolio) -> list[str]:
    score = f"**{portfolio.score}/100**" if portfolio.score is not None else "no score"
    out = ["", "### Portfolio", "",
           f"{len(portfolio.files)} documents, portfolio score {score} (the mean of their "
           "scores).", "", "**Competencies**", "",
           "| Competency | Strength | Score | Evidence | Gap | Next |",
           "| --- | --- | ---: | --- | --- | --- |"]
    out += [_competency(c) for c in portfolio.competencies]
    out += ["", "**Criteria by document**"]
    reviewed = {f.path: f.verdicts for f in portfolio.files}
    for kind, matrix in portfolio.criteria.items():
        out += ["", f"`{kind}`", "", *_matrix(matrix, reviewed)]
    if portfolio.findings:
        out += ["", "**Across documents**", ""]
    for finding in portfolio.findings:
        out += _finding(finding)
    return out


def _competency(competency: Competency) -> str:
    score = f"{competency.score:.2f}" if competency.score is not None else "–"
    by_path: dict[str, Counter[str]] = {}
    for e in competency.evidence:
        by_path.setdefault(e.path, Counter())[e.verdict] += 1
    evidence = "<br>".join(
        f"`{cell(path)}`: " + ", ".join(f"{n} {v}" for v in ("met", "partial", "missing")
                                        if (n := counts[v]))
        for path, counts in by_path.items()) or "none"
    return (f"| {competency.name} | {_STRENGTH[competency.strength]} | {score} | {evidence} | "
            f"{cell(competency.gap or '')} | {cell(competency.next or '')} |")


def _matrix(matrix: KindMatrix, reviewed: dict[str, dict[str, str]]) -> list[str]:
    """One row per document, one column per criterion (rubric order). A verdict a
    cross-file finding lowered is marked; a criterion turned off for the file is 🔕."""
    out = ["| Document | " + " | ".join(f"`{c}`" for c in matrix.criteria) + " |",
           "| --- |" + " :---: |" * len(matrix.criteria)]
    for path, verdicts in matrix.files.items():
        cells = []
        for criterion in matrix.criteria:
            verdict = verdicts.get(criterion)
            mark = _VERDICT[verdict] if verdict else "🔕"
            if verdict and verdict != reviewed.get(path, {}).get(criterion, verdict):
                mark += " (across documents)"
            cells.append(mark)
        out.append(f"| `{cell(path)}` | " + " | ".join(cells) + " |")
    return out


def _finding(finding: PortfolioFinding) -> list[str]:
    about = f"{finding.id}, {finding.project}" if finding.project else finding.id
    out = [f"- {_SEVERITY[finding.severity]} `{finding.criterion}` ({cell(about)}): "
           f"{cell(finding.message)}"]
    out += [f"  - `{cell(span.path)}` line {span.line}: > {cell(span.quote)}"
            for span in finding.spans]
    if finding.suggestion:
        out.append(f"  - → {cell(finding.suggestion)}")
    return out
