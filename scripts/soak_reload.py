#!/usr/bin/env python3
"""RSS of the whole app over many background reloads (a team pack changing again and again).

Builds the real App (Qt offscreen, the tests' fake desktop for the OS ports) with an N-phrase pack,
changes one phrase and reloads R times, and prints RSS after the first and the last reload. Issue 11's
target: after 50 reloads at 10k, within 10% of after the first.

    python3 scripts/soak_reload.py 10000 --reloads 50
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
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    team = paths.packs_dir / "team.toml"
    text = make_pack(ns.count)
    team.write_text(text, encoding="utf-8")
    desk = FakeDesktop()
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    app = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    figures = []
    for number in range(1, ns.reloads + 1):
        team.write_text(text.replace('title = "', f'title = "第{number}版', 1), encoding="utf-8")
        done: list[object] = []
        app.library_installed.connect(lambda done=done: done.append(1))
        app._packs_changed()
        while not done:
            qt.processEvents()
            time.sleep(0.002)
        app.library_installed.disconnect()
        gc.collect()
        qt.processEvents()
        figures.append(rss_mb())
        if number in (1, 2, 5, 10, 20, 30, 40, 50) or number == ns.reloads:
            print(f"after reload {number:3}: RSS {figures[-1]:6.0f} MB", flush=True)
    first, last = figures[0], figures[-1]
    print(
        f"{ns.count:,} phrases, {ns.reloads} reloads: {first:.0f} -> {last:.0f} MB "
        f"({(last / first - 1) * 100:+.0f}%)"
    )
    app.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
