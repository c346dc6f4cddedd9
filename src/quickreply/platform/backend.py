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

from quickreply.core.ports import Focus, Hotkeys, Keys
from quickreply.platform import null

log = logging.getLogger(__name__)

XWAYLAND = (
    "当前是 Wayland 会话：快捷键和自动粘贴只对 X11（XWayland）程序有效。"
    "若聊天软件收不到文字，请改用 X11 会话。",
    "This is a Wayland session: hotkeys and pasting only reach X11 (XWayland) programs. If the chat app "
    "gets no text, log in to an X11 session.",
)


@dataclass
class Backend:
    """The adapters the app wires into the paste sequence and the hotkey bridge."""

    focus: Focus
    keys: Keys
    hotkeys: Hotkeys
    name: str  # "windows", "x11" or "null"
    problem: str = ""  # English; "" when everything works
    problem_zh: str = ""

    def problem_message(self, language: str = "zh_CN") -> str:
        """Why hotkeys or pasting are limited, in the UI language; "" when they are not."""
        return self.problem if language == "en" else (self.problem_zh or self.problem)

    def close(self) -> None:
        """Release global grabs and stop the hotkey thread (on quit)."""
        for port in (self.hotkeys, self.keys):  # keys: X11 unbinds the keycodes it borrowed for typing
            closer = getattr(port, "close", None)
            if callable(closer):
                closer()


def null_backend(reason: tuple[str, str]) -> Backend:
    zh, en = reason
    return Backend(null.NullFocus(), null.NullKeys(en), null.NullHotkeys(reason), "null", en, zh)


def _windows() -> Backend:
    from quickreply.platform.windows.adapters import WindowsFocus, WindowsKeys
    from quickreply.platform.windows.api import Win32Api
    from quickreply.platform.windows.hotkeys import WindowsHotkeys

    api = Win32Api()
    return Backend(WindowsFocus(api), WindowsKeys(api), WindowsHotkeys(api), "windows")


def _x11(display: str) -> Backend:
    from quickreply.platform.x11.adapters import X11Focus, X11Keys
    from quickreply.platform.x11.hotkeys import X11Hotkeys

    return Backend(X11Focus(display), X11Keys(display), X11Hotkeys(display), "x11")


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
                    backend.problem_zh, backend.problem = XWAYLAND
        else:
            backend = null_backend(null.UNSUPPORTED_OS)
    except Exception as exc:  # a barrier: no hotkeys is better than no app
        log.exception("the %s input backend failed to start", platform)
        backend = null_backend(
            (
                f"无法启用全局快捷键和自动粘贴（{exc}）。请使用托盘菜单，文字会复制到剪贴板。",
                f"Global hotkeys and pasting could not start ({exc}). Use the tray menu: the text goes to "
                "the clipboard.",
            )
        )
    log.info("input backend: %s%s", backend.name, f" ({backend.problem})" if backend.problem else "")
    return backend
