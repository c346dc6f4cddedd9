"""The backend for systems we cannot drive (Wayland, macOS, a failed adapter): it says why, clearly.

Focus reports no window, so a paste leaves the text on the clipboard for the agent to paste by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from quickreply.core.ports import Anchor, HotkeyError, Window

WAYLAND = (
    "Wayland 会话不允许程序注册全局快捷键或模拟按键。请使用托盘菜单（文字会复制到剪贴板），"
    "或在登录界面选择 X11（Xorg）会话。",
    "Wayland does not let programs register global hotkeys or send keys. Use the tray menu (the text "
    "goes to the clipboard), or choose an X11 (Xorg) session at login.",
)
NO_DISPLAY = (
    "没有图形显示（DISPLAY 未设置）：全局快捷键不可用，请使用托盘菜单。",
    "No graphical display (DISPLAY is not set): global hotkeys are off; use the tray menu.",
)
UNSUPPORTED_OS = (
    "此系统不支持全局快捷键和自动粘贴（需要 Windows 或 Linux X11）。请使用托盘菜单，文字会复制到剪贴板。",
    "Global hotkeys and pasting need Windows or Linux with X11. Use the tray menu: the text goes to the "
    "clipboard.",
)


class UnsupportedError(RuntimeError):
    """This system cannot send keys; the message says why and what to do."""


class NullFocus:
    def active_window(self) -> Window | None:
        return None

    def activate(self, window: Window) -> bool:
        return False

    def anchor(self, window: Window) -> Anchor | None:
        return None


class NullKeys:
    def __init__(self, reason: str = UNSUPPORTED_OS[1]) -> None:
        self.reason = reason

    def press(self, combo: str) -> None:
        raise UnsupportedError(f"cannot press {combo}: {self.reason}")

    def type_text(self, text: str) -> None:
        raise UnsupportedError(f"cannot type text: {self.reason}")

    def modifiers_down(self) -> bool:
        return False


class NullHotkeys:
    """Refuses every hotkey with the reason, so the UI can show it next to each one."""

    def __init__(self, reason: tuple[str, str] = UNSUPPORTED_OS) -> None:
        self.reason_zh, self.reason = reason

    def register(self, combo: str, callback: Callable[[], None]) -> None:
        raise HotkeyError(combo, self.reason, self.reason_zh)

    def unregister_all(self) -> None:
        pass
