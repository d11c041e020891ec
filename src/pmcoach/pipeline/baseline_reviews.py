"""The baseline a review is compared with (``--baseline REF``): a saved JSON report, or
this run's files as they were at a git ref, reviewed exactly as this run reviews them.

Reviewed the same way means: under the same path (so config globs and kinds apply), with
the same options, and with the same engine: offline for an offline run, and with the
model for a model run (its cached answers make an earlier version cheap; a file whose text
has not changed is not reviewed again at all: its review now is its review then).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from ..errors import BaselineError, InputError
from ..portfolio.baseline import compare
from ..portfolio.files import reviewed
from ..portfolio.model import Portfolio
from .git_revision import GitRevision
from .run import Notify, ReviewOptions, review_source
from .run import portfolio as run_portfolio
from .saved_report import load_saved_report
from .sources import STDIN, Source, decode, read_text

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..review import Report, Review


class Baseline(Protocol):
    #: The git ref or the saved report's path, as the user gave it.
    label: str

    def reviews(self, current: Report, registry: Registry, options: ReviewOptions,
                notify: Notify) -> list[Review]:
        """The baseline's reviews of (at least) the files ``current`` reviewed."""
        ...


def open_baseline(ref: str, paths: Sequence[str], stdin_name: str | None = None) -> Baseline:
    """A saved report when ``ref`` names a file, else a git ref; checked now (a
    :class:`~pmcoach.errors.BaselineError` before anything is reviewed)."""
    if os.path.isfile(ref):
        return SavedBaseline(ref)
    if ref.lower().endswith(".json"):  # surely a report's path, mistyped or not saved yet
        raise BaselineError(f"--baseline {ref}: no such file; give a report saved with "
                            "`pmcoach review --format json -o FILE`, or a git ref")
    return GitBaseline(ref, paths, stdin_name)


class SavedBaseline:
    """A report saved earlier: its files this run did not review count as removed."""

    def __init__(self, path: str) -> None:
        self.label = path
        self._reviews = load_saved_report(path)

    def reviews(self, current: Report, registry: Registry, options: ReviewOptions,
                notify: Notify) -> list[Review]:
        return self._reviews


class GitBaseline:
    """Each file of this run as it was at a git ref (absent there: a new file)."""

    def __init__(self, ref: str, paths: Sequence[str], stdin_name: str | None = None) -> None:
        self.label = ref
        self.revision = GitRevision(ref)
        #: The name standard input is reported under (its text is not the file's).
        self.stdin = (stdin_name or STDIN) if "-" in paths else None
        for path in paths:
            folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
            if path != "-" and os.path.exists(path):
                self.revision.check(folder)

    def reviews(self, current: Report, registry: Registry, options: ReviewOptions,
                notify: Notify) -> list[Review]:
        same: list[Review] = []
        earlier: list[Source] = []
        # standard input with no --stdin-filename has no file to look up
        mine = [r for r in reviewed(current.results) if r.path != STDIN]
        found = self.revision.read_all([r.path for r in mine])
        for review in mine:
            data = found[review.path]
            text = _text(data, options.max_bytes) if data is not None else None
            if text is None:
                continue  # not in the ref (or nothing readable there): a new file
            if review.path != self.stdin and text == _text_now(review.path, options):
                same.append(review)  # unchanged: reviewing it again would say the same
            else:
                earlier.append(Source(review.path, text=text))
        then = _review_all(earlier, registry, options)
        for review in then:
            if review.engine_error is not None:
                notify(review.path, f"the model could not answer for its version at "
                                    f"{self.label}; compared with that version's offline review")
        return same + then


def _text(data: bytes, max_bytes: int) -> str | None:
    """The text of a file at the ref, or None when it would not be reviewable now."""
    if len(data) > max_bytes:
        return None
    try:
        return decode(data)
    except InputError:
        return None


def _text_now(path: str, options: ReviewOptions) -> str | None:
    try:
        return read_text(path, options.max_bytes)
    except InputError:
        return None


def _review_all(sources: list[Source], registry: Registry, options: ReviewOptions
                ) -> list[Review]:
    """Review the earlier texts like this run's files, without a progress counter; with a
    model, through the run's schedule (at most ``--jobs`` requests at once)."""
    quiet = replace(options, progress=None)

    def one(source: Source) -> Review:
        return review_source(source, registry, quiet)  # notes about old text: not shown

    if options.coach is not None:
        return options.coach.schedule.run(sources, one, options.workers())
    return [one(source) for source in sources]


def attach_changes(report: Report, baseline: Baseline, registry: Registry,
                   options: ReviewOptions, notify: Notify) -> None:
    """Set ``report.portfolio.changes`` (the portfolio is present even for one file).
    Nothing is compared for an interrupted run, or when Ctrl-C stops the baseline."""
    if report.incomplete:
        return
    try:
        before = baseline.reviews(report, registry, options, notify)
    except KeyboardInterrupt:
        report.incomplete = True
        return
    # With a baseline the portfolio is there even for one file: it carries the changes.
    portfolio = report.portfolio or run_portfolio(report.results, registry, minimum=1)
    if portfolio is None:
        portfolio = Portfolio(files=[], score=None, criteria={}, competencies=[])
    portfolio.changes = compare(baseline.label, before, report.results)
    report.portfolio = portfolio
    if options.coach is not None:
        report.usage = options.coach.usage()  # the baseline's requests count too
