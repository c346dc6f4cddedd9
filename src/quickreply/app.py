"""The composition root: the only place that picks adapters, builds the widgets and wires them together.

`main()` is what `quickreply` with no arguments runs. `build_app()` builds the same object graph around
any backend, so tests and benchmarks drive the real app with fakes.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from quickreply.core.hotkeys import display_combo
from quickreply.core.library import load_library
from quickreply.core.model import Library, Problem
from quickreply.core.paste import PastePorts
from quickreply.core.personal import PersonalLibrary
from quickreply.core.settings import Settings, SettingsError, load_settings, save_settings
from quickreply.core.usage import Usage
from quickreply.gui import i18n
from quickreply.gui.hotkey_bridge import PHRASE_PREFIX, HotkeyBridge, bindings_from_settings
from quickreply.gui.i18n import tr
from quickreply.gui.icons import TrayState, app_icon
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.paste_runner import PasteRunner, ports_for
from quickreply.gui.popup import Popup
from quickreply.gui.qt_style import has_chinese_font, ui_font
from quickreply.gui.session import Session, barrier
from quickreply.gui.settings_dialog import SettingsDialog
from quickreply.gui.single_instance import SHOW, SingleInstance, server_name
from quickreply.gui.startup import process_age_ms, setup_logging, warn_about_known_qt_bugs
from quickreply.gui.team_sync import TeamSync
from quickreply.gui.tray import Tray
from quickreply.paths import Paths, app_paths
from quickreply.platform.backend import Backend, select_backend

if TYPE_CHECKING:
    from quickreply.gui.editor import EditorWindow

log = logging.getLogger("quickreply")
PROBLEMS_SHOWN = 3  # pack problems quoted in the notification; the log has all of them


class App(QObject):
    """The running app: owns the object graph, loads and reloads, applies settings, (un)registers hotkeys."""

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
        self.settings, self.settings_problem = self._read_settings()
        i18n.set_language(self.settings.ui.language)
        self.usage = Usage.load(paths.usage_file)
        self.popup = Popup(clipboard_text=lambda: QGuiApplication.clipboard().text())
        self.popup.set_usage(self.usage, paths.usage_file)
        self.runner = PasteRunner(ports or ports_for(backend), self.settings.paste, parent=self)
        self.bridge = HotkeyBridge(backend.hotkeys, parent=self)
        self.session = Session(
            self.popup, self.runner, backend.focus, self.notifier, self.usage, self._save_usage, parent=self
        )
        self.tray = Tray(backend.focus.active_window, paths.packs_dir, self.notifier, parent=self)
        self.library = Library()
        self.pack_problems: list[Problem] = []
        self.paused = False
        self.hotkey_errors: dict[str, str] = {}
        self.settings_dialog: SettingsDialog | None = None
        self.personal = PersonalLibrary(paths.personal_file, paths.personal_backups_dir)
        self.editor: EditorWindow | None = None
        self.team_sync = TeamSync(paths, parent=self)
        self._last_sync_problem = ""
        self._wire()
        self.load_library()
        self._apply(self.settings)

    def _wire(self) -> None:
        self.bridge.triggered.connect(self.session.on_hotkey)
        self.runner.finished.connect(self.session.on_paste_finished)
        self.session.script_changed.connect(self.tray.set_script)
        self.tray.set_recent(self._recent_phrases)
        self.tray.phrase_chosen.connect(self.session.on_tray_phrase)
        self.tray.script_chosen.connect(self.session.start_script)
        self.tray.stop_script.connect(self.session.stop_script)
        self.tray.pause_toggled.connect(self.set_paused)
        self.tray.settings_requested.connect(self.open_settings)
        self.tray.reload_requested.connect(self.reload)
        self.tray.quit_requested.connect(self.quit)
        self.tray.sync_requested.connect(self.team_sync.sync_now)
        self.tray.editor_requested.connect(self.open_editor)
        self.tray.import_requested.connect(self.open_import)
        self.team_sync.finished.connect(self.on_team_sync)
        self.team_sync.config_problem.connect(self._team_config_problem)

    # -- settings ---------------------------------------------------------------------------------------
    def _read_settings(self) -> tuple[Settings, str]:
        """The user's settings, or defaults with the reason; the file itself is never touched here."""
        path = self.paths.settings_file
        try:
            settings, warnings = load_settings(path)
        except SettingsError as exc:
            log.error("%s", exc)
            return Settings(), str(exc)
        for warning in warnings:
            log.warning("%s: %s", path, warning)
        return settings, ""

    def _apply(self, settings: Settings) -> None:
        self.settings = settings
        i18n.set_language(settings.ui.language)
        self.popup.set_settings(settings)
        if self.editor is not None:
            self.editor.set_settings(settings)
        self.runner.set_settings(settings.paste)
        self.session.settings = settings
        self.register_hotkeys()
        self.tray.rebuild()

    @barrier
    def apply_settings(self, settings: Settings) -> None:
        """New settings from the dialog: language, profile, paste timing and hotkeys take effect now."""
        self.settings_problem = ""
        self._apply(settings)
        self.session.refresh_script()  # the indicator names the next-step hotkey in the UI language
        log.info("settings applied")

    # -- library ----------------------------------------------------------------------------------------
    def load_library(self) -> None:  # also called after team syncs and personal saves
        from quickreply.core.index_cache import load_or_build_index  # the search stack loads on first use

        started = time.perf_counter()
        library, problems = load_library(self.paths, self.extra_packs)
        index = load_or_build_index(library.phrases(), self.paths.index_cache_dir)
        self.library, self.pack_problems = library, problems
        self.popup.set_library(library, index)
        self.session.library = library
        self.tray.set_library(library)
        if self.editor is not None:
            self.editor.set_library(library)
        log.info(
            "library: %d packs, %d phrases, %d problems in %.0f ms",
            len(library.packs), len(library.phrases()), len(problems), (time.perf_counter() - started) * 1000,
        )  # fmt: skip
        for problem in problems:
            log.warning("pack problem: %s", problem)

    @barrier
    def reload(self) -> None:
        """Read settings.toml and every pack again (the tray's 重新加载), e.g. after a hand edit."""
        settings, problem = self._read_settings()
        if problem:  # keep what we have; the file stays as the user wrote it
            self.notifier.notify(tr("设置文件无法读取", "Settings could not be read"), problem, Level.ERROR)
        try:
            self.load_library()
        except Exception as exc:  # a barrier: a failed reload keeps the library we had
            log.exception("reload failed")
            self.notifier.notify(tr("重新加载失败", "Reload failed"), str(exc), Level.ERROR)
            return
        self.settings_problem = problem
        self._apply(settings if not problem else self.settings)  # also re-registers per-phrase hotkeys
        self.session.refresh_script()
        self._announce_problems(always=True)
        self.configure_team_sync()

    def _announce_problems(self, always: bool = False) -> None:
        problems = [p for p in self.pack_problems if p.is_error] or self.pack_problems
        if problems:
            title = tr("短语包有问题", "Problems in packs")
            self.notifier.notify(title, _summary(problems, self.paths), Level.WARNING)
        elif always:
            count = tr("共 {n} 条短语", "{n} phrases").format(n=len(self.library.phrases()))
            self.notifier.notify(tr("已重新加载", "Reloaded"), count)

    # -- team packs -------------------------------------------------------------------------------------
    def configure_team_sync(self) -> None:
        """(Re)read [[subscriptions]]; sync at once when there are any."""
        subscribed = self.team_sync.configure()
        self.tray.set_team_status(subscribed)
        if subscribed:
            self.team_sync.sync_now()

    @barrier
    def on_team_sync(self, report: Any) -> None:
        """A sync finished: reload when a team pack changed, and say what changed or failed."""
        zh = i18n.language() == "zh_CN"
        failures = [(r.errors_zh if zh else r.errors) for r in report.failed]
        problem = "\n".join(line for lines in failures for line in lines)
        self.tray.set_team_status(True, problem)
        if report.changed:
            self.load_library()
            self.register_hotkeys()  # per-phrase hotkeys may point at phrases that just arrived
            lines = report.lines_zh() if zh else [r for r in report.lines() if r]
            self.notifier.notify(tr("团队短语已更新", "Team packs updated"), "\n".join(lines))
        if problem and problem != self._last_sync_problem:  # say it once, not every interval
            self.notifier.notify(tr("团队短语同步失败", "Team pack sync failed"), problem, Level.WARNING)
        self._last_sync_problem = problem

    def _team_config_problem(self, message: str) -> None:
        title = tr("团队短语订阅设置有误", "Team subscriptions misconfigured")
        self.notifier.notify(title, message, Level.ERROR)

    def _recent_phrases(self) -> list[Any]:
        found = (self.library.phrase(pid) for pid in self.usage.recent(self.settings.ui.recent_count))
        return [p for p in found if p is not None]

    def _save_usage(self) -> None:
        try:
            self.usage.save(self.paths.usage_file)
        except OSError as exc:
            log.warning("cannot save usage: %s", exc)

    # -- hotkeys ----------------------------------------------------------------------------------------
    def wanted_hotkeys(self) -> dict[str, str]:
        """Action name -> combo ("popup", "next_step", "phrase:<id>"), leaving out phrases not loaded."""
        bindings = bindings_from_settings(self.settings.hotkeys)
        return {
            name: combo
            for name, combo in bindings.items()
            if not name.startswith(PHRASE_PREFIX) or self.library.phrase(name[len(PHRASE_PREFIX) :])
        }

    def register_hotkeys(self) -> None:
        """(Re)register every hotkey; whatever fails shows in the tray and in one notification."""
        if self.paused:
            self.bridge.pause()
            self._show_state()
            return
        if self.backend.name == "null":  # no hotkeys at all: one reason, already announced by start()
            self.hotkey_errors = {"backend": self.backend.problem_message(i18n.language())}
            self._show_state()
            return
        errors = dict(self.bridge.register_all(self.wanted_hotkeys()))
        for phrase_id in self.settings.hotkeys.phrases.values():
            if self.library.phrase(phrase_id) is None:
                missing = tr("短语 {p} 没有加载", "phrase {p} is not loaded")
                errors[PHRASE_PREFIX + phrase_id] = missing.format(p=phrase_id)
        self.hotkey_errors = errors
        self._show_state()
        if errors:
            lines = [f"{_hotkey_label(name, self.settings)}: {message}" for name, message in errors.items()]
            self.notifier.notify(tr("快捷键不可用", "Hotkeys unavailable"), "\n".join(lines), Level.WARNING)

    def _show_state(self) -> None:
        popup = self.settings.hotkeys.popup
        if self.paused:
            self.tray.set_state(TrayState.PAUSED, popup_combo=popup)
        elif self.hotkey_errors:
            labels = ((_hotkey_label(n, self.settings), m) for n, m in self.hotkey_errors.items())
            detail = "; ".join(f"{label} {message}".strip() for label, message in labels)
            self.tray.set_state(TrayState.UNAVAILABLE, detail, popup_combo=popup)
        else:
            self.tray.set_state(TrayState.NORMAL, popup_combo=popup)

    @barrier
    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        log.info("hotkeys %s", "paused" if paused else "resumed")
        self.register_hotkeys()

    # -- windows and lifetime -------------------------------------------------------------------------
    @barrier
    def open_settings(self) -> None:
        if self.settings_dialog is None:
            path = self.paths.settings_file
            dialog = SettingsDialog(self.settings, path, self.library, self.settings_problem)
            dialog.applied.connect(self.apply_settings)
            dialog.capturing.connect(self._capturing)
            dialog.finished.connect(self._settings_closed)
            self.settings_dialog = dialog
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()

    @barrier
    def open_editor(self) -> None:
        from quickreply.gui.editor import open_editor  # 25 modules: loaded on first use, not at start

        self._hook_editor(open_editor(self.library, self.personal, self.settings))

    @barrier
    def open_import(self) -> None:
        from quickreply.gui.editor import open_import

        self._hook_editor(open_import(self.library, self.personal, self.settings))

    def _hook_editor(self, editor: EditorWindow) -> None:
        if editor is self.editor:
            return
        self.editor = editor
        editor.personal_saved.connect(self._personal_saved)
        editor.settings_changed.connect(self._editor_settings)
        editor.capturing.connect(self._capturing)

    @barrier
    def _personal_saved(self, _pack: Any) -> None:
        self.load_library()
        self.register_hotkeys()  # a per-phrase hotkey may point at a phrase just added

    @barrier
    def _editor_settings(self, settings: Settings) -> None:
        """Phrase hotkeys changed in the editor: save settings.toml (keeping subscriptions) and apply."""
        save_settings(self.paths.settings_file, settings)
        self.apply_settings(settings)

    def _capturing(self, on: bool) -> None:
        self.session.ignore_hotkeys = on

    def _settings_closed(self) -> None:
        self.session.ignore_hotkeys = False
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None

    @barrier
    def on_instance_message(self, message: str) -> None:
        """A second `quickreply` asked us to show the popup."""
        if message == SHOW:
            self.session.show_popup()

    def start(self) -> bool:
        """Show the tray icon and say what is wrong, if anything. True when a real system tray is used."""
        in_tray = self.tray.show()
        self.notifier.attach_tray(self.tray.icon if in_tray else None)
        if self.settings_problem:
            self.notifier.notify(
                tr("设置文件无法读取", "Settings could not be read"),
                self.settings_problem
                + tr("（正在使用默认设置，原文件未改动）", " (using defaults; the file is untouched)"),
                Level.ERROR,
            )  # fmt: skip
        if not has_chinese_font():  # said in English too: the Chinese wording itself would show as boxes
            self.notifier.notify(
                "No Chinese font / 没有中文字体",
                "Chinese text will show as empty boxes. Install a Chinese font, e.g. on Debian/Ubuntu: "
                "sudo apt install fonts-wqy-microhei (or fonts-noto-cjk); Windows ships Microsoft YaHei.",
                Level.ERROR,
            )
        if self.backend.problem:
            title = tr("快捷键和自动粘贴受限", "Hotkeys and pasting limited")
            self.notifier.notify(title, self.backend.problem_message(i18n.language()), Level.WARNING)
        self._announce_problems()
        self.notifier.release()
        self.configure_team_sync()
        return in_tray

    def quit(self) -> None:
        QApplication.quit()

    def shutdown(self) -> None:
        if self.editor is not None and self.editor.isVisible():
            self.editor.close()  # asks to save unsaved edits: nothing typed is lost on quit
        self._save_usage()
        try:
            self.bridge.pause()
        except Exception:
            log.exception("unregistering hotkeys failed")
        self.tray.hide()


