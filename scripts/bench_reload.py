#!/usr/bin/env python3
"""How long the UI thread stalls while a changed team pack reloads: the old way (on the UI thread) against
the background loader (app/library_loader.py).

A 10 ms timer runs on the UI thread while one phrase of an N-phrase team pack changes and the library
reloads; the longest gap between ticks is how long a hotkey press or an Esc would wait. Qt offscreen, no
display needed.

    python3 scripts/bench_reload.py 10000        # also 100000 (takes minutes)
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000, help="phrases in the team pack")
    parser.add_argument("--rounds", type=int, default=3)
    ns = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="qr-bench-reload-"))
    os.environ["QUICKREPLY_HOME"] = str(home)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from make_synthetic_pack import make_pack
    from quickreply.app.library_loader import LibraryLoader
    from quickreply.app.user_files import load_packs
    from quickreply.paths import app_paths

    qt = QApplication.instance() or QApplication([])
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    team = paths.packs_dir / "team.toml"
    text = make_pack(ns.count)
    team.write_text(text, encoding="utf-8")
    load_packs(paths, ())  # warm the caches once, as a running app has them

    def stall(run_load) -> tuple[float, float]:  # (longest gap ms, load ms)
        ticks: list[float] = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        end = time.perf_counter() + 0.2
        while time.perf_counter() < end:
            qt.processEvents()
        started = time.perf_counter()
        run_load()
        took = (time.perf_counter() - started) * 1000
        end = time.perf_counter() + 0.2
        while time.perf_counter() < end:
            qt.processEvents()
        timer.stop()
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
        return max(gaps), took

    results: dict[str, list[tuple[float, float]]] = {"ui thread (before)": [], "background (now)": []}
    for round_no in range(ns.rounds):
        for name in results:
            changed = text.replace('title = "', f'title = "改{round_no}{name[0]}', 1)
            team.write_text(changed, encoding="utf-8")  # one phrase changed: a new team version
            if name.startswith("ui"):
                results[name].append(stall(lambda: load_packs(paths, ())))
            else:
                loader = LibraryLoader(paths, (), load_packs)
                done: list[object] = []
                loader.loaded.connect(done.append)

                def background(loader=loader, done=done) -> None:
                    loader.request()
                    while not done:
                        qt.processEvents()
                        time.sleep(0.001)

                results[name].append(stall(background))
    print(f"team pack: {ns.count:,} phrases, one phrase changed per reload, {ns.rounds} rounds")
    print(f"{'reload':22} {'longest UI stall ms (median / max)':>36} {'reload ms (median)':>20}")
    for name, rows in results.items():
        stalls = [s for s, _ in rows]
        loads = [t for _, t in rows]
        print(
            f"{name:22} {statistics.median(stalls):17.0f} / {max(stalls):6.0f}"
            f" {statistics.median(loads):20.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
