"""Output formats. This module is itself a built-in plugin that registers text, json,
markdown, sarif and github."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..hookspecs import hookimpl
from ..review import Report


class Formatter(Protocol):
    """Renders a whole report; registered through the ``register_formatters`` hook."""

    name: str
    description: str

    def render(self, report: Report, *, color: bool) -> str:
        """The report as text; ``color`` is true only on a terminal without NO_COLOR."""
        ...


@hookimpl
def register_formatters(register: Callable[[Formatter], None]) -> None:
    from .github import GithubFormatter
    from .json import JsonFormatter
    from .markdown import MarkdownFormatter
    from .sarif import SarifFormatter
    from .text import TextFormatter

    register(TextFormatter())
    register(JsonFormatter())
    register(MarkdownFormatter())
    register(SarifFormatter())
    register(GithubFormatter())
