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
from quickreply.core.messages import msg, render
from quickreply.core.model import Library, Phrase, Script
from quickreply.core.ports import Window
from quickreply.gui.hotkey_edit import pretty
from quickreply.gui.i18n import language, tr
from quickreply.gui.icons import TrayState, app_icon, tray_icon
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.own_windows import is_own_window
from quickreply.gui.tray.menu import CategoryTree, add_submenu, fill_phrase_menu

log = logging.getLogger(__name__)
TOOLTIP_MAX = 120  # Windows cuts tray tooltips at 127 characters
MENU_NOTE_MAX = 40


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

    # -- what the app tells the tray ------------------------------------------------------------
    def set_library(self, library: Library) -> None:
        self._library = library
        self.rebuild()

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
        name = tr("快捷回复", "QuickReply")
        if self._state is TrayState.PAUSED:
            text = f"{name} — " + tr("快捷键已暂停", "hotkeys paused")
        elif self._state is TrayState.UNAVAILABLE:
            text = f"{name} — " + tr("快捷键不可用：", "hotkeys unavailable: ") + self._detail
        elif self._popup_combo:
            hint = tr("按 {k} 搜索短语", "press {k} to search")
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
            text = tr("快捷键不可用：", "Hotkeys unavailable: ") + self._detail
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
        tree = CategoryTree(self._library)
        if tree.is_empty():
            empty = menu.addAction(tr("（没有短语：请检查短语包）", "(no phrases: check your packs)"))
            empty.setEnabled(False)
        for top in tree.children(""):
            sub = add_submenu(menu, CategoryTree.leaf_name(top))
            sub.aboutToShow.connect(lambda sub=sub, top=top, tree=tree: self._fill(sub, tree, top))
        menu.addSeparator()
        recent = add_submenu(menu, tr("最近使用", "Recent"))
        recent.aboutToShow.connect(lambda recent=recent: self._fill_recent(recent))
        self._add_scripts(menu)
        menu.addSeparator()
        pause = menu.addAction(tr("暂停快捷键", "Pause hotkeys"))
        pause.setCheckable(True)
        pause.setChecked(self._paused)
        pause.toggled.connect(self.pause_toggled)
        login = menu.addAction(tr("开机自动启动", "Start on login"))
        login.setCheckable(True)
        login.setChecked(self._start_on_login)
        login.toggled.connect(self.start_on_login_toggled)
        menu.addAction(tr("编辑我的短语…", "Edit my phrases…")).triggered.connect(self.editor_requested)
        menu.addAction(tr("导入短语…", "Import phrases…")).triggered.connect(self.import_requested)
        stats = menu.addAction(render(msg("usage.tray_action"), language()))
        stats.triggered.connect(self.stats_requested)
        if self._team_sync:
            sync = menu.addAction(tr("立即同步团队短语", "Sync team packs now"))
            sync.triggered.connect(self.sync_requested)
            updates = menu.addAction(tr("团队短语更新了什么…", "What changed in team packs…"))
            updates.triggered.connect(self.updates_requested)
        menu.addAction(tr("设置…", "Settings…")).triggered.connect(self.settings_requested)
        menu.addAction(tr("打开短语包文件夹", "Open packs folder")).triggered.connect(self.open_packs_folder)
        menu.addAction(tr("重新加载", "Reload")).triggered.connect(self.reload_requested)
        menu.addAction(tr("关于", "About")).triggered.connect(self.about)
        menu.addSeparator()
        menu.addAction(tr("退出", "Quit")).triggered.connect(self.quit_requested)

    def _add_scripts(self, menu: QMenu) -> None:
        scripts = add_submenu(menu, tr("话术流程", "Talk scripts"))
        listed = list(self._library.scripts())
        if not listed:
            scripts.addAction(tr("（没有话术流程）", "(no talk scripts)")).setEnabled(False)
        for script in listed:
            label = f"{script.title}\t{len(script.steps)} " + tr("步", "steps")
            scripts.addAction(label).triggered.connect(lambda _=False, s=script: self._start(s))
        if self._script_label:
            stop = menu.addAction(tr("停止话术", "Stop script") + f" ({self._script_label})")
            stop.triggered.connect(self.stop_script)

    def _fill(self, sub: QMenu, tree: CategoryTree, path: str) -> None:
        if sub.actions():
            return  # filled on first open; a rebuild replaces the whole menu
        fill_phrase_menu(sub, tree, path, self._choose, self._popup_combo)

    def _fill_recent(self, recent: QMenu) -> None:
        recent.clear()
        phrases = self._recent()
        if not phrases:
            recent.addAction(tr("（还没有用过短语）", "(nothing used yet)")).setEnabled(False)
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
            self._notifier.notify(
                tr("无法创建文件夹", "Cannot create folder"), f"{self._packs_dir}: {exc}", Level.ERROR
            )
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._packs_dir))):
            self._notifier.notify(
                tr("无法打开文件夹", "Cannot open folder"),
                tr("请手动打开：", "Open it by hand: ") + str(self._packs_dir),
                Level.WARNING,
            )

    def about(self) -> None:
        QMessageBox.about(
            None,
            tr("关于快捷回复", "About QuickReply"),
            tr(
                "快捷回复 {v}\n客服快捷短语与话术流程：按快捷键搜索短语，回车即粘贴到聊天窗口。\n"
                "短语包文件夹：{d}",
                "QuickReply {v}\nQuick phrases and talk scripts for customer service: press the hotkey, "
                "search, Enter pastes into the chat.\nPacks folder: {d}",
            ).format(v=__version__, d=self._packs_dir),
        )


class FallbackWindow(QWidget):
    """Stands in for the tray icon on desktops without a system tray: status plus the same menu."""

    def __init__(self, menu: QMenu, status: str) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(tr("快捷回复", "QuickReply"))
        self.setWindowIcon(app_icon())
        layout = QHBoxLayout(self)
        self.status = QLabel(status)
        button = QToolButton()
        button.setText(tr("菜单", "Menu"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(menu)
        layout.addWidget(self.status, 1)
        layout.addWidget(button)
