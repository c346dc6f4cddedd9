"""The composition root: the only place that picks adapters, builds the widgets and wires them together.

`main()` is what `quickreply` with no arguments runs. `build_app()` builds the same object graph around
any backend, so tests and benchmarks drive the real app with fakes.
"""

from __future__ import annotations

import logging
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from quickreply.app import problem_notices
from quickreply.app.hotkey_bridge import HotkeyBridge
from quickreply.app.hotkey_state import HotkeyState
from quickreply.app.library_build import prepare_caches
from quickreply.app.library_loader import LibraryLoader, LoadResult
from quickreply.app.memory import retire
from quickreply.app.paste_runner import PasteRunner, ports_for
from quickreply.app.session import Session, barrier
from quickreply.app.single_instance import SHOW, SingleInstance, server_name
from quickreply.app.startup import no_display_message, process_age_ms, setup_logging, warn_about_known_qt_bugs
from quickreply.app.team_sync import TeamSync
from quickreply.app.team_sync_status import TeamSyncStatus
from quickreply.app.usage_share import UsageShare
from quickreply.app.user_files import load_packs, log_loaded, read_settings, rescue_unsaved, save_usage
from quickreply.app.windows import AppWindows
from quickreply.core.messages import os_problem
from quickreply.core.model import Library, Problem
from quickreply.core.paste.sequence import PastePorts
from quickreply.core.personal import PersonalLibrary
from quickreply.core.rules import bundled_rules, effective_rules, read_user_rules
from quickreply.core.settings.model import Profile, Settings, save_settings
from quickreply.core.sync.changes import load_updates, recent_marks, records_since, records_within
from quickreply.core.sync.offline import subscriptions_dir
from quickreply.core.usage.counts import Usage
from quickreply.core.usage.stats import LOG_FILE as USAGE_LOG
from quickreply.gui import i18n
from quickreply.gui.blank_marks import builtin_label
from quickreply.gui.i18n import t
from quickreply.gui.icons import app_icon
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.popup.window import Popup
from quickreply.gui.qt_style import has_chinese_font, ui_font
from quickreply.gui.tray.icon import Tray, prepare_tree
from quickreply.paths import Paths, app_paths
from quickreply.platform import autostart
from quickreply.platform.backend import Backend, select_backend
from quickreply.platform.qt_clipboard import keep_after_quit

if TYPE_CHECKING:
    from quickreply.gui.editor import EditorWindow
    from quickreply.gui.settings.dialog import SettingsDialog
    from quickreply.gui.welcome import WelcomeDialog

log = logging.getLogger("quickreply")
SIGNAL_POLL_MS = 300
SHOWN_DAYS = 7  # the tray's 团队短语更新了什么… lists the updates of the last week
WARM_SEARCH_MS = 1500  # after start, while idle: build what the first queries may need (Popup.prepare)


