"""A key-capture field: press the combo you want and it shows as text, in settings.toml's own spelling."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from quickreply.core.hotkeys import ComboError, display_combo, normalize_combo
from quickreply.gui.i18n import t

_MODIFIER_KEYS = {
    Qt.Key.Key_Control,
    Qt.Key.Key_Shift,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_AltGr,
}
_NAMED = {
    Qt.Key.Key_Space: "space",
    Qt.Key.Key_Return: "enter",
    Qt.Key.Key_Enter: "enter",
    Qt.Key.Key_Tab: "tab",
    Qt.Key.Key_Insert: "insert",
    Qt.Key.Key_Delete: "delete",
    Qt.Key.Key_Home: "home",
    Qt.Key.Key_End: "end",
    Qt.Key.Key_PageUp: "page_up",
    Qt.Key.Key_PageDown: "page_down",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Pause: "pause",
    Qt.Key.Key_Print: "print_screen",
    Qt.Key.Key_Menu: "menu",
}
_SHIFT = Qt.KeyboardModifier.ShiftModifier
# Shift+digit arrives as the shifted symbol on a US layout; the hotkey is still about the digit key.
_SHIFTED_DIGITS = dict(zip(")!@#$%^&*(", "0123456789", strict=True))


def combo_from_event(key: int, modifiers: Qt.KeyboardModifier, text: str = "") -> str:
    """ "ctrl+alt+space"-style text for a key press, or "" for a lone modifier or an unknown key."""
    if key in _MODIFIER_KEYS:
        return ""
    name = _key_name(key, text)
    if not name:
        return ""
    parts = [
        label
        for flag, label in (
            (Qt.KeyboardModifier.ControlModifier, "ctrl"),
            (Qt.KeyboardModifier.AltModifier, "alt"),
            (Qt.KeyboardModifier.ShiftModifier, "shift"),
            (Qt.KeyboardModifier.MetaModifier, "win"),
        )
        if modifiers & flag
    ]
    return "+".join([*parts, name])


def _key_name(key: int, text: str) -> str:
    if Qt.Key.Key_F1 <= key <= Qt.Key.Key_F24:
        return f"f{key - Qt.Key.Key_F1 + 1}"
    if Qt.Key.Key_A <= key <= Qt.Key.Key_Z or Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return chr(key).lower()
    if key in _NAMED:
        return _NAMED[Qt.Key(key)]
    if len(text) == 1 and text in _SHIFTED_DIGITS:
        return _SHIFTED_DIGITS[text]
    if 0x20 < key < 0x7F:  # punctuation keys such as "/" or "`"
        return chr(key)
    return ""


def pretty(combo: str) -> str:
    """How a combo reads on screen: "ctrl+alt+space" -> "Ctrl+Alt+Space"."""
    return display_combo(combo) if combo else ""


class HotkeyEdit(QLineEdit):
    """Read-only line that records the next key combo pressed in it. Backspace alone clears it."""

    combo_changed = Signal(str)
    capturing = Signal(bool)  # True while focused: the app ignores its own global hotkeys meanwhile

    def __init__(self, combo: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlaceholderText(t("ui.common.click_here_then_press_the"))
        self.setToolTip(t("ui.common.press_backspace_to_clear"))
        self._combo = ""
        self.set_combo(combo)

    def combo(self) -> str:
        return self._combo

    def set_combo(self, combo: str) -> None:
        """Show `combo`: stored in normal form when valid, as written when not (the dialog flags it)."""
        try:
            combo = normalize_combo(combo) if combo.strip() else ""
        except ComboError:
            combo = combo.strip()
        if combo == self._combo and self.text():
            return
        self._combo = combo
        self.setText(pretty(combo))
        self.combo_changed.emit(combo)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_Backspace and modifiers == Qt.KeyboardModifier.NoModifier:
            self.set_combo("")
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape) and not modifiers & ~_SHIFT:
            event.ignore()  # Tab moves between fields, Esc closes the dialog: never captured
            return
        combo = combo_from_event(key, modifiers, event.text())
        if combo:
            self.set_combo(combo)
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.capturing.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.capturing.emit(False)
