"""Horizontal bar charts drawn by pyqtgraph: one bar per name, the largest at the top, names on the left."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE, ui_font

LABEL_MAX = 14  # characters of a name on the axis; the table beside shows it whole
BAR_BRUSH = "#69b1ff"
AXIS_PAD = 18  # tick marks and the gap between a name and its bar, in pixels


def short(name: str) -> str:
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1] + "…"


class BarChart(pg.PlotWidget):
    """A still chart (no panning or zooming: it is read, not explored)."""

    def __init__(self, title: str) -> None:
        super().__init__(background=COLORS.card)
        self.names: list[str] = []
        self.values: list[float] = []
        self._bars: pg.BarGraphItem | None = None
        font: QFont = ui_font(SMALL_PIXEL_SIZE)
        self._font = font
        item = self.getPlotItem()
        self.set_title(title)
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setStyle(tickFont=font)
            axis.setTextPen(COLORS.text)
            axis.setPen(COLORS.border)

    def set_title(self, title: str) -> None:
        self.title = title
        item = self.getPlotItem()
        item.setTitle(title, color=COLORS.text, size=f"{SMALL_PIXEL_SIZE + 1}px")
        item.titleLabel.item.setFont(self._font)

    def set_bars(self, names: Sequence[str], values: Sequence[float]) -> None:
        """Replace the bars: `names[0]` is drawn at the top."""
        self.names, self.values = list(names), [float(v) for v in values]
        if self._bars is not None:
            self.removeItem(self._bars)
            self._bars = None
        count = len(self.values)
        rows = [count - 1 - i for i in range(count)]  # first name on the top row
        if count:
            self._bars = pg.BarGraphItem(
                x0=0, y=rows, height=0.62, width=self.values, brush=BAR_BRUSH, pen=pg.mkPen(None)
            )
            self.addItem(self._bars)
        labels = [short(name) for name in self.names]
        left = self.getAxis("left")
        left.setTicks([list(zip(rows, labels, strict=True))])
        # As wide as the longest name, set at once: pyqtgraph widens the axis only after a paint that
        # skipped the names that did not fit (seen under Windows: most names missing in the first frame).
        metrics = QFontMetrics(self._font)
        left.setWidth(max((metrics.horizontalAdvance(label) for label in labels), default=0) + AXIS_PAD)
        top = max(self.values, default=0.0) or 1.0
        self.setXRange(0, top * 1.05, padding=0)
        self.setYRange(-0.6, max(count, 1) - 0.4, padding=0)

    def bar_widths(self) -> list[float]:
        """The drawn bars' lengths, top first (what a test compares with the figures)."""
        if self._bars is None:
            return []
        widths = [float(w) for w in self._bars.opts["width"]]
        rows = [int(y) for y in self._bars.opts["y"]]
        return [w for _, w in sorted(zip(rows, widths, strict=True), reverse=True)]