class App(QObject):
    """The running app: owns the object graph, loads and reloads, applies settings, (un)registers hotkeys."""

    library_installed = Signal()  # a background reload was swapped in (after a team sync or a save)

    def __init__(
        self,
        paths: Paths,
        backend: Backend,
        extra_packs: Sequence[Path] = (),
        ports: PastePorts | None = None,
    ) -> None:
        super().__init__()
        self.paths, self.backend, self.extra_packs = paths, backend, tuple(extra_packs)
        self.notifier = Notifier(self)
        self.notifier.hold()  # shown once the tray icon is up (start())
        self.first_start = not paths.settings_file.exists()  # no settings yet: welcome the agent
        self.welcome: WelcomeDialog | None = None
        self.settings, self.settings_problem, self.settings_warnings = read_settings(paths.settings_file)
        i18n.set_language(self.settings.ui.language)
        self.usage = Usage.load(paths.usage_file)
        self.popup = Popup(clipboard_text=lambda: QGuiApplication.clipboard().text())
        self.popup.set_usage(self.usage, paths.usage_file)
        self.runner = PasteRunner(ports or ports_for(backend), self.settings.paste, parent=self)
        self.bridge = HotkeyBridge(backend.hotkeys, parent=self)
        self.session = Session(
            self.popup, self.runner, backend.focus, self.notifier, self.usage, self._save_usage, parent=self
        )
        self.session.usage_log = paths.data / USAGE_LOG
        self.usage_share = UsageShare(paths.data, paths.config, parent=self)
        self.tray = Tray(backend.focus.active_window, paths.packs_dir, self.notifier, parent=self)
        self.library = Library()
        self.index: Any = None  # the SearchIndex in use (set by _install)
        self._pending_reload: tuple[Settings, str] | None = None  # the tray's 重新加载, until its load ends
        self.pack_problems: list[Problem] = []
        self.hotkey_state = HotkeyState(self.bridge, backend, self.tray, self.notifier)
        self.personal = PersonalLibrary(paths.personal_file, paths.personal_backups_dir)
        self.windows = AppWindows(
            paths.settings_file,
            self.personal,
            self.notifier,
            parent=self,
            team_cache=subscriptions_dir(paths),
        )
        self.team_sync = TeamSync(paths, parent=self)
        self.loader = LibraryLoader(
            paths, self.extra_packs, load_packs, parent=self, prepare=prepare_caches, after=prepare_tree
        )
        self.loader.loaded.connect(self._background_loaded)
        self.team_sync_status = TeamSyncStatus(
            self.team_sync, self.tray, self.notifier, self._packs_changed, self._team_updated
        )
        self._wire()
        self.load_library()
        self._apply(self.settings)

    def _wire(self) -> None:
        self.bridge.triggered.connect(self.session.on_hotkey)
        self.popup.profile_values.connect(self.save_profile_values)
        self.runner.finished.connect(self.session.on_paste_finished)
        self.session.script_changed.connect(self.tray.set_script)
        self.tray.set_recent(self._recent_phrases)
        self.tray.phrase_chosen.connect(self.session.on_tray_phrase)
        self.tray.script_chosen.connect(self.session.start_script)
        self.tray.stop_script.connect(self.session.stop_script)
        self.tray.pause_toggled.connect(self.set_paused)
        self.tray.start_on_login_toggled.connect(self.set_start_on_login)
        self.tray.settings_requested.connect(self.open_settings)
        self.tray.reload_requested.connect(self.reload)
        self.tray.quit_requested.connect(self.quit)
        self.tray.sync_requested.connect(self.team_sync.sync_now)
        self.tray.updates_requested.connect(self.show_team_updates)
        self.tray.editor_requested.connect(self.open_editor)
        self.tray.import_requested.connect(self.open_import)
        self.tray.stats_requested.connect(self.open_stats)
        self.team_sync.finished.connect(self.team_sync_status.on_team_sync)
        self.windows.settings_applied.connect(self.apply_settings)
        self.windows.personal_saved.connect(self._personal_saved)
        self.windows.capturing.connect(self._capturing)
        self.windows.team_changed.connect(self.team_sync_status.configure)

    # -- settings ---------------------------------------------------------------------------------------
    def _apply(self, settings: Settings) -> None:
        previous: Settings | None = getattr(self, "settings", None)  # None on the first call, at start
        starter_changed = previous is not None and settings.ui.starter_packs != previous.ui.starter_packs
        self.settings = settings
        i18n.set_language(settings.ui.language)
        self.popup.set_settings(settings)
        if self.editor is not None:
            self.editor.set_settings(settings)
        self.windows.set_settings(settings)
        self.runner.set_settings(settings.paste)
        self.session.settings = settings
        self.usage_share.set_settings(settings)
        self.register_hotkeys()
        self.tray.set_start_on_login(settings.ui.start_on_login)  # rebuilds the menu
        if starter_changed:  # the bundled starter packs come or go: load the library again
            self._packs_changed()

    @barrier
    def set_start_on_login(self, on: bool) -> None:
        """The tray toggle: write or remove the login entry, and remember the choice in settings.toml."""
        try:
            autostart.set_enabled(on)
        except OSError as exc:
            title = t("ui.app.cannot_set_start_on_login")
            self.notifier.notify(title, i18n.text_of(os_problem(exc)), Level.WARNING)
            self.tray.set_start_on_login(self.settings.ui.start_on_login)
            return
        settings = replace(self.settings, ui=replace(self.settings.ui, start_on_login=on))
        self._apply(save_settings(self.paths.settings_file, settings, base=self.settings))

    @barrier
    def save_profile_values(self, values: dict[str, str]) -> None:
        """Shop name or nickname typed in the form with 保存到我的资料 ticked: kept in settings.toml."""
        changes = {k: v for k, v in values.items() if v and getattr(self.settings.profile, k, v) != v}
        if not changes or self.settings_problem:  # never overwrite a settings.toml we could not read
            return
        settings = replace(self.settings, profile=replace(self.settings.profile, **changes))
        self._apply(save_settings(self.paths.settings_file, settings, base=self.settings))
        names = t("ui.app.text").join(builtin_label(k) for k in changes)
        self.notifier.notify("QuickReply", t("firstday.profile_saved", names=names))

    @barrier
    def apply_settings(self, settings: Settings) -> None:
        """New settings from the dialog: language, profile, paste timing and hotkeys take effect now."""
        self.settings_problem = ""
        self._apply(settings)
        self.session.refresh_script()  # the indicator names the next-step hotkey in the UI language
        log.info("settings applied")

    # -- library ----------------------------------------------------------------------------------------
    def load_library(self) -> None:
        """Load every pack now, on this thread: at start. Changes that arrive while the agent works (team
        syncs, personal saves, the tray's 重新加载) load in the background: `_packs_changed`, `reload`."""
        started = time.perf_counter()
        library, problems, index = load_packs(self.paths, self.extra_packs)
        old = self._install(library, problems, index, started)
        del library, index
        retire(old)

    def _install(
        self, library: Library, problems: list[Problem], index: Any, started: float, prepared: Any = None
    ) -> list[Any]:
        """Swap a loaded library in: popup, tray, session, editor, all at once. Returns the old library
        and index (for `retire`: nothing on this thread refers to them any more)."""
        user_rules, rule_problems = read_user_rules(self.paths.config / "rules.toml")
        self.session.rules, found = effective_rules(bundled_rules(), user_rules)
        rules_file = str(self.paths.config / "rules.toml")
        problems = [
            *problems,
            *(Problem(rules_file, 0, m) for m in [*rule_problems, *found]),
        ]
        old = [self.library, self.index, self.pack_problems]  # freed in slices off this thread, below
        self.library, self.pack_problems, self.index = library, problems, index
        self.popup.set_library(library, index)
        self.popup.set_marks(recent_marks(load_updates(subscriptions_dir(self.paths)), datetime.now()))
        self.session.library = library
        self.usage_share.library = library
        self.windows.set_library(library)
        self.tray.set_library(library, prepared)  # `prepared`: its menu tree, made in the loader's worker
        if self.editor is not None:
            self.editor.set_library(library)
        log_loaded(library, problems, started)
        return old

    @barrier
    def reload(self) -> None:
        """Read settings.toml and every pack again (the tray's 重新加载), e.g. after a hand edit. The packs
        load in the background like a team update (at 100k phrases a load on this thread froze the popup
        for seconds); the settings are applied with the new library, in `_finish_reload`."""
        settings, problem, warnings = read_settings(self.paths.settings_file)
        if problem:  # keep what we have; the file stays as the user wrote it
            problem_notices.settings_unreadable(self.notifier, problem)
        problem_notices.settings_values(self.notifier, warnings)
        self._pending_reload = (settings, problem)
        self.loader.request()

    def _finish_reload(self) -> None:
        pending, self._pending_reload = self._pending_reload, None
        if pending is None:
            return
        settings, problem = pending
        self.settings_problem = problem
        self._apply(settings if not problem else self.settings)  # also re-registers per-phrase hotkeys
        self.session.refresh_script()
        self._announce_problems(always=True)
        self.team_sync_status.configure()

    def _announce_problems(self, always: bool = False) -> None:
        phrase_count = len(self.library.phrases())
        problem_notices.pack_problems(self.notifier, self.pack_problems, phrase_count, self.paths, always)

    def _team_updated(self, report: Any) -> None:
        """A sync changed team packs: open the readable list of what changed (without taking the focus)."""
        records = records_since(load_updates(subscriptions_dir(self.paths)), report.checked_at)
        if any(r.phrases and r.version_old for r in records):  # not for a first copy: that is all "new"
            self.windows.show_updates(records)

    @barrier
    def show_team_updates(self) -> None:
        """The tray's 团队短语更新了什么…: the updates of the last days."""
        updates = load_updates(subscriptions_dir(self.paths))
        records = [r for r in updates if r.version_old]  # a first copy is all "new": not an update
        self.windows.show_updates(records_within(records, datetime.now(), SHOWN_DAYS) or records[-3:])

    def _packs_changed(self) -> None:
        """Team or personal packs changed: load them in the background (the popup keeps working with the
        library it has), then swap them in with the per-phrase hotkeys that point at them."""
        self.loader.request()

    @barrier
    def _background_loaded(self, result: LoadResult) -> None:
        if result.error is not None:  # the library in use stays
            self._pending_reload = None  # a failed 重新加载 keeps the settings in use too
            problem_notices.reload_failed(self.notifier, result.error)
            return
        old = self._install(result.library, result.problems, result.index, result.started, result.prepared)
        self.register_hotkeys()  # a per-phrase hotkey may point at a phrase that just arrived
        # Freeing the old 100k library and index here was one ~150 ms dealloc cascade on this thread (the
        # popup's hotkey waited for it): a thread takes them apart in slices, then trims the heap.
        retire(old)
        self._finish_reload()  # the tray's 重新加载 asked for this load: its settings now
        self.library_installed.emit()

    # -- usage ------------------------------------------------------------------------------------------
    def _recent_phrases(self) -> list[Any]:
        found = (self.library.phrase(pid) for pid in self.usage.recent(self.settings.ui.recent_count))
        return [p for p in found if p is not None]

    def _save_usage(self) -> None:
        save_usage(self.usage, self.paths.usage_file)

    # -- hotkeys ----------------------------------------------------------------------------------------
    def register_hotkeys(self) -> None:
        """(Re)register every hotkey; whatever fails shows in the tray and in one notification."""
        self.hotkey_state.register(self.settings, self.library)

    @barrier
    def set_paused(self, paused: bool) -> None:
        self.hotkey_state.paused = paused
        log.info("hotkeys %s", "paused" if paused else "resumed")
        self.register_hotkeys()

    # -- windows and lifetime -------------------------------------------------------------------------
    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return self.windows.settings_dialog

    @property
    def editor(self) -> EditorWindow | None:
        return self.windows.editor

    @barrier
    def open_settings(self) -> None:
        self.windows.open_settings(self.settings, self.library, self.settings_problem)

    @barrier
    def open_editor(self) -> None:
        self.windows.open_editor(self.library, self.settings)
        self._editor_pins()

    def _editor_pins(self) -> None:
        """The editor's ★ 置顶 works on the same usage as the popup; a change is saved and shown there."""
        editor = self.editor
        if editor is not None and editor.context.pins is not self.usage:
            editor.set_pins(self.usage)
            editor.pins_changed.connect(self._save_usage)

    @barrier
    def open_stats(self) -> None:
        self.windows.open_stats(self.paths.data / USAGE_LOG, self.library)

    @barrier
    def open_import(self) -> None:
        self.windows.open_import(self.library, self.settings)
        self._editor_pins()

    @barrier
    def _personal_saved(self, _pack: Any) -> None:
        self._packs_changed()

    def _capturing(self, on: bool) -> None:
        self.session.ignore_hotkeys = on

    @barrier
    def on_instance_message(self, message: str) -> None:
        """A second `quickreply` asked us to show the popup."""
        if message == SHOW:
            self.session.show_popup()

    def start(self) -> bool:
        """Show the tray icon and say what is wrong, if anything. True when a real system tray is used."""
        in_tray = self.tray.show()
        self.notifier.attach_tray(self.tray.icon if in_tray else None)
        problem_notices.at_start(self.notifier, self.settings_problem, has_chinese_font(), self.backend)
        problem_notices.settings_values(self.notifier, self.settings_warnings)
        self._announce_problems()
        if self.first_start:
            self._welcome()
        # Held until the tray host has embedded the icon: a balloon sent before that is lost.
        self.notifier.release_when_embedded(self.tray.icon if in_tray else None)
        self.team_sync_status.configure()
        QTimer.singleShot(WARM_SEARCH_MS, self, self._warm_search)  # cancelled if the app goes first
        return in_tray

    @barrier
    def _warm_search(self) -> None:
        """What the start skipped, done once idle rather than at the agent's first query or paste: the talk
        scripts' index (it reads pypinyin's table and lays out its codes), the table itself, and the
        platform rules' expressions (the paste check's first use)."""
        from quickreply.core.search import pinyin

        self.popup.prepare()
        pinyin.warm()
        self.session.rules.compile()

    def _welcome(self) -> None:
        """The first start: name the hotkey, ask for shop and nickname. settings.toml is written now, so the
        welcome is not repeated at the next start whether the agent answers, skips or just quits."""
        from quickreply.gui.hotkey_edit import pretty
        from quickreply.gui.welcome import WelcomeDialog

        problem_notices.first_start(self.notifier, self.settings.hotkeys.popup)
        if self.settings_problem:
            return  # never overwrite a settings.toml we could not read
        save_settings(self.paths.settings_file, self.settings)
        self.first_start = False
        self.welcome = WelcomeDialog(pretty(self.settings.hotkeys.popup), self.settings.profile)
        self.welcome.answered.connect(self._welcome_answered)
        self.welcome.show()

    @barrier
    def _welcome_answered(self, profile: Profile | None) -> None:
        if profile is not None and profile != self.settings.profile:
            settings = replace(self.settings, profile=profile)
            self._apply(save_settings(self.paths.settings_file, settings, base=self.settings))
            log.info("profile set in the welcome dialog")

    def quit(self) -> None:
        QApplication.quit()

    def shutdown(self) -> None:
        if self.editor is not None and self.editor.isVisible():
            self.editor.close()  # asks to save unsaved edits: nothing typed is lost on quit
            if self.editor.isVisible() and self.editor.document.is_dirty():
                rescue_unsaved(self.editor.document.pack, self.personal, self.paths)
        self._save_usage()
        self.usage_share.write(at_quit=True)  # the team view (opt-in) sees today's picks
        try:
            self.bridge.pause()
        except Exception:
            log.exception("unregistering hotkeys failed")
        self.tray.hide()


