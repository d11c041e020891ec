"""A kind's vocabulary: the words its documents use far more often than documents at large.

Computed the same way for every kind, built-in or a team's, from a folder of the kind's
example documents against a background of word frequencies shipped with pmcoach
(``model.json``: how many of the documents the model was fitted on use each word)::

    pmcoach detect vocabulary launch-retro examples/retros/ > words.json

The result is a signature's ``words``: word -> weight (the log of how much more often the
kind's examples use it than the background does).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

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
    min_count = max(2, math.ceil(0.04 * n))
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
