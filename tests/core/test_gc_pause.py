"""gc_paused() is used from several threads at once (library loader, team sync): the pauses are counted."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from quickreply.core.packs.cache import gc_paused


@pytest.fixture(autouse=True)
def _gc_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_one_thread_ending_its_pause_keeps_the_gc_off_while_another_thread_is_paused() -> None:
    a_in, b_in, a_out, b_out = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def a() -> None:
        with gc_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b() -> None:
        a_in.wait(5)
        with gc_paused():
            b_in.set()
            a_out.wait(5)
            seen["b, after a ended"] = gc.isenabled()
        b_out.set()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert seen == {"b, after a ended": False}
    assert gc.isenabled()


def test_a_gc_switched_off_before_the_pause_stays_off() -> None:
    gc.disable()
    with gc_paused(), gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_gc_runs_again_after_a_pause_that_raised() -> None:
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError
    assert gc.isenabled()
