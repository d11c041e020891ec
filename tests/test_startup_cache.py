"""The caches start-up reads between runs: the cue table, the kind specs and the entry
points. Each is invalidated by what it depends on, survives corrupt files and concurrent
writers, and never changes an answer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pmcoach import cuecache, entrypoints
from pmcoach.cues import Cue, reference_source
from pmcoach.rules import kind, load_kind

PHRASES = ("interview(s|ed)?", "the driving force", "talked to", r"from \S+ to")
TEXTS = ["We interviewed nine customers.", "I was the driving force.", "Nothing here.",
         "We talked to them, from 3% to 5%.", "INTERVIEWS were run"]


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh cue table state for this test (the process-wide one is left alone)."""
    monkeypatch.setattr(cuecache, "_state", {"path": None, "loaded": None, "new": {},
                                             "registered": True})


def _answers(phrases: tuple[str, ...]) -> list[tuple[int, int] | None]:
    cue = Cue(*phrases)
    out = []
    for text in TEXTS:
        found = cue.search(text)
        out.append(found.span() if found else None)
    return out


def _reference(phrases: tuple[str, ...]) -> list[tuple[int, int] | None]:
    pattern = re.compile(reference_source(phrases), re.I)
    return [m.span() if (m := pattern.search(t)) else None for t in TEXTS]


def test_the_cue_table_is_written_read_back_and_gives_the_same_answers(table: None) -> None:
    cuecache.use("plugins A")
    assert _answers(PHRASES) == _reference(PHRASES)
    assert cuecache.save()
    written = json.loads(cuecache.table_path("plugins A").read_text())
    key = "I" + "\x1f".join(PHRASES)
    assert written["format"] == cuecache.FORMAT and key in written["entries"]
    cuecache._state.update(loaded=None, new={})  # a later process
    assert cuecache.lookup(key) is not None
    assert _answers(PHRASES) == _reference(PHRASES)
    assert not cuecache.save()  # nothing new was derived


def test_the_cue_table_is_per_plugin_set_and_version(table: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    key = "Ione\x1ftwo"
    cuecache.use("plugins A")
    cuecache.remember(key, frozenset({"one", "two"}), "(?:one|two)", [(None, 0), (None, 0)])
    assert cuecache.save()
    cuecache._state.update(loaded=None)
    assert cuecache.lookup(key) is not None
    cuecache.use("plugins B")  # another plugin set: another table
    assert cuecache.lookup(key) is None
    cuecache.use("plugins A")
    assert cuecache.lookup(key) is not None
    monkeypatch.setattr(cuecache, "__version__", "99.0")  # another pmcoach
    cuecache.use("plugins A")
    assert cuecache.lookup(key) is None


@pytest.mark.parametrize("content", ["", "{not json", '{"format": 2, "entries": [1, 2]}',
                                     '{"format": 2, "entries": {"Ix": [[1], 2, 3]}}',
                                     '{"format": 1, "entries": {}}', "\x00" * 64])
def test_a_corrupt_or_half_written_cue_table_is_ignored_and_rebuilt(
        table: None, content: str) -> None:
    cuecache.use("plugins A")
    path = cuecache.table_path("plugins A")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    assert cuecache.lookup("Ix") is None
    assert _answers(PHRASES) == _reference(PHRASES)
    assert cuecache.save()
    assert json.loads(path.read_text())["format"] == cuecache.FORMAT


WRITER = """
import sys
from pmcoach import cuecache
cuecache.use("plugins A")
for i in range(200):
    cuecache.remember(f"I{sys.argv[1]}-{i}", frozenset({"x"}), "x", None)
assert cuecache.save()
"""


def test_concurrent_writers_leave_one_whole_table(table: None) -> None:
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(n)]) for n in range(6)]
    assert [w.wait() for w in writers] == [0] * 6
    path = cuecache.table_path("plugins A")
    entries = json.loads(path.read_text())["entries"]  # whole JSON, whoever won
    assert any(all(f"I{n}-{i}" in entries for i in range(200)) for n in range(6))
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]
    cuecache.use("plugins A")
    assert cuecache.lookup(next(iter(entries))) == (frozenset({"x"}), "x", None)


