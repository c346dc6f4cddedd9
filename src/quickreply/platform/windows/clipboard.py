"""Windows clipboard snapshots in raw Win32: every memory format's bytes, images (CF_DIB, CF_DIBV5) included.

Qt's QMimeData hands an image over only as a QImage (`application/x-qt-image` has no bytes), so a snapshot
made through Qt drops the agent's screenshot; copying the formats themselves keeps them exactly, the
private formats of other programs too. Text is still set through Qt (QtClipboard).
"""

from __future__ import annotations

import ctypes
import time
from ctypes import wintypes
from dataclasses import dataclass

from quickreply.platform.qt_clipboard import QtClipboard

# Formats whose handle is not global memory (GDI objects, owner-drawn, private handles) or that Windows
# makes up from the others (CF_BITMAP from a DIB): not copied.
_HANDLE_FORMATS = frozenset({2, 3, 9, 14, 0x80, 0x82, 0x83, 0x8E})
CF_UNICODETEXT = 13
GMEM_MOVEABLE = 0x0002
HWND_MESSAGE = -3


def copyable(fmt: int) -> bool:
    """Whether a clipboard format's data is plain global memory that can be copied byte for byte."""
    return fmt not in _HANDLE_FORMATS and not 0x200 <= fmt <= 0x3FF


@dataclass(frozen=True)
class WindowsSnapshot:
    formats: tuple[tuple[int, bytes], ...]

    @property
    def is_empty(self) -> bool:
        return not self.formats


class _User32:
    def __init__(self) -> None:
        u = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        k = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        u.OpenClipboard.argtypes = [wintypes.HWND]
        u.EnumClipboardFormats.argtypes = [wintypes.UINT]
        u.EnumClipboardFormats.restype = wintypes.UINT
        u.GetClipboardData.argtypes = [wintypes.UINT]
        u.GetClipboardData.restype = wintypes.HANDLE
        u.SetClipboardData.argtypes = [wintypes.UINT, wintypes.HANDLE]
        u.SetClipboardData.restype = wintypes.HANDLE
        u.CreateWindowExW.restype = wintypes.HWND
        u.CreateWindowExW.argtypes = [
            wintypes.DWORD, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.DWORD, ctypes.c_int, ctypes.c_int,
            ctypes.c_int, ctypes.c_int, wintypes.HWND, wintypes.HMENU, wintypes.HINSTANCE, wintypes.LPVOID,
        ]  # fmt: skip
        k.GlobalAlloc.restype = wintypes.HGLOBAL
        k.GlobalAlloc.argtypes = [wintypes.UINT, ctypes.c_size_t]
        k.GlobalLock.restype = ctypes.c_void_p
        k.GlobalLock.argtypes = [wintypes.HGLOBAL]
        k.GlobalUnlock.argtypes = [wintypes.HGLOBAL]
        k.GlobalSize.restype = ctypes.c_size_t
        k.GlobalSize.argtypes = [wintypes.HGLOBAL]
        self.u, self.k = u, k
        # SetClipboardData fails after OpenClipboard(NULL) + EmptyClipboard: the clipboard needs an owner
        self.owner = u.CreateWindowExW(0, "STATIC", "QuickReply clipboard", 0, 0, 0, 0, 0,
                                       HWND_MESSAGE, None, None, None)  # fmt: skip

    def open(self) -> bool:
        for _ in range(50):  # another program may hold it for a moment
            if self.u.OpenClipboard(self.owner):
                return True
            time.sleep(0.01)
        return False


class WindowsClipboard(QtClipboard):
    """QtClipboard whose snapshot and restore copy the raw Win32 formats."""

    def __init__(self) -> None:
        super().__init__()
        self._w = _User32()

    def snapshot(self) -> WindowsSnapshot:  # type: ignore[override]  # the port only asks for a snapshot object
        self._check_thread()
        w = self._w
        if not w.open():
            return WindowsSnapshot(())
        formats: list[tuple[int, bytes]] = []
        try:
            fmt = 0
            while fmt := w.u.EnumClipboardFormats(fmt):
                if not copyable(fmt):
                    continue
                handle = w.u.GetClipboardData(fmt)
                size = w.k.GlobalSize(handle) if handle else 0
                pointer = w.k.GlobalLock(handle) if size else None
                if pointer:
                    formats.append((fmt, ctypes.string_at(pointer, size)))
                    w.k.GlobalUnlock(handle)
        finally:
            w.u.CloseClipboard()
        return WindowsSnapshot(tuple(formats))

    def restore(self, snapshot: object) -> None:
        self._check_thread()
        if not isinstance(snapshot, WindowsSnapshot):
            raise TypeError(f"not a clipboard snapshot: {snapshot!r}")
        w = self._w
        if not w.open():
            raise OSError("the clipboard is held by another program")
        try:
            w.u.EmptyClipboard()
            for fmt, data in snapshot.formats:
                handle = w.k.GlobalAlloc(GMEM_MOVEABLE, max(len(data), 1))
                pointer = w.k.GlobalLock(handle)
                ctypes.memmove(pointer, data, len(data))
                w.k.GlobalUnlock(handle)
                w.u.SetClipboardData(fmt, handle)  # the clipboard owns the memory now
        finally:
            w.u.CloseClipboard()
