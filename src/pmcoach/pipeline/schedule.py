"""Running many files at once, in order: the pipeline's concurrency, in one place.

Each file is: offline checks and prompt rendering (CPU, under the GIL), then perhaps a
model request (waiting on the network). Letting every worker thread do its CPU part at
once makes them all finish it late (the GIL takes turns), so the first requests start
late. Instead the CPU parts run one at a time, in file order, while up to ``jobs``
requests wait on the network: the checks of later files overlap the requests of earlier
ones. The coach asks for a :meth:`Schedule.request_slot` before it sends a request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Called with (finished, total) after each item.
Progress = Callable[[int, int], None]


class Schedule:
    """Whose turn it is at the CPU, and which requests may start (file order, at most
    ``jobs`` in flight)."""

    def __init__(self) -> None:
        self._turns = threading.Condition()
        self._turn = 0
        self._tickets = 0
        self._next_send = 0
        self._in_flight = 0
        self._jobs = 8
        self._local = threading.local()

    @contextmanager
    def request_slot(self) -> Iterator[None]:
        """Hold a request slot: taken in file order, at most ``jobs`` at once; this
        file's CPU turn ends first, so the next file's checks run while it waits."""
        ticket = self._yield_cpu(ticket=True)
        with self._turns:
            self._turns.wait_for(lambda: self._next_send == ticket and
                                 self._in_flight < self._jobs)
            self._next_send += 1
            self._in_flight += 1
            self._turns.notify_all()
        try:
            yield
        finally:
            with self._turns:
                self._in_flight -= 1
                self._turns.notify_all()

    def _yield_cpu(self, ticket: bool = False) -> int:
        """End this thread's turn at the CPU part, so the next file in order may start;
        with ``ticket``, also take this file's place in the queue of requests (taken
        during the CPU turn, tickets follow file order)."""
        with self._turns:
            number = -1
            if ticket:
                number = self._tickets
                self._tickets += 1
            if getattr(self._local, "holding", False):
                self._local.holding = False
                self._turn += 1
                self._turns.notify_all()
            return number

    def run(self, items: Sequence[T], fn: Callable[[T], R], jobs: int,
            progress: Progress | None = None) -> list[R]:
        """``[fn(x) for x in items]`` with at most ``jobs`` requests in flight."""
        with self._turns:  # a fresh ordering for this run's files
            self._jobs = max(1, jobs)
            self._turn = self._tickets = self._next_send = self._in_flight = 0

        def task(indexed: tuple[int, T]) -> R:
            index, item = indexed
            with self._turns:  # strictly in file order: a lock alone is not fair
                self._turns.wait_for(lambda: self._turn == index)
            self._local.holding = True
            try:
                return fn(item)
            finally:
                self._yield_cpu()

        # Twice as many threads as requests: half wait on the network while the others
        # have their prompts ready for the next free slot.
        return run_parallel(list(enumerate(items)), task, 2 * max(1, jobs), progress)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run; ``finished`` holds the results that were complete."""

    def __init__(self, finished: list[Any]) -> None:
        super().__init__()
        self.finished = finished


def run_parallel(items: Sequence[T], fn: Callable[[T], R], jobs: int,
                 progress: Progress | None = None) -> list[R]:
    """``[fn(x) for x in items]`` on up to ``jobs`` threads, results in input order.

    Daemon threads rather than a ThreadPoolExecutor: on Ctrl-C the main thread raises
    at once and the process exits without waiting for requests in flight (whatever
    finished is already in the cache).
    """
    total = len(items)
    results: list[Any] = [None] * total
    errors: list[BaseException] = []
    lock = threading.Lock()
    state = {"next": 0, "done": 0}
    finished = threading.Event()
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            with lock:
                index = state["next"]
                if index >= total:
                    return
                state["next"] += 1
            try:
                results[index] = fn(items[index])
            except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
                errors.append(exc)
                stop.set()
            with lock:
                state["done"] += 1
                done = state["done"]
            if progress is not None:
                progress(done, total)
            if done == total or stop.is_set():
                finished.set()

    if total == 0:
        return []
    threads = [threading.Thread(target=worker, daemon=True, name=f"pmcoach-{i}")
               for i in range(max(1, min(jobs, total)))]
    try:  # Ctrl-C may come while threads are still starting
        for thread in threads:
            thread.start()
        while not finished.wait(0.05):
            pass
    except BaseException as exc:
        stop.set()  # workers take no new files; the caller exits without waiting
        clear = getattr(progress, "clear", None)
        if clear is not None:
            clear()
        if isinstance(exc, KeyboardInterrupt):
            # What finished is still worth a report (and is already in the cache).
            raise Interrupted([r for r in list(results) if r is not None]) from None
        raise
    if errors:
        raise errors[0]
    return results
