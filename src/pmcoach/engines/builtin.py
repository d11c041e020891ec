"""The built-in plugin that registers the OpenAI and LangChain engines.

Importing this module imports neither SDK: the factories import them on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..hookspecs import hookimpl


@hookimpl
def register_engines(register: Callable[[Any], None]) -> None:
    from .langchain_engine import LangChainFactory
    from .openai_engine import OpenAIFactory

    register(OpenAIFactory())
    register(LangChainFactory())
