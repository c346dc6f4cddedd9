"""Small helpers that let the same test run on Linux and on Windows (the Windows lane under Wine)."""

from __future__ import annotations

import threading
from typing import IO


def readline_within(stream: IO[str], seconds: float) -> str | None:
    """The next line of a child's pipe, or None if none came within `seconds`.

    `select()` on pipes is POSIX-only; a reader thread works everywhere. The thread ends with the pipe.
    """
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    return line[0] if line else None
