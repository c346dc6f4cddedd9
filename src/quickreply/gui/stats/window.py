"""The 统计 window, opened from the tray: the figures of `quickreply usage` for a chosen period (today, the
last 7 or 30 days, everything), as two bar charts and two tables. Figures come from core's `summarize`,
so the window, the CLI and the team report always agree.

The log is read and summed on a worker thread (a year of picks, ~73,000 lines, takes about half a second):
the popup, sharing the UI thread, keeps answering meanwhile. The window says 正在读取使用记录… until the
figures arrive; a short log is shown at once, without that flash."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
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
from quickreply.core.usage.period import PERIODS, period_label, period_start
from quickreply.core.usage.stats import Tally, UsageSummary, format_duration, read_events, summarize
from quickreply.gui import i18n
from quickreply.gui.icons import app_icon
from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE, UI_PIXEL_SIZE, ui_font
from quickreply.gui.stats.charts import BarChart

log = logging.getLogger(__name__)
READ_WAIT_S = 0.03  # a read done by then is shown at once; a longer one shows the loading state first
POLL_MS = 20  # how often the UI thread looks whether a longer read has finished
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


@dataclass
class _Read:
    """One read of the log, run on a worker thread; `summary` is None when it failed."""

    asked: int
    log_file: Path
    since: float | None
    titles: dict[str, str]
    summary: UsageSummary | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        try:
            self.summary = summarize(read_events(self.log_file, self.since), self.titles)
        except Exception:  # a barrier: a bug in the figures must not end in a thread's traceback
            log.exception("summing the usage log %s failed", self.log_file)
        finally:
            self.done.set()


class StatsWindow(QWidget):
    """Reads `log_file` (core/usage/stats) each time it is shown or the period changes, off the UI thread."""

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
        self._asked = 0  # the newest request
        self._shown = 0  # the request whose figures are on screen
        self._failed = False
        self._reading = _Read(0, log_file, None, {})
        self._reading.done.set()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._take)
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
    @property
    def loading(self) -> bool:
        """True while the newest request's figures are not on screen yet."""
        return self._shown != self._asked

    def refresh(self) -> None:
        """Read and sum the log for the chosen period on a worker thread; returns at once (after at most
        READ_WAIT_S). The newest request wins; an older one's figures are never shown."""
        since = period_start(self.current_period(), self._now().astimezone())
        self._asked += 1
        read = _Read(self._asked, self.log_file, since, dict(self.titles))
        self._reading = read
        threading.Thread(target=read.run, name="quickreply-stats-read", daemon=True).start()
        if read.done.wait(READ_WAIT_S):
            self._take()
        else:
            self.totals.setText(_say(msg("usage.loading")))
            self._poll.start()  # the worker only fills `read`: the UI thread fetches it (no cross-thread Qt)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the newest read has finished (scripts and tests; the window never waits)."""
        return self._reading.done.wait(timeout)

    def _take(self) -> None:
        read = self._reading
        if not read.done.is_set() or read.asked == self._shown:
            return
        self._poll.stop()
        self._shown = read.asked
        self._failed = read.summary is None
        self.summary = read.summary if read.summary is not None else UsageSummary()
        self._show(self.summary)

    def _show(self, summary: UsageSummary) -> None:
        lang = i18n.language()
        total = summary.total
        if self.loading:
            self.totals.setText(_say(msg("usage.loading")))
        elif self._failed:
            self.totals.setText(_say(msg("usage.read_failed")))
        elif total.picks:
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
