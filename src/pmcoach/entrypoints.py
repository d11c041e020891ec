"""Installed entry points of a group, found without importing ``importlib.metadata``
on most runs.

Scanning every installed distribution's metadata costs a cold process more than the
scan itself: ``importlib.metadata`` imports the email, zipfile and csv machinery. The
answer only changes when something is installed or removed, which changes a folder on
``sys.path`` (pip adds or deletes a ``*.dist-info`` folder), so it is cached on disk
keyed by ``sys.path`` and the modification time of each of its entries. A missing or
broken cache file means one ordinary scan.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

from .__about__ import __version__
from .diskcache import read_json, write_atomic

#: How importlib.metadata reads an entry point's value: ``module:attr.attr [extras]``.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@dataclass(frozen=True)
class EntryPoint:
    """What pmcoach needs of an entry point: its name, ``module:attr`` and version."""

    name: str
    value: str
    version: str

    def load(self) -> Any:
        """Import the module and return the attribute, as ``EntryPoint.load`` does."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point value {self.value!r} is not module:attribute")
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


def entry_points(group: str) -> list[EntryPoint]:
    """The group's entry points, in the order ``importlib.metadata`` lists them."""
    from .paths import default_dir

    entry = default_dir() / "entry-points" / f"{_key(group)}.json"
    cached = read_json(entry)
    if isinstance(cached, list) and all(
            isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)
            for item in cached):
        return [EntryPoint(*item) for item in cached]
    found = _scan(group)
    write_atomic(entry, [[ep.name, ep.value, ep.version] for ep in found])
    return found


def _scan(group: str) -> list[EntryPoint]:
    from importlib import metadata

    return [EntryPoint(ep.name, ep.value, ep.dist.version if ep.dist else "?")
            for ep in metadata.entry_points(group=group)]


def _key(group: str) -> str:
    """What the installed distributions depend on: each ``sys.path`` folder and when it
    last changed (this pmcoach and Python too, for a cache shared between them)."""
    parts = [__version__, sys.version, group]
    for folder in sys.path:
        try:
            parts.append(f"{folder}\t{os.stat(folder or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{folder}\t-")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]
