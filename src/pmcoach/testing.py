"""Helpers for testing pmcoach plugins without a model or a network.

:class:`FakeEngine` answers from a queue and keeps a history of what it was asked::

    from pmcoach.testing import FakeEngine, review_text

    engine = FakeEngine([{"criteria": [...], "summary": "..."}])
    review = review_text(MY_DOC, registry, engine)
    assert engine.history[0].prompt.id == "my-kind/v1"

A queued item may be a dict (the model's JSON), a JSON string, an exception to raise
(an :class:`~pmcoach.errors.EngineError` to simulate a failing model), or a callable
that takes the request and returns one of those. An empty queue answers "met" for every
criterion.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engines import EngineAnswer, EngineRequest
from .engines.answer import AnswerError, parse_answer
from .errors import EngineError

if TYPE_CHECKING:
    from .coach import Coach
    from .plugins import Registry
    from .review import CriterionResult, Review


def all_met(request: EngineRequest) -> dict[str, Any]:
    """An answer judging every criterion met, quoting nothing (so it cannot overturn an
    offline verdict that is not met: see docs/models.md)."""
    return {"criteria": {i: {"verdict": "met", "message": f"{i} is covered",
                             "suggestion": "", "evidence": []} for i in request.criterion_ids},
            "summary": "Fake engine: everything met."}


class FakeEngine:
    """An engine with a queue of answers and a history of requests (thread-safe)."""

    def __init__(self, responses: Iterable[Any] = (), *, label: str = "fake:test",
                 prompt_tokens: int = 0, completion_tokens: int = 0) -> None:
        self.label = label
        self.queue: list[Any] = list(responses)
        self.history: list[EngineRequest] = []
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self._lock = threading.Lock()

    def add(self, *responses: Any) -> FakeEngine:
        with self._lock:
            self.queue.extend(responses)
        return self

    def review(self, request: EngineRequest) -> EngineAnswer:
        with self._lock:
            self.history.append(request)
            item = self.queue.pop(0) if self.queue else all_met
        if callable(item) and not isinstance(item, type):
            item = item(request)
        if isinstance(item, BaseException):
            raise item
        try:
            answer = parse_answer(item, request.criterion_ids)
        except AnswerError as exc:
            raise EngineError(f"{self.label}: {exc}") from None
        return EngineAnswer(answer=answer, requests=1, prompt_tokens=self.prompt_tokens,
                            completion_tokens=self.completion_tokens)


def fake_coach(engine: Any, *, prompt_dirs: Sequence[Path] = (), cache: Any = None,
               prompt_version: int | None = None) -> Coach:
    """A :class:`~pmcoach.coach.Coach` around ``engine``, without a cache by default."""
    from .coach import Coach
    from .coach.prompts import PromptLibrary

    return Coach(engine, PromptLibrary.discover(prompt_dirs), cache=cache,
                 prompt_version=prompt_version, settings={"engine": engine.label})


def review_text(text: str, registry: Registry, engine: Any, *, path: str = "doc.md",
                kind: str | None = None, prepare: Callable[[Any], None] | None = None
                ) -> Review:
    """Review ``text`` with ``engine`` the way ``pmcoach review`` does: an engine error
    leaves the offline review, with ``review.engine_error`` saying why."""
    from .document import Document
    from .pipeline.run import ReviewOptions, review_document

    options = ReviewOptions(kind=kind, coach=fake_coach(
        engine, prompt_dirs=registry.prompt_dirs))
    if prepare is not None:
        prepare(options)
    return review_document(Document.from_text(text, path), registry, options)


__all__ = ["FakeEngine", "all_met", "fake_coach", "review_text"]


def check_grounded(critic: Any, text: str, path: str = "doc.md") -> list[CriterionResult]:
    """Run ``critic.check`` on ``text`` and assert the contract every critic keeps: one
    result per rubric criterion, in rubric order, and every evidence or finding quote
    really in the file at the lines it claims. Returns the results for further asserts."""
    from .document import Document

    doc = Document.from_text(text, path)
    results = critic.check(doc)
    assert [r.id for r in results] == critic.rubric.ids, "results do not follow the rubric"
    for result in results:
        spans = [(e.line, e.end_line, e.quote) for e in result.evidence]
        spans += [(f.line, f.end_line, f.quote) for f in result.findings if f.quote]
        for line, end_line, quote in spans:
            assert line is not None and end_line is not None and 1 <= line <= end_line, \
                (result.id, line, end_line)
            window = " ".join(" ".join(doc.lines[line - 1 : end_line]).split())
            assert " ".join(quote.split()) in window, (result.id, line, quote)
    return results
