"""The default terminal report, short enough for a pre-commit hook: per file one verdict
line, then one line per finding (``path:LINE: severity [criterion] message``) with the
first sentence of its suggestion under it. ``-v`` gives the full report (full.py)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TypeVar

from ..review import Finding, Report, Review
from .changes import changes_of, portfolio_of, text_section
from .full import FullFormatter
from .portfolio_text import compact_portfolio_section, quiet_tail
from .terminal import Style, finding_line, styler, totals

#: Where a suggestion's first sentence ends: a stop, then a capital or an opening quote
#: (so "e.g. a" and "4.5" do not end it).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
#: A suggestion with no sentence end is cut here: the hint line stays about one line.
_HINT_WIDTH = 200
T = TypeVar("T")


class TextFormatter:
    name = "text"
    description = ("Compact (the default): per file a verdict line, then a line per finding "
                   "with the first sentence of its suggestion; -v shows the full report.")

    def render(self, report: Report, *, color: bool, verbosity: int = 0) -> str:
        """``verbosity`` -1 (``-q``): finding and error lines only; 1 (``-v``): the full
        report, criterion table and evidence included."""
        if verbosity > 0:
            return FullFormatter().render(report, color=color, verbosity=verbosity)
        return "".join(self.stream(report, report.results, color=color, verbosity=verbosity))

    def stream(self, report: Report, reviews: Iterable[Review], *, color: bool,
               verbosity: int = 0) -> Iterator[str]:
        """The compact report in pieces, a file's as its review comes (the same text once
        joined); what follows the files is read from ``report`` once ``reviews`` is done."""
        style = styler(color)
        if verbosity < 0:
            lines = chain((line for r in reviews for line in _quiet(r, style)),
                          _later(lambda: quiet_tail(report, style)))
        else:
            lines = chain(_stack(chain((_review(r, style) for r in reviews),
                                       _later(lambda: _skipped(report, style)))),
                          _later(lambda: _after_files(report, style)))
        for i, line in enumerate(lines):
            yield line if i == 0 else "\n" + line


def _later(make: Callable[[], Iterable[T]]) -> Iterator[T]:
    """``make()``'s items, made only when reached: after the reviews are all out."""
    yield from make()


def _skipped(report: Report, style: Style) -> list[list[str]]:
    return [[style(f"{s.path}: looks like {s.looks_like}: skipped, not a PM document",
                   dim=True)] for s in report.skipped]


def _after_files(report: Report, style: Style) -> list[str]:
    """The portfolio part, the changes since a baseline and the totals line."""
    lines: list[str] = []
    if (portfolio := portfolio_of(report)) is not None:
        lines.extend(["", compact_portfolio_section(portfolio, style)])
    if (changes := changes_of(report)) is not None:  # --baseline
        lines.extend(["", text_section(changes, style)])
    if len(report.results) + len(report.skipped) > 1:
        lines.extend(["", style(totals(report), bold=True)])
    return lines


def _stack(blocks: Iterable[list[str]]) -> Iterator[str]:
    """The files' blocks one after another; a blank line sets off a file with findings,
    while passing files' verdict lines stay together."""
    previous: list[str] = []
    for block in blocks:
        if previous and (len(block) > 1 or len(previous) > 1):
            yield ""
        yield from block
        previous = block


def _quiet(review: Review, style: Style) -> list[str]:
    """One line per finding, nothing else: what a script or an editor reads."""
    if review.error:
        return [_error(review, style)]
    return [finding_line(review.path, f, style) for f in review.findings]


def _error(review: Review, style: Style) -> str:
    message = review.error.message if review.error else ""
    return f"{style(review.path, bold=True)}: {style('could not review:', fg='red')} {message}"


def _review(review: Review, style: Style) -> list[str]:
    """The file's verdict line, then its findings (a criterion appears only there)."""
    if review.error:
        return [_error(review, style)]
    verdict = (f"{style(review.path, bold=True)}: {review.kind}, "
               f"score {style(str(review.score), bold=True)}/100: {review.summary}")
    detection = review.detection
    if detection and detection.uncertain:
        # A wrong guess is cheap to spot when the other candidates are named.
        others = ", ".join(f"{c.kind} {c.confidence:.0%}" for c in detection.runners_up)
        verdict += style(f" (kind uncertain: add '{detection.settle}', or the right kind, "
                         "to the front matter to settle it"
                         + (f"; could also be {others})" if others else ")"), fg="yellow")
    lines = [verdict]
    for finding in review.findings:
        lines.append(f"  {finding_line(review.path, finding, style)}")
        hint = _hint(finding)
        if hint:
            lines.append(f"    {style('→', fg='cyan')} {hint}")
    return lines


def _hint(finding: Finding) -> str:
    """The suggestion's first sentence: what to do; its examples are in the full report."""
    text = " ".join(finding.suggestion.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= _HINT_WIDTH:
        return first
    # Too long: end at the last clause (before its example) rather than mid-quote.
    head = first[:_HINT_WIDTH]
    cut = max(head.rfind(": "), head.rfind("; "))
    if cut > _HINT_WIDTH // 2:
        return head[:cut] + " …"
    return textwrap.shorten(first, _HINT_WIDTH, placeholder=" …")
