"""The search popup: type, pick with the keyboard, fill blanks inline; emits the finished text."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QInputMethodEvent, QKeyEvent, QPainterPath, QRegion
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.model import Library, Phrase
from quickreply.core.settings import Settings
from quickreply.core.template import TemplateError, builtin_values, placeholder_names, render, render_partial
from quickreply.core.usage import Usage
from quickreply.gui.fill_form import FillForm, form_fields
from quickreply.gui.i18n import tr
from quickreply.gui.qt_style import css_font_family, popup_stylesheet, ui_font
from quickreply.gui.result_list import HINT_ROWS, ResultDelegate, ResultModel, Row

if TYPE_CHECKING:
    from quickreply.core.search import SearchIndex

log = logging.getLogger(__name__)

SIZE = (640, 420)  # logical pixels; Qt scales them on HiDPI screens
RESULT_LIMIT = 50
START_ROWS = 30  # rows listed for an empty query
FREQUENT_ROWS = 10
RADIUS = 10
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, HINT_ROWS + 1)}
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class Pick:
    """A phrase the agent chose, with its fully rendered text and the values of its blanks."""

    phrase: Phrase
    text: str
    values: dict[str, str]
    send: bool  # paste and press Enter in the chat


class Popup(QWidget):
    """Frameless always-on-top search window, built once and kept hidden between uses."""

    picked = Signal(object)  # Pick
    dismissed = Signal()  # Esc: the app gives focus back to the chat window

    def __init__(
        self,
        clipboard_text: Callable[[], str | None] = lambda: None,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        flags = Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(parent, flags)
        self.clipboard_text = clipboard_text  # read only at pick time, and only for phrases using {clipboard}
        self.now = now
        self.hide_on_focus_loss = True  # clicking another window closes the popup quietly (no focus change)
        self._library: Library | None = None
        self._first_phrases: list[Phrase] = []
        self._index: SearchIndex | None = None
        self._settings = Settings()
        self._usage: Usage | None = None
        self._usage_path: Path | None = None
        self._composing = False  # an IME composition is open in the search box
        self._preedit = ""
        self._mask_corners = QGuiApplication.platformName() == "xcb"  # no reliable compositor on X11
        if not self._mask_corners:
            self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setWindowTitle("QuickReply")
        self.resize(*SIZE)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.setFont(ui_font())
        self.setStyleSheet(f"* {{ font-family: {css_font_family()}; }}" + popup_stylesheet())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        card = QFrame(objectName="card")
        outer.addWidget(card)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)

        self._stack = QStackedWidget()
        layout.addWidget(self._stack, 1)
        self._list_page = QWidget()
        page = QVBoxLayout(self._list_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(4)
        self.search = QLineEdit(objectName="search")
        self.search.setFont(ui_font(17))
        self.search.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.search.installEventFilter(self)
        self.search.textEdited.connect(self._on_text_edited)
        page.addWidget(self.search)

        self.model = ResultModel(self)
        self.results = QListView(objectName="results")
        self.results.setModel(self.model)
        self.delegate = ResultDelegate(self.results)
        self.results.setItemDelegate(self.delegate)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always goes to the search box
        self.results.setUniformItemSizes(True)
        self.results.setMouseTracking(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.doubleClicked.connect(lambda index: self._pick_row(index.row(), send=False))
        self.empty = QLabel(objectName="empty", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self._results_stack = QStackedWidget()
        self._results_stack.addWidget(self.results)
        self._results_stack.addWidget(self.empty)
        page.addWidget(self._results_stack, 1)
        self._stack.addWidget(self._list_page)

        self.form = FillForm()
        self.form.submitted.connect(self._on_form_submitted)
        self.form.cancelled.connect(self.back_to_list)
        self._stack.addWidget(self.form)

        self.status = QLabel(objectName="status")
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            tr("搜索：中文、拼音、首字母或编码", "Search: Chinese, pinyin, initials or code")
        )
        self.form.retranslate()
        self._update_status()

    # -- wiring (called by the app) -------------------------------------------------------------------

    def set_library(self, library: Library, index: SearchIndex) -> None:
        self._library, self._index = library, index
        # Kept now so that showing the popup never walks a large library
        self._first_phrases = library.phrases()[:START_ROWS]
        if self.isVisible() and self.is_list_shown():
            self._run_query()

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.retranslate()

    def set_usage(self, usage: Usage, path: Path | None = None) -> None:
        """Usage is recorded on every pick and saved to `path` (if given) right after."""
        self._usage, self._usage_path = usage, path

    # -- showing --------------------------------------------------------------------------------------

    def show_popup(self) -> None:
        """Show centred on the screen under the mouse, query cleared, search box focused."""
        self._stack.setCurrentWidget(self._list_page)
        self.search.clear()
        self._composing, self._preedit = False, ""
        self._run_query()
        self._present()
        self.search.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def show_phrase_form(self, phrase: Phrase) -> None:
        """Show the fill-in form for `phrase` at once (per-phrase hotkeys, script steps with blanks)."""
        self.search.clear()
        self._composing, self._preedit = False, ""
        self._run_query()
        self._present()
        if not self._open_form(phrase):  # every blank known after all: nothing to ask
            known = self._builtins(placeholder_names(phrase.text))
            self._finish(phrase, render(phrase.text, known), known, {}, False)

    def _present(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center() - QPoint(self.width() // 2, self.height() // 2))
        self.show()
        self.raise_()
        self.activateWindow()

    def is_list_shown(self) -> bool:
        return self._stack.currentWidget() is self._list_page

    def back_to_list(self) -> None:
        """Leave the form; the query and the selected row are kept."""
        self._stack.setCurrentWidget(self._list_page)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_status()

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        if self._mask_corners:
            path = QPainterPath()
            path.addRoundedRect(QRect(0, 0, self.width(), self.height()), RADIUS, RADIUS)
            self.setMask(QRegion(path.toFillPolygon().toPolygon()))
        super().resizeEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.hide_on_focus_loss:
            QTimer.singleShot(0, self._hide_if_inactive)  # after Qt settled which window is active

    def _hide_if_inactive(self) -> None:
        # A combo list or completer of the form is a popup of ours: that is not losing focus.
        if self.isVisible() and not self.isActiveWindow() and QApplication.activePopupWidget() is None:
            self.hide()

    # -- searching ------------------------------------------------------------------------------------

    def query(self) -> str:
        """What the agent is searching for, including pinyin still being composed in the IME."""
        text = self.search.text()
        if self._preedit:
            at = self.search.cursorPosition()
            text = text[:at] + self._preedit + text[at:]
        return text.strip()

    def _on_text_edited(self, _text: str) -> None:
        self._run_query()

    def _run_query(self) -> None:
        query = self.query()
        rows: list[Row] = []
        try:
            if not query:
                rows = self._start_rows()
            elif self._index is not None:
                rows = [Row(hit.phrase, hit.spans) for hit in self._index.search(query, limit=RESULT_LIMIT)]
        except Exception:  # a Qt slot is a barrier: a search bug must not take the popup down
            log.exception("search failed for %r", query)
        self.model.set_rows(rows)
        if rows:
            self.results.setCurrentIndex(self.model.index(0))
            self.results.scrollToTop()
        self._results_stack.setCurrentWidget(self.results if rows else self.empty)
        self.empty.setText(self._empty_message(query))
        self._update_status()

    def _start_rows(self) -> list[Row]:
        """For an empty query: recent phrases, then frequent ones, then the library in order."""
        if self._library is None:
            return []
        rows: dict[str, Row] = {}
        if self._usage is not None:
            recent = self._usage.recent(self._settings.ui.recent_count)
            for ids, note in (
                (recent, tr("最近", "Recent")),
                (self._usage.frequent(FREQUENT_ROWS), tr("常用", "Frequent")),
            ):
                for phrase_id in ids:
                    phrase = self._library.phrase(phrase_id)
                    if phrase is not None and phrase_id not in rows:
                        rows[phrase_id] = Row(phrase, note=note)
        for phrase in self._first_phrases:
            if len(rows) >= START_ROWS:
                break
            rows.setdefault(phrase.id, Row(phrase))
        return list(rows.values())

    def _empty_message(self, query: str) -> str:
        if not self._first_phrases:
            return tr(
                "还没有加载任何短语。\n把短语包放进短语包文件夹后重新加载。",
                "No phrases loaded yet.\nPut packs in the packs folder and reload.",
            )
        return tr(
            f"没有找到“{query}”\n试试拼音首字母（如 thh）或快捷编码",
            f"Nothing found for “{query}”\nTry pinyin initials (e.g. thh) or a shortcut code",
        )

    def _update_status(self) -> None:
        if self.is_list_shown():
            text = tr(
                "Enter 粘贴 · Ctrl+Enter 粘贴并发送 · Alt+1–9 选择 · Esc 关闭",
                "Enter paste · Ctrl+Enter paste & send · Alt+1–9 pick · Esc close",
            )
        else:
            text = tr(
                "Enter 粘贴 · Ctrl+Enter 粘贴并发送 · Tab 下一项 · Esc 返回列表",
                "Enter paste · Ctrl+Enter paste & send · Tab next field · Esc back to list",
            )
        self.status.setText(text)

    # -- keys -----------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.search:
            return False
        if event.type() == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            self._preedit = "".join(ch for ch in event.preeditString() if ch not in "' ")
            self._composing = bool(event.preeditString())
            if not event.commitString():  # a commit edits the text, and textEdited runs the query
                QTimer.singleShot(0, self._run_query)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or self._composing:
            return False  # while the IME composes, every key is its own
        return self._handle_key(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in _ENTER_KEYS:
            self._pick_row(self.results.currentIndex().row(), send=ctrl)
        elif key == Qt.Key.Key_Escape:
            self.hide()
            self.dismissed.emit()
        elif key in _DIGIT_KEYS and mods & Qt.KeyboardModifier.AltModifier and not ctrl:
            self._pick_row(_DIGIT_KEYS[key] - 1, send=False)
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

    # -- picking --------------------------------------------------------------------------------------

    def _builtins(self, names: tuple[str, ...]) -> dict[str, str]:
        clipboard = (self.clipboard_text() or None) if "clipboard" in names else None
        profile = self._settings.profile
        return builtin_values(profile.shop, profile.agent, self.now(), clipboard, self._settings.ui.language)

    def _pick_row(self, row: int, send: bool) -> None:
        """Paste a row's phrase at once when the app knows every blank; otherwise open the form."""
        found = self.model.row_at(row)
        if found is None:
            return
        phrase = found.phrase
        try:
            names = placeholder_names(phrase.text)
        except TemplateError:  # a malformed brace (pack warning): paste what is there, braces and all
            self._finish(phrase, render_partial(phrase.text, self._builtins(())), {}, {}, send)
            return
        known = self._builtins(names)
        if not any(name not in known for name in names):
            self._finish(phrase, render(phrase.text, known), {n: known[n] for n in names}, {}, send)
            return
        self.results.setCurrentIndex(self.model.index(row))
        self._open_form(phrase)

    def _open_form(self, phrase: Phrase) -> bool:
        """Ask for the blanks the app does not know; False when there are none."""
        names = placeholder_names(phrase.text)
        known = self._builtins(names)
        unknown = [name for name in names if name not in known]
        if not unknown:
            return False
        self._stack.setCurrentWidget(self.form)
        self._update_status()
        self.form.start(phrase, form_fields(phrase, unknown, self._library, self._usage), known)
        return True

    def _on_form_submitted(self, typed: dict[str, str], send: bool) -> None:
        phrase = self.form.phrase
        if phrase is None:
            return
        names = placeholder_names(phrase.text)
        values = {**self._builtins(names), **typed}
        self._finish(phrase, render(phrase.text, values), {n: values[n] for n in names}, typed, send)

    def _finish(
        self, phrase: Phrase, text: str, values: dict[str, str], typed: dict[str, str], send: bool
    ) -> None:
        self.hide()
        self._stack.setCurrentWidget(self._list_page)
        if self._usage is not None:
            self._usage.record(phrase.id, typed, time.time())
        self.picked.emit(Pick(phrase, text, values, send))
        if self._usage is not None and self._usage_path is not None:
            try:
                self._usage.save(self._usage_path)
            except OSError as exc:  # losing a usage count must never stop a paste
                log.warning("cannot save usage to %s: %s", self._usage_path, exc)
