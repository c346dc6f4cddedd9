"""Backend choice per platform, and the null backend's clear refusals."""

from __future__ import annotations

import logging

import pytest

from quickreply.core.ports import HotkeyError
from quickreply.platform.backend import Backend, select_backend
from quickreply.platform.null import NullFocus, NullHotkeys, NullKeys, UnsupportedError


def _fake(name: str) -> Backend:
    return Backend(NullFocus(), NullKeys(), NullHotkeys(), name)


FACTORIES = {"windows": lambda: _fake("windows"), "x11": lambda display: _fake(f"x11 on {display}")}


def test_windows_gets_the_windows_backend() -> None:
    assert select_backend("win32", {}, FACTORIES).name == "windows"


def test_linux_with_a_display_gets_x11(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        backend = select_backend("linux", {"DISPLAY": ":5"}, FACTORIES)
    assert backend.name == "x11 on :5" and backend.problem is None
    assert "input backend: x11" in caplog.text  # the choice is logged


def test_pure_wayland_gets_the_null_backend_with_the_reason() -> None:
    backend = select_backend("linux", {"WAYLAND_DISPLAY": "wayland-0"}, FACTORIES)
    assert backend.name == "null"
    assert backend.problem is not None
    assert "Wayland" in backend.problem.render("en") and "tray menu" in backend.problem.render("en")
    assert "托盘菜单" in backend.problem.render("zh_CN")


def test_xwayland_works_but_warns() -> None:
    backend = select_backend("linux", {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, FACTORIES)
    assert backend.name.startswith("x11") and "XWayland" in str(backend.problem and backend.problem.render())


def test_macos_and_headless_linux_get_the_null_backend() -> None:
    assert select_backend("darwin", {}, FACTORIES).name == "null"
    problem = select_backend("linux", {}, FACTORIES).problem
    assert problem is not None and "DISPLAY" in problem.render("en")


def test_an_adapter_that_fails_to_start_falls_back_with_its_message() -> None:
    def broken(display: str) -> Backend:
        raise OSError("XTEST extension missing")

    backend = select_backend("linux", {"DISPLAY": ":9"}, {"x11": broken})
    assert backend.name == "null" and backend.problem is not None
    assert "XTEST extension missing" in backend.problem.render("en")
    assert "托盘菜单" in backend.problem.render("zh_CN")


def test_null_backend_refuses_clearly() -> None:
    backend = select_backend("darwin", {}, FACTORIES)
    assert backend.focus.active_window() is None
    with pytest.raises(HotkeyError) as info:
        backend.hotkeys.register("ctrl+alt+space", lambda: None)
    assert "tray menu" in info.value.reason.render("en") and "托盘菜单" in info.value.reason.render("zh_CN")
    with pytest.raises(UnsupportedError, match="Windows or Linux"):
        backend.keys.press("ctrl+v")
    assert backend.keys.modifiers_down() is False
