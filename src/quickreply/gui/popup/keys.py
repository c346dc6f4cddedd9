"""The popup's keys: what the IME is still composing in the search box, the keys that move in the result
list, pick a row or close the popup, and the hint line that names them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView

from quickreply.gui.i18n import t
from quickreply.gui.popup.result_list import HINT_ROWS, ResultModel

_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, HINT_ROWS + 1)}
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def key_hints(list_shown: bool) -> str:
    """The popup's status line: the keys of the result list, or of the fill-in form."""
    if list_shown:
        return t("ui.popup.enter_paste_ctrl_enter_paste_2")
    return t("ui.popup.enter_paste_ctrl_enter_paste")


_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)


class SearchKeys(QObject):
    """Event filter of the search box. Enter picks the current row (Ctrl+Enter also sends), Alt+1–9 a
    numbered one, arrows/PageUp/PageDown/Home/End move, Esc closes; while the IME composes, every key is its
    own. `requery` runs the search again when only the composition changed (the text did not)."""

    def __init__(
        self,
        search: QLineEdit,
        results: QListView,
        model: ResultModel,
        pick: Callable[[int, bool], None],  # row, send
        dismiss: Callable[[], None],
        requery: Callable[[], None],
        parent: QObject | None = None,
        preview: Callable[[bool | None], bool] = lambda _show: False,
        pin: Callable[[int], None] | None = None,  # row: pin or unpin its phrase (Ctrl+D)
    ) -> None:
        super().__init__(parent)
        self.pin = pin
        self.search, self.results, self.model = search, results, model
        self.pick, self.dismiss, self.requery = pick, dismiss, requery
        # preview(None) toggles the full text of the selected row, preview(False) closes it; both say
        # whether it was open/changed (Esc closes the preview before it closes the popup).
        self.preview = preview
        self.composing = False  # an IME composition is open in the search box
        self.preedit = ""  # the pinyin being composed, without the IME's separators
        self.presses = 0  # keys pressed in the search box since the popup opened (usage statistics)
        search.installEventFilter(self)

    def reset(self) -> None:
        """Forget the composition and the key count (the popup is shown afresh)."""
        self.composing, self.preedit, self.presses = False, "", 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.search:
            return False
        if event.type() == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            self.preedit = "".join(ch for ch in event.preeditString() if ch not in "' ")
            self.composing = bool(event.preeditString())
            if not event.commitString():  # a commit edits the text, and textEdited runs the query
                QTimer.singleShot(0, self.requery)
            return False
        pressed = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if pressed and not event.isAutoRepeat() and event.key() not in _MODIFIER_KEYS:  # type: ignore[attr-defined]
            self.presses += 1
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or self.composing:
            return False  # while the IME composes, every key is its own
        return self._handle_key(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in _ENTER_KEYS:
            self.pick(self.results.currentIndex().row(), ctrl)
        elif key == Qt.Key.Key_Escape:
            if not self.preview(False):
                self.dismiss()
        elif key == Qt.Key.Key_Right and not mods and self.search.cursorPosition() == len(self.search.text()):
            self.preview(None)  # → at the end of the query: the keyboard's way to the full text
        elif key == Qt.Key.Key_D and ctrl and self.pin is not None:
            self.pin(self.results.currentIndex().row())
        elif key in _DIGIT_KEYS and mods & Qt.KeyboardModifier.AltModifier and not ctrl:
            self.pick(_DIGIT_KEYS[key] - 1, False)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._move(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            page = max(1, self.results.viewport().height() // max(1, self.results.sizeHintForRow(0)) - 1)
            self._move(-page if key == Qt.Key.Key_PageUp else page)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and (ctrl or not self.search.text()):
            # Home/End edit the query while there is one; Ctrl+Home/End always move in the list
            self._move(-self.model.rowCount() if key == Qt.Key.Key_Home else self.model.rowCount())
        else:
            return False
        return True

    def _move(self, delta: int) -> None:
        count = self.model.rowCount()
        if count:
            row = min(max(self.results.currentIndex().row() + delta, 0), count - 1)
            self.results.setCurrentIndex(self.model.index(row))
