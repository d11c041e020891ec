"""Fit pmcoach's detection model to the labelled documents and write ``model.json``.

    pip install -e ".[fit]"                       # numpy and scipy, for fitting only
    python benchmarks/detection/harvest.py         # the real non-PM documents (once)
    python benchmarks/detection/fit.py             # fit, cross-validate, write the model

The model (see ``src/pmcoach/detect/model.py``) is a softmax over the installed kinds and
"not a PM document". Kinds share one weight per signature feature, constrained to be
>= 0, so a kind's score only grows with its own evidence and a team's kind is scored
exactly like a built-in one. "Not a PM document" has a bias, style weights and word
weights. Fitting is L2-regularised maximum likelihood (L-BFGS-B), with documents weighted
so that PM documents and non-PM documents count equally. Five-fold cross-validation,
grouped by writer or package, gives the reliability table and the skip threshold.
Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize, sparse

sys.path.insert(0, str(Path(__file__).parent))
from corpus import NONE, Labelled, read, training  # noqa: E402

from pmcoach.detect import matcher  # noqa: E402
from pmcoach.detect.features import KIND_FEATURES, Profile, profile  # noqa: E402
from pmcoach.detect.model import evidence_strength  # noqa: E402
from pmcoach.detect.vocabulary import share, vocabulary  # noqa: E402
from pmcoach.document import _split_front_matter  # noqa: E402
from pmcoach.plugins import load  # noqa: E402

MODEL = Path(__file__).resolve().parents[2] / "src" / "pmcoach" / "detect" / "model.json"
BACKGROUND = MODEL.with_name("background.json")
STYLE = ("code", "links", "inline-code", "markup", "second-person", "placeholders", "blanks",
         "questions",
         "versions", "heading-density", "length")
MAX_CHARS = 100_000
#: Word features: the most frequent words in the training documents.
VOCABULARY = 3000
#: Regularisation strengths (L2) for the kinds' weights and for the word weights.
L2_KIND, L2_WORDS, L2_STYLE = 0.003, 3.0, 0.3
#: How much worse reviewing a non-PM document is than skipping a PM one.
FALSE_REVIEW_COST = 2.0
#: Below this probability of its best kind, a PM document is reviewed as "uncertain".
UNCERTAIN_BELOW = 0.6


@dataclass
class Light:
    """What ``profile`` reads from a Document, without parsing the markdown."""

    path: str
    lines: list[str]
    front_matter: dict[str, Any]
    body_line: int


def light(path: Path) -> Light:
    text = read(path)[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    front, _, body_line = _split_front_matter(text)
    return Light(str(path), text.split("\n"), front, body_line)


@dataclass
class Data:
    kinds: list[str]
    labels: np.ndarray  # index into kinds, len(kinds) meaning "none"
    kind_x: np.ndarray  # (n, K, D); the words-share column is filled per fit (see below)
    style_x: np.ndarray  # (n, S)
    words_x: sparse.csr_matrix  # (n, V) presence
    vocabulary: list[str]
    groups: list[str]
    paths: list[str]
    words: list[frozenset[str]]  # each document's set of words


WORDS_SHARE = KIND_FEATURES.index("words-share")


def background(data: Data) -> tuple[dict[str, int], int]:
    """How many PM documents use each word (words used by at least two). A kind's
    vocabulary is what sets it apart among PM documents: against all text, every PM word
    would look distinctive, and a team's kind would claim every PM document."""
    df: Counter[str] = Counter()
    pm = [w for w, label in zip(data.words, data.labels, strict=True) if label < len(data.kinds)]
    for words in pm:
        df.update(words)
    return {w: c for w, c in df.items() if c >= 2 and not w.isdigit()}, len(pm)


def vocabularies(data: Data) -> dict[str, dict[str, float]]:
    """Each kind's vocabulary from this data's documents of that kind (as shipped)."""
    bg, n = background(data)
    return {kind: vocabulary((data.words[i] for i in np.where(data.labels == k)[0]), bg, n)
            for k, kind in enumerate(data.kinds)}


def with_words_share(data: Data, vocabs: dict[str, dict[str, float]]) -> Data:
    """``data`` with the words-share column computed from ``vocabs``."""
    kind_x = data.kind_x.copy()
    for k, kind in enumerate(data.kinds):
        weights = vocabs[kind]
        total = sum(weights.values())
        kind_x[:, k, WORDS_SHARE] = [share(words, weights, total) for words in data.words]
    return replace(data, kind_x=kind_x)


