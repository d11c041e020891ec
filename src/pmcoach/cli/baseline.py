"""``pmcoach review``'s progress options: ``--baseline REF`` and ``--fail-on-regression``.
The work happens in :mod:`pmcoach.pipeline.baseline_reviews` and
:mod:`pmcoach.portfolio.baseline`; this is the command line's part only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from ..errors import ExitCode
from ..portfolio.baseline import regressed

if TYPE_CHECKING:
    from ..pipeline.baseline_reviews import Baseline
    from ..review import Report


def baseline_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--fail-on-regression", is_flag=True,
        help="With --baseline: exit 1 when any criterion's verdict got worse (met > partial "
             "> missing), even when --fail-on would pass.")(command)
    return click.option(
        "--baseline", "baseline_ref", metavar="REF",
        help="Compare with the same files at a git ref (HEAD~1, origin/main) or with a "
             "saved JSON report (--format json -o FILE): what improved and what "
             "regressed, per file and criterion.")(command)


def open_for_review(ref: str | None, fail_on_regression: bool, paths: Sequence[str],
                    stdin_name: str | None) -> Baseline | None:
    """The baseline to compare with, checked before anything is reviewed (a bad ref or
    report is one error line and exit 2), or None without ``--baseline``."""
    if ref is None:
        if fail_on_regression:
            raise click.UsageError("--fail-on-regression needs --baseline REF (a git ref or "
                                   "a saved JSON report) to compare with")
        return None
    from ..pipeline.baseline_reviews import open_baseline

    return open_baseline(ref, paths, stdin_name)


def with_regressions(code: ExitCode, report: Report, fail_on_regression: bool) -> ExitCode:
    """``--fail-on-regression`` turns a passing run (0) into 1 when anything regressed;
    every other status stands. Without the flag, changes never change the status."""
    changes = report.portfolio.changes if report.portfolio is not None else None
    if fail_on_regression and code is ExitCode.OK and regressed(changes):
        return ExitCode.FINDINGS
    return code
