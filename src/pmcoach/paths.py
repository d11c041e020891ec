"""Where pmcoach keeps what it caches between runs (model answers, parsed kind files)."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "PMCOACH_CACHE_DIR"


def default_dir() -> Path:
    """``$PMCOACH_CACHE_DIR``, else the platform's user cache folder for pmcoach."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pmcoach", appauthor=False))
