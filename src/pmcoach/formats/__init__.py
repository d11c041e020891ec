"""Output formats. This module is itself a built-in plugin that registers text, full, json,
markdown, sarif, github and html."""

from __future__ import annotations

from collections.abc import Callable

from ..hookspecs import hookimpl
from .base import Formatter

__all__ = ["Formatter", "register_formatters"]


@hookimpl
def register_formatters(register: Callable[[Formatter], None]) -> None:
    from .full import FullFormatter
    from .github import GithubFormatter
    from .html import HtmlFormatter
    from .json import JsonFormatter
    from .markdown import MarkdownFormatter
    from .sarif import SarifFormatter
    from .text import TextFormatter

    register(TextFormatter())
    register(FullFormatter())
    register(JsonFormatter())
    register(MarkdownFormatter())
    register(SarifFormatter())
    register(GithubFormatter())
    register(HtmlFormatter())
