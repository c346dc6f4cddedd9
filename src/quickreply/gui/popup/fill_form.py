"""The fill-in form: one field per blank the app cannot fill itself, with a live preview of the text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.model import Library, Phrase
from quickreply.core.template import render_partial
from quickreply.core.usage.counts import Usage
from quickreply.gui.blank_marks import builtin_label, filled, marked_html, missing
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import named, ui_font

PROFILE_NAMES = ("shop", "agent")
_PREVIEW_MIN_HEIGHT = 56
COMBO_MIN_CHARS = 8  # a combo's width without its choices: they may be long
_FIELDS_ROOM = 10_000  # until the popup says how much room the screen leaves (set_room)


@dataclass(frozen=True)
class Field:
    """How the form asks for one blank."""

    name: str
    label: str
    default: str = ""
    choices: tuple[str, ...] = ()
    recent: tuple[str, ...] = ()
    hint: str = ""
    example: str = ""  # shown greyed in the empty field, never pasted


def form_fields(
    phrase: Phrase, names: Sequence[str], library: Library | None, usage: Usage | None
) -> list[Field]:
    """Fields for `names` (in order): the pack's declared label/default/choices plus recently typed values."""
    fields = []
    for name in names:
        decl = library.placeholder(name, phrase.pack_id) if library else None
        recent = tuple(usage.recent_values(name)) if usage else ()
        hint = t("ui.popup.set_it_in_settings_to")
        fields.append(
            Field(
                name=name,
                label=(decl.label if decl and decl.label else builtin_label(name)),
                default=decl.default if decl else "",
                choices=decl.choices if decl else (),
                recent=recent,
                hint=hint if name in PROFILE_NAMES else "",
                example=decl.example if decl else "",
            )
        )
    return fields


