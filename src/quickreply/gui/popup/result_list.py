"""The popup's result rows: a list model of phrases with match spans, and the delegate that paints them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from quickreply.core.messages import msg
from quickreply.core.model import Phrase, Script
from quickreply.core.template import fill_known, render_partial
from quickreply.gui.i18n import t, text_of
from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE, mono_font, ui_font

Spans = Mapping[str, Sequence[tuple[int, int]]]  # field name -> [start, end) char ranges
NEWLINE_MARK = "⏎"
ELLIPSIS = "…"
HINT_ROWS = 9  # Alt+1…Alt+9
MAX_TAGS = 2  # matched tags shown beside a title
_PREVIEW_CHARS = 300  # more than any row can show; keeps eliding cheap for long texts
_CONTEXT_CHARS = 6  # characters kept before a match that lies beyond the visible part of a preview

PhraseRole = Qt.ItemDataRole.UserRole + 1
SpansRole = Qt.ItemDataRole.UserRole + 2
NoteRole = Qt.ItemDataRole.UserRole + 3
MarkRole = Qt.ItemDataRole.UserRole + 4
ValuesRole = Qt.ItemDataRole.UserRole + 5
SourceRole = Qt.ItemDataRole.UserRole + 6
PinnedRole = Qt.ItemDataRole.UserRole + 7
PIN_MARK = "★"
PIN_COLOR = "#faad14"
SOURCE_COLOR = "#8c8c8c"
# A team phrase added or changed in the last few days (core/sync/changes.recent_marks): badge text, colour.
MARKS = {"new": ("ui.mark.new", "#389e0d"), "changed": ("ui.mark.changed", "#d46b08")}


@dataclass(frozen=True)
class Row:
    """One result row: the phrase, where the query matched it, and a note such as 最近 (recent)."""

    phrase: Phrase
    spans: Spans = field(default_factory=dict)
    note: str = ""
    script: Script | None = None  # a talk script's row: picking it starts the script
    source: str = ""  # where the phrase comes from, as its badge says: 团队 / 个人 / 内置
    pinned: bool = False  # ★: first for an empty query, above equal matches


class ResultModel(QAbstractListModel):
    """The rows shown under the search box, replaced as a whole on each keystroke."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._marks: Mapping[str, str] = {}
        self._values: Mapping[str, str] = {}

    def set_values(self, values: Mapping[str, str]) -> None:
        """The blanks the app fills itself (shop, agent, date …): rows show them filled in."""
        self.beginResetModel()
        self._values = dict(values)
        self.endResetModel()

    def values(self) -> Mapping[str, str]:
        return self._values

    def set_marks(self, marks: Mapping[str, str]) -> None:
        """Phrase id → "new" / "changed": those rows carry a 新 / 改 badge."""
        self.beginResetModel()
        self._marks = dict(marks)
        self.endResetModel()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.phrase.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return render_partial(row.phrase.text, self._values)
        if role == PhraseRole:
            return row.phrase
        if role == SpansRole:
            return row.spans
        if role == NoteRole:
            return row.note
        if role == MarkRole:
            return self._marks.get(row.phrase.id, "")
        if role == SourceRole:
            return row.source
        if role == PinnedRole:
            return row.pinned
        if role == ValuesRole:
            return self._values
        return None


def one_line(text: str, spans: Sequence[tuple[int, int]] = ()) -> tuple[str, list[tuple[int, int]]]:
    """`text` on one line (line breaks as ⏎, a CRLF as one mark) with `spans` moved to match."""
    out: list[str] = []
    where: list[int] = []  # where[i] = index in `out` of source char i
    for i, ch in enumerate(text[: _PREVIEW_CHARS * 2]):
        where.append(len(out))
        if ch == "\r" and text[i + 1 : i + 2] == "\n":
            continue  # the \n that follows draws the mark
        out.append(NEWLINE_MARK if ch in "\r\n" else (" " if ch.isspace() else ch))
    where.append(len(out))
    moved = []
    for start, end in spans:
        start, end = max(start, 0), min(end, len(where) - 1)
        if start < end:
            moved.append((where[start], max(where[end], where[start] + 1)))
    return "".join(out), moved


