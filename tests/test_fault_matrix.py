"""The CLI against a real local HTTP server giving every kind of bad reply the OpenAI API
(or something posing as it) can give. For each: the exit status, one clear stderr line per
file, every file still reviewed with its offline verdicts, and the API key nowhere."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pmcoach.cli import main

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "examples" / "decision" / "strong.md", ROOT / "examples" / "decision" / "weak.md"]
KEY = "sk-fault-matrix-secret-0123456789"

Reply = Callable[[BaseHTTPRequestHandler], None]


def _send(status: int, body: bytes | str, content_type: str = "application/json",
          headers: dict[str, str] | None = None) -> Reply:
    data = body.encode() if isinstance(body, str) else body

    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
    return reply


def _error(status: int, message: str, code: str | None = None, **headers: str) -> Reply:
    return _send(status, json.dumps({"error": {"message": message, "code": code,
                                               "type": "error"}}), headers=headers)


def _completion(content: Any = None, *, finish: str = "stop", refusal: str | None = None,
                choices: Any = None) -> Reply:
    text = content if isinstance(content, str) or content is None else json.dumps(content)
    body = {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
            "choices": choices if choices is not None else [
                {"index": 0, "finish_reason": finish,
                 "message": {"role": "assistant", "content": text, "refusal": refusal}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}
    return _send(200, json.dumps(body))


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    _completion("{}")(handler)


def _reset(handler: BaseHTTPRequestHandler) -> None:
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00"
                                  b"\x00\x00\x00\x00")
    handler.connection.close()


# case id -> (reply, what the stderr line says)
CASES: dict[str, tuple[Reply, str]] = {
    "429-retry-after": (_error(429, "slow down", "rate_limit_exceeded", **{"Retry-After": "0"}),
                        "rate limited (HTTP 429)"),
    "quota": (_error(429, "You exceeded your current quota", "insufficient_quota"),
              "no quota left"),
    "401": (_error(401, f"Incorrect API key provided: {KEY}"), "rejected the API key"),
    "404": (_error(404, "The model does not exist"), "was not found"),
    "500": (_error(500, "boom"), "the server failed (HTTP 500)"),
    "html-502": (_send(502, "<html><body><h1>Bad gateway</h1></body></html>", "text/html"),
                 "HTTP 502"),
    "timeout": (_slow, "no answer within 1 s"),
    "reset": (_reset, "could not connect"),
    "not-json": (_send(200, "hello, I am not an API", "text/plain"), "web page or plain text"),
    "html-200": (_send(200, "<html><body>Sign in</body></html>", "text/html"),
                 "web page or plain text"),
    "schema-invalid": (_completion({"verdicts": "all good"}), "corrective retry"),
    "truncated": (_completion('{"criteria": {', finish="length"), "cut off"),
    "refusal": (_completion(None, refusal="I cannot help with that."), "refused"),
    "no-choices": (_completion(choices=[]), "no choices"),
    "malformed-choice": (_completion(choices=[{}]), "no message"),
    "5mb-answer": (_completion("x" * 5_000_000), "not JSON"),
}


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, Reply]]]:
    script: dict[str, Reply] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            script["reply"](self)

        def log_message(self, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client that hung up (the timeout case): not pmcoach's output

    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", script
    finally:
        httpd.shutdown()
        httpd.server_close()


def _verdicts(report: dict[str, Any]) -> list[list[tuple[str, str]]]:
    return [[(c["id"], c["verdict"]) for c in r["criteria"]] for r in report["results"]]


@pytest.fixture(scope="module")
def offline() -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["review", "--offline", "--format", "json",
                                       *map(str, FILES)])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("case", list(CASES))
def test_fault(case: str, server: tuple[str, dict[str, Reply]], offline: Any,
               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, script = server
    reply, says = CASES[case]
    script["reply"] = reply
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("PMCOACH_CACHE_DIR", str(tmp_path / "cache"))
    args = ["review", "--format", "json", "--model", "m", "--base-url", url, "--retries",
            "1" if case == "429-retry-after" else "0", "--timeout", "1", "--jobs", "1",
            *map(str, FILES)]
    result = CliRunner().invoke(main, args)
    offline_code, offline_report = offline
    # Degrade, don't fail: the exit status and verdicts are the offline review's.
    assert result.exit_code == offline_code, result.output
    report = json.loads(result.stdout)
    assert _verdicts(report) == _verdicts(offline_report)
    assert all(r["engine_error"] and says in r["engine_error"]["message"]
               for r in report["results"]), report["results"][0]["engine_error"]
    lines = [line for line in result.stderr.splitlines() if "reviewed offline" in line]
    fatal = case in ("quota", "401", "404", "reset")
    assert len(lines) == (1 if fatal else len(FILES)), result.stderr  # fatal: said once
    assert all(says in line and line.startswith("pmcoach: ") for line in lines)
    assert "Traceback" not in result.output
    # The key is nowhere: not in the output, not in any file pmcoach wrote.
    assert KEY not in result.output and KEY not in result.stderr
    written = [p.read_text(errors="replace") for p in (tmp_path / "cache").rglob("*")
               if p.is_file()]
    assert not any(KEY in text for text in written)
    required = CliRunner().invoke(main, [*args, "--require-model"])
    assert required.exit_code == 3
