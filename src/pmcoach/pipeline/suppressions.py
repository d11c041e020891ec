"""Suppressions: turning criteria off in a document, or in the config, with a reason.

In a document, as HTML comments (invisible when the markdown is rendered)::

    <!-- pmcoach-disable quantified-impact, reflection: numbers are under NDA -->
    <!-- pmcoach-disable-next-line personal-role: the team did this part together -->

``pmcoach-disable`` turns the criteria off for the whole file; ``-next-line`` drops that
criterion's findings on the next non-blank line. A criterion may be written
``kind.criterion``. The reason after ``:`` is required: a suppression without one is
ignored and reported, so nobody silences a criterion without saying why.

A suppressed criterion stays in the report with ``suppressed: {reason, source}``, adds
no findings, does not count towards the score, and so never fails a run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..document import Document
from ..review import Finding, Review, Severity, Suppression
from .score import finalize

#: The ``criterion`` of a finding about a suppression comment itself.
NOTICE = "suppression"

_COMMENT = re.compile(
    r"<!--\s*pmcoach-(?P<what>disable-next-line|disable)\b(?P<body>.*?)-->", re.S)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass(frozen=True)
class Directive:
    """One suppression comment as written."""

    scope: Literal["file", "next-line"]
    criteria: tuple[str, ...]
    reason: str
    line: int
    text: str
    #: For ``next-line``: the line whose findings it drops (None at the end of the file).
    target: int | None = None


def parse(doc: Document) -> list[Directive]:
    """Every suppression comment outside code blocks, in file order."""
    directives: list[Directive] = []
    fenced = False
    for number, line in enumerate(doc.lines, start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or "pmcoach-disable" not in line:
            continue
        for match in _COMMENT.finditer(line):
            refs, _, reason = match.group("body").partition(":")
            criteria = tuple(r.strip() for r in refs.split(",") if r.strip())
            scope: Literal["file", "next-line"] = \
                "next-line" if match.group("what") == "disable-next-line" else "file"
            target = _next_text_line(doc, number) if scope == "next-line" else None
            directives.append(Directive(scope, criteria, reason.strip(), number,
                                        match.group(0), target))
    return directives


def _next_text_line(doc: Document, line: int) -> int | None:
    # "Next line" skips blank lines: a blank line after a comment is usual markdown.
    for number in range(line + 1, len(doc.lines) + 1):
        if doc.lines[number - 1].strip():
            return number
    return None


@dataclass
class Plan:
    """What a document's comments and the config turn off, and notices about bad comments."""

    file_wide: dict[str, Suppression] = field(default_factory=dict)
    next_line: list[tuple[str, int]] = field(default_factory=list)
    notices: list[Finding] = field(default_factory=list)


def plan(doc: Document, review: Review, disabled: Mapping[str, str] = {}) -> Plan:
    """Read the suppression comments of ``doc`` (and the config's ``disabled``)."""
    kind = review.kind or ""
    ids = [c.id for c in review.criteria]
    found = Plan()
    for directive in parse(doc):
        for criterion in _check(directive, kind, ids, found.notices):
            if directive.scope == "file":
                found.file_wide.setdefault(criterion, Suppression(
                    reason=directive.reason, source="comment", line=directive.line))
            elif directive.target is not None:
                found.next_line.append((criterion, directive.target))
    for criterion, reason in disabled.items():
        # A comment's reason is the more specific one, so it wins over the config's.
        found.file_wide.setdefault(criterion, Suppression(reason=reason, source="config"))
    return found


def suppress(review: Review, plan: Plan) -> Review:
    """Mark the criteria turned off for the whole file (before scoring)."""
    review.criteria = [c.model_copy(update={"suppressed": plan.file_wide[c.id]})
                       if c.id in plan.file_wide else c for c in review.criteria]
    return review


def filter_findings(review: Review, plan: Plan, severity: Mapping[str, str] = {}) -> Review:
    """After scoring: drop the findings a next-line comment covers, apply the config's
    severity overrides, and add the notices about malformed comments."""
    kept = []
    for finding in review.findings:
        if any(finding.criterion == criterion and finding.line is not None
               and finding.line <= target <= (finding.end_line or finding.line)
               for criterion, target in plan.next_line):
            continue
        if finding.criterion in severity:
            finding = finding.model_copy(update={"severity": Severity(severity[finding.criterion])})
        kept.append(finding)
    kept.extend(plan.notices)
    kept.sort(key=lambda f: (f.line is None, f.line or 0, -f.severity.rank))
    review.findings = kept
    return review


def apply(doc: Document, review: Review, *, disabled: Mapping[str, str] = {},
          severity: Mapping[str, str] = {}) -> Review:
    """Suppress, score, then filter: the three steps the pipeline takes, in one call."""
    steps = plan(doc, review, disabled)
    return filter_findings(finalize(suppress(review, steps)), steps, severity)


def _check(directive: Directive, kind: str, ids: list[str], notices: list[Finding]
           ) -> list[str]:
    """The criteria a directive may suppress; a notice for each problem with it."""

    def notice(message: str, suggestion: str) -> None:
        notices.append(Finding(criterion=NOTICE, severity=Severity.WARNING,
                               line=directive.line, end_line=directive.line,
                               quote=directive.text, message=message, suggestion=suggestion))

    name = f"pmcoach-{'disable' if directive.scope == 'file' else 'disable-next-line'}"
    if not directive.criteria:
        notice(f"{name} names no criterion, so it is ignored",
               f"write <!-- {name} CRITERION: reason -->; `pmcoach rubric {kind}` lists them")
        return []
    if not directive.reason:
        notice(f"{name} {', '.join(directive.criteria)} has no reason, so it is ignored",
               "say why after a colon: <!-- "
               f"{name} {', '.join(directive.criteria)}: why this does not apply here -->")
        return []
    usable = []
    for ref in directive.criteria:
        ref_kind, _, criterion = ref.rpartition(".")
        if ref_kind and ref_kind != kind:
            continue  # meant for another kind of document: not this one's business
        if criterion not in ids:
            notice(f"{name}: {kind} has no criterion {criterion!r}, so it is ignored",
                   f"use one of: {', '.join(ids)}")
            continue
        usable.append(criterion)
    return usable
