"""The built-in plugin that registers the OpenAI and LangChain engines.

Importing this module imports neither SDK, nor the engine modules: a factory imports its
engine's module when an engine is created, so an offline run never loads them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..hookspecs import hookimpl


class LazyFactory:
    """A factory registered by name; the real one (``module:Class``) is imported when an
    engine is created."""

    def __init__(self, name: str, target: str) -> None:
        self.name = name
        self._target = target

    def __repr__(self) -> str:
        return f"LazyFactory({self.name!r}, {self._target!r})"

    def create(self, settings: Any) -> Any:
        module, _, cls = self._target.partition(":")
        factory = getattr(importlib.import_module(module, __package__), cls)()
        return factory.create(settings)


@hookimpl
def register_engines(register: Callable[[Any], None]) -> None:
    register(LazyFactory("openai", ".openai_engine:OpenAIFactory"))
    register(LazyFactory("langchain", ".langchain_engine:LangChainFactory"))
