"""The review pipeline: sources -> document -> detect -> critic -> coach -> suppress ->
score -> filter, composed in :mod:`.run` (see docs/architecture.md)."""

from .run import (
    FAIL_ON,
    ReviewOptions,
    ReviewRun,
    exit_code,
    review_document,
    review_paths,
    review_source,
)

__all__ = ["FAIL_ON", "ReviewOptions", "ReviewRun", "exit_code", "review_document",
           "review_paths", "review_source"]
