"""Clipboard port on QClipboard: snapshots keep EVERY format (text, HTML, images, app-private data).

Qt main thread only. Never block the event loop while the clipboard is ours: on X11 the program pasting
reads it from us through that loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QMimeData, QThread
from PySide6.QtGui import QClipboard, QGuiApplication

# X11 selection-protocol targets that Qt lists as formats of a foreign clipboard; they are not data.
_PROTOCOL_TARGETS = frozenset({"TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS", "DELETE", "INCR"})


@dataclass(frozen=True)
class ClipboardSnapshot:
    """The bytes of each format, copied out of the clipboard owner (so they outlive it)."""

    formats: tuple[tuple[str, bytes], ...]

    def mime_data(self) -> QMimeData:
        data = QMimeData()
        for fmt, payload in self.formats:
            data.setData(fmt, payload)
        return data

    @property
    def is_empty(self) -> bool:
        return not self.formats


class QtClipboard:
    def __init__(self, clipboard: QClipboard | None = None) -> None:
        self._clipboard = clipboard or QGuiApplication.clipboard()

    def _check_thread(self) -> None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() != app.thread():
            raise RuntimeError("the clipboard may only be used on the Qt main thread")

    def snapshot(self) -> ClipboardSnapshot:
        self._check_thread()
        source = self._clipboard.mimeData()
        if source is None:
            return ClipboardSnapshot(())
        formats = []
        for fmt in source.formats():
            if fmt in _PROTOCOL_TARGETS:
                continue
            # Reading each format converts it now; a format the owner fails to deliver comes back empty.
            payload = source.data(fmt)
            if not payload.isEmpty() or fmt.startswith("text/"):
                formats.append((fmt, bytes(payload.data())))
        return ClipboardSnapshot(tuple(formats))

    def restore(self, snapshot: object) -> None:
        self._check_thread()
        if not isinstance(snapshot, ClipboardSnapshot):
            raise TypeError(f"not a clipboard snapshot: {snapshot!r}")
        if snapshot.is_empty:
            self._clipboard.clear()
        else:
            self._clipboard.setMimeData(snapshot.mime_data())  # the clipboard takes ownership

    def set_text(self, text: str) -> None:
        self._check_thread()
        self._clipboard.setText(text)

    def text(self) -> str:
        self._check_thread()
        return self._clipboard.text()


def keep_after_quit() -> str:
    """Before the app quits: if the clipboard is ours (the agent's own, put back after a paste), hand it
    to something that outlives us (X11 only; Windows keeps clipboard data after its owner exits).
    Returns what took it ("" when nothing had to, or nothing could)."""
    if QGuiApplication.platformName() != "xcb":
        return ""
    clipboard = QGuiApplication.clipboard()
    if not clipboard.ownsClipboard():
        return ""
    from quickreply.platform.x11.clipboard_keeper import keep_serving

    return keep_serving(QtClipboard(clipboard).snapshot().formats)
