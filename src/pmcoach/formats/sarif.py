"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One rule per ``kind/criterion``; a finding is a result at its lines; a suppressed
criterion that is not met is still a result, carrying a SARIF ``suppressions`` entry
(``inSource`` for a comment, ``external`` for config), so viewers show it as dismissed
with its reason instead of it silently vanishing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

from ..portfolio.model import PortfolioFinding, Span
from ..review import Report, Review, Severity, Suppression, Verdict
from ..rules.kind import rule_help

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/pmcoach/pmcoach"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


#: The base the artifact URIs are relative to: the repository's root (code scanning
#: resolves paths against it), declared in the run's ``originalUriBaseIds``.
BASE_ID = "SRCROOT"


def _root() -> Path:
    """The git work tree's root, else the working folder."""
    git = shutil.which("git")
    if git:
        try:
            done = subprocess.run([git, "rev-parse", "--show-toplevel"], capture_output=True,
                                  text=True, timeout=10, check=False)
            if done.returncode == 0 and done.stdout.strip():
                return Path(done.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    return Path.cwd()


def _relocate(node: object, root: Path) -> None:
    """Turn every artifactLocation's path into a URI under ``root`` (see _location)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "artifactLocation" and isinstance(value, dict):
                node[key] = _location(str(value["uri"]), root)
            else:
                _relocate(value, root)
    elif isinstance(node, list):
        for item in node:
            _relocate(item, root)


def _location(path: str, root: Path) -> dict[str, str]:
    """An artifactLocation: relative to ``root`` with ``uriBaseId`` when inside it (the
    repository's layout, wherever pmcoach ran), else the path as given."""
    if path.startswith("<"):
        return {"uri": quote(path)}
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive (Windows): not under the root
        rel = os.pardir
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return {"uri": quote(path.replace(os.sep, "/"))}
    return {"uri": quote(rel.replace(os.sep, "/")), "uriBaseId": BASE_ID}


class SarifFormatter:
    name = "sarif"
    description = "SARIF 2.1.0 JSON, for GitHub code scanning (upload-sarif)."

    def render(self, report: Report, *, color: bool) -> str:
        rules: dict[str, dict[str, object]] = {}
        results: list[dict[str, object]] = []
        notifications: list[dict[str, object]] = []
        for review in report.results:
            if review.error:
                notifications.append({
                    "level": "error",
                    "message": {"text": f"{review.path}: could not review: "
                                        f"{review.error.message}"},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": review.path}}}],
                })
                continue
            results.extend(_results(review, rules))
            if review.detection and review.detection.uncertain:
                notifications.append(_note(
                    review.path, f"reviewed as {review.kind}, but the kind is uncertain; add "
                                 f"'{review.detection.settle}' to the front matter to settle it"))
        if report.portfolio is not None:
            results += [_cross_file(finding, rules) for finding in report.portfolio.findings]
        # Skipped files are not failures: notes, so the run still succeeds.
        notifications += [_note(s.path, "skipped: not a PM document (looks like "
                                        f"{s.looks_like})")
                          for s in report.skipped]
        run = {
            "tool": {"driver": {
                "name": report.tool.name, "version": report.tool.version,
                "semanticVersion": report.tool.version, "informationUri": INFO_URI,
                "rules": list(rules.values()),
            }},
            "invocations": [{"executionSuccessful": not any(r.error for r in report.results),
                             "toolExecutionNotifications": notifications}],
            "results": results,
        }
        root = _root()
        run["originalUriBaseIds"] = {BASE_ID: {"uri": root.resolve().as_uri() + "/"}}
        _relocate(run, root)
        log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
        return json.dumps(log, indent=2, ensure_ascii=False)


def _note(path: str, text: str) -> dict[str, object]:
    return {"level": "note", "message": {"text": f"{path}: {text}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": path}}}]}


