"""Quitting the real app on X11: the agent's clipboard, which the app put back after a paste and so owns,
outlives the app (handed to xclip when no clipboard manager runs). SIGTERM quits like the tray's 退出."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.e2e.apps import App, Target
from tests.e2e.desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e

OWN_HOTKEY = "ctrl+alt+j"  # not the session app's Ctrl+Alt+Space: both run on the same desktop
SETTINGS = f"""\
[profile]
shop = "小鹿旗舰店"
agent = "小美"

[hotkeys]
popup = "{OWN_HOTKEY}"
next_step = "ctrl+alt+k"
"""
OLD_CLIPBOARD = "买家的订单号 TB998877（剪贴板原来的内容）".encode()


def test_the_restored_clipboard_is_still_there_after_the_app_quits(desktop: Desktop, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    app = App(desktop, home)
    chat = Target(desktop, tmp_path / "chat.txt")
    app.start()
    try:
        app.wait_ready(timeout=60)
        desktop.set_clipboard(OLD_CLIPBOARD)
        chat.focus()
        desktop.xdotool("key", OWN_HOTKEY)
        app.wait_popup()
        desktop.xdotool("type", "--delay", "30", "hy")
        desktop.xdotool("key", "Return")
        wait_until(lambda: "小鹿旗舰店" in chat.text(), 10, "the phrase in the chat box", app.tail)
        deadline = time.monotonic() + 5  # the app restores the old clipboard after the paste: now it owns it
        while time.monotonic() < deadline and desktop.clipboard() != OLD_CLIPBOARD:
            time.sleep(0.05)
        assert desktop.clipboard() == OLD_CLIPBOARD
        app.stop()  # SIGTERM, as a logout sends
        assert app.proc is not None and app.proc.returncode == 0, app.tail()
        assert desktop.clipboard() == OLD_CLIPBOARD, app.tail()  # read by another program after the quit
        assert "handed to xclip on quit" in app.log_text()
    finally:
        app.stop()
        chat.stop()
