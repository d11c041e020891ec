"""The "Changes since REF" part of the text and markdown reports (``--baseline``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .terminal import plural

if TYPE_CHECKING:
    from ..portfolio.model import BeforeAfter, Changes, FileChange, Portfolio
    from ..review import Report

Style = Callable[..., str]
_MARK = {"improved": ("↑", "green"), "regressed": ("↓", "red")}
_MD_MARK = {"improved": "✅ improved", "regressed": "🔻 regressed"}


def changes_of(report: Report) -> Changes | None:
    return report.portfolio.changes if report.portfolio is not None else None


def portfolio_of(report: Report) -> Portfolio | None:
    """The portfolio part to show: None for a single document (a ``--baseline`` run keeps a
    portfolio of one only to carry its changes)."""
    portfolio = report.portfolio
    return portfolio if portfolio is not None and len(portfolio.files) > 1 else None


def _value(value: int | str | None) -> str:
    return "-" if value is None else str(value)


def _arrow(pair: BeforeAfter) -> str:
    return f"{_value(pair.before)} -> {_value(pair.after)}"


def _file_line(change: FileChange) -> str:
    """What happened to one file, after its path."""
    if change.status == "new":
        return f"new, score {_value(change.score.after)}"
    if change.status == "removed":
        return f"removed (score was {_value(change.score.before)})"
    if change.kind is not None:
        return (f"kind {_arrow(change.kind)}, score {_arrow(change.score)} "
                "(another rubric: criteria not compared)")
    return f"score {_arrow(change.score)}"


def total_line(changes: Changes) -> str:
    """The one line that sums the changes up."""
    counts = {s: sum(1 for f in changes.files if f.status == s) for s in ("new", "removed")}
    criteria = "criterion" if changes.improved == 1 else "criteria"
    parts = [f"{changes.improved} {criteria} improved, {changes.regressed} regressed",
             f"score {_arrow(changes.score)}"]
    if counts["new"] or counts["removed"]:
        parts.append(f"{plural(counts['new'], 'new file')}, {counts['removed']} removed")
    return f"Since {changes.baseline}: " + "; ".join(parts) + "."


def text_section(changes: Changes, style: Style) -> str:
    """Per changed file its score and each criterion that moved; unchanged files counted."""
    lines = [style(f"Changes since {changes.baseline}", bold=True)]
    moved = [f for f in changes.files if f.status != "same"]
    width = max((len(c.criterion) for f in moved for c in f.criteria), default=0)
    for change in moved:
        lines.append(f"  {style(change.path, bold=True)}  {_file_line(change)}")
        for criterion in change.criteria:
            mark, colour = _MARK[criterion.change]
            lines.append(f"    {style(mark, fg=colour)} {criterion.criterion:<{width}}  "
                         f"{criterion.before} -> {criterion.after}  "
                         f"{style(criterion.change, fg=colour)}")
    unchanged = len(changes.files) - len(moved)
    if unchanged:
        lines.append(f"  {plural(unchanged, 'file')} unchanged")
    lines.append(total_line(changes))
    return "\n".join(lines)


def regression_lines(changes: Changes, style: Style) -> list[str]:
    """For ``-q``: only what regressed, one line each."""
    return [f"{f.path}: {style('regressed', fg='red')} [{c.criterion}] {c.before} -> "
            f"{c.after} since {changes.baseline}"
            for f in changes.files for c in f.criteria if c.change == "regressed"]


def markdown_section(changes: Changes) -> list[str]:
    """A table: one row per criterion that moved (and one per new, removed or re-kinded
    file), then the total."""
    from .markdown import cell

    out = [f"### Changes since `{cell(changes.baseline)}`", ""]
    moved = [f for f in changes.files if f.status != "same"]
    if moved:
        out += ["| File | Score | Criterion | Before | After | Change |",
                "| --- | --- | --- | --- | --- | --- |"]
    for change in moved:
        score = cell(_file_line(change))
        if not change.criteria:
            out.append(f"| `{cell(change.path)}` | {score} | | | | |")
        for i, criterion in enumerate(change.criteria):
            first = f"`{cell(change.path)}` | {score}" if i == 0 else " | "
            out.append(f"| {first} | `{criterion.criterion}` | {criterion.before} | "
                       f"{criterion.after} | {_MD_MARK[criterion.change]} |")
    unchanged = len(changes.files) - len(moved)
    if unchanged:
        out += ["", f"{plural(unchanged, 'file')} unchanged."]
    return out + ["", total_line(changes)]