class FillForm(QWidget):
    """Asks for the blanks of one phrase. Enter submits (Ctrl+Enter: and send), Esc cancels."""

    submitted = Signal(dict, bool)  # the values typed, send
    save_to_profile = Signal(dict)  # profile blanks (shop, agent) the agent asked to keep: name → value
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form")
        self._phrase: Phrase | None = None
        self._known: dict[str, str] = {}
        self._fields: list[Field] = []
        self._editors: dict[str, QLineEdit] = {}
        self._focusables: list[QWidget] = []
        self._room = _FIELDS_ROOM

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        header = QHBoxLayout()
        # Long titles, categories and labels wrap: the popup must fit a narrow screen (fit_to).
        self.title = named(QLabel(wordWrap=True), "formTitle")
        self.category = named(QLabel(wordWrap=True), "formCategory")
        header.addWidget(self.title, 1)
        header.addWidget(self.category, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(header)

        self._scroll = QScrollArea(widgetResizable=True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }"
        )
        layout.addWidget(self._scroll)

        self.preview_label = named(QLabel(), "hint")
        layout.addWidget(self.preview_label)
        self.preview = named(QTextEdit(readOnly=True), "preview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setFont(ui_font(14))
        self.preview.setMinimumHeight(_PREVIEW_MIN_HEIGHT)
        layout.addWidget(self.preview, 1)
        self.error = named(QLabel(wordWrap=True), "formError")
        self.error.hide()
        layout.addWidget(self.error)
        # Never silently: a shop name or nickname typed here is kept only when the agent ticks this.
        self.keep = named(QCheckBox(), "saveToProfile")
        self.keep.hide()
        self.keep.installEventFilter(self)  # Enter on it submits too
        layout.addWidget(self.keep)
        layout.addStretch(1)  # a short preview stays short; the room goes below it
        self.retranslate()

    def retranslate(self) -> None:
        self.preview_label.setText(t("ui.popup.preview"))
        self.keep.setText(t("firstday.save_to_profile"))

    def set_room(self, height: int) -> None:
        """The most height the fields may take before they scroll (what the screen leaves them)."""
        self._room = max(80, height)

    def collapse(self) -> None:
        """Let go of the fields' height while the list shows (a stacked page's size binds the window)."""
        self._scroll.setFixedHeight(0)

    def fields_height(self) -> int:
        """The height the fields take (all of them, unscrolled)."""
        body = self._scroll.widget()
        return body.sizeHint().height() + 2 if body is not None else 0

    # -- building -------------------------------------------------------------------------------------

    def start(self, phrase: Phrase, fields: Sequence[Field], known: Mapping[str, str]) -> None:
        """Show fields for `phrase`; `known` holds the values filled automatically (for the preview)."""
        self._phrase, self._fields, self._known = phrase, list(fields), dict(known)
        self.title.setText(phrase.title)
        self.category.setText(" › ".join(p for p in phrase.category.split("/") if p))
        self.error.hide()
        self._editors.clear()
        self._focusables.clear()

        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 4, 0)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for f in self._fields:
            widget, editor = self._editor_for(f)
            self._editors[f.name] = editor
            self._focusables.append(widget)
            form.addRow(QLabel(f.label + t("ui.popup.text"), wordWrap=True), widget)
            if f.hint:
                form.addRow("", named(QLabel(f.hint, wordWrap=True), "hint"))
            editor.textChanged.connect(self._update_preview)
            for obj in {widget, editor}:
                obj.installEventFilter(self)
        for a, b in zip(self._focusables, self._focusables[1:], strict=False):
            QWidget.setTabOrder(a, b)
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(body)
        # Every field shows whole: the popup grows to fit them; they scroll only past the screen's room.
        self._scroll.setFixedHeight(min(self.fields_height(), self._room))
        self.keep.setChecked(False)
        self.keep.setVisible(any(f.name in PROFILE_NAMES for f in self._fields))
        self._update_preview()
        if self._focusables:
            self._focusables[0].setFocus(Qt.FocusReason.OtherFocusReason)
            self._editors[self._fields[0].name].selectAll()

    def _editor_for(self, f: Field) -> tuple[QWidget, QLineEdit]:
        """An editable combo when there is something to offer (choices, recent values), else a line edit."""
        offered = list(dict.fromkeys([*f.choices, *f.recent]))
        if not offered:
            line = QLineEdit(f.default)
            line.setObjectName(f"field_{f.name}")
            if f.example:
                line.setPlaceholderText(t("firstday.example", example=f.example))
            return line, line
        combo = QComboBox(editable=True)
        combo.setObjectName(f"field_{f.name}")
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # A long choice must not widen the popup past a narrow screen; the open list still shows it whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_MIN_CHARS)
        combo.addItems(offered)
        combo.setMaxVisibleItems(10)
        completer = QCompleter(offered, combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # Chinese values are matched anywhere
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.setCurrentIndex(-1)  # nothing pre-selected: ↓ starts at the first offer
        editor = combo.lineEdit()
        assert editor is not None  # an editable combo always has one
        # Enter while the completer list is open reaches the line edit directly, past eventFilter: without
        # this the first Enter would only close the list and the agent would have to press it again.
        editor.returnPressed.connect(self._enter_after_completion)
        editor.setText(f.default)
        if f.example:
            editor.setPlaceholderText(t("firstday.example_or_choose", example=f.example))
        else:
            editor.setPlaceholderText(t("ui.popup.type_or_press_to_choose"))
        return combo, editor

    # -- reading --------------------------------------------------------------------------------------

    @property
    def phrase(self) -> Phrase | None:
        """The phrase whose blanks are being asked for."""
        return self._phrase

    def values(self) -> dict[str, str]:
        """What the agent typed, by placeholder name."""
        return {name: editor.text() for name, editor in self._editors.items()}

    def editor(self, name: str) -> QLineEdit:
        """The text box of one field (the combo's line edit for combos)."""
        return self._editors[name]

    def field_widget(self, name: str) -> QWidget:
        return self._focusables[[f.name for f in self._fields].index(name)]

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def _update_preview(self) -> None:
        if self._phrase is None:
            return
        self.error.hide()  # the complaint was about the old text; Enter checks again
        values = dict(self._known)
        for f in self._fields:
            typed = self._editors[f.name].text()
            # A blank still missing shows its short name (城市); ASCII names (shop, order_no) show the label.
            blank = f.label if f.name.isascii() else f.name
            values[f.name] = filled(typed) if typed else missing(blank)
        self.preview.setHtml(marked_html(render_partial(self._phrase.text, values)))
        self._fit_preview()

    def _fit_preview(self) -> None:
        """Let the preview box grow with its text (it scrolls once the popup has no more room)."""
        doc = self.preview.document()
        doc.setTextWidth(self.preview.viewport().width())
        margins = self.preview.contentsMargins()
        height = doc.size().height() + margins.top() + margins.bottom() + 4
        self.preview.setMaximumHeight(max(_PREVIEW_MIN_HEIGHT, round(height)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    # -- keys -----------------------------------------------------------------------------------------

    def submit(self, send: bool = False) -> bool:
        """Emit `submitted` when every field is filled; otherwise name the first empty one and focus it."""
        # Every blank is required: an empty value would leave a visible gap in what the buyer reads
        # ("预计还需天到达"), and a pack cannot yet declare "may be empty" (Placeholder.default "" is also
        # what an undeclared blank gets), so a field may only be submitted non-empty.
        for f, widget in zip(self._fields, self._focusables, strict=True):
            if not self._editors[f.name].text().strip():
                self.error.setText(t("ui.popup.please_fill_in", label=f.label))
                self.error.show()
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return False
        self.error.hide()
        values = self.values()
        if not self.keep.isHidden() and self.keep.isChecked():
            kept = {n: values[n].strip() for n in PROFILE_NAMES if n in values}
            if kept:
                self.save_to_profile.emit(kept)
        self.submitted.emit(values, send)
        return True

    def _enter_after_completion(self) -> None:
        ctrl = QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
        self.submit(send=bool(ctrl))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if self._popup_open(watched):
            return False  # Enter/Esc belong to the open combo list or completer
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit(send=bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
            return True
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return True
        return False

    @staticmethod
    def _popup_open(watched: QObject) -> bool:
        combo = watched if isinstance(watched, QComboBox) else watched.parent()
        if not isinstance(combo, QComboBox):
            return False
        view = combo.view()
        if view is not None and view.isVisible():
            return True
        completer = combo.completer()
        popup = completer.popup() if completer is not None else None
        return popup is not None and popup.isVisible()
