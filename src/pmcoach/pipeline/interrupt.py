"""Ctrl-C during a run that writes reviews as they finish.

A review handed out is being written (the text or JSON report streams): a Ctrl-C landing
there would cut the report short in the middle of a file. While a :class:`CtrlC` guard
is active, Ctrl-C inside the pipeline raises as usual, but Ctrl-C while a review is out
is held until the caller asks for the next one, where the run stops cleanly (and the
report is closed, marked incomplete).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any


class CtrlC:
    """Install with ``with CtrlC() as guard:``; wrap each hand-out in
    ``with guard.handing_out():``. Only on the main thread, and only over Python's own
    handler (a program with its own SIGINT handler keeps it)."""

    def __init__(self) -> None:
        self.working = True
        self.pending = False
        self._previous: Any = None

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread() and \
                signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.working:
            raise KeyboardInterrupt
        self.pending = True

    @contextmanager
    def handing_out(self) -> Iterator[None]:
        """Hold Ctrl-C while the caller has the item; raise it once the caller is back."""
        self.working = False
        try:
            yield
        finally:
            self.working = True
        if self.pending:
            self.pending = False
            raise KeyboardInterrupt
