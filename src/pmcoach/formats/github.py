"""GitHub Actions workflow commands: findings become annotations on the pull request.

See https://docs.github.com/actions/reference/workflow-commands-for-github-actions.
"""

from __future__ import annotations

from ..portfolio.model import PortfolioFinding
from ..review import Finding, Report, Review, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    # The message part: %, CR and LF must be escaped or the command is cut short.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    # Property values additionally may not hold the ':' and ',' that delimit them.
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter:
    name = "github"
    description = "GitHub Actions annotations (::error file=...,line=...::) for CI logs."

    def render(self, report: Report, *, color: bool) -> str:
        lines = [line for review in report.results for line in _review(review)]
        if report.portfolio is not None:
            lines += [_cross_file(finding) for finding in report.portfolio.findings]
        lines += [f"::notice file={_prop(s.path)},title=pmcoach::" + _data(
            "skipped: not a PM document (looks like "
            f"{s.looks_like})") for s in report.skipped]
        errors = sum(1 for r in report.results for f in r.findings
                     if f.severity is Severity.ERROR)
        warnings = sum(1 for r in report.results for f in r.findings
                       if f.severity is Severity.WARNING)
        failed = sum(1 for r in report.results if r.error)
        lines.append(f"pmcoach: {len(report.results)} file(s) reviewed, {errors} error(s), "
                     f"{warnings} warning(s), {failed} could not be reviewed, "
                     f"{len(report.skipped)} skipped as not PM documents")
        return "\n".join(lines)


def _review(review: Review) -> list[str]:
    if review.error:
        return [f"::error file={_prop(review.path)},title=pmcoach::"
                f"{_data('could not review: ' + review.error.message)}"]
    out = [_annotation(review, finding) for finding in review.findings]
    detection = review.detection
    if detection and detection.uncertain:
        out.append(f"::notice file={_prop(review.path)},title=pmcoach::" + _data(
            f"reviewed as {review.kind}, but the kind is uncertain; add '{detection.settle}' "
            "to the front matter to settle it"))
    return out


def _annotation(review: Review, finding: Finding) -> str:
    props = [f"file={_prop(review.path)}"]
    if finding.line:
        props.append(f"line={finding.line}")
        props.append(f"endLine={finding.end_line or finding.line}")
    props.append(f"title={_prop(f'pmcoach {review.kind}: {finding.criterion}')}")
    message = finding.message
    if finding.suggestion:
        message += f"\n→ {finding.suggestion}"
    return f"::{_LEVEL[finding.severity]} {','.join(props)}::{_data(message)}"


def _cross_file(finding: PortfolioFinding) -> str:
    """A finding across documents, annotated at its first place and naming the others."""
    props = []
    if finding.spans:
        first = finding.spans[0]
        props += [f"file={_prop(first.path)}", f"line={first.line}", f"endLine={first.end_line}"]
    props.append(f"title={_prop(f'pmcoach portfolio: {finding.criterion}')}")
    message = finding.message
    if len(finding.spans) > 1:
        message += " (also " + ", ".join(f"{s.path}:{s.line}" for s in finding.spans[1:]) + ")"
    if finding.suggestion:
        message += f"\n→ {finding.suggestion}"
    return f"::{_LEVEL[Severity(finding.severity)]} {','.join(props)}::{_data(message)}"