def _hotkey_label(name: str, settings: Settings) -> str:
    if name == "backend":
        return ""
    if name == "popup":
        return tr("搜索", "Search") + f" {display_combo(settings.hotkeys.popup)}"
    if name == "next_step":
        return tr("话术下一步", "Next step") + f" {display_combo(settings.hotkeys.next_step)}"
    phrase_id = name.partition(":")[2]
    combos = [combo for combo, pid in settings.hotkeys.phrases.items() if pid == phrase_id]
    return f"{display_combo(combos[0]) if combos else '?'} → {phrase_id}"


def _summary(problems: list[Problem], paths: Paths) -> str:
    head = tr("短语包中有 {n} 个问题，有问题的文件已跳过。详见 {log}",
              "{n} problems in packs; files with errors were skipped. See {log}").format(
        n=len(problems), log=paths.data / "quickreply.log")  # fmt: skip
    return "\n".join([head, *(str(p) for p in problems[:PROBLEMS_SHOWN])])


def build_app(
    paths: Paths, backend: Backend, extra_packs: Sequence[Path] = (), ports: PastePorts | None = None
) -> App:
    """The whole object graph around `backend` (real or fake); nothing shown until `App.start()`.
    `ports` replaces the paste ports (default: the backend's keys and focus, Qt's clipboard)."""
    return App(paths, backend, extra_packs, ports)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tray app until Quit; a second start asks the running one to show its popup."""
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
    try:
        return qapp.exec()
    finally:
        app.shutdown()
        instance.release()
        backend.close()


if __name__ == "__main__":
    sys.exit(main())
