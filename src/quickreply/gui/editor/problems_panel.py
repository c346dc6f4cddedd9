"""Every problem of the personal library in one list under the editor; double-click goes to the item."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from quickreply.gui.editor.validation import Finding, Report
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import COLORS

_FIELDS = frozenset({"title", "code", "category", "tags", "text", "hotkey", "steps"})  # ui.field.*


MAX_ROWS = 200  # a list longer than this is read from the top anyway


class ProblemsPanel(QListWidget):
    item_requested = Signal(str)  # phrase or script id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemActivated.connect(self._activated)
        self.hide()

    def show_report(self, report: Report, titles: Mapping[str, str], extra: list[Finding]) -> None:
        """Errors first, then warnings; hidden when there is nothing to say."""
        self.clear()
        findings = sorted([*report.findings, *extra], key=lambda f: not f.is_error)
        for finding in findings[:MAX_ROWS]:
            subject = titles.get(finding.item_id, finding.item_id)
            field = t(f"ui.field.{finding.field}") if finding.field in _FIELDS else ""
            if finding.message.startswith(field):  # "编码“th”已被…" names its field already
                field = ""
            where = f"“{subject}”" + (f" · {field}" if field else "") + "：" if subject else ""
            item = QListWidgetItem(("✖ " if finding.is_error else "⚠ ") + where + finding.message)
            item.setData(Qt.ItemDataRole.UserRole, finding.item_id)
            item.setForeground(QBrush(QColor(COLORS.error if finding.is_error else "#d46b08")))
            item.setToolTip(t("ui.editor.double_click_to_go_there"))
            self.addItem(item)
        if len(findings) > MAX_ROWS:
            more = len(findings) - MAX_ROWS
            self.addItem(t("ui.editor.more_fix_the_ones_above", more=more))
        self.setVisible(bool(findings))
        rows = min(len(findings), 5)  # as tall as its lines, up to five; more scroll
        row = max(self.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 8 if rows else 0)

    def messages(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        item_id = item.data(Qt.ItemDataRole.UserRole)
        if item_id:
            self.item_requested.emit(item_id)
