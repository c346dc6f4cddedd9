"""The little Win32 the Windows end-to-end test needs: notepad's text (WM_GETTEXT), the clipboard (text and
a CF_DIB image), the foreground window, keys (SendInput through `keyboard`)."""

from __future__ import annotations

import ctypes
import struct
import time
from ctypes import wintypes

user32 = ctypes.WinDLL("user32", use_last_error=True)
kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
user32.FindWindowW.restype = wintypes.HWND
user32.FindWindowW.argtypes = [wintypes.LPCWSTR, wintypes.LPCWSTR]
user32.FindWindowExW.restype = wintypes.HWND
user32.FindWindowExW.argtypes = [wintypes.HWND, wintypes.HWND, wintypes.LPCWSTR, wintypes.LPCWSTR]
user32.SendMessageW.restype = ctypes.c_ssize_t
user32.SendMessageW.argtypes = [wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
user32.GetForegroundWindow.restype = wintypes.HWND
user32.SetForegroundWindow.argtypes = [wintypes.HWND]
user32.IsWindowVisible.argtypes = [wintypes.HWND]
user32.OpenClipboard.argtypes = [wintypes.HWND]
user32.GetClipboardData.restype = wintypes.HANDLE
user32.GetClipboardData.argtypes = [wintypes.UINT]
user32.SetClipboardData.restype = wintypes.HANDLE
user32.SetClipboardData.argtypes = [wintypes.UINT, wintypes.HANDLE]
user32.IsClipboardFormatAvailable.argtypes = [wintypes.UINT]
kernel32.GlobalAlloc.restype = wintypes.HGLOBAL
kernel32.GlobalAlloc.argtypes = [wintypes.UINT, ctypes.c_size_t]
kernel32.GlobalLock.restype = ctypes.c_void_p
kernel32.GlobalLock.argtypes = [wintypes.HGLOBAL]
kernel32.GlobalUnlock.argtypes = [wintypes.HGLOBAL]
kernel32.GlobalSize.restype = ctypes.c_size_t
kernel32.GlobalSize.argtypes = [wintypes.HGLOBAL]

WM_SETTEXT, WM_GETTEXT, WM_GETTEXTLENGTH = 0x0C, 0x0D, 0x0E
CF_UNICODETEXT, CF_DIB = 13, 8
GMEM_MOVEABLE = 0x0002


def wait_for(what: str, check, timeout: float = 20.0, every: float = 0.05):  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def notepad_edit() -> tuple[int, int]:
    hwnd = user32.FindWindowW("Notepad", None)
    edit = user32.FindWindowExW(hwnd, None, "Edit", None) if hwnd else None
    return (hwnd or 0, edit or 0)


def window_text(hwnd: int) -> str:
    n = user32.SendMessageW(hwnd, WM_GETTEXTLENGTH, 0, 0)
    buf = ctypes.create_unicode_buffer(n + 1)
    user32.SendMessageW(hwnd, WM_GETTEXT, n + 1, ctypes.addressof(buf))
    return buf.value


def set_window_text(hwnd: int, text: str) -> None:
    buf = ctypes.create_unicode_buffer(text)
    user32.SendMessageW(hwnd, WM_SETTEXT, 0, ctypes.addressof(buf))


def foreground() -> int:
    return user32.GetForegroundWindow() or 0


def _open_clipboard() -> None:
    wait_for("the clipboard", lambda: user32.OpenClipboard(None), timeout=5, every=0.02)


def _global(data: bytes) -> int:
    handle = kernel32.GlobalAlloc(GMEM_MOVEABLE, len(data))
    ctypes.memmove(kernel32.GlobalLock(handle), data, len(data))
    kernel32.GlobalUnlock(handle)
    return handle


def small_dib(width: int = 4, height: int = 3) -> bytes:
    """A 24-bit bottom-up DIB (BITMAPINFOHEADER + pixels), each pixel a different colour."""
    row = bytearray()
    header = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    pixels = bytearray()
    for y in range(height):
        row = bytearray()
        for x in range(width):
            row += bytes((10 * x, 40 * y, 200))
        row += b"\0" * ((4 - len(row) % 4) % 4)
        pixels += row
    return header + bytes(pixels)


def set_clipboard(text: str, dib: bytes) -> None:
    _open_clipboard()
    try:
        user32.EmptyClipboard()
        user32.SetClipboardData(CF_UNICODETEXT, _global((text + "\0").encode("utf-16-le")))
        user32.SetClipboardData(CF_DIB, _global(dib))
    finally:
        user32.CloseClipboard()


def clipboard() -> tuple[str | None, bytes | None]:
    """The clipboard's Unicode text and its CF_DIB bytes (None where a format is missing)."""
    _open_clipboard()
    try:
        text = dib = None
        if user32.IsClipboardFormatAvailable(CF_UNICODETEXT):
            handle = user32.GetClipboardData(CF_UNICODETEXT)
            text = ctypes.wstring_at(kernel32.GlobalLock(handle))
            kernel32.GlobalUnlock(handle)
        if user32.IsClipboardFormatAvailable(CF_DIB):
            handle = user32.GetClipboardData(CF_DIB)
            dib = ctypes.string_at(kernel32.GlobalLock(handle), kernel32.GlobalSize(handle))
            kernel32.GlobalUnlock(handle)
        return text, dib
    finally:
        user32.CloseClipboard()


def dib_pixels(dib: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bits per pixel, pixel bytes) of a CF_DIB with a plain BITMAPINFOHEADER."""
    size, width, height, _planes, bits = struct.unpack_from("<IiiHH", dib)
    stride = (width * bits // 8 + 3) & ~3
    return width, height, bits, dib[size : size + stride * abs(height)]


gdi32 = ctypes.WinDLL("gdi32", use_last_error=True)
user32.GetDC.restype = wintypes.HDC
user32.GetDC.argtypes = [wintypes.HWND]
user32.ReleaseDC.argtypes = [wintypes.HWND, wintypes.HDC]
gdi32.CreateCompatibleDC.restype = wintypes.HDC
gdi32.CreateCompatibleDC.argtypes = [wintypes.HDC]
gdi32.CreateCompatibleBitmap.restype = wintypes.HBITMAP
gdi32.CreateCompatibleBitmap.argtypes = [wintypes.HDC, ctypes.c_int, ctypes.c_int]
gdi32.SelectObject.restype = wintypes.HGDIOBJ
gdi32.SelectObject.argtypes = [wintypes.HDC, wintypes.HGDIOBJ]
_INT = ctypes.c_int
gdi32.BitBlt.argtypes = [wintypes.HDC, _INT, _INT, _INT, _INT, wintypes.HDC, _INT, _INT, wintypes.DWORD]
_UINT, _PTR = wintypes.UINT, ctypes.c_void_p
gdi32.GetDIBits.argtypes = [wintypes.HDC, wintypes.HBITMAP, _UINT, _UINT, _PTR, _PTR, _UINT]
gdi32.DeleteObject.argtypes = [wintypes.HGDIOBJ]
gdi32.DeleteDC.argtypes = [wintypes.HDC]
SM_CXSCREEN, SM_CYSCREEN, SRCCOPY, DIB_RGB_COLORS = 0, 1, 0x00CC0020, 0


def screenshot_bmp(path: str) -> None:
    """The whole Windows screen (the Wine desktop) as a 24-bit BMP file: what the agent sees, while it is
    on screen (the lane's screenshots taken after the test are black: notepad has closed by then)."""
    width, height = user32.GetSystemMetrics(SM_CXSCREEN), user32.GetSystemMetrics(SM_CYSCREEN)
    screen = user32.GetDC(None)
    memory = gdi32.CreateCompatibleDC(screen)
    bitmap = gdi32.CreateCompatibleBitmap(screen, width, height)
    old = gdi32.SelectObject(memory, bitmap)
    try:
        gdi32.BitBlt(memory, 0, 0, width, height, screen, 0, 0, SRCCOPY)
        info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
        stride = (width * 3 + 3) & ~3
        header = ctypes.create_string_buffer(info, 40 + 3 * 4)
        pixels = ctypes.create_string_buffer(stride * height)
        gdi32.GetDIBits(memory, bitmap, 0, height, pixels, header, DIB_RGB_COLORS)
    finally:
        gdi32.SelectObject(memory, old)
        gdi32.DeleteObject(bitmap)
        gdi32.DeleteDC(memory)
        user32.ReleaseDC(None, screen)
    body = info + pixels.raw
    with open(path, "wb") as out:
        out.write(b"BM" + struct.pack("<IHHI", 14 + len(body), 0, 0, 14 + 40) + body)
