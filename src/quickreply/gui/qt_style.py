"""The shared look: CJK-capable fonts with fallbacks, colours, and the popup's style sheet."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

# First installed family wins; the rest stay as per-glyph fallbacks (Qt 6 QFont.setFamilies).
# Windows: YaHei UI has tighter Latin metrics than YaHei. Linux: WenQuanYi is what Debian/Ubuntu ship
# (fonts-wqy-microhei); Noto/Source Han are common elsewhere.
_UI_FAMILIES = {
    "win32": ["Microsoft YaHei UI", "Microsoft YaHei", "SimHei", "Segoe UI"],
    "darwin": ["PingFang SC", "Hiragino Sans GB", "Heiti SC", "Helvetica Neue"],
    "linux": [
        "WenQuanYi Micro Hei",
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "Noto Sans SC",
        "Droid Sans Fallback",
        "DejaVu Sans",
    ],
}
_MONO_FAMILIES = ["Cascadia Mono", "Consolas", "Menlo", "DejaVu Sans Mono", "Liberation Mono", "monospace"]

UI_PIXEL_SIZE = 15  # readable CJK at 100% scaling; Qt scales logical pixels on HiDPI screens
SMALL_PIXEL_SIZE = 12


@dataclass(frozen=True)
class Colors:
    """One palette for every QuickReply widget (light, calm, high contrast for long shifts)."""

    card: str = "#ffffff"
    border: str = "#d0d4dc"
    text: str = "#1f2329"
    muted: str = "#8a919f"
    accent: str = "#1677ff"  # selection, focus
    selected: str = "#e8f1ff"
    match: str = "#d4380d"  # matched characters
    match_bg: str = "#fff1b8"  # behind matched characters in previews
    badge: str = "#f0f2f5"
    error: str = "#cf1322"
    missing_bg: str = "#ffe7ba"  # blanks not yet filled, in the form preview
    filled: str = "#0958d9"  # filled values in the form preview

    def q(self, name: str) -> QColor:
        return QColor(getattr(self, name))


COLORS = Colors()


def _platform_key() -> str:
    if sys.platform.startswith("win"):
        return "win32"
    return "darwin" if sys.platform == "darwin" else "linux"


@cache
def ui_families() -> tuple[str, ...]:
    """Installed UI families in preference order (needs a QGuiApplication)."""
    installed = set(QFontDatabase.families())
    wanted = _UI_FAMILIES[_platform_key()]
    found = [f for f in wanted if f in installed]
    return tuple(found or wanted)


def ui_font(pixel_size: int = UI_PIXEL_SIZE, bold: bool = False) -> QFont:
    """The UI font: a CJK family first, so Chinese never renders as boxes or in a mismatched face."""
    font = QFont()
    font.setFamilies(list(ui_families()))
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def mono_font(pixel_size: int = SMALL_PIXEL_SIZE) -> QFont:
    """Monospace for shortcut codes, with the CJK families behind it for codes written in Chinese."""
    font = QFont()
    installed = set(QFontDatabase.families())
    mono = [f for f in _MONO_FAMILIES if f in installed]
    font.setFamilies(mono + list(ui_families()))
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPixelSize(pixel_size)
    return font


def css_font_family() -> str:
    """The family list for Qt style sheets, which otherwise reset a widget's font."""
    return ", ".join(f'"{f}"' for f in ui_families())


def chevron_image(color: str) -> str:
    """A drawn ▾ chevron saved as PNG (style sheets need a file), so no binary asset has to ship."""
    path = Path(tempfile.gettempdir()) / f"quickreply-chevron-{color.lstrip('#')}.png"
    if not path.exists():
        image = QImage(32, 32, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(color), 4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPolyline([QPointF(6, 11), QPointF(16, 21), QPointF(26, 11)])
        painter.end()
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.png")
        image.save(str(tmp))
        os.replace(tmp, path)  # two instances drawing at once both end with a whole file
    return path.as_posix()


def popup_stylesheet(c: Colors = COLORS) -> str:
    """Style sheet for the search popup and its fill-in form (object names set in popup.py/fill_form.py)."""
    return f"""
    #card {{
        background: {c.card};
        border: 1px solid {c.border};
        border-radius: 10px;
    }}
    #search {{
        border: none;
        border-bottom: 1px solid {c.border};
        padding: 10px 14px;
        font-size: 17px;
        background: transparent;
        color: {c.text};
        selection-background-color: {c.accent};
    }}
    #results {{
        border: none;
        background: transparent;
        outline: none;
    }}
    QLabel {{ color: {c.text}; }}
    QLabel#status, QLabel#hint, QLabel#formCategory {{ color: {c.muted}; font-size: {SMALL_PIXEL_SIZE}px; }}
    QLabel#status {{ border-top: 1px solid {c.border}; padding: 5px 12px; }}
    QLabel#empty {{ color: {c.muted}; font-size: 14px; }}
    QLabel#formTitle {{ font-size: 16px; font-weight: bold; }}
    QLabel#formError {{ color: {c.error}; }}
    #form QLineEdit, #form QComboBox {{
        border: 1px solid {c.border};
        border-radius: 5px;
        padding: 4px 8px;
        min-height: 22px;
        background: {c.card};
        color: {c.text};
    }}
    #form QLineEdit:focus, #form QComboBox:focus {{ border: 1px solid {c.accent}; }}
    #form QComboBox::drop-down {{ border: none; width: 24px; }}
    #form QComboBox::down-arrow {{ image: url("{chevron_image(c.muted)}"); width: 10px; height: 10px; }}
    #form QComboBox QAbstractItemView {{
        border: 1px solid {c.border};
        selection-background-color: {c.selected};
        selection-color: {c.text};
    }}
    #card QScrollBar:vertical {{
        width: 8px;
        margin: 4px 2px 4px 0;
        border: none;
        background: transparent;
    }}
    #card QScrollBar::handle:vertical {{ background: #c9cdd4; border-radius: 3px; min-height: 28px; }}
    #card QScrollBar::handle:vertical:hover {{ background: {c.muted}; }}
    #card QScrollBar::add-line:vertical, #card QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
    #card QScrollBar::add-page:vertical, #card QScrollBar::sub-page:vertical {{ background: transparent; }}
    #preview {{
        border: 1px solid {c.border};
        border-radius: 6px;
        background: #fafbfc;
        padding: 4px;
    }}
    """


def has_chinese_font() -> bool:
    """Whether any installed font can draw Simplified Chinese (without one, every phrase shows as boxes)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """`widget` with its object name set (the style sheet and the tests find it by that name)."""
    widget.setObjectName(name)
    return widget
