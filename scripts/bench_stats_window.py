#!/usr/bin/env python3
"""What the 统计 window costs: importing it (pyqtgraph, numpy), its first opening and a refresh, over a
generated usage log of N picks spread over 30 days (offscreen Qt, temporary home). For the opening and
the refresh it prints the time until the figures are on screen and the UI thread's longest stall meanwhile
(the longest gap between ticks of a 5 ms timer: what the popup, on the same thread, would wait).

    PYTHONPATH=src python3 scripts/bench_stats_window.py [--picks 900]

Run it several times: the first import also warms the disk cache."""

from __future__ import annotations

import argparse
import itertools
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--picks", type=int, default=900)
    ns = parser.parse_args()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from quickreply.core.usage.stats import LOG_FILE, PickEvent, append_event

    app = QApplication.instance() or QApplication([])
    log = Path(tempfile.mkdtemp(prefix="qr-stats-")) / LOG_FILE
    random.seed(3)
    now = time.time()
    for i in range(ns.picks):
        pid = f"p{int(random.paretovariate(1.2)) % 200}"
        t = now - random.random() ** 2 * 30 * 86400
        append_event(log, PickEvent(t, pid, f"分类{i % 9}", 40, 0, 5))
    started = time.perf_counter()
    from quickreply.gui.stats import StatsWindow

    imported = time.perf_counter()
    window = StatsWindow(log)
    window.period.setCurrentIndex(window.period.count() - 1)  # 全部 (this refreshes once, unseen)
    window.wait() if hasattr(window, "wait") else None
    app.processEvents()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()

    def measured(action: Callable[[], None]) -> tuple[float, float]:
        """(ms until the figures show, the longest ms between two ticks of the UI thread meanwhile)"""
        ticks.clear()
        begun = time.perf_counter()
        ticks.append(begun)
        action()
        while getattr(window, "loading", False):
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        ended = time.perf_counter()
        marks = [*ticks, ended]
        return 1000 * (ended - begun), 1000 * max(b - a for a, b in itertools.pairwise(marks))

    open_ms, open_stall = measured(window.open)
    refresh_ms, refresh_stall = measured(window.refresh)
    print(
        f"{ns.picks} picks: import {1000 * (imported - started):.0f} ms; first open: figures after "
        f"{open_ms:.0f} ms, UI thread stalled {open_stall:.0f} ms at most; refresh: figures after "
        f"{refresh_ms:.0f} ms, UI thread stalled {refresh_stall:.0f} ms at most"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
