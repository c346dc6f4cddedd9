"""The 快捷键 tab: popup and next-step hotkeys, and per-phrase hotkeys, each checked as it is typed.

A clash with the IME or the system (core.hotkeys.conflict_reason), an empty popup hotkey and the same
combo used twice are errors shown in red beside the field; the dialog refuses to save while any remain.
A phrase id that is not loaded is a warning only: its pack may just be failing to load right now.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.hotkeys import conflict_reason
from quickreply.core.model import Library
from quickreply.core.settings.model import HotkeySettings
from quickreply.gui.hotkey_edit import HotkeyEdit
from quickreply.gui.i18n import t, text_of

ERROR_STYLE = "color: #cf1322;"
WARNING_STYLE = "color: #d46b08;"
NOTE_STYLE = "color: #8a919f;"


class PhraseCompleter(QCompleter):
    """Completes on "id  title" text but inserts only the id."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        model = QStandardItemModel(parent)
        for phrase in library.phrases():
            item = QStandardItem(f"{phrase.id}  {phrase.title}")
            item.setData(phrase.id, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        super().__init__(model, parent)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.UserRole))


class HotkeysTab(QWidget):
    capturing = Signal(bool)
    changed = Signal()

    def __init__(self, hotkeys: HotkeySettings, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._completer = PhraseCompleter(library, self)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.popup = self._edit(hotkeys.popup)
        self.next_step = self._edit(hotkeys.next_step)
        self.popup_note, self.next_note = QLabel(), QLabel()
        form.addRow(t("ui.settings.open_search"), self.popup)
        form.addRow("", self.popup_note)
        form.addRow(t("ui.settings.next_script_step"), self.next_step)
        form.addRow("", self.next_note)
        layout.addLayout(form)
        title = t("ui.settings.phrase_hotkeys_paste_that_phrase")
        layout.addWidget(QLabel(title))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([t("ui.settings.hotkey"), t("ui.settings.phrase_id"), "", ""])
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 180)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        add = QPushButton(t("ui.settings.add_phrase_hotkey"))
        add.clicked.connect(lambda: self.add_row("", ""))
        buttons.addWidget(add)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for combo, phrase_id in hotkeys.phrases.items():
            self.add_row(combo, phrase_id)
        self.check()

    def _edit(self, combo: str) -> HotkeyEdit:
        edit = HotkeyEdit(combo)
        edit.capturing.connect(self.capturing)
        edit.combo_changed.connect(self._changed)
        return edit

    def add_row(self, combo: str, phrase_id: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCellWidget(row, 0, self._edit(combo))
        phrase = QLineEdit(phrase_id)
        phrase.setPlaceholderText(t("ui.settings.type_an_id_or_title"))
        phrase.setCompleter(self._completer)
        phrase.textChanged.connect(self._changed)
        self.table.setCellWidget(row, 1, phrase)
        self.table.setCellWidget(row, 2, QLabel())
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(t("ui.settings.remove_this_row"))
        remove.clicked.connect(lambda: self._remove(remove))
        self.table.setCellWidget(row, 3, remove)
        self.table.resizeColumnToContents(3)
        self.check()

    def _remove(self, button: QToolButton) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, 3) is button:
                self.table.removeRow(row)
                break
        self._changed()

    def _changed(self) -> None:
        self.check()
        self.changed.emit()

    def rows(self) -> list[tuple[str, str]]:
        """(combo, phrase id) per table row, as typed."""
        result = []
        for row in range(self.table.rowCount()):
            edit, phrase = self.table.cellWidget(row, 0), self.table.cellWidget(row, 1)
            assert isinstance(edit, HotkeyEdit) and isinstance(phrase, QLineEdit)
            result.append((edit.combo(), phrase.text().strip()))
        return result

    def value(self) -> HotkeySettings:
        phrases = {combo: pid for combo, pid in self.rows() if combo or pid}
        return HotkeySettings(popup=self.popup.combo(), next_step=self.next_step.combo(), phrases=phrases)

    def set_value(self, hotkeys: HotkeySettings) -> None:
        """Show `hotkeys` (settings changed elsewhere); the phrase table is rebuilt only when it differs."""
        self.popup.set_combo(hotkeys.popup)
        self.next_step.set_combo(hotkeys.next_step)
        if self.value().phrases != dict(hotkeys.phrases):
            self.table.setRowCount(0)
            for combo, phrase_id in hotkeys.phrases.items():
                self.add_row(combo, phrase_id)
        self.check()

    def check(self) -> list[str]:
        """Show every problem beside its field; return the blocking ones (errors) for the summary."""
        errors: list[str] = []
        used: dict[str, str] = {}  # combo -> what already uses it

        def problem(combo: str, what: str, required: bool) -> str:
            if not combo:
                return t("ui.settings.a_hotkey_is_required") if required else ""
            reason = conflict_reason(combo)
            if reason is not None:
                return text_of(reason)
            if combo in used:
                return t("ui.settings.already_used_by").format(w=used[combo])
            used[combo] = what
            return ""

        for edit, note, what, required in (
            (self.popup, self.popup_note, t("ui.settings.open_search"), True),
            (self.next_step, self.next_note, t("ui.settings.next_script_step"), False),
        ):
            message = problem(edit.combo(), what, required)
            _show(note, message, ERROR_STYLE)
            if message:
                errors.append(f"{what}: {message}")
        for row, (combo, phrase_id) in enumerate(self.rows()):
            cell = self.table.cellWidget(row, 2)
            assert isinstance(cell, QLabel)
            message = "" if combo or phrase_id else t("ui.settings.empty_row_ignored")
            style = NOTE_STYLE
            if combo or phrase_id:
                message = problem(combo, phrase_id or combo, True)
                if not message and not phrase_id:
                    message = t("ui.settings.choose_a_phrase")
                style = ERROR_STYLE
                if message:
                    errors.append(t("ui.settings.row").format(n=row + 1) + f": {message}")
                else:
                    message, style = self._phrase_note(phrase_id)
            _show(cell, message, style)
        return errors

    def _phrase_note(self, phrase_id: str) -> tuple[str, str]:
        phrase = self._library.phrase(phrase_id)
        if phrase is None:
            return t("ui.settings.this_phrase_is_not_loaded"), WARNING_STYLE
        return phrase.title, NOTE_STYLE


def _show(label: QLabel, message: str, style: str) -> None:
    label.setText(message)
    label.setStyleSheet(style)
    label.setToolTip(message)
    label.setVisible(bool(message))
