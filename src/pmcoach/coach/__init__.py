"""The coaching step of a review: render the critic's prompt, answer from the cache or
the engine, merge with the offline checks. Also the small thread pool that runs many
files at once.

Thread safety: one :class:`Coach` is shared by the worker threads; its counters are
guarded by a lock, engines guard their own lazy set-up, and cache writes are atomic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..engines import Engine, EngineError, EngineRequest, FatalEngineError
from ..engines.answer import AnswerError, ModelAnswer, parse_answer
from ..pipeline.schedule import Schedule
from ..review import Detection, ErrorInfo, KindScore, PromptRef, Review, Usage
from ..rubric import Criterion, Rubric
from .cache import Cache, cache_key
from .merge import merge
from .prices import cost
from .prompts import PromptLibrary, RenderedPrompt, render

if TYPE_CHECKING:
    from ..critic import Critic
    from ..document import Document

#: The prompt kind that asks a model for a document's kind, and its "none of these" id.
DETECT = "detect"
NONE = "none"



@dataclass(frozen=True)
class DryRun:
    """What ``--dry-run`` reports for one file."""

    path: str
    prompt: RenderedPrompt
    cached: bool
    #: The cache key the answer is stored under, and the rubric's criterion ids.
    key: str = ""
    ids: tuple[str, ...] = ()


class Coach:
    """Adds a model's critique to offline reviews."""

    def __init__(self, engine: Engine | None, library: PromptLibrary, *,
                 settings: dict[str, Any] | None = None, prompt_version: int | None = None,
                 prompt_versions: Mapping[str, int] | None = None,
                 cache: Cache | None = None, dry_run: bool = False) -> None:
        self.engine = engine
        self.library = library
        self.settings = settings or {}
        #: --prompt-version (every kind), then the config's per-kind versions.
        self.prompt_version = prompt_version
        self.prompt_versions = dict(prompt_versions or {})
        self.cache = cache
        self.dry_run = dry_run
        self.dry_runs: list[DryRun] = []
        self.fatal: FatalEngineError | None = None
        self._fatal_reported = False
        #: Price overrides from the config (model -> {input, output} USD per million).
        self.prices: Mapping[str, Mapping[str, float]] = {}
        #: After a batch: answers come only from the cache; ``missing`` says why a key has
        #: none (and ``batch`` prices tokens at the Batch API's discount).
        self.cache_only = False
        self.batch = False
        self.missing: dict[str, str] = {}
        #: --refresh: ask again even when the cache has an answer (and store the new one).
        self.read_cache = True
        self._usage = Usage()
        self._lock = threading.Lock()
        #: Whose turn it is and which requests may start: the pipeline's schedule for the
        #: run (a default one when the coach is used on its own, as in tests).
        self.schedule = Schedule()

    @property
    def label(self) -> str:
        return self.engine.label if self.engine is not None else "offline"

    def usage(self) -> Usage:
        """The run's model calls so far, with their estimated cost."""
        with self._lock:
            usage = self._usage.model_copy()
        return self._priced(usage)

    def _priced(self, usage: Usage) -> Usage:
        if self.engine is not None and usage.requests:
            usage.cost_usd = cost(self.label, usage.prompt_tokens, usage.completion_tokens,
                                  self.prices, batch=self.batch)
        return usage

    def count(self, usage: Usage) -> None:
        """Add model calls made outside :meth:`apply` (a batch) to the run's usage."""
        self._count(usage.requests, usage.cached, usage.prompt_tokens, usage.completion_tokens)

    def _count(self, requests: int = 0, cached: int = 0, prompt_tokens: int = 0,
               completion_tokens: int = 0) -> None:
        with self._lock:
            self._usage.requests += requests
            self._usage.cached += cached
            self._usage.prompt_tokens += prompt_tokens
            self._usage.completion_tokens += completion_tokens

    def prompt_for(self, doc: Document, critic: Critic) -> RenderedPrompt:
        version = (self.prompt_version or self.prompt_versions.get(critic.kind)
                   or getattr(critic, "prompt_version", None))
        return render(self.library.get(critic.kind, version), critic.rubric, doc)

    def _key(self, doc: Document, kind: str, prompt: RenderedPrompt) -> str:
        return cache_key(text=doc.text, kind=kind, prompt_id=prompt.id,
                         prompt_sha256=prompt.sha256, engine=self.label,
                         settings=self.settings)

    def _cached(self, key: str, ids: list[str]) -> ModelAnswer | None:
        entry = self.cache.get(key) if self.cache is not None else None
        if entry is None:
            return None
        try:
            return parse_answer(entry.get("answer"), ids)
        except AnswerError:
            return None  # an entry from an older rubric, or damaged: ask again

    def apply(self, doc: Document, critic: Critic, review: Review,
              notify: Callable[[str, str], None] | None = None) -> str:
        """Merge the model's critique into ``review`` (criteria, engine, prompt) and return
        its overall coaching sentence(s) for the summary. Raises :class:`EngineError`
        when the model could not give one: the file then reports that error."""
        if not self.library.versions(critic.kind) and not self.prompt_version:
            # A plugin kind that ships no prompts: still reviewed, offline only.
            if notify is not None:
                notify(doc.path, f"kind {critic.kind!r} has no prompt template, so it was "
                                 "checked offline only (see docs/prompts.md)")
            return ""
        prompt = self.prompt_for(doc, critic)
        ids = critic.rubric.ids
        key = self._key(doc, critic.kind, prompt)
        if self.dry_run:
            cached = self.engine is not None and self._cached(key, ids) is not None
            with self._lock:
                self.dry_runs.append(DryRun(doc.path, prompt, cached, key, tuple(ids)))
            return ""
        if self.engine is None:
            return ""
        answer = self._cached(key, ids) if self.read_cache else None
        if answer is not None:
            self._count(cached=1)
            review.usage = Usage(cached=1)
        elif self.cache_only:
            # A batch run: what the batch did not answer is not asked one by one.
            reason = self.missing.get(key, "the batch returned no answer for this file")
            review.engine_error = ErrorInfo(type="engine", message=reason)
            if notify is not None:
                notify(doc.path, f"{reason}; reviewed offline")
            return ""
        else:
            try:
                answer, review.usage = self._ask(prompt, ids, key)
            except EngineError as exc:
                # Degrade, don't fail: the offline review stands, and says why.
                review.engine_error = ErrorInfo(type="engine", message=str(exc))
                review.usage = self._priced(_spent(exc))
                if notify is not None and self._first_report(exc):
                    notify(doc.path, f"{exc}; reviewed offline")
                return ""
        review.engine = self.label
        review.prompt = PromptRef(id=prompt.id, sha256=prompt.sha256)
        review.criteria = merge(doc, review.criteria, answer)
        return answer.summary.strip()

    def _first_report(self, exc: EngineError) -> bool:
        """Whether to print this failure: a fatal one (no key, no quota, unknown model)
        fails every file the same way, so it is said once, not per file."""
        if not isinstance(exc, FatalEngineError) and not str(exc).startswith("not sent:"):
            return True
        with self._lock:
            first, self._fatal_reported = not self._fatal_reported, True
        return first

    def detect(self, doc: Document, critics: Mapping[str, Critic],
               detection: Detection) -> Detection | None:
        """Ask the model which kind an uncertain document is (``prompts/detect``).

        The candidates are content detection's best guess and runners-up, plus "none".
        Returns None when there is no model, no detect template, or no clear answer:
        the content guess then stands."""
        if self.engine is None or self.dry_run or not self.library.versions(DETECT):
            return None
        kinds = [k for k in [detection.kind, *(r.kind for r in detection.runners_up)]
                 if k is not None and k in critics]
        rubric = Rubric(kind=DETECT, title="what kind of document this is", criteria=(
            *(Criterion(id=k, title=critics[k].title, description=_about(critics[k]))
              for k in kinds),
            Criterion(id=NONE, title="None of these",
                      description="Not one of the kinds above: documentation, notes, an "
                                  "article or template about such documents, anything else."),
        ))
        prompt = render(self.library.get(DETECT), rubric, doc)
        key = self._key(doc, DETECT, prompt)
        answer = self._cached(key, rubric.ids) if self.read_cache else None
        if answer is not None:
            self._count(cached=1)
        else:
            try:
                answer, _ = self._ask(prompt, rubric.ids, key)
            except EngineError:
                return None  # content detection's guess stands; the review will say why
        chosen = [c.id for c in answer.criteria if c.verdict == "met"]
        if len(chosen) != 1:
            return None
        return _model_detection(detection, None if chosen[0] == NONE else chosen[0])

    def _ask(self, prompt: RenderedPrompt, ids: list[str], key: str
             ) -> tuple[ModelAnswer, Usage]:
        """The model's answer and what asking cost (cached as soon as it arrives)."""
        assert self.engine is not None
        # Other files' checks run while this one waits for a request slot.
        with self.schedule.request_slot():
            if self.fatal is not None:
                # Every request would fail the same way: do not send more.
                raise EngineError(f"not sent: {self.fatal}")
            try:
                result = self.engine.review(EngineRequest(prompt, ids))
            except EngineError as exc:
                spent = _spent(exc)
                self._count(requests=spent.requests, prompt_tokens=spent.prompt_tokens,
                            completion_tokens=spent.completion_tokens)
                if isinstance(exc, FatalEngineError):
                    with self._lock:
                        self.fatal = self.fatal or exc
                raise
            self._count(requests=result.requests, prompt_tokens=result.prompt_tokens,
                        completion_tokens=result.completion_tokens)
            if self.cache is not None:
                # Written as soon as it arrives (and before the slot is free), so an
                # interrupted run keeps every answer that finished.
                self.cache.put(key, {"engine": self.label, "prompt": prompt.id,
                                     "answer": result.answer.model_dump(mode="json"),
                                     "prompt_tokens": result.prompt_tokens,
                                     "completion_tokens": result.completion_tokens})
        return result.answer, self._priced(Usage(
            requests=result.requests, prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens))


