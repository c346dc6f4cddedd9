"""The Windows adapters' logic with user32 replaced by a fake (the real calls only run on Windows)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from quickreply.core.ports import HotkeyError, Window
from quickreply.platform.windows.adapters import (
    MOD_NOREPEAT,
    ZORDER_WALK_LIMIT,
    WindowsFocus,
    WindowsKeys,
    to_keyboard_combo,
    to_win32_hotkey,
)
from quickreply.platform.windows.api import (
    ERROR_HOTKEY_ALREADY_REGISTERED,
    WM_APP,
    WM_HOTKEY,
    WS_EX_NOACTIVATE,
    WS_EX_TOOLWINDOW,
)
from quickreply.platform.windows.hotkeys import WindowsHotkeys


@pytest.mark.parametrize(
    ("combo", "expected"),
    [
        ("ctrl+v", "ctrl+v"),
        ("shift+insert", "shift+insert"),
        ("ctrl+shift+v", "ctrl+shift+v"),
        ("enter", "enter"),
        ("ctrl+alt+page_up", "ctrl+alt+page up"),
        ("win+escape", "windows+esc"),
        ("ctrl+period", "ctrl+."),
    ],
)
def test_combos_translate_to_keyboard_library_names(combo: str, expected: str) -> None:
    assert to_keyboard_combo(combo) == expected


@pytest.mark.parametrize(
    ("combo", "mods", "vk"),
    [
        ("ctrl+alt+space", 0x2 | 0x1, 0x20),
        ("f1", 0, 0x70),
        ("f24", 0, 0x87),
        ("ctrl+alt+n", 0x3, ord("N")),
        ("shift+win+1", 0x4 | 0x8, ord("1")),
        ("ctrl+period", 0x2, 0xBE),
    ],
)
def test_combos_translate_to_register_hotkey_codes(combo: str, mods: int, vk: int) -> None:
    assert to_win32_hotkey(combo) == (mods | MOD_NOREPEAT, vk)


class FakeWin32:
    """Windows as far as the adapters can tell: windows, processes, a message queue, registered hotkeys."""

    def __init__(self) -> None:
        self.foreground = 0
        self.windows: dict[int, tuple[str, str, int]] = {}  # hwnd -> (class, title, pid)
        self.zorder: list[int] = []  # top-level windows, topmost first
        self.hidden: set[int] = set()
        self.minimised: set[int] = set()
        self.cloaked: set[int] = set()
        self.ex_styles: dict[int, int] = {}
        self.owners: dict[int, int] = {}  # hwnd -> owner hwnd
        self.elevated: dict[int | None, bool | None] = {None: False}
        self.names: dict[int, str] = {}
        self.locked = False  # SetForegroundWindow refused until input is attached or Alt is tapped
        self.calls: list[str] = []
        self.keys_down: set[int] = set()
        self.taken: set[tuple[int, int]] = set()
        self.registered: dict[int, tuple[int, int]] = {}
        self.messages: list[tuple[int, int]] = []
        self.cond = threading.Condition()

    def foreground_window(self) -> int:
        return self.foreground

    def is_window(self, hwnd: int) -> bool:
        return hwnd in self.windows

    def class_name(self, hwnd: int) -> str:
        return self.windows[hwnd][0] if hwnd in self.windows else ""

    def title(self, hwnd: int) -> str:
        return self.windows[hwnd][1] if hwnd in self.windows else ""

    def next_window(self, hwnd: int) -> int:
        index = self.zorder.index(hwnd) + 1
        return self.zorder[index] if index < len(self.zorder) else 0

    def root_owner(self, hwnd: int) -> int:
        while hwnd in self.owners:
            hwnd = self.owners[hwnd]
        return hwnd

    def is_visible(self, hwnd: int) -> bool:
        return hwnd in self.windows and hwnd not in self.hidden

    def is_minimised(self, hwnd: int) -> bool:
        return hwnd in self.minimised

    def ex_style(self, hwnd: int) -> int:
        return self.ex_styles.get(hwnd, 0)

    def is_cloaked(self, hwnd: int) -> bool:
        return hwnd in self.cloaked

    def thread_and_pid(self, hwnd: int) -> tuple[int, int]:
        return 100 + hwnd, self.windows[hwnd][2] if hwnd in self.windows else 0

    def current_thread_id(self) -> int:
        return threading.get_ident() % 10_000

    def restore_if_minimised(self, hwnd: int) -> None:
        self.calls.append("restore")

    def set_foreground(self, hwnd: int) -> bool:
        self.calls.append("set_foreground")
        if self.locked:
            return False
        self.foreground = hwnd
        return True

    def bring_to_top(self, hwnd: int) -> None:
        self.calls.append("bring_to_top")

    def attach_input(self, thread: int, to_thread: int, attach: bool) -> bool:
        self.calls.append(f"attach {attach}")
        return True

    def tap_alt(self) -> None:
        self.calls.append("tap_alt")
        self.locked = False

    def key_down(self, vk: int) -> bool:
        return vk in self.keys_down

    def process_name(self, pid: int) -> str:
        return self.names.get(pid, "")

    def process_elevated(self, pid: int | None) -> bool | None:
        return self.elevated.get(pid, False)

    # message queue and hotkeys
    def ensure_message_queue(self) -> None:
        pass

    def register_hotkey(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        if (modifiers, vk) in self.taken:
            return ERROR_HOTKEY_ALREADY_REGISTERED
        self.registered[hotkey_id] = (modifiers, vk)
        return 0

    def unregister_hotkey(self, hotkey_id: int) -> None:
        del self.registered[hotkey_id]

    def post_thread_message(self, thread: int, message: int, wparam: int = 0) -> bool:
        with self.cond:
            self.messages.append((message, wparam))
            self.cond.notify()
        return True

    def get_message(self) -> tuple[int, int] | None:
        with self.cond:
            self.cond.wait_for(lambda: self.messages)
            return self.messages.pop(0)

    def press_hotkey(self, combo: str) -> None:
        wanted = to_win32_hotkey(combo)
        hotkey_id = next(i for i, pair in self.registered.items() if pair == wanted)
        self.post_thread_message(0, WM_HOTKEY, hotkey_id)

    @staticmethod
    def error_text(code: int) -> str:
        return f"error {code}"


def test_foreground_window_is_described_with_class_title_and_process() -> None:
    api = FakeWin32()
    api.windows[0x10] = ("Qt5QWindowIcon", "千牛接待中心", 42)
    api.names[42] = "AliWorkBench.exe"
    api.foreground = 0x10
    assert WindowsFocus(api).active_window() == Window(
        0x10, "千牛接待中心", "Qt5QWindowIcon", "AliWorkBench.exe"
    )


def test_elevated_window_is_flagged_unless_we_are_elevated_too() -> None:
    api = FakeWin32()
    api.windows[0x10] = ("ConsoleWindowClass", "Administrator: cmd", 7)
    api.foreground = 0x10
    api.elevated[7] = True
    assert WindowsFocus(api).active_window().elevated  # type: ignore[union-attr]
    api.elevated[7] = None  # token unreadable: a process above our integrity level
    assert WindowsFocus(api).active_window().elevated  # type: ignore[union-attr]
    api.elevated[None] = True  # QuickReply itself runs as administrator: keys will get through
    assert not WindowsFocus(api).active_window().elevated  # type: ignore[union-attr]


OWN_PID = 999  # QuickReply's own process in these tests
TASKBAR, CHAT, NOTEPAD = 0x1, 0x30, 0x40


def desktop(*stack: tuple[int, str, str, int]) -> FakeWin32:
    """A fake desktop whose z-order is `stack` (hwnd, class, title, pid), topmost first."""
    api = FakeWin32()
    for hwnd, cls, title, pid in stack:
        api.windows[hwnd] = (cls, title, pid)
        api.zorder.append(hwnd)
    api.names.update({42: "AliWorkBench.exe", 43: "notepad.exe"})
    api.foreground = stack[0][0]
    return api


@pytest.mark.parametrize(
    "shell_class",
    ["Shell_TrayWnd", "Shell_SecondaryTrayWnd", "NotifyIconOverflowWindow",
     "TopLevelWindowForOverflowXamlIsland", "Progman", "WorkerW", "Windows.UI.Core.CoreWindow"],
)  # fmt: skip
def test_clicking_the_tray_remembers_the_chat_below_the_taskbar(shell_class: str) -> None:
    api = desktop(
        (TASKBAR, shell_class, "", 4),
        (CHAT, "Qt5QWindowIcon", "千牛接待中心", 42),
        (NOTEPAD, "Notepad", "备忘.txt - 记事本", 43),
    )
    assert WindowsFocus(api, own_pid=OWN_PID).active_window() == Window(
        CHAT, "千牛接待中心", "Qt5QWindowIcon", "AliWorkBench.exe"
    )


def test_windows_the_agent_cannot_have_typed_in_are_skipped() -> None:
    api = desktop(
        (TASKBAR, "Shell_TrayWnd", "", 4),
        (0x10, "TaskListThumbnailWnd", "预览", 4),  # another shell window
        (0x11, "Overlay", "GeForce Overlay", 5),  # tool window
        (0x12, "OSK", "屏幕键盘", 6),  # never activates
        (0x13, "Hidden", "hidden helper", 7),
        (0x14, "ApplicationFrameWindow", "设置", 8),  # cloaked: on another virtual desktop
        (0x15, "Chrome_WidgetWin_1", "", 9),  # untitled
        (0x16, "Minimised", "最小化的窗口", 10),
        (0x17, "Qt6QWindowIcon", "设置 - 快捷回复", OWN_PID),  # our own settings dialog
        (0x18, "#32770", "日历", 11),  # a flyout owned by the taskbar
        (0x19, "Qt6QWindowPopupDropShadowSaveBits", "菜单", 12),  # owned by one of our windows
        (CHAT, "Qt5QWindowIcon", "千牛接待中心", 42),
    )
    api.ex_styles = {0x11: WS_EX_TOOLWINDOW, 0x12: WS_EX_NOACTIVATE}
    api.hidden.add(0x13)
    api.cloaked.add(0x14)
    api.minimised.add(0x16)
    api.owners = {0x18: TASKBAR, 0x19: 0x17}
    window = WindowsFocus(api, own_pid=OWN_PID).active_window()
    assert window is not None and window.title == "千牛接待中心"


def test_an_owned_chat_window_is_the_target_itself() -> None:
    # Chat clients often own their conversation windows from a hidden main window.
    api = desktop(
        (TASKBAR, "Shell_TrayWnd", "", 4),
        (0x50, "ChatWnd", "买家小王", 42),
        (0x51, "WeChatMainWndForPC", "微信", 42),
    )
    api.owners[0x50] = 0x51
    api.hidden.add(0x51)
    window = WindowsFocus(api, own_pid=OWN_PID).active_window()
    assert window is not None and (window.handle, window.title) == (0x50, "买家小王")


def test_nothing_suitable_below_the_taskbar_gives_no_target() -> None:
    api = desktop(
        (TASKBAR, "Shell_TrayWnd", "", 4),
        (0x10, "Shell_SecondaryTrayWnd", "", 4),
        (0x11, "Hidden", "hidden", 5),
        (0x12, "Progman", "Program Manager", 4),
    )
    api.hidden.add(0x11)
    assert WindowsFocus(api, own_pid=OWN_PID).active_window() is None


def test_the_walk_stops_when_the_z_order_never_ends() -> None:
    # Windows restacking during the walk can send GetWindow round in a circle.
    api = desktop((TASKBAR, "Shell_TrayWnd", "", 4), (0x10, "Hidden", "hidden", 5))
    api.hidden.add(0x10)
    steps: list[int] = []

    def circle(hwnd: int) -> int:
        steps.append(hwnd)
        return 0x10

    api.next_window = circle  # type: ignore[method-assign]
    assert WindowsFocus(api, own_pid=OWN_PID).active_window() is None
    assert len(steps) == ZORDER_WALK_LIMIT


def test_an_elevated_window_below_the_taskbar_is_still_flagged() -> None:
    api = desktop((TASKBAR, "Shell_TrayWnd", "", 4), (0x20, "ConsoleWindowClass", "管理员: cmd", 7))
    api.elevated[7] = True
    window = WindowsFocus(api, own_pid=OWN_PID).active_window()
    assert window is not None and window.handle == 0x20 and window.elevated


def test_a_hidden_foreground_such_as_the_tray_message_window_is_looked_through() -> None:
    api = desktop(
        (0x5, "QTrayIconMessageWindowClass", "QTrayIconMessageWindow", OWN_PID),
        (CHAT, "Qt5QWindowIcon", "千牛接待中心", 42),
    )
    api.hidden.add(0x5)
    window = WindowsFocus(api, own_pid=OWN_PID).active_window()
    assert window is not None and window.handle == CHAT


def test_a_normal_or_own_foreground_window_is_returned_as_it_is() -> None:
    # The walk only replaces shell windows; our own popup stays as it is, for gui.own_windows to drop.
    api = desktop(
        (NOTEPAD, "Notepad", "备忘.txt - 记事本", 43),
        (CHAT, "Qt5QWindowIcon", "千牛接待中心", 42),
    )
    focus = WindowsFocus(api, own_pid=OWN_PID)
    assert focus.active_window() == Window(NOTEPAD, "备忘.txt - 记事本", "Notepad", "notepad.exe")
    api.windows[0x60] = ("Qt6QWindowIcon", "快捷回复", OWN_PID)
    api.zorder.insert(0, 0x60)
    api.foreground = 0x60
    assert focus.active_window() == Window(0x60, "快捷回复", "Qt6QWindowIcon", "")


def test_activate_uses_the_attach_input_trick_then_the_alt_tap() -> None:
    api = FakeWin32()
    api.windows = {0x10: ("Chat", "chat", 1), 0x20: ("Popup", "popup", 2)}
    api.foreground = 0x20
    api.locked = True
    focus = WindowsFocus(api)

    assert focus.activate(Window(0x10)) is True
    assert api.foreground == 0x10
    assert api.calls == ["restore", "set_foreground", "attach True", "bring_to_top", "set_foreground",
                         "attach False", "tap_alt", "set_foreground"]  # fmt: skip
    assert focus.activate(Window(0x99)) is False  # closed


def test_modifiers_down_reads_async_key_state() -> None:
    api = FakeWin32()
    keys = WindowsKeys(api, keyboard_module=object())
    assert keys.modifiers_down() is False
    api.keys_down.add(0x5B)  # left Win
    assert keys.modifiers_down() is True


def test_keys_are_sent_through_the_keyboard_library() -> None:
    sent: list[tuple[str, object]] = []

    class FakeKeyboard:
        def send(self, combo: str) -> None:
            sent.append(("send", combo))

        def write(self, text: str, exact: bool) -> None:
            sent.append(("write", (text, exact)))

    keys = WindowsKeys(FakeWin32(), keyboard_module=FakeKeyboard())
    keys.press("ctrl+shift+v")
    keys.type_text("您好")
    assert sent == [("send", "ctrl+shift+v"), ("write", ("您好", True))]


def _wait_for(predicate: Callable[[], bool]) -> bool:
    event = threading.Event()
    for _ in range(200):
        if predicate():
            return True
        event.wait(0.01)
    return False


def test_hotkeys_register_on_their_thread_fire_and_report_conflicts() -> None:
    api = FakeWin32()
    api.taken.add(to_win32_hotkey("ctrl+alt+k"))
    hotkeys = WindowsHotkeys(api)
    fired: list[str] = []
    try:
        hotkeys.register("ctrl+alt+space", lambda: fired.append(threading.current_thread().name))
        with pytest.raises(HotkeyError, match="another program") as info:
            hotkeys.register("ctrl+alt+k", lambda: None)
        assert "其他程序" in info.value.reason.render("zh_CN")
        with pytest.raises(HotkeyError, match="already registered by QuickReply"):
            hotkeys.register("ctrl+alt+space", lambda: None)
        with pytest.raises(HotkeyError, match="not a key"):
            hotkeys.register("ctrl+nokey", lambda: None)

        api.press_hotkey("ctrl+alt+space")
        assert _wait_for(lambda: fired == ["win-hotkeys"])
        hotkeys.unregister_all()
        assert api.registered == {}
    finally:
        hotkeys.close()
    assert (WM_APP, 1) not in api.messages  # the stop request was consumed by the thread


def test_raw_clipboard_copies_memory_formats_only() -> None:
    """GDI handles (CF_BITMAP, CF_ENHMETAFILE, CF_PALETTE) and private handles cannot be copied as bytes;
    text, DIBs, HTML and other programs' registered formats can."""
    from quickreply.platform.windows.clipboard import copyable

    assert [f for f in (1, 8, 13, 15, 17, 0xC0F1) if copyable(f)] == [1, 8, 13, 15, 17, 0xC0F1]
    assert [f for f in (2, 3, 9, 14, 0x82, 0x200, 0x2FF, 0x300, 0x3FF) if copyable(f)] == []


