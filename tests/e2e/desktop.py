"""A private X desktop: Xvfb on a display of its own, a tray host, and the X queries, keys and clipboard
the end-to-end tests and scripts drive the app with (the processes themselves: apps.py).

Shared by tests/e2e, scripts/screenshots.py and scripts/bench_app.py; plain Python (no pytest), every wait
bounded and failing with what was seen.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from tests.xvfb import XvfbError, start_xvfb
from Xlib import X, Xatom
from Xlib import display as xdisplay
from Xlib import error as xerror

TOOLS = ("Xvfb", "xdotool", "trayer", "xclip")
APT_HINT = "apt-get install xvfb xdotool trayer xclip"
T = TypeVar("T")


class DesktopError(RuntimeError):
    """Something on the private desktop did not happen in time; the message says what was seen."""


def missing_tools(tools: tuple[str, ...] = TOOLS) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def wait_until(check: Callable[[], T], timeout: float, what: str, seen: Callable[[], str] = str) -> T:
    """Poll `check` until it returns something truthy; DesktopError naming `what` (and `seen()`) after
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            detail = seen() if seen is not str else ""
            raise DesktopError(f"{what}: not within {timeout:.0f} s" + (f"\n{detail}" if detail else ""))
        time.sleep(0.02)


def stop_process(proc: subprocess.Popen[bytes] | subprocess.Popen[str] | None, timeout: float = 5) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


@dataclass(frozen=True)
class Geometry:
    x: int
    y: int
    width: int
    height: int


