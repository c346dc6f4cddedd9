"""The talk-script editor: ordered steps, each one of my phrases or an inline text; add, remove, move."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.model import Layer, Pack, Script, Step
from quickreply.core.packs import categories
from quickreply.gui.editor import pack_edits as edits
from quickreply.gui.editor.context import EditorContext
from quickreply.gui.editor.field_notes import FieldNotes
from quickreply.gui.editor.text_tools import UndoKeysToWindow, line_edit_of
from quickreply.gui.editor.undo import Focus
from quickreply.gui.editor.validation import Finding
from quickreply.gui.i18n import t


class ScriptEditor(QWidget):
    delete_requested = Signal(str)

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._script: Script | None = None
        self._editable = False
        self._loading = False
        keys = UndoKeysToWindow(self)
        self.banner = QLabel(wordWrap=True)
        self.title = QLineEdit()
        self.category = QComboBox(editable=True)
        self.steps = QListWidget()
        self.steps.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.currentRowChanged.connect(self._show_step)
        self.picker = QComboBox()
        self.picker.setMinimumWidth(160)
        self.add_phrase = QPushButton(t("ui.editor.add_phrase_step"))
        self.add_text = QPushButton(t("ui.editor.add_text_step"))
        self.remove = QPushButton(t("ui.editor.remove_step"))
        self.up, self.down = QPushButton("↑"), QPushButton("↓")
        self.step_title = QLineEdit(placeholderText=t("ui.editor.step_title_optional"))
        self.step_phrase = QComboBox()
        self.step_text = QPlainTextEdit()
        self.step_text.setUndoRedoEnabled(False)
        self.notes = FieldNotes(("title", "category", "steps"))
        self.delete_button = QPushButton(t("ui.editor.delete_this_script"))
        for edit in (self.title, self.step_title, self.step_text, line_edit_of(self.category)):
            edit.installEventFilter(keys)
        self.title.textEdited.connect(lambda v: self._edit(replace(self._current(), title=v), "title"))
        self.title.editingFinished.connect(context.document.seal)
        self.category.activated.connect(self._category_done)
        line_edit_of(self.category).editingFinished.connect(self._category_done)
        self.add_phrase.clicked.connect(lambda: self.add_step(phrase_id=str(self.picker.currentData() or "")))
        self.add_text.clicked.connect(lambda: self.add_step(text=t("ui.editor.write_this_step")))
        self.remove.clicked.connect(lambda: self.remove_step(self.steps.currentRow()))
        self.up.clicked.connect(lambda: self.move_step(self.steps.currentRow(), -1))
        self.down.clicked.connect(lambda: self.move_step(self.steps.currentRow(), 1))
        self.step_title.textEdited.connect(lambda v: self._edit_step(title=v))
        self.step_text.textChanged.connect(lambda: self._edit_step(text=self.step_text.toPlainText()))
        self.step_phrase.activated.connect(
            lambda: self._edit_step(phrase_id=str(self.step_phrase.currentData()))
        )
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self._current().id))
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(t("ui.editor.title_2"), self.title)
        form.addRow("", self.notes["title"])
        form.addRow(t("ui.editor.category"), self.category)
        form.addRow("", self.notes["category"])
        add = QHBoxLayout()
        add.addWidget(self.picker, 1)
        add.addWidget(self.add_phrase)
        add.addWidget(self.add_text)
        order = QHBoxLayout()
        for button in (self.up, self.down, self.remove):
            order.addWidget(button)
        order.addStretch(1)
        step = QFormLayout()
        step.addRow(t("ui.editor.step_title"), self.step_title)
        step.addRow(t("ui.editor.phrase"), self.step_phrase)
        step.addRow(t("ui.editor.text_2"), self.step_text)
        self._step_form = step
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(QLabel(t("ui.editor.steps_sent_one_per_next")))
        layout.addWidget(self.steps, 2)
        layout.addWidget(self.notes["steps"])
        layout.addWidget(self.notes[""])
        layout.addLayout(add)
        layout.addLayout(order)
        layout.addLayout(step)
        layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignRight)

    # -- showing ------------------------------------------------------------------------------------
    def show_script(self, script: Script, source: Pack) -> None:
        self._script = script
        self._editable = source.layer is Layer.PERSONAL
        self._loading = True
        try:
            if self.title.text() != script.title:
                self.title.setText(script.title)
            self.category.clear()
            self.category.addItems(categories.category_paths(self._context.document.pack))
            self.category.setCurrentText(script.category)
            pack = self._context.document.pack
            for combo in (self.picker, self.step_phrase):
                combo.clear()
                for phrase in pack.phrases:
                    combo.addItem(phrase.title + (f"  〔{phrase.code}〕" if phrase.code else ""), phrase.id)
            row = self.steps.currentRow()
            self.steps.clear()
            titles = self._context.titles()
            for number, st in enumerate(script.steps, 1):
                self.steps.addItem(_step_label(number, st, titles))
            self.steps.setCurrentRow(min(max(row, 0), len(script.steps) - 1))
        finally:
            self._loading = False
        self._show_step(self.steps.currentRow())
        for text in (self.title, self.step_title, self.step_text):
            text.setReadOnly(not self._editable)
        for widget in (
            self.category,
            self.picker,
            self.add_phrase,
            self.add_text,
            self.remove,
            self.up,
            self.down,
            self.step_phrase,
        ):
            widget.setEnabled(self._editable)
        self.add_phrase.setEnabled(self._editable and self.picker.count() > 0)
        self.add_phrase.setToolTip("" if self.picker.count() else t("ui.editor.add_phrases_first"))
        self.delete_button.setVisible(self._editable)
        self.banner.setVisible(not self._editable)
        self.banner.setText(t("ui.editor.read_only_from", name=source.name))

    def show_findings(self, findings: list[Finding]) -> None:
        self.notes.show(findings)

    def note(self, field: str) -> str:
        """The messages shown under `field` ("title", "category", "steps"; "" for the rest)."""
        return self.notes.text(field)

    def _show_step(self, row: int) -> None:
        script = self._script
        st = script.steps[row] if script and 0 <= row < len(script.steps) else None
        self._loading = True
        try:
            if self.step_title.text() != (st.title if st else ""):
                self.step_title.setText(st.title if st else "")
            is_text = st is not None and not st.phrase_id
            if st is not None and is_text and self.step_text.toPlainText() != st.text:
                self.step_text.setPlainText(st.text)
            if st is not None and st.phrase_id:
                self.step_phrase.setCurrentIndex(self.step_phrase.findData(st.phrase_id))
            self._step_form.setRowVisible(self.step_text, is_text)
            self._step_form.setRowVisible(self.step_phrase, st is not None and not is_text)
            self._step_form.setRowVisible(self.step_title, st is not None)
        finally:
            self._loading = False

    # -- editing ------------------------------------------------------------------------------------
    def _current(self) -> Script:
        assert self._script is not None
        return next((s for s in self._context.document.pack.scripts if s.id == self._script.id), self._script)

    def _edit(self, script: Script, what: str, merge: bool = True) -> None:
        if self._loading or not self._editable:
            return
        self._script = script
        pack = edits.put_script(self._context.document.pack, script)
        key = ("script", script.id, what) if merge else None
        self._context.document.apply(
            t("ui.editor.edit_script"), pack=pack, focus=Focus("script", script.id), merge=key
        )

    def _category_done(self) -> None:
        value = self.category.currentText().strip().strip("/")
        if self._script is not None and value != self._current().category:
            self._edit(replace(self._current(), category=value), "category", merge=False)

    def add_step(self, phrase_id: str = "", text: str = "") -> None:
        """Append a step after the selected one: one of my phrases, or an inline text."""
        script = self._current()
        at = self.steps.currentRow() + 1 if self.steps.currentRow() >= 0 else len(script.steps)
        steps = list(script.steps)
        steps.insert(at, Step(phrase_id=phrase_id) if phrase_id else Step(text=text))
        self._edit(replace(script, steps=tuple(steps)), "steps", merge=False)
        self.steps.setCurrentRow(at)

    def remove_step(self, row: int) -> None:
        script = self._current()
        if 0 <= row < len(script.steps):
            steps = script.steps[:row] + script.steps[row + 1 :]
            self._edit(replace(script, steps=steps), "steps", merge=False)

    def move_step(self, row: int, delta: int) -> None:
        script = self._current()
        to = row + delta
        if 0 <= row < len(script.steps) and 0 <= to < len(script.steps):
            steps = list(script.steps)
            steps[row], steps[to] = steps[to], steps[row]
            self._edit(replace(script, steps=tuple(steps)), "steps", merge=False)
            self.steps.setCurrentRow(to)

    def _edit_step(self, **change: str) -> None:
        row = self.steps.currentRow()
        script = self._current() if self._script else None
        if self._loading or script is None or not 0 <= row < len(script.steps):
            return
        steps = list(script.steps)
        steps[row] = replace(steps[row], **change)
        self._edit(replace(script, steps=tuple(steps)), f"step{row}.{','.join(change)}")


def _step_label(number: int, step: Step, titles: Mapping[str, str]) -> str:
    if step.phrase_id:
        body = t("ui.editor.phrase_2") + titles.get(step.phrase_id, step.phrase_id)
    else:
        flat = " ".join(step.text.split())
        body = t("ui.editor.text_3") + (flat[:40] + "…" if len(flat) > 40 else flat)
    title = f"{step.title}：" if step.title else ""
    return f"{number}. {title}{body}"
