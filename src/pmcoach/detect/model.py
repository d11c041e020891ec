"""The fitted detection model: is this a PM document, and of which installed kind.

Two logistic models, fitted to labelled documents:

* P(PM document): from the document's style (code, links, markup, advice to "you",
  placeholders...), its words, and how strong the best kind's evidence is;
* P(kind | PM document): a softmax over the installed kinds, each scoring
  ``sum(weight[f] * features[f])`` on its own signature's evidence, with one set of weights
  for all kinds, all >= 0 (evidence only adds). A team's kind is scored like a built-in.

The parameters are data (``model.json``), written by ``benchmarks/detection/fit.py``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .features import KIND_FEATURES, Matcher, Profile

#: The outcome that is not a kind: reviewing the document would be a false alarm.
NOT_PM = "not-a-pm-document"


@dataclass(frozen=True)
class Params:
    kind_weights: dict[str, float]
    #: Scales the kinds' scores in P(kind | PM document): the fit's calibration.
    temperature: float
    pm_bias: float
    #: Weight of the best kind's evidence (its score) in "is this a PM document at all".
    pm_evidence: float
    pm_style: dict[str, float]
    pm_words: dict[str, float]
    #: A PM document whose best kind is less likely than this is "uncertain".
    uncertain_below: float
    #: Skip a document as not a PM document when that is at least this likely.
    skip_at: float


@lru_cache(maxsize=1)
def params() -> Params:
    data: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
    pm = data["pm"]
    return Params(
        kind_weights={f: float(data["kind"]["weights"].get(f, 0.0)) for f in KIND_FEATURES},
        temperature=float(data["kind"].get("temperature", 1.0)),
        pm_bias=float(pm["bias"]),
        pm_evidence=float(pm["evidence"]),
        pm_style={k: float(v) for k, v in pm["style"].items()},
        pm_words={k: float(v) for k, v in pm["words"].items()},
        uncertain_below=float(data["uncertain_below"]),
        skip_at=float(data["skip_at"]),
    )


@dataclass
class Scores:
    """Probabilities of every outcome (kinds and :data:`NOT_PM`) and why."""

    probabilities: dict[str, float]
    #: Per outcome, the features that added most to it: (name, contribution).
    reasons: dict[str, list[tuple[str, float]]]


def score(prof: Profile, matcher: Matcher, reasons: bool = True) -> Scores:
    """P(PM document) from style, words and the best kind's evidence; then P(kind | PM)
    from each kind's evidence, all kinds weighed alike. ``reasons`` also lists, per
    outcome, what weighed most (for ``pmcoach detect`` and skipped files)."""
    p = params()
    logits: dict[str, float] = {}
    why: dict[str, list[tuple[str, float]]] = {}
    for kind, features in matcher.features(prof).items():
        parts = [(f, p.kind_weights[f] * v) for f, v in features.items() if v]
        logits[kind] = sum(c for _, c in parts)
        if reasons:
            why[kind] = _top(parts)
    best = max(logits.values(), default=0.0)
    parts = [("evidence", p.pm_evidence * evidence_strength(best))]
    parts += [(f"style:{k}", w * prof.style.get(k, 0.0)) for k, w in p.pm_style.items()]
    words = prof.vocabulary & p.pm_words.keys()
    pm = _sigmoid(p.pm_bias + sum(c for _, c in parts) + sum(p.pm_words[w] for w in words))
    if reasons:
        # What speaks against a PM document is what pushes its score down.
        parts += [(f"word:{w}", p.pm_words[w]) for w in words]
        why[NOT_PM] = _top([(f, -c) for f, c in parts])
    exp = {k: math.exp(p.temperature * (v - best)) for k, v in logits.items()}
    total = sum(exp.values()) or 1.0
    probabilities = {k: pm * v / total for k, v in exp.items()}
    probabilities[NOT_PM] = 1.0 - pm
    return Scores(probabilities, why)


def evidence_strength(best: float) -> float:
    """How much the best kind's score says "a PM document": it grows ever slower, so a
    template full of a kind's headings cannot outweigh everything that says "template"."""
    return math.log1p(max(best, 0.0))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def _top(parts: list[tuple[str, float]], n: int = 4) -> list[tuple[str, float]]:
    return [(f, round(c, 3)) for f, c in sorted(parts, key=lambda fc: -fc[1])[:n] if c > 0]
