"""The settings dialog: profile, hotkeys, paste timing and per-app rules, team packs, the usage summary for
the team lead, language.

OK/Apply check everything, save settings.toml atomically and emit `applied` so the app takes the new
settings at once. Nothing invalid is saved: each problem shows beside its field and in a red summary.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.messages import os_reason
from quickreply.core.model import Library
from quickreply.core.settings.model import Profile, Settings, UiSettings, changes_onto, save_settings
from quickreply.gui.i18n import LANGUAGES, t
from quickreply.gui.icons import app_icon
from quickreply.gui.settings.hotkeys import ERROR_STYLE, HotkeysTab
from quickreply.gui.settings.paste import PasteTab
from quickreply.gui.settings.team import TeamTab
from quickreply.gui.settings.usage import UsageTab

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    applied = Signal(object)  # the saved Settings
    capturing = Signal(bool)  # a hotkey field has focus: the app should not act on its own hotkeys
    team_changed = Signal()  # subscriptions were added or removed and saved: sync them now

    def __init__(
        self,
        settings: Settings,
        path: Path,
        library: Library,
        load_problem: str = "",
        parent: QWidget | None = None,
        team_cache: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("ui.settings.quickreply_settings"))
        self.setWindowIcon(app_icon())
        self.resize(620, 520)
        self._settings = settings
        self._shown = settings  # what the fields showed when filled or last saved: the base of a save
        self._path = path
        layout = QVBoxLayout(self)
        if load_problem:
            banner = QLabel(t("ui.settings.settings_toml_could_not_be").format(p=load_problem))
            banner.setWordWrap(True)
            banner.setStyleSheet("background: #fffbe6; border: 1px solid #ffe58f; padding: 6px;")
            layout.addWidget(banner)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._profile_tab(settings.profile), t("ui.settings.profile"))
        self.hotkeys = HotkeysTab(settings.hotkeys, library)
        self.hotkeys.capturing.connect(self.capturing)
        self.hotkeys.changed.connect(self._refresh_summary)
        self.tabs.addTab(self.hotkeys, t("ui.settings.hotkeys"))
        self.paste = PasteTab(settings.paste)
        self.paste.changed.connect(self._refresh_summary)
        self.tabs.addTab(self.paste, t("ui.settings.paste"))
        self.team = TeamTab(path, team_cache)
        self.tabs.addTab(self.team, t("ui.settings.team_packs"))
        self.usage = UsageTab(settings.usage)
        self.usage.changed.connect(self._refresh_summary)
        self.tabs.addTab(self.usage, t("ui.settings.usage"))
        self.tabs.addTab(self._language_tab(settings.ui), t("ui.settings.language"))
        layout.addWidget(self.tabs, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.hide()
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("ui.settings.ok"))
        buttons.button(QDialogButtonBox.StandardButton.Apply).setText(t("ui.settings.apply"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("ui.settings.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout.addWidget(buttons)

    def _profile_tab(self, profile: Profile) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.shop = QLineEdit(profile.shop)
        self.shop.setPlaceholderText(t("ui.settings.e_g_deer_flagship_store"))
        self.agent = QLineEdit(profile.agent)
        self.agent.setPlaceholderText(t("ui.settings.e_g_mei"))
        form.addRow(t("ui.settings.shop_name"), self.shop)
        form.addRow(t("ui.settings.agent_nickname"), self.agent)
        note = QLabel(t("ui.settings.and_in_phrases_are_filled"))  # fmt: skip
        note.setWordWrap(True)
        form.addRow("", note)
        return tab

    def _language_tab(self, ui: UiSettings) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ui.language)))
        form.addRow(t("ui.settings.interface_language"), self.language)
        self.starter_packs = QCheckBox(t("search.starter_packs"))
        self.starter_packs.setObjectName("starter_packs")
        self.starter_packs.setChecked(ui.starter_packs)
        self.starter_packs.setToolTip(t("search.starter_packs_hint"))
        form.addRow("", self.starter_packs)
        return tab

    # -- values, checks, saving ---------------------------------------------------------------
    def refresh(self, settings: Settings) -> None:
        """Show `settings`, the current ones (a hand edit of settings.toml, the tray's 开机自动启动, the
        editor's phrase hotkeys or the form's 保存到我的资料 may have changed them since the fields were
        filled), except where the agent has changed a value here and not saved it yet: that stays as typed,
        and is what the next save writes."""
        typed = changes_onto(settings, self._shown, self.current())
        self._settings = settings
        self._fill(typed)
        self._shown = settings

    def _fill(self, settings: Settings) -> None:
        for edit, value in ((self.shop, settings.profile.shop), (self.agent, settings.profile.agent)):
            if edit.text().strip() != value:  # an unchanged field keeps its cursor
                edit.setText(value)
        self.hotkeys.set_value(settings.hotkeys)
        self.paste.set_value(settings.paste)
        self.usage.set_value(settings.usage)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.ui.language)))
        self.starter_packs.setChecked(settings.ui.starter_packs)
        self._refresh_summary()

    def current(self) -> Settings:
        """The settings as the dialog shows them now (not yet checked)."""
        return replace(
            self._settings,
            profile=Profile(shop=self.shop.text().strip(), agent=self.agent.text().strip()),
            hotkeys=self.hotkeys.value(),
            paste=self.paste.value(),
            usage=self.usage.value(),
            ui=replace(
                self._settings.ui,
                language=str(self.language.currentData()),
                starter_packs=self.starter_packs.isChecked(),
            ),
        )

    def problems(self) -> list[str]:
        """Every blocking problem, each also shown beside its field."""
        return self.hotkeys.check() + self.paste.check() + self.usage.check()

    def _refresh_summary(self) -> None:
        if self.summary.isVisible():
            self._show_summary(self.problems())

    def _show_summary(self, problems: list[str]) -> None:
        self.summary.setText(t("ui.settings.not_saved_please_fix") + "\n• " + "\n• ".join(problems))
        self.summary.setVisible(bool(problems))

    def apply(self) -> bool:
        """Check, save atomically, emit `applied`; False (and nothing saved) when something is wrong."""
        problems = self.problems()
        if problems:
            self._show_summary(problems)
            # Open the tab holding the first problem so its red note is in view.
            first = next(tab for tab in (self.hotkeys, self.paste, self.usage) if tab.check())
            self.tabs.setCurrentWidget(first)
            return False
        settings = self.current()
        try:
            # Only what was changed here is written: keys edited by hand (or by another window) since the
            # dialog was filled keep their new values. An unreadable file is copied aside first (once).
            settings = save_settings(self._path, settings, base=self._shown)
        except OSError as exc:
            self._show_summary([t("ui.settings.cannot_write", f=self._path, e=os_reason(exc))])
            return False
        team_changed = self.team.dirty
        team_problems = self.team.apply_to(self._path) if team_changed else []
        if team_problems:
            self._show_summary(team_problems)
            self.tabs.setCurrentWidget(self.team)
            return False
        log.info("settings saved to %s", self._path)
        self.summary.hide()
        self._settings = settings
        self._fill(settings)  # what was saved holds what the file had besides this window's changes
        self._shown = self.current()
        self.applied.emit(settings)
        if team_changed:
            self.team_changed.emit()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()
