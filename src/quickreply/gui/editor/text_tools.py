"""Helpers for the text fields: the live preview, the 插入占位符 menu, and undo keys that reach the window."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QMenu, QTextEdit, QWidget

from quickreply.core.model import Placeholder
from quickreply.core.settings.model import Profile
from quickreply.core.template import BUILTINS, builtin_values, names_and_problems, render_partial
from quickreply.gui.blank_marks import builtin_label, filled, marked_html, missing
from quickreply.gui.editor import dialogs
from quickreply.gui.i18n import language, t


def preview_html(text: str, values: Mapping[str, str], labels: Mapping[str, str]) -> str:
    """`text` rendered with `values`; blanks without a value are shown highlighted, by label."""
    names, _ = names_and_problems(text)
    marked = {}
    for name in names:
        marked[name] = filled(values[name]) if values.get(name) else missing(labels.get(name) or name)
    return marked_html(render_partial(text, marked))


class Preview(QTextEdit):
    """The live preview: the text as it will paste, with the profile's values and the blanks' defaults."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("preview")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(50)
        self.setMaximumHeight(120)

    def show_text(self, text: str, profile: Profile, declared: Sequence[Placeholder]) -> None:
        values = builtin_values(profile.shop, profile.agent, datetime.now(), None, language())
        labels = {name: builtin_label(name) for name in BUILTINS}
        for decl in declared:
            labels.setdefault(decl.name, decl.label or decl.name)
            if decl.default:
                values.setdefault(decl.name, decl.default)
        self.setHtml(preview_html(text, values, labels))


def placeholder_menu(
    parent: QWidget, declared: Callable[[], Sequence[Placeholder]], insert: Callable[[str], None]
) -> QMenu:
    """Built-in blanks, then the pack's declared ones (asked for when pasting), then a free name."""
    menu = QMenu(parent)

    def fill() -> None:
        menu.clear()
        title = menu.addAction(t("ui.editor.filled_in_automatically"))
        title.setEnabled(False)
        for name in BUILTINS:
            action = menu.addAction(f"{builtin_label(name)}\t{{{name}}}")
            action.triggered.connect(lambda _=False, n=name: insert(n))
        own = [d for d in declared() if d.name not in BUILTINS]
        if own:
            menu.addSeparator()
            title = menu.addAction(t("ui.editor.asked_when_pasting"))
            title.setEnabled(False)
            for decl in own:
                action = menu.addAction(f"{decl.label or decl.name}\t{{{decl.name}}}")
                action.triggered.connect(lambda _=False, n=decl.name: insert(n))
        menu.addSeparator()
        other = menu.addAction(t("ui.editor.another_blank"))
        other.triggered.connect(lambda: _ask_name(parent, insert))

    menu.aboutToShow.connect(fill)
    fill()
    return menu


def _ask_name(parent: QWidget, insert: Callable[[str], None]) -> None:
    label = t("ui.editor.name_e_g_city_asked")
    name = dialogs.ask_text(parent, t("ui.editor.insert_placeholder"), label)
    if name is None:
        return
    name = name.strip().strip("{}").strip()
    if not name.isidentifier():
        dialogs.warn(
            parent,
            t("ui.editor.invalid_name"),
            t("ui.editor.use_letters_digits_and"),
        )
        return
    insert(name)


def line_edit_of(combo: QComboBox) -> QLineEdit:
    """The text field of an editable combo box."""
    line = combo.lineEdit()
    if line is None:
        raise ValueError("the combo box is not editable")
    return line


class UndoKeysToWindow(QObject):
    """Text fields keep their own undo history and take Ctrl+Z first; this hands those keys to the
    window's undo stack instead, so one Ctrl+Z always undoes the last edit, in any field."""

    _KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination().toCombined()
            if any(event.matches(key) for key in self._KEYS) or combo == _CTRL_SHIFT_Z:
                event.ignore()  # not taken by the field: the window's shortcut fires
                return True
        return False


_CTRL_SHIFT_Z = QKeySequence("Ctrl+Shift+Z")[0].toCombined()  # type: ignore[index]
