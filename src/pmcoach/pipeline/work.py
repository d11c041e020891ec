"""One file's unit of work: read it, review it, take what else is wanted from its
Document, and hand back a small :class:`FileResult` (the Document is gone by then).

The same function runs in the main process and in worker processes, so a FileResult is
plain data that pickles: the review, the notes the file produced (replayed by the main
process in input order, so output does not depend on ``--jobs``), and ``extras``, one
small payload per :data:`Extract` in ``ReviewOptions.extract`` (the portfolio view's
per-document facts, for instance).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..document import Document
    from ..plugins import Registry
    from ..review import Review
    from .run import ReviewOptions
    from .sources import Source

#: Takes a reviewed file's Document and Review, returns something small and picklable.
#: Extractors run in worker processes: make them module-level functions, not lambdas.
Extract = Callable[["Document", "Review"], Any]


@dataclass
class FileResult:
    """What reviewing one file leaves behind."""

    #: The file's place in the run's input order.
    index: int
    review: Review
    #: ``(path, message)`` notes for the user (skipped, kind uncertain, front matter).
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: One entry per ``ReviewOptions.extract`` name, for files that were reviewed.
    extras: dict[str, Any] = field(default_factory=dict)


def review_file(index: int, source: Source, registry: Registry,
                options: ReviewOptions) -> FileResult:
    """Review ``source``; never raises for a problem with the file (it is the review's
    error), only for Ctrl-C."""
    from .run import review_source

    result = FileResult(index=index, review=None)  # type: ignore[arg-type]

    def note(path: str, message: str) -> None:
        result.notes.append((path, message))

    def extract(doc: Document, review: Review) -> None:
        for name, fn in options.extract.items():
            result.extras[name] = fn(doc, review)

    result.review = review_source(source, registry, options, note,
                                  on_document=extract if options.extract else None)
    return result
