"""The report as a person reads it in a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import click

from ..review import CriterionResult, Detection, Finding, Report, Review, Severity, Verdict

_VERDICT = {Verdict.MET: ("✓", "green"), Verdict.PARTIAL: ("~", "yellow"),
            Verdict.MISSING: ("✗", "red")}
_SEVERITY = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_QUOTE_WIDTH = 90


class TextFormatter:
    name = "text"
    description = "Readable feedback per file: verdicts, findings with lines, suggestions."

    def render(self, report: Report, *, color: bool, verbosity: int = 0) -> str:
        """``verbosity`` -1 (``-q``): findings and errors only; 1 (``-v``): evidence too."""
        return "".join(self.stream(report, report.results, color=color, verbosity=verbosity))

    def stream(self, report: Report, reviews: Iterable[Review], *, color: bool,
               verbosity: int = 0) -> Iterator[str]:
        """:meth:`render` in pieces: each review's as it comes, then the skipped files and
        the totals (``report`` is read once ``reviews`` is exhausted)."""

        def style(text: str, **kwargs: object) -> str:
            return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

        counts = _Counts()
        for review in reviews:
            counts.add(review)
            if verbosity < 0:
                lines = _quiet(review, style)
                if lines:
                    yield ("\n" if counts.written else "") + "\n".join(lines)
                    counts.written += 1
                continue
            yield ("\n\n" if counts.written else "") + _review(review, style, verbosity)
            counts.written += 1
        if verbosity < 0:
            return
        blocks = []
        if report.skipped:
            blocks.append("\n".join(
                [style(f"Skipped {len(report.skipped)} file(s): not PM documents", dim=True)]
                + [f"  {s.path}: looks like {s.looks_like}"
                   for s in report.skipped]))
        if counts.files + len(report.skipped) > 1:
            blocks.append(style(counts.totals(len(report.skipped)), bold=True))
        for block in blocks:
            yield ("\n\n" if counts.written else "") + block
            counts.written += 1


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass
class _Counts:
    """What the closing line counts, gathered as reviews go by."""

    files: int = 0
    failed: int = 0
    clean: int = 0
    errors: int = 0
    warnings: int = 0
    #: Pieces written so far (the next one starts with a separator).
    written: int = 0

    def add(self, review: Review) -> None:
        self.files += 1
        if review.error:
            self.failed += 1
            return
        self.clean += not any(f.severity.rank >= 2 for f in review.findings)
        self.errors += sum(1 for f in review.findings if f.severity is Severity.ERROR)
        self.warnings += sum(1 for f in review.findings if f.severity is Severity.WARNING)

    def totals(self, skipped: int) -> str:
        """The one line a folder run ends with."""
        counts = f"{_plural(self.errors, 'error')}, {_plural(self.warnings, 'warning')}"
        parts = [f"{_plural(self.files - self.failed, 'file')} reviewed: {self.clean} without "
                 f"warnings or errors ({counts})"]
        if skipped:
            parts.append(f"{skipped} skipped")
        if self.failed:
            parts.append(f"{self.failed} could not be reviewed")
        return "; ".join(parts) + "."


def _quiet(review: Review, style) -> list[str]:  # type: ignore[no-untyped-def]
    if review.error:
        return [f"{review.path}: {style('could not review:', fg='red')} {review.error.message}"]
    return [line.strip() if i == 0 else line for finding in review.findings
            for i, line in enumerate(_finding(review.path, finding, style))]


def _review(review: Review, style, verbosity: int = 0) -> str:  # type: ignore[no-untyped-def]
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


def _criterion(result: CriterionResult, width: int, style) -> str:  # type: ignore[no-untyped-def]
    if result.suppressed:
        where = f"comment on line {result.suppressed.line}" if result.suppressed.line \
            else "config"
        label = style("- suppressed", dim=True)
        return f"  {label} {result.id:<{width}}  ({where}: {result.suppressed.reason})"
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
