"""What an output format is: the protocol every formatter (built-in or a plugin's) meets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from ..review import Report, Review


class Formatter(Protocol):
    """Renders a whole report; registered through the ``register_formatters`` hook."""

    name: str
    description: str

    def render(self, report: Report, *, color: bool) -> str:
        """The report as text; ``color`` is true only on a terminal without NO_COLOR."""
        ...


class StreamingFormatter(Formatter, Protocol):
    """A formatter that can also write the report while files are still being reviewed:
    memory then stays flat however many files a run has. Optional: pmcoach uses
    ``stream`` when a formatter has it, ``render`` otherwise."""

    def stream(self, report: Report, reviews: Iterable[Review], *, color: bool,
               verbosity: int = 0) -> Iterator[str]:
        """Pieces of text whose concatenation is ``render``'s output for the same report.
        ``reviews`` come in report order as files finish; once they are exhausted,
        ``report`` is final, its ``results`` a summary of each review (no prose)."""
        ...