def featurise(docs: list[Labelled], vocabulary: list[str] | None = None) -> Data:
    # Only the kinds that have labelled documents: an installed team plugin's kind would
    # otherwise join the fit with no examples of its own.
    labelled = {d.label for d in docs}
    match = matcher({k: c for k, c in load().critics.items() if k in labelled}, warn=print)
    kinds = sorted(match.signatures)
    profiles: list[Profile] = [profile(light(d.path)) for d in docs]  # type: ignore[arg-type]
    if vocabulary is None:
        df: Counter[str] = Counter()
        for prof in profiles:
            df.update(w for w in prof.vocabulary if not w.isdigit())
        vocabulary = sorted(w for w, _ in df.most_common(VOCABULARY))
    column = {w: i for i, w in enumerate(vocabulary)}
    features = [match.features(p) for p in profiles]
    kind_x = np.array([[[f[k][name] for name in KIND_FEATURES] for k in kinds]
                       for f in features])
    style_x = np.array([[p.style[s] for s in STYLE] for p in profiles])
    rows, cols = [], []
    for r, prof in enumerate(profiles):
        for w in prof.vocabulary:
            if w in column:
                rows.append(r)
                cols.append(column[w])
    words_x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                shape=(len(docs), len(vocabulary)))
    labels = np.array([kinds.index(d.label) if d.label != NONE else len(kinds) for d in docs])
    return Data(kinds, labels, kind_x, style_x, words_x, vocabulary, [d.group for d in docs],
                [str(d.path) for d in docs], [p.vocabulary for p in profiles])


@dataclass
class Model:
    kind_w: np.ndarray  # (D,) >= 0
    pm_bias: float
    pm_evidence: float
    pm_style: np.ndarray  # (S,)
    pm_words: np.ndarray  # (V,)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_kinds(kind_x: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """P(kind | PM): one weight per signature feature, shared by all kinds, >= 0."""
    n, k, d = kind_x.shape
    onehot = np.zeros((n, k))
    onehot[np.arange(n), labels] = 1

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = softmax(kind_x @ w)
        value = -np.mean(np.log(p[np.arange(n), labels] + 1e-12)) + 0.5 * L2_KIND / n * w @ w
        grad = np.einsum("nk,nkd->d", p - onehot, kind_x) / n + L2_KIND / n * w
        return float(value), grad

    result = optimize.minimize(loss, np.ones(d), jac=True, method="L-BFGS-B",
                               bounds=[(0, None)] * d,
                               options={"maxiter": 5000, "ftol": 1e-12, "gtol": 1e-9})
    return np.asarray(result.x)


def gate_inputs(data: Data, kind_w: np.ndarray) -> np.ndarray:
    """The dense inputs of P(PM): the best kind's score, then the style measures."""
    evidence = np.vectorize(evidence_strength)((data.kind_x @ kind_w).max(axis=1))
    return np.column_stack([evidence, data.style_x])


def fit_gate(data: Data, kind_w: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """P(PM document): logistic regression over evidence, style and words."""
    dense = gate_inputs(data, kind_w)
    words = data.words_x
    y = (data.labels < len(data.kinds)).astype(float)
    harvested = np.array([g.startswith("pkg:") for g in data.groups])
    hard = (y == 0) & ~harvested
    # PM documents weigh as much in total as non-PM ones, and among those the few hard
    # cases written for this (articles, templates, notes) as much as the many package docs.
    weight = np.where(y == 1, 0.5 / max(y.sum(), 1),
                      np.where(hard, 0.25 / max(hard.sum(), 1),
                               0.25 / max(((y == 0) & harvested).sum(), 1)))
    nd, nv = dense.shape[1], words.shape[1]
    l2 = np.concatenate([[0.0], np.full(nd, L2_STYLE), np.full(nv, L2_WORDS)]) / len(y)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + dense @ theta[1:1 + nd] + words @ theta[1 + nd:]
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        value = -np.sum(weight * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)))
        g = weight * (p - y)
        grad = np.concatenate([[g.sum()], dense.T @ g, words.T @ g]) + l2 * theta
        return float(value + 0.5 * np.sum(l2 * theta * theta)), grad

    result = optimize.minimize(loss, np.zeros(1 + nd + nv), jac=True, method="L-BFGS-B",
                               options={"maxiter": 3000})
    theta = np.asarray(result.x)
    return float(theta[0]), theta[1:1 + nd], theta[1 + nd:]


def fit(data: Data) -> Model:
    """Fit both stages on ``data``."""
    pm = data.labels < len(data.kinds)
    kind_w = fit_kinds(data.kind_x[pm], data.labels[pm])
    bias, dense, words = fit_gate(data, kind_w)
    return Model(kind_w, bias, float(dense[0]), dense[1:], words)


