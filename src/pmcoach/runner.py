"""Deprecated: the pipeline moved to :mod:`pmcoach.pipeline` in 0.2.

``from pmcoach.runner import ReviewOptions, review_document`` keeps working for plugin tests
written against 0.1; import from ``pmcoach.pipeline`` instead (docs/plugins.md).
"""

import warnings

from .pipeline import FAIL_ON, ReviewOptions, exit_code, review_document, review_paths

warnings.warn("pmcoach.runner is deprecated: import from pmcoach.pipeline",
              DeprecationWarning, stacklevel=2)

__all__ = ["FAIL_ON", "ReviewOptions", "exit_code", "review_document", "review_paths"]
