"""Windows adapters: user32 (via api.py) for the foreground window, `keyboard` for sending keys.

Hotkeys live in hotkeys.py. Import-safe on any OS: Win32 is touched only when an adapter is built.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from quickreply.core.hotkeys import parse_combo
from quickreply.core.ports import Anchor, Window
from quickreply.platform.windows.api import WS_EX_NOACTIVATE, WS_EX_TOOLWINDOW, Win32Api

log = logging.getLogger(__name__)

# Our key names (core.hotkeys) -> the `keyboard` library's names; letters and digits map to themselves.
KEYBOARD_NAMES = {
    "ctrl": "ctrl", "alt": "alt", "shift": "shift", "win": "windows",
    "space": "space", "enter": "enter", "tab": "tab", "escape": "esc", "backspace": "backspace",
    "delete": "delete", "insert": "insert", "home": "home", "end": "end", "page_up": "page up",
    "page_down": "page down", "up": "up", "down": "down", "left": "left", "right": "right",
    "pause": "pause", "print_screen": "print screen", "menu": "apps", "period": ".", "comma": ",",
    "minus": "-", "equal": "=", "slash": "/", "backslash": "\\", "semicolon": ";", "apostrophe": "'",
    "bracketleft": "[", "bracketright": "]", "grave": "`",
}  # fmt: skip
# Virtual-key codes for RegisterHotKey (US layout positions for punctuation: VK_OEM_*).
VK_CODES = {
    "space": 0x20, "enter": 0x0D, "tab": 0x09, "escape": 0x1B, "backspace": 0x08, "delete": 0x2E,
    "insert": 0x2D, "home": 0x24, "end": 0x23, "page_up": 0x21, "page_down": 0x22, "left": 0x25,
    "up": 0x26, "right": 0x27, "down": 0x28, "pause": 0x13, "print_screen": 0x2C, "menu": 0x5D,
    "period": 0xBE, "comma": 0xBC, "minus": 0xBD, "equal": 0xBB, "slash": 0xBF, "backslash": 0xDC,
    "semicolon": 0xBA, "apostrophe": 0xDE, "bracketleft": 0xDB, "bracketright": 0xDD, "grave": 0xC0,
}  # fmt: skip
MOD_FLAGS = {"alt": 0x1, "ctrl": 0x2, "shift": 0x4, "win": 0x8}
MOD_NOREPEAT = 0x4000  # holding the combo fires once
MODIFIER_VKS = (0x10, 0x11, 0x12, 0x5B, 0x5C)  # Shift, Ctrl, Alt, left Win, right Win
# Windows of the shell that take the foreground when clicked (taskbar and its tray, overflow flyouts,
# desktop, start menu/search, task switcher, thumbnails) but are never a chat box to paste into.
SHELL_CLASSES = frozenset({
    "Shell_TrayWnd", "Shell_SecondaryTrayWnd", "NotifyIconOverflowWindow",
    "TopLevelWindowForOverflowXamlIsland", "Progman", "WorkerW", "Windows.UI.Core.CoreWindow",
    "XamlExplorerHostIslandWindow", "TaskListThumbnailWnd",
})  # fmt: skip
ZORDER_WALK_LIMIT = 200  # windows can close or restack during the walk: never loop for ever


def to_keyboard_combo(combo: str) -> str:
    """Our normal form -> the `keyboard` library's hotkey string: "ctrl+page_up" -> "ctrl+page up"."""
    parsed = parse_combo(combo)
    names = [m for m in ("ctrl", "alt", "shift", "win") if m in parsed.modifiers] + [parsed.key]
    return "+".join(KEYBOARD_NAMES.get(name, name) for name in names)


def to_win32_hotkey(combo: str) -> tuple[int, int]:
    """(modifier flags, virtual-key code) for RegisterHotKey; raises ComboError for bad combos."""
    parsed = parse_combo(combo)
    mods = MOD_NOREPEAT
    for modifier in parsed.modifiers:
        mods |= MOD_FLAGS[modifier]
    key = parsed.key
    if len(key) == 1:
        vk = ord(key.upper())  # VK_A..VK_Z and VK_0..VK_9 equal their ASCII codes
    elif key.startswith("f") and key[1:].isdigit():
        vk = 0x70 + int(key[1:]) - 1  # VK_F1 = 0x70 ... VK_F24 = 0x87
    else:
        vk = VK_CODES[key]
    return mods, vk


