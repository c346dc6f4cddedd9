"""The search popup: type, pick with the keyboard, fill blanks inline; emits the finished text.

Its keys are in keys.py, the rows it lists in rows.py, how a pick is made in pick.py and the
window's shape and showing in floating_window.py."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.model import Library, Phrase
from quickreply.core.pick import Pick, known_values, pick_at_once, pick_from_form, unknown_blanks
from quickreply.core.ports import Anchor
from quickreply.core.settings.model import Settings
from quickreply.core.template import TemplateError, placeholder_names, render, render_partial
from quickreply.core.usage.counts import Usage
from quickreply.core.usage.stats import LOG_FILE, PickEvent, append_event
from quickreply.gui.blank_marks import builtin_label, filled, marked_html, missing
from quickreply.gui.i18n import FIXED_TITLE, t
from quickreply.gui.popup.fill_form import FillForm, form_fields
from quickreply.gui.popup.floating_window import FloatingWindow
from quickreply.gui.popup.keys import SearchKeys, key_hints
from quickreply.gui.popup.result_list import ResultDelegate, ResultModel, Row
from quickreply.gui.popup.rows import (
    empty_message,
    first_phrases,
    hit_rows,
    script_phrases,
    source_names,
    start_rows,
    with_script_rows,
)
from quickreply.gui.qt_style import css_font_family, named, popup_stylesheet, ui_font

if TYPE_CHECKING:
    from quickreply.core.search.index import SearchIndex

log = logging.getLogger(__name__)

SIZE = (640, 420)  # logical pixels; Qt scales them on HiDPI screens
ROW_PREVIEW_HEIGHT = 130  # the selected row's full text under the list (→)
FORM_CHROME = 240  # the form's title, preview, check box and the key hints: what is not fields


class Popup(FloatingWindow):
    """Frameless always-on-top search window, built once and kept hidden between uses."""

    picked = Signal(object)  # Pick
    script_chosen = Signal(object)  # Script: a talk script's row was picked
    profile_values = Signal(dict)  # shop/agent typed in the form, with 保存到我的资料 ticked
    dismissed = Signal()  # Esc: the app gives focus back to the chat window

    def __init__(
        self,
        clipboard_text: Callable[[], str | None] = lambda: None,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.clipboard_text = clipboard_text  # read only at pick time, and only for phrases using {clipboard}
        self.now = now
        self._library: Library | None = None
        self._first_phrases: list[Phrase] = []
        self._index: SearchIndex | None = None
        self._script_index: SearchIndex | None = None  # the talk scripts': made on first use (prepare)
        self._scripts: list[Phrase] = []
        self._settings = Settings()
        self._usage: Usage | None = None
        self._usage_path: Path | None = None
        self._sources: dict[str, str] = {}  # pack id -> 团队 / 个人 / 内置
        self._picked_query = ""  # the query of the row being picked, learned once the pick is done
        self.setWindowTitle("QuickReply")  # the same in every language: found by it (e2e, window lists)
        self.setProperty(FIXED_TITLE, True)
        self.resize(*SIZE)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.setFont(ui_font())
        self.setStyleSheet(f"* {{ font-family: {css_font_family()}; }}" + popup_stylesheet())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        card = self._card = named(QFrame(), "card")
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
        self.search = named(QLineEdit(), "search")
        self.search.setFont(ui_font(17))
        self.search.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.search.textEdited.connect(self._on_text_edited)
        page.addWidget(self.search)

        self.model = ResultModel(self)
        self.results = named(QListView(), "results")
        self.results.setModel(self.model)
        self.delegate = ResultDelegate(self.results)
        self.results.setItemDelegate(self.delegate)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always goes to the search box
        self.results.setUniformItemSizes(True)
        self.results.setMouseTracking(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.doubleClicked.connect(lambda index: self._pick_row(index.row(), send=False))
        self.empty = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True), "empty")
        self._results_stack = QStackedWidget()
        self._results_stack.addWidget(self.results)
        self._results_stack.addWidget(self.empty)
        page.addWidget(self._results_stack, 1)
        self.row_preview = named(QTextEdit(readOnly=True), "preview")
        self.row_preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.row_preview.setFont(ui_font(14))
        self.row_preview.hide()
        page.addWidget(self.row_preview)
        self._stack.addWidget(self._list_page)
        self._keys = SearchKeys(
            self.search,
            self.results,
            self.model,
            self._pick_row,
            self._dismiss,
            self._run_query,
            parent=self,
            preview=self._preview,
            pin=self.toggle_pin,
        )
        selection = self.results.selectionModel()
        if selection is not None:
            selection.currentChanged.connect(lambda *_: self._update_row_preview())

        self.form = FillForm()
        self.form.submitted.connect(self._on_form_submitted)
        self.form.cancelled.connect(self.back_to_list)
        self.form.save_to_profile.connect(self.profile_values)
        self._stack.addWidget(self.form)

        self.status = named(QLabel(wordWrap=True), "status")  # wraps on a narrow screen
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(t("ui.popup.search_chinese_pinyin_initials_or"))
        self.form.retranslate()
        self._update_status()

    # -- wiring (called by the app) -------------------------------------------------------------------

    def set_library(self, library: Library, index: SearchIndex) -> None:
        self._library, self._index = library, index
        self._first_phrases = first_phrases(library)
        self._scripts = script_phrases(library)
        self._script_index = None  # built by the first query or prepare(), not here: start-up time
        self._sources = source_names(library)
        self._prefer()
        if self.isVisible() and self.is_list_shown():
            self._run_query()

    def prepare(self) -> None:
        """Build what the first query needs but the start skips: the talk scripts' index (a few phrases,
        but their first build reads pypinyin's whole table and lays out its codes, ~45 ms). The app calls
        this once idle after start; a query that comes first builds it itself."""
        self._scripts_index()

    def _scripts_index(self) -> SearchIndex | None:
        if self._script_index is None and self._scripts and self._index is not None:
            self._script_index = type(self._index).build(self._scripts)
        return self._script_index

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.model.set_values(self._builtins(()))
        self.retranslate()

    def set_marks(self, marks: Mapping[str, str]) -> None:
        """Team phrases added or changed lately (id → "new"/"changed") show a 新/改 badge."""
        self.model.set_marks(marks)

    def set_usage(self, usage: Usage, path: Path | None = None) -> None:
        """Usage is recorded on every pick and saved to `path` (if given) right after."""
        self._usage, self._usage_path = usage, path
        self._prefer()

    def _prefer(self) -> None:
        """The index ranks by the agent's use (learned picks, pins, use) and the packs' layers."""
        if self._index is not None and self._usage is not None and self._library is not None:
            from quickreply.core.search.prefer import Preferences  # the search stack is loaded by now

            layers = {pack.id: pack.layer for pack in self._library.packs}
            self._index.preferences = Preferences(self._usage, layers)

    def toggle_pin(self, row: int) -> None:
        """Pin (★) the row's phrase, or unpin it; saved at once, the list redrawn."""
        found = self.model.row_at(row)
        if found is None or self._usage is None or found.script is not None:  # scripts are not pinned
            return
        phrase_id = found.phrase.id
        self._usage.set_pinned(phrase_id, not self._usage.is_pinned(phrase_id))
        self._save_usage_file()
        self._run_query()
        for n in range(self.model.rowCount()):
            shown = self.model.row_at(n)
            if shown is not None and shown.phrase.id == phrase_id:
                self.results.setCurrentIndex(self.model.index(n))
                break

    # -- showing --------------------------------------------------------------------------------------

    def show_popup(self, anchor: Anchor | None = None) -> None:
        """Show beside `anchor` (the chat's caret or window; else centred on the screen under the mouse),
        query cleared, search box focused."""
        self._stack.setCurrentWidget(self._list_page)
        self.form.collapse()
        self.resize(self.width(), SIZE[1])
        self.model.set_values(self._builtins(()))  # rows show {shop}, {agent}, {date} … filled in
        self.row_preview.hide()
        self.search.clear()
        self._keys.reset()
        self._run_query()
        self.present(anchor)
        self.search.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def show_phrase_form(self, phrase: Phrase, anchor: Anchor | None = None) -> None:
        """Show the fill-in form for `phrase` at once (per-phrase hotkeys, script steps with blanks)."""
        self._picked_query = ""  # not picked from a search: nothing to learn
        self.search.clear()
        self._keys.reset()
        self._run_query()
        self.present(anchor)
        if not self._open_form(phrase):  # every blank known after all: nothing to ask
            known = self._builtins(placeholder_names(phrase.text))
            self._finish(Pick(phrase, render(phrase.text, known), known, False), {})

    def is_list_shown(self) -> bool:
        return self._stack.currentWidget() is self._list_page

    def back_to_list(self) -> None:
        """Leave the form; the query and the selected row are kept."""
        self._stack.setCurrentWidget(self._list_page)
        self._list_size()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_status()

    def _list_size(self) -> None:
        self.form.collapse()
        # The form's old height binds the window until every layout around it has seen the change: now.
        for layout in (self._stack.layout(), self._card.layout(), self.layout()):
            if layout is not None:
                layout.invalidate()
                layout.activate()
        self.resize(self.width(), SIZE[1])
        self.keep_on_screen()

    def _form_size(self) -> None:
        """Grow to show every field of the form whole (up to the screen's height), then stay on screen."""
        form_layout = self.form.layout()
        if form_layout is not None:
            form_layout.activate()  # now, not at the next turn of the event loop
        around = self.height() - self._stack.height()  # the key hints and the card's border
        needed = around + max(self.form.sizeHint().height(), self.form.minimumSizeHint().height())
        area = self.screen_area()
        height = max(SIZE[1], needed)
        if area is not None:
            height = min(height, area.height())
        if height != self.height():
            self.resize(self.width(), height)
        self.keep_on_screen()

    # -- the selected row's full text (→) ---------------------------------------------------------

    def _preview(self, show: bool | None) -> bool:
        """Open (True), close (False) or toggle (None) the full text of the selected row; True when that
        changed something."""
        shown = not self.row_preview.isHidden()
        want = (not shown) if show is None else show
        if want == shown:
            return False
        self.row_preview.setVisible(want)
        self._update_row_preview()
        return True

    def _update_row_preview(self) -> None:
        if self.row_preview.isHidden():
            return
        found = self.model.row_at(self.results.currentIndex().row())
        if found is None:
            self.row_preview.clear()
            return
        values: dict[str, str] = {k: filled(v) for k, v in self.model.values().items()}
        try:
            names = placeholder_names(found.phrase.text)
        except TemplateError:
            names = ()
        for name in names:
            values.setdefault(name, missing(builtin_label(name)))
        self.row_preview.setHtml(marked_html(render_partial(found.phrase.text, values)))
        doc = self.row_preview.document()  # as tall as the text, up to ROW_PREVIEW_HEIGHT (then it scrolls)
        doc.setTextWidth(self.row_preview.viewport().width())
        margins = self.row_preview.contentsMargins()
        height = round(doc.size().height()) + margins.top() + margins.bottom() + 4
        self.row_preview.setFixedHeight(min(ROW_PREVIEW_HEIGHT, height))

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    # -- searching ------------------------------------------------------------------------------------

    def query(self) -> str:
        """What the agent is searching for, including pinyin still being composed in the IME."""
        text, preedit = self.search.text(), self._keys.preedit
        if preedit:
            at = self.search.cursorPosition()
            text = text[:at] + preedit + text[at:]
        return text.strip()

    def _on_text_edited(self, _text: str) -> None:
        self._run_query()

    def _run_query(self) -> None:
        query = self.query()
        rows: list[Row] = []
        try:
            if not query:
                recent_count = self._settings.ui.recent_count
                rows = start_rows(
                    self._library, self._first_phrases, self._usage, recent_count, self._sources
                )
            elif self._index is not None:
                phrases = hit_rows(self._index, query, self._usage, self._sources)
                rows = with_script_rows(phrases, self._scripts_index(), self._library, query)
        except Exception:  # a Qt slot is a barrier: a search bug must not take the popup down
            log.exception("search failed for %r", query)
        self.model.set_rows(rows)
        if rows:
            self.results.setCurrentIndex(self.model.index(0))
            self.results.scrollToTop()
        self._update_row_preview()
        self._results_stack.setCurrentWidget(self.results if rows else self.empty)
        self.empty.setText(empty_message(bool(self._first_phrases), query))
        self._update_status()

    def _update_status(self) -> None:
        self.status.setText(key_hints(self.is_list_shown()))

    # -- picking --------------------------------------------------------------------------------------

    def _builtins(self, names: tuple[str, ...]) -> dict[str, str]:
        return known_values(names, self._settings, self.clipboard_text, self.now)

    def _pick_row(self, row: int, send: bool) -> None:
        """Paste a row's phrase at once when the app knows every blank; otherwise open the form."""
        found = self.model.row_at(row)
        if found is None:
            return
        if found.script is not None:
            self.hide()
            self.script_chosen.emit(found.script)
            return
        self._picked_query = self.query()  # learned from when the pick is finished (maybe after the form)
        pick = pick_at_once(found.phrase, send, self._builtins)
        if pick is not None:
            self._finish(pick, {})
            return
        self.results.setCurrentIndex(self.model.index(row))
        self._open_form(found.phrase)

    def _open_form(self, phrase: Phrase) -> bool:
        """Ask for the blanks the app does not know; False when there are none."""
        unknown, known = unknown_blanks(phrase, self._builtins)
        if not unknown:
            return False
        self._stack.setCurrentWidget(self.form)
        self._update_status()
        area = self.screen_area()
        if area is not None:  # what the title, preview and key hints leave the fields on this screen
            self.form.set_room(area.height() - FORM_CHROME)
        self.form.start(phrase, form_fields(phrase, unknown, self._library, self._usage), known)
        self._form_size()
        return True

    def _on_form_submitted(self, typed: dict[str, str], send: bool) -> None:
        phrase = self.form.phrase
        if phrase is not None:
            self._finish(pick_from_form(phrase, typed, send, self._builtins), typed)

    def _finish(self, pick: Pick, typed: dict[str, str]) -> None:
        self.hide()
        self._stack.setCurrentWidget(self._list_page)
        if self._usage is not None:
            self._usage.record(pick.phrase.id, typed, time.time())
            if self._picked_query and self._index is not None:
                from quickreply.core.search.prefer import query_key

                self._usage.learn(query_key(self._picked_query), pick.phrase.id, time.time())
        self._picked_query = ""
        if self._usage_path is not None:  # counts only: no text of the phrase or of what was typed
            form_keys = len(typed) + 1 if typed else 0  # Tab between fields, Enter
            event = PickEvent(
                time.time(),
                pick.phrase.id,
                pick.phrase.category,
                len(pick.text),
                sum(len(v) for v in typed.values()),
                1 + self._keys.presses + form_keys,  # the hotkey, the query, arrows, Enter
            )
            append_event(self._usage_path.with_name(LOG_FILE), event)
        self.picked.emit(pick)
        self._save_usage_file()

    def _save_usage_file(self) -> None:
        if self._usage is not None and self._usage_path is not None:
            try:
                self._usage.save(self._usage_path)
            except OSError as exc:  # losing a usage count must never stop a paste
                log.warning("cannot save usage to %s: %s", self._usage_path, exc)
