"""The paste sequence against the fake desktop: what lands in the chat box and what the clipboard holds."""

from __future__ import annotations

import pytest
from tests.fakes import ChatBox, FakeDesktop

from quickreply.core.paste.sequence import (
    CLIPBOARD_CHANGED_NOTE,
    MULTILINE_NOTE,
    PasteResult,
    choose_paste_method,
    paste_sequence,
)
from quickreply.core.ports import Window
from quickreply.core.settings.model import PasteRule, PasteSettings

SCREENSHOT = {"image/png": b"\x89PNG\r\n\x1a\n...pixels...", "text/html": b"<img src='x.png'>"}
GREETING = "亲，欢迎光临小店～有什么可以帮您？"


def test_pastes_into_the_remembered_window_and_restores_every_format() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    chat = desk.open_window("千牛工作台", process="AliWorkBench.exe")
    desk.open_window("search popup")  # our popup had the focus

    outcome = desk.paste(GREETING, chat)

    assert outcome.ok and outcome.method == "ctrl+v" and outcome.clipboard_restored
    assert outcome.message() == ""
    assert desk.boxes[chat.handle].content == GREETING
    assert desk.clipboard.formats == SCREENSHOT  # the screenshot survives, byte for byte
    assert desk.events == [
        f"focus.activate {chat.handle}",
        "wait 0.06",
        "clipboard.snapshot",
        "clipboard.set_text",
        "keys.press ctrl+v",
        "wait 0.4",
        "clipboard.restore",
    ]


def test_waits_for_the_hotkey_modifiers_to_be_released_before_pasting() -> None:
    desk = FakeDesktop()
    chat = desk.open_window()
    desk.keys.hold_modifiers(0.3)
    start = desk.clock.now()

    outcome = desk.paste("好的", chat)

    assert outcome.ok
    assert desk.time_of("keys.press ctrl+v") >= start + 0.3
    assert desk.boxes[chat.handle].content == "好的"


def test_modifier_wait_is_bounded_and_then_leaves_the_text_for_manual_paste() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    chat = desk.open_window()
    desk.keys.hold_modifiers(60)
    start = desk.clock.now()

    outcome = desk.paste("好的", chat, PasteSettings(modifier_wait_ms=500))

    assert outcome.result is PasteResult.MODIFIERS_HELD
    assert desk.keys.pressed == []
    assert desk.clock.now() < start + 60  # it did not wait for the keys forever
    assert outcome.text_left_on_clipboard and desk.clipboard.text() == "好的"
    assert "Ctrl+V" in outcome.message("en") and "Ctrl+V" in outcome.message("zh_CN")


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (Window(1, "me@host: ~", "gnome-terminal-server Gnome-terminal", "gnome-terminal-"), "ctrl+shift+v"),
        (Window(2, "xterm", "xterm XTerm", "xterm"), "shift+insert"),
        (Window(3, "微信", "WeChatMainWndForPC", "WeChat.exe"), "type"),
        (Window(4, "千牛接待中心", "Qt5QWindowIcon", "AliWorkBench.exe"), "ctrl+v"),
    ],
)
def test_per_app_rules_pick_the_paste_key(window: Window, expected: str) -> None:
    settings = PasteSettings(
        rules=(
            PasteRule(method="ctrl+shift+v", wm_class="TERMINAL"),  # case-insensitive substring
            PasteRule(method="shift+insert", wm_class="xterm"),
            PasteRule(method="type", process="wechat"),
            PasteRule(method="type"),  # empty rule: must not swallow every window
        )
    )
    assert choose_paste_method(window, settings) == expected


def test_first_matching_rule_wins_and_all_its_fields_must_match() -> None:
    settings = PasteSettings(
        method="ctrl+v",
        rules=(
            PasteRule(method="type", process="chrome", title="DEVTOOLS"),
            PasteRule(method="shift+insert", process="chrome"),
            PasteRule(method="ctrl+shift+v", process="chrome"),
        ),
    )
    assert choose_paste_method(Window(1, "DevTools - x", process="chrome.exe"), settings) == "type"
    assert choose_paste_method(Window(1, "抖店", process="chrome.exe"), settings) == "shift+insert"
    assert choose_paste_method(Window(1, "抖店", process="msedge.exe"), settings) == "ctrl+v"
    assert choose_paste_method(None, settings) == "ctrl+v"


