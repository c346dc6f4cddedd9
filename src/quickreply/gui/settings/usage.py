"""The 用量汇总 tab: where this agent's usage summary (counts only) goes for the team lead — `[usage]
team_folder` and `team_url` (docs/usage.md). A bad server address is refused with the model's own check."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.settings.model import UsageSettings, value_problem
from quickreply.gui.i18n import t, text_of
from quickreply.gui.settings.hotkeys import ERROR_STYLE, NOTE_STYLE


class UsageTab(QWidget):
    """`changed` on every edit; `check()` lists what blocks a save (also shown under the field)."""

    changed = Signal()

    def __init__(self, usage: UsageSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usage = usage
        layout = QVBoxLayout(self)
        intro = QLabel(t("ui.settings.usage_intro"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.folder = QLineEdit(usage.team_folder)
        self.folder.setObjectName("team_folder")
        self.folder.setPlaceholderText(t("ui.settings.usage_folder_hint"))
        self.folder.textChanged.connect(self.changed)
        browse = QPushButton(t("ui.settings.folder"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(t("ui.settings.usage_folder"), row)
        self.url = QLineEdit(usage.team_url)
        self.url.setObjectName("team_url")
        self.url.setPlaceholderText(t("ui.settings.usage_url_hint"))
        self.url.textChanged.connect(self._url_edited)
        form.addRow(t("ui.settings.usage_url"), self.url)
        self.url_note = QLabel()
        self.url_note.setWordWrap(True)
        self.url_note.hide()
        form.addRow("", self.url_note)
        layout.addLayout(form)
        note = QLabel(t("ui.settings.usage_note"))
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        layout.addWidget(note)
        layout.addStretch(1)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, t("ui.settings.usage_choose_folder"))
        if folder:
            self.folder.setText(folder)

    def _url_edited(self) -> None:
        if not self.url_note.isHidden():  # a red note shown: judge the address again as it is typed
            self.check()
        self.changed.emit()

    def value(self) -> UsageSettings:
        return replace(self._usage, team_folder=self.folder.text().strip(), team_url=self.url.text().strip())

    def set_value(self, usage: UsageSettings) -> None:
        """Show `usage` (settings changed elsewhere)."""
        self._usage = usage
        for edit, value in ((self.folder, usage.team_folder), (self.url, usage.team_url)):
            if edit.text().strip() != value:
                edit.setText(value)

    def check(self) -> list[str]:
        """The problems that block a save: a server address that is not http(s) with a server name."""
        problem = value_problem("usage", "team_url", self.url.text().strip())
        if problem is None:
            self.url_note.hide()
            return []
        text = t("ui.settings.usage_url_invalid", detail=text_of(problem))
        self.url_note.setText(text)
        self.url_note.setStyleSheet(ERROR_STYLE)
        self.url_note.show()
        return [text]
