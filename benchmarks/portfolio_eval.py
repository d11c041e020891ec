"""Cross-file consistency against labelled portfolios.

    python benchmarks/portfolio_eval.py DIR [DIR ...] [--verbose]

Each DIR is one portfolio: its documents, and a ``labels.json`` listing the planted
contradictions (``contradictions``: ``fact``, ``places`` with ``path`` and ``line``). The
documents go through the real pipeline's first steps (parse, detect the kind), then
:func:`~pmcoach.portfolio.facts.extract_facts` and
:func:`~pmcoach.portfolio.consistency.cross_file_findings`.

A planted contradiction is *found* when one finding has its fact as ``id`` and, for every
labelled place, a span in that file whose lines include the labelled line. A finding that
finds nothing is *false*. Prints, per portfolio, what was found, missed and falsely
reported, then precision and recall over all portfolios.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmcoach.detect import detect
from pmcoach.document import Document
from pmcoach.plugins import load
from pmcoach.portfolio.consistency import cross_file_findings
from pmcoach.portfolio.facts import DocumentFacts, extract_facts
from pmcoach.portfolio.model import PortfolioFinding

_TEXT = {".md", ".markdown", ".txt"}


@dataclass
class Score:
    planted: int = 0
    found: int = 0
    findings: int = 0
    false: int = 0
    lines: list[str] = field(default_factory=list)
    documents: int = 0
    extract_s: float = 0.0
    compare_s: float = 0.0


def portfolio_facts(folder: Path, score: Score | None = None) -> list[DocumentFacts]:
    registry = load()
    facts = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in _TEXT or not path.is_file():
            continue
        doc = Document.from_text(path.read_text(encoding="utf-8"), path.name)
        kind = detect(doc, registry.critics).kind
        if kind is None:
            continue  # not a PM document: the pipeline would skip it
        start = time.perf_counter()
        facts.append(extract_facts(path.name, doc, kind))
        if score is not None:
            score.extract_s += time.perf_counter() - start
            score.documents += 1
    return facts


def _matches(finding: PortfolioFinding, planted: dict[str, Any]) -> bool:
    if finding.id != planted["fact"]:
        return False
    return all(any(s.path == place["path"] and s.line <= place["line"] <= s.end_line
                   for s in finding.spans) for place in planted["places"])


def _near(finding: PortfolioFinding, planted: dict[str, Any]) -> bool:
    """Right files, wrong fact or lines: worth showing when a planted one is missed."""
    return {s.path for s in finding.spans} == {p["path"] for p in planted["places"]}


def _show(finding: PortfolioFinding) -> str:
    spans = ", ".join(f"{s.path}:{s.line}" for s in finding.spans)
    return f"[{finding.id}] {finding.message} ({spans})"


def evaluate(folder: Path, verbose: bool) -> Score:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    score = Score()
    facts = portfolio_facts(folder, score)
    start = time.perf_counter()
    findings = cross_file_findings(facts)
    score.compare_s = time.perf_counter() - start
    planted = labels.get("contradictions", [])
    score.planted, score.findings = len(planted), len(findings)
    used: set[int] = set()
    for item in planted:
        hit = next((i for i, f in enumerate(findings) if i not in used and _matches(f, item)),
                   None)
        where = ", ".join(f"{p['path']}:{p['line']}" for p in item["places"])
        if hit is not None:
            used.add(hit)
            score.found += 1
            if verbose:
                score.lines.append(f"  found   {item['fact']:22} {where}")
            continue
        score.lines.append(f"  MISSED  {item['fact']:22} {where}")
        for f in findings:
            if _near(f, item):
                score.lines.append(f"          near: {_show(f)}")
    for i, f in enumerate(findings):
        if i not in used:
            score.false += 1
            score.lines.append(f"  FALSE   {_show(f)}")
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true", help="list what was found too")
    args = parser.parse_args(argv)
    total = Score()
    for folder in args.folders:
        if not (folder / "labels.json").is_file():
            print(f"{folder}: no labels.json, skipped", file=sys.stderr)
            continue
        score = evaluate(folder, args.verbose)
        print(f"{folder.name}: {score.found}/{score.planted} planted found, "
              f"{score.planted - score.found} missed, {score.false} false "
              f"(of {score.findings} findings)")
        for line in score.lines:
            print(line)
        total.planted += score.planted
        total.found += score.found
        total.findings += score.findings
        total.false += score.false
        total.documents += score.documents
        total.extract_s += score.extract_s
        total.compare_s += score.compare_s
    precision = (total.findings - total.false) / total.findings if total.findings else 1.0
    recall = total.found / total.planted if total.planted else 1.0
    print(f"overall: {total.found}/{total.planted} found, {total.false} false of "
          f"{total.findings}; precision {precision:.2f}, recall {recall:.2f}")
    if total.documents:
        per_document = 1000 * total.extract_s / total.documents
        per_portfolio = 1000 * total.compare_s / len(args.folders)
        print(f"time: {total.documents} documents, extraction {per_document:.1f} ms per "
              f"document (the first pays for compiling patterns), comparison "
              f"{per_portfolio:.1f} ms per portfolio")
    return 0


if __name__ == "__main__":
    sys.exit(main())
