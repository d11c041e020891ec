"""``pmcoach detect``: per file, the outcome of detection and the evidence behind it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from . import NOT_PM, explain, from_scores

if TYPE_CHECKING:
    from ..critic import Critic
    from ..document import Document


def describe(doc: Document, critics: Mapping[str, Critic],
             warn: Callable[[str], None] | None = None) -> dict[str, Any]:
    """What content detection makes of ``doc``: outcome, confidence, alternatives, reasons."""
    prof, scores = explain(doc, critics, warn)
    detection = from_scores(scores)
    outcome = detection.kind or NOT_PM
    ranked = sorted(scores.probabilities.items(), key=lambda kv: -kv[1])
    return {
        "path": doc.path,
        "kind": detection.kind,
        "outcome": outcome,
        "confidence": detection.confidence,
        "uncertain": detection.uncertain,
        "settle": detection.settle,
        "looks_like": detection.looks_like,
        "probabilities": {k: round(v, 3) for k, v in ranked},
        # The next most likely outcomes, whatever they are (a kind, or not-a-pm-document).
        "alternatives": [{"outcome": k, "confidence": round(v, 2)} for k, v in ranked
                         if k != outcome][:3],
        "features": [{"name": n, "weight": w} for n, w in scores.reasons.get(outcome, [])],
        "words": prof.words,
    }


def render_text(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        if "error" in row:
            lines.append(f"{row['path']}: error: {row['error']}")
            continue
        what = row["kind"] or "not a PM document"
        note = (" (uncertain: add '" + row["settle"] + "' front matter to settle it)"
                if row["uncertain"] else "")
        if row["kind"] is None:
            note = f" (looks like {row['looks_like']})"
        lines.append(f"{row['path']}: {what}, {row['confidence']:.0%}{note}")
        others = ", ".join(f"{r['outcome']} {r['confidence']:.0%}" for r in row["alternatives"])
        lines.append(f"  alternatives: {others}")
        weighed = ", ".join(f"{f['name']} +{f['weight']:.2f}" for f in row["features"])
        lines.append(f"  weighed most: {weighed or 'nothing in particular'}")
    return "\n".join(lines)
