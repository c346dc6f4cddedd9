"""A frameless, always-on-top window with rounded corners, shown centred on the screen under the mouse, that
closes quietly when the agent clicks another window. The search popup is one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QPainterPath, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from quickreply.core.ports import Anchor

RADIUS = 10
CARET_GAP = 6  # between the caret and the popup


def placement(size: QSize, anchor: QRect | None, caret: bool, area: QRect) -> QPoint:
    """Where a window of `size` goes: just below the caret (above it when there is no room below), or
    centred over the anchor window, or centred in `area`; then moved inside `area`."""
    if anchor is None:
        spot = QRect(QPoint(0, 0), size)
        spot.moveCenter(area.center())
    elif caret:
        below = anchor.bottom() + 1 + CARET_GAP
        top = (
            below if below + size.height() <= area.bottom() + 1 else anchor.top() - CARET_GAP - size.height()
        )
        spot = QRect(QPoint(anchor.left(), top), size)
    else:
        spot = QRect(QPoint(0, 0), size)
        spot.moveCenter(anchor.center())
    return inside(spot, area)


def _logical(anchor: Anchor | None) -> QRect | None:
    """The anchor (desktop pixels) in Qt's logical pixels: divided by the scale of the screen it is on."""
    if anchor is None or anchor.width <= 0 or anchor.height <= 0:
        return None
    rect = QRect(anchor.x, anchor.y, anchor.width, anchor.height)
    for screen in QGuiApplication.screens():
        ratio = screen.devicePixelRatio()
        native = screen.geometry()
        native = QRect(native.topLeft(), native.size() * ratio)  # the screen's extent in device pixels
        if ratio != 1 and native.contains(rect.center()):
            origin = native.topLeft()
            top_left = origin + (rect.topLeft() - origin) / ratio
            return QRect(top_left, rect.size() / ratio)
    return rect


def inside(rect: QRect, area: QRect) -> QPoint:
    """Where `rect` goes to lie within `area` (its top-left corner wins when it is larger than `area`)."""
    x = max(area.left(), min(rect.x(), area.right() + 1 - rect.width()))
    y = max(area.top(), min(rect.y(), area.bottom() + 1 - rect.height()))
    return QPoint(x, y)


class FloatingWindow(QWidget):
    """A tool window without a frame. Its content draws the rounded card (`#card` in the popup style sheet);
    on X11 a mask cuts the corners, elsewhere the background is translucent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        flags = Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(parent, flags)
        self.hide_on_focus_loss = True  # clicking another window closes it quietly (no focus change)
        self._mask_corners = QGuiApplication.platformName() == "xcb"  # no reliable compositor on X11
        if not self._mask_corners:
            self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def present(self, anchor: Anchor | None = None) -> None:
        """Show beside `anchor` (below the caret, or centred over the chat window), else centred on the
        screen under the mouse; always inside one screen's free area. Raised and active."""
        rect = _logical(anchor)
        screen = QGuiApplication.screenAt(rect.center()) if rect is not None else None
        screen = screen or QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            caret = anchor is not None and anchor.caret
            area = screen.availableGeometry()
            self.fit_to(area)
            self.move(placement(self.size(), rect, caret, area))
        self.show()
        self.raise_()
        self.activateWindow()

    def screen_area(self) -> QRect | None:
        """The free area of the screen the window is on (else the one under the mouse)."""
        screen = self.screen() if self.isVisible() else None
        screen = screen or QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def keep_on_screen(self) -> None:
        """Move the window back inside its screen's free area if any part of it is outside (narrowed and
        shortened first when it is larger than that area)."""
        area = self.screen_area()
        if area is not None:
            self.fit_to(area)
            self.move(inside(QRect(self.pos(), self.size()), area))

    def fit_to(self, area: QRect) -> None:
        """No wider and no taller than `area` (a narrow screen: 800 px under Wine, a small laptop); the
        content wraps or elides to fit, so its minimum width must stay below that."""
        size = self.size().boundedTo(area.size())
        if size != self.size():
            self.resize(size)

    def resizeEvent(self, event: object) -> None:
        if self._mask_corners:
            path = QPainterPath()
            path.addRoundedRect(QRect(0, 0, self.width(), self.height()), RADIUS, RADIUS)
            self.setMask(QRegion(path.toFillPolygon().toPolygon()))
        super().resizeEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.hide_on_focus_loss:
            QTimer.singleShot(0, self._hide_if_inactive)  # after Qt settled which window is active

    def _hide_if_inactive(self) -> None:
        # A combo list or completer of the form is a popup of ours: that is not losing focus.
        if self.isVisible() and not self.isActiveWindow() and QApplication.activePopupWidget() is None:
            self.hide()
