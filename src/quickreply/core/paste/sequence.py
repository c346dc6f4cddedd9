"""The paste sequence: focus back, wait for modifiers, guard the clipboard, send the paste key, restore.

It is a generator that yields `Wait` steps instead of sleeping, so the GUI can drive it from the Qt event
loop (blocking the loop while another program reads our clipboard would deadlock X11) and tests can drive
it with a fake clock. Run it with `run_blocking` or `gui.paste_runner.PasteRunner`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TypeVar

from quickreply.core.paste.outcome import CLIPBOARD_CHANGED_NOTE, MULTILINE_NOTE, PasteOutcome, PasteResult
from quickreply.core.ports import Clipboard, Clock, Focus, Keys, Window
from quickreply.core.settings.model import PasteSettings

log = logging.getLogger(__name__)
T = TypeVar("T")
__all__ = [
    "CLIPBOARD_CHANGED_NOTE", "MULTILINE_NOTE", "MonotonicClock", "PasteOutcome", "PastePorts", "PasteResult",
    "Wait", "choose_paste_method", "paste_sequence", "run_blocking",
]  # fmt: skip

POLL_SECONDS = 0.02  # how often to look at modifier keys and focus while waiting
FOCUS_CONFIRM_SECONDS = 0.5  # how long focus may take to land after the focus delay
SEND_DELAY_SECONDS = 0.1  # between the paste key and Enter, so the paste lands before the send


@dataclass(frozen=True)
class Wait:
    """A step of the sequence: resume me after `seconds`, without blocking the event loop."""

    seconds: float


@dataclass(frozen=True)
class PastePorts:
    """Everything the sequence touches in the outside world."""

    clipboard: Clipboard
    keys: Keys
    focus: Focus
    clock: Clock


class MonotonicClock:
    """The real clock."""

    def now(self) -> float:
        return time.monotonic()


def _matches(needle: str, haystack: str) -> bool:
    return not needle or needle.casefold() in haystack.casefold()


def choose_paste_method(window: Window | None, settings: PasteSettings) -> str:
    """The paste method for `window`: the first rule whose non-empty fields all match, else the default."""
    if window is not None:
        for rule in settings.rules:
            if not (rule.wm_class or rule.title or rule.process):
                continue  # an empty rule would match every window
            if (
                _matches(rule.wm_class, window.wm_class)
                and _matches(rule.title, window.title)
                and _matches(rule.process, window.process)
            ):
                return rule.method
    return settings.method


def _same_text(a: str, b: str) -> bool:
    # Windows hands text back with \r\n; that is still our text.
    return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")


def paste_sequence(
    text: str, target: Window | None, ports: PastePorts, settings: PasteSettings, send: bool = False
) -> Generator[Wait, None, PasteOutcome]:
    """Paste `text` into `target` (remembered before the popup showed); press Enter after it if `send`.

    Never raises for port failures: they become the outcome. The clipboard is restored whenever it was
    replaced, except when the paste could not be attempted and the text is left there for the agent.
    """
    clipboard, keys, focus, clock = ports.clipboard, ports.keys, ports.focus, ports.clock

    def leave_on_clipboard(result: PasteResult, method: str = "") -> PasteOutcome:
        try:
            clipboard.set_text(text)
        except Exception as exc:
            log.warning("could not leave the text on the clipboard: %s", exc)
            return PasteOutcome(PasteResult.CLIPBOARD_FAILED, method, detail=str(exc))
        return PasteOutcome(result, method, text_left_on_clipboard=True, clipboard_restored=False)

    if target is None:
        return leave_on_clipboard(PasteResult.NO_TARGET)

    # (2) Focus back. Even an elevated window gets it, so the agent can press Ctrl+V there at once.
    try:
        activated = focus.activate(target)
    except Exception as exc:
        log.warning("activating %r failed: %s", target, exc)
        activated = False
    if not activated:
        return leave_on_clipboard(PasteResult.TARGET_GONE)
    if target.elevated:
        return leave_on_clipboard(PasteResult.TARGET_ELEVATED)
    yield Wait(settings.focus_delay_ms / 1000)
    if not (yield from _confirm_focus(target, focus, clock)):
        return leave_on_clipboard(PasteResult.FOCUS_LOST)

    # (3) Keys still held from the hotkey would turn Ctrl+V into Ctrl+Alt+V.
    deadline = clock.now() + settings.modifier_wait_ms / 1000
    while _call(keys.modifiers_down, default=False):
        if clock.now() >= deadline:
            return leave_on_clipboard(PasteResult.MODIFIERS_HELD)
        yield Wait(POLL_SECONDS)

    method = choose_paste_method(target, settings)
    notes: list[str] = []
    if method == "type" and any(c in text for c in "\r\n\t"):
        method = "ctrl+v"  # Enter would send each line as its own message; Tab would leave the box
        notes.append(MULTILINE_NOTE)
    if method == "type":
        try:
            keys.type_text(text)
            if send:
                yield Wait(SEND_DELAY_SECONDS)
                keys.press("enter")
        except Exception as exc:
            log.warning("typing failed: %s", exc)
            return PasteOutcome(PasteResult.KEYS_FAILED, method, notes=tuple(notes), detail=str(exc))
        return PasteOutcome(PasteResult.PASTED, method, notes=tuple(notes))

    # (4)-(8) The clipboard guard: whatever happens after set_text, the snapshot goes back.
    try:
        saved = clipboard.snapshot()
        clipboard.set_text(text)
    except Exception as exc:
        log.warning("clipboard unavailable: %s", exc)
        return PasteOutcome(PasteResult.CLIPBOARD_FAILED, method, notes=tuple(notes), detail=str(exc))
    result, detail = PasteResult.PASTED, ""
    try:
        keys.press(method)
        if send:
            yield Wait(SEND_DELAY_SECONDS)
            keys.press("enter")
    except Exception as exc:
        log.warning("sending %s failed: %s", method, exc)
        result, detail = PasteResult.KEYS_FAILED, str(exc)
    # The target reads the clipboard when it handles the key, which may be after we return.
    yield Wait(settings.restore_delay_ms / 1000)
    restored = _restore(clipboard, saved, text, notes)
    return PasteOutcome(result, method, clipboard_restored=restored, notes=tuple(notes), detail=detail)


def _confirm_focus(target: Window, focus: Focus, clock: Clock) -> Generator[Wait, None, bool]:
    """Wait until `target` holds the focus, activating it again if something else grabbed it."""
    deadline = clock.now() + FOCUS_CONFIRM_SECONDS
    while True:
        active = _call(focus.active_window, default=None)
        if active is None or active.handle == target.handle:
            return True  # None: this platform cannot tell, so trust the activation
        if clock.now() >= deadline:
            log.warning("focus is on %r instead of %r", active, target)
            return False
        _call(lambda: focus.activate(target), default=False)
        yield Wait(POLL_SECONDS * 2)


def _call(fn: Callable[[], T], default: T) -> T:
    try:
        return fn()
    except Exception as exc:
        log.warning("%s failed: %s", getattr(fn, "__name__", fn), exc)
        return default


def _restore(clipboard: Clipboard, saved: object, text: str, notes: list[str]) -> bool:
    try:
        current = clipboard.text()
    except Exception:
        current = text
    if not _same_text(current, text):
        # The agent (or an app) copied something new meanwhile: that is newer than our snapshot.
        notes.append(f"{CLIPBOARD_CHANGED_NOTE}; left it as it is")
        return False
    try:
        clipboard.restore(saved)
    except Exception as exc:
        log.warning("restoring the clipboard failed: %s", exc)
        notes.append(f"restore failed: {exc}")
        return False
    return True


def run_blocking(
    sequence: Generator[Wait, None, PasteOutcome], sleep: Callable[[float], None]
) -> PasteOutcome:
    """Drive a sequence by sleeping between steps: for scripts and tests, never on the Qt main thread."""
    try:
        step = next(sequence)
        while True:
            sleep(step.seconds)
            step = sequence.send(None)
    except StopIteration as stop:
        return stop.value
