"""The phrase list: the phrases of the selected category, searched as in the popup, each with its layer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.model import Layer, Phrase
from quickreply.core.search.index import SearchIndex
from quickreply.gui.editor.badges import COLORS as BADGE_COLORS
from quickreply.gui.editor.badges import layer_name
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE, mono_font, ui_font

Index = QModelIndex | QPersistentModelIndex
TITLE, CODE, CATEGORY, LAYER = range(4)


@dataclass(frozen=True)
class Row:
    phrase: Phrase
    layer: Layer
    pack_name: str
    overridden: bool = False  # a personal phrase with the same id is used instead
    error: str = ""  # the first error of this phrase, "" when it checks clean


class PhraseModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        if len(rows) == len(self.rows) and [r.phrase.id for r in rows] == [r.phrase.id for r in self.rows]:
            changed = [i for i, (a, b) in enumerate(zip(self.rows, rows, strict=True)) if a != b]
            self.rows = rows  # same rows, some edited: keep the selection and scroll position
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, LAYER))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (t("ui.editor.title"), t("ui.editor.code"), t("ui.editor.category"), t("ui.editor.layer"))[
                section
            ]
        return None

    def data(self, index: Index, role: int = 0) -> object:
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            title = ("⚠ " if row.error else "") + (row.phrase.title or t("ui.editor.no_title"))
            return (title, row.phrase.code, row.phrase.category, layer_name(row.layer))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.error:
                return row.error
            if row.overridden:
                return t("ui.editor.your_own_copy_is_used")
            return f"{row.pack_name}\n{row.phrase.text[:200]}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.error:
                return QBrush(QColor(COLORS.error))
            if row.overridden or (row.layer is not Layer.PERSONAL and column != LAYER):
                return QBrush(QColor(COLORS.muted))
        if role == Qt.ItemDataRole.FontRole:
            font = mono_font(13) if column == CODE else ui_font(14)
            font.setStrikeOut(row.overridden and column == TITLE)
            return font
        return None


class LayerBadge(QStyledItemDelegate):
    """The layer as a small coloured pill: 内置 / 团队 / 本地 / 个人."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)  # selection background
        row: Row = index.model().rows[index.row()]  # type: ignore[attr-defined]
        background, foreground = BADGE_COLORS[row.layer]
        text = layer_name(row.layer)
        font = ui_font(SMALL_PIXEL_SIZE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        width = painter.fontMetrics().horizontalAdvance(text) + 12
        rect = QRectF(option.rect.left() + 6, option.rect.center().y() - 9, width, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, 9, 9)
        painter.setPen(QColor(foreground))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.text = ""  # the pill replaces the plain text

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(64, 26)


class PhraseList(QWidget):
    """Search box over a table; `phrase_selected` gives the Row picked (or None)."""

    phrase_selected = Signal(object)
    counted = Signal(int, int)  # rows shown, rows in the selected category

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText=t("ui.editor.search_text_pinyin_code"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._show())
        self.model = PhraseModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(28)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((CODE, 70), (CATEGORY, 110), (LAYER, 64)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(column, width)
        self.view.setItemDelegateForColumn(LAYER, LayerBadge(self.view))
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        self._rows: list[Row] = []
        self._indexes: dict[bool, SearchIndex] = {}  # mine?, index
        self._query = ""
        self._hits: list[tuple[bool, str]] = []
        self._emitted = ""

    def set_rows(self, rows: Sequence[Row]) -> None:
        """The phrases of the selected node, in pack order; a search in progress is applied again."""
        self._rows = list(rows)
        self._show(requery=False)

    def _show(self, requery: bool = True) -> None:
        keep = self.current_id()
        query = self.search.text().strip()
        rows = self._rows
        if query:
            if requery or query != self._query:
                self._hits, self._query = self._search(query), query
            # After an edit the hits keep their order (no re-index per keystroke); a new query re-ranks.
            by_key = {_key(r): r for r in self._rows}
            rows = [by_key[key] for key in self._hits if key in by_key]
        self.model.set_rows(rows)
        self.counted.emit(len(rows), len(self._rows))
        if keep and self.current_id() != keep:
            self.select(keep)
        if self.current_id() != self._emitted:  # a model reset clears the current row without a signal
            self._row_changed()

    def _search(self, query: str) -> list[tuple[bool, str]]:
        """Hits as the popup ranks them. My phrases and the read-only ones are indexed apart, so editing
        mine never re-indexes a large team pack."""
        hits: list[tuple[float, bool, str]] = []
        for mine in (True, False):
            phrases = tuple(r.phrase for r in self._rows if (r.layer is Layer.PERSONAL) is mine)
            if not phrases:
                continue
            index = self._indexes.get(mine)
            if index is None or index.phrases != phrases:
                index = self._indexes[mine] = SearchIndex.build(phrases)
            hits += [(hit.score, mine, hit.phrase.id) for hit in index.search(query, limit=len(phrases))]
        hits.sort(key=lambda hit: -hit[0])  # stable: on equal scores my phrases come first
        return [(mine, pid) for _, mine, pid in hits]

    def rows(self) -> list[Row]:
        return list(self.model.rows)

    def current_row(self) -> Row | None:
        index = self.view.currentIndex()
        return (
            self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None
        )

    def current_id(self) -> str:
        row = self.current_row()
        return row.phrase.id if row else ""

    def select(self, phrase_id: str, layer: Layer | None = None) -> bool:
        for i, row in enumerate(self.model.rows):
            if row.phrase.id == phrase_id and (layer is None or row.layer is layer):
                self.view.selectRow(i)
                self.view.scrollTo(self.model.index(i, 0))
                return True
        return False

    def _row_changed(self) -> None:
        self._emitted = self.current_id()
        self.phrase_selected.emit(self.current_row())


def _key(row: Row) -> tuple[bool, str]:
    return row.layer is Layer.PERSONAL, row.phrase.id
