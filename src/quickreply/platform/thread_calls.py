"""Calls handed to a thread that must do the work itself (an X connection, a Win32 hotkey queue)."""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any


class ThreadCalls:
    """Other threads `call()` a function; the owning thread runs it in `serve()` and the caller gets its
    result (or its exception) back."""

    def __init__(self) -> None:
        self._requests: queue.Queue[tuple[Callable[[], Any], Future[Any]]] = queue.Queue()

    def call(self, fn: Callable[[], Any], wake: Callable[[], object], timeout: float) -> Any:
        """Queue `fn`, `wake` the owning thread, and wait up to `timeout` s for the result."""
        future: Future[Any] = Future()
        self._requests.put((fn, future))
        wake()
        return future.result(timeout)

    def serve(self) -> None:
        """On the owning thread: run everything queued so far."""
        while True:
            try:
                fn, future = self._requests.get_nowait()
            except queue.Empty:
                return
            try:
                future.set_result(fn())
            except Exception as exc:
                future.set_exception(exc)
