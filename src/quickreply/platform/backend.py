"""Pick the OS backend (Windows, X11, or the null backend with the reason) and log the choice.

Any start-up failure of a real adapter lands in the null backend with its message, so the app still runs
(the tray menu copies to the clipboard) and can tell the agent why hotkeys are off.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from quickreply.core.messages import Message, msg
from quickreply.core.ports import Focus, Hotkeys, Keys
from quickreply.platform import null

log = logging.getLogger(__name__)

XWAYLAND = msg("backend.xwayland")


@dataclass
class Backend:
    """The adapters the app wires into the paste sequence and the hotkey bridge."""

    focus: Focus
    keys: Keys
    hotkeys: Hotkeys
    name: str  # "windows", "x11" or "null"
    problem: Message | None = None  # why hotkeys or pasting are limited (`backend.*`); None: they are not

    def close(self) -> None:
        """Release global grabs and stop the hotkey thread (on quit)."""
        for port in (self.hotkeys, self.keys):  # keys: X11 unbinds the keycodes it borrowed for typing
            closer = getattr(port, "close", None)
            if callable(closer):
                closer()


def null_backend(reason: Message) -> Backend:
    return Backend(null.NullFocus(), null.NullKeys(reason), null.NullHotkeys(reason), "null", reason)


def _windows() -> Backend:
    from quickreply.platform.windows.adapters import WindowsFocus, WindowsKeys
    from quickreply.platform.windows.api import Win32Api
    from quickreply.platform.windows.hotkeys import WindowsHotkeys

    api = Win32Api()
    return Backend(WindowsFocus(api), WindowsKeys(api), WindowsHotkeys(api), "windows")


def _x11(display: str) -> Backend:
    from Xlib.display import Display

    from quickreply.platform.x11.adapters import X11Focus, X11Keys
    from quickreply.platform.x11.hotkeys import X11Hotkeys

    # Focus and keys share one connection (both are used on the main thread only); the hotkeys have their
    # own, read by their thread. Each pure-Python connection cost ~3 ms of the start, the first ~14.
    main_thread = Display(display)
    return Backend(
        X11Focus(connection=main_thread), X11Keys(connection=main_thread), X11Hotkeys(display), "x11"
    )


def select_backend(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    factories: Mapping[str, Callable[..., Backend]] | None = None,
) -> Backend:
    """The backend for this machine. Never raises; `factories` lets tests replace the real adapters."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    make: dict[str, Callable[..., Backend]] = {"windows": _windows, "x11": _x11, **(factories or {})}
    try:
        if platform == "win32":
            backend = make["windows"]()
        elif platform.startswith("linux") or platform.startswith("freebsd"):
            display, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
            if not display:
                backend = null_backend(null.WAYLAND if wayland else null.NO_DISPLAY)
            else:
                backend = make["x11"](display)
                if wayland or env.get("XDG_SESSION_TYPE") == "wayland":
                    backend.problem = XWAYLAND
        else:
            backend = null_backend(null.UNSUPPORTED_OS)
    except Exception as exc:  # a barrier: no hotkeys is better than no app
        log.exception("the %s input backend failed to start", platform)
        backend = null_backend(msg("backend.failed", detail=str(exc)))
    problem = f" ({backend.problem.render('en')})" if backend.problem else ""
    log.info("input backend: %s%s", backend.name, problem)
    return backend
