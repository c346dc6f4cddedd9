"""Runs real adapters in a Qt (xcb) process on an X display and prints what other programs saw, as JSON.

    python3 x11_probe.py clipboard                 # QtClipboard snapshot/restore, read back with xclip
    python3 x11_probe.py paste --wid N --text T [--send] [--method M]

The probe owns the clipboard, so every outside read happens on a thread while the Qt loop keeps serving
it: reading our own clipboard through a blocking call on the main thread would deadlock.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QMimeData, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QImage

from quickreply.app.paste_runner import PasteRunner, ports_for
from quickreply.core.ports import Window
from quickreply.core.settings.model import PasteRule, PasteSettings
from quickreply.platform.backend import select_backend
from quickreply.platform.qt_clipboard import QtClipboard

HTML = "<b>订单</b> 123"


def xclip(target: str) -> bytes:
    out = subprocess.run(
        ["xclip", "-selection", "clipboard", "-o", "-t", target], capture_output=True, timeout=5
    )
    return out.stdout


def png_bytes() -> bytes:
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 60))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


class Relay(QObject):
    """Brings a callable back to the Qt thread (a slot of a main-thread object: a queued call)."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


def off_thread(relay: Relay, work: Callable[[], object], then: Callable[[object], None]) -> None:
    """Run `work` on a thread (it may read our clipboard); call `then(result)` back on the Qt thread."""

    def worker() -> None:
        result = work()
        relay.call.emit(lambda: then(result))

    threading.Thread(target=worker, daemon=True).start()


def clipboard_case(app: QGuiApplication, relay: Relay, png_file: Path) -> None:
    board = QtClipboard()
    data = QMimeData()
    data.setText("原来的文字")
    data.setHtml(HTML)
    data.setData("image/png", png_bytes())
    QGuiApplication.clipboard().setMimeData(data)
    snap = board.snapshot()
    board.set_text("临时")
    report: dict[str, object] = {"formats": [f for f, _ in snap.formats]}

    def restored_reads() -> dict[str, object]:
        return {
            "text": xclip("UTF8_STRING").decode(),
            "html": xclip("text/html").decode(),
            "png_ok": xclip("image/png").startswith(b"\x89PNG"),
            "targets": xclip("TARGETS").decode().split(),
        }

    def step2(during: object) -> None:
        report["during"] = during
        board.restore(snap)
        off_thread(relay, restored_reads, step3)

    def step3(after: object) -> None:
        report["after"] = after
        # An outside owner: xclip holds a PNG; we snapshot it, replace it, put it back.
        owner = subprocess.Popen(["xclip", "-selection", "clipboard", "-t", "image/png", "-i", str(png_file)])
        QTimer.singleShot(300, lambda: step4(owner))

    def step4(owner: subprocess.Popen[bytes]) -> None:
        outside = board.snapshot()
        report["outside_formats"] = [f for f, _ in outside.formats]
        board.set_text("临时")
        board.restore(outside)
        owner.wait(5)
        off_thread(relay, lambda: xclip("image/png") == png_file.read_bytes(), finish)

    def finish(same: object) -> None:
        report["outside_png_same"] = same
        print(json.dumps(report, ensure_ascii=False))
        app.quit()

    off_thread(relay, lambda: xclip("UTF8_STRING").decode(), step2)


def paste_case(app: QGuiApplication, relay: Relay, args: argparse.Namespace) -> None:
    backend = select_backend()
    data = QMimeData()
    data.setText("OLD")
    data.setHtml(HTML)
    QGuiApplication.clipboard().setMimeData(data)
    target: Window | None = None
    if args.wid:
        try:
            target = backend.focus.describe(args.wid)  # type: ignore[attr-defined]
        except Exception:  # already closed: what the app remembered before is all we have
            target = Window(args.wid, "closed")
    if args.elevated and target is not None:
        target = Window(target.handle, target.title, target.wm_class, target.process, elevated=True)
    rules = (PasteRule(method=args.method, title="QR-"),) if args.method else ()  # targets are "qr-…"
    settings = PasteSettings(
        focus_delay_ms=args.focus_delay, restore_delay_ms=args.restore_delay, rules=rules
    )
    runner = PasteRunner(ports_for(backend), settings, parent=app)  # parented: kept alive
    text = args.text.replace("\\n", "\n")

    def finished(outcome: object) -> None:
        reads = lambda: {"text": xclip("UTF8_STRING").decode(), "html": xclip("text/html").decode()}  # noqa: E731
        off_thread(relay, reads, lambda clip: report(outcome, clip))

    def report(outcome: object, clip: object) -> None:
        print(json.dumps({"result": outcome.result.value, "method": outcome.method,  # type: ignore[attr-defined]
                          "notes": list(outcome.notes), "clipboard": clip,  # type: ignore[attr-defined]
                          "target": target.__dict__ if target else None, "backend": backend.name},
                         ensure_ascii=False))  # fmt: skip
        app.quit()

    runner.finished.connect(finished)
    runner.run(text, target, send=args.send)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=("clipboard", "paste"))
    parser.add_argument("--wid", type=int, default=0)
    parser.add_argument("--text", default="")
    parser.add_argument("--send", action="store_true")
    parser.add_argument("--elevated", action="store_true")
    parser.add_argument("--method", default="")
    parser.add_argument("--focus-delay", type=int, default=60)
    parser.add_argument("--restore-delay", type=int, default=400)
    parser.add_argument("--png-file", type=Path)
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])
    relay = Relay()
    QTimer.singleShot(15000, lambda: (print(json.dumps({"error": "timeout"})), app.exit(3)))
    if args.case == "clipboard":
        QTimer.singleShot(0, lambda: clipboard_case(app, relay, args.png_file))
    else:
        QTimer.singleShot(0, lambda: paste_case(app, relay, args))
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