def scores(data: Data, model: Model) -> tuple[np.ndarray, np.ndarray]:
    """The kinds' scores (n, K) and the PM gate's (n,)."""
    z = (model.pm_bias + gate_inputs(data, model.kind_w) @ np.concatenate(
        [[model.pm_evidence], model.pm_style]) + data.words_x @ model.pm_words)
    return data.kind_x @ model.kind_w, z


def probabilities(kind_logits: np.ndarray, gate: np.ndarray, temperature: float = 1.0
                  ) -> np.ndarray:
    """(n, K+1): P(kind) for each kind, then P(not a PM document)."""
    pm = 1 / (1 + np.exp(-np.clip(gate, -30, 30)))
    return np.column_stack([softmax(kind_logits * temperature) * pm[:, None], 1 - pm])


def calibrate(kind_logits: np.ndarray, labels: np.ndarray) -> float:
    """The factor on the kinds' scores that makes P(kind | PM) honest on held-out documents
    (fitting on in-sample vocabulary leaves the scores too far apart or too close)."""
    rows = np.arange(len(labels))

    def nll(t: float) -> float:
        return float(-np.mean(np.log(softmax(kind_logits * t)[rows, labels] + 1e-12)))

    return round(min(np.arange(0.2, 3.001, 0.02), key=nll), 2)


def folds(groups: list[str], k: int = 5) -> list[np.ndarray]:
    """Fold number per document, keeping a writer's or a package's documents together."""
    import hashlib

    ids = np.array([hashlib.sha1(g.encode()).digest()[1] % k for g in groups])
    return [np.where(ids == i)[0] for i in range(k)]


def subset(data: Data, rows: np.ndarray) -> Data:
    return Data(data.kinds, data.labels[rows], data.kind_x[rows], data.style_x[rows],
                data.words_x[rows], data.vocabulary, [data.groups[i] for i in rows],
                [data.paths[i] for i in rows], [data.words[i] for i in rows])


def cross_validate(data: Data) -> tuple[np.ndarray, np.ndarray]:
    """Held-out kind scores and gate scores for every document."""
    kind_logits = np.zeros((len(data.labels), len(data.kinds)))
    gate = np.zeros(len(data.labels))
    for test in folds(data.groups):
        train = np.setdiff1d(np.arange(len(data.labels)), test)
        train_data = subset(data, train)
        model = fit(with_words_share(train_data, vocabularies(train_data)))
        test_data = with_words_share(subset(data, test), vocabularies(train_data))
        kind_logits[test], gate[test] = scores(test_data, model)
    return kind_logits, gate


def choose_skip(probs: np.ndarray, labels: np.ndarray, k: int) -> float:
    """The "not PM" probability to skip at: reviewing a non-PM document costs
    FALSE_REVIEW_COST times as much as skipping a PM document (precision first)."""
    none = labels == k

    def cost(t: float) -> float:
        return (FALSE_REVIEW_COST * np.mean(probs[none, k] < t)
                + np.mean(probs[~none, k] >= t))

    return round(min(np.arange(0.2, 0.81, 0.01), key=cost), 2)


def report(probs: np.ndarray, data: Data, skip_at: float, show: int) -> None:
    k = len(data.kinds)
    none = data.labels == k
    pm = ~none
    skipped = probs[:, k] >= skip_at
    best_kind = probs[:, :k].argmax(axis=1)
    print(f"cross-validated on {len(data.labels)} documents ({pm.sum()} PM, {none.sum()} not)")
    print(f"  PM documents reviewed:          {np.mean(~skipped[pm]):.1%}")
    right_kind = best_kind == data.labels
    print(f"  kind accuracy (PM, reviewed):   {np.mean(right_kind[pm & ~skipped]):.1%}")
    print(f"  kind accuracy (PM, all):        {np.mean(right_kind[pm] & ~skipped[pm]):.1%}")
    print(f"  non-PM documents reviewed:      {np.mean(~skipped[none]):.2%}")
    hard = none & ~np.array([g.startswith("pkg:") for g in data.groups])
    print(f"    of them hard cases (written):   {np.mean(~skipped[hard]):.1%} of {hard.sum()}")
    per_kind = {kind: np.mean((best_kind == i)[data.labels == i] & ~skipped[data.labels == i])
                for i, kind in enumerate(data.kinds)}
    print("  per kind: " + ", ".join(f"{kind} {v:.0%}" for kind, v in per_kind.items()))
    # Reliability: how often the most likely outcome is right, by its probability.
    outcome = np.where(skipped, k, best_kind)
    confidence = np.where(skipped, probs[:, k], probs[np.arange(len(outcome)), best_kind])
    right = outcome == data.labels
    print("  reliability (confidence of the outcome -> how often it is right):")
    for lo, hi in ((0, .5), (.5, .6), (.6, .7), (.7, .8), (.8, .9), (.9, 1.01)):
        sel = (confidence >= lo) & (confidence < hi)
        if sel.any():
            print(f"    {lo:.0%}-{min(hi, 1):.0%}: {sel.sum():5d} documents, right "
                  f"{np.mean(right[sel]):.0%}, mean confidence {np.mean(confidence[sel]):.0%}")
    wrong = np.where(~right)[0]
    for i in wrong[:show]:
        said = "not-pm" if outcome[i] == k else data.kinds[outcome[i]]
        truth = "not-pm" if data.labels[i] == k else data.kinds[data.labels[i]]
        print(f"    wrong: {data.paths[i]}: {truth} read as {said} ({confidence[i]:.0%})")


