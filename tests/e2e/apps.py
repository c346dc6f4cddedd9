"""The programs on the private desktop: the QuickReply tray app and the chat box it pastes into.

Shared by tests/e2e, scripts/screenshots.py and scripts/bench_app.py; plain Python (no pytest).
"""

from __future__ import annotations

import contextlib
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.desktop import Desktop, DesktopError, stop_process, wait_until

HERE = Path(__file__).resolve().parent
POPUP_TITLE = "QuickReply"


class App:
    """`python3 -m quickreply.cli` (the tray app) on a desktop, with its own QUICKREPLY_HOME."""

    def __init__(self, desktop: Desktop, home: Path, extra_env: dict[str, str] | None = None) -> None:
        self.desktop, self.home = desktop, home
        self.env = {**desktop.env, "QUICKREPLY_HOME": str(home), **(extra_env or {})}
        self.log = home / "data" / "quickreply.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self._log_start = 0
        self.started_at = 0.0  # time.monotonic() just before the process was spawned

    def start(self) -> None:
        self._log_start = self.log.stat().st_size if self.log.exists() else 0
        self.home.mkdir(parents=True, exist_ok=True)
        out = open(self.home / "app.out", "ab")  # noqa: SIM115 - the child keeps it; closed below
        self.started_at = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "quickreply.cli"], env=self.env, stdout=out, stderr=out
            )
        finally:
            out.close()

    @property
    def pid(self) -> int:
        assert self.proc is not None, "the app was not started"
        return self.proc.pid

    def log_text(self) -> str:
        """What the app logged since this start."""
        if not self.log.exists():
            return ""
        with open(self.log, "rb") as f:
            f.seek(self._log_start)
            return f.read().decode("utf-8", "replace")

    def tail(self, lines: int = 25) -> str:
        out = self.home / "app.out"
        console = out.read_text("utf-8", "replace").splitlines()[-lines:] if out.exists() else []
        logged = self.log_text().splitlines()[-lines:]
        return "--- log tail ---\n" + "\n".join(logged) + "\n--- console tail ---\n" + "\n".join(console)

    def wait_ready(self, timeout: float = 30) -> float:
        """Wait for "tray ready N ms" in the log; returns N (the app's own clock since process start)."""

        def ready() -> float | None:
            if self.proc is not None and self.proc.poll() is not None:
                raise DesktopError(f"the app exited with code {self.proc.returncode} before tray ready\n"
                                   + self.tail())  # fmt: skip
            found = re.search(r"tray ready (\d+) ms \(([^)]*)\)", self.log_text())
            if found and found.group(2) != "system tray":
                raise DesktopError(f"the app found no system tray ({found.group(2)})\n" + self.tail())
            return float(found.group(1)) if found else None

        return wait_until(ready, timeout, "'tray ready' in the app's log", self.tail)

    def popup(self) -> int:
        """The popup's window id once it is visible, else 0."""
        windows = self.desktop.find_windows(POPUP_TITLE, pid=self.pid, min_size=100)
        return windows[-1] if windows else 0

    def wait_popup(self, timeout: float = 10) -> int:
        """Wait until the popup is visible and has the keyboard focus (typing goes to its search box)."""
        wid = wait_until(self.popup, timeout, "the search popup showing", self.tail)
        wait_until(lambda: self.desktop.focused() == wid, timeout, "the popup taking the keyboard focus",
                   lambda: f"focus is on {self.desktop.focused()}\n{self.tail()}")  # fmt: skip
        return wid

    def wait_popup_hidden(self, timeout: float = 10) -> None:
        wait_until(lambda: not self.popup(), timeout, "the search popup hiding", self.tail)

    def stop(self) -> None:
        stop_process(self.proc)

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.pid}/status").read_text()
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) if found else 0


class Target:
    """The chat window stand-in (target_app.py) in its own process."""

    def __init__(
        self,
        desktop: Desktop,
        out: Path,
        toolkit: str = "tk",
        title: str = "qr-chat",
        geometry: str = "420x220+30+60",
        text: str = "",
    ) -> None:
        self.desktop, self.out = desktop, out
        self.changed = out.with_name(out.name + ".changed")
        errors = out.with_name(out.name + ".err")
        with open(errors, "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, str(HERE / "target_app.py"), "--out", str(out), "--toolkit", toolkit,
                 "--title", title, "--geometry", geometry, "--text", text],
                env=desktop.env, stdout=subprocess.PIPE, stderr=err, text=True,
            )  # fmt: skip
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)
        line = self.proc.stdout.readline() if ready else ""
        word, _, wid = line.strip().partition(" ")
        if word != "ready":
            self.stop()
            raise DesktopError(f"the {toolkit} chat box did not start: {line!r}\n{errors.read_text()}")
        self.wid = int(wid)

    def text(self) -> str:
        return self.out.read_text(encoding="utf-8")

    def changed_at(self) -> float:
        """time.monotonic() (in the target's process) of the last change of its text."""
        return float(self.changed.read_text())

    def wait_text(self, expected: str, timeout: float = 10) -> str:
        """Poll until the box holds `expected`; returns what it holds then (compare it in the test)."""
        with contextlib.suppress(DesktopError):  # the caller's assert shows both texts
            wait_until(lambda: self.text() == expected, timeout, "text in the chat box")
        return self.text()

    def focus(self) -> None:
        self.desktop.focus(self.wid)

    def clear(self) -> None:
        self.focus()
        self.desktop.xdotool("key", "F9")
        wait_until(lambda: self.text() == "", 5, "the chat box clearing")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        stop_process(self.proc)