# -- kind specs ------------------------------------------------------------------------------

KIND = """\
kind: standup-note
title: Standup note
criteria:
  - id: blockers
    title: Blockers
    description: Names what blocks the work.
    rules:
      - id: blocked
        type: phrases
        any: [blocked on, waiting for]
    verdicts:
      - if: blocked
        verdict: met
        message: Names a blocker.
      - verdict: missing
        message: No blocker named.
"""


def _entry(tmp_path: Path) -> dict[str, object]:
    (cached,) = (tmp_path / "cache" / "kinds").glob("*.json")
    data: dict[str, object] = json.loads(cached.read_text())
    return data


def test_a_kind_spec_cached_by_another_version_is_validated_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "standup.yaml"
    path.write_text(KIND)
    kind._load.cache_clear()
    first = load_kind(path).spec
    assert _entry(tmp_path)["format"] == kind.CACHE_FORMAT
    monkeypatch.setattr(kind, "CACHE_FORMAT", "99.0/spec-1")
    kind._load.cache_clear()
    assert load_kind(path).spec == first
    assert _entry(tmp_path)["format"] == "99.0/spec-1"  # rewritten for this version
    kind._load.cache_clear()


def test_a_half_written_kind_spec_entry_is_ignored(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "standup.yaml"
    path.write_text(KIND)
    kind._load.cache_clear()
    first = load_kind(path).spec
    (cached,) = (tmp_path / "cache" / "kinds").glob("*.json")
    whole = cached.read_text()
    for broken in (whole[: len(whole) // 2], whole.replace('"criteria"', '"criteria_"')):
        cached.write_text(broken)
        kind._load.cache_clear()
        assert load_kind(path).spec == first
        assert json.loads(cached.read_text()) == json.loads(whole)
    kind._load.cache_clear()


# -- entry points ------------------------------------------------------------------------------

def test_entry_points_are_cached_until_sys_path_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_scan = entrypoints._scan

    def counting(group: str) -> list[entrypoints.EntryPoint]:
        calls.append(group)
        return real_scan(group)

    monkeypatch.setattr(entrypoints, "_scan", counting)
    first = entrypoints.entry_points("pmcoach")
    assert entrypoints.entry_points("pmcoach") == first
    assert calls == ["pmcoach"]  # the second answer came from the cache
    site = tmp_path / "site"
    (site / "toy_dist-1.0.dist-info").mkdir(parents=True)
    (site / "toy_dist-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: toy-dist\nVersion: 1.0\n")
    (site / "toy_dist-1.0.dist-info" / "entry_points.txt").write_text("[pmcoach]\ntoy = toy\n")
    monkeypatch.syspath_prepend(str(site))
    assert entrypoints.EntryPoint("toy", "toy", "1.0") in entrypoints.entry_points("pmcoach")
    assert calls == ["pmcoach", "pmcoach"]


def test_a_broken_entry_point_cache_is_scanned_again(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from pmcoach.paths import default_dir

    site = tmp_path / "site"
    (site / "toy_dist-1.0.dist-info").mkdir(parents=True)
    (site / "toy_dist-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: toy-dist\nVersion: 1.0\n")
    (site / "toy_dist-1.0.dist-info" / "entry_points.txt").write_text("[pmcoach]\ntoy = t\n")
    monkeypatch.syspath_prepend(str(site))
    first = entrypoints.entry_points("pmcoach")
    assert entrypoints.EntryPoint("toy", "t", "1.0") in first
    (cached,) = (default_dir() / "entry-points").glob("*.json")
    for broken in ("[[1, 2]", '{"a": 1}', '[["only-two", "x"]]'):
        cached.write_text(broken)
        assert entrypoints.entry_points("pmcoach") == first


def test_an_entry_point_loads_like_importlib_metadata() -> None:
    assert entrypoints.EntryPoint("x", "json:dumps", "1").load() is json.dumps
    assert entrypoints.EntryPoint("x", "os.path : join [extra]", "1").load().__name__ == "join"
    with pytest.raises(ValueError, match="module:attribute"):
        entrypoints.EntryPoint("x", "not a value!", "1").load()
