"""The "chat window" of the end-to-end tests: a text box in its own process that reports what it holds.

    python3 target_app.py --out FILE [--toolkit tk|qt] [--title TITLE] [--geometry WxH+X+Y] [--text TEXT]

Prints "ready <window id>" once the window is mapped and its text box has the keyboard focus. Whenever the
text changes it writes FILE.changed (time.monotonic() of the change, comparable across processes on
Linux) and then FILE (the whole text), each atomically, so a reader that sees the new text also sees
the time it arrived. F9 clears the box (lets a driver reuse it between trials).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class Mirror:
    """Writes the box's text (and when it changed) to the files the driver reads."""

    def __init__(self, out: Path) -> None:
        self.out, self.changed = out, out.with_name(out.name + ".changed")
        self.last: str | None = None

    def update(self, text: str) -> None:
        if text == self.last:
            return
        stamp = time.monotonic()
        self.last = text
        _write(self.changed, f"{stamp:.6f}")
        _write(self.out, text)


def _wrapper(wid: int) -> int:
    """Tk's toplevel sits inside a wrapper window that carries WM_CLASS, like any top-level: focus that one
    (`wm frame` names the inner window when no window manager runs, and Tk loses the keyboard after
    another program's keyboard grab if the inner window was focused)."""
    from Xlib import display

    window = display.Display().create_resource_object("window", wid)
    while window.get_wm_class() is None:
        window = window.query_tree().parent
    return int(window.id)


def run_tk(mirror: Mirror, title: str, geometry: str, text: str) -> None:
    import tkinter

    root = tkinter.Tk(className="QrChat")
    root.title(title)
    root.geometry(geometry)
    box = tkinter.Text(root, font=("WenQuanYi Micro Hei", 12), padx=8, pady=6)
    box.pack(fill="both", expand=True)
    box.insert("1.0", text)

    def changed(_event: object = None) -> None:
        mirror.update(box.get("1.0", "end-1c"))
        box.edit_modified(False)  # re-arms <<Modified>> for the next change

    def poll() -> None:  # a safety net: <<Modified>> is the fast path
        changed()
        root.after(50, poll)

    box.bind("<<Modified>>", changed)
    root.bind("<F9>", lambda _e: box.delete("1.0", "end"))
    root.after(50, poll)
    root.update()
    box.focus_set()
    root.update()
    print("ready", _wrapper(root.winfo_id()), flush=True)
    root.mainloop()


def run_qt(mirror: Mirror, title: str, geometry: str, text: str) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication(sys.argv[:1])
    box = QPlainTextEdit(text)
    box.setWindowTitle(title)
    size, _, place = geometry.partition("+")
    (width, height), (x, y) = (int(v) for v in size.split("x")), (int(v) for v in place.split("+"))
    box.setGeometry(x, y, width, height)
    box.textChanged.connect(lambda: mirror.update(box.toPlainText()))
    QShortcut(QKeySequence(Qt.Key.Key_F9), box, box.clear)
    box.show()
    box.activateWindow()

    def announce() -> None:  # only once mapped, so it can take the focus
        handle = box.windowHandle()
        if handle is not None and handle.isExposed():
            print("ready", int(box.winId()), flush=True)
        else:
            QTimer.singleShot(10, announce)

    announce()
    app.exec()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--toolkit", choices=("tk", "qt"), default="tk")
    parser.add_argument("--title", default="qr-chat")
    parser.add_argument("--geometry", default="420x220+30+60", help="WIDTHxHEIGHT+X+Y")
    parser.add_argument("--text", default="", help="what the box holds at start")
    args = parser.parse_args()
    mirror = Mirror(args.out)
    mirror.update(args.text)
    (run_tk if args.toolkit == "tk" else run_qt)(mirror, args.title, args.geometry, args.text)


if __name__ == "__main__":
    main()
