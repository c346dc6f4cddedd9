"""The same X11 adapters under a real window manager (openbox): the EWMH path of focus and activation."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
from tests.platform.x11_session import Target, run_probe
from tests.xvfb import start_xvfb

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def wm_display(xvfb: str) -> Iterator[str]:
    """A second Xvfb with openbox running on it (the session display stays without a window manager)."""
    if shutil.which("openbox") is None:
        pytest.skip("window-manager tests need openbox (apt install openbox)")
    server, display = start_xvfb()
    wm = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display}, stderr=subprocess.DEVNULL)
    from Xlib import display as xdisplay

    connection = xdisplay.Display(display)
    supported = connection.intern_atom("_NET_SUPPORTED")
    deadline = time.monotonic() + 10
    while connection.screen().root.get_full_property(supported, 0) is None and time.monotonic() < deadline:
        time.sleep(0.05)  # openbox is up once it advertises EWMH
    connection.close()
    yield display
    wm.terminate()
    wm.wait(5)
    server.terminate()
    server.wait(5)


@pytest.fixture
def x_env(wm_display: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Overrides the conftest fixture: everything in this module runs on the openbox display."""
    monkeypatch.setenv("DISPLAY", wm_display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return {**os.environ, "DISPLAY": wm_display, "QT_QPA_PLATFORM": "xcb"}


def test_focus_follows_the_window_manager(x_env: dict[str, str], open_target: Callable[..., Target]) -> None:
    from quickreply.platform.x11.adapters import X11Focus, X11Keys

    chat = open_target("tk")
    focus = X11Focus()
    assert focus._ewmh_supports("_NET_ACTIVE_WINDOW")
    remembered = focus.active_window()
    assert remembered is not None and remembered.handle == chat.wid
    other = open_target("qt")

    assert focus.activate(remembered)
    deadline = time.monotonic() + 5
    while focus.active_window().handle != chat.wid and time.monotonic() < deadline:  # type: ignore[union-attr]
        time.sleep(0.02)  # the window manager moves the focus asynchronously
    X11Keys().type_text("ok")
    assert chat.wait_for("ok") == "ok" and other.settle() == ""


def test_paste_into_the_remembered_window_under_a_window_manager(
    x_env: dict[str, str], open_target: Callable[..., Target]
) -> None:
    chat = open_target("tk")
    elsewhere = open_target("qt")
    report = run_probe(x_env, "paste", "--wid", str(chat.wid), "--text", "亲，已为您备注")
    assert report["result"] == "pasted"
    assert chat.wait_for("亲，已为您备注") == "亲，已为您备注" and elsewhere.settle() == ""
    assert report["clipboard"] == {"text": "OLD", "html": "<b>订单</b> 123"}
