"""What the X11 clipboard keeper hands over on quit, and what it says when it cannot."""

from __future__ import annotations

import logging

import pytest

from quickreply.platform.x11 import clipboard_keeper
from quickreply.platform.x11.clipboard_keeper import command_for, keep_serving, main_format

TEXT = "订单号 TB998877".encode()


def test_text_is_kept_before_html_and_images() -> None:
    formats = [("text/html", b"<b>x</b>"), ("image/png", b"\x89PNG"), ("text/plain", TEXT)]
    assert main_format(formats) == ("UTF8_STRING", TEXT)
    assert main_format([("image/png", b"\x89PNG"), ("application/x-qt", b"z")]) == ("image/png", b"\x89PNG")
    assert main_format([("text/plain", b"")]) is None  # nothing worth keeping


def test_xclip_serves_any_target_xsel_only_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard_keeper.shutil, "which", lambda name: name == "xsel")
    assert command_for("UTF8_STRING") == ["xsel", "--clipboard", "--input"]
    assert command_for("image/png") is None
    monkeypatch.setattr(clipboard_keeper.shutil, "which", lambda name: name == "xclip")
    assert command_for("image/png") == ["xclip", "-selection", "clipboard", "-t", "image/png", "-i"]


def test_without_a_manager_or_a_helper_the_log_says_the_clipboard_is_lost(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(clipboard_keeper, "has_manager", lambda display=None: False)
    monkeypatch.setattr(clipboard_keeper.shutil, "which", lambda name: None)
    with caplog.at_level(logging.WARNING):
        assert keep_serving([("text/plain", TEXT)]) == ""
    assert "lost on quit" in caplog.text


def test_a_clipboard_manager_takes_it_through_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard_keeper, "has_manager", lambda display=None: True)
    assert keep_serving([("text/plain", TEXT)]) == "manager"
