"""Small JSON files that start-up derives once and reads back on later runs.

A cache only ever costs speed: an entry that is missing, unreadable, half-written or
from another version reads as None (and is rebuilt), and a write that fails is
dropped. Writers replace files atomically (a temporary file in the same folder, then
``os.replace``), so concurrent runs race harmlessly: each reader sees one whole file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
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


def parsed(path: Path, text: str, parse: Callable[[str], Any], folder: str) -> Any:
    """``parse(text)``, remembered as JSON for this content of the file at ``path``
    (a data file read at every start, where parsing costs more than reading JSON).

    Data that JSON cannot hold as it is (dates, number keys) is parsed every time.
    """
    from .paths import default_dir

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    entry = default_dir() / folder / f"{hashlib.sha256(str(path).encode()).hexdigest()[:32]}.json"
    cached = read_json(entry)
    if isinstance(cached, dict) and cached.get("digest") == digest and "data" in cached:
        return cached["data"]
    data = parse(text)
    try:
        faithful = json.loads(json.dumps(data)) == data
    except (TypeError, ValueError):
        faithful = False
    if faithful:
        write_atomic(entry, {"digest": digest, "data": data})
    return data
