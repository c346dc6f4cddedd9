"""Real X11 under our own Xvfb: a display, chat-box stand-ins in other processes, and the probe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.platform.x11_session import HERE, Target
from tests.xvfb import XvfbError, start_xvfb

NEEDED = ("Xvfb", "xdotool", "xclip")


@pytest.fixture(scope="session")
def xvfb() -> Iterator[str]:
    """A private X display (":N"), picked by Xvfb itself so parallel runs never collide."""
    if sys.platform != "linux":
        pytest.skip("X11 only: Xvfb, xdotool and xclip run on Linux")
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"real X11 tests need {', '.join(missing)} (apt install xvfb xdotool xclip)")
    try:
        server, display = start_xvfb()
    except XvfbError as exc:
        pytest.skip(str(exc))
    yield display
    server.terminate()
    server.wait(5)


@pytest.fixture
def x_env(xvfb: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """DISPLAY for this test (pynput reads it from the environment) and an env for child processes."""
    monkeypatch.setenv("DISPLAY", xvfb)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}


@pytest.fixture
def open_target(x_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[..., Target]]:
    started: list[Target] = []

    def start(toolkit: str = "tk", title: str = "") -> Target:
        title = title or f"qr-{toolkit}-{len(started)}"
        out = tmp_path / f"{title}.txt"
        proc = subprocess.Popen(
            [
                sys.executable,
                str(HERE / "paste_target.py"),
                "--toolkit",
                toolkit,
                "--out",
                str(out),
                "--title",
                title,
            ],
            env=x_env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        ready, _, wid = proc.stdout.readline().partition(" ")
        assert ready == "ready", f"{toolkit} target did not start"
        target = Target(int(wid), out, proc, x_env)
        started.append(target)
        target.focus()
        return target

    yield start
    for target in started:
        target.proc.terminate()
        target.proc.wait(5)
