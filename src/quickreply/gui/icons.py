"""Tray and window icons drawn with QPainter: a chat bubble, grey when paused, with a red mark when
hotkeys are unavailable. Drawn, not loaded, so there are no binary assets to ship or lose."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZES = (16, 22, 24, 32, 48, 64, 128)
BLUE = QColor("#1677ff")
GREY = QColor("#8c8c8c")
RED = QColor("#f5222d")


class TrayState(Enum):
    NORMAL = "normal"  # hotkeys registered and listening
    PAUSED = "paused"  # the agent paused hotkeys from the menu
    UNAVAILABLE = "unavailable"  # no backend, or a hotkey could not be registered


def tray_icon(state: TrayState = TrayState.NORMAL) -> QIcon:
    """The icon for `state`, in every size a tray host may ask for."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_draw(size, state))
    return icon


def app_icon() -> QIcon:
    return tray_icon(TrayState.NORMAL)


def _draw(size: int, state: TrayState) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(GREY if state is TrayState.PAUSED else BLUE))
    painter.drawPath(_bubble(s))
    if state is TrayState.PAUSED:
        _pause_bars(painter, s)
    else:
        _dots(painter, s)
    if state is TrayState.UNAVAILABLE:
        _badge(painter, s)
    painter.end()
    return pixmap


def _bubble(s: float) -> QPainterPath:
    """A rounded speech bubble with a tail at the bottom left."""
    path = QPainterPath()
    body = QRectF(s * 0.04, s * 0.08, s * 0.92, s * 0.68)
    path.addRoundedRect(body, s * 0.18, s * 0.18)
    tail = QPainterPath()
    tail.moveTo(QPointF(s * 0.20, s * 0.70))
    tail.lineTo(QPointF(s * 0.14, s * 0.96))
    tail.lineTo(QPointF(s * 0.44, s * 0.72))
    tail.closeSubpath()
    return path.united(tail)


def _dots(painter: QPainter, s: float) -> None:
    painter.setBrush(QBrush(Qt.GlobalColor.white))
    radius = max(1.0, s * 0.075)
    for x in (0.28, 0.50, 0.72):
        painter.drawEllipse(QPointF(s * x, s * 0.42), radius, radius)


def _pause_bars(painter: QPainter, s: float) -> None:
    painter.setBrush(QBrush(Qt.GlobalColor.white))
    for x in (0.36, 0.56):
        painter.drawRect(QRectF(s * x, s * 0.24, s * 0.10, s * 0.36))


def _badge(painter: QPainter, s: float) -> None:
    """A red disc with a white bar at the bottom right: 'something is wrong with hotkeys'."""
    r = s * 0.24
    centre = QPointF(s - r - 0.5, s - r - 0.5)
    painter.setPen(QPen(Qt.GlobalColor.white, max(1.0, s * 0.05)))
    painter.setBrush(QBrush(RED))
    painter.drawEllipse(centre, r, r)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(Qt.GlobalColor.white))
    painter.drawRect(QRectF(centre.x() - r * 0.55, centre.y() - r * 0.16, r * 1.1, r * 0.32))
