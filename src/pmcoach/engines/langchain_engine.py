"""The LangChain engine: ``--model langchain:package.module:ClassName`` loads any
langchain-core ``BaseChatModel``; ``--model-arg key=value`` feeds its constructor.

The model's own structured output is used when it has it; otherwise the prompt asks for
JSON and pmcoach parses and validates the reply itself (with one corrective retry).
"""

from __future__ import annotations

import threading
from typing import Any

from ..errors import EngineError
from . import EngineAnswer, EngineRequest, EngineSettings, FatalEngineError, redact
from .answer import AnswerError, json_schema, parse_answer, repair_message
from .openai_engine import _names_format, _with_requests


class LangChainFactory:
    name = "langchain"

    def create(self, settings: EngineSettings) -> LangChainEngine:
        return LangChainEngine(settings)


def load_model(target: str, kwargs: dict[str, Any]) -> Any:
    """Import ``package.module:Class`` and build it, with a pip hint when it is missing."""
    import pkgutil

    if ":" not in target:
        raise FatalEngineError(f"langchain model {target!r} must be package.module:ClassName "
                               "(e.g. langchain_ollama:ChatOllama)")
    try:
        cls = pkgutil.resolve_name(target)
    except ModuleNotFoundError as exc:
        package = (exc.name or target).split(".")[0]
        raise FatalEngineError(f"cannot import {target!r}: module {exc.name!r} is not "
                               f"installed; run: pip install {package.replace('_', '-')}"
                               ) from None
    except (AttributeError, ValueError, ImportError) as exc:
        raise FatalEngineError(f"cannot load {target!r}: {exc}") from None
    try:
        from langchain_core.language_models import BaseChatModel
    except ModuleNotFoundError:
        raise FatalEngineError("the LangChain engine needs langchain-core; run: "
                               "pip install 'langchain-core<=1.7.2'") from None
    if not (isinstance(cls, type) and issubclass(cls, BaseChatModel)):
        raise FatalEngineError(f"{target!r} is not a langchain-core BaseChatModel class")
    try:
        return cls(**kwargs)
    except Exception as exc:  # noqa: BLE001 - constructor errors: bad --model-arg
        raise FatalEngineError(redact(
            f"could not create {target} with the given --model-arg values: "
            f"{type(exc).__name__}: {exc}", kwargs)) from None


def _one_line(text: str, limit: int = 300) -> str:
    """A provider's error (often a server body with a traceback) as one short line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LangChainEngine:
    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self.label = f"langchain:{settings.model}"
        self._model: Any = None
        self._structured: dict[tuple[str, ...], Any] = {}
        self._lock = threading.Lock()

    def model(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = load_model(self.settings.model, dict(self.settings.model_args))
            return self._model

    def structured(self, ids: list[str]) -> Any:
        """The model bound to this rubric's answer schema (one per rubric), or None when the
        model has no structured output: then pmcoach parses the text itself."""
        key = tuple(ids)
        with self._lock:
            if key not in self._structured:
                schema = {"title": "pmcoach_review",
                          "description": "A review of the document, criterion by criterion.",
                          **json_schema(ids)}
                try:
                    self._structured[key] = self._model.with_structured_output(
                        schema, include_raw=True)
                except (NotImplementedError, AttributeError, ValueError, TypeError):
                    self._structured[key] = None
            return self._structured[key]

    def review(self, request: EngineRequest) -> EngineAnswer:
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        try:
            model = self.model()
        except EngineError as exc:
            exc.requests = 0  # type: ignore[attr-defined]  # nothing was sent
            raise
        ids = request.criterion_ids
        structured = self.structured(ids)
        messages: list[Any] = [SystemMessage(request.prompt.system),
                               HumanMessage(request.prompt.user)]
        result = EngineAnswer(answer=None, requests=0)  # type: ignore[arg-type]
        repaired = False
        while True:
            result.requests += 1
            try:
                if structured is not None:
                    out = structured.invoke(messages)
                    raw, content = out.get("raw"), out.get("parsed")
                    if content is None:
                        content = getattr(raw, "content", "")
                else:
                    raw = model.invoke(messages)
                    content = raw.content
            except EngineError:
                raise
            except Exception as exc:  # noqa: BLE001 - any provider error, as one line
                if structured is not None and _names_format(str(exc)):
                    # The server cannot do structured output (llama.cpp answers 500): ask
                    # for plain text for this rubric from now on, and parse it ourselves.
                    with self._lock:
                        self._structured[tuple(ids)] = None
                    structured = None
                    continue
                raise _with_requests(EngineError(redact(
                    f"{self.label}: {type(exc).__name__}: {_one_line(str(exc))}",
                    self.settings.model_args)), result) from None
            usage = getattr(raw, "usage_metadata", None) or {}
            result.prompt_tokens += int(usage.get("input_tokens", 0) or 0)
            result.completion_tokens += int(usage.get("output_tokens", 0) or 0)
            if isinstance(content, list):  # content blocks: keep the text ones
                content = "".join(b if isinstance(b, str) else str(b.get("text", ""))
                                  for b in content)
            try:
                result.answer = parse_answer(content, ids)
                return result
            except AnswerError as exc:
                if repaired:
                    raise _with_requests(EngineError(
                        f"{self.label}: the answer was still unusable after a corrective "
                        f"retry: {exc}"), result) from None
                repaired = True
                messages = [*messages, AIMessage(str(getattr(raw, "content", content))),
                            HumanMessage(repair_message(exc, ids))]
