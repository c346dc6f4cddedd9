"""The tray icon and its menu: phrases by category, recent phrases, talk scripts, and the app's commands.

The window that was active when the menu opened is remembered, so a phrase clicked in the menu goes to
the chat the agent was typing in, not to the tray host.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from quickreply import __version__
from quickreply.core.messages import msg, os_reason
from quickreply.core.model import Library, Phrase, Script
from quickreply.core.ports import Window
from quickreply.gui.hotkey_edit import pretty
from quickreply.gui.i18n import again, language, on_language_change, t, text_of
from quickreply.gui.icons import TrayState, app_icon, tray_icon
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.own_windows import is_own_window
from quickreply.gui.tray.menu import CategoryTree, add_submenu, fill_phrase_menu

log = logging.getLogger(__name__)
TOOLTIP_MAX = 120  # Windows cuts tray tooltips at 127 characters
MENU_NOTE_MAX = 40


PreparedTree = tuple[str, CategoryTree]  # (language, tree)


def prepare_tree(library: Library) -> PreparedTree:
    """The tray menu's category tree for `library` (plain data, no Qt: the library loader makes it in its
    worker thread, so a swap at 100k phrases does not spend ~90 ms on it on the UI thread)."""
    return language(), CategoryTree(library)


class Tray(QObject):
    """Emits what the agent chose; the app decides what happens (paste, start a script, settings...)."""

    phrase_chosen = Signal(object, object)  # Phrase, Window | None (the window active before the menu)
    script_chosen = Signal(object)  # Script
    stop_script = Signal()
    pause_toggled = Signal(bool)
    settings_requested = Signal()
    reload_requested = Signal()
    quit_requested = Signal()
    editor_requested = Signal()
    import_requested = Signal()
    sync_requested = Signal()
    start_on_login_toggled = Signal(bool)
    updates_requested = Signal()  # show what the recent team pack updates changed
    stats_requested = Signal()  # the 统计 window

    def __init__(
        self,
        active_window: Callable[[], Window | None],
        packs_dir: Path,
        notifier: Notifier,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._active_window = active_window
        self._packs_dir = packs_dir
        self._notifier = notifier
        self._library = Library()
        self._tree: tuple[Library, str, CategoryTree] | None = None
        self._recent: Callable[[], list[Phrase]] = list
        self._state, self._detail = TrayState.NORMAL, ""
        self._popup_combo = ""
        self._paused = False
        self._start_on_login = False
        self._script_label = ""
        self._team_sync = False  # subscriptions configured: offer 立即同步
        self._team_problem = ""  # the last sync's failure, shown in the tooltip and menu
        self.target: Window | None = None
        self.menu = QMenu()
        self.menu.setToolTipsVisible(True)
        self.menu.aboutToShow.connect(self._remember_target)
        self.icon = QSystemTrayIcon(tray_icon(TrayState.NORMAL), self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.fallback: FallbackWindow | None = None
        self.rebuild()
        on_language_change(self)

    def retranslate(self) -> None:
        """The UI language changed: the menu and tooltip again, with the kept reasons re-rendered."""
        self._detail, self._team_problem = again(self._detail), again(self._team_problem)
        self._script_label = again(self._script_label)
        self.icon.setToolTip(self.tooltip())
        if self.fallback is not None:
            self.fallback.status.setText(self.tooltip())
        self.rebuild()

    # -- what the app tells the tray ------------------------------------------------------------
    def set_library(self, library: Library, prepared: PreparedTree | None = None) -> None:
        """`prepared`: the menu's tree made off the UI thread (`prepare_tree`), used if the language is
        still the one it was made in."""
        self._library = library
        if prepared is not None:
            self._tree = (library, prepared[0], prepared[1])
        self.rebuild()

    def _category_tree(self) -> CategoryTree:
        """The menu's tree of the library, made once per library and language (a state change or a
        language switch rebuilds the menu too; at 100k phrases the tree is the slow part)."""
        lang = language()
        if self._tree is None or self._tree[0] is not self._library or self._tree[1] != lang:
            self._tree = (self._library, lang, CategoryTree(self._library))
        return self._tree[2]

    def set_start_on_login(self, on: bool) -> None:
        self._start_on_login = on
        self.rebuild()

    def set_recent(self, recent: Callable[[], list[Phrase]]) -> None:
        """Where the 最近使用 submenu gets its phrases from, asked each time it opens."""
        self._recent = recent

    def set_state(self, state: TrayState, detail: str = "", popup_combo: str = "") -> None:
        """Icon and tooltip for the hotkey state; `detail` says why hotkeys are unavailable."""
        self._state, self._detail = state, detail
        if popup_combo:
            self._popup_combo = popup_combo
        self._paused = state is TrayState.PAUSED
        self.icon.setIcon(tray_icon(state))
        self.icon.setToolTip(self.tooltip())
        if self.fallback is not None:
            self.fallback.status.setText(self.tooltip())
        self.rebuild()

    def set_script(self, label: str) -> None:
        """The running script's name and progress, or "" when none runs (shows/hides 停止话术)."""
        self._script_label = label
        self.rebuild()

    def set_team_status(self, subscribed: bool, problem: str = "") -> None:
        """Whether team packs are subscribed, and why the last sync failed ("" when it worked)."""
        self._team_sync, self._team_problem = subscribed, problem
        self.icon.setToolTip(self.tooltip())
        self.rebuild()

    def tooltip(self) -> str:
        name = t("ui.tray.quickreply")
        if self._state is TrayState.PAUSED:
            text = f"{name} — " + t("ui.tray.hotkeys_paused")
        elif self._state is TrayState.UNAVAILABLE:
            text = f"{name} — " + t("ui.tray.hotkeys_unavailable_2") + self._detail
        elif self._popup_combo:
            hint = t("ui.tray.press_to_search")
            text = f"{name} — " + hint.format(k=pretty(self._popup_combo))
        else:
            text = name
        if self._team_problem:  # one calm line: the team copy is still in use (details: log, quickreply sync)
            text += "\n" + self._team_problem
        return text if len(text) <= TOOLTIP_MAX else text[: TOOLTIP_MAX - 1] + "…"

    def show(self) -> bool:
        """Show the tray icon; without a system tray show a small window instead. True for a real tray."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon.show()
            self._notifier.attach_tray(self.icon)
            return True
        log.warning("no system tray on this desktop: showing a small window instead; hotkeys still work")
        self.fallback = FallbackWindow(self.menu, self.tooltip())
        self.fallback.show()
        return False

    def hide(self) -> None:
        self.icon.hide()
        if self.fallback is not None:
            self.fallback.close()

    # -- the menu -----------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Build the whole menu again (after a reload, a language switch or a state change)."""
        menu = self.menu
        for old in menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
            old.deleteLater()  # the submenus are the menu's children (add_submenu): gone with it
        menu.clear()
        if self._state is TrayState.UNAVAILABLE:
            text = t("ui.tray.hotkeys_unavailable") + self._detail
            short = text if len(text) <= MENU_NOTE_MAX else text[: MENU_NOTE_MAX - 1] + "…"
            warning = menu.addAction("⚠ " + short)
            warning.setToolTip(text)  # the whole reason; the menu stays narrow
            warning.setEnabled(False)
            menu.addSeparator()
        if self._team_problem:
            failed = self._team_problem
            short = failed if len(failed) <= MENU_NOTE_MAX else failed[: MENU_NOTE_MAX - 1] + "…"
            note = menu.addAction("ⓘ " + short)
            note.setToolTip(self._team_problem)
            note.setEnabled(False)
            menu.addSeparator()
        tree = self._category_tree()
        if tree.is_empty():
            empty = menu.addAction(t("ui.tray.no_phrases_check_your_packs"))
            empty.setEnabled(False)
        for top in tree.children(""):
            sub = add_submenu(menu, CategoryTree.leaf_name(top))
            sub.aboutToShow.connect(lambda sub=sub, top=top, tree=tree: self._fill(sub, tree, top))
        menu.addSeparator()
        recent = add_submenu(menu, t("ui.tray.recent"))
        recent.aboutToShow.connect(lambda recent=recent: self._fill_recent(recent))
        self._add_scripts(menu)
        menu.addSeparator()
        pause = menu.addAction(t("ui.tray.pause_hotkeys"))
        pause.setCheckable(True)
        pause.setChecked(self._paused)
        pause.toggled.connect(self.pause_toggled)
        login = menu.addAction(t("ui.tray.start_on_login"))
        login.setCheckable(True)
        login.setChecked(self._start_on_login)
        login.toggled.connect(self.start_on_login_toggled)
        menu.addAction(t("ui.tray.edit_my_phrases")).triggered.connect(self.editor_requested)
        menu.addAction(t("ui.tray.import_phrases")).triggered.connect(self.import_requested)
        stats = menu.addAction(text_of(msg("usage.tray_action")))
        stats.triggered.connect(self.stats_requested)
        if self._team_sync:
            sync = menu.addAction(t("ui.tray.sync_team_packs_now"))
            sync.triggered.connect(self.sync_requested)
            updates = menu.addAction(t("ui.tray.what_changed_in_team_packs"))
            updates.triggered.connect(self.updates_requested)
        menu.addAction(t("ui.tray.settings")).triggered.connect(self.settings_requested)
        menu.addAction(t("ui.tray.open_packs_folder")).triggered.connect(self.open_packs_folder)
        menu.addAction(t("ui.tray.reload")).triggered.connect(self.reload_requested)
        menu.addAction(t("ui.tray.about")).triggered.connect(self.about)
        menu.addSeparator()
        menu.addAction(t("ui.tray.quit")).triggered.connect(self.quit_requested)

    def _add_scripts(self, menu: QMenu) -> None:
        scripts = add_submenu(menu, t("ui.tray.talk_scripts"))
        listed = list(self._library.scripts())
        if not listed:
            scripts.addAction(t("ui.tray.no_talk_scripts")).setEnabled(False)
        for script in listed:
            label = f"{script.title}\t{len(script.steps)} " + t("ui.tray.steps")
            scripts.addAction(label).triggered.connect(lambda _=False, s=script: self._start(s))
        if self._script_label:
            stop = menu.addAction(t("ui.tray.stop_script") + f" ({self._script_label})")
            stop.triggered.connect(self.stop_script)

    def _fill(self, sub: QMenu, tree: CategoryTree, path: str) -> None:
        if sub.actions():
            return  # filled on first open; a rebuild replaces the whole menu
        fill_phrase_menu(sub, tree, path, self._choose, self._popup_combo)

    def _fill_recent(self, recent: QMenu) -> None:
        recent.clear()
        phrases = self._recent()
        if not phrases:
            recent.addAction(t("ui.tray.nothing_used_yet")).setEnabled(False)
        for phrase in phrases:
            recent.addAction(phrase.title).triggered.connect(lambda _=False, p=phrase: self._choose(p))

    # -- slots ----------------------------------------------------------------------------------------
    def _remember_target(self) -> None:
        try:
            window = self._active_window()
        except Exception:  # a barrier: the menu must open whatever the focus adapter does
            log.exception("tray: cannot read the active window")
            window = None
        self.target = None if window is None or is_own_window(window) else window
        log.debug("tray menu opened; target %s", self.target)

    def _choose(self, phrase: Phrase) -> None:
        self.phrase_chosen.emit(phrase, self.target)

    def _start(self, script: Script) -> None:
        self.script_chosen.emit(script)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click opens the same menu: agents expect a click on the tray icon to do something.
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.menu.popup(QCursor.pos())

    def open_packs_folder(self) -> None:
        try:
            self._packs_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = text_of(msg("general.os.at", path=str(self._packs_dir), reason=os_reason(exc)))
            self._notifier.notify(t("ui.tray.cannot_create_folder"), why, Level.ERROR)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._packs_dir))):
            self._notifier.notify(
                t("ui.tray.cannot_open_folder"),
                t("ui.tray.open_it_by_hand") + str(self._packs_dir),
                Level.WARNING,
            )

    def about(self) -> None:
        QMessageBox.about(
            None,
            t("ui.tray.about_quickreply"),
            t("ui.tray.quickreply_quick_phrases_and_talk").format(v=__version__, d=self._packs_dir),
        )


class FallbackWindow(QWidget):
    """Stands in for the tray icon on desktops without a system tray: status plus the same menu."""

    def __init__(self, menu: QMenu, status: str) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(t("ui.tray.quickreply"))
        self.setWindowIcon(app_icon())
        layout = QHBoxLayout(self)
        self.status = QLabel(status)
        button = QToolButton()
        button.setText(t("ui.tray.menu"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(menu)
        layout.addWidget(self.status, 1)
        layout.addWidget(button)
