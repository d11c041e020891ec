"""The report as GitHub-flavoured markdown, ready to paste as a pull-request comment."""

from __future__ import annotations

from ..review import CriterionResult, Report, Review, Severity, Verdict
from .changes import changes_of, markdown_section, portfolio_of

_VERDICT = {Verdict.MET: "✅ met", Verdict.PARTIAL: "⚠️ partial", Verdict.MISSING: "❌ missing"}
_SEVERITY = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}


def cell(text: str) -> str:
    """Text safe inside a table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


class MarkdownFormatter:
    name = "markdown"
    description = "Markdown for a pull-request comment: a summary table, then details per file."

    def render(self, report: Report, *, color: bool) -> str:
        out = ["## pmcoach review", ""]
        if not report.results:
            out.append("No documents to review.")
            out += _skipped(report)
            return "\n".join(out)
        out += ["| File | Kind | Score | Errors | Warnings |", "| --- | --- | ---: | ---: | ---: |"]
        for review in report.results:
            if review.error:
                out.append(f"| `{cell(review.path)}` | could not review | | | |")
                continue
            counts = {s: sum(1 for f in review.findings if f.severity is s) for s in Severity}
            out.append(f"| `{cell(review.path)}` | {review.kind} | {review.score}/100 | "
                       f"{counts[Severity.ERROR]} | {counts[Severity.WARNING]} |")
        for review in report.results:
            out += ["", *_details(review)]
        out += _skipped(report)
        if (portfolio := portfolio_of(report)) is not None:
            from .portfolio_markdown import portfolio_markdown  # it uses this module's cell()

            out += portfolio_markdown(portfolio)
        changes = changes_of(report)
        if changes is not None:  # --baseline
            out += ["", *markdown_section(changes)]
        return "\n".join(out)


def _skipped(report: Report) -> list[str]:
    if not report.skipped:
        return []
    return ["", f"Skipped {len(report.skipped)} file(s) that are not PM documents:", ""] + [
        f"- `{cell(s.path)}`: looks like {cell(s.looks_like)}"
        for s in report.skipped]


def _details(review: Review) -> list[str]:
    if review.error:
        return [f"**`{review.path}`** could not be reviewed: {review.error.message}"]
    failing = any(f.severity is Severity.ERROR for f in review.findings)
    out = [f"<details{' open' if failing else ''}>",
           f"<summary><b>{review.path}</b>: {review.kind}, score {review.score}/100</summary>",
           ""]
    detection = review.detection
    if detection and detection.uncertain:
        others = ", ".join(f"{c.kind} {c.confidence:.0%}" for c in detection.runners_up)
        could = f"; could also be {others}" if others else ""
        out += [f"Kind uncertain ({detection.confidence:.0%}{could}): add "
                f"`{detection.settle}` to the front matter to settle it.", ""]
    out += ["| Criterion | Verdict | Notes |", "| --- | --- | --- |"]
    out += [_row(result) for result in review.criteria]
    if review.findings:
        out += ["", "**What to fix**", ""]
    for finding in review.findings:
        where = f"line {finding.line}" if finding.line else "whole document"
        out.append(f"- {_SEVERITY[finding.severity]} `{finding.criterion}` ({where}): "
                   f"{cell(finding.message)}")
        if finding.quote:
            out.append(f"  > {cell(finding.quote)}")
        if finding.suggestion:
            out.append(f"  <br>→ {cell(finding.suggestion)}")
    out += ["", review.summary, "", "</details>"]
    return out


def _row(result: CriterionResult) -> str:
    if result.suppressed:
        source = "comment" if result.suppressed.source == "comment" else "config"
        return (f"| `{result.id}` | 🔕 suppressed | {cell(result.suppressed.reason)} "
                f"({source}) |")
    notes = "" if result.verdict is Verdict.MET else cell(result.message)
    return f"| `{result.id}` | {_VERDICT[result.verdict]} | {notes} |"
