"""The editor's questions to the agent, in one place: small modal prompts (tests replace these functions)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from quickreply.gui.i18n import t


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """The text typed, or None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def choose(parent: QWidget | None, title: str, label: str, options: list[str]) -> int | None:
    """The index of the option picked, or None when cancelled."""
    value, ok = QInputDialog.getItem(parent, title, label, options, 0, False)
    return options.index(value) if ok and value in options else None


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(t("ui.editor.cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is ok


def ask_save_path(parent: QWidget | None, title: str, name: str) -> str:
    """A file path picked to save to ("" when cancelled)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, name, "TOML (*.toml)")
    return path


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask_unsaved(parent: QWidget | None) -> str:
    """ "save", "discard" or "cancel" for closing with unsaved changes."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        t("ui.editor.unsaved_changes"),
        t("ui.editor.your_phrases_have_unsaved_changes"),
        parent=parent,
    )
    save = box.addButton(t("ui.editor.save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(t("ui.editor.don_t_save"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(t("ui.editor.cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"
