"""The app's windows opened on demand: the settings dialog and the phrase editor, one of each, built on first
use. What they change comes out as signals that app/root.py wires."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from quickreply.app.session import barrier
from quickreply.core.model import Library
from quickreply.core.personal import PersonalLibrary
from quickreply.core.settings.model import Settings, SettingsError, load_settings, save_settings
from quickreply.core.sync.changes import UpdateRecord
from quickreply.gui.notify import Notifier

if TYPE_CHECKING:
    from quickreply.gui.editor import EditorWindow
    from quickreply.gui.settings.dialog import SettingsDialog
    from quickreply.gui.stats import StatsWindow
    from quickreply.gui.team_updates import UpdatesDialog


def _file_settings(path: Path, fallback: Settings) -> Settings:
    try:
        return load_settings(path)[0]
    except SettingsError:  # the app reported it when it read the file; the dialog shows its banner
        return fallback


def phrase_titles(library: Library) -> dict[str, str]:
    return {p.id: p.title for p in library.phrases()}


class AppWindows(QObject):
    """Opens (or brings back) the settings dialog and the editor; `settings_applied` carries settings already
    saved to settings.toml."""

    settings_applied = Signal(object)  # Settings: to take effect now
    personal_saved = Signal(object)  # the personal pack, just saved
    capturing = Signal(bool)  # a hotkey field records keys: the app must not act on its own hotkeys meanwhile
    team_changed = Signal()  # subscriptions added or removed in the settings dialog

    def __init__(
        self,
        settings_file: Path,
        personal: PersonalLibrary,
        notifier: Notifier,
        parent: QObject | None = None,
        team_cache: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings_file, self.personal, self.notifier = settings_file, personal, notifier
        self.team_cache = team_cache  # the subscriptions' offline copies, for the 团队短语 tab's status
        self.settings_dialog: SettingsDialog | None = None
        self.updates_dialog: UpdatesDialog | None = None
        self.editor: EditorWindow | None = None
        self.stats: StatsWindow | None = None

    def open_settings(self, settings: Settings, library: Library, problem: str) -> None:
        """Show the settings dialog; `problem` says why settings.toml could not be read ("" when it could).
        It shows what settings.toml holds now (a hand edit made since the app read it is what a save keeps),
        or `settings` when the file cannot be read; an open dialog keeps what was typed in it."""
        if not problem:
            settings = _file_settings(self.settings_file, settings)
        if self.settings_dialog is None:
            from quickreply.gui.settings.dialog import SettingsDialog  # loaded on first use, not at start

            dialog = SettingsDialog(
                settings, self.settings_file, library, problem, team_cache=self.team_cache
            )
            dialog.applied.connect(self.settings_applied)
            dialog.team_changed.connect(self.team_changed)
            dialog.capturing.connect(self.capturing)
            dialog.finished.connect(self._settings_closed)
            self.settings_dialog = dialog
        else:
            self.settings_dialog.refresh(settings)
            self.settings_dialog.team.reload()  # a sync may have run since it was last shown
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()

    def set_settings(self, settings: Settings) -> None:
        """Settings applied (from any window, or a reload): an open settings dialog shows them, keeping what
        was typed in it and not saved yet."""
        if self.settings_dialog is not None:
            self.settings_dialog.refresh(settings)

    def show_updates(self, records: Sequence[UpdateRecord]) -> None:
        """The readable list of what team pack updates changed."""
        if self.updates_dialog is None:
            from quickreply.gui.team_updates import UpdatesDialog

            self.updates_dialog = UpdatesDialog()
        self.updates_dialog.show_records(records)

    def open_stats(self, usage_log: Path, library: Library) -> None:
        """The 统计 window, with fresh figures."""
        if self.stats is None:
            from quickreply.gui.stats import StatsWindow  # pyqtgraph and numpy: loaded on first use only

            self.stats = StatsWindow(usage_log)
        self.stats.titles = phrase_titles(library)
        self.stats.open()

    def set_library(self, library: Library) -> None:
        """A reload: the 统计 window names phrases by their new titles."""
        if self.stats is not None:
            self.stats.set_titles(phrase_titles(library))

    def open_editor(self, library: Library, settings: Settings) -> None:
        from quickreply.gui.editor import open_editor  # 25 modules: loaded on first use, not at start

        self._hook_editor(open_editor(library, self.personal, settings))

    def open_import(self, library: Library, settings: Settings) -> None:
        from quickreply.gui.editor import open_import

        self._hook_editor(open_import(library, self.personal, settings))

    def _hook_editor(self, editor: EditorWindow) -> None:
        if editor is self.editor:
            return
        self.editor = editor
        editor.personal_saved.connect(self.personal_saved)
        editor.settings_changed.connect(self._editor_settings)
        editor.capturing.connect(self.capturing)

    @barrier
    def _editor_settings(self, base: Settings, settings: Settings) -> None:
        """Phrase hotkeys changed in the editor (`base`: its settings before): save only that change to
        settings.toml, keeping what else the file holds now, and apply the result."""
        self.settings_applied.emit(save_settings(self.settings_file, settings, base=base))

    def _settings_closed(self) -> None:
        self.capturing.emit(False)
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None
