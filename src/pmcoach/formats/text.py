"""The report as a person reads it in a terminal."""

from __future__ import annotations

import textwrap

import click

from ..review import CriterionResult, Finding, Report, Review, Severity, Verdict

_VERDICT = {Verdict.MET: ("✓", "green"), Verdict.PARTIAL: ("~", "yellow"),
            Verdict.MISSING: ("✗", "red")}
_SEVERITY = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_QUOTE_WIDTH = 90


class TextFormatter:
    name = "text"
    description = "Readable feedback per file: verdicts, findings with lines, suggestions."

    def render(self, report: Report, *, color: bool) -> str:
        def style(text: str, **kwargs: object) -> str:
            return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

        blocks = [_review(r, style) for r in report.results]
        return "\n\n".join(blocks)


def _review(review: Review, style) -> str:  # type: ignore[no-untyped-def]
    if review.error:
        return f"{style(review.path, bold=True)}\n  {style('could not review:', fg='red')} " \
               f"{review.error.message}"
    detection = review.detection
    how = f"{detection.source}, {detection.confidence:.0%}" if detection else ""
    lines = [f"{style(review.path, bold=True)}  {review.kind} ({how})  "
             f"score {style(str(review.score), bold=True)}/100"]
    width = max(len(c.id) for c in review.criteria) if review.criteria else 0
    for result in review.criteria:
        lines.append(_criterion(result, width, style))
    if review.findings:
        lines.append("")
    for finding in review.findings:
        lines.extend(_finding(review.path, finding, style))
    lines.append("")
    lines.append(review.summary)
    return "\n".join(lines)


def _criterion(result: CriterionResult, width: int, style) -> str:  # type: ignore[no-untyped-def]
    mark, colour = _VERDICT[result.verdict]
    verdict = style(f"{mark} {result.verdict.value:<7}", fg=colour)
    message = "" if result.verdict is Verdict.MET else f"  {result.message}"
    return f"  {verdict} {result.id:<{width}}{message}".rstrip()


def _finding(path: str, finding: Finding, style) -> list[str]:  # type: ignore[no-untyped-def]
    where = f"{path}:{finding.line}" if finding.line else path
    severity = style(finding.severity.value, fg=_SEVERITY[finding.severity], bold=True)
    out = [f"  {where}: {severity} [{finding.criterion}] {finding.message}"]
    if finding.quote:
        quote = textwrap.shorten(" ".join(finding.quote.split()), _QUOTE_WIDTH, placeholder=" …")
        out.append(f"      > {style(quote, dim=True)}")
    if finding.suggestion:
        out.append(f"      {style('→', fg='cyan')} {finding.suggestion}")
    return out
