"""Switching 界面语言 re-renders every open window at once: popup, tray menu, editor, settings dialog.

The library and profile are ASCII, so any Chinese left after switching to English is a UI string that
was not re-rendered; switching back must give exactly the texts first shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from quickreply.core.model import Library, Pack, Phrase, Script, Step
from quickreply.core.personal import PersonalLibrary
from quickreply.core.search.index import SearchIndex
from quickreply.core.settings.model import Profile, Settings
from quickreply.gui import i18n
from quickreply.gui.editor import EditorWindow
from quickreply.gui.notify import Notifier
from quickreply.gui.popup.window import Popup
from quickreply.gui.settings.dialog import SettingsDialog
from quickreply.gui.tray.icon import Tray
from quickreply.paths import app_paths

CJK = re.compile(r"[\u4e00-\u9fff]")
LANGUAGE_NAMES = {"简体中文"}
PHRASES = (
    Phrase(id="hello", category="welcome", title="Hello", text="Hello, this is {shop}"),
    Phrase(
        id="ship", category="shipping/fast", title="Ships today", text="It ships in {days} days", code="sh"
    ),
)
STEPS = (Step(title="Calm", text="Sorry about that"), Step(title="Close", text="Thanks"))
LIBRARY = Library(
    packs=(
        Pack(
            id="t",
            name="team",
            version="1",
            phrases=PHRASES,
            scripts=(Script(id="s", title="Six steps", category="after", steps=STEPS),),
        ),
    )
)
PERSONAL = """[pack]
id = "personal"
name = "mine"
version = "1"

[placeholders.city]
label = "city"

[[phrases]]
id = "mine.1"
category = "mine"
title = "Mine"
text = "Hello"
"""
SETTINGS = Settings(profile=Profile(shop="Deer shop", agent="May"))


def _menu_texts(menu: QMenu, seen: set[int]) -> Iterator[str]:
    if id(menu) in seen:
        return
    seen.add(id(menu))
    menu.aboutToShow.emit()  # submenus fill themselves when opened
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        yield action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), seen)


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    flat = isinstance(model, QAbstractListModel)  # its columnCount is private in PySide6

    def columns(parent: QModelIndex) -> int:
        return 1 if flat else model.columnCount(parent)

    for c in range(columns(QModelIndex())):
        yield str(model.headerData(c, Qt.Orientation.Horizontal) or "")
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for r in range(model.rowCount(parent)):
            for c in range(columns(parent)):
                index = model.index(r, c, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield value
                if c == 0:
                    stack.append(index)


OPEN: list[QWidget] = []  # the windows the fixture opened (other tests' windows may still be alive)


def shown_texts() -> list[str]:
    """Every text the open windows show as chrome (not what the agent typed into an edit box)."""
    texts: list[str] = []
    seen: set[int] = set()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # menus rebuilt are gone
    for top in OPEN:
        for widget in [top, *top.findChildren(QWidget)]:
            texts += [widget.windowTitle(), widget.toolTip()]
            if isinstance(widget, QLabel | QAbstractButton):
                texts.append(widget.text())
            if isinstance(widget, QGroupBox):
                texts.append(widget.title())
            if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QComboBox):
                texts.append(widget.placeholderText())
            if isinstance(widget, QComboBox):
                texts += [widget.itemText(i) for i in range(widget.count())]
            if isinstance(widget, QTabWidget):
                texts += [widget.tabText(i) for i in range(widget.count())]
            if isinstance(widget, QMenu):
                texts += list(_menu_texts(widget, seen))
            if isinstance(widget, QAbstractItemView):
                texts += list(_model_texts(widget))
            for action in widget.actions():
                texts += [action.text(), action.toolTip()]
    return [text for text in texts if text]


@pytest.fixture
def windows(qtbot: QtBot, tmp_path: Path) -> Iterator[Tray]:
    i18n.set_language("zh_CN")
    paths = app_paths()
    paths.personal_file.parent.mkdir(parents=True, exist_ok=True)
    paths.personal_file.write_text(PERSONAL, encoding="utf-8")  # a warning the editor shows in its panel
    editor = EditorWindow(LIBRARY, PersonalLibrary(paths.personal_file, paths.personal_backups_dir), SETTINGS)
    qtbot.addWidget(editor)
    editor.show()
    dialog = SettingsDialog(SETTINGS, tmp_path / "settings.toml", LIBRARY, "")
    qtbot.addWidget(dialog)
    dialog.show()
    popup = Popup(clipboard_text=lambda: "")
    qtbot.addWidget(popup)
    popup.set_library(LIBRARY, SearchIndex.build(LIBRARY.phrases()))
    popup.set_settings(SETTINGS)
    popup.show_popup()
    tray = Tray(lambda: None, tmp_path / "packs", Notifier())
    tray.set_library(LIBRARY)
    OPEN[:] = [editor, dialog, popup, tray.menu]
    qtbot.waitExposed(editor)
    shown_texts()  # opens every menu once: the submenus fill themselves on first opening
    yield tray
    i18n.set_language("zh_CN")
    OPEN.clear()


def test_switching_to_english_leaves_no_chinese_in_any_open_window(windows: Tray) -> None:
    before = shown_texts()
    assert any("city" in text and CJK.search(text) for text in before)  # the editor's finding, in Chinese
    assert sum(bool(CJK.search(text)) for text in before) > 100  # the windows really are in Chinese
    i18n.set_language("en")
    left = sorted({text for text in shown_texts() if CJK.search(text) and text not in LANGUAGE_NAMES})
    assert left == []


def test_views_are_told_their_headers_changed(windows: Tray, qtbot: QtBot) -> None:
    """A model that renders its header at paint time still needs the view to paint again."""
    views = [v for top in OPEN for v in top.findChildren(QAbstractItemView) if v.model() is not None]
    assert views
    with qtbot.waitSignals([v.model().headerDataChanged for v in views], timeout=1000):
        i18n.set_language("en")


def test_switching_back_shows_exactly_the_chinese_first_shown(windows: Tray) -> None:
    before = set(shown_texts())
    i18n.set_language("en")
    english = set(shown_texts())
    i18n.set_language("zh_CN")
    assert len(english - before) > 100
    assert set(shown_texts()) == before
