"""Keep every quote honest: evidence and findings must point at real text in the file."""

from __future__ import annotations

from ..document import Document, Span
from ..review import CriterionResult, Evidence, Finding


def anchor(doc: Document, quote: str, line: int | None = None,
           end_line: int | None = None) -> Span | None:
    """Where ``quote`` is: at the claimed lines if it is there, else wherever it first
    occurs in the file, else None (the quote is not in the file)."""
    if line is not None:
        span = doc.locate(quote, line, end_line)
        if span is not None:
            return span
    return doc.locate(quote)


def ground_result(doc: Document, result: CriterionResult) -> CriterionResult:
    """Re-anchor or drop evidence and findings whose quotes are not in the document."""
    evidence = []
    for item in result.evidence:
        span = anchor(doc, item.quote, item.line, item.end_line)
        if span is not None:
            evidence.append(Evidence(line=span.line, end_line=span.end_line, quote=span.text))
    findings = [ground_finding(doc, f) for f in result.findings]
    return result.model_copy(update={"evidence": evidence, "findings": findings})


def ground_finding(doc: Document, finding: Finding) -> Finding:
    """A finding whose quote is not in the file keeps its advice but loses its location."""
    unplaced = {"line": None, "end_line": None, "quote": None}
    if finding.quote is None:
        in_file = finding.line is not None and finding.line <= len(doc.lines)
        return finding if in_file or finding.line is None else finding.model_copy(update=unplaced)
    span = anchor(doc, finding.quote, finding.line, finding.end_line)
    if span is None:
        return finding.model_copy(update=unplaced)
    return finding.model_copy(
        update={"line": span.line, "end_line": span.end_line, "quote": span.text})
