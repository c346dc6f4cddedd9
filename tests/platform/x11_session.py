"""Helpers for the real X11 tests: xdotool, text boxes in other processes, and the Qt probe."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


def xdotool(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=10, check=True)
    return out.stdout.strip()


@dataclass
class Target:
    """A text box in another process; `content()` is what its user would see in it."""

    wid: int
    out: Path
    proc: subprocess.Popen[str]
    env: dict[str, str]

    def content(self) -> str:
        return self.out.read_text(encoding="utf-8")

    def focus(self) -> None:
        xdotool(self.env, "windowfocus", "--sync", str(self.wid))

    def wait_for(self, expected: str, timeout: float = 5.0) -> str:
        """Poll until the box holds `expected` (or time runs out); returns what it holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.content() != expected:
            time.sleep(0.02)
        return self.content()

    def settle(self, seconds: float = 0.3) -> str:
        time.sleep(seconds)
        return self.content()


def run_probe(env: dict[str, str], *args: str) -> dict[str, object]:
    """Run x11_probe.py (a Qt xcb process using the real adapters) and return its JSON report."""
    out = subprocess.run(
        [sys.executable, str(HERE / "x11_probe.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = out.stdout.strip().splitlines()
    assert lines, f"probe printed nothing; stderr:\n{out.stderr}"
    report = json.loads(lines[-1])
    assert "error" not in report, f"probe failed: {report}\n{out.stderr}"
    return report
