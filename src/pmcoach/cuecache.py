"""The cue table: what :mod:`pmcoach.cues` derives from each phrase list, kept on disk.

Deriving a cue's word-start keys and its lower-cased source parses every phrase with the
regex parser: a few hundred cues cost a cold process more than the review itself.
Compiled patterns cannot be saved, but these strings can. The table is one JSON file
per pmcoach version, Python version and plugin set (:func:`use`), read at the first
cue search and written back, with whatever the run derived, when the process exits.

Each entry maps a cue (its phrases and matching mode) to ``[keys, fast_source, plan]``
(the plan: each phrase's own keys and group count), the same values :mod:`pmcoach.cues`
would derive, so answers never depend on the table. A
missing, corrupt or half-written file reads as an empty table (see ``diskcache.py``);
concurrent runs each replace the file whole, at worst dropping another run's new
entries, which the next run derives again.
"""

from __future__ import annotations

import atexit
import hashlib
import sys
import threading
from pathlib import Path
from typing import Any

from .__about__ import __version__
from .diskcache import read_json, write_atomic

#: Bump when what an entry means changes (keys, fast source, plan).
FORMAT = 2
#: More entries than this (many plugin sets tried in one cache): start a new table.
MAX_ENTRIES = 20_000

Keys = frozenset[str] | None
Plan = list[tuple[Keys, int]]
Entry = tuple[Keys, str | None, Plan | None]

_lock = threading.Lock()
_state: dict[str, Any] = {"path": None, "loaded": None, "new": {}, "registered": False}


def table_path(fingerprint: str, root: Path | None = None) -> Path:
    """Where the table for this pmcoach, this Python and plugin set ``fingerprint`` lives."""
    from .paths import default_dir

    key = "\n".join([__version__, sys.version, str(FORMAT), fingerprint])
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return (root or default_dir()) / "cues" / f"{name}.json"


def use(fingerprint: str) -> None:
    """Read and write the table of plugin set ``fingerprint`` from now on (the plugin
    loader calls this once it knows which plugins are installed)."""
    with _lock:
        path = table_path(fingerprint)
        if path != _state["path"]:
            _state.update(path=path, loaded=None)


def lookup(key: str) -> Entry | None:
    """What the table holds for cue ``key`` (None: nothing, or nothing usable)."""
    loaded = _state["loaded"]
    if loaded is None:
        loaded = _load()
    entry = loaded.get(key)
    if entry is None:
        return None
    try:
        keys, fast, plan = entry
        if fast is not None and not isinstance(fast, str):
            return None
        return _keys(keys), fast, (None if plan is None else
                                   [(_keys(own), int(groups)) for own, groups in plan])
    except (TypeError, ValueError):
        return None  # an entry this pmcoach did not write: derive it again


def _keys(value: Any) -> Keys:
    if value is None:
        return None
    if not all(isinstance(k, str) for k in value):
        raise TypeError("keys are strings")
    return frozenset(value)


def remember(key: str, keys: Keys, fast: str | None, plan: Plan | None) -> None:
    """Add a derived entry, to be written when the process exits."""
    def listed(found: Keys) -> list[str] | None:
        return None if found is None else sorted(found)

    with _lock:
        _state["new"][key] = [listed(keys), fast, None if plan is None else
                              [[listed(own), groups] for own, groups in plan]]
        if not _state["registered"]:
            _state["registered"] = True
            atexit.register(save)


def save() -> bool:
    """Write the run's new entries into the table (merged with what another run may have
    written meanwhile); True when something was written."""
    with _lock:
        path, new = _state["path"], _state["new"]
        if path is None or not new:
            return False
        on_disk = _entries(read_json(path))
        merged = {**on_disk, **new} if len(on_disk) + len(new) <= MAX_ENTRIES else dict(new)
        if write_atomic(path, {"format": FORMAT, "entries": merged}):
            _state["new"] = {}
            if _state["loaded"] is not None:
                _state["loaded"].update(new)
            return True
        return False


def _load() -> dict[str, Any]:
    with _lock:
        path = _state["path"]
        loaded = _entries(read_json(path)) if path is not None else {}
        loaded.update(_state["new"])
        _state["loaded"] = loaded
        return loaded


def _entries(data: Any) -> dict[str, Any]:
    if isinstance(data, dict) and data.get("format") == FORMAT and \
            isinstance(data.get("entries"), dict):
        return dict(data["entries"])
    return {}
