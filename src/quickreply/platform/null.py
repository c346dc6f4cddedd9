"""The backend for systems we cannot drive (Wayland, macOS, a failed adapter): it says why, clearly.

Focus reports no window, so a paste leaves the text on the clipboard for the agent to paste by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from quickreply.core.messages import Message, msg
from quickreply.core.ports import Anchor, HotkeyError, Window

WAYLAND = msg("backend.wayland")
NO_DISPLAY = msg("backend.no_display")
UNSUPPORTED_OS = msg("backend.unsupported_os")


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
    def __init__(self, reason: Message = UNSUPPORTED_OS) -> None:
        self.reason = reason

    def press(self, combo: str) -> None:  # for the log: the agent is told by the paste outcome
        raise UnsupportedError(f"cannot press {combo}: {self.reason.render('en')}")

    def type_text(self, text: str) -> None:
        raise UnsupportedError(f"cannot type text: {self.reason.render('en')}")

    def modifiers_down(self) -> bool:
        return False


class NullHotkeys:
    """Refuses every hotkey with the reason, so the UI can show it next to each one."""

    def __init__(self, reason: Message = UNSUPPORTED_OS) -> None:
        self.reason = reason

    def register(self, combo: str, callback: Callable[[], None]) -> None:
        raise HotkeyError(combo, self.reason)

    def unregister_all(self) -> None:
        pass