def _spent(exc: EngineError) -> Usage:
    """What a failed request had already cost (engines attach it to the error)."""
    return Usage(requests=getattr(exc, "requests", 1),
                 prompt_tokens=getattr(exc, "prompt_tokens", 0),
                 completion_tokens=getattr(exc, "completion_tokens", 0))


def _about(critic: Critic) -> str:
    """A kind described by its rubric, for a model choosing between kinds."""
    return "; ".join(c.description.rstrip(".") for c in critic.rubric.criteria) + "."


def _model_detection(detection: Detection, kind: str | None) -> Detection:
    """Content detection's result, overruled by the model's choice of ``kind``.

    The content scores stay visible: the model's choice is shown against them, and
    "confidence" stays what content detection gave that outcome."""
    content: dict[str | None, float] = {detection.kind: detection.confidence,
                                        **{r.kind: r.confidence for r in detection.runners_up}}
    return detection.model_copy(update={
        "kind": kind, "source": "model", "uncertain": False, "settle": None,
        "close": [],
        "confidence": detection.not_pm or 0.0 if kind is None else content[kind],
        "runners_up": [KindScore(kind=k, confidence=c) for k, c in content.items()
                       if k != kind and k is not None],
        "looks_like": "none of the kinds, in the model's judgement" if kind is None
        else None})
