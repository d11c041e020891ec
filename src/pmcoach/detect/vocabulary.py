"""A kind's vocabulary: the words its documents use far more often than documents at large.

Computed the same way for every kind, built-in or a team's, from a folder of the kind's
example documents against a background of word frequencies shipped with pmcoach
(``background.json``: how many of the PM documents the model was fitted on use each
word, so what counts is what sets the kind apart among PM documents)::

    pmcoach vocabulary examples/retros/ -o words.json

The result is a signature's ``words``: word -> weight (the log of how much more often the
kind's examples use it than the background does).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from importlib import resources

#: How many words a kind's vocabulary keeps, at most.
MAX_WORDS = 200
#: A word must be this many times more common in the kind (log scale: e**0.7 ~ 2x).
MIN_LOG_RATIO = 0.7


def vocabulary(examples: Iterable[frozenset[str]], background: dict[str, int],
               background_documents: int) -> dict[str, float]:
    """Weights of the words that set ``examples`` (each a document's set of words) apart."""
    counts: Counter[str] = Counter()
    n = 0
    for words in examples:
        counts.update(words)
        n += 1
    if n == 0:
        return {}
    # A word a few examples share, not one writer's topic.
    min_count = max(3, math.ceil(0.05 * n))
    weights = {}
    for word, count in counts.items():
        if count < min_count or word.isdigit() or len(word) < 2:
            continue
        ratio = (math.log((count + 0.5) / (n + 1))
                 - math.log((background.get(word, 0) + 0.5) / (background_documents + 1)))
        if ratio >= MIN_LOG_RATIO:
            weights[word] = ratio
    # Favour words that are both distinctive and common in the kind.
    ranked = sorted(weights, key=lambda w: (-weights[w] * math.log1p(counts[w]), w))
    return {w: round(weights[w], 3) for w in sorted(ranked[:MAX_WORDS])}


def share(words: frozenset[str], weights: dict[str, float], total: float) -> float:
    """How much of a kind's weighted vocabulary a document uses (0 to 1)."""
    if not weights or total <= 0:
        return 0.0
    return sum(weights[w] for w in words & weights.keys()) / total


def background() -> tuple[dict[str, int], int]:
    """The shipped background: how many of the fitting documents use each word."""
    data = json.loads(resources.files(__package__).joinpath("background.json")
                      .read_text(encoding="utf-8"))
    return data["df"], int(data["documents"])