def _rule(rules: dict[str, dict[str, object]], kind: str, criterion: str,
          rule: str | None) -> int:
    rule_id = "/".join(p for p in (kind, criterion, rule) if p)
    if rule_id not in rules:
        rules[rule_id] = {
            "id": rule_id,
            "name": "".join(p.title() for p in f"{criterion}-{rule or ''}".split("-")),
            "shortDescription": {"text": f"{kind}: {criterion}" + (f" ({rule})" if rule else "")},
            "helpUri": f"{INFO_URI}/blob/main/docs/rubrics.md",
            "properties": {"tags": ["pmcoach", kind]},
        }
        help_text = rule_help(kind, criterion, rule) if rule else None
        if help_text:
            rules[rule_id]["help"] = {"text": help_text}
    return list(rules).index(rule_id)


def _results(review: Review, rules: dict[str, dict[str, object]]) -> list[dict[str, object]]:
    kind = review.kind or "unknown"
    out = []
    for finding in review.findings:
        out.append(_result(review, rules, kind, finding.criterion, _LEVEL[finding.severity],
                           finding.message, finding.suggestion, finding.line,
                           finding.end_line, finding.quote, finding.rule))
    for criterion in review.criteria:
        if criterion.suppressed and criterion.verdict is not Verdict.MET:
            anchor = criterion.evidence[0] if criterion.evidence else None
            result = _result(
                review, rules, kind, criterion.id,
                _LEVEL[Severity.for_verdict(criterion.verdict)], criterion.message,
                criterion.suggestion, anchor.line if anchor else None,
                anchor.end_line if anchor else None, anchor.quote if anchor else None,
                criterion.rule)
            result["suppressions"] = [_suppression(criterion.suppressed)]
            out.append(result)
    return out


def _cross_file(finding: PortfolioFinding, rules: dict[str, dict[str, object]]
                ) -> dict[str, object]:
    """A finding across documents: at its first place, with every place as a related
    location (``portfolio/criterion/fact``: the documents disagree about that fact)."""
    def physical(span: Span) -> dict[str, object]:  # a fresh dict each: _relocate edits it
        return {"artifactLocation": {"uri": span.path},
                "region": {"startLine": span.line, "endLine": span.end_line,
                           "snippet": {"text": span.quote}}}

    text = finding.message
    if finding.spans:  # links to the related locations, by id (code scanning shows them)
        text += " Where: " + ", ".join(f"[{s.path}:{s.line}]({i})"
                                       for i, s in enumerate(finding.spans)) + "."
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion}"
    where = "\0".join(f"{s.path}\0{s.quote}" for s in finding.spans)
    fingerprint = hashlib.sha256(f"{finding.criterion}\0{finding.id}\0{where}".encode())
    result: dict[str, object] = {
        "ruleId": f"portfolio/{finding.criterion}/{finding.id}",
        "ruleIndex": _rule(rules, "portfolio", finding.criterion, finding.id),
        "level": _LEVEL[Severity(finding.severity)],
        "message": {"text": text},
        "partialFingerprints": {"pmcoachFinding/v1": fingerprint.hexdigest()[:32]},
    }
    if finding.spans:
        result["locations"] = [{"physicalLocation": physical(finding.spans[0])}]
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": physical(span),
             "message": {"text": f"{span.path}:{span.line}: {span.quote}"}}
            for i, span in enumerate(finding.spans)]
    return result


def _suppression(suppressed: Suppression) -> dict[str, object]:
    return {"kind": "inSource" if suppressed.source == "comment" else "external",
            "status": "accepted", "justification": suppressed.reason}


def _result(review: Review, rules: dict[str, dict[str, object]], kind: str, criterion: str,
            level: str, message: str, suggestion: str, line: int | None,
            end_line: int | None, quote_text: str | None, rule: str | None
            ) -> dict[str, object]:
    region: dict[str, object] = {"startLine": line or 1, "endLine": end_line or line or 1}
    if quote_text:
        region["snippet"] = {"text": quote_text}
    text = f"{message} Suggestion: {suggestion}" if suggestion else message
    # Stable across runs and line shifts, so code scanning tracks one alert per problem.
    fingerprint = hashlib.sha256(
        f"{review.path}\0{kind}/{criterion}\0{quote_text or message}".encode()).hexdigest()
    return {
        "ruleId": "/".join(p for p in (kind, criterion, rule) if p),
        "ruleIndex": _rule(rules, kind, criterion, rule),
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": review.path}, "region": region}}],
        "partialFingerprints": {"pmcoachFinding/v1": fingerprint[:32]},
    }
