"""PasteRunner drives the paste sequence on the Qt loop: it never blocks it, and pastes one at a time."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from tests.fakes import ChatBox, FakeDesktop

from quickreply.app.paste_runner import PasteRunner
from quickreply.core.paste.sequence import MonotonicClock, PasteResult
from quickreply.core.settings.model import PasteSettings

FAST = PasteSettings(focus_delay_ms=5, restore_delay_ms=30)


def _desktop() -> FakeDesktop:
    desk = FakeDesktop(clipboard_formats={"text/plain": b"agent's own", "image/png": b"\x89PNG..."})
    desk.clock = MonotonicClock()  # type: ignore[assignment]  # real time: the Qt timers do the waiting
    return desk


def test_pastes_and_reports_the_outcome(qtbot: QtBot) -> None:
    desk = _desktop()
    chat = desk.open_window(box=ChatBox(read_delay=0))
    runner = PasteRunner(desk.ports(), FAST)

    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.run("亲，在的", chat)

    outcome = blocker.args[0]
    assert outcome.ok and desk.boxes[chat.handle].content == "亲，在的"
    assert desk.clipboard.formats == {"text/plain": b"agent's own", "image/png": b"\x89PNG..."}
    assert not runner.busy


def test_the_event_loop_keeps_running_during_the_restore_delay(qtbot: QtBot) -> None:
    desk = _desktop()
    chat = desk.open_window(box=ChatBox(read_delay=0))
    runner = PasteRunner(desk.ports(), PasteSettings(focus_delay_ms=0, restore_delay_ms=300))
    ticks: list[str] = []

    def tick() -> None:
        # What another program reading our clipboard needs: the loop runs while the clipboard is replaced.
        ticks.append(desk.clipboard.text())

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run("新文字", chat)
        QTimer.singleShot(100, tick)
    assert ticks == ["新文字"]


def test_a_second_paste_waits_for_the_first(qtbot: QtBot) -> None:
    desk = _desktop()
    chat = desk.open_window(box=ChatBox(read_delay=0))
    runner = PasteRunner(desk.ports(), FAST)
    outcomes: list[object] = []
    runner.finished.connect(outcomes.append)

    runner.run("第一步", chat)
    runner.run("第二步", chat, send=True)
    assert runner.busy
    qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=5000)

    box = desk.boxes[chat.handle]
    assert box.sent == ["第一步第二步"]
    snapshots = [i for i, event in enumerate(desk.events) if event == "clipboard.snapshot"]
    assert len(snapshots) == 2
    assert desk.events.index("clipboard.restore") < snapshots[1]  # the first paste was over


def test_failure_is_reported_not_raised(qtbot: QtBot) -> None:
    desk = _desktop()
    runner = PasteRunner(desk.ports(), FAST)
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.run("您好", None)
    assert blocker.args[0].result is PasteResult.NO_TARGET
    assert "Ctrl+V" in blocker.args[0].message("en")


def test_new_settings_apply_to_the_next_paste(qtbot: QtBot) -> None:
    desk = _desktop()
    chat = desk.open_window(box=ChatBox(read_delay=0))
    runner = PasteRunner(desk.ports(), FAST)
    runner.set_settings(PasteSettings(focus_delay_ms=5, restore_delay_ms=30, method="type"))
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.run("好的", chat)
    assert blocker.args[0].method == "type"
