"""The 编辑短语 window: the panes (browser.py), the toolbar, and the commands on phrases and scripts.

Nothing is written until 保存; everything before that is an undoable edit of the document. Saving is
refused while the pack checks find errors, and closing with unsaved edits asks first.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QPushButton, QVBoxLayout, QWidget

from quickreply.core.model import Layer, Library, Phrase, Script
from quickreply.core.personal import PersonalLibrary, copy_to_personal
from quickreply.core.settings.model import Settings
from quickreply.gui.editor import dialogs, saving
from quickreply.gui.editor import pack_edits as edits
from quickreply.gui.editor.browser import Browser
from quickreply.gui.editor.context import PERSONAL, EditorContext, Pins
from quickreply.gui.editor.problems_panel import ProblemsPanel
from quickreply.gui.editor.undo import EditorDocument, Focus
from quickreply.gui.i18n import t
from quickreply.gui.icons import app_icon
from quickreply.gui.qt_style import COLORS, ui_font

# Up to this many phrases (a typical personal library) every keystroke is checked at once (< 20 ms);
# a larger library is checked when typing pauses for CHECK_PAUSE_MS (2,000 phrases: ~60 ms a check).
SYNC_CHECK_PHRASES = 400
CHECK_PAUSE_MS = 250
STYLE = f"""
#banner {{ background: #fffbe6; border: 1px solid #ffe58f; border-radius: 6px; }}
#preview {{ background: #fafbfc; border: 1px solid {COLORS.border}; border-radius: 6px; }}
*[locked="true"] {{ background: #f5f6f7; color: #5c6370; }}
"""


FRAME_MARGIN = 40  # title bar and borders the window manager adds around the client area


def fit_size(wanted: QSize, available: QRect) -> QSize:
    """`wanted`, made smaller where the screen's free area (without the taskbar) cannot hold it with its
    frame: on a 1366×768 laptop the editor opens 1280×688, not taller than the screen."""
    return QSize(
        min(wanted.width(), available.width() - FRAME_MARGIN // 2),
        min(wanted.height(), available.height() - FRAME_MARGIN),
    )


class EditorWindow(QMainWindow):
    personal_saved = Signal(object)  # the personal Pack as now on disk: the app reloads its library
    # (settings before, settings with new phrase hotkeys): the app saves the change and applies it
    settings_changed = Signal(object, object)
    capturing = Signal(bool)  # a hotkey field has focus: the app pauses its global hotkeys meanwhile
    pins_changed = Signal()  # a phrase was pinned or unpinned (★): the app saves usage.json

    def __init__(
        self, library: Library, personal: PersonalLibrary, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.personal = personal
        pack, problems = personal.load()
        self.load_problems = problems  # shown until the next save; errors there mean phrases were left out
        self.document = EditorDocument(pack, tuple(settings.hotkeys.phrases.items()), self)
        self.saved_hotkeys = self.document.hotkeys  # what Settings had: a save sends only my changes
        self.context = EditorContext(self.document, library.packs, settings)
        self.setFont(ui_font(14))
        self.setWindowIcon(app_icon())
        self.setStyleSheet(STYLE)
        self.resize(fit_size(QSize(1280, 780), self.screen().availableGeometry()))
        self.browser = Browser(self.context)
        self.tree, self.phrases, self.scripts = self.browser.tree, self.browser.phrases, self.browser.scripts
        self.form, self.script_editor = self.browser.form, self.browser.script_editor
        self.problems = ProblemsPanel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.problems)
        self.setCentralWidget(central)
        self.commands: dict[str, QAction] = {}
        self._build_actions()
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_PAUSE_MS)
        self._check_timer.timeout.connect(self._checked)
        self.form.copy_requested.connect(self.copy_to_mine)
        self.form.open_copy_requested.connect(lambda pid: self.show_item("phrase", pid))
        self.form.delete_requested.connect(self.delete_phrase)
        self.form.capturing.connect(self.capturing)
        self.form.pins_changed.connect(self.pins_changed)
        self.script_editor.delete_requested.connect(self.delete_script)
        self.problems.item_requested.connect(self._go_to_item)
        delete = QShortcut(
            QKeySequence.StandardKey.Delete, self.phrases.view, context=Qt.ShortcutContext.WidgetShortcut
        )
        delete.activated.connect(self._delete_selected)
        self.document.changed.connect(self._changed)
        self.document.stack.cleanChanged.connect(self._update_title)
        self.repair_button = QPushButton(t("ui.editor.fix_and_restore_2"))
        self.repair_button.clicked.connect(self.repair_library)
        self.statusBar().addPermanentWidget(self.repair_button)
        self.repair_button.setVisible(any(p.code and p.code.code == "personal.fixable" for p in problems))
        self._changed(Focus(""))
        self.tree.select(PERSONAL)

    def _build_actions(self) -> None:
        bar = self.addToolBar(t("ui.editor.edit"))
        bar.setMovable(False)
        stack = self.document.stack
        for key, text, keys, slot in (
            ("new_phrase", t("ui.editor.new_phrase"), ["Ctrl+N"], self.new_phrase),
            ("new_script", t("ui.editor.new_script"), [], self.new_script),
            ("save", t("ui.editor.save"), ["Ctrl+S"], self.save),
            ("undo", t("ui.editor.undo"), ["Ctrl+Z"], stack.undo),
            ("redo", t("ui.editor.redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], stack.redo),
            ("import", t("ui.editor.import"), [], lambda: self.import_file()),
            ("restore", t("ui.editor.restore_from_backup_2"), [], self.restore_backup),
        ):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            if keys:
                action.setToolTip(t("ui.editor.command_and_keys", command=text, keys=keys[0]))
            action.triggered.connect(slot)
            self.commands[key] = action
            self.addAction(action)
            bar.addAction(action)
            if key in ("new_script", "redo"):
                bar.addSeparator()
        stack.canUndoChanged.connect(self.commands["undo"].setEnabled)
        stack.canRedoChanged.connect(self.commands["redo"].setEnabled)
        stack.undoTextChanged.connect(lambda s: self.commands["undo"].setToolTip(t("ui.editor.undo_2") + s))
        stack.redoTextChanged.connect(lambda s: self.commands["redo"].setToolTip(t("ui.editor.redo_2") + s))
        self.commands["undo"].setEnabled(False)
        self.commands["redo"].setEnabled(False)

    # -- refreshing ---------------------------------------------------------------------------------
    def _changed(self, focus: Focus) -> None:
        if len(self.document.pack.phrases) <= SYNC_CHECK_PHRASES:
            self.context.revalidate()
        else:
            self._check_timer.start()  # checked once typing pauses; saving checks again anyway
        self.browser.follow(focus)
        self._show_problems()

    def _checked(self) -> None:
        self.context.revalidate()
        self.browser.follow(Focus(""))
        self._show_problems()

    def retranslate(self) -> None:
        """The UI language changed (gui/i18n.py): the findings are worded again."""
        self._checked()

    def _show_problems(self) -> None:
        extra = saving.load_findings(self.load_problems)
        self.problems.show_report(self.context.report, self.context.titles(), extra)
        self._update_title()

    def _update_title(self) -> None:
        dirty = self.document.is_dirty()
        self.setWindowTitle(("● " if dirty else "") + t("ui.editor.edit_phrases_quickreply"))
        errors = len(self.context.report.errors())
        if errors:
            self.statusBar().showMessage(t("ui.editor.problems_to_fix", errors=errors))
        elif dirty:
            self.statusBar().showMessage(t("ui.editor.unsaved_changes_ctrl_s_saves"))
        else:
            self.statusBar().clearMessage()

    def show_item(self, kind: str, item_id: str) -> None:
        """Select and show one of my phrases ("phrase") or scripts ("script")."""
        self.browser.show_item(kind, item_id)

    def _go_to_item(self, item_id: str) -> None:
        kind = "script" if any(s.id == item_id for s in self.document.pack.scripts) else "phrase"
        self.show_item(kind, item_id)

    # -- commands on phrases and scripts ------------------------------------------------------------
    def _new_category(self) -> str:
        node = self.tree.current_node()
        return node.path if node.scope == "personal" and node.path else t("ui.editor.uncategorised")

    def new_phrase(self) -> Phrase:
        pack = self.document.pack
        taken = {p.id for p in pack.phrases} | {p.id for o in self.context.others for p in o.phrases}
        phrase = Phrase(
            id=edits.new_id("my", taken),
            category=self._new_category(),
            title=t("ui.editor.new_phrase_2"),
            text="",
            pack_id=pack.id,
        )
        label = t("ui.editor.new_phrase")
        self.document.apply(label, pack=edits.put_phrase(pack, phrase), focus=Focus("phrase", phrase.id))
        self.form.title.setFocus()
        self.form.title.selectAll()
        return phrase

    def new_script(self) -> Script:
        pack = self.document.pack
        script = Script(
            id=edits.new_id("my.script", {s.id for s in pack.scripts}),
            title=t("ui.editor.new_script_2"),
            category=self._new_category(),
            steps=(),
            pack_id=pack.id,
        )
        label = t("ui.editor.new_script")
        self.document.apply(label, pack=edits.put_script(pack, script), focus=Focus("script", script.id))
        return script

    def delete_phrase(self, phrase_id: str, ask: bool = True) -> None:
        pack = self.document.pack
        users = edits.scripts_using(pack, phrase_id)
        if ask and users:
            names = "、".join(f"“{s.title}”" for s in users)
            text = t("ui.editor.scripts_use_this_phrase_those", names=names)
            if not dialogs.confirm(self, t("ui.editor.delete_phrase"), text, t("ui.editor.delete")):
                return
        hotkeys = tuple(pair for pair in self.document.hotkeys if pair[1] != phrase_id)
        pack = edits.delete_phrase(pack, phrase_id)
        focus = Focus("phrase", phrase_id)  # undo shows it again
        self.document.apply(t("ui.editor.delete_phrase"), pack=pack, hotkeys=hotkeys, focus=focus)

    def _delete_selected(self) -> None:
        row = self.phrases.current_row()
        if row is not None and row.layer is Layer.PERSONAL:
            self.delete_phrase(row.phrase.id)

    def delete_script(self, script_id: str) -> None:
        pack = edits.delete_script(self.document.pack, script_id)
        self.document.apply(t("ui.editor.delete_script"), pack=pack, focus=Focus("script", script_id))

    def copy_to_mine(self, phrase_id: str) -> None:
        """复制到我的短语: a personal copy with the same id, used from now on instead of the team one."""
        if self.context.personal_phrase(phrase_id) is not None:
            self.show_item("phrase", phrase_id)
            return
        source = next((p for p in self.context.others if any(x.id == phrase_id for x in p.phrases)), None)
        row = self.phrases.current_row()
        if row is not None and row.phrase.id == phrase_id and row.layer is not Layer.PERSONAL:
            source = self.context.pack(row.phrase.pack_id) or source  # the pack the agent is looking at
        phrase = next((p for p in source.phrases if p.id == phrase_id), None) if source else None
        if phrase is None:
            return
        pack = copy_to_personal(self.document.pack, phrase, source)
        self.document.apply(t("ui.editor.copy_to_my_phrases"), pack=pack, focus=Focus("phrase", phrase_id))

    # -- files (saving.py) and the app --------------------------------------------------------------
    def save(self) -> bool:
        """Save my phrases (and phrase hotkeys); False, with the reason shown, when not saved."""
        return saving.save(self)

    def restore_backup(self) -> None:
        saving.restore(self)

    def import_file(self, path: str | None = None) -> None:
        saving.import_into(self, path)

    def repair_library(self) -> bool:
        """The library file set aside at open, its IME slips fixed, made the library again (undoable)."""
        kept = self.personal.unreadable()
        if not kept or not saving.repair_from(self, kept[0]):
            return False
        self.repair_button.hide()
        return True

    def set_library(self, library: Library) -> None:
        """New team or bundled packs (after a sync); the edits in progress are kept."""
        self.context.set_others(library.packs)
        self._changed(Focus(""))

    def set_pins(self, pins: Pins) -> None:
        """The agent's pins (usage.json): the form shows ★ 置顶 for every phrase."""
        self.context.pins = pins
        self.form.show_pin()

    def set_settings(self, settings: Settings) -> None:
        """Settings changed elsewhere (profile for the preview, hotkeys for the conflict check)."""
        self.context.settings = settings
        self._changed(Focus(""))

    def closeEvent(self, event: QCloseEvent) -> None:
        if saving.may_close(self):
            event.accept()
        else:
            event.ignore()
