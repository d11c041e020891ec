"""Which kind of artifact a document is: --kind, then front matter, then content."""

from __future__ import annotations

from collections.abc import Mapping

from .critic import Critic
from .document import Document
from .errors import KindError, PluginError
from .review import Detection, KindScore

#: Below this, no critic is sure enough to review the document unasked.
MIN_CONFIDENCE = 0.3
#: A runner-up within this distance of the winner is reported as a close call.
CLOSE_MARGIN = 0.1


def detect(doc: Document, critics: Mapping[str, Critic], *, option: str | None = None,
           configured: str | None = None) -> Detection:
    """Decide the document's kind, or raise :class:`KindError` saying how to tell pmcoach."""
    known = ", ".join(sorted(critics)) or "none"
    if option:
        return Detection(kind=option, confidence=1.0, source="option")
    declared = doc.declared_kind
    if declared:
        if declared not in critics:
            raise KindError(
                f"front matter says kind {declared!r}, but no installed plugin provides it "
                f"(installed kinds: {known}); fix the front matter or install the plugin")
        return Detection(kind=declared, confidence=1.0, source="front-matter")
    if configured:
        return Detection(kind=configured, confidence=1.0, source="config")
    scores = scores_for(doc, critics)
    if not scores:
        raise KindError("no critics are installed; reinstall pmcoach")
    best_kind, best = max(scores.items(), key=lambda item: item[1])
    if best < MIN_CONFIDENCE:
        raise KindError(
            f"could not tell what kind of document this is (best guess {best_kind}, "
            f"{best:.0%} sure); add 'kind: <kind>' front matter or pass --kind "
            f"(kinds: {known})")
    close = [KindScore(kind=k, confidence=round(v, 2)) for k, v in
             sorted(scores.items(), key=lambda item: -item[1])
             if k != best_kind and v >= MIN_CONFIDENCE and best - v <= CLOSE_MARGIN]
    return Detection(kind=best_kind, confidence=round(best, 2), source="content", close=close)


def scores_for(doc: Document, critics: Mapping[str, Critic]) -> dict[str, float]:
    """Every critic's confidence that ``doc`` is its kind, clamped to 0..1."""
    scores: dict[str, float] = {}
    for kind, critic in critics.items():
        try:
            value = float(critic.detect(doc))
        except Exception as exc:  # noqa: BLE001 - a plugin's bug, reported by name
            raise PluginError(f"critic {kind!r} failed while detecting: "
                              f"{type(exc).__name__}: {exc}") from exc
        scores[kind] = min(1.0, max(0.0, value))
    return scores
