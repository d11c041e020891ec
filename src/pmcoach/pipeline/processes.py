"""Offline reviews spread over worker processes, handed back in input order.

Offline reviewing is Python CPU work, so threads would only take turns under the GIL;
processes use every core. They cost a start-up, so a run uses them only when there are
files enough to pay for it (:data:`MIN_FILES`, measured with benchmarks/vs_proselint.py).

* Where ``fork`` is safe (Linux), the main process reviews the first few files itself,
  then forks: workers inherit the loaded plugins, the config and every pattern compiled
  so far. Elsewhere (``spawn``) each worker loads the plugins again from the same
  ``--plugins-dir`` folders and environment.
* Files go out in small chunks, a bounded window of them at a time, so results stream
  back in order while memory stays flat however many files there are. The main process
  is one of the ``jobs``: while the next result in order is not back, it reviews the
  chunk after the window itself.
* Ctrl-C: workers ignore it; the main process stops them and the run reports what had
  finished. A worker that dies (a crash in native code, ``os._exit`` in a plugin) costs
  only the file that killed it: the files that were in flight are retried one at a time
  (a file the main process reviews itself can still end the run, as with ``--jobs 1``).
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..review import ErrorInfo, Review
from .work import FileResult, review_file

if TYPE_CHECKING:
    from ..plugins import Registry
    from .run import ReviewOptions
    from .sources import Source

#: Fewer files than this are reviewed in the main process alone: below it, workers cost
#: more than they save, mostly because each compiles the rules' patterns again for the
#: kinds the main process had not met yet (~0.1 s per kind); spawn also imports pmcoach
#: and loads the plugins (~0.5 s). Measured with benchmarks/break_even.py on 2 cores
#: (docs/benchmarks.md): even at ~64-96 files with fork, even at ~200 with spawn.
MIN_FILES = {"fork": 80, "spawn": 200}
#: Files the main process reviews before it forks, so workers start with the patterns
#: those files compiled (most kinds' rules) instead of each compiling them again.
WARM_FILES = 6
#: Files per task: enough to amortise sending a task, few enough to stream and balance.
MAX_CHUNK = 8
#: Tasks queued per worker.
WINDOW = 3
#: Chunks in flight or done out of order at most (a spawned worker takes a second to
#: start: the main process gets on with the files meanwhile).
MAX_AHEAD = 64
#: The main process reviews chunks too while it waits, as one of the ``jobs`` (one
#: process fewer in memory). Off, it only collects: a file that crashes the process
#: reviewing it (native code, ``os._exit``) then never takes the run down with it.
MAIN_REVIEWS_TOO = True

Chunk = list[tuple[int, "Source"]]


def default_jobs() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def start_method() -> str:
    """``fork`` where it is safe and cheap (Linux), else ``spawn`` (macOS, Windows)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def worth_processes(files: int, jobs: int, method: str | None = None) -> bool:
    """Whether ``files`` are worth ``jobs - 1`` worker processes beside this one."""
    return jobs > 1 and files >= MIN_FILES[method or start_method()]


@dataclass
class _Setup:
    """What a worker needs: the registry itself (fork), or the folders to load it from."""

    options: ReviewOptions
    registry: Registry | None
    plugins_dirs: list[Path]


_worker: dict[str, Any] = {}


def _start_worker(setup: _Setup) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if hasattr(signal, "pthread_sigmask"):  # blocked while this process was started
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    registry = setup.registry
    if registry is None:  # spawn: nothing is inherited
        from ..plugins import load

        registry = load(setup.plugins_dirs)
    _worker["registry"], _worker["options"] = registry, setup.options
    gc.freeze()  # plugins and patterns live as long as the worker: never scan them


def _review_chunk(chunk: Chunk) -> list[FileResult]:
    registry, options = _worker["registry"], _worker["options"]
    return [review_file(index, source, registry, options) for index, source in chunk]