def meta_line(phrase: Phrase, spans: Spans, note: str = "") -> tuple[str, list[tuple[int, int]]]:
    """The grey line beside the title: note, `售后 › 退换货`, and `#tag`s that matched, with spans moved.
    Tag spans are ranges in " ".join(tags), as the search reports them."""
    out = note
    moved: list[tuple[int, int]] = []
    if phrase.category:
        out += " · " if out else ""
        where: list[int] = []
        for ch in phrase.category:
            where.append(len(out))
            out += " › " if ch == "/" else ch
        where.append(len(out))
        n = len(phrase.category)
        moved += [(where[s], where[e]) for s, e in spans.get("category", ()) if 0 <= s < e <= n]
    # A matched tag explains a row whose title did not match; beside a matched title it is only noise.
    tag_spans = () if spans.get("title") else spans.get("tags", ())
    at, shown = 0, 0
    for tag in phrase.tags:
        if shown == MAX_TAGS:
            break
        hits = [(max(s, at), min(e, at + len(tag))) for s, e in tag_spans if s < at + len(tag) and e > at]
        if hits:
            shown += 1
            out += " · #" if out else "#"
            moved += [(len(out) + s - at, len(out) + e - at) for s, e in hits]
            out += tag
        at += len(tag) + 1
    if not spans.get("title"):  # a similar question that matched says how the buyer asked
        at = 0
        for question in phrase.questions:
            hits = [
                (max(s, at), min(e, at + len(question)))
                for s, e in spans.get("questions", ())
                if s < at + len(question) and e > at
            ]
            if hits:
                out += " · " if out else ""
                label = text_of(msg("search.question_matched", question=question))
                head = len(out) + label.index(question)
                moved += [(head + s - at, head + e - at) for s, e in hits]
                out += label
                break
            at += len(question) + 1
    return out, moved


