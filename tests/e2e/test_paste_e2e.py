"""The agent's day, end to end: the real app (`python3 -m quickreply.cli`) under Xvfb with a tray host, a chat
box in another process, keys from xdotool. Each test asserts what the agent and the buyer would see: the
exact text in the chat box, and the agent's own clipboard back as it was."""

from __future__ import annotations

import contextlib
import struct
import sys
import time
import zlib
from collections.abc import Callable

import pytest

if sys.platform != "linux":
    pytest.skip(
        "X11 end-to-end tests (Xvfb, Xlib, xdotool); on Windows tests/windows_e2e drives the app instead",
        allow_module_level=True,
    )

from tests.e2e.apps import App, Target
from tests.e2e.desktop import Desktop, DesktopError, wait_until

from quickreply.core.library import load_library
from quickreply.gui.tray.menu import CategoryTree
from quickreply.paths import Paths

pytestmark = pytest.mark.e2e
HOTKEY = "ctrl+alt+space"
OLD_CLIPBOARD = "订单 20231111-0042 的收货地址（剪贴板原来的内容）".encode()


def clipboard_after_restore(desktop: Desktop, expected: bytes, target: str = "UTF8_STRING") -> bytes | None:
    """The clipboard once the app has put the agent's content back (or what it holds after 10 s)."""
    with contextlib.suppress(DesktopError):  # the caller's assert shows what it holds
        wait_until(lambda: desktop.clipboard(target) == expected, 10, "the clipboard being restored")
    return desktop.clipboard(target)


def search_and_pick(app: App, desktop: Desktop, query: str) -> None:
    """Hotkey, wait for the popup to have the keyboard, type the query, Enter."""
    desktop.xdotool("key", HOTKEY)
    app.wait_popup()
    desktop.xdotool("type", "--delay", "30", query)
    desktop.xdotool("key", "Return")


@pytest.mark.parametrize("chat", ["tk", "qt"], indirect=True)  # chat programs use either kind of text box
def test_hotkey_pinyin_enter_pastes_the_phrase_with_the_profile_and_restores_the_clipboard(
    app: App, desktop: Desktop, chat: Target, render: Callable[..., str]
) -> None:
    expected = render("greet.welcome")
    assert "小鹿旗舰店" in expected and "小美" in expected  # the profile fills {shop} and {agent}
    desktop.set_clipboard(OLD_CLIPBOARD)

    search_and_pick(app, desktop, "huanyingguanglin")  # full pinyin of 欢迎光临

    assert chat.wait_text(expected) == expected
    assert clipboard_after_restore(desktop, OLD_CLIPBOARD) == OLD_CLIPBOARD
    app.wait_popup_hidden()


def test_blanks_are_filled_in_the_form_then_pasted(
    app: App, desktop: Desktop, chat: Target, render: Callable[..., str]
) -> None:
    expected = render("ship.on_the_way", 城市="杭州", 天数="2")
    desktop.set_clipboard(OLD_CLIPBOARD)

    search_and_pick(app, desktop, "baoguoyidao")  # 包裹已到某城市: asks for {城市} and {天数}
    # The form opened in the popup with the city focused. Chinese goes in as committed text (there is
    # no IME under Xvfb; xdotool binds a spare keycode to each character).
    desktop.xdotool("type", "--delay", "50", "杭州")
    desktop.xdotool("key", "Return")  # {天数} only shows an example (例如：2): Enter asks for it
    time.sleep(0.5)
    assert chat.text() == "" and app.popup()  # nothing pasted; the form waits, focus on {天数}
    desktop.xdotool("type", "--delay", "30", "2")
    desktop.xdotool("key", "Return")

    assert chat.wait_text(expected) == expected
    assert clipboard_after_restore(desktop, OLD_CLIPBOARD) == OLD_CLIPBOARD


def test_tab_to_a_field_with_choices_type_a_value_and_enter_pastes(
    app: App, desktop: Desktop, chat: Target, render: Callable[..., str]
) -> None:
    expected = render("ship.on_the_way", 城市="杭州", 天数="3")

    search_and_pick(app, desktop, "baoguoyidao")
    desktop.xdotool("type", "--delay", "50", "杭州")
    desktop.xdotool("key", "Tab")  # to {天数}: empty, its example greyed
    desktop.xdotool("type", "--delay", "30", "3")
    desktop.xdotool("key", "Return")

    assert chat.wait_text(expected, timeout=5) == expected


def test_tray_menu_phrase_goes_to_the_window_that_had_the_focus(
    app: App, desktop: Desktop, chat: Target, render: Callable[..., str]
) -> None:
    library, _ = load_library(Paths(config=app.home, data=app.home / "data", cache=app.home / "cache"))
    tree = CategoryTree(library)
    path, depth = tree.children("")[0], 1  # the menu's first category, down to where phrases are
    while tree.children(path):
        path, depth = tree.children(path)[0], depth + 1
    phrase = tree.phrases(path)[0]
    expected = render(phrase.id)
    desktop.set_clipboard(OLD_CLIPBOARD)

    icon = desktop.tray_icon("QuickReply")
    desktop.xdotool("mousemove", str(icon.x + icon.width // 2), str(icon.y + icon.height // 2), "click", "1")
    wait_until(lambda: desktop.visible_windows(pid=app.pid), 10, "the tray menu opening", app.tail)
    desktop.xdotool("key", "Down", *["Right"] * depth, "Return")

    assert chat.wait_text(expected) == expected, f"expected {phrase.id} ({path} › {phrase.title})"
    assert clipboard_after_restore(desktop, OLD_CLIPBOARD) == OLD_CLIPBOARD


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small PNG made by hand, as a screenshot on the clipboard would be."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def test_a_screenshot_on_the_clipboard_survives_a_paste(
    app: App, desktop: Desktop, chat: Target, render: Callable[..., str]
) -> None:
    screenshot = _png(32, 20, (200, 30, 60))
    expected = render("greet.here")
    desktop.set_clipboard(screenshot, "image/png")

    search_and_pick(app, desktop, "zai")  # the shortcut code of 在的，您请说

    assert chat.wait_text(expected) == expected
    assert clipboard_after_restore(desktop, screenshot, "image/png") == screenshot
