#!/usr/bin/env python3
"""How fast the real tray app is for an agent: start-up, hotkey → popup, Enter → text in the chat, memory.

    python3 scripts/bench_app.py [--starts 10] [--presses 30] [--pastes 30]

Runs `python3 -m quickreply.cli` with the starter packs on a private Xvfb with a tray host (trayer), a Tk
chat box (tests/e2e/target_app.py) in another process, and prints one table:

- start → tray ready: the app's own "tray ready N ms" (time since its process started, so the Python
  start-up is included), a fresh process each run; the very first run builds the search index cache.
- hotkey → popup mapped: keys sent with XTest from this process, the popup's MapNotify read from the X
  server; → popup painted: until its result list on screen shows the final pixels (XGetImage polling).
- Enter → text in chat: from the XTest Enter in the popup to the chat box's own timestamp of the change
  (CLOCK_MONOTONIC is shared by all processes), default [paste] settings; → clipboard back: until
  `xclip -o` returns the agent's clipboard again (restore_delay_ms = 400 by default).
- idle RSS: VmRSS from /proc/PID/status after 5 s idle, right after start and after all the pastes.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.e2e.apps import App, Target  # noqa: E402
from tests.e2e.desktop import APT_HINT, Desktop, DesktopError, missing_tools  # noqa: E402
from Xlib import XK, X  # noqa: E402
from Xlib.ext import xtest  # noqa: E402

SETTINGS = '[profile]\nshop = "小鹿旗舰店"\nagent = "小美"\n'
QUERY = "hy"  # the shortcut code of 欢迎光临 ({shop} and {agent} filled from the profile)
EXPECTED = "您好，欢迎光临小鹿旗舰店！我是客服小美，很高兴为您服务，请问有什么可以帮您的？/:^_^"
OLD_CLIPBOARD = "剪贴板原来的内容".encode()
IDLE_SECONDS = 5.0
PAUSE = 0.15  # between trials, so each one starts from an idle app


@dataclass
class Row:
    name: str
    values: list[float]
    unit: str
    target: str = ""
    limit: float | None = None  # the target applies to p95 when it is set, else to max
    on: str = "p95"


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


class Keys:
    """XTest keys from this process, on the connection that also watches the popup's map/unmap."""

    def __init__(self, desktop: Desktop) -> None:
        self.x = desktop.x
        self.x.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.x.sync()

    def code(self, name: str) -> int:
        return int(self.x.keysym_to_keycode(XK.string_to_keysym(name)))

    def tap(self, *names: str) -> float:
        """Press the keys in order and release them in reverse; returns time.monotonic() of the press."""
        codes = [self.code(n) for n in names]
        stamp = time.monotonic()
        for code in codes:
            xtest.fake_input(self.x, X.KeyPress, code)
        for code in reversed(codes):
            xtest.fake_input(self.x, X.KeyRelease, code)
        self.x.sync()
        return stamp

    def drain(self) -> None:
        while self.x.pending_events():
            self.x.next_event()

    def wait_event(self, kind: int, wid: int, timeout: float = 5.0) -> float:
        """time.monotonic() when a MapNotify/UnmapNotify of `wid` arrives."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while self.x.pending_events():
                event = self.x.next_event()
                if event.type == kind and event.window.id == wid:
                    return time.monotonic()
            time.sleep(0.0005)
        raise DesktopError(f"no {'MapNotify' if kind == X.MapNotify else 'UnmapNotify'} for the popup")


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> float:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise DesktopError(f"{what}: not within {timeout} s")
        time.sleep(0.002)
    return time.monotonic()


def bench_starts(desktop: Desktop, home: Path, runs: int) -> tuple[float, list[float]]:
    """(first start with no index cache, then `runs` fresh processes) in ms, by the app's own clock."""
    times = []
    for run in range(runs + 1):
        app = App(desktop, home)
        app.start()
        try:
            times.append(app.wait_ready(60))
        finally:
            app.stop()
        print(f"  start {run}: {times[-1]:.0f} ms", file=sys.stderr)
        time.sleep(0.3)
    return times[0], times[1:]


def list_strip(desktop: Desktop, wid: int) -> tuple[int, int, int, int]:
    """A band of the popup's result list (the search box is left out: its caret blinks)."""
    geo = desktop.geometry(wid)
    return geo.x + 20, geo.y + 90, geo.width - 40, 80


def grab(desktop: Desktop, strip: tuple[int, int, int, int]) -> bytes:
    x, y, w, h = strip
    return bytes(desktop.x.screen().root.get_image(x, y, w, h, X.ZPixmap, 0xFFFFFFFF).data)


