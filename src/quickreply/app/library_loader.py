"""Library reloads off the UI thread: a team update or a personal save never freezes the popup.

`LibraryLoader.request()` reads every pack and builds (or loads) the search index in a worker thread; the
popup keeps answering from the library it has meanwhile. With `prepare` (the app passes
`library_build.prepare_caches`), a big library is parsed and indexed in a child process first, and the
worker only reads the caches it left (no GIL held for seconds, no heap fragmented by the build).
When the work is done, `loaded(LoadResult)` is emitted on the UI thread and the app swaps the new library
in at once. Requests made while a load runs are coalesced into one more load after it, so a burst of
changes costs at most two loads, and a stale result is never installed over a newer one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from quickreply.core.model import Library, Problem
from quickreply.core.packs.cache import gc_paused
from quickreply.paths import Paths

if TYPE_CHECKING:
    from quickreply.core.search.index import SearchIndex

log = logging.getLogger("quickreply")

Loader = Callable[[Paths, Sequence[Path]], tuple[Library, list[Problem], "SearchIndex"]]
Prepare = Callable[[Paths, Sequence[Path]], None]


@dataclass(frozen=True)
class LoadResult:
    library: Library
    problems: list[Problem]
    index: Any  # SearchIndex
    started: float  # perf_counter when the load began
    error: Exception | None = None
    prepared: Any = None  # what `after` made of the library in the worker (e.g. the tray's tree)


class LibraryLoader(QObject):
    loaded = Signal(object)  # LoadResult, on the UI thread; `error` set when the load failed

    def __init__(
        self,
        paths: Paths,
        extra_packs: Sequence[Path],
        load: Loader,
        parent: QObject | None = None,
        prepare: Prepare | None = None,
        after: Callable[[Library], Any] | None = None,
    ):
        super().__init__(parent)
        self.paths, self.extra_packs, self._load = paths, tuple(extra_packs), load
        self._prepare = prepare  # run first, e.g. library_build.prepare_caches (the build in a child)
        self._after = after  # run on the loaded library, still in the worker: data the UI swap needs
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._done = threading.Event()
        self._done.set()

    @property
    def busy(self) -> bool:
        return not self._done.is_set()

    def request(self) -> None:
        """Load the library again, in the background; returns at once."""
        with self._lock:
            if self._running:
                self._again = True  # coalesced: one more load once this one ends
                return
            self._running = True
            self._done.clear()
        threading.Thread(target=self._work, name="quickreply-library-load", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no load runs (for scripts and tests; the app never waits)."""
        return self._done.wait(timeout)

    def _work(self) -> None:
        while True:
            started = time.perf_counter()
            try:
                if self._prepare is not None:
                    self._prepare(self.paths, self.extra_packs)
                # Reading 100k phrases and their index back makes millions of objects: with the cyclic
                # GC on, full collections ran over them in this thread, holding the GIL 120-600 ms each
                # (the popup waited). SearchIndex freezes them (gc.freeze) before the GC runs again.
                with gc_paused():
                    library, problems, index = self._load(self.paths, self.extra_packs)
                    prepared = self._after(library) if self._after is not None else None
                result = LoadResult(library, problems, index, started, prepared=prepared)
                del library, index  # (the result holds them; the loop must not keep them past the swap)
            except Exception as exc:  # reported on the UI thread; the library in use stays
                log.exception("library reload failed")
                result = LoadResult(Library(), [], None, started, exc)
            with self._lock:
                again, self._again = self._again, False
                if not again:
                    self._running = False
            if not again:  # only the newest load is installed
                self._done.set()  # before the signal: its slot may run on the UI thread at once
                self.loaded.emit(result)
                return