def test_rule_paste_key_is_sent_and_the_app_receives_the_text() -> None:
    desk = FakeDesktop()
    term = desk.open_window("bash", wm_class="xterm XTerm", box=ChatBox(paste_keys=("shift+insert",)))
    settings = PasteSettings(rules=(PasteRule(method="shift+insert", wm_class="xterm"),))

    outcome = desk.paste("git status", term, settings)

    assert outcome.method == "shift+insert" and desk.keys.pressed == ["shift+insert"]
    assert desk.boxes[term.handle].content == "git status"


def test_type_method_types_single_lines_without_touching_the_clipboard() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    chat = desk.open_window(process="WeChat.exe")

    outcome = desk.paste("亲在的哦", chat, PasteSettings(method="type"))

    assert outcome.ok and outcome.method == "type"
    assert desk.boxes[chat.handle].content == "亲在的哦"
    assert "clipboard.set_text" not in desk.events and desk.clipboard.formats == SCREENSHOT


def test_multi_line_text_is_never_typed_because_enter_would_send_each_line() -> None:
    desk = FakeDesktop()
    chat = desk.open_window(process="WeChat.exe")
    text = "亲，您的包裹已到杭州\n预计还需 2 天送达"

    outcome = desk.paste(text, chat, PasteSettings(method="type"))

    assert outcome.ok and outcome.method == "ctrl+v" and MULTILINE_NOTE in outcome.notes
    assert desk.keys.typed == []
    box = desk.boxes[chat.handle]
    assert box.sent == [] and box.content == text  # one message, nothing sent yet


def test_paste_and_send_presses_enter_after_the_paste_has_landed() -> None:
    desk = FakeDesktop()
    chat = desk.open_window(box=ChatBox(read_delay=0.03))

    outcome = desk.paste("感谢您的耐心等待", chat, send=True)

    assert outcome.ok
    assert desk.keys.pressed == ["ctrl+v", "enter"]
    assert desk.boxes[chat.handle].sent == ["感谢您的耐心等待"]
    assert desk.events.index("keys.press enter") < desk.events.index("clipboard.restore")


def test_type_and_send_presses_enter_once() -> None:
    desk = FakeDesktop()
    chat = desk.open_window()
    desk.paste("好的亲", chat, PasteSettings(method="type"), send=True)
    assert desk.boxes[chat.handle].sent == ["好的亲"]


def test_a_slow_target_gets_the_new_text_as_long_as_it_reads_within_the_restore_delay() -> None:
    desk = FakeDesktop(clipboard_formats={"text/plain": b"old"})
    slow = desk.open_window(box=ChatBox(read_delay=0.35))
    assert desk.paste("new", slow).ok
    assert desk.boxes[slow.handle].content == "new"

    # With no restore delay the same target would read the agent's old clipboard: complaint #1.
    desk2 = FakeDesktop(clipboard_formats={"text/plain": b"old"})
    slow2 = desk2.open_window(box=ChatBox(read_delay=0.35))
    desk2.paste("new", slow2, PasteSettings(restore_delay_ms=0))
    assert desk2.boxes[slow2.handle].content == "old"


def test_no_target_leaves_the_text_on_the_clipboard_and_presses_nothing() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    outcome = desk.paste(GREETING, None)
    assert outcome.result is PasteResult.NO_TARGET and outcome.text_left_on_clipboard
    assert desk.clipboard.text() == GREETING and desk.keys.pressed == []
    assert "剪贴板" in outcome.message() and "clipboard" in outcome.message("en")


def test_closed_target_leaves_the_text_and_presses_nothing() -> None:
    desk = FakeDesktop()
    chat = desk.open_window()
    other = desk.open_window("another chat")
    desk.close_window(chat)

    outcome = desk.paste(GREETING, chat)

    assert outcome.result is PasteResult.TARGET_GONE
    assert desk.keys.pressed == [] and desk.boxes[other.handle].content == ""
    assert desk.clipboard.text() == GREETING