def bench_hotkey(desktop: Desktop, app: App, keys: Keys, chat: Target, presses: int) -> tuple[list, list]:
    chat.focus()
    keys.tap("Control_L", "Alt_L", "space")  # the first show creates the native window: not counted
    wid = app.wait_popup()
    time.sleep(1.0)
    strip = list_strip(desktop, wid)
    reference = grab(desktop, strip)
    keys.tap("Escape")
    app.wait_popup_hidden()
    mapped, painted = [], []
    for _ in range(presses):
        time.sleep(PAUSE)
        if desktop.focused() != chat.wid:
            chat.focus()
        keys.drain()
        start = keys.tap("Control_L", "Alt_L", "space")
        mapped.append((keys.wait_event(X.MapNotify, wid) - start) * 1000)
        shown = wait_for(lambda: grab(desktop, strip) == reference, 5, "the popup painted")
        painted.append((shown - start) * 1000)
        keys.tap("Escape")
        keys.wait_event(X.UnmapNotify, wid)
    return mapped, painted


def bench_paste(desktop: Desktop, app: App, keys: Keys, chat: Target, pastes: int) -> tuple[list, list]:
    desktop.set_clipboard(OLD_CLIPBOARD)
    arrived, restored = [], []
    for _ in range(pastes):
        time.sleep(PAUSE)
        chat.clear()
        keys.drain()
        keys.tap("Control_L", "Alt_L", "space")
        app.wait_popup()
        for letter in QUERY:
            keys.tap(letter)
        start = keys.tap("Return")
        if chat.wait_text(EXPECTED, 10) != EXPECTED:
            raise DesktopError(f"the chat box got {chat.text()!r}, not {EXPECTED!r}\n{app.tail()}")
        arrived.append((chat.changed_at() - start) * 1000)
        back = wait_for(lambda: desktop.clipboard() == OLD_CLIPBOARD, 10, "the clipboard being restored")
        restored.append((back - start) * 1000)
    return arrived, restored


def table(rows: list[Row]) -> str:
    head = f"{'measure':<38} {'n':>3} {'p50':>8} {'p95':>8} {'max':>8}  {'target':<14} ok"
    lines = [head, "-" * len(head)]
    for row in rows:
        v = row.values
        cells = [f"{statistics.median(v):8.1f}", f"{pct(v, 95):8.1f}", f"{max(v):8.1f}"]
        if len(v) == 1:
            cells = [f"{v[0]:8.1f}", f"{'':>8}", f"{'':>8}"]
        measured = pct(v, 95) if row.on == "p95" else max(v)
        verdict = "" if row.limit is None else ("yes" if measured <= row.limit else "NO")
        name = f"{row.name} ({row.unit})"
        lines.append(f"{name:<38} {len(v):>3} {' '.join(cells)}  {row.target:<14} {verdict}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=10, help="fresh starts after the first (default 10)")
    parser.add_argument("--presses", type=int, default=30, help="hotkey presses (default 30)")
    parser.add_argument("--pastes", type=int, default=30, help="pastes (default 30)")
    args = parser.parse_args()
    missing = missing_tools()
    if missing:
        print(f"bench_app.py needs {', '.join(missing)} ({APT_HINT})", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="qr-bench-") as tmp, Desktop() as desktop:
        home = Path(tmp) / "home"
        home.mkdir()
        (home / "settings.toml").write_text(SETTINGS, encoding="utf-8")
        print("cold starts…", file=sys.stderr)
        first, starts = bench_starts(desktop, home, args.starts)

        app = App(desktop, home)
        app.start()
        chat = None
        try:
            app.wait_ready(60)
            time.sleep(IDLE_SECONDS)
            rss_start = app.rss_kib() / 1024
            desktop.xdotool("mousemove", "1", "790")  # no hover highlight in the popup's list
            chat = Target(desktop, Path(tmp) / "chat.txt")
            keys = Keys(desktop)
            print("hotkey → popup…", file=sys.stderr)
            mapped, painted = bench_hotkey(desktop, app, keys, chat, args.presses)
            print("Enter → text…", file=sys.stderr)
            arrived, restored = bench_paste(desktop, app, keys, chat, args.pastes)
            time.sleep(IDLE_SECONDS)
            rss_used = app.rss_kib() / 1024
        finally:
            if chat is not None:
                chat.stop()
            app.stop()

    rows = [
        Row("first start, builds index cache", [first], "ms"),
        Row("start → tray ready", starts, "ms", "≤ 1500 (max)", 1500, on="max"),
        Row("hotkey → popup mapped", mapped, "ms", "≤ 100 (p95)", 100),
        Row("hotkey → popup painted", painted, "ms", "≤ 100 (p95)", 100),
        Row("Enter → text in chat", arrived, "ms", "≤ 250 (p95)", 250),
        Row("Enter → clipboard restored", restored, "ms"),
        Row("idle RSS after start + 5 s", [rss_start], "MB", "≤ 150", 150, on="max"),
        Row("idle RSS after the pastes + 5 s", [rss_used], "MB", "≤ 150", 150, on="max"),
    ]
    print(table(rows))
    print(f"\npython {sys.version.split()[0]}, Xvfb + trayer, starter packs, default [paste] settings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