def build_app(
    paths: Paths, backend: Backend, extra_packs: Sequence[Path] = (), ports: PastePorts | None = None
) -> App:
    """The whole object graph around `backend` (real or fake); nothing shown until `App.start()`.
    `ports` replaces the paste ports (default: the backend's keys and focus, Qt's clipboard)."""
    return App(paths, backend, extra_packs, ports)


def stop_on_signals(qapp: QApplication) -> None:
    """SIGTERM (logout, `kill`) and SIGINT quit like the tray's 退出: usage saved, clipboard kept. Python
    runs signal handlers only between bytecodes, so a timer wakes the interpreter while Qt waits."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: QApplication.quit())
    waker = QTimer(qapp)
    waker.timeout.connect(lambda: None)
    waker.start(SIGNAL_POLL_MS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tray app until Quit; a second start asks the running one to show its popup."""
    problem = no_display_message()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    qapp = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv))
    assert isinstance(qapp, QApplication)
    qapp.setQuitOnLastWindowClosed(False)  # closing a dialog must not end the tray app
    qapp.setApplicationName("QuickReply")
    qapp.setWindowIcon(app_icon())
    qapp.setFont(ui_font(14))
    paths = app_paths()
    log_file = setup_logging(paths)
    instance = SingleInstance(server_name(paths), paths.data / "instance.lock")
    if not instance.claim():
        if instance.send(SHOW):
            print("quickreply: already running; asked it to show the search popup")
            return 0
        if not instance.take_over():  # a crash must not block the next start
            print("quickreply: another instance holds the lock but does not answer", file=sys.stderr)
            return 1
    warn_about_known_qt_bugs()
    backend = select_backend()
    app = build_app(paths, backend)
    instance.message.connect(app.on_instance_message)
    in_tray = app.start()
    ready = f"tray ready {process_age_ms():.0f} ms ({'system tray' if in_tray else 'fallback window'})"
    log.info(ready)
    print(ready, flush=True)
    print(f"log: {log_file}", flush=True)
    stop_on_signals(qapp)
    try:
        return qapp.exec()
    finally:
        app.shutdown()
        keep_after_quit()  # X11: the agent's clipboard must not vanish with us
        instance.release()
        backend.close()


if __name__ == "__main__":
    sys.exit(main())
