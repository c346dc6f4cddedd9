"""The list of talk scripts in the selected category, beside the phrase list (its own tab)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from quickreply.core.model import Layer, Script
from quickreply.gui.editor.badges import layer_name
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import COLORS


@dataclass(frozen=True)
class ScriptRow:
    script: Script
    layer: Layer
    pack_name: str
    error: str = ""


class ScriptList(QListWidget):
    script_selected = Signal(object)  # ScriptRow | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ScriptRow] = []
        self._emitted = ""
        self.currentRowChanged.connect(self._changed)

    def set_rows(self, rows: Sequence[ScriptRow]) -> None:
        keep = self.current_id()
        self._rows = list(rows)
        self.blockSignals(True)
        self.clear()
        for row in self._rows:
            steps = t("ui.editor.steps", n_steps=len(row.script.steps))
            mark = "⚠ " if row.error else ""
            item = QListWidgetItem(f"{mark}{row.script.title}  ·  {steps}  ·  {layer_name(row.layer)}")
            item.setToolTip(row.error or row.pack_name)
            if row.error:
                item.setForeground(QBrush(QColor(COLORS.error)))
            elif row.layer is not Layer.PERSONAL:
                item.setForeground(QBrush(QColor(COLORS.muted)))
            self.addItem(item)
        self.blockSignals(False)
        if keep:
            self.select(keep)
        if self.current_id() != self._emitted:
            self._changed()

    def current_row(self) -> ScriptRow | None:
        row = self.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def current_id(self) -> str:
        row = self.current_row()
        return row.script.id if row else ""

    def select(self, script_id: str) -> bool:
        for i, row in enumerate(self._rows):
            if row.script.id == script_id:
                self.setCurrentRow(i)
                return True
        return False

    def _changed(self) -> None:
        self._emitted = self.current_id()
        self.script_selected.emit(self.current_row())
