"""The 统计 window, opened from the tray: the figures of `quickreply usage` for a chosen period (today, the
last 7 or 30 days, everything), as two bar charts and two tables. Figures come from core's `summarize`,
so the window, the CLI and the team report always agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.messages import Message, msg
from quickreply.core.usage_period import PERIODS, period_label, period_start
from quickreply.core.usage_stats import Tally, UsageSummary, format_duration, read_events, summarize
from quickreply.gui import i18n
from quickreply.gui.icons import app_icon
from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE, UI_PIXEL_SIZE, ui_font
from quickreply.gui.stats.charts import BarChart

TOP_PHRASES = 10  # bars in the phrase chart; the table lists them all
TOP_CATEGORIES = 12
DEFAULT_PERIOD = "7d"
SIZE = (960, 660)  # fits a 1366×768 screen with the taskbar


def _say(message: Message) -> str:
    return i18n.text_of(message)


def _cell(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class StatsWindow(QWidget):
    """Reads `log_file` (core/usage_stats) each time it is shown or the period changes."""

    def __init__(
        self,
        log_file: Path,
        titles: dict[str, str] | None = None,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.log_file, self.titles, self._now = log_file, dict(titles or {}), now
        self.summary = UsageSummary()
        self.setWindowTitle(_say(msg("usage.window_title")))
        self.setWindowIcon(app_icon())
        self.setFont(ui_font())
        self.resize(*SIZE)
        self.period = QComboBox()
        for period in PERIODS:
            self.period.addItem(_say(period_label(period)), period)
        self.period.setCurrentIndex(PERIODS.index(DEFAULT_PERIOD))
        self.period.currentIndexChanged.connect(self.refresh)
        refresh = QPushButton(_say(msg("usage.refresh")))
        refresh.clicked.connect(self.refresh)
        self.totals = QLabel()
        self.totals.setFont(ui_font(UI_PIXEL_SIZE + 3, bold=True))
        self.totals.setStyleSheet(f"color: {COLORS.accent};")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setFont(ui_font(SMALL_PIXEL_SIZE))
        self.note.setStyleSheet(f"color: {COLORS.muted};")
        self.category_chart = BarChart(_say(msg("usage.chart_categories")))
        self.phrase_chart = BarChart(_say(msg("usage.chart_phrases", count=TOP_PHRASES)))
        self.phrase_table = self._table(("col_phrase", "col_category", "col_picks", "col_chars", "col_saved"))
        self.category_table = self._table(("col_category", "col_picks", "col_chars", "col_saved"))
        self._layout(refresh)

    def _table(self, columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels([_say(msg(f"usage.{c}")) for c in columns])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setAlternatingRowColors(True)
        return table

    def _layout(self, refresh: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(_say(msg("usage.period_label"))))
        top.addWidget(self.period)
        top.addWidget(refresh)
        top.addStretch(1)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.category_chart)
        charts.addWidget(self.phrase_chart)
        tabs = QTabWidget()
        tabs.addTab(self.phrase_table, _say(msg("usage.tab_phrases")))
        tabs.addTab(self.category_table, _say(msg("usage.tab_categories")))
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(charts)
        body.addWidget(tabs)
        body.setSizes([330, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.note)
        layout.addWidget(body, 1)

    # -- what the app tells the window ----------------------------------------------------------------
    def set_titles(self, titles: dict[str, str]) -> None:
        """Phrase titles by id, from the library in use (a reload may rename phrases)."""
        self.titles = dict(titles)
        if self.isVisible():
            self.refresh()

    def set_period(self, period: str) -> None:
        self.period.setCurrentIndex(PERIODS.index(period))  # refreshes when it changes
        self.refresh()

    def current_period(self) -> str:
        return str(self.period.currentData())

    def open(self) -> None:
        """Show (or bring back) the window with fresh figures."""
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()

    def retranslate(self) -> None:
        """After a language switch (gui/i18n): what is built from pieces — the charts' titles (drawn by
        pyqtgraph, not Qt labels), the totals, the note and the tables' durations."""
        self.category_chart.set_title(_say(msg("usage.chart_categories")))
        self.phrase_chart.set_title(_say(msg("usage.chart_phrases", count=TOP_PHRASES)))
        self._show(self.summary)

    # -- figures --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        since = period_start(self.current_period(), self._now().astimezone())
        self.summary = summarize(read_events(self.log_file, since), self.titles)
        self._show(self.summary)

    def _show(self, summary: UsageSummary) -> None:
        lang = i18n.language()
        total = summary.total
        if total.picks:
            self.totals.setText(
                _say(msg("usage.totals", picks=total.picks, chars=total.chars,
                         saved=format_duration(total.saved_seconds(summary.keys_per_minute), lang)))
            )  # fmt: skip
        else:
            self.totals.setText(_say(msg("usage.empty")))
        self.note.setText(
            _say(msg("usage.model_note", kpc=f"{summary.kpc:.2f}", kpm=f"{summary.keys_per_minute:g}"))
        )
        kpm = summary.keys_per_minute
        categories = sorted(summary.categories, key=lambda t: -t.saved_keys)[:TOP_CATEGORIES]  # as drawn
        self.category_chart.set_bars(
            [self._category(t.name) for t in categories],
            [t.saved_seconds(kpm) / 60 for t in categories],
        )
        phrases = summary.phrases[:TOP_PHRASES]
        self.phrase_chart.set_bars([self.phrase_name(t) for t in phrases], [t.picks for t in phrases])
        self._fill(self.phrase_table, summary.phrases, summary, phrase=True)
        self._fill(self.category_table, summary.categories, summary, phrase=False)

    def phrase_name(self, tally: Tally) -> str:
        return tally.title or tally.name

    def _category(self, name: str) -> str:
        return name if name and name != "-" else _say(msg("usage.uncategorised"))

    def _fill(self, table: QTableWidget, tallies: list[Tally], summary: UsageSummary, phrase: bool) -> None:
        lang = i18n.language()
        table.setRowCount(len(tallies))
        for row, tally in enumerate(tallies):
            cells = [self.phrase_name(tally), self._category(tally.category)] if phrase else [
                self._category(tally.name)
            ]  # fmt: skip
            for column, text in enumerate(cells):
                item = _cell(text)
                if phrase and column == 0:
                    item.setToolTip(tally.name)  # the phrase id, for the lead's questions
                table.setItem(row, column, item)
            first = len(cells)
            saved = format_duration(tally.saved_seconds(summary.keys_per_minute), lang)
            for offset, text in enumerate((str(tally.picks), str(tally.chars), saved)):
                table.setItem(row, first + offset, _cell(text, number=True))
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
