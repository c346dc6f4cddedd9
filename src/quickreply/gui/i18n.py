"""The GUI's language: every string it shows comes from the one catalogue (`core/messages`), switchable at
run time.

- `t("ui.tray.quit")` (or `t(code, n=3)`) renders a catalogue code in the current language. The GUI's own
  codes are `ui.<area>.<what>` in `core/messages/ui_*.py`, beside core's problems and outcomes, so the
  completeness test that checks core's codes (both languages, the same arguments) checks the GUI's too.
- `text_of(message)` renders a core `Message` or a `Texts` pair (wording that comes with data, such as a rule
  file) the same way.
- `set_language(lang)` switches, and re-renders every open window in place: each text a widget shows that
  was rendered here (a label, button, title, tooltip, placeholder, menu action, tab, header, combo or list
  item) is looked up by its exact wording and set again in the new language; then every widget with a
  `retranslate()` method is called, for texts it builds from pieces (a status line with counts, a
  tooltip that joins a name and a state). User data (phrase titles, edited text) is never rendered here,
  so it is never matched; editable text (line edits, text edits) is not looked at at all.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import Any

from quickreply.core.messages import LANGUAGES, Message, Texts, msg, normalise_language

__all__ = [
    "LANGUAGES",
    "again",
    "language",
    "on_language_change",
    "retranslate_widgets",
    "set_language",
    "t",
    "text_of",
]

_language = "zh_CN"
_previous = "zh_CN"  # the language before the last switch: `again` re-renders texts kept from then
# wording → what rendered it, per language: filled as texts are rendered, read when the language switches
_shown: dict[str, dict[str, Message | Texts]] = {lang: {} for lang in LANGUAGES}
_SHOWN_MAX = 20_000  # texts with arguments (counts, names) add entries; the oldest go first


def language() -> str:
    return _language


def text_of(value: Message | Texts) -> str:
    """A message (or a data-borne pair) in the current UI language, remembered for a language switch."""
    if len(_shown[_language]) >= _SHOWN_MAX:
        for shown in _shown.values():
            for key in list(shown)[: _SHOWN_MAX // 2]:
                del shown[key]
    for lang, shown in _shown.items():
        shown.setdefault(value.render(lang), value)
    return value.render(_language)


def t(code: str, /, **args: Any) -> str:
    """The catalogue text of `code` (`ui.<area>.<what>`, or any core code) in the current UI language."""
    shown = _shown[_language]
    # an argument that is itself a rendered text (a layer's name) follows the language too
    return text_of(msg(code, **{k: shown.get(v, v) if isinstance(v, str) else v for k, v in args.items()}))


text = t  # the name some call sites used before issue 9's switch: the same function


def set_language(lang: str) -> None:
    """Switch the UI language; open windows are re-rendered at once (no restart)."""
    global _language, _previous
    new = normalise_language(lang) if lang in LANGUAGES else "zh_CN"
    old, _language = _language, new
    if old != new:
        _previous = old
        retranslate_widgets(old, new)


def again(value: str) -> str:
    """A text kept from before the last switch (a tray state's reason), in the current language: the
    same text when it was not rendered here (user data, an OS error)."""
    found = _shown[_previous].get(value)
    return value if found is None or _previous == _language else found.render(_language)


# -- re-rendering open windows ---------------------------------------------------------------------------

FIXED_TITLE = "quickreplyFixedTitle"  # a widget property: its window title is a name, never translated
_hooks: weakref.WeakSet[Any] = weakref.WeakSet()


def on_language_change(owner: Any) -> None:
    """Call `owner.retranslate()` after every switch while `owner` lives (for a non-widget such as the
    tray, which owns a menu; widgets with a `retranslate()` method are found without this)."""
    _hooks.add(owner)


def _again(old: str, new: str) -> Callable[[str], str | None]:
    shown = _shown[old]

    def again(value: str) -> str | None:
        found = shown.get(value)
        return None if found is None else found.render(new)

    return again


def retranslate_widgets(old: str, new: str) -> None:
    """Every live widget's texts rendered in `old` are set again in `new`; then `retranslate()` hooks."""
    try:
        from PySide6.QtCore import QAbstractListModel, Qt
        from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
    except ImportError:  # pragma: no cover - the GUI is not loaded: nothing is shown
        return
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    again = _again(old, new)
    widgets: list[QWidget] = []
    for top in app.topLevelWidgets():
        widgets.append(top)
        widgets.extend(top.findChildren(QWidget))
    for widget in widgets:
        _retranslate_one(widget, again)
        if isinstance(widget, QAbstractItemView):  # models that render at paint time: paint again
            model = widget.model()
            if model is not None:
                columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
                model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, columns - 1))
            widget.viewport().update()
    for widget in widgets:
        hook = getattr(widget, "retranslate", None)
        if callable(hook):
            hook()
    for owner in list(_hooks):
        owner.retranslate()


def _retranslate_one(widget: Any, again: Callable[[str], str | None]) -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QMenu,
        QPlainTextEdit,
        QTableWidget,
        QTabWidget,
        QTextEdit,
        QTreeWidget,
    )

    def swap(get: Callable[..., str], put: Callable[..., None], *at: int) -> None:
        """`put(*at, new)` when `get(*at)` is a text rendered here in the old language."""
        value = get(*at)
        if value:
            new = again(value)
            if new is not None and new != value:
                put(*at, new)

    if not widget.property(FIXED_TITLE):
        swap(widget.windowTitle, widget.setWindowTitle)
    swap(widget.toolTip, widget.setToolTip)
    swap(widget.statusTip, widget.setStatusTip)
    if isinstance(widget, QLabel | QAbstractButton):
        swap(widget.text, widget.setText)
    if isinstance(widget, QGroupBox):
        swap(widget.title, widget.setTitle)
    if isinstance(widget, QMenu):
        swap(widget.title, widget.setTitle)
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QComboBox):
        swap(widget.placeholderText, widget.setPlaceholderText)
    for action in widget.actions():
        swap(action.text, action.setText)
        swap(action.toolTip, action.setToolTip)
        swap(action.iconText, action.setIconText)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            swap(widget.tabText, widget.setTabText, i)
            swap(widget.tabToolTip, widget.setTabToolTip, i)
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            swap(widget.itemText, widget.setItemText, i)
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for c in range(header.columnCount()):
            swap(header.text, header.setText, c)
        for item in _tree_items(widget):
            for c in range(item.columnCount()):
                swap(item.text, item.setText, c)
                swap(item.toolTip, item.setToolTip, c)
    elif isinstance(widget, QListWidget):
        for i in range(widget.count()):
            item = widget.item(i)
            swap(item.text, item.setText)
            swap(item.toolTip, item.setToolTip)
    elif isinstance(widget, QTableWidget):
        for c in range(widget.columnCount()):
            cell = widget.horizontalHeaderItem(c)
            if cell is not None:
                swap(cell.text, cell.setText)
    elif isinstance(widget, QAbstractItemView) and isinstance(widget.model(), QStandardItemModel):
        model = widget.model()
        assert isinstance(model, QStandardItemModel)
        for c in range(model.columnCount()):
            head = model.horizontalHeaderItem(c)
            if head is not None:
                swap(head.text, head.setText)


def _tree_items(tree: Any) -> Iterator[Any]:
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.child(i) for i in range(item.childCount()))