def test_elevated_target_gets_focus_back_but_no_keys_and_the_text_stays() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    admin = desk.open_window("订单管理（管理员）", elevated=True)
    desk.open_window("search popup")

    outcome = desk.paste(GREETING, admin)

    assert outcome.result is PasteResult.TARGET_ELEVATED
    assert desk.focus.active == admin  # ready for the agent's own Ctrl+V
    assert desk.keys.pressed == [] and desk.clipboard.text() == GREETING
    assert "管理员" in outcome.message() and "administrator" in outcome.message("en")


def test_a_window_that_keeps_the_focus_is_never_pasted_into() -> None:
    desk = FakeDesktop()
    chat = desk.open_window("chat")
    thief = desk.open_window("update dialog")
    desk.focus.thief = thief

    outcome = desk.paste(GREETING, chat)

    assert outcome.result is PasteResult.FOCUS_LOST
    assert desk.keys.pressed == [] and desk.boxes[thief.handle].content == ""
    assert desk.clipboard.text() == GREETING


def test_keys_failing_mid_way_still_restores_the_clipboard() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    chat = desk.open_window()
    desk.keys.failures["press"] = OSError("XTest extension missing")

    outcome = desk.paste(GREETING, chat)

    assert outcome.result is PasteResult.KEYS_FAILED and "XTest" in outcome.detail
    assert outcome.clipboard_restored and desk.clipboard.formats == SCREENSHOT
    assert "XTest" in outcome.message("en")


def test_clipboard_that_cannot_be_read_means_no_keys_are_sent() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    chat = desk.open_window()
    desk.clipboard.failures["snapshot"] = RuntimeError("clipboard locked by another program")

    outcome = desk.paste(GREETING, chat)

    assert outcome.result is PasteResult.CLIPBOARD_FAILED
    assert desk.keys.pressed == [] and desk.clipboard.formats == SCREENSHOT


def test_failed_restore_is_reported_to_the_agent() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    chat = desk.open_window()
    desk.clipboard.failures["restore"] = RuntimeError("owner vanished")

    outcome = desk.paste(GREETING, chat)

    assert outcome.ok and not outcome.clipboard_restored
    assert desk.boxes[chat.handle].content == GREETING
    assert "could not be restored" in outcome.message("en")


def test_something_copied_during_the_restore_delay_is_not_overwritten() -> None:
    desk = FakeDesktop(clipboard_formats=SCREENSHOT)
    chat = desk.open_window()
    sequence = paste_sequence(GREETING, chat, desk.ports(), PasteSettings())
    step = next(sequence)
    while desk.events[-1] != "keys.press ctrl+v":
        desk.clock.advance(step.seconds)
        step = sequence.send(None)
    desk.clipboard.copy("订单号 123456")  # the agent copies during the restore delay
    with pytest.raises(StopIteration) as stop:
        sequence.send(None)

    outcome = stop.value.value
    assert outcome.ok and not outcome.clipboard_restored
    assert any(note.startswith(CLIPBOARD_CHANGED_NOTE) for note in outcome.notes)
    assert desk.clipboard.text() == "订单号 123456"
    assert outcome.message() == ""  # nothing went wrong from the agent's point of view


def test_focus_that_lands_late_is_waited_for_and_activation_is_retried() -> None:
    desk = FakeDesktop()
    chat = desk.open_window("chat")
    popup = desk.open_window("popup")
    desk.focus.thief = popup
    desk.clock.call_at(desk.clock.now() + 0.15, lambda: setattr(desk.focus, "thief", None))

    outcome = desk.paste(GREETING, chat)

    assert outcome.ok and desk.boxes[chat.handle].content == GREETING
    assert desk.events.count(f"focus.activate {chat.handle}") > 1


def test_focus_port_that_cannot_tell_the_active_window_does_not_block_pasting() -> None:
    desk = FakeDesktop()
    chat = desk.open_window()
    desk.focus.failures["active_window"] = OSError("no EWMH")
    assert desk.paste(GREETING, chat).ok


def test_every_paste_outcome_is_a_catalogued_message_in_both_languages() -> None:
    from quickreply.core.messages.catalogue import CATALOGUE
    from quickreply.core.paste.outcome import PasteOutcome, PasteResult

    for result in PasteResult:
        failed = PasteOutcome(result, clipboard_restored=False)
        for message in failed.messages():
            zh, en = CATALOGUE[message.code]
            assert message.render("zh_CN") == zh and message.render("en") == en
        assert failed.messages(), result  # a failure, or a clean paste whose clipboard did not come back