def write(model: Model, data: Data, skip_at: float, uncertain_below: float,
          temperature: float) -> None:
    words = {word: round(float(x), 4) for word, x in zip(data.vocabulary, model.pm_words,
                                                          strict=True) if abs(x) >= 0.002}
    out = {
        "format": 2,
        "note": "Written by benchmarks/detection/fit.py; do not edit by hand.",
        "fitted_on": {"documents": len(data.labels),
                      "pm": int((data.labels < len(data.kinds)).sum()),
                      "not_pm": int((data.labels == len(data.kinds)).sum()),
                      "kinds": data.kinds},
        "kind": {"weights": {f: round(float(x), 4)
                             for f, x in zip(KIND_FEATURES, model.kind_w, strict=True)},
                 # Scales the kinds' scores in P(kind | PM) only (calibration, see
                 # calibrate()); the PM gate reads the unscaled best score, as fitted.
                 "temperature": temperature},
        "pm": {"bias": round(model.pm_bias, 4), "evidence": round(model.pm_evidence, 4),
               "style": {n: round(float(x), 4)
                         for n, x in zip(STYLE, model.pm_style, strict=True)},
               "words": dict(sorted(words.items()))},
        "skip_at": skip_at,
        "uncertain_below": uncertain_below,
    }
    MODEL.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {MODEL} ({len(words)} word weights)")


def write_vocabularies(vocabs: dict[str, dict[str, float]], data: Data) -> None:
    """Each built-in kind's words.json, and the background a team's kind is measured
    against (``pmcoach vocabulary``)."""
    critics = load().critics
    for kind, words in vocabs.items():
        folder = Path(critics[kind].signature).parent  # type: ignore[arg-type]
        (folder / "words.json").write_text(json.dumps(words, indent=0) + "\n")
    bg, n = background(data)
    BACKGROUND.write_text(json.dumps({"documents": n, "df": dict(sorted(bg.items()))},
                                     separators=(",", ":")) + "\n")
    print(f"wrote words.json for {len(vocabs)} kinds and {BACKGROUND} ({len(bg)} words)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--show", type=int, default=25, help="misread documents to list")
    parser.add_argument("--dry-run", action="store_true", help="do not write model.json")
    args = parser.parse_args()
    started = time.perf_counter()
    docs = training()
    data = featurise(docs)
    print(f"{len(docs)} documents featurised in {time.perf_counter() - started:.1f}s "
          f"({Counter(d.label for d in docs)})")
    skip_at, temperature = 0.5, 1.0
    if not args.no_cv:
        kind_logits, gate = cross_validate(data)
        pm = data.labels < len(data.kinds)
        temperature = calibrate(kind_logits[pm], data.labels[pm])
        probs = probabilities(kind_logits, gate, temperature)
        skip_at = choose_skip(probs, data.labels, len(data.kinds))
        report(probs, data, skip_at, args.show)
        print(f"  skip threshold: {skip_at}; kinds' scores scaled by {temperature}")
    vocabs = vocabularies(data)
    # In-sample words-share to fit on: tried against out-of-fold (stacked) values, it
    # cross-validates better (96% against 93% kind accuracy).
    model = fit(with_words_share(data, vocabs))
    print("kind weights: " + ", ".join(f"{f}={x:.2f}" for f, x in zip(
        KIND_FEATURES, model.kind_w, strict=True)))
    print(f"PM gate: bias {model.pm_bias:.2f}, evidence {model.pm_evidence:.2f}, style "
          + ", ".join(f"{n}={x:.2f}" for n, x in zip(STYLE, model.pm_style, strict=True)))
    if not args.dry_run:
        write(model, data, skip_at, UNCERTAIN_BELOW, temperature)
        write_vocabularies(vocabs, data)
    print(f"done in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
