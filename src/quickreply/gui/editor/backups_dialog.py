"""从备份恢复: the personal library's backups, newest first, with what each one holds."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.model import Layer
from quickreply.core.packs.load import load_pack
from quickreply.core.personal import PersonalLibrary
from quickreply.gui.i18n import language, t

_STAMP = re.compile(r"-(\d{8}-\d{6})-\d{6}(?:-\d+)?$")


def backup_time(path: Path) -> str:
    """When a backup was taken, read from its name: "personal-20250102-103000-…" → "2025-01-02 10:30:00"."""
    found = _STAMP.search(path.stem)
    if not found:
        return path.name
    return datetime.strptime(found[1], "%Y%m%d-%H%M%S").strftime("%Y-%m-%d %H:%M:%S")


class BackupsDialog(QDialog):
    """Pick a backup; `chosen` is its path after 恢复 (the caller confirms and restores).

    Files the app set aside because they did not load are listed first; when `pack check` can name fixes
    for them (IME slips such as Chinese quotes), 修正并恢复 sets `chosen` and `repair`."""

    def __init__(self, personal: PersonalLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("ui.editor.restore_from_backup"))
        self.resize(620, 420)
        self.chosen: Path | None = None
        self.repair = False
        self.unreadable = personal.unreadable()
        self.backups = [*self.unreadable, *personal.backups()]
        self.fixable: dict[Path, int] = {}
        note = t("ui.editor.every_save_keeps_a_backup", keep=personal.keep)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setHorizontalHeaderLabels(
            [t("ui.editor.saved_at"), t("ui.editor.phrases"), t("ui.editor.scripts")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, path in enumerate(self.backups):
            pack, problems = load_pack(path, Layer.PERSONAL)
            fixes = sum(1 for p in problems if p.fix is not None)
            if path in self.unreadable and fixes:
                self.fixable[path] = fixes
                counts = [t("ui.editor.unreadable_fixable", fixes=fixes), ""]
            elif path in self.unreadable:
                counts = [t("ui.editor.unreadable_set_aside"), ""]
            elif pack is None:
                counts = [t("ui.editor.unreadable"), ""]
            else:
                counts = [str(len(pack.phrases)), str(len(pack.scripts))]
            for column, text in enumerate([backup_time(path), *counts]):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                shown = [f"{p.line}: {p.text(language())}" for p in problems[:5]]
                item.setToolTip(str(path) if pack else "\n".join(shown))
                self.table.setItem(row, column, item)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            t("ui.editor.restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.repair_button = self.buttons.addButton(
            t("ui.editor.fix_and_restore"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.repair_button.setToolTip(t("ui.editor.replace_the_symbols_typed_with"))
        self.repair_button.clicked.connect(self._repair)
        self.buttons.addButton(t("ui.editor.close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update)
        self.table.itemDoubleClicked.connect(self._restore)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(note, wordWrap=True))
        if self.backups:
            layout.addWidget(self.table, 1)
            self.table.selectRow(0)
        else:
            layout.addWidget(
                QLabel(t("ui.editor.no_backups_yet_they_start")),
                1,
            )
        layout.addWidget(self.buttons)
        self._update()

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and screenshots)."""
        return [
            [item.text() if (item := self.table.item(r, c)) else "" for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def _selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows and self.backups else None

    def _update(self) -> None:
        selected = self._selected()
        self.restore_button.setEnabled(selected is not None and selected not in self.unreadable)
        self.repair_button.setVisible(bool(self.fixable))
        self.repair_button.setEnabled(selected in self.fixable)

    def _restore(self) -> None:
        selected = self._selected()
        if selected in self.fixable:
            self._repair()
        elif selected is not None and selected not in self.unreadable:
            self.chosen = selected
            self.accept()

    def _repair(self) -> None:
        selected = self._selected()
        if selected in self.fixable:
            self.chosen, self.repair = selected, True
            self.accept()
