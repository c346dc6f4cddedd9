"""Free an old library off the UI thread, and give the memory back to the OS.

After a reload the old library and index (hundreds of MB at 100k) are freed, but glibc keeps the freed
pages of its heaps; RSS then stays at the high-water mark of the reload and creeps up from one reload to
the next (issue 11). `malloc_trim(0)` hands the free pages back. It walks the whole heap, so it runs in
a short thread (ctypes drops the GIL during the call); it exists on glibc (Linux) only and is skipped
elsewhere (Windows' heap returns freed segments itself).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from functools import cache
from typing import Any

log = logging.getLogger(__name__)


@cache
def _libc() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at the top: ~2 ms of start-up, and only a reload needs it
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None  # musl has none
    except OSError:
        return None


def trim_now() -> bool:
    """malloc_trim(0) in this thread; False where there is none."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


# -- retiring an old library -------------------------------------------------------------------------------
# Freeing a 100k library and its index is one C dealloc cascade: dropping the last reference frees millions
# of objects in a single call that holds the GIL for ~150 ms (issue 11: the popup's hotkey waited for it on
# the UI thread). `retire` hands the old objects to a thread that takes them apart piece by piece: big
# containers are emptied in slices, each slice frees a bounded number of objects, and the thread sleeps a
# little between slices so the UI thread gets the GIL. Only what nothing else can reach is taken apart: an
# object still referenced from elsewhere (the new library sharing a phrase, a widget keeping a result) is
# only let go, never emptied.

SLICE = 2_000  # objects let go per step: each step frees a bounded cascade (~1 ms)
BIG = 64  # containers this long or longer are emptied in slices; smaller ones are let go whole
_PAUSE = 0.0005  # seconds slept between steps (lets the UI thread take the GIL)
_sleep = time.sleep  # (tests count the steps)
_LEAVES = (str, bytes, int, float, bool, type(None), complex, range, memoryview, bytearray)
_CONTAINERS = (list, tuple, dict, set, frozenset)
RETIRE_THREAD = "quickreply-retire"  # the retiring thread's name (scripts/soak_reload waits for it)


def _worth_visiting(obj: object) -> bool:
    if isinstance(obj, (*_LEAVES, type)):
        return False
    if isinstance(obj, _CONTAINERS):
        if len(obj) >= BIG:
            return True
        return any(_worth_visiting(x) for x in (obj.values() if isinstance(obj, dict) else obj))
    return hasattr(obj, "__dict__") or hasattr(type(obj), "__slots__")


def dismantle(objects: list[Any], pause: float = _PAUSE) -> int:
    """Let go of `objects` (the list is emptied: the caller keeps no reference) in bounded steps; returns
    how many objects were taken apart. Runs in the calling thread: `retire` runs it in the background."""
    work = list(objects)
    objects.clear()
    taken = 0
    while work:
        obj = work.pop()
        # Held by `obj`, getrefcount's argument and nothing else: no one else can reach it, it may be emptied.
        if sys.getrefcount(obj) > 2:
            del obj
            continue
        taken += 1
        if isinstance(obj, list):
            while obj:
                part = obj[-SLICE:]
                del obj[-SLICE:]
                work.extend(x for x in part if _worth_visiting(x))
                del part
                _sleep(pause)
        elif isinstance(obj, dict):
            while obj:
                part = [obj.popitem() for _ in range(min(SLICE, len(obj)))]
                work.extend(v for _, v in part if _worth_visiting(v))
                del part
                _sleep(pause)
        elif isinstance(obj, set):
            while obj:
                part = [obj.pop() for _ in range(min(SLICE, len(obj)))]
                work.extend(x for x in part if _worth_visiting(x))
                del part
                _sleep(pause)
        elif isinstance(obj, (tuple, frozenset)):
            items = obj if isinstance(obj, tuple) else tuple(obj)
            for start in range(0, len(items), SLICE):  # can't be emptied: its parts are taken over
                work.extend(x for x in items[start : start + SLICE] if _worth_visiting(x))
            del items
            if len(obj) >= BIG:
                _sleep(pause)
        else:
            attrs = getattr(obj, "__dict__", None)
            if isinstance(attrs, dict):
                work.extend(v for v in attrs.values() if _worth_visiting(v))
            del attrs  # (a local left holding a part would make it look shared)
            for name in _slot_names(type(obj)):
                value = getattr(obj, name, None)
                if _worth_visiting(value):
                    work.append(value)
                del value
        del obj  # its own parts are held by `work` now: freeing it frees only what is small
        if taken % SLICE == 0:
            _sleep(pause)
    return taken


_SLOTS: dict[type, tuple[str, ...]] = {}


def _slot_names(cls: type) -> tuple[str, ...]:
    found = _SLOTS.get(cls)
    if found is None:
        names: list[str] = []
        for klass in cls.__mro__:
            slots = klass.__dict__.get("__slots__", ())
            names.extend([slots] if isinstance(slots, str) else slots)
        found = _SLOTS[cls] = tuple(n for n in names if n not in ("__dict__", "__weakref__"))
    return found


def retire(objects: list[Any], delay: float = 0.1) -> threading.Thread:
    """Free the old library and index in a background thread, in slices, then hand the freed pages back
    (`trim_now`); returns the started thread at once. `objects` is emptied here, so the caller holds no
    reference. The thread waits `delay` seconds first: the UI thread's own references (the old tray
    menu, the popup's last results) are let go in the meantime, and what is still shared is not emptied."""
    handed = list(objects)
    objects.clear()
    thread = threading.Thread(target=_retire, args=(handed, delay), name=RETIRE_THREAD, daemon=True)
    del handed  # the thread's list is the only one now
    thread.start()
    return thread


def _retire(handed: list[Any], delay: float) -> None:
    time.sleep(delay)
    try:
        dismantle(handed)
    except Exception:  # never fatal: whatever is left is freed by the refcounts as usual
        log.exception("retiring the old library failed")
    trim_now()
