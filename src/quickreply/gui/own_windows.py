"""Which windows belong to QuickReply itself: never remembered as the window to paste into."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from quickreply.core.ports import Window


def is_own_window(window: Window) -> bool:
    """True when `window` is one of our visible top-level widgets (popup, dialog, fallback window)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    return any(int(w.winId()) == window.handle for w in app.topLevelWidgets() if w.isVisible())
