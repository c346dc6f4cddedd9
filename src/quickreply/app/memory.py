"""Give the memory a reload freed back to the OS, off the UI thread.

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


def trim_soon() -> None:
    """Trim in a background thread (returns at once)."""
    if _libc() is not None:
        threading.Thread(target=trim_now, name="quickreply-malloc-trim", daemon=True).start()
