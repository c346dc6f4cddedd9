#!/usr/bin/env python3
"""RSS of the whole app over many background reloads (a team pack changing again and again).

Builds the real App (Qt offscreen, the tests' fake desktop for the OS ports) with an N-phrase pack,
changes one phrase and reloads R times, and prints RSS after the first and the last reload. Issue 11's
target: after 50 reloads at 10k, within 10% of after the first.

    python3 scripts/soak_reload.py 10000 --reloads 50
    python3 scripts/soak_reload.py 10000 --reloads 50 --subscription [--top 15]

`--subscription`: the pack is a team pack in a subscribed folder (`[[subscriptions]] path = …`), and each
change goes the way a team update does: the app's TeamSync copies it (sync layer, update records, the
"what changed" window), then the library reloads in the background. `--top N` prints the N places whose
allocations grew most between the first and the last reload (tracemalloc; slower).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "scripts"), str(REPO)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--reloads", type=int, default=50)
    parser.add_argument("--subscription", action="store_true", help="through a folder subscription sync")
    parser.add_argument("--top", type=int, default=0, help="tracemalloc: the N sites that grew most")
    ns = parser.parse_args()
    os.environ["QUICKREPLY_HOME"] = tempfile.mkdtemp(prefix="qr-soak-")

    from PySide6.QtWidgets import QApplication
    from tests.fakes import FakeDesktop, FakeHotkeys

    from make_synthetic_pack import make_pack
    from quickreply.app.root import build_app
    from quickreply.core.paste.sequence import PastePorts
    from quickreply.paths import app_paths
    from quickreply.platform.backend import Backend

    qt = QApplication.instance() or QApplication([])
    paths = app_paths()
    text = make_pack(ns.count)
    if ns.subscription:
        folder = Path(os.environ["QUICKREPLY_HOME"]) / "shared"
        folder.mkdir(parents=True)
        paths.config.mkdir(parents=True, exist_ok=True)
        sub = f"[sync]\ninterval_minutes = 0\n\n[[subscriptions]]\nname = \"团队\"\npath = '{folder}'\n"
        paths.settings_file.write_text(sub, encoding="utf-8")
        team = folder / "team.toml"
    else:
        paths.packs_dir.mkdir(parents=True, exist_ok=True)
        team = paths.packs_dir / "team.toml"
    team.write_text(text, encoding="utf-8")
    if ns.top:
        import tracemalloc

        tracemalloc.start(8)
    desk = FakeDesktop()
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    app = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    if ns.subscription:
        app.start()  # configures the subscription and runs its first sync
        wait_installed(app, qt, lambda: None)
    figures = []
    snapshot = None
    for number in range(1, ns.reloads + 1):
        team.write_text(text.replace('title = "', f'title = "第{number}版', 1), encoding="utf-8")
        if ns.subscription:
            wait_installed(app, qt, app.team_sync.sync_now)
        else:
            wait_installed(app, qt, app._packs_changed)
        # The old library is taken apart in slices by a background thread, which then trims the heap
        # (app/memory.retire): measure once it is done (and at least 0.3 s after the swap).
        settle = time.monotonic() + 0.3
        while time.monotonic() < settle or retiring():
            qt.processEvents()
            time.sleep(0.01)
        gc.collect()
        figures.append(rss_mb())
        if ns.top and number == 1:
            snapshot = tracemalloc.take_snapshot()
        if number in (1, 2, 5, 10, 20, 30, 40, 50) or number == ns.reloads:
            print(f"after reload {number:3}: RSS {figures[-1]:6.0f} MB", flush=True)
    first, last = figures[0], figures[-1]
    print(
        f"{ns.count:,} phrases, {ns.reloads} reloads: {first:.0f} -> {last:.0f} MB "
        f"({(last / first - 1) * 100:+.0f}%)"
    )
    if ns.top and snapshot is not None:
        grown = tracemalloc.take_snapshot().compare_to(snapshot, "traceback")
        for stat in grown[: ns.top]:
            print(f"{stat.size_diff / 1024 / 1024:+8.1f} MB {stat.count_diff:+8} blocks")
            for line in stat.traceback.format()[-8:]:
                print("      " + line)
    app.shutdown()
    return 0


def retiring() -> bool:
    import threading

    from quickreply.app.memory import RETIRE_THREAD

    return any(t.name == RETIRE_THREAD for t in threading.enumerate())


def wait_installed(app: object, qt: object, start: object) -> None:
    """Run `start()` and spin the event loop until the app installed a reloaded library."""
    done: list[object] = []
    app.library_installed.connect(lambda: done.append(1))  # type: ignore[attr-defined]
    start()  # type: ignore[operator]
    deadline = time.monotonic() + 600
    while not done:
        qt.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.002)
        if time.monotonic() > deadline:
            raise SystemExit("no reload within 600 s")
    app.library_installed.disconnect()  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
