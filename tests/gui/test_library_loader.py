"""Reloads in the background: the UI thread keeps running, bursts coalesce, the newest result wins."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from quickreply.app.library_loader import LibraryLoader, LoadResult
from quickreply.core.model import Library, Pack, Phrase
from quickreply.paths import app_paths


class SlowLoad:
    """A load that blocks until released, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.release = threading.Event()
        self.fail = False

    def __call__(self, _paths: Any, _extra: Sequence[Path]) -> tuple[Library, list[Any], Any]:
        self.calls += 1
        number = self.calls
        self.release.wait(10)
        if self.fail:
            raise OSError("disk gone")
        pack = Pack(
            id=f"p{number}", name="p", version=str(number), phrases=(Phrase(f"x{number}", "c", "t", "t"),)
        )
        return Library((pack,)), [], f"index {number}"


def test_the_ui_thread_runs_while_a_load_runs_and_a_burst_costs_two_loads(qtbot: QtBot) -> None:
    load = SlowLoad()
    loader = LibraryLoader(app_paths(), (), load)
    results: list[LoadResult] = []
    loader.loaded.connect(results.append)
    loader.request()
    ticks: list[float] = []
    timer_start = time.perf_counter()
    while time.perf_counter() - timer_start < 0.3:  # the event loop keeps turning meanwhile
        qtbot.wait(10)
        ticks.append(time.perf_counter())
    assert loader.busy and results == [] and len(ticks) > 10
    loader.request()
    loader.request()  # both coalesce into one more load
    load.release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert loader.wait(5)
    qtbot.wait(50)
    assert load.calls == 2  # the first, then one for the burst
    assert [r.index for r in results] == ["index 2"]  # only the newest is installed
    assert results[0].library.phrase("x2") is not None


def test_a_failed_load_is_reported_and_nothing_is_installed(qtbot: QtBot) -> None:
    load = SlowLoad()
    load.fail = True
    load.release.set()
    loader = LibraryLoader(app_paths(), (), load)
    with qtbot.waitSignal(loader.loaded, timeout=5000) as got:
        loader.request()
    assert isinstance(got.args[0].error, OSError) and got.args[0].index is None
    assert not loader.busy


def test_the_load_runs_with_the_cyclic_gc_paused_and_it_runs_again_after(qtbot: QtBot) -> None:
    """Full collections over the millions of objects a 100k load reads back held the GIL for up to
    0.6 s in the worker; the popup waited for them."""
    import gc

    seen: list[bool] = []

    def load(_paths: Any, _extra: Sequence[Path]) -> tuple[Library, list[Any], Any]:
        seen.append(gc.isenabled())
        if len(seen) == 2:
            raise OSError("disk gone")
        return Library(), [], "index"

    loader = LibraryLoader(app_paths(), (), load)
    for _ in range(2):  # a good load, then a failed one
        with qtbot.waitSignal(loader.loaded, timeout=5000):
            loader.request()
        assert gc.isenabled()
    assert seen == [False, False]


def test_after_runs_in_the_worker_on_the_loaded_library_and_its_result_comes_along(qtbot: QtBot) -> None:
    load = SlowLoad()
    load.release.set()
    seen: list[tuple[str, str]] = []

    def after(library: Library) -> str:
        seen.append((threading.current_thread().name, library.packs[0].id))
        return "prepared tree"

    loader = LibraryLoader(app_paths(), (), load, after=after)
    with qtbot.waitSignal(loader.loaded, timeout=5000) as blocker:
        loader.request()
    assert seen == [("quickreply-library-load", "p1")]
    assert blocker.args[0].prepared == "prepared tree"
