"""Model back ends. The only package that imports ``openai`` or ``langchain_core``, and
only inside the functions that talk to a model, so ``pmcoach --help``, offline reviews
and cache hits never pay for those imports.

An engine factory (registered with the ``register_engines`` hook) has a ``name`` (the
``--model`` prefix, e.g. ``langchain``) and ``create(model, settings) -> Engine``.
An :class:`Engine` turns a rendered prompt into a validated :class:`ModelAnswer`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import ConfigError, EngineError

if TYPE_CHECKING:
    from ..coach.prompts import RenderedPrompt
    from .answer import ModelAnswer

#: The engine used when ``--model`` names no registered prefix (``gpt-4.1-mini``).
DEFAULT_ENGINE = "openai"


class FatalEngineError(EngineError):
    """An error every further request would repeat (bad key, no quota, unknown model):
    reported at once, never retried, and the remaining files are not sent."""


@dataclass(frozen=True)
class EngineSettings:
    """Everything about how a model is called; the parts that change answers go into
    the cache key (:meth:`cache_fields`)."""

    model: str
    base_url: str | None = None
    timeout: float = 60.0
    retries: int = 2
    model_args: Mapping[str, Any] = field(default_factory=dict)

    def cache_fields(self) -> dict[str, Any]:
        return {"model": self.model, "base_url": self.base_url,
                "model_args": dict(sorted(self.model_args.items()))}


@dataclass(frozen=True)
class EngineRequest:
    prompt: RenderedPrompt
    criterion_ids: list[str]


@dataclass
class EngineAnswer:
    answer: ModelAnswer
    requests: int = 1
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Engine(Protocol):
    #: What the report records, e.g. ``openai:gpt-4.1-mini``.
    label: str

    def review(self, request: EngineRequest) -> EngineAnswer:
        """Ask the model; raise :class:`EngineError` (one line, no secrets) on failure."""
        ...


class EngineFactory(Protocol):
    name: str

    def create(self, settings: EngineSettings) -> Engine:
        ...


_KEY = re.compile(r"\b(sk-[A-Za-z0-9_*-]{6,})")
_SECRET_ARG = re.compile(r"key|token|secret|password", re.I)


def redact(text: str, model_args: Mapping[str, Any] | None = None) -> str:
    """Remove API keys from ``text``: the OpenAI key, secret-looking ``--model-arg``
    values, and anything shaped like ``sk-...`` (servers sometimes echo part of a key)."""
    secrets = [os.environ.get("OPENAI_API_KEY") or ""]
    secrets += [str(v) for k, v in (model_args or {}).items() if _SECRET_ARG.search(k)]
    for secret in secrets:
        if len(secret) >= 6:
            text = text.replace(secret, "***")
    return _KEY.sub("sk-***", text)


def split_model(spec: str, factories: Mapping[str, Any]) -> tuple[str, str]:
    """``langchain:pkg.mod:Class`` -> (``langchain``, ``pkg.mod:Class``); a prefix that is
    not a registered engine is part of the model name (``llama3.1:8b`` is an Ollama tag)."""
    prefix, sep, rest = spec.partition(":")
    if sep and prefix in factories:
        if not rest:
            raise ConfigError(f"--model {spec!r} names engine {prefix!r} but no model")
        return prefix, rest
    return DEFAULT_ENGINE, spec


def parse_model_args(pairs: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` pairs; values are JSON when they parse as JSON (numbers, lists,
    true/false), otherwise plain strings."""
    import json

    args: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--model-arg {pair!r} is not KEY=VALUE")
        try:
            args[key.strip()] = json.loads(value)
        except ValueError:
            args[key.strip()] = value
    return args


__all__ = ["DEFAULT_ENGINE", "Engine", "EngineAnswer", "EngineError", "EngineFactory",
           "EngineRequest", "EngineSettings", "FatalEngineError", "parse_model_args",
           "redact", "split_model"]
