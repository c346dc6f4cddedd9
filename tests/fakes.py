"""Fakes for every port: a small simulated desktop with windows, chat boxes, a clipboard and a clock.

`FakeDesktop` wires them together so tests can assert what a user would see: which text landed in which
chat box, which messages were sent, and what is on the clipboard afterwards. A chat box reads the
clipboard `read_delay` seconds after the paste key, like a real program handling its event queue.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from quickreply.core.messages import msg
from quickreply.core.paste.sequence import PasteOutcome, PastePorts, paste_sequence, run_blocking
from quickreply.core.ports import Anchor, HotkeyError, Window
from quickreply.core.settings.model import PasteSettings


class FakeClock:
    """Time that moves only when told; `call_at` schedules what happens meanwhile."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self._queue: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()

    def now(self) -> float:
        return self.t

    def call_at(self, when: float, fn: Callable[[], None]) -> None:
        heapq.heappush(self._queue, (when, next(self._order), fn))

    def advance(self, seconds: float) -> None:
        """Move time forward, running scheduled callbacks at their own time (usable as `sleep`)."""
        end = self.t + max(0.0, seconds)
        while self._queue and self._queue[0][0] <= end:
            when, _, fn = heapq.heappop(self._queue)
            self.t = max(self.t, when)
            fn()
        self.t = end


class _Failing:
    """Lets a test make a named operation raise: `fake.failures["press"] = OSError("boom")`."""

    def __init__(self) -> None:
        self.failures: dict[str, Exception] = {}

    def _maybe_fail(self, op: str) -> None:
        if op in self.failures:
            raise self.failures[op]


class FakeClipboard(_Failing):
    """Formats as MIME type -> bytes, like QMimeData; snapshots are plain dict copies."""

    def __init__(self, log: Callable[[str], None] = lambda _: None, formats: dict[str, bytes] | None = None):
        super().__init__()
        self.formats: dict[str, bytes] = dict(formats or {})
        self._log = log

    def snapshot(self) -> object:
        self._maybe_fail("snapshot")
        self._log("clipboard.snapshot")
        return dict(self.formats)

    def restore(self, snapshot: object) -> None:
        self._maybe_fail("restore")
        assert isinstance(snapshot, dict)
        self.formats = dict(snapshot)
        self._log("clipboard.restore")

    def set_text(self, text: str) -> None:
        self._maybe_fail("set_text")
        self.formats = {"text/plain": text.encode("utf-8")}
        self._log("clipboard.set_text")

    def text(self) -> str:
        self._maybe_fail("text")
        return self.formats.get("text/plain", b"").decode("utf-8")

    def copy(self, text: str) -> None:
        """The agent copying something by hand (no log entry)."""
        self.formats = {"text/plain": text.encode("utf-8")}


@dataclass
class ChatBox:
    """The input box of a chat window: Enter sends what is in it."""

    paste_keys: tuple[str, ...] = ("ctrl+v", "shift+insert")
    read_delay: float = 0.005  # seconds between the paste key and reading the clipboard
    content: str = ""
    sent: list[str] = field(default_factory=list)

    def press_enter(self) -> None:
        self.sent.append(self.content)
        self.content = ""


class FakeFocus(_Failing):
    def __init__(self, log: Callable[[str], None] = lambda _: None) -> None:
        super().__init__()
        self.windows: dict[int, Window] = {}
        self.active: Window | None = None
        self.thief: Window | None = None  # a window that keeps grabbing focus back
        self.anchors: dict[int, Anchor] = {}  # handle -> where its caret or frame is
        self._log = log

    def active_window(self) -> Window | None:
        self._maybe_fail("active_window")
        return self.thief or self.active

    def activate(self, window: Window) -> bool:
        self._maybe_fail("activate")
        self._log(f"focus.activate {window.handle}")
        if window.handle not in self.windows:
            return False
        self.active = window
        return True

    def anchor(self, window: Window) -> Anchor | None:
        return self.anchors.get(window.handle)


