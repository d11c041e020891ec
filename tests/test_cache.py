"""The answer cache: hits, misses, keys, corruption, concurrent writers, cheap hits."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from llm_support import DOC, answer, completion, make_registry

from pmcoach.cli import main
from pmcoach.coach.cache import Cache, cache_key

URL = "/chat/completions"


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Any:
    reg = make_registry()
    monkeypatch.setattr("pmcoach.plugins.load", lambda dirs=(): reg)
    return reg


def run(path: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["review", str(path), "--format", "json",
                                       "--model", "gpt-test", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "d.md"
    path.write_text(DOC)
    return path


@pytest.fixture
def api(openai_api: Any) -> Any:
    return openai_api.post(URL).mock(return_value=httpx.Response(200, json=completion(
        answer())))


def test_unchanged_rerun_makes_no_request(doc: Path, registry: Any, api: Any) -> None:
    first = run(doc)
    second = run(doc)
    assert api.call_count == 1
    assert first["usage"]["requests"] == 1 and first["usage"]["cached"] == 0
    assert second["usage"] == {"requests": 0, "cached": 1, "prompt_tokens": 0,
                               "completion_tokens": 0, "cost_usd": None}
    assert second["results"][0].pop("usage")["cached"] == 1
    assert first["results"][0].pop("usage")["requests"] == 1
    assert first["results"] == second["results"]


def test_no_cache_asks_again(doc: Path, registry: Any, api: Any) -> None:
    run(doc)
    assert run(doc, "--no-cache")["usage"]["requests"] == 1
    assert api.call_count == 2


@pytest.mark.parametrize("change", ["text", "model", "base-url", "model-arg"])
def test_what_changes_the_key(doc: Path, registry: Any, api: Any, change: str,
                              openai_api: Any) -> None:
    run(doc)
    args: list[str] = []
    if change == "text":
        doc.write_text(DOC + "\nOne more line.\n")
    elif change == "model":
        args = ["--model", "gpt-other"]
    elif change == "model-arg":
        args = ["--model-arg", "temperature=0"]
    else:
        args = ["--base-url", "https://api.openai.com/v1/"]
    assert run(doc, *args)["usage"]["requests"] == 1


def test_timeout_and_jobs_do_not_change_the_key(doc: Path, registry: Any, api: Any) -> None:
    run(doc)
    assert run(doc, "--timeout", "5", "--jobs", "2", "--retries", "0")["usage"]["cached"] == 1


def test_corrupt_entry_is_ignored_and_rewritten(doc: Path, registry: Any, api: Any) -> None:
    run(doc)
    root = Path(os.environ["PMCOACH_CACHE_DIR"])
    [entry] = [p for p in root.rglob("*.json")]
    entry.write_text('{"truncated": ')
    assert run(doc)["usage"]["requests"] == 1
    assert json.loads(entry.read_text())["answer"]["criteria"]
    assert run(doc)["usage"]["cached"] == 1


def test_key_is_stable_and_sensitive() -> None:
    base = {"text": "t", "kind": "k", "prompt_id": "k/v1", "prompt_sha256": "a" * 64,
            "engine": "openai:m", "settings": {"model": "m"}}
    assert cache_key(**base) == cache_key(**dict(base))
    for field, value in [("text", "u"), ("kind", "j"), ("prompt_id", "k/v2"),
                         ("prompt_sha256", "b" * 64), ("engine", "openai:n"),
                         ("settings", {"model": "n"})]:
        assert cache_key(**{**base, field: value}) != cache_key(**base)


def _hammer(root: str, worker: int) -> int:
    """Write and read one key many times; count reads that saw a broken entry."""
    cache = Cache(Path(root))
    bad = 0
    for i in range(150):
        cache.put("ab" + "0" * 62, {"answer": {"n": i, "w": worker, "pad": "x" * 4000}})
        entry = cache.get("ab" + "0" * 62)
        if entry is None or len(entry["answer"]["pad"]) != 4000:
            bad += 1
    return bad


def test_two_processes_share_the_cache(tmp_path: Path) -> None:
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        bad = pool.starmap(_hammer, [(str(tmp_path), 1), (str(tmp_path), 2)])
    assert bad == [0, 0]
    assert not list(tmp_path.rglob(".tmp-*"))  # no temporary files left behind


def test_unwritable_cache_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = Cache(blocker)
    cache.put("cd" + "0" * 62, {"answer": {}})
    assert cache.get("cd" + "0" * 62) is None


PROBE = """
import json, sys
import pmcoach.plugins
sys.path.insert(0, {tests!r})
from llm_support import make_registry
pmcoach.plugins.load = lambda dirs=(): make_registry()
from pmcoach.cli import main
try:
    main(sys.argv[1:], prog_name="pmcoach")
except SystemExit as exc:
    code = exc.code
print(json.dumps([code, sorted(m for m in sys.modules
                               if m.split(".")[0] in ("openai", "langchain_core"))]),
      file=sys.stderr)
"""


def test_cache_hit_imports_no_sdk(doc: Path, registry: Any, api: Any) -> None:
    run(doc)  # fills the cache in this process
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(tests=str(Path(__file__).parent)), "review",
         str(doc), "--model", "gpt-test", "--format", "json"],
        capture_output=True, text=True, env={**os.environ}, timeout=60)
    code, modules = json.loads(out.stderr.strip().splitlines()[-1])
    assert code == 0, out.stderr
    assert json.loads(out.stdout)["usage"]["cached"] == 1
    assert modules == []


def test_default_dir_is_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    from pmcoach.coach.cache import default_dir

    monkeypatch.delenv("PMCOACH_CACHE_DIR")
    assert default_dir() == Path(user_cache_dir("pmcoach", appauthor=False))


@pytest.mark.parametrize("args", [["--help"], ["review", "{doc}", "--offline"],
                                  ["review", "{doc}", "--model", "gpt-test", "--dry-run"],
                                  ["prompts", "render", "{doc}"]])
def test_no_sdk_without_a_request(doc: Path, args: list[str]) -> None:
    argv = [a.format(doc=doc) for a in args]
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(tests=str(Path(__file__).parent)), *argv],
        capture_output=True, text=True, env={**os.environ}, timeout=60)
    code, modules = json.loads(out.stderr.strip().splitlines()[-1])
    assert code in (0, None), out.stderr
    assert modules == []
