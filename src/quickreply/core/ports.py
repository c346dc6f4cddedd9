"""Interfaces the core needs from the outside world; adapters live in quickreply.platform."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from quickreply.core.messages import Message


@dataclass(frozen=True)
class Window:
    """A top-level window, as remembered before the popup shows."""

    handle: int
    title: str = ""
    wm_class: str = ""  # X11 WM_CLASS / Windows class name
    process: str = ""  # executable name, e.g. "AliWorkBench.exe"
    elevated: bool = False  # Windows: runs as administrator, ignores our simulated keys


@dataclass(frozen=True)
class Anchor:
    """Where on the screen the agent is typing, in the desktop's pixels: the text caret's rectangle when
    the OS tells (`caret`), else the chat window's frame. The popup opens beside it."""

    x: int
    y: int
    width: int
    height: int
    caret: bool = False


class Clipboard(Protocol):
    def snapshot(self) -> object:
        """Every format currently on the clipboard (text, HTML, images...), opaque to the core."""

    def restore(self, snapshot: object) -> None: ...

    def set_text(self, text: str) -> None: ...

    def text(self) -> str: ...


class Keys(Protocol):
    def press(self, combo: str) -> None:
        """Press and release a combo in normal form (core.hotkeys): "ctrl+v", "shift+insert", "enter"."""

    def type_text(self, text: str) -> None: ...

    def modifiers_down(self) -> bool:
        """True while any of Ctrl, Alt, Shift, Win/Super is physically held."""


class Focus(Protocol):
    def active_window(self) -> Window | None: ...

    def activate(self, window: Window) -> bool:
        """Give focus back to `window`; False when it is gone or refuses."""

    def anchor(self, window: Window) -> Anchor | None:
        """Where `window` takes text: its caret (Windows: GetGUIThreadInfo), else its frame (X11 has no
        general caret API); None when unknown."""


class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds."""


class HotkeyError(Exception):
    """A hotkey that could not be registered: invalid, or taken by another program."""

    def __init__(self, combo: str, reason: Message) -> None:
        super().__init__(f"{combo}: {reason.render('en')}")
        self.combo = combo
        self.reason = reason  # a catalogue message (`hotkey.*`, `backend.*`)


class Hotkeys(Protocol):
    def register(self, combo: str, callback: Callable[[], None]) -> None:
        """Call `callback` (on a foreign thread) when `combo` (normal form) is pressed; raises HotkeyError."""

    def unregister_all(self) -> None: ...
