"""Measure how soon the clipboard may be restored after Ctrl+V, on a private Xvfb with real target programs.

    python3 scripts/measure_paste_delay.py [--trials 10] [--busy 2] [--delays 0,5,10,20,50,100]

For each target (a Tk and a Qt text box in their own processes) and each restore delay it puts "NEW" on
the clipboard, presses Ctrl+V, restores "OLD" after the delay and checks which one the box received.
It also reports how long each target takes to read the clipboard, and how long a whole paste takes with
the default [paste] settings (PasteRunner: run() -> text visible in the box). --busy N adds N CPU-bound
processes, like a loaded agent PC.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Generator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.xvfb import start_xvfb  # noqa: E402

TARGET = REPO / "tests" / "platform" / "paste_target.py"


def start_target(toolkit: str, out: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, str(TARGET), "--toolkit", toolkit, "--out", str(out), "--title", f"qr-{toolkit}"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
    )
    assert proc.stdout is not None
    ready, _, wid = proc.stdout.readline().partition(" ")
    if ready != "ready":
        raise SystemExit(f"the {toolkit} target did not start")
    return proc, int(wid)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--delays", default="0,5,10,20,50,100")
    parser.add_argument("--busy", type=int, default=0, help="CPU-bound processes to run meanwhile")
    args = parser.parse_args()
    delays = [int(d) for d in args.delays.split(",")]

    xvfb, display = start_xvfb("1280x800")
    os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    os.environ.pop("WAYLAND_DISPLAY", None)
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    tmp = Path(tempfile.mkdtemp(prefix="qr-measure-"))
    targets = {name: (*start_target(name, tmp / f"{name}.txt"), tmp / f"{name}.txt") for name in ("tk", "qt")}
    try:
        run_measurements(targets, delays, args.trials, args.busy)
    finally:
        for proc, _wid, _out in targets.values():
            proc.terminate()
        for burner in burners:
            burner.kill()
        xvfb.terminate()


def run_measurements(targets: dict, delays: list[int], trials: int, busy: int) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from quickreply.app.paste_runner import PasteRunner, ports_for
    from quickreply.core.paste.sequence import PasteOutcome
    from quickreply.core.ports import Window
    from quickreply.core.settings.model import PasteSettings
    from quickreply.platform.backend import select_backend
    from quickreply.platform.qt_clipboard import QtClipboard

    app = QGuiApplication(sys.argv[:1])
    backend = select_backend()
    keys, focus, board = backend.keys, backend.focus, QtClipboard()
    results: dict[tuple[str, int], list[str]] = {}
    read_ms: dict[str, list[float]] = {name: [] for name in targets}
    paste_ms: dict[str, list[float]] = {name: [] for name in targets}
    runner = PasteRunner(ports_for(backend), PasteSettings(), parent=app)
    done: list[PasteOutcome] = []
    runner.finished.connect(done.append)

    def wait_content(out: Path, want: str, limit: float) -> Generator[float, None, str]:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            text = out.read_text(encoding="utf-8")
            if text == want:
                return text
            yield 0.002
        return out.read_text(encoding="utf-8")

    def script() -> Generator[float, None, None]:
        for name, (_proc, wid, out) in targets.items():
            window = Window(wid)
            for trial in range(trials):
                # 1. Read latency: how long from Ctrl+V until the box shows the clipboard text.
                focus.activate(window)
                keys.press("f9")
                yield 0.15
                board.set_text(f"READ{trial}")
                yield 0.02
                start = time.monotonic()
                keys.press("ctrl+v")
                got = yield from wait_content(out, f"READ{trial}", 2.0)
                if got == f"READ{trial}":
                    read_ms[name].append((time.monotonic() - start) * 1000)
                # 2. Restore delay races: which text does the box get?
                for delay in delays:
                    keys.press("f9")
                    yield 0.15
                    board.set_text(f"OLD{trial}")
                    saved = board.snapshot()
                    board.set_text(f"NEW{trial}")
                    keys.press("ctrl+v")
                    if delay:
                        yield delay / 1000
                    board.restore(saved)
                    yield 0.3
                    text = out.read_text(encoding="utf-8")
                    verdict = "new" if text == f"NEW{trial}" else "old" if text == f"OLD{trial}" else "other"
                    if verdict == "other":
                        print(f"{name} {delay} ms: box={text!r}", file=sys.stderr)
                    results.setdefault((name, delay), []).append(verdict)
                # 3. A whole paste with the default settings, as the app does it.
                keys.press("f9")
                yield 0.15
                done.clear()
                start = time.monotonic()
                runner.run(f"粘贴{trial}", focus.describe(wid))  # type: ignore[attr-defined]
                got = yield from wait_content(out, f"粘贴{trial}", 3.0)
                if got == f"粘贴{trial}":
                    paste_ms[name].append((time.monotonic() - start) * 1000)
                while not done:
                    yield 0.01
                if got != f"粘贴{trial}":
                    print(f"{name}: paste {trial} missed: box={got!r} outcome={done[0]}", file=sys.stderr)
        app.quit()

    steps = script()

    def advance() -> None:
        with contextlib.suppress(StopIteration):
            QTimer.singleShot(max(0, round(next(steps) * 1000)), advance)

    QTimer.singleShot(0, advance)
    app.exec()
    backend.close()
    report(targets, delays, trials, busy, results, read_ms, paste_ms)


def report(targets: dict, delays: list[int], trials: int, busy: int, results: dict,
           read_ms: dict[str, list[float]], paste_ms: dict[str, list[float]]) -> None:  # fmt: skip
    print(f"# restore delay vs. what the target pasted ({trials} trials each, {busy} busy CPU processes)")
    print(f"{'restore delay':>14} | " + " | ".join(f"{name:>16}" for name in targets))
    for delay in delays:
        cells = []
        for name in targets:
            verdicts = results.get((name, delay), [])
            cells.append(f"{verdicts.count('new'):>3}/{len(verdicts)} new, {verdicts.count('old'):>2} old")
        print(f"{delay:>11} ms | " + " | ".join(f"{c:>16}" for c in cells))
    print("\n# target read latency: Ctrl+V sent -> text visible (ms)")
    for name, values in read_ms.items():
        if values:
            print(f"{name}: n={len(values)} median={statistics.median(values):.1f} p95={pct(values, 95):.1f} "
                  f"max={max(values):.1f}")  # fmt: skip
    print("\n# whole paste with default [paste] settings: PasteRunner.run() -> text visible (ms)")
    for name, values in paste_ms.items():
        if values:
            print(f"{name}: n={len(values)} median={statistics.median(values):.1f} p95={pct(values, 95):.1f} "
                  f"max={max(values):.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
