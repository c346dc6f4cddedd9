"""The phrase editor window and the import dialog (tray menu: 编辑短语… and 导入…).

editor = open_editor(library, personal, settings)
editor.personal_saved.connect(...)    # the personal Pack now on disk: reload the library
editor.settings_changed.connect(...)  # (before, with new phrase hotkeys): save the change and apply
editor.capturing.connect(...)         # True while a hotkey field records keys: pause global hotkeys
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from quickreply.core.model import Library
from quickreply.core.personal import PersonalLibrary
from quickreply.core.settings.model import Settings
from quickreply.gui.editor.window import EditorWindow

__all__ = ["EditorWindow", "open_editor", "open_import"]

_open: list[EditorWindow] = []  # the editor on screen, if any: a second 编辑短语 raises it


def open_editor(
    library: Library, personal: PersonalLibrary, settings: Settings, parent: QWidget | None = None
) -> EditorWindow:
    """Show the editor (the one already open, if any, brought to the front) and return it."""
    if _open and _open[0].isVisible():
        editor = _open[0]
    else:
        editor = EditorWindow(library, personal, settings, parent)
        _open[:] = [editor]
    editor.show()
    editor.raise_()
    editor.activateWindow()
    return editor


def open_import(
    library: Library,
    personal: PersonalLibrary,
    settings: Settings,
    path: str | None = None,
    parent: QWidget | None = None,
) -> EditorWindow:
    """导入…: open the editor, then its import dialog (with `path` already read, when given)."""
    editor = open_editor(library, personal, settings, parent)
    QTimer.singleShot(0, lambda: editor.import_file(path))  # after the tray menu's own event has finished
    return editor
