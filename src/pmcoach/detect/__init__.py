"""Which kind of artifact a document is, or that it is not a PM document at all.

The order: ``--kind``, then ``kind:`` in front matter, then a config glob, then the
content. From content there are three outcomes (see docs/detection.md):

* a kind, reviewed;
* not a PM document (:data:`NOT_PM`): skipped, never an error;
* a PM document whose kind is uncertain: reviewed as the best guess, with the runners-up
  and the front-matter line that would settle it.

Every installed kind takes part through its declarative signature; the fitted model in
``model.py`` scores them all alike.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KindError, PluginError
from ..review import Detection, KindScore
from .features import Matcher, Profile, profile
from .model import NOT_PM, Scores, params, score
from .signature import Signature

if TYPE_CHECKING:
    from ..critic import Critic
    from ..document import Document

__all__ = ["NOT_PM", "Scores", "Signature", "detect", "explain", "looks_like", "signatures"]

#: Runners-up at least this likely are shown with an uncertain kind.
RUNNER_UP_MIN = 0.1

# Per critic object (weakly held, so a new plugin set never sees a stale entry).
_loaded: weakref.WeakKeyDictionary[Critic, Signature | PluginError] = weakref.WeakKeyDictionary()
# The last few plugin sets' matchers, with the critics they were built from.
_matchers: list[tuple[list[Critic], Matcher]] = []
_MATCHERS_KEPT = 4


def signatures(critics: Mapping[str, Critic],
               warn: Callable[[str], None] | None = None) -> dict[str, Signature]:
    """The signature of every kind that has one (each read once per process).

    A kind whose signature is broken is left out of content detection, with one warning.
    """
    out: dict[str, Signature] = {}
    for kind, critic in critics.items():
        spec = getattr(critic, "signature", None)
        if spec is None:
            continue
        if critic not in _loaded:
            try:
                _loaded[critic] = Signature.load(kind, spec, _module_folder(critic))
            except PluginError as exc:
                _loaded[critic] = exc
                if warn:
                    warn(f"{exc}; kind {kind!r} is left out of detection for this run")
        loaded = _loaded[critic]
        if isinstance(loaded, Signature):
            out[kind] = loaded
    return out


def _module_folder(critic: Critic) -> Path | None:
    """Where the critic's module lives: relative signature paths are read from there."""
    module = sys.modules.get(type(critic).__module__)
    file = getattr(module, "__file__", None)
    return Path(file).parent if file else None


def matcher(critics: Mapping[str, Critic],
            warn: Callable[[str], None] | None = None) -> Matcher:
    """The phrase tables of every installed kind's signature, built once per plugin set."""
    current = list(critics.values())
    for built_from, found in _matchers:
        if len(built_from) == len(current) and all(
                a is b for a, b in zip(built_from, current, strict=True)):
            return found
    built = Matcher(signatures(critics, warn))
    _matchers.insert(0, (current, built))
    del _matchers[_MATCHERS_KEPT:]
    return built


def explain(doc: Document, critics: Mapping[str, Critic],
            warn: Callable[[str], None] | None = None,
            reasons: bool = True) -> tuple[Profile, Scores]:
    """The content scores of every outcome for ``doc``, with the features behind them."""
    prof = profile(doc)
    return prof, score(prof, matcher(critics, warn), reasons)


def detect(doc: Document, critics: Mapping[str, Critic], *, option: str | None = None,
           configured: str | None = None,
           warn: Callable[[str], None] | None = None) -> Detection:
    """Decide the document's kind (``Detection.kind`` None: not a PM document)."""
    if option:
        return Detection(kind=option, confidence=1.0, source="option")
    declared = _declared(doc, critics)
    if declared:
        return Detection(kind=declared, confidence=1.0, source="front-matter")
    if configured:
        return Detection(kind=configured, confidence=1.0, source="config")
    if not signatures(critics, warn):
        raise KindError("no installed kind can be detected from content; add 'kind: <kind>' "
                        f"front matter or pass --kind (kinds: {_known(critics)})")
    prof, match = profile(doc), matcher(critics, warn)
    scores = score(prof, match, reasons=False)
    if scores.probabilities[NOT_PM] >= params().skip_at:
        scores = score(prof, match)  # a skipped file says what it looks like: the why
    return from_scores(scores)


def from_scores(scores: Scores) -> Detection:
    """The detection outcome that the probabilities in ``scores`` call for."""
    p = params()
    probs = scores.probabilities
    kinds = sorted((k for k in probs if k != NOT_PM), key=lambda k: -probs[k])
    not_pm = probs.get(NOT_PM, 0.0)
    # Kinds a reader might still consider, best first.
    plausible = [KindScore(kind=k, confidence=round(probs[k], 2)) for k in kinds
                 if probs[k] >= RUNNER_UP_MIN]
    if not_pm >= p.skip_at or not kinds:
        return Detection(kind=None, confidence=round(not_pm, 2), source="content",
                         not_pm=round(not_pm, 2), runners_up=plausible,
                         looks_like=looks_like(scores))
    best = kinds[0]
    others = [r for r in plausible if r.kind != best]
    uncertain = probs[best] < p.uncertain_below
    return Detection(kind=best, confidence=round(probs[best], 2), source="content",
                     close=[r for r in others if probs[best] - probs[r.kind] <= 0.1],
                     not_pm=round(not_pm, 2), uncertain=uncertain,
                     runners_up=others if uncertain else [],
                     settle=f"kind: {best}" if uncertain else None)


#: How a "not a PM document" reason reads, by the style measure that weighed most.
_LOOKS = {
    "style:code": "software documentation (code blocks)",
    "style:inline-code": "software documentation (inline code)",
    "style:links": "a page of links or references",
    "style:markup": "reStructuredText documentation",
    "style:second-person": "advice written to 'you' (an article or guide)",
    "style:placeholders": "a template with placeholders",
    "style:blanks": "a template with blanks to fill in",
    "style:versions": "release notes or a changelog",
    "style:heading-density": "an outline of headings with little text",
}


def looks_like(scores: Scores) -> str:
    """A few words on what a document skipped as not a PM document looks like."""
    reasons = scores.reasons.get(NOT_PM, [])
    for name, _ in reasons:
        if name in _LOOKS:
            return _LOOKS[name]
    words = [n.split(":", 1)[1] for n, _ in reasons if n.startswith("word:")][:3]
    if words:
        return "none of the kinds (its words: " + ", ".join(repr(w) for w in words) + ")"
    return "none of the kinds pmcoach reviews"


def _declared(doc: Document, critics: Mapping[str, Critic]) -> str | None:
    """``kind:`` in front matter (must be installed); ``type:`` only when it names a kind.

    Many sites use ``type: post`` for their own purposes, so an unknown ``type:`` is not
    an error, it is just not a kind.
    """
    for key in ("kind", "type"):
        value = doc.front_matter.get(key)
        if not (isinstance(value, str) and value.strip()):
            continue
        declared = value.strip().lower()
        if declared in critics:
            return declared
        if key == "kind":
            raise KindError(
                f"front matter says kind {declared!r}, but no installed plugin provides it "
                f"(installed kinds: {_known(critics)}); fix the front matter or install "
                "the plugin")
    return None


def _known(critics: Mapping[str, Critic]) -> str:
    return ", ".join(sorted(critics)) or "none"
