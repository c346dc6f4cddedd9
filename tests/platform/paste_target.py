"""A chat-box stand-in in its own process: a Tk or Qt text box that mirrors its content into a file.

    python3 paste_target.py --toolkit tk|qt --out FILE [--title TITLE]

Prints "ready <window id>" once the window is mapped.
Used by tests/platform and scripts/measure_paste_delay.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _client_window(wid: int) -> int:
    """Tk's widget window sits inside a wrapper; the wrapper carries WM_CLASS, like any top-level."""
    from Xlib import display

    d = display.Display()
    window = d.create_resource_object("window", wid)
    while window.get_wm_class() is None:
        window = window.query_tree().parent
    return int(window.id)


def run_tk(out: Path, title: str) -> None:
    import tkinter

    root = tkinter.Tk(className="QrTarget")
    root.title(title)
    root.geometry("400x200+40+40")
    box = tkinter.Text(root)
    box.pack(fill="both", expand=True)
    last = [""]

    def mirror() -> None:
        text = box.get("1.0", "end-1c")
        if text != last[0]:
            last[0] = text
            _write(out, text)
        root.after(10, mirror)

    def clear(_event: object = None) -> None:
        box.delete("1.0", "end")

    root.bind("<F9>", clear)  # lets a driver reset the box between trials
    root.after(10, mirror)
    root.update()
    box.focus_set()
    print("ready", _client_window(root.winfo_id()), flush=True)
    root.mainloop()


def run_qt(out: Path, title: str) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication(sys.argv[:1])
    app.setDesktopFileName("qr-target")
    box = QPlainTextEdit()
    box.setWindowTitle(title)
    box.setGeometry(460, 40, 400, 200)
    box.textChanged.connect(lambda: _write(out, box.toPlainText()))
    QShortcut(QKeySequence(Qt.Key.Key_F9), box, box.clear)
    box.show()
    box.activateWindow()

    def announce() -> None:  # only once the window is mapped, so it can take the focus
        if box.windowHandle() is not None and box.windowHandle().isExposed():
            print("ready", int(box.winId()), flush=True)
        else:
            QTimer.singleShot(10, announce)

    announce()
    app.exec()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--toolkit", choices=("tk", "qt"), default="tk")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--title", default="qr-target")
    args = parser.parse_args()
    _write(args.out, "")
    (run_tk if args.toolkit == "tk" else run_qt)(args.out, args.title)


if __name__ == "__main__":
    main()
