"""The 粘贴 tab: paste timing (with ranges and what each delay is for) and per-app paste rules."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.messages import CATALOGUE, msg
from quickreply.core.settings.fields import BY_KEY, PASTE_METHODS
from quickreply.core.settings.model import PasteRule, PasteSettings
from quickreply.gui.i18n import t
from quickreply.gui.settings.hotkeys import ERROR_STYLE, NOTE_STYLE

# (field, zh label, en label, zh help, en help); each range is the model's (core/settings/fields.py)
# The delays offered, in this order: each is named by `ui.paste_delay.<name>`, explained by
# `ui.paste_delay_help.<name>`; each paste method by `ui.paste_method.<method>`.
DELAYS = ("focus_delay_ms", "modifier_wait_ms", "restore_delay_ms")
RULE_FIELDS = ("wm_class", "title", "process")


def method_box(current: str) -> QComboBox:
    box = QComboBox()
    for method in PASTE_METHODS:
        code = f"ui.paste_method.{method}"
        box.addItem(t(code) if code in CATALOGUE else method, method)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class PasteTab(QWidget):
    changed = Signal()

    def __init__(self, paste: PasteSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = paste
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.delays: dict[str, QSpinBox] = {}
        for name in DELAYS:
            declared = BY_KEY[("paste", name)]
            low, high = int(declared.low or 0), int(declared.high or 0)
            box = QSpinBox(minimum=low, maximum=high, singleStep=10, suffix=" ms")
            box.setValue(min(max(int(getattr(paste, name)), low), high))
            box.setToolTip(t(f"ui.paste_delay_help.{name}"))
            self.delays[name] = box
            form.addRow(t(f"ui.paste_delay.{name}"), box)
            help_text = msg(f"ui.paste_delay_help.{name}")
            note = QLabel(t("ui.settings.delay_note", help=help_text, low=low, high=high))
            note.setWordWrap(True)
            note.setStyleSheet(NOTE_STYLE)
            form.addRow("", note)
        self.method = method_box(paste.method)
        form.addRow(t("ui.settings.default_paste_method"), self.method)
        layout.addLayout(form)
        rules_label = QLabel(t("ui.settings.paste_method_per_window_a"))  # fmt: skip
        rules_label.setWordWrap(True)
        layout.addWidget(rules_label)
        self.rules = QTableWidget(0, 5)
        self.rules.setHorizontalHeaderLabels(
            [t("ui.settings.window_class"), t("ui.settings.title_contains"), t("ui.settings.process"),
             t("ui.settings.method"), ""]
        )  # fmt: skip
        header = self.rules.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (3, 4):  # the method names must stay readable
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.rules.verticalHeader().hide()
        self.rules.itemChanged.connect(lambda _item: self.changed.emit())
        layout.addWidget(self.rules, 1)
        row = QHBoxLayout()
        add = QPushButton(t("ui.settings.add_rule"))
        add.clicked.connect(lambda: self.add_rule(PasteRule(method="ctrl+shift+v")))
        row.addWidget(add)
        row.addStretch(1)
        layout.addLayout(row)
        self.rule_note = QLabel()
        self.rule_note.setStyleSheet(ERROR_STYLE)
        self.rule_note.setWordWrap(True)
        self.rule_note.hide()
        layout.addWidget(self.rule_note)
        for rule in paste.rules:
            self.add_rule(rule)

    def add_rule(self, rule: PasteRule) -> None:
        row = self.rules.rowCount()
        self.rules.insertRow(row)
        for column, name in enumerate(RULE_FIELDS):
            self.rules.setItem(row, column, QTableWidgetItem(getattr(rule, name)))
        self.rules.setCellWidget(row, 3, method_box(rule.method))
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(t("ui.settings.remove_this_rule"))
        remove.clicked.connect(lambda: self._remove(remove))
        self.rules.setCellWidget(row, 4, remove)
        self.changed.emit()

    def _remove(self, button: QToolButton) -> None:
        for row in range(self.rules.rowCount()):
            if self.rules.cellWidget(row, 4) is button:
                self.rules.removeRow(row)
                break
        self.changed.emit()

    def _rule(self, row: int) -> PasteRule:
        texts = {}
        for column, name in enumerate(RULE_FIELDS):
            item = self.rules.item(row, column)
            texts[name] = item.text().strip() if item is not None else ""
        box = self.rules.cellWidget(row, 3)
        assert isinstance(box, QComboBox)
        return PasteRule(method=str(box.currentData()), **texts)

    def value(self) -> PasteSettings:
        rules = tuple(self._rule(row) for row in range(self.rules.rowCount()))
        delays: dict[str, Any] = {name: box.value() for name, box in self.delays.items()}
        return PasteSettings(method=str(self.method.currentData()), rules=rules, **delays)

    def set_value(self, paste: PasteSettings) -> None:
        """Show `paste` (settings changed elsewhere); the rule table is rebuilt only when it differs."""
        for name, box in self.delays.items():
            box.setValue(int(getattr(paste, name)))
        self.method.setCurrentIndex(max(0, self.method.findData(paste.method)))
        if self.value().rules != paste.rules:
            self.rules.setRowCount(0)
            for rule in paste.rules:
                self.add_rule(rule)
        self.changed.emit()

    def check(self) -> list[str]:
        """A rule that matches nothing would silently do nothing: each one needs some text to match."""
        problems = [
            t("ui.settings.rule_fill_in_the_window").format(n=row + 1)
            for row in range(self.rules.rowCount())
            if not any(getattr(self._rule(row), name) for name in RULE_FIELDS)
        ]  # fmt: skip
        self.rule_note.setText("\n".join(problems))
        self.rule_note.setVisible(bool(problems))
        return problems
