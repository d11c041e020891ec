"""Scoring: from a review's verdicts to its findings, score and summary.

Its own step of the pipeline (after suppressions mark what is turned off, before they
filter line-level findings), so what counts towards the score is decided in one place.
"""

from __future__ import annotations

from ..review import CriterionResult, Finding, Review, Severity, Verdict


def score(criteria: list[CriterionResult]) -> int:
    """Mean of the verdicts' points over the criteria, as a whole number 0-100."""
    if not criteria:
        return 0
    return round(100 * sum(c.verdict.points for c in criteria) / len(criteria))


def finalize(review: Review) -> Review:
    """Fill in what follows from the verdicts: default findings, score, summary."""
    findings: list[Finding] = []
    for result in review.criteria:
        if result.suppressed:
            continue
        # A finding's severity is its criterion's verdict's, so --fail-on means the same
        # thing for every critic.
        severity = Severity.for_verdict(result.verdict)
        if result.findings:
            findings.extend(f.model_copy(update={"severity": severity}) for f in result.findings)
        elif result.verdict is not Verdict.MET:
            anchor = result.evidence[0] if result.evidence else None
            findings.append(
                Finding(
                    criterion=result.id,
                    severity=severity,
                    line=anchor.line if anchor else None,
                    end_line=anchor.end_line if anchor else None,
                    quote=anchor.quote if anchor else None,
                    message=result.message,
                    suggestion=result.suggestion,
                    rule=result.rule,
                )
            )
    findings.sort(key=lambda f: (f.line is None, f.line or 0, -f.severity.rank))
    review.findings = findings
    active = [c for c in review.criteria if not c.suppressed]
    # Everything suppressed leaves nothing to criticise, not a zero.
    review.score = score(active) if active or not review.criteria else 100
    if not review.summary:
        counts = {v: sum(1 for c in active if c.verdict is v) for v in Verdict}
        review.summary = (
            f"{counts[Verdict.MET]} of {len(active)} criteria met, "
            f"{counts[Verdict.PARTIAL]} partial, {counts[Verdict.MISSING]} missing."
        )
        if len(active) < len(review.criteria):
            review.summary += f" {len(review.criteria) - len(active)} suppressed."
    return review
