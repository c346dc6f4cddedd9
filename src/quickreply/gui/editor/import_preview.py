"""The import dialog's preview: one row per phrase to import, conflicts with my phrases highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from quickreply.core.importers import Conflict
from quickreply.core.model import Pack, Phrase
from quickreply.core.template import render_partial
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import COLORS

PREVIEW_ROWS = 5000  # beyond this the table only slows the dialog down; the import takes them all


class PreviewTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        headers = [
            t("ui.editor.status"),
            t("ui.editor.code"),
            t("ui.editor.title"),
            t("ui.editor.category"),
            t("ui.editor.text"),
        ]
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 130), (1, 70), (2, 200), (3, 110)):
            self.setColumnWidth(column, width)

    def show_phrases(self, phrases: Sequence[Phrase], conflicts: Sequence[Conflict], mine: Pack) -> None:
        why = _conflict_notes(conflicts, mine)
        shown = phrases[:PREVIEW_ROWS]
        self.setRowCount(len(shown))
        for row, phrase in enumerate(shown):
            status, story = why.get(phrase.id, (t("ui.editor.new"), t("ui.editor.new")))
            # The text as it will paste: literal braces single, blanks as {name} (the pack file doubles the
            # literal ones, which is no business of the preview).
            shown_text = render_partial(phrase.text, {})
            cells = [status, phrase.code, phrase.title, phrase.category, " ".join(shown_text.split())]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip((story, text, text, text, shown_text)[column])
                if phrase.id in why:
                    item.setBackground(QBrush(QColor(COLORS.missing_bg)))
                self.setItem(row, column, item)

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row."""
        return [[_text(self.item(r, c)) for c in range(5)] for r in range(self.rowCount())]


def _conflict_notes(conflicts: Sequence[Conflict], mine: Pack) -> dict[str, tuple[str, str]]:
    """Incoming id -> (short status for the table, the whole story for its tooltip)."""
    titles = {p.id: p.title for p in mine.phrases}
    why: dict[str, tuple[str, str]] = {}
    for c in conflicts:
        title = titles.get(c.existing_id, c.existing_id)
        if c.reason == "id":
            why[c.incoming_id] = (
                t("ui.editor.conflict_same_id"),
                t("ui.editor.same_id_as_my", title=title),
            )
        else:
            why.setdefault(
                c.incoming_id,
                (
                    t("ui.editor.conflict_code", code=c.code),
                    t("ui.editor.code_is_my", code=c.code, title=title),
                ),
            )
    return why


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""