class Desktop:
    """Xvfb on a display it picks itself (-displayfd: never one in use in /tmp/.X11-unix), plus trayer."""

    def __init__(self, size: str = "1280x800", tray: bool = True) -> None:
        self.size, self.tray = size, tray
        self.display = ""
        self.env: dict[str, str] = {}
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._trayer: subprocess.Popen[bytes] | None = None
        self._wm: subprocess.Popen[bytes] | None = None
        self._x: xdisplay.Display | None = None

    def __enter__(self) -> Desktop:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        try:
            self._xvfb, self.display = start_xvfb(self.size, "-noreset")
        except XvfbError as exc:
            raise DesktopError(str(exc)) from exc
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
        self.env = {**env, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        self._x = xdisplay.Display(self.display)
        if self.tray:
            self._trayer = subprocess.Popen(
                ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "24",
                 "--SetDockType", "false", "--transparent", "false", "--tint", "0x333333"],
                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            # Qt asks whether a tray exists once, at start-up: the app must not start before trayer owns it.
            wait_until(self.tray_owned, 15, "trayer taking the system-tray selection _NET_SYSTEM_TRAY_S0")

    def close(self) -> None:
        if self._x is not None:
            with contextlib.suppress(Exception):  # the server may already be gone
                self._x.close()
            self._x = None
        stop_process(self._wm)
        stop_process(self._trayer)
        stop_process(self._xvfb)

    def start_window_manager(self) -> None:
        """openbox, for pictures of dialogs with their title bar (the tests run without one, like Xvfb)."""
        self._wm = subprocess.Popen(
            ["openbox", "--sm-disable"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        check = self.x.intern_atom("_NET_SUPPORTING_WM_CHECK")
        wait_until(
            lambda: self.x.screen().root.get_full_property(check, Xatom.WINDOW), 15, "openbox starting"
        )

    # -- X queries ----------------------------------------------------------------------------------------
    @property
    def x(self) -> xdisplay.Display:
        assert self._x is not None, "the desktop is not started"
        return self._x

    def tray_owned(self) -> bool:
        atom = self.x.intern_atom("_NET_SYSTEM_TRAY_S0")
        return bool(self.x.get_selection_owner(atom))

    def _name(self, window: object) -> str:
        try:
            prop = window.get_full_property(  # type: ignore[attr-defined]
                self.x.intern_atom("_NET_WM_NAME"), self.x.intern_atom("UTF8_STRING")
            )
            if prop and prop.value:
                value = prop.value
                return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            name = window.get_wm_name()  # type: ignore[attr-defined]
            return name.decode("latin-1") if isinstance(name, bytes) else (name or "")
        except xerror.XError:
            return ""

    def _pid(self, window: object) -> int:
        try:
            prop = window.get_full_property(  # type: ignore[attr-defined]
                self.x.intern_atom("_NET_WM_PID"), Xatom.CARDINAL
            )
        except xerror.XError:
            return 0
        return int(prop.value[0]) if prop and len(prop.value) else 0

    def geometry(self, wid: int) -> Geometry:
        window = self.x.create_resource_object("window", wid)
        geo = window.get_geometry()
        pos = window.translate_coords(self.x.screen().root, 0, 0)
        return Geometry(-pos.x, -pos.y, geo.width, geo.height)

    def frame(self, wid: int) -> Geometry:
        """Where `wid` shows with its window-manager frame (the top-level window that holds it)."""
        window = self.x.create_resource_object("window", wid)
        root = self.x.screen().root.id
        while (parent := window.query_tree().parent).id != root:
            window = parent
        return self.geometry(int(window.id))

    def find_windows(self, name: str, pid: int | None = None, min_size: int = 0) -> list[int]:
        """Visible windows titled exactly `name` wherever they sit (managed by a window manager or not),
        of `pid` if given; windows smaller than `min_size` are left out."""
        args = ["--pid", str(pid)] if pid is not None else []
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", *args, "--name", f"^{re.escape(name)}$"],
            env=self.env, capture_output=True, text=True, timeout=20,
        )  # fmt: skip
        found = []
        for wid in (int(line) for line in out.stdout.split()):
            try:
                geo = self.x.create_resource_object("window", wid).get_geometry()
            except xerror.XError:  # closed while we looked
                continue
            if min(geo.width, geo.height) >= min_size:
                found.append(wid)
        return found

    def visible_windows(
        self, pid: int | None = None, name: str | None = None, min_size: int = 40
    ) -> list[int]:
        """Mapped top-level windows (bottom to top), optionally only those of `pid` / titled `name`;
        windows smaller than `min_size` (Qt's helper windows) are left out."""
        self.x.sync()
        found = []
        for window in self.x.screen().root.query_tree().children:
            try:
                attrs = window.get_attributes()
                geo = window.get_geometry()
            except xerror.XError:  # closed while we looked
                continue
            if attrs.map_state != X.IsViewable or min(geo.width, geo.height) < min_size:
                continue
            if pid is not None and self._pid(window) != pid:
                continue
            if name is not None and self._name(window) != name:
                continue
            found.append(int(window.id))
        return found

    def tray_icon(self, name: str) -> Geometry:
        """Where the tray icon titled `name` sits (inside trayer's panel)."""

        def search(window: object) -> Geometry | None:
            for child in window.query_tree().children:  # type: ignore[attr-defined]
                if self._name(child) == name and child.get_attributes().map_state == X.IsViewable:
                    return self.geometry(int(child.id))
                hit = search(child)
                if hit:
                    return hit
            return None

        return wait_until(lambda: search(self.x.screen().root), 15, f"a tray icon named {name!r}")

    def focused(self) -> int:
        return int(self.xdotool("getwindowfocus") or 0)

    # -- input and clipboard ------------------------------------------------------------------------
    def xdotool(self, *args: str) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20)
        if out.returncode:
            raise DesktopError(f"xdotool {' '.join(args)} failed ({out.returncode}): {out.stderr.strip()}")
        return out.stdout.strip()

    def focus(self, wid: int) -> None:
        """Give `wid` the keyboard focus (no window manager: windowactivate cannot work)."""
        self.xdotool("windowfocus", "--sync", str(wid))
        wait_until(lambda: self.focused() == wid, 5, f"window {wid} taking the focus",
                   lambda: f"focus is on {self.focused()}")  # fmt: skip

    def set_clipboard(self, data: bytes, target: str = "UTF8_STRING") -> None:
        """Own the clipboard with one format (xclip serves it from a background process until replaced)."""
        subprocess.run(
            ["xclip", "-selection", "clipboard", "-t", target, "-i"],
            input=data, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=10, check=True,
        )  # fmt: skip
        wait_until(lambda: self.clipboard(target) == data, 5, f"the clipboard serving {target}")

    def clipboard(self, target: str = "UTF8_STRING") -> bytes | None:
        """The clipboard's content as `target`, or None when nobody offers it."""
        try:
            out = subprocess.run(
                ["xclip", "-selection", "clipboard", "-t", target, "-o"],
                env=self.env, capture_output=True, timeout=10,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return None
        return out.stdout if out.returncode == 0 else None
