"""The small on-screen note of a running talk script: "话术 2/6 · 下一步：找出原因".

It floats above the chat near the bottom-right corner and never takes focus: the agent keeps typing in
the chat while it shows, and each press of the next-step hotkey moves it on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from quickreply.core.hotkeys import display_combo
from quickreply.core.script_run import ScriptRun
from quickreply.gui.i18n import t

MARGIN = 24


def indicator_text(run: ScriptRun, next_combo: str = "") -> str:
    """What the note says for `run`, e.g. "售后六步 2/6 · 下一步：找出原因 (Ctrl+Alt+N)"."""
    step = run.upcoming()
    if step is None:
        return t("ui.common.done").format(t=run.script.title)
    text = f"{run.script.title} {step.number}/{run.total} · " + t("ui.common.next") + step.title
    if next_combo:
        text += f" ({display_combo(next_combo)})"
    return text


class ScriptIndicator(QLabel):
    """Frameless, always on top, shown without activation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
            | Qt.WindowType.X11BypassWindowManagerHint  # no WM focus dance on X11
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMargin(8)
        self.setStyleSheet(
            "QLabel { background: rgba(22, 119, 255, 230); color: white; border-radius: 6px;"
            " font-size: 13px; }"
        )

    def show_run(self, run: ScriptRun, next_combo: str = "") -> None:
        """Show the note for `run`'s next step; hide it when the script is done."""
        if run.finished:
            self.hide()
            return
        self.setText(indicator_text(run, next_combo))
        self.adjustSize()
        self._place()
        self.show()

    def _place(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.move(area.right() - self.width() - MARGIN, area.bottom() - self.height() - MARGIN * 3)
