"""A phrase's own hotkey (pastes it at once): the key-capture field and a clear button, stored as an
undoable edit of the phrase hotkeys that go to Settings.hotkeys.phrases on save."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from quickreply.gui.editor.context import EditorContext
from quickreply.gui.editor.undo import Focus
from quickreply.gui.hotkey_edit import HotkeyEdit
from quickreply.gui.i18n import t


class PhraseHotkey(QWidget):
    capturing = Signal(bool)  # the field is recording keys: the app pauses its global hotkeys

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._phrase_id = ""
        self._loading = False
        self.edit = HotkeyEdit()
        self.edit.combo_changed.connect(self._changed)
        self.edit.capturing.connect(self.capturing)
        clear = QToolButton()
        clear.setText("✕")
        clear.setToolTip(t("ui.editor.clear_the_hotkey"))
        clear.clicked.connect(lambda: self.edit.set_combo(""))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(clear)

    def show_phrase(self, phrase_id: str) -> None:
        self._phrase_id = phrase_id
        self._loading = True
        try:
            self.edit.set_combo(self._context.hotkey_of(phrase_id))
        finally:
            self._loading = False

    def set_combo(self, combo: str) -> None:
        """As if the keys of `combo` were pressed in the field ("" clears it)."""
        self.edit.set_combo(combo)

    def _changed(self, combo: str) -> None:
        if self._loading or not self._phrase_id:
            return
        pid = self._phrase_id
        pairs = [
            pair for pair in self._context.document.hotkeys if pair != (self._context.hotkey_of(pid), pid)
        ]
        if combo:
            pairs.append((combo, pid))
        label = t("ui.editor.set_hotkey") if combo else t("ui.editor.clear_hotkey")
        self._context.document.apply(label, hotkeys=tuple(pairs), focus=Focus("phrase", pid))
