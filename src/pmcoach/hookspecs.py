"""The hooks a pmcoach plugin can implement (see docs/plugins.md).

Each hook receives a ``register`` callback; call it once per thing the plugin adds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .critic import Critic
    from .formats.base import Formatter

hookspec = pluggy.HookspecMarker("pmcoach")
hookimpl = pluggy.HookimplMarker("pmcoach")


@hookspec
def register_critics(register: Callable[[Critic], None]) -> None:
    """Register critics: ``register(critic)`` once per artifact kind the plugin judges."""


@hookspec
def register_prompt_dirs(register: Callable[[Path], None]) -> None:
    """Register folders of prompt templates laid out as ``<kind>/v<N>.md.j2``."""


@hookspec
def register_formatters(register: Callable[[Formatter], None]) -> None:
    """Register output formats: ``register(formatter)``, selected with ``--format NAME``."""


@hookspec
def register_rule_functions(register: Callable[[str, Any], None]) -> None:
    """Register escape-hatch rule functions: ``register(name, fn)``, where
    ``fn(doc, options)`` returns the spans it found (kind files call it as
    ``type: python, function: name``)."""


@hookspec
def register_engines(register: Callable[[Any], None]) -> None:
    """Register model back ends: ``register(engine)``, chosen by ``--model PREFIX:NAME``."""
