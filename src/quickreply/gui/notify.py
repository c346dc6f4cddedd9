"""Notifications: a tray balloon where the desktop has one, else a small toast that never takes focus.

Every notice is also logged, so a message the agent dismissed can still be found in quickreply.log.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QSystemTrayIcon, QWidget

log = logging.getLogger(__name__)
SHOW_MS = 8000
EMBED_WAIT_MS = 5000  # longest wait for the tray host to embed the icon before showing held notices
EMBED_POLL_MS = 50
EMBED_SETTLE_MS = 300
HISTORY = 50


class Level(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Notice:
    title: str
    message: str
    level: Level


_TRAY_ICONS = {
    Level.INFO: QSystemTrayIcon.MessageIcon.Information,
    Level.WARNING: QSystemTrayIcon.MessageIcon.Warning,
    Level.ERROR: QSystemTrayIcon.MessageIcon.Critical,
}
_LOG_LEVELS = {Level.INFO: logging.INFO, Level.WARNING: logging.WARNING, Level.ERROR: logging.ERROR}


class Notifier(QObject):
    """Shows notices to the agent; `shown` lets tests and the tooltip see what was said."""

    shown = Signal(object)  # Notice

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tray: QSystemTrayIcon | None = None
        self._toast: Toast | None = None
        self._held: list[Notice] | None = None
        self.history: list[Notice] = []

    def hold(self) -> None:
        """Queue notices until `release()`: at start-up they wait until the tray icon is there."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Show what was held, as one notice: a second balloon would replace the first unread."""
        held, self._held = self._held or [], None
        if len(held) == 1:
            self._display(held[0])
        elif held:
            worst = max((n.level for n in held), key=list(Level).index)
            text = "\n\n".join(f"{n.title}: {n.message}" for n in held)
            self._display(Notice(held[0].title if worst is held[0].level else "QuickReply", text, worst))

    def release_when_embedded(self, tray: QSystemTrayIcon | None, timeout_ms: int = EMBED_WAIT_MS) -> None:
        """`release()` once the tray host has embedded `tray` (at once without a tray). Before that, Qt's
        balloon has no place on screen and is lost: the icon sits at (0, 0) until the host takes it."""
        if tray is None or _embedded(tray):
            self.release()
            return
        waited = QTimer(self, interval=EMBED_POLL_MS)
        started = time.monotonic()

        def check() -> None:
            late = (time.monotonic() - started) * 1000 >= timeout_ms
            if _embedded(tray) or late:
                waited.stop()
                waited.deleteLater()
                if late:
                    log.info("the tray icon was not embedded within %d ms; notices shown anyway", timeout_ms)
                QTimer.singleShot(EMBED_SETTLE_MS, self.release)  # the host maps the icon just after

        waited.timeout.connect(check)
        waited.start()

    def attach_tray(self, tray: QSystemTrayIcon | None) -> None:
        self._tray = tray

    def notify(self, title: str, message: str, level: Level = Level.INFO) -> None:
        notice = Notice(title, message, level)
        log.log(_LOG_LEVELS[level], "%s: %s", title, message)
        self.history = [*self.history[-(HISTORY - 1) :], notice]
        if self._held is not None:
            self._held.append(notice)
        else:
            self._display(notice)
        self.shown.emit(notice)

    def _display(self, notice: Notice) -> None:
        title, message, level = notice.title, notice.message, notice.level
        tray = self._tray
        if tray is not None and tray.isVisible() and QSystemTrayIcon.supportsMessages():
            tray.showMessage(title, message, _TRAY_ICONS[level], SHOW_MS)
        else:
            if self._toast is None:
                self._toast = Toast()
            self._toast.show_notice(notice)


def _embedded(tray: QSystemTrayIcon) -> bool:
    return tray.isVisible() and not tray.geometry().topLeft().isNull()


class Toast(QLabel):
    """A frameless note at the bottom right of the screen; it never takes focus from the chat window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(
            Qt.WindowType.ToolTip
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWordWrap(True)
        self.setMaximumWidth(380)
        self.setMargin(10)
        self._timer = QTimer(self, singleShot=True, interval=SHOW_MS)
        self._timer.timeout.connect(self.hide)

    def show_notice(self, notice: Notice) -> None:
        border = {"info": "#1677ff", "warning": "#faad14", "error": "#f5222d"}[notice.level.value]
        self.setStyleSheet(
            "QLabel { background: #ffffff; color: #262626; border-radius: 6px; "
            f"border: 2px solid {border}; }}"
        )
        self.setText(f"<b>{_escape(notice.title)}</b><br>{_escape(notice.message)}")
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 16, area.bottom() - self.height() - 16)
        self.show()
        self._timer.start()

    def mousePressEvent(self, event: object) -> None:
        self.hide()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
