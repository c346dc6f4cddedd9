#!/usr/bin/env python3
"""What the 统计 window costs: importing it (pyqtgraph, numpy), its first opening and a refresh, over a
generated usage log of N picks spread over 30 days (offscreen Qt, temporary home).

    PYTHONPATH=src python3 scripts/bench_stats_window.py [--picks 900]

Run it several times: the first import also warms the disk cache."""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--picks", type=int, default=900)
    ns = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from quickreply.core.usage_stats import LOG_FILE, PickEvent, append_event

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
    window.set_period("all")
    window.open()
    app.processEvents()
    opened = time.perf_counter()
    window.refresh()
    app.processEvents()
    refreshed = time.perf_counter()
    print(
        f"{ns.picks} picks: import {1000 * (imported - started):.0f} ms, first open "
        f"{1000 * (opened - imported):.0f} ms, refresh {1000 * (refreshed - opened):.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
