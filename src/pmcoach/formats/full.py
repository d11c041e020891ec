"""The long terminal report: every criterion's verdict in a table, then the findings with
their quotes and whole suggestions (``--format full``, or ``-v`` with the text format)."""

from __future__ import annotations

import textwrap

from ..review import CriterionResult, Detection, Finding, Report, Review, Verdict
from .changes import changes_of, portfolio_of, text_section
from .portfolio_text import portfolio_section, quiet_tail
from .terminal import Style, finding_line, styler, totals

_VERDICT = {Verdict.MET: ("✓", "green"), Verdict.PARTIAL: ("~", "yellow"),
            Verdict.MISSING: ("✗", "red")}
_QUOTE_WIDTH = 90


class FullFormatter:
    name = "full"
    description = ("Per file: every criterion's verdict in a table, then each finding with "
                   "its quote and whole suggestion.")

    def render(self, report: Report, *, color: bool, verbosity: int = 0) -> str:
        """``verbosity`` -1 (``-q``): findings and errors only; 1 (``-v``): evidence too."""
        style = styler(color)
        if verbosity < 0:
            return "\n".join([line for r in report.results for line in _quiet(r, style)]
                             + quiet_tail(report, style))
        blocks = [_review(r, style, verbosity) for r in report.results]
        if report.skipped:
            blocks.append("\n".join(
                [style(f"Skipped {len(report.skipped)} file(s): not PM documents", dim=True)]
                + [f"  {s.path}: looks like {s.looks_like}"
                   for s in report.skipped]))
        if (portfolio := portfolio_of(report)) is not None:
            blocks.append(portfolio_section(portfolio, style))
        if (changes := changes_of(report)) is not None:  # --baseline
            blocks.append(text_section(changes, style))
        if len(report.results) + len(report.skipped) > 1:
            blocks.append(style(totals(report), bold=True))
        return "\n\n".join(blocks)


def _quiet(review: Review, style: Style) -> list[str]:
    if review.error:
        return [f"{review.path}: {style('could not review:', fg='red')} {review.error.message}"]
    return [line.strip() if i == 0 else line for finding in review.findings
            for i, line in enumerate(_finding(review.path, finding, style))]


def _review(review: Review, style: Style, verbosity: int = 0) -> str:
    if review.error:
        return f"{style(review.path, bold=True)}\n  {style('could not review:', fg='red')} " \
               f"{review.error.message}"
    lines = [f"{style(review.path, bold=True)}  {review.kind} ({_how(review.detection)})  "
             f"score {style(str(review.score), bold=True)}/100"]
    if review.detection and review.detection.uncertain:
        lines.append(style(f"  kind uncertain: add '{review.detection.settle}' (or the right "
                           "kind) to the front matter to settle it", fg="yellow"))
    width = max(len(c.id) for c in review.criteria) if review.criteria else 0
    for result in review.criteria:
        lines.append(_criterion(result, width, style))
        if verbosity > 0 and not result.suppressed:
            lines.extend(f"      {style(f'line {e.line}:', dim=True)} "
                         f"{textwrap.shorten(' '.join(e.quote.split()), _QUOTE_WIDTH)}"
                         for e in result.evidence)
    if review.findings:
        lines.append("")
    for finding in review.findings:
        lines.extend(_finding(review.path, finding, style))
    lines.append("")
    lines.append(review.summary)
    return "\n".join(lines)


def _how(detection: Detection | None) -> str:
    """How the kind was decided; a wrong guess is cheap to spot when the others are shown."""
    if detection is None:
        return ""
    how = f"{detection.source}, {detection.confidence:.0%}"
    others = detection.runners_up if detection.uncertain else detection.close
    if others:
        how += "; could also be " + ", ".join(f"{c.kind} {c.confidence:.0%}" for c in others)
    return how


def _criterion(result: CriterionResult, width: int, style: Style) -> str:
    if result.suppressed:
        where = f"comment on line {result.suppressed.line}" if result.suppressed.line \
            else "config"
        label = style("- suppressed", dim=True)
        return f"  {label} {result.id:<{width}}  ({where}: {result.suppressed.reason})"
    mark, colour = _VERDICT[result.verdict]
    verdict = style(f"{mark} {result.verdict.value:<7}", fg=colour)
    message = "" if result.verdict is Verdict.MET else f"  {result.message}"
    return f"  {verdict} {result.id:<{width}}{message}".rstrip()


def _finding(path: str, finding: Finding, style: Style) -> list[str]:
    out = [f"  {finding_line(path, finding, style)}"]
    if finding.quote:
        quote = textwrap.shorten(" ".join(finding.quote.split()), _QUOTE_WIDTH, placeholder=" …")
        out.append(f"      > {style(quote, dim=True)}")
    if finding.suggestion:
        out.append(f"      {style('→', fg='cyan')} {finding.suggestion}")
    return out
