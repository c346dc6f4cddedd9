"""HotkeyBridge: hotkeys from a foreign thread arrive on the Qt main thread; failures come back named."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot
from tests.fakes import FakeHotkeys

from quickreply.app.hotkey_bridge import HotkeyBridge, bindings_from_settings, phrase_id
from quickreply.core.settings.model import HotkeySettings
from quickreply.gui import i18n


def test_a_hotkey_pressed_on_another_thread_is_delivered_on_the_main_thread(qtbot: QtBot) -> None:
    hotkeys = FakeHotkeys()
    bridge = HotkeyBridge(hotkeys)
    assert bridge.register_all({"popup": "Ctrl+Alt+Space"}) == {}
    seen: list[tuple[str, bool]] = []
    bridge.triggered.connect(
        lambda name: seen.append((name, QThread.currentThread() == QCoreApplication.instance().thread()))
    )

    worker = threading.Thread(target=hotkeys.press, args=("ctrl+alt+space",))  # normalised on the way in
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen == [("popup", True)]


def test_failures_are_named_per_action_in_the_ui_language() -> None:
    bridge = HotkeyBridge(FakeHotkeys(taken={"ctrl+alt+k"}))
    i18n.set_language("en")
    try:
        errors = bridge.register_all(
            {
                "popup": "ctrl+alt+space",
                "next_step": "ctrl+alt+k",  # held by another program
                "phrase:greet": "ctrl+space",  # the IME toggle
                "phrase:bye": "ctrl+alt+space",  # same as popup
                "phrase:bad": "ctrl+alt+nokey",
                "phrase:none": "",  # no hotkey: not an error
            }
        )
    finally:
        i18n.set_language("zh_CN")
    assert set(errors) == {"next_step", "phrase:greet", "phrase:bye", "phrase:bad"}
    assert "another program" in errors["next_step"]
    assert "input method" in errors["phrase:greet"]
    assert "popup" in errors["phrase:bye"]
    assert "'nokey'" in errors["phrase:bad"]
    assert bridge.errors == errors and "next_step" in bridge.unavailable_text()


def test_pause_releases_the_combos_and_resume_takes_them_back(qtbot: QtBot) -> None:
    hotkeys = FakeHotkeys()
    bridge = HotkeyBridge(hotkeys)
    bridge.register_all({"popup": "ctrl+alt+space", "phrase:greet": "F1"})
    assert set(hotkeys.callbacks) == {"ctrl+alt+space", "f1"}

    bridge.pause()
    assert bridge.paused and hotkeys.callbacks == {}
    assert bridge.resume() == {}
    assert not bridge.paused and set(hotkeys.callbacks) == {"ctrl+alt+space", "f1"}

    with qtbot.waitSignal(bridge.triggered, timeout=2000) as blocker:
        hotkeys.press("f1")
    assert phrase_id(blocker.args[0]) == "greet"


def test_bindings_come_from_the_settings() -> None:
    settings = HotkeySettings(popup="ctrl+alt+space", next_step="ctrl+alt+n", phrases={"f1": "greet.hello"})
    assert bindings_from_settings(settings) == {
        "popup": "ctrl+alt+space",
        "next_step": "ctrl+alt+n",
        "phrase:greet.hello": "f1",
    }
    assert phrase_id("popup") is None
