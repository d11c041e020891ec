"""What the two terminal formats (text and full) share: styling, a finding's first line,
and the line a run over several files ends with."""

from __future__ import annotations

from collections.abc import Callable

import click

from ..review import Finding, Report, Severity

#: ``style(text, fg=..., bold=...)``: click.style when colour is on, the text as is otherwise.
Style = Callable[..., str]

SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def styler(color: bool) -> Style:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]
    return style


def finding_line(path: str, finding: Finding, style: Style) -> str:
    """``path:LINE: severity [criterion] message`` (the path alone when there is no line):
    the form editors and terminals turn into a link to the line."""
    where = f"{path}:{finding.line}" if finding.line else path
    severity = style(finding.severity.value, fg=SEVERITY_COLOUR[finding.severity], bold=True)
    return f"{where}: {severity} [{finding.criterion}] {finding.message}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def totals(report: Report) -> str:
    """The one line a folder run ends with."""
    reviewed = [r for r in report.results if not r.error]
    clean = sum(1 for r in reviewed if not any(f.severity.rank >= 2 for f in r.findings))
    findings = [f for r in reviewed for f in r.findings]
    counts = ", ".join(plural(sum(1 for f in findings if f.severity.value == level), level)
                       for level in ("error", "warning"))
    parts = [f"{plural(len(reviewed), 'file')} reviewed: {clean} without warnings or errors "
             f"({counts})"]
    if report.skipped:
        parts.append(f"{len(report.skipped)} skipped")
    failed = len(report.results) - len(reviewed)
    if failed:
        parts.append(f"{failed} could not be reviewed")
    return "; ".join(parts) + "."
