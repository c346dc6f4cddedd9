#!/usr/bin/env python3
"""Spawn → tray icon, QuickReply side by side with CopyQ (Debian's `copyq`), interleaved runs.

    python3 scripts/bench_start.py [--runs 10] [--phrases 0] [--no-copyq] [--baseline OLD/src]

On a private Xvfb with a tray host (trayer), each run spawns the program in a fresh process and times,
from just before the spawn, until a new icon is embedded in trayer's panel (the same X-level test for
both programs, polled every 2 ms). For QuickReply it also prints the app's own "tray ready N ms" (time
since its process started: Python's start-up, every import, loading the packs and the search index).

`--phrases N` adds a synthetic team pack of N phrases (scripts/make_synthetic_pack.py) to the packs folder;
the first QuickReply start of a run builds the index cache and is printed apart ("first start").
`--baseline OLD/src` also starts the QuickReply found there (e.g. `git archive` of an older commit), in the
same rounds. The runs alternate QuickReply, [baseline,] CopyQ, … so load on this shared machine hits all
alike.
Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from tests.e2e.apps import App  # noqa: E402
from tests.e2e.desktop import APT_HINT, Desktop, DesktopError, missing_tools, stop_process  # noqa: E402
from Xlib import X  # noqa: E402
from Xlib import error as xerror  # noqa: E402

SETTINGS = '[profile]\nshop = "小鹿旗舰店"\nagent = "小美"\n'


def embedded_icons(desktop: Desktop) -> int:
    """How many viewable windows sit below trayer's panel (each embedded tray icon adds some)."""
    count = 0

    def walk(window: object, inside: bool) -> None:
        nonlocal count
        try:
            children = window.query_tree().children  # type: ignore[attr-defined]
        except xerror.XError:
            return
        for child in children:
            try:
                viewable = child.get_attributes().map_state == X.IsViewable
                name = child.get_wm_class() or ("", "")
            except xerror.XError:
                continue
            here = inside or "trayer" in " ".join(name).lower()
            if here and inside and viewable:
                count += 1
            walk(child, here)

    walk(desktop.x.screen().root, False)
    return count


def wait_icon(desktop: Desktop, before: int, started: float, proc: subprocess.Popen, timeout: float) -> float:
    while True:
        if embedded_icons(desktop) > before:
            return (time.monotonic() - started) * 1000
        if proc.poll() is not None and proc.returncode not in (0, None):
            raise DesktopError(f"exited with code {proc.returncode} before its tray icon showed")
        if time.monotonic() - started > timeout:
            raise DesktopError(f"no tray icon within {timeout} s")
        time.sleep(0.002)


def run_quickreply(desktop: Desktop, home: Path, src: str | None = None) -> tuple[float, float]:
    """(spawn → icon embedded ms, the app's own tray-ready ms); `src`: run the QuickReply found there."""
    app = App(desktop, home, {"PYTHONPATH": src} if src else None)
    before = embedded_icons(desktop)
    app.start()
    try:
        assert app.proc is not None
        icon = wait_icon(desktop, before, app.started_at, app.proc, 60)
        own = app.wait_ready(60)
    finally:
        app.stop()
    wait_gone(desktop, before)
    return icon, own


def run_copyq(desktop: Desktop, home: Path) -> float:
    env = {**desktop.env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache")}  # fmt: skip
    before = embedded_icons(desktop)
    started = time.monotonic()
    proc = subprocess.Popen(["copyq"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return wait_icon(desktop, before, started, proc, 60)
    finally:
        subprocess.run(["copyq", "exit"], env=env, capture_output=True, timeout=20, check=False)
        stop_process(proc)
        wait_gone(desktop, before)


def wait_gone(desktop: Desktop, before: int) -> None:
    deadline = time.monotonic() + 10
    while embedded_icons(desktop) > before and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)


def summary(name: str, values: list[float]) -> str:
    if not values:
        return f"{name:<44} (not run)"
    ordered = sorted(values)
    return (f"{name:<44} {len(values):>3} {statistics.median(values):>8.0f} {ordered[0]:>8.0f}"
            f" {ordered[-1]:>8.0f}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="starts of each program (default 10)")
    parser.add_argument("--phrases", type=int, default=0, help="a synthetic team pack of N phrases too")
    parser.add_argument("--no-copyq", action="store_true", help="QuickReply alone")
    parser.add_argument("--baseline", metavar="SRC", help="also run an older QuickReply from SRC (its src/)")
    args = parser.parse_args()
    tools = ("Xvfb", "trayer", "xdotool") + (() if args.no_copyq else ("copyq",))
    if missing := missing_tools(tools):
        print(f"missing: {', '.join(missing)} ({APT_HINT} copyq)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="qr-bench-start-") as tmp, Desktop() as desktop:
        home = Path(tmp) / "qr"
        home.mkdir(parents=True)
        (home / "settings.toml").write_text(SETTINGS, "utf-8")
        if args.phrases:
            from make_synthetic_pack import make_pack

            (home / "packs").mkdir(parents=True, exist_ok=True)
            (home / "packs" / "team.toml").write_text(make_pack(args.phrases), "utf-8")
        first_icon, first_own = run_quickreply(desktop, home)
        print(f"  quickreply first start: {first_icon:.0f} ms (own {first_own:.0f} ms)", file=sys.stderr)
        qr_icon: list[float] = []
        qr_own: list[float] = []
        copyq: list[float] = []
        base: list[float] = []
        base_home = Path(tmp) / "base"
        if args.baseline:
            shutil.copytree(home, base_home, ignore=shutil.ignore_patterns("cache", "data"))
            run_quickreply(desktop, base_home, args.baseline)  # its index cache
        for run in range(args.runs):
            icon, own = run_quickreply(desktop, home)
            qr_icon.append(icon)
            qr_own.append(own)
            line = f"  run {run}: quickreply {icon:.0f} ms (own {own:.0f})"
            if args.baseline:
                base.append(run_quickreply(desktop, base_home, args.baseline)[0])
                line += f", baseline {base[-1]:.0f} ms"
            if not args.no_copyq:
                cq_home = Path(tmp) / f"copyq{run}"
                copyq.append(run_copyq(desktop, cq_home))
                shutil.rmtree(cq_home, ignore_errors=True)
                line += f", copyq {copyq[-1]:.0f} ms"
            print(line, file=sys.stderr)
    load = os.getloadavg()[0]
    print(f"spawn → tray icon embedded (ms), {args.phrases or 'starter'} phrases, load average {load:.1f}")
    print(f"{'program':<44} {'n':>3} {'median':>8} {'min':>8} {'max':>8}")
    print(summary("QuickReply first start (builds index cache)", [first_icon]))
    print(summary("QuickReply", qr_icon))
    print(summary("QuickReply, own clock (tray ready)", qr_own))
    if args.baseline:
        print(summary(f"QuickReply baseline ({args.baseline})"[:44], base))
    if not args.no_copyq:
        print(summary("CopyQ", copyq))
    return 0


if __name__ == "__main__":
    sys.exit(main())
