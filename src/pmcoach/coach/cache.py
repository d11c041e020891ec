"""A content-addressed, on-disk cache of model answers.

The key covers everything that can change an answer: the document text, the kind, the
prompt id and the hash of the rendered prompt, the engine, the model and its settings
(base URL, model arguments). Timeouts, retries and ``--jobs`` are left out: they change
how an answer is fetched, not what it says. API keys are never part of a key or entry.

Entries are written to a temporary file and renamed into place, so two pmcoach processes
can share the cache (the last writer wins, both entries being equally valid), and a
reader never sees half an entry. An unreadable entry is treated as a miss and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..paths import default_dir

#: Bump when the entry layout changes; old entries are simply never read again.
FORMAT = 1


def cache_key(*, text: str, kind: str, prompt_id: str, prompt_sha256: str, engine: str,
              settings: dict[str, Any]) -> str:
    material = {"format": FORMAT, "text": hashlib.sha256(text.encode()).hexdigest(),
                "kind": kind, "prompt": prompt_id, "rendered": prompt_sha256,
                "engine": engine, "settings": settings}
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()
                          ).hexdigest()


class Cache:
    """``get``/``put`` JSON entries by key under ``root/v<FORMAT>/<ab>/<key>.json``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or default_dir()) / f"v{FORMAT}"

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent, unreadable or corrupt: a miss; put() will replace it
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return data

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Write atomically; a cache that cannot be written only costs a request later."""
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump({**entry, "key": key}, handle)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
