"""``--batch``: the OpenAI Files and Batches endpoints (respx, with their recorded shapes),
results into the cache and the normal report, resuming an interrupted run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from llm_support import DOC, answer, make_registry

from pmcoach.cli import main


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Any:
    reg = make_registry()
    monkeypatch.setattr("pmcoach.plugins.load", lambda dirs=(): reg)
    return reg


def _file(file_id: str) -> dict[str, Any]:
    return {"id": file_id, "object": "file", "bytes": 1234, "created_at": 1733000000,
            "filename": "batch.jsonl", "purpose": "batch", "status": "processed"}


def _batch(status: str, **extra: Any) -> dict[str, Any]:
    return {"id": "batch_abc", "object": "batch", "endpoint": "/v1/chat/completions",
            "input_file_id": "file-in", "completion_window": "24h", "status": status,
            "created_at": 1733000000, "output_file_id": None, "error_file_id": None,
            "request_counts": {"total": 2, "completed": 0, "failed": 0}, "metadata": {},
            "errors": None, **extra}


def _line(custom_id: str, content: Any, status: int = 200) -> str:
    body: dict[str, Any] = {"id": "chatcmpl-1", "object": "chat.completion", "model": "m",
                            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                                "role": "assistant", "content": json.dumps(content)}}],
                            "usage": {"prompt_tokens": 100, "completion_tokens": 20}}
    if status != 200:
        body = {"error": {"message": "The model is overloaded", "type": "server_error"}}
    return json.dumps({"id": "batch_req_1", "custom_id": custom_id,
                       "response": {"status_code": status, "request_id": "r", "body": body},
                       "error": None})


def _files(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = tmp_path / f"d{i}.md"
        path.write_text(DOC + f"\nNote {i}.\n")
        paths.append(str(path))
    return paths


def _review(*args: str) -> Any:
    return CliRunner().invoke(main, ["review", "--format", "json", "--model", "gpt-4.1-mini",
                                     "--batch", "--batch-poll", "0.1", *args])


def test_a_batch_run_fills_the_cache_and_reports_as_usual(
        tmp_path: Path, registry: Any, openai_api: Any) -> None:
    paths = _files(tmp_path, 2)
    uploaded: list[bytes] = []

    def upload(request: httpx.Request) -> httpx.Response:
        uploaded.append(request.content)
        return httpx.Response(200, json=_file("file-in"))

    openai_api.post("/files").mock(side_effect=upload)
    create = openai_api.post("/batches").mock(
        return_value=httpx.Response(200, json=_batch("validating")))
    openai_api.get("/batches/batch_abc").mock(side_effect=[
        httpx.Response(200, json=_batch("in_progress")),
        httpx.Response(200, json=_batch("completed", output_file_id="file-out"))])

    def output(request: httpx.Request) -> httpx.Response:
        lines = [json.loads(line) for line in uploaded[0].decode().splitlines()
                 if line.startswith("{")]
        ids = [line["custom_id"] for line in lines]
        return httpx.Response(200, text="\n".join([_line(ids[0], answer()),
                                                   _line(ids[1], {}, status=500)]))

    openai_api.get("/files/file-out/content").mock(side_effect=output)
    chat = openai_api.post("/chat/completions").mock(return_value=httpx.Response(500))
    result = _review(*paths)
    assert result.exit_code == 0, result.output
    assert chat.call_count == 0  # nothing is sent one by one, not even the failed one
    sent = json.loads(create.calls[0].request.content)
    assert (sent["endpoint"], sent["completion_window"]) == ("/v1/chat/completions", "24h")
    line = next(json.loads(x) for x in uploaded[0].decode().splitlines() if x.startswith("{"))
    assert line["url"] == "/v1/chat/completions" and line["method"] == "POST"
    assert line["body"]["model"] == "gpt-4.1-mini"
    assert line["body"]["response_format"]["type"] == "json_schema"
    report = json.loads(result.stdout)
    first, second = report["results"]
    assert {c["source"] for c in first["criteria"]} == {"model"}
    assert "The model is overloaded" in second["engine_error"]["message"]
    assert "reviewed offline" in result.stderr and "submitted batch batch_abc" in result.stderr
    usage = report["usage"]
    assert (usage["requests"], usage["prompt_tokens"], usage["completion_tokens"]) == \
        (1, 100, 20)
    # Half price: 100 x $0.40/M + 20 x $1.60/M, halved.
    assert usage["cost_usd"] == pytest.approx((100 * 0.40 + 20 * 1.60) / 1e6 / 2)
    # The answered file is cached now: a plain rerun sends nothing for it.
    again = CliRunner().invoke(main, ["review", "--format", "json", "--model", "gpt-4.1-mini",
                                      paths[0]])
    assert again.exit_code == 0 and json.loads(again.stdout)["usage"]["cached"] == 1


def test_an_interrupted_batch_is_resumed_not_paid_twice(
        tmp_path: Path, registry: Any, openai_api: Any, monkeypatch: pytest.MonkeyPatch
        ) -> None:
    paths = _files(tmp_path, 1)
    upload = openai_api.post("/files").mock(
        return_value=httpx.Response(200, json=_file("file-in")))
    create = openai_api.post("/batches").mock(
        return_value=httpx.Response(200, json=_batch("validating")))
    polls = openai_api.get("/batches/batch_abc")

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pmcoach.coach.batch.time.sleep", interrupt)
    polls.mock(return_value=httpx.Response(200, json=_batch("in_progress")))
    first = _review(*paths)
    assert first.exit_code == 130
    monkeypatch.setattr("pmcoach.coach.batch.time.sleep", lambda seconds: None)
    key = {}

    def output(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=_line(key["id"], answer()))

    def finished(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=_batch("completed", output_file_id="file-out"))

    polls.mock(side_effect=finished)
    state = next((Path(p) for p in _state_files()), None)
    assert state is not None and json.loads(state.read_text())["batch"] == "batch_abc"
    key["id"] = _only_key(upload)
    openai_api.get("/files/file-out/content").mock(side_effect=output)
    second = _review(*paths)
    assert second.exit_code == 0, second.output
    assert create.call_count == 1 and upload.call_count == 1  # the same batch, collected
    assert "resuming batch batch_abc" in second.stderr
    assert not list(_state_files())  # forgotten once collected


def _state_files() -> list[str]:
    import os

    folder = Path(os.environ["PMCOACH_CACHE_DIR"]) / "batches"
    return [str(p) for p in folder.glob("*.json")] if folder.is_dir() else []


def _only_key(upload: Any) -> str:
    content = upload.calls[0].request.content.decode(errors="replace")
    start = content.index('{"custom_id"')
    return json.loads(content[start:content.index("\n", start)])["custom_id"]


def test_batch_needs_the_cache(tmp_path: Path, registry: Any) -> None:
    result = _review(*_files(tmp_path, 1), "--no-cache")
    assert result.exit_code == 2 and "cannot be combined with --no-cache" in result.stderr


def test_a_failed_batch_is_one_clear_error(tmp_path: Path, registry: Any,
                                           openai_api: Any) -> None:
    openai_api.post("/files").mock(return_value=httpx.Response(200, json=_file("file-in")))
    openai_api.post("/batches").mock(return_value=httpx.Response(200, json=_batch(
        "failed", errors={"object": "list", "data": [
            {"code": "invalid_request", "message": "Model not supported in batch"}]})))
    result = _review(*_files(tmp_path, 1))
    assert result.exit_code == 3
    assert "batch batch_abc ended failed (Model not supported in batch)" in result.stderr
    assert "Traceback" not in result.output