def elide_runs(
    text: str, spans: Sequence[tuple[int, int]], fm: QFontMetricsF, width: float, keep_match: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """Shorten `text` to `width` with … and clip `spans`; with keep_match, a match that would be cut off
    is brought into view by dropping the start of the text instead."""
    shown, clipped, _ = elide_marked(text, spans, (), fm, width, keep_match)
    return shown, clipped


def elide_marked(
    text: str,
    spans: Sequence[tuple[int, int]],
    filled: Sequence[tuple[int, int]],
    fm: QFontMetricsF,
    width: float,
    keep_match: bool = False,
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """`elide_runs` that also moves and clips the ranges of filled-in values."""
    ordered, values = sorted(spans), sorted(filled)
    if keep_match and ordered and fm.horizontalAdvance(text[: ordered[0][1]]) > width:
        cut = max(ordered[0][0] - _CONTEXT_CHARS, 0)
        text = ELLIPSIS + text[cut:]
        ordered = [(max(s - cut, 0) + 1, e - cut + 1) for s, e in ordered if e - cut > 0]
        values = [(max(s - cut, 0) + 1, e - cut + 1) for s, e in values if e - cut > 0]
    shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    visible = len(text) if shown == text else max(len(shown) - 1, 0)
    clipped = [(s, min(e, visible)) for s, e in ordered if s < visible]
    return shown, clipped, [(s, min(e, visible)) for s, e in values if s < visible]


def row_text(
    phrase: Phrase, values: Mapping[str, str], spans: Sequence[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """A row's one-line preview with the profile's values filled in ({shop} → 小鹿旗舰店): the text, the
    matched ranges and the filled ranges (drawn marked, so the agent sees what was filled)."""
    shown, where, filled = fill_known(phrase.text, values)
    n = len(phrase.text)
    moved = [(where[s], where[e]) for s, e in spans if 0 <= s < e <= n]
    line, matched = one_line(shown, moved)
    return line, matched, one_line(shown, filled)[1]


class ResultDelegate(QStyledItemDelegate):
    """Two lines per row: number hint, bold title, category, code badge; then a one-line text preview."""

    PAD_X = 10
    PAD_Y = 7
    HINT_W = 22
    GAP = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_font = ui_font(15, bold=True)
        self.preview_font = ui_font(13)
        self.small_font = ui_font(SMALL_PIXEL_SIZE)
        self.code_font = mono_font(SMALL_PIXEL_SIZE)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title_h = QFontMetricsF(self.title_font).height()
        preview_h = QFontMetricsF(self.preview_font).height()
        return QSize(option.rect.width(), round(2 * self.PAD_Y + title_h + 3 + preview_h))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        phrase: Phrase | None = index.data(PhraseRole)
        if phrase is None:
            return
        spans: Spans = index.data(SpansRole) or {}
        note: str = index.data(NoteRole) or ""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 1, -4, -1)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(COLORS.q("selected"))
            painter.drawRoundedRect(rect, 6, 6)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#f5f7fa"))
            painter.drawRoundedRect(rect, 6, 6)

        left = rect.left() + self.PAD_X
        right = rect.right() - self.PAD_X
        top = rect.top() + self.PAD_Y - 1
        title_fm = QFontMetricsF(self.title_font)
        if index.row() < HINT_ROWS:
            painter.setFont(self.small_font)
            painter.setPen(COLORS.q("accent" if selected else "muted"))
            hint_rect = QRectF(left, top, self.HINT_W - 6, title_fm.height())
            painter.drawText(hint_rect, Qt.AlignmentFlag.AlignCenter, str(index.row() + 1))
        left += self.HINT_W

        if phrase.code:
            right = self._draw_code(
                painter, phrase.code, bool(spans.get("code")), right, top, title_fm.height()
            )
        title_w = self._draw_runs(
            painter,
            left,
            top,
            right - left,
            phrase.title,
            spans.get("title", ()),
            self.title_font,
            COLORS.q("text"),
            None,
        )
        meta, meta_spans = meta_line(phrase, spans, note)
        meta_left = left + title_w + self.GAP
        if index.data(PinnedRole) and right - meta_left > 20:
            painter.setFont(self.title_font)
            painter.setPen(QColor(PIN_COLOR))
            painter.drawText(QPointF(meta_left - self.GAP / 2, top + title_fm.ascent()), PIN_MARK)
            meta_left += title_fm.horizontalAdvance(PIN_MARK) + self.GAP / 2
        mark = MARKS.get(index.data(MarkRole) or "")
        if mark is not None and right - meta_left > 30:
            meta_left = self._draw_mark(painter, t(mark[0]), mark[1], meta_left, top, title_fm.height())
        source = index.data(SourceRole) or ""
        if source and right - meta_left > 50:
            meta_left = self._draw_mark(painter, source, SOURCE_COLOR, meta_left, top, title_fm.height())
        if meta and right - meta_left > 40:
            small_fm = QFontMetricsF(self.small_font)
            baseline_shift = title_fm.ascent() - small_fm.ascent()
            self._draw_runs(
                painter,
                meta_left,
                top + baseline_shift,
                right - meta_left,
                meta,
                meta_spans,
                self.small_font,
                COLORS.q("muted"),
                None,
            )

        text, text_spans, filled = row_text(phrase, index.data(ValuesRole) or {}, spans.get("text", ()))
        preview_top = top + title_fm.height() + 3
        self._draw_runs(
            painter,
            left,
            preview_top,
            rect.right() - self.PAD_X - left,
            text,
            text_spans,
            self.preview_font,
            QColor("#5c6370"),
            COLORS.q("match_bg"),
            keep_match=True,
            filled=filled,
        )
        painter.restore()

    def _draw_mark(
        self, painter: QPainter, text: str, color: str, left: float, top: float, h: float
    ) -> float:
        """A small coloured badge (新 / 改) after the title; returns where the grey meta line starts."""
        painter.setFont(self.small_font)
        fm = QFontMetricsF(self.small_font)
        width = fm.horizontalAdvance(text) + 8
        badge = QRectF(left, top + (h - fm.height() - 2) / 2, width, fm.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        return badge.right() + self.GAP

    def _draw_code(
        self, painter: QPainter, code: str, matched: bool, right: float, top: float, h: float
    ) -> float:
        """A right-aligned monospace badge; returns the x where the space left of it ends."""
        fm = QFontMetricsF(self.code_font)
        shown = fm.elidedText(code, Qt.TextElideMode.ElideRight, 120)
        w = fm.horizontalAdvance(shown) + 12
        badge = QRectF(right - w, top + (h - fm.height() - 4) / 2, w, fm.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(COLORS.q("match_bg" if matched else "badge"))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setFont(self.code_font)
        painter.setPen(COLORS.q("match" if matched else "muted"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, shown)
        return badge.left() - self.GAP

    def _draw_runs(
        self,
        painter: QPainter,
        x: float,
        top: float,
        width: float,
        text: str,
        spans: Sequence[tuple[int, int]],
        font: QFont,
        color: QColor,
        match_bg: QColor | None,
        keep_match: bool = False,
        filled: Sequence[tuple[int, int]] = (),
    ) -> float:
        """Draw `text` elided to `width`, matched ranges in the match colour and filled-in values in the
        filled colour, underlined; returns the width used."""
        if width <= 0 or not text:
            return 0.0
        fm = QFontMetricsF(font)
        shown, ranges, values = elide_marked(text, spans, filled, fm, width, keep_match)
        painter.setFont(font)
        baseline = top + fm.ascent()
        cursor = x
        for piece, matched, is_value in _pieces(shown, ranges, values):
            advance = fm.horizontalAdvance(piece)
            if matched and match_bg is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(match_bg)
                painter.drawRoundedRect(QRectF(cursor, top, advance, fm.height()), 2, 2)
            pen = COLORS.q("match") if matched else (QColor(COLORS.filled) if is_value else color)
            painter.setPen(pen)
            painter.drawText(QPointF(cursor, baseline), piece)
            if is_value:  # a dotted line under a filled value: not the agent's text, the profile's
                painter.setPen(QPen(QColor(COLORS.filled), 1, Qt.PenStyle.DotLine))
                under = baseline + 2
                painter.drawLine(QPointF(cursor, under), QPointF(cursor + advance, under))
            cursor += advance
        return cursor - x


def _pieces(
    text: str, matched: Sequence[tuple[int, int]], filled: Sequence[tuple[int, int]]
) -> list[tuple[str, bool, bool]]:
    """`text` cut into runs of the same look: (run, matched, a filled-in value)."""
    is_match = [False] * len(text)
    is_value = [False] * len(text)
    for ranges, flags in ((matched, is_match), (filled, is_value)):
        for start, end in ranges:
            for i in range(max(start, 0), min(end, len(text))):
                flags[i] = True
    runs: list[tuple[str, bool, bool]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (is_match[i], is_value[i]) != (is_match[start], is_value[start]):
            runs.append((text[start:i], is_match[start], is_value[start]))
            start = i
    return runs
