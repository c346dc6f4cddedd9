"""Drive the core paste sequence from the Qt event loop, one paste at a time.

The loop keeps running during every wait: on X11 the target reads the clipboard from us through it.
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Generator

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from quickreply.core.paste.sequence import (
    MonotonicClock,
    PasteOutcome,
    PastePorts,
    PasteResult,
    Wait,
    paste_sequence,
)
from quickreply.core.ports import Window
from quickreply.core.settings.model import PasteSettings
from quickreply.platform.backend import Backend
from quickreply.platform.qt_clipboard import QtClipboard

log = logging.getLogger(__name__)


def ports_for(backend: Backend) -> PastePorts:
    """The real ports: the backend's focus and keys, Qt's clipboard, the monotonic clock."""
    clipboard = QtClipboard()
    if sys.platform == "win32":  # Qt hands images over as QImage only: copy the raw formats instead
        from quickreply.platform.windows.clipboard import WindowsClipboard

        clipboard = WindowsClipboard()
    return PastePorts(clipboard, backend.keys, backend.focus, MonotonicClock())


class PasteRunner(QObject):
    """`run()` pastes; `finished(PasteOutcome)` follows. A run requested while one is going is queued.

    Keep a reference or give it a parent: an unreferenced runner is collected and its timer never fires.
    """

    finished = Signal(object)

    def __init__(self, ports: PastePorts, settings: PasteSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ports = ports
        self._settings = settings
        self._pending: deque[tuple[str, Window | None, bool]] = deque()
        self._sequence: Generator[Wait, None, PasteOutcome] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # the delays are tens of milliseconds
        self._timer.timeout.connect(self._step)

    def set_settings(self, settings: PasteSettings) -> None:
        """New timing and rules apply from the next paste on."""
        self._settings = settings

    @property
    def busy(self) -> bool:
        return self._sequence is not None or bool(self._pending)

    def run(self, text: str, target: Window | None, send: bool = False) -> None:
        """Paste `text` into `target` (remembered before the popup showed); press Enter after it if `send`."""
        self._pending.append((text, target, send))
        if self._sequence is None and len(self._pending) == 1:
            # Start from the event loop, after the caller has hidden the popup and Qt has flushed that.
            self._timer.start(0)

    def _step(self) -> None:
        try:
            if self._sequence is None:
                if not self._pending:
                    return
                text, target, send = self._pending.popleft()
                self._sequence = paste_sequence(text, target, self._ports, self._settings, send)
                wait = next(self._sequence)
            else:
                wait = self._sequence.send(None)
        except StopIteration as stop:
            self._done(stop.value)
            return
        except Exception as exc:  # a barrier: a bug must not leave the runner stuck "busy"
            log.exception("paste sequence")
            self._done(PasteOutcome(PasteResult.KEYS_FAILED, detail=str(exc), clipboard_restored=False))
            return
        self._timer.start(max(0, round(wait.seconds * 1000)))

    def _done(self, outcome: PasteOutcome) -> None:
        self._sequence = None
        log.info("paste: %s via %s %s", outcome.result.value, outcome.method or "-", "; ".join(outcome.notes))
        if self._pending:
            self._timer.start(0)
        self.finished.emit(outcome)