def reviews(sources: Sequence[Source], registry: Registry, options: ReviewOptions,
            jobs: int, method: str | None = None) -> Iterator[FileResult]:
    """Every source's :class:`FileResult`, in order, reviewed on up to ``jobs`` workers."""
    method = method or start_method()
    items = list(enumerate(sources))
    warm = WARM_FILES if method == "fork" else 0
    for index, source in items[:warm]:
        yield review_file(index, source, registry, options)
    rest = items[warm:]
    if not rest:
        return
    setup = _Setup(dataclasses.replace(options, progress=None),
                   registry if method == "fork" else None, list(registry.plugins_dirs))
    size = max(1, min(MAX_CHUNK, len(rest) // (jobs * 4)))
    # What is loaded so far stays out of the collector's way in the workers: fewer
    # objects to scan, and pages shared with this process stay shared.
    gc.freeze()
    try:
        yield from _Pool(setup, jobs, method).run(
            deque(rest[i:i + size] for i in range(0, len(rest), size)), registry, options)
    finally:
        gc.unfreeze()


class _Pool:
    """A process pool with a bounded window of chunks in flight, read in order."""

    def __init__(self, setup: _Setup, jobs: int, method: str) -> None:
        self.setup, self.jobs, self.method = setup, jobs, method
        self._workers = jobs - 1 if MAIN_REVIEWS_TOO else jobs

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, multiprocessing.get_context(self.method),
                                   initializer=_start_worker, initargs=(self.setup,))

    def run(self, chunks: deque[Chunk], registry: Registry, options: ReviewOptions
            ) -> Iterator[FileResult]:
        while chunks:
            pool = self._executor(min(self._workers, len(chunks)))
            in_flight: deque[tuple[Chunk, Future[list[FileResult]]]] = deque()
            try:
                yield from self._ordered(pool, chunks, in_flight, registry, options)
            except BrokenProcessPool:
                # A worker died: find the file that killed it among those in flight.
                _stop(pool)
                for chunk, future in in_flight:
                    if future.done() and not future.cancelled() and future.exception() is None:
                        yield from future.result()  # finished before the worker died
                    else:
                        for index, source in chunk:
                            yield self._alone(index, source)
                continue
            except BaseException:
                _stop(pool)  # Ctrl-C: workers stop now, not after their current chunk
                raise
            pool.shutdown()

    def _ordered(self, pool: ProcessPoolExecutor, chunks: deque[Chunk],
                 in_flight: deque[tuple[Chunk, Future[list[FileResult]]]],
                 registry: Registry, options: ReviewOptions) -> Iterator[FileResult]:
        """Results in order. While the next chunk in order is still in a worker, this
        process reviews the following chunk itself: it is one of the ``jobs``."""
        window = WINDOW * self._workers
        while chunks or in_flight:
            while chunks and sum(not f.done() for _, f in in_flight) < window:
                chunk = chunks.popleft()
                in_flight.append((chunk, _submit(pool, chunk)))
            chunk, future = in_flight[0]
            # (Bounded, so a slow worker cannot make results pile up here.)
            while MAIN_REVIEWS_TOO and not future.done() and chunks and \
                    len(in_flight) < MAX_AHEAD:
                mine = chunks.popleft()
                done: Future[list[FileResult]] = Future()
                done.set_result([review_file(i, s, registry, options) for i, s in mine])
                in_flight.append((mine, done))
            try:
                results = future.result()
            except BrokenProcessPool:
                raise
            except Exception:  # noqa: BLE001 - e.g. a result that does not pickle
                # Review the chunk here instead: the file gets its real review or error.
                results = [review_file(i, s, registry, options) for i, s in chunk]
            in_flight.popleft()
            yield from results

    def _alone(self, index: int, source: Source) -> FileResult:
        """Review one file in a worker of its own; if that worker dies, the file is the
        one that kills workers, and its result says so."""
        pool = self._executor(1)
        try:
            result = _submit(pool, [(index, source)]).result()[0]
        except BrokenProcessPool:
            result = FileResult(index, Review(path=source.path, error=ErrorInfo(
                type="internal", message="the process reviewing this file stopped "
                "without an answer (a crash in a plugin or native code); run pmcoach on "
                "this file alone with --jobs 1 --debug to see where")))
        finally:
            _stop(pool)
        return result


def _submit(pool: ProcessPoolExecutor, chunk: Chunk) -> Future[list[FileResult]]:
    """``pool.submit`` with Ctrl-C held off: a submit may start the workers, and Ctrl-C
    landing inside fork's bookkeeping would be printed and lost instead of stopping
    the run. Held, it arrives right after (workers start with it blocked, then ignore
    it)."""
    if not hasattr(signal, "pthread_sigmask"):
        return pool.submit(_review_chunk, chunk)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return pool.submit(_review_chunk, chunk)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers at once (shutdown alone waits for the chunks they are on)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()
    # With its workers gone, the pool's manager thread ends at once: wait for it, or it
    # may still be closing its pipes when the interpreter's exit hook writes to them.
    pool.shutdown(wait=True, cancel_futures=True)