class FakeKeys(_Failing):
    """Delivers keys to the chat box of the focused window."""

    def __init__(self, desktop: FakeDesktop) -> None:
        super().__init__()
        self.desktop = desktop
        self.modifiers_released_at = float("-inf")  # modifiers are down until this time
        self.pressed: list[str] = []
        self.typed: list[str] = []

    def hold_modifiers(self, seconds: float) -> None:
        self.modifiers_released_at = self.desktop.clock.now() + seconds

    def modifiers_down(self) -> bool:
        self._maybe_fail("modifiers_down")
        return self.desktop.clock.now() < self.modifiers_released_at

    def press(self, combo: str) -> None:
        self._maybe_fail("press")
        self.desktop.log(f"keys.press {combo}")
        self.pressed.append(combo)
        box = self.desktop.focused_box()
        if box is None:
            return
        if combo == "enter":
            box.press_enter()
        elif combo in box.paste_keys:
            clock, clipboard = self.desktop.clock, self.desktop.clipboard

            def read() -> None:
                box.content += clipboard.formats.get("text/plain", b"").decode("utf-8")

            if box.read_delay <= 0:
                read()  # synchronous: handy when a real event loop drives the sequence
            else:
                clock.call_at(clock.now() + box.read_delay, read)

    def type_text(self, text: str) -> None:
        self._maybe_fail("type_text")
        self.desktop.log("keys.type_text")
        self.typed.append(text)
        box = self.desktop.focused_box()
        for char in text:
            if box is None:
                return
            if char == "\n":
                box.press_enter()
            else:
                box.content += char


class FakeDesktop:
    """Windows with chat boxes, plus the four paste ports, logging every port call in order."""

    def __init__(self, clipboard_formats: dict[str, bytes] | None = None) -> None:
        self.clock = FakeClock()
        self.events: list[str] = []
        self.times: list[float] = []
        self.clipboard = FakeClipboard(self.log, clipboard_formats)
        self.focus = FakeFocus(self.log)
        self.keys = FakeKeys(self)
        self.boxes: dict[int, ChatBox] = {}
        self._handles = itertools.count(0x100)

    def log(self, event: str) -> None:
        self.events.append(event)
        self.times.append(self.clock.now())

    def time_of(self, event: str) -> float:
        return self.times[self.events.index(event)]

    def ports(self) -> PastePorts:
        return PastePorts(self.clipboard, self.keys, self.focus, self.clock)

    def open_window(self, title: str = "chat", wm_class: str = "", process: str = "", elevated: bool = False,
                    box: ChatBox | None = None, focused: bool = True) -> Window:  # fmt: skip
        window = Window(next(self._handles), title, wm_class, process, elevated)
        self.focus.windows[window.handle] = window
        self.boxes[window.handle] = box or ChatBox()
        if focused:
            self.focus.active = window
        return window

    def close_window(self, window: Window) -> None:
        del self.focus.windows[window.handle]
        if self.focus.active == window:
            self.focus.active = None

    def focused_box(self) -> ChatBox | None:
        active = self.focus.thief or self.focus.active
        return self.boxes.get(active.handle) if active else None

    def paste(self, text: str, target: Window | None, settings: PasteSettings | None = None,
              send: bool = False) -> PasteOutcome:  # fmt: skip
        """Run the whole sequence, then let another second pass so late clipboard reads happen."""
        outcome = run_blocking(
            paste_sequence(text, target, self.ports(), settings or PasteSettings(), send), self._sleep
        )
        self.clock.advance(1.0)
        return outcome

    def _sleep(self, seconds: float) -> None:
        self.log(f"wait {seconds:g}")
        self.clock.advance(seconds)


class FakeHotkeys:
    """Hotkeys port: `press(combo)` fires the callback as the OS would; `taken` combos refuse to register."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.callbacks: dict[str, Callable[[], None]] = {}
        self.taken = set(taken)

    def register(self, combo: str, callback: Callable[[], None]) -> None:
        if combo in self.taken:
            raise HotkeyError(combo, msg("hotkey.taken"))
        self.callbacks[combo] = callback

    def unregister_all(self) -> None:
        self.callbacks.clear()

    def press(self, combo: str) -> None:
        self.callbacks[combo]()
