"""Small JSON files that start-up derives once and reads back on later runs.

A cache only ever costs speed: an entry that is missing, unreadable, half-written or
from another version reads as None (and is rebuilt), and a write that fails is
dropped. Writers replace files atomically (a temporary file in the same folder, then
``os.replace``), so concurrent runs race harmlessly: each reader sees one whole file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def read_json(path: Path) -> Any:
    """The JSON data in ``path``, or None when there is none to be had."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_atomic(path: Path, data: Any) -> bool:
    """Write ``data`` as JSON to ``path`` all at once; False when it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(temp, path)
        return True
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temp)  # never leave a half-written entry behind
        return False
