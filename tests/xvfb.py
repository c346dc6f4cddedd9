"""A private X server for tests and developer scripts: Xvfb picks a free display itself (-displayfd), so
parallel runs never collide with each other or with a display already in /tmp/.X11-unix."""

from __future__ import annotations

import os
import select
import subprocess


class XvfbError(RuntimeError):
    """Xvfb could not be started."""


def start_xvfb(size: str = "1280x800", *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb with one `size` screen; returns the process and its display (":N")."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten", "tcp", *extra],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        ready, _, _ = select.select([pipe], [], [], 20)
        number = pipe.readline().strip() if ready else ""
    if not number:
        server.kill()
        server.wait(5)
        raise XvfbError("Xvfb did not report a display number within 20 s")
    return server, f":{number}"
