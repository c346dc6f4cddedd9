"""The phrase form: title, code, category, tags, text with 插入占位符 and a live preview, and a hotkey.

Every keystroke is an edit of the document (undoable, merged per field); problems found by the pack
checks appear in red under the field they are about. Team and bundled phrases show read-only, with
复制到我的短语.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.messages import msg
from quickreply.core.model import Layer, Pack, Phrase, Placeholder
from quickreply.core.packs import categories
from quickreply.gui.editor import pack_edits as edits
from quickreply.gui.editor.badges import layer_name
from quickreply.gui.editor.context import EditorContext
from quickreply.gui.editor.field_notes import FieldNotes
from quickreply.gui.editor.hotkey_field import PhraseHotkey
from quickreply.gui.editor.rule_marks import RuleMarks
from quickreply.gui.editor.text_tools import Preview, UndoKeysToWindow, line_edit_of, placeholder_menu
from quickreply.gui.editor.undo import Focus
from quickreply.gui.editor.validation import Finding
from quickreply.gui.i18n import t, text_of
from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE

FIELDS = ("title", "code", "category", "tags", "questions", "text", "hotkey")


class PhraseForm(QWidget):
    copy_requested = Signal(str)  # phrase id of a read-only phrase
    open_copy_requested = Signal(str)  # phrase id of the personal copy
    delete_requested = Signal(str)
    capturing = Signal(bool)
    pins_changed = Signal()  # the agent pinned or unpinned the phrase shown (★)

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._phrase: Phrase | None = None
        self._source: Pack | None = None
        self._editable = False
        self._loading = False
        self._undo_keys = UndoKeysToWindow(self)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner_text = QLabel(wordWrap=True)
        self.copy_button = QPushButton(t("ui.editor.copy_to_my_phrases"))
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self._id()))
        self.open_copy_button = QPushButton(t("ui.editor.open_my_copy"))
        self.open_copy_button.clicked.connect(lambda: self.open_copy_requested.emit(self._id()))
        banner = QHBoxLayout(self.banner)
        banner.addWidget(self.banner_text, 1)
        banner.addWidget(self.copy_button)
        banner.addWidget(self.open_copy_button)
        self._fixing = False
        self.notes = FieldNotes(FIELDS, on_fix=self.apply_fix)
        self.title = self._line(t("ui.editor.e_g_7_day_returns"), "title")
        self.code = self._line(t("ui.editor.a_few_letters_e_g"), "code")
        self.category = QComboBox(editable=True)
        combo_line = line_edit_of(self.category)
        combo_line.installEventFilter(self._undo_keys)
        combo_line.editingFinished.connect(self._category_done)
        self.category.activated.connect(self._category_done)
        self.tags = self._line(t("ui.editor.comma_separated"), "tags")
        self.questions = self._line(text_of(msg("search.questions_hint")), "questions")
        self.text = QPlainTextEdit()
        self.text.setUndoRedoEnabled(False)
        self.text.installEventFilter(self._undo_keys)
        self.text.setMinimumHeight(80)
        self.rule_marks = RuleMarks(self.text.document())
        self.text.textChanged.connect(lambda: self._edit("text", self.text.toPlainText()))
        self.insert_button = QPushButton(t("ui.editor.insert_placeholder"))
        self.insert_button.setMenu(placeholder_menu(self, self._declared, self.insert_placeholder))
        self.preview = Preview()
        self.hotkey = PhraseHotkey(context)
        self.hotkey.capturing.connect(self.capturing)
        self.pin_button = QPushButton()
        self.pin_button.setCheckable(True)
        self.pin_button.setObjectName("pin")
        self.pin_button.clicked.connect(self._pin_clicked)
        self.pin_button.hide()  # until the app gives the agent's pins (set_pins) and a phrase is shown
        self.delete_button = QPushButton(t("ui.editor.delete_this_phrase"))
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self._id()))
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, name, widget in (
            (t("ui.editor.title"), "title", self.title),
            (t("ui.editor.code"), "code", self.code),
            (t("ui.editor.category"), "category", self.category),
            (t("ui.editor.tags"), "tags", self.tags),
            (text_of(msg("search.questions_label")), "questions", self.questions),
        ):
            form.addRow(label, self._with_note(widget, name))
        text_head = QHBoxLayout()
        text_head.addWidget(QLabel(t("ui.editor.text")))
        text_head.addStretch(1)
        text_head.addWidget(self.insert_button)
        preview_label = QLabel(t("ui.editor.preview_shop_and_nickname_from"))
        preview_label.setStyleSheet(f"color: {COLORS.muted}; font-size: {SMALL_PIXEL_SIZE}px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.notes[""])
        layout.addLayout(form)
        layout.addLayout(text_head)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.notes["text"])
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 1)
        hotkey_form = QFormLayout()
        hotkey_form.addRow(t("ui.editor.hotkey"), self._with_note(self.hotkey, "hotkey"))
        hotkey_form.addRow("", self.pin_button)
        layout.addLayout(hotkey_form)
        layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignRight)

    def _line(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(placeholderText=placeholder)
        edit.installEventFilter(self._undo_keys)
        edit.textEdited.connect(lambda value: self._edit(name, value))
        edit.editingFinished.connect(self._context.document.seal)
        return edit

    def _with_note(self, widget: QWidget, name: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if name != "text":
            column.addWidget(self.notes[name])
        return box

    # -- showing ------------------------------------------------------------------------------------
    def show_phrase(self, phrase: Phrase, source: Pack, has_copy: bool = False) -> None:
        """Show `phrase` from `source`; editable when it is in the personal pack."""
        self._phrase, self._source = phrase, source
        self._editable = source.layer is Layer.PERSONAL
        self._loading = True
        try:
            _set_line(self.title, phrase.title)
            _set_line(self.code, phrase.code)
            if edits.parse_tags(self.tags.text()) != phrase.tags:
                self.tags.setText(edits.tags_text(phrase.tags))
            if edits.parse_questions(self.questions.text()) != phrase.questions:
                self.questions.setText(edits.tags_text(phrase.questions))
            self.category.clear()
            self.category.addItems(categories.category_paths(self._context.document.pack))
            self.category.setCurrentText(phrase.category)
            if self.text.toPlainText() != phrase.text:
                self.text.setPlainText(phrase.text)
        finally:
            self._loading = False
        self.hotkey.show_phrase(phrase.id)  # also for team phrases: a hotkey is my setting, not the pack's
        self.show_pin()
        for widget in (self.title, self.code, self.tags, self.questions, self.text):
            widget.setReadOnly(not self._editable)
            widget.setProperty("locked", not self._editable)  # greyed by the window's style sheet
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.category.setEnabled(self._editable)
        self.insert_button.setEnabled(self._editable)
        self.delete_button.setVisible(self._editable)
        self.banner.setVisible(not self._editable)
        if not self._editable:
            self.banner_text.setText(
                t("ui.editor.read_only_from_the_pack", layer=layer_name(source.layer), name=source.name)
                + (t("ui.editor.you_have_a_copy") if has_copy else "")
            )
        self.copy_button.setVisible(not self._editable and not has_copy)
        self.open_copy_button.setVisible(not self._editable and has_copy)
        self.update_preview()

    def show_pin(self) -> None:
        """★ 已置顶 / ☆ 置顶 for the phrase shown, for any layer's phrase (a pin is the agent's)."""
        pins = self._context.pins
        self.pin_button.setVisible(pins is not None and self._phrase is not None)
        if pins is None or self._phrase is None:
            return
        pinned = pins.is_pinned(self._phrase.id)
        self.pin_button.setChecked(pinned)
        code = "search.pinned" if pinned else "search.pin"
        self.pin_button.setText(("★ " if pinned else "☆ ") + text_of(msg(code)))
        self.pin_button.setToolTip(text_of(msg("search.pin_hint")))

    def _pin_clicked(self) -> None:
        pins = self._context.pins
        if pins is not None and self._phrase is not None:
            pins.set_pinned(self._phrase.id, not pins.is_pinned(self._phrase.id))
            self.show_pin()
            self.pins_changed.emit()

    def show_findings(self, findings: list[Finding]) -> None:
        self.notes.show(findings)

    def note(self, field: str) -> str:
        """The messages shown under `field` ("" when none), as the agent reads them."""
        return self.notes.text(field)

    def update_preview(self) -> None:
        if self._phrase is not None:
            self.preview.show_text(self._phrase.text, self._context.settings.profile, self._declared())

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def _declared(self) -> list[Placeholder]:
        packs = [self._context.document.pack]
        if self._source is not None and self._source.layer is not Layer.PERSONAL:
            packs.append(self._source)
        return [decl for pack in packs for decl in pack.placeholders]

    # -- editing ------------------------------------------------------------------------------------
    def _id(self) -> str:
        return self._phrase.id if self._phrase else ""

    def _edit(self, field: str, value: str) -> None:
        if self._loading or not self._editable or self._phrase is None:
            return
        current = self._context.personal_phrase(self._phrase.id) or self._phrase
        if field == "tags":
            phrase = replace(current, tags=edits.parse_tags(value))
        elif field == "questions":
            phrase = replace(current, questions=edits.parse_questions(value))
        else:
            phrase = replace(current, **{field: value})  # type: ignore[arg-type]  # a str field
        self._phrase = phrase
        labels = {
            "title": t("ui.editor.edit_title"),
            "code": t("ui.editor.edit_code"),
            "tags": t("ui.editor.edit_tags"),
            "questions": text_of(msg("search.questions_edit")),
            "text": t("ui.editor.edit_text"),
            "category": t("ui.editor.change_category"),
        }
        pack = edits.put_phrase(self._context.document.pack, phrase)
        merge = None if field == "category" or self._fixing else ("phrase", phrase.id, field)
        self._context.document.apply(labels[field], pack=pack, focus=Focus("phrase", phrase.id), merge=merge)
        if field == "text":
            self.update_preview()

    def _category_done(self) -> None:
        value = self.category.currentText().strip().strip("/")
        if self._phrase is not None and value != self._phrase.category:
            self._edit("category", value)

    def apply_fix(self, field: str, found: str, replacement: str) -> None:
        """A finding's one-click fix: the first `found` in the text becomes `replacement` (undoable)."""
        if not self._editable or field != "text":
            return
        text = self.text.toPlainText()
        at = text.find(found)
        if at < 0:
            return
        start = len(text[:at].encode("utf-16-le")) // 2  # Qt counts UTF-16 units (an emoji is two)
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + len(found.encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
        self._fixing = True  # its own undo step, not merged into the typing before it
        try:
            cursor.insertText(replacement)  # textChanged → _edit
        finally:
            self._fixing = False
        self.text.setTextCursor(cursor)

    def insert_placeholder(self, name: str) -> None:
        """Put `{name}` at the cursor of the text (an undoable edit like typing it)."""
        if not self._editable:
            return
        self.text.insertPlainText("{" + name + "}")
        self.text.setFocus()


def _set_line(edit: QLineEdit, value: str) -> None:
    if edit.text() != value:  # only when it differs, so the cursor stays where the agent is typing
        edit.setText(value)
