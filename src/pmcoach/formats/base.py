"""What an output format is: the protocol every formatter (built-in or a plugin's) meets."""

from __future__ import annotations

from typing import Protocol

from ..review import Report


class Formatter(Protocol):
    """Renders a whole report; registered through the ``register_formatters`` hook."""

    name: str
    description: str

    def render(self, report: Report, *, color: bool) -> str:
        """The report as text; ``color`` is true only on a terminal without NO_COLOR."""
        ...
