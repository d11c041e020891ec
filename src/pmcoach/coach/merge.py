"""Combine a model's answer with the offline checks: one result per criterion.

The rule (also in docs/models.md):

* the model's verdict, message and suggestion decide the criterion (it reads the whole
  document; the checks only see patterns), with one exception: a ``met`` the checks did
  not reach needs at least one quote that is really in the file. A claim the document does
  not back cannot pass a criterion the checks failed (a small model answers "met" to
  everything); the offline verdict then stands and the message says what the model claimed;
* ``source`` says which decided: ``model`` or ``offline`` (also for criteria the model
  did not judge usably);
* evidence is the model's quotes that pmcoach found in the file (pmcoach sets their
  lines; a quote that is not in the file is dropped), followed by the offline evidence;
* when the offline checks reached a different verdict, the message says so, e.g.
  ``(offline checks: partial)``, so a disagreement is never hidden;
* line-level findings from the offline checks are kept; when the model says ``met``
  they are lowered to ``info`` so they stay visible without failing the run.
"""

from __future__ import annotations

from ..document import Document
from ..engines.answer import ModelAnswer, ModelCriterion
from ..pipeline.grounding import anchor
from ..review import CriterionResult, Evidence, Finding, Severity, Verdict

#: Quotes kept per criterion, so one chatty answer cannot flood the report.
MAX_QUOTES = 3


def grounded_quotes(doc: Document, item: ModelCriterion) -> list[Evidence]:
    """The model's quotes that really are in the file, with the lines pmcoach found."""
    evidence: list[Evidence] = []
    for quoted in item.evidence:
        span = anchor(doc, quoted.quote)
        if span is None:
            continue  # never show a quote the file does not contain
        found = Evidence(line=span.line, end_line=span.end_line, quote=span.text)
        if found not in evidence:
            evidence.append(found)
        if len(evidence) == MAX_QUOTES:
            break
    return evidence


def merge_criterion(doc: Document, offline: CriterionResult, item: ModelCriterion
                    ) -> CriterionResult:
    verdict = Verdict(item.verdict)
    model_evidence = grounded_quotes(doc, item)
    if verdict is Verdict.MET and offline.verdict is not Verdict.MET and not model_evidence:
        claim = "none of its quotes is in the document" if item.evidence else "it quoted nothing"
        return offline.model_copy(update={
            "message": f"{offline.message} (the model says met, but {claim})"})
    message = item.message.strip() or offline.message
    if offline.verdict is not verdict:
        message = f"{message} (offline checks: {offline.verdict.value})"
    spans = {(e.line, e.end_line) for e in model_evidence}
    evidence = model_evidence + [e for e in offline.evidence if (e.line, e.end_line) not in spans]
    suggestion = item.suggestion.strip() or offline.suggestion
    findings: list[Finding] = []
    if verdict is not Verdict.MET:
        first = model_evidence[0] if model_evidence else None
        findings.append(Finding(
            criterion=offline.id, severity=Severity.for_verdict(verdict),
            line=first.line if first else None, end_line=first.end_line if first else None,
            quote=first.quote if first else None, message=message, suggestion=suggestion))
        findings.extend(offline.findings)
    else:
        findings.extend(f.model_copy(update={"severity": Severity.INFO})
                        for f in offline.findings)
    return CriterionResult(id=offline.id, verdict=verdict, message=message,
                           suggestion=suggestion, evidence=evidence, findings=findings,
                           source="model")


def merge(doc: Document, offline: list[CriterionResult], answer: ModelAnswer
          ) -> list[CriterionResult]:
    """The merged results, in the offline (rubric) order; criteria the model did not
    judge usably keep their offline result (``source: offline``)."""
    by_id = {c.id: c for c in answer.criteria}
    return [merge_criterion(doc, result, by_id[result.id]) if result.id in by_id else result
            for result in offline]