class WindowsFocus:
    """Focus port on user32, with the documented workarounds for SetForegroundWindow's restrictions."""

    def __init__(self, api: Any = None, own_pid: int | None = None) -> None:
        self._api = api or Win32Api()
        self._self_elevated = bool(self._api.process_elevated(None))
        self._own_pid = os.getpid() if own_pid is None else own_pid

    def active_window(self) -> Window | None:
        """The foreground window; when that is the shell (a click on the tray icon makes the taskbar the
        foreground), the window the agent was in before: the first candidate below it in the z-order."""
        hwnd = self._api.foreground_window()
        if not hwnd:
            return None
        if self._is_shell(hwnd) or not self._api.is_visible(hwnd):
            # Invisible: e.g. the tray icon's hidden message window, which Qt may make the foreground.
            below = self._window_below(hwnd)
            log.debug("foreground %#x is the shell; the window below is %#x", hwnd, below)
            if not below:
                return None
            hwnd = below
        return self._describe(hwnd)

    def _window_below(self, hwnd: int) -> int:
        """The first window under `hwnd` an agent can have been typing in, or 0."""
        for _ in range(ZORDER_WALK_LIMIT):
            hwnd = self._api.next_window(hwnd)
            if not hwnd:
                return 0
            if self._is_candidate(hwnd):
                return hwnd
        log.info("no window to paste into within %d windows below the shell", ZORDER_WALK_LIMIT)
        return 0

    def _is_candidate(self, hwnd: int) -> bool:
        api = self._api
        if not api.is_visible(hwnd) or api.is_minimised(hwnd) or api.is_cloaked(hwnd):
            return False
        # Tool windows (palettes, overlays) and no-activate windows (on-screen keyboards) never hold the
        # keyboard focus, so the agent cannot have been typing there.
        if api.ex_style(hwnd) & (WS_EX_TOOLWINDOW | WS_EX_NOACTIVATE):
            return False
        if not api.title(hwnd) or self._is_shell(hwnd) or self._is_ours(hwnd):
            return False
        # An owned window (a chat client's conversation window, a dialog) is a target itself, unless it
        # belongs to the shell (flyouts owned by the taskbar) or to us (our menus and dialogs).
        root = api.root_owner(hwnd)
        return not root or root == hwnd or not (self._is_shell(root) or self._is_ours(root))

    def _is_shell(self, hwnd: int) -> bool:
        return self._api.class_name(hwnd) in SHELL_CLASSES

    def _is_ours(self, hwnd: int) -> bool:
        return self._api.thread_and_pid(hwnd)[1] == self._own_pid

    def _describe(self, hwnd: int) -> Window:
        _thread, pid = self._api.thread_and_pid(hwnd)
        elevated = self._api.process_elevated(pid) if pid else False
        if elevated is None:
            # We may not read the token of a process above our integrity level: that *is* the case we
            # care about, unless we are elevated ourselves (then we could have read it).
            elevated = not self._self_elevated
        return Window(
            handle=hwnd,
            title=self._api.title(hwnd),
            wm_class=self._api.class_name(hwnd),
            process=self._api.process_name(pid) if pid else "",
            # An elevated QuickReply can send keys to elevated windows (UIPI blocks only upward).
            elevated=bool(elevated) and not self._self_elevated,
        )

    def anchor(self, window: Window) -> Anchor | None:
        """The text caret of the window's GUI thread (GetGUIThreadInfo), in screen pixels; else the
        window's rectangle. Chat clients that draw their own caret report none: then the window."""
        api, hwnd = self._api, window.handle
        thread = api.thread_and_pid(hwnd)[0]
        caret = api.caret_rect(thread) if thread else None
        if caret is not None:
            x, y, width, height = caret
            return Anchor(x, y, max(width, 1), max(height, 1), caret=True)
        rect = api.window_rect(hwnd)
        return Anchor(*rect) if rect is not None else None

    def activate(self, window: Window) -> bool:
        api, hwnd = self._api, window.handle
        if not api.is_window(hwnd):
            return False
        api.restore_if_minimised(hwnd)
        if api.set_foreground(hwnd) and api.foreground_window() == hwnd:
            return True
        # Windows lets only the process that got the last input change the foreground. Sharing input
        # state with the current foreground thread lifts that limit for the duration of the call.
        foreground = api.foreground_window()
        fg_thread = api.thread_and_pid(foreground)[0] if foreground else 0
        ours = api.current_thread_id()
        attached = bool(fg_thread) and fg_thread != ours and api.attach_input(ours, fg_thread, True)
        try:
            api.bring_to_top(hwnd)
            api.set_foreground(hwnd)
        finally:
            if attached:
                api.attach_input(ours, fg_thread, False)
        if api.foreground_window() == hwnd:
            return True
        # Last resort: a synthetic Alt tap counts as "our" last input and unlocks SetForegroundWindow.
        api.tap_alt()
        api.set_foreground(hwnd)
        ok = api.foreground_window() == hwnd
        if not ok:
            log.info("could not bring window %#x to the foreground", hwnd)
        return ok


class WindowsKeys:
    """Keys port: `keyboard.send`/`keyboard.write` (SendInput) and GetAsyncKeyState for modifiers."""

    def __init__(self, api: Any = None, keyboard_module: Any = None) -> None:
        if keyboard_module is None:
            import keyboard  # Windows-only dependency, imported when built

            keyboard_module = keyboard
        self._kb = keyboard_module
        self._api = api or Win32Api()
        # `keyboard` builds its scan-code tables on first use (0.3-3.7 s measured under Wine): build them
        # now, off the UI thread, so the first paste is as quick as the others (its table lock serialises).
        self.warmed_up = threading.Thread(target=self._warm_up, name="keyboard-warm-up", daemon=True)
        self.warmed_up.start()

    def _warm_up(self) -> None:
        try:
            self._kb.key_to_scan_codes("v")
        except Exception:  # a barrier: a failed warm-up only means the first paste builds the tables
            log.debug("keyboard warm-up failed", exc_info=True)

    def press(self, combo: str) -> None:
        self._kb.send(to_keyboard_combo(combo))

    def type_text(self, text: str) -> None:
        # Unicode input events: Chinese text arrives as is, whatever the keyboard layout or IME state.
        self._kb.write(text, exact=True)

    def modifiers_down(self) -> bool:
        return any(self._api.key_down(vk) for vk in MODIFIER_VKS)