def test_keyboard_tables_are_built_at_start_off_the_calling_thread() -> None:
    """`keyboard` builds its tables on first use (0.3-3.7 s under Wine): not on the first paste."""
    import threading

    calls: list[tuple[str, str]] = []

    class SlowKeyboard:
        def key_to_scan_codes(self, key: str) -> tuple[int, ...]:
            calls.append((key, threading.current_thread().name))
            return (47,)

        def send(self, combo: str) -> None:
            calls.append((combo, threading.current_thread().name))

    keys = WindowsKeys(FakeWin32(), keyboard_module=SlowKeyboard())
    keys.warmed_up.join(5)
    keys.press("ctrl+v")
    assert calls[0] == ("v", "keyboard-warm-up")
    assert calls[1] == ("ctrl+v", threading.current_thread().name)


def test_anchor_is_the_caret_when_the_window_shows_one_else_its_rectangle() -> None:
    from quickreply.core.ports import Anchor

    api = FakeWin32()
    api.windows[0x10] = ("Qt5QWindowIcon", "买家小王 - 千牛工作台", 7)
    carets = {100 + 0x10: (820, 640, 2, 18)}
    api.caret_rect = carets.get  # type: ignore[attr-defined]
    api.window_rect = lambda hwnd: (300, 100, 900, 700)  # type: ignore[attr-defined]
    focus = WindowsFocus(api)
    window = Window(handle=0x10)
    assert focus.anchor(window) == Anchor(820, 640, 2, 18, caret=True)
    carets.clear()  # a chat client that draws its own caret reports none
    assert focus.anchor(window) == Anchor(300, 100, 900, 700)
