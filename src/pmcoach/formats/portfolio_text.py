"""The portfolio section of the text report: score, competency map, cross-file findings."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from ..portfolio.model import Competency, Portfolio, PortfolioFinding
from ..review import Report
from .changes import changes_of, regression_lines

Style = Callable[..., str]

_STRENGTH = {"strong": ("✓", "green"), "some": ("~", "yellow"), "none": ("✗", "red")}
_SEVERITY = {"error": "red", "warning": "yellow", "info": "blue"}
_QUOTE_WIDTH = 90
#: Documents named on a competency's line; the rest are counted.
_LISTED = 3


def portfolio_section(portfolio: Portfolio, style: Style) -> str:
    """The block printed after the files of a run that reviewed two or more documents."""
    score = f"{portfolio.score}/100" if portfolio.score is not None else "no score"
    lines = [f"{style('Portfolio', bold=True)}  {len(portfolio.files)} documents  "
             f"score {style(score, bold=True)}",
             "  Competencies"]
    width = max(len(c.name) for c in portfolio.competencies) if portfolio.competencies else 0
    for competency in portfolio.competencies:
        lines += _competency(competency, width, style)
    if portfolio.findings:
        lines.append("  Across documents")
    for finding in portfolio.findings:
        lines += finding_lines(finding, style)
    return "\n".join(lines)


def compact_portfolio_section(portfolio: Portfolio, style: Style) -> str:
    """The default report's short form: score and competencies on one line, then each
    cross-file finding with every place involved."""
    score = f"{portfolio.score}/100" if portfolio.score is not None else "no score"
    by_strength = {strength: [c.name for c in portfolio.competencies if c.strength == strength]
                   for strength in _STRENGTH}
    shown = "; ".join(f"{strength}: {', '.join(names)}"
                      for strength, names in by_strength.items() if names)
    lines = [f"{style('Portfolio', bold=True)}: {len(portfolio.files)} documents, score {score}. "
             f"Competencies {shown or 'none'} (-v for gaps and what to write next)."]
    for finding in portfolio.findings:
        lines += finding_lines(finding, style)
    return "\n".join(lines)


def _competency(competency: Competency, width: int, style: Style) -> list[str]:
    mark, colour = _STRENGTH[competency.strength]
    label = style(f"{mark} {competency.strength:<6}", fg=colour)
    score = f"{competency.score:.2f}" if competency.score is not None else "  – "
    documents = list(dict.fromkeys(e.path for e in competency.evidence))
    where = ", ".join(documents[:_LISTED]) if documents else "no document"
    if len(documents) > _LISTED:
        where += f" and {len(documents) - _LISTED} more"
    lines = [f"    {label} {competency.name:<{width}}  {score}  {style(where, dim=True)}"]
    if competency.gap:
        lines.append(f"        {competency.gap}")
    if competency.next:
        lines.append(f"        {style('→', fg='cyan')} {competency.next}")
    return lines


def finding_lines(finding: PortfolioFinding, style: Style) -> list[str]:
    """A cross-file finding: what disagrees, then every place involved as path:line."""
    severity = style(finding.severity, fg=_SEVERITY[finding.severity], bold=True)
    about = f"{finding.id}, {finding.project}" if finding.project else finding.id
    out = [f"    {severity} [{finding.criterion}] ({about}) {finding.message}"]
    for span in finding.spans:
        quote = textwrap.shorten(" ".join(span.quote.split()), _QUOTE_WIDTH, placeholder=" …")
        out.append(f"      {span.path}:{span.line}: {style(quote, dim=True)}")
    if finding.suggestion:
        out.append(f"      {style('→', fg='cyan')} {finding.suggestion}")
    return out


def quiet_lines(portfolio: Portfolio) -> list[str]:
    """``-q``: one line per cross-file finding, at its first place, naming the others."""
    out = []
    for finding in portfolio.findings:
        places = [f"{s.path}:{s.line}" for s in finding.spans] or ["portfolio"]
        where, others = places[0], places[1:]
        also = f" (also {', '.join(others)})" if others else ""
        out.append(f"{where}: {finding.severity} [{finding.criterion}] {finding.message}{also}")
    return out


def quiet_tail(report: Report, style: Style) -> list[str]:
    """``-q``'s lines after the files': the cross-file findings, then what regressed."""
    changes = changes_of(report)
    return ((quiet_lines(report.portfolio) if report.portfolio else [])
            + (regression_lines(changes, style) if changes else []))
