"""Model reviews of many files: concurrency, the cached rerun, and peak memory.

    python benchmarks/llm_concurrency.py [--files 40] [--delay 0.3] [--runs 3] [--serial]

Starts a small OpenAI-compatible server on 127.0.0.1 that answers every chat completion
after ``--delay`` seconds, then times ``pmcoach review`` in a subprocess (start-up
included) for:

* one file with the model;
* ``--files`` files with the default ``--jobs`` (target: at most 2 s more than one file;
  one at a time would cost about files x delay more: ``--serial`` measures that too);
* the cached rerun of the same files (target: zero requests, within 1.5x of offline);
* an offline review of the same files.

Peak memory is each pmcoach process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Runs pmcoach's CLI and reports this process's peak RSS (KiB on Linux) on the last line.
RUNNER = """
import atexit, resource, sys
atexit.register(lambda: print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                              file=sys.stderr))
from pmcoach.cli import main
main(sys.argv[1:], prog_name="pmcoach")
"""


class FakeOpenAI(BaseHTTPRequestHandler):
    """``POST /v1/chat/completions``: waits, then judges every criterion "partial"."""

    delay = 0.3
    requests = 0
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; without this, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every response (real servers do not).
    disable_nagle_algorithm = True

    def log_message(self, *args: Any) -> None:  # keep the benchmark's output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        with FakeOpenAI.lock:
            FakeOpenAI.requests += 1
        time.sleep(self.delay)
        schema = body["response_format"]["json_schema"]["schema"]
        ids = schema["properties"]["criteria"]["required"]
        answer = {"criteria": {i: {"verdict": "partial", "message": f"{i}: thin",
                                   "suggestion": "add specifics", "evidence": []} for i in ids},
                  "summary": "Benchmark answer."}
        payload = json.dumps({
            "id": "chatcmpl-bench", "object": "chat.completion", "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                "role": "assistant", "content": json.dumps(answer), "refusal": None}}],
            "usage": {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200},
        }).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def corpus(folder: Path, count: int) -> list[str]:
    """``count`` files from the examples, each varied so every cache key differs."""
    examples = [p for p in sorted(EXAMPLES.glob("*/*.md"))
                if p.parent.name not in {"eval", "team-plugin"}]
    if not examples:
        sys.exit("no examples under examples/")
    paths = []
    for n in range(count):
        source = examples[n % len(examples)]
        target = folder / f"{n:03}-{source.parent.name}-{source.name}"
        target.write_text(source.read_text() + f"\n\nRevision note {n}.\n")
        paths.append(str(target))
    return paths


def pmcoach(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS in MiB) of one ``pmcoach`` run."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", RUNNER, *args], env=env, cwd=cwd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    rss = next((int(line.split()[1]) for line in reversed(out.stderr.splitlines())
                if line.startswith("maxrss ")), 0)
    if out.returncode not in (0, 1):
        sys.exit(f"pmcoach failed ({out.returncode}): {out.stderr[-2000:]}")
    return elapsed, out.returncode, rss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--delay", type=float, default=0.3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serial", action="store_true", help="also time --jobs 1")
    opts = parser.parse_args()

    FakeOpenAI.delay = opts.delay
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    work = Path(tempfile.mkdtemp(prefix="pmcoach-bench-"))
    files = corpus(work, opts.files)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PMCOACH_", "OPENAI_"))}
    env.update(OPENAI_API_KEY="sk-bench", PMCOACH_MODEL="bench-model",
               OPENAI_BASE_URL=f"http://127.0.0.1:{server.server_port}/v1")

    results: dict[str, list[tuple[float, int]]] = {}
    requests: dict[str, list[int]] = {}

    def measure(name: str, args: list[str], fresh_cache: bool, cache: Path) -> Path:
        if fresh_cache:
            cache = Path(tempfile.mkdtemp(dir=work, prefix="cache-"))
        before = FakeOpenAI.requests
        seconds, _, rss = pmcoach(["review", "--format", "json", *args],
                                  {**env, "PMCOACH_CACHE_DIR": str(cache)}, work)
        results.setdefault(name, []).append((seconds, rss))
        requests.setdefault(name, []).append(FakeOpenAI.requests - before)
        return cache

    for _ in range(opts.runs):
        measure("one file, model", [files[0]], True, work)
        cache = measure(f"{opts.files} files, model, default --jobs", files, True, work)
        measure(f"{opts.files} files, cached rerun", files, False, cache)
        measure(f"{opts.files} files, --offline", [*files, "--offline"], True, work)
    if opts.serial:
        measure(f"{opts.files} files, model, --jobs 1", [*files, "--jobs", "1"], True, work)

    print(f"pmcoach model benchmark: {opts.files} files, {opts.delay * 1000:.0f} ms per "
          f"request, median of {opts.runs} runs (start-up included)")
    medians = {}
    for name, runs in results.items():
        seconds = statistics.median(s for s, _ in runs)
        medians[name] = seconds
        print(f"  {name:<36} {seconds:6.2f} s  requests {max(requests[name]):>3}  "
              f"peak RSS {max(r for _, r in runs):>4} MiB")
    one = medians["one file, model"]
    many = medians[f"{opts.files} files, model, default --jobs"]
    cached = medians[f"{opts.files} files, cached rerun"]
    offline = medians[f"{opts.files} files, --offline"]
    print(f"  many vs one file: +{many - one:.2f} s (target <= 2 s); cached rerun "
          f"{cached / offline:.2f}x offline (target <= 1.5x) with "
          f"{max(requests[f'{opts.files} files, cached rerun'])} requests (target 0)")
    server.shutdown()


if __name__ == "__main__":
    main()
