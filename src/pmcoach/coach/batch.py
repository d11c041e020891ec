"""``pmcoach review --batch``: a big run through the OpenAI Batch API, at its lower price.

The run's prompts are written as one JSONL file of ``chat.completions`` requests, uploaded,
and submitted as a batch; pmcoach polls until the batch ends, puts every usable answer in
the cache, and then reviews as usual (every answer is then a cache hit). The batch's id is
kept in the cache folder until its results are collected, so an interrupted run (Ctrl-C,
a closed laptop) picks the same batch up when the same command runs again, instead of
paying for a second one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..engines.answer import AnswerError, parse_answer
from ..errors import EngineError
from ..paths import default_dir
from ..review import Usage

#: A batch in one of these states will not change any more.
FINAL = ("completed", "failed", "expired", "cancelled")
ENDPOINT = "/v1/chat/completions"


def state_file(engine: Any, keys: Sequence[str]) -> Path:
    """Where the batch for these requests is remembered (same requests, same file)."""
    digest = hashlib.sha256("\n".join([engine.base_url, engine.settings.model,
                                       *sorted(keys)]).encode()).hexdigest()[:24]
    return default_dir() / "batches" / f"{digest}.json"


def run_batch(engine: Any, coach: Any, pending: Sequence[Any], *, poll: float = 30.0,
              say: Callable[[str], None] = lambda _: None) -> Usage:
    """Submit (or resume) the batch for ``pending`` dry-run entries, wait for it, and
    cache its answers. Returns what it cost; keys without an answer go in
    ``coach.missing`` with the reason."""
    requests = {p.key: p for p in pending if not p.cached}
    if not requests:
        return Usage()
    client = engine.client()
    state = state_file(engine, list(requests))
    batch = _resume(client, state, say) or _submit(client, engine, requests, state, say)
    while batch.status not in FINAL:
        counts = getattr(batch, "request_counts", None)
        done = f" ({counts.completed}/{counts.total} done)" if counts else ""
        say(f"batch {batch.id} is {batch.status}{done}; checking again in {poll:g} s "
            "(Ctrl-C leaves it running: the same command picks it up)")
        time.sleep(poll)
        batch = client.batches.retrieve(batch.id)
    if batch.status != "completed":
        state.unlink(missing_ok=True)
        raise EngineError(f"batch {batch.id} ended {batch.status}"
                          f"{_errors(batch)}; nothing was charged for unanswered requests")
    usage = _collect(client, batch, requests, coach)
    state.unlink(missing_ok=True)
    return usage


def _resume(client: Any, state: Path, say: Callable[[str], None]) -> Any:
    try:
        batch_id = json.loads(state.read_text(encoding="utf-8"))["batch"]
        batch = client.batches.retrieve(batch_id)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if batch.status in ("failed", "expired", "cancelled"):
        return None  # a fresh batch, rather than the results of a dead one
    say(f"resuming batch {batch.id} ({batch.status})")
    return batch


def _submit(client: Any, engine: Any, requests: dict[str, Any], state: Path,
            say: Callable[[str], None]) -> Any:
    lines = [json.dumps({"custom_id": key, "method": "POST", "url": ENDPOINT,
                         "body": engine.request_body(item.prompt.messages(), list(item.ids),
                                                     "json_schema")})
             for key, item in requests.items()]
    handle, name = tempfile.mkstemp(suffix=".jsonl")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        with open(name, "rb") as upload:
            uploaded = client.files.create(file=upload, purpose="batch")
    finally:
        os.unlink(name)
    batch = client.batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT,
                                  completion_window="24h", metadata={"tool": "pmcoach"})
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"batch": batch.id, "file": uploaded.id,
                                 "requests": len(lines)}), encoding="utf-8")
    say(f"submitted batch {batch.id}: {len(lines)} requests")
    return batch


def _collect(client: Any, batch: Any, requests: dict[str, Any], coach: Any) -> Usage:
    """Cache every usable answer; note why the others have none."""
    usage = Usage()
    for file_id in (batch.output_file_id, getattr(batch, "error_file_id", None)):
        if not file_id:
            continue
        for line in client.files.content(file_id).text.splitlines():
            if line.strip():
                _take(json.loads(line), requests, coach, usage)
    for key in requests:
        if key not in coach.missing and coach.cache is not None and coach.cache.get(key) is None:
            coach.missing[key] = f"batch {batch.id} returned no answer for this file"
    return usage


def _take(line: dict[str, Any], requests: dict[str, Any], coach: Any, usage: Usage) -> None:
    key = line.get("custom_id")
    if key not in requests:
        return
    response = line.get("response") or {}
    body = response.get("body") or {}
    if response.get("status_code") != 200:
        error = (line.get("error") or body.get("error") or {})
        coach.missing[key] = f"the batch request failed: {error.get('message', 'no reason')}"
        return
    usage.requests += 1
    tokens = body.get("usage") or {}
    usage.prompt_tokens += int(tokens.get("prompt_tokens", 0) or 0)
    usage.completion_tokens += int(tokens.get("completion_tokens", 0) or 0)
    choices = body.get("choices") or [{}]
    content = ((choices[0] or {}).get("message") or {}).get("content") or ""
    try:
        answer = parse_answer(content, list(requests[key].ids))
    except AnswerError as exc:
        coach.missing[key] = f"the batch's answer was unusable: {exc}"
        return
    if coach.cache is not None:
        coach.cache.put(key, {"engine": coach.label, "prompt": requests[key].prompt.id,
                              "answer": answer.model_dump(mode="json"),
                              "prompt_tokens": int(tokens.get("prompt_tokens", 0) or 0),
                              "completion_tokens": int(tokens.get("completion_tokens", 0) or 0)})


def _errors(batch: Any) -> str:
    errors = getattr(getattr(batch, "errors", None), "data", None) or []
    messages = [getattr(e, "message", "") for e in errors[:2] if getattr(e, "message", "")]
    return f" ({'; '.join(messages)})" if messages else ""
