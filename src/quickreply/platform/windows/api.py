"""The few user32/kernel32/advapi32/dwmapi calls the Windows adapters need, behind plain Python methods.

Nothing touches `ctypes.windll` until `Win32Api()` is built, so this module imports anywhere; tests
replace the whole object with a fake.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import wintypes

PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
TOKEN_QUERY = 0x0008
TOKEN_ELEVATION_CLASS = 20  # TokenElevation
ERROR_ACCESS_DENIED = 5
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
SW_RESTORE = 9
VK_MENU = 0x12
KEYEVENTF_KEYUP = 0x0002
WM_HOTKEY = 0x0312
WM_APP = 0x8000
PM_NOREMOVE = 0
GW_HWNDNEXT = 2
GA_ROOTOWNER = 3
GWL_EXSTYLE = -20
WS_EX_TOOLWINDOW = 0x00000080
WS_EX_NOACTIVATE = 0x08000000
DWMWA_CLOAKED = 14


class GUITHREADINFO(ctypes.Structure):
    _fields_ = [  # the layout of winuser.h
        ("cbSize", wintypes.DWORD),
        ("flags", wintypes.DWORD),
        ("hwndActive", wintypes.HWND),
        ("hwndFocus", wintypes.HWND),
        ("hwndCapture", wintypes.HWND),
        ("hwndMenuOwner", wintypes.HWND),
        ("hwndMoveSize", wintypes.HWND),
        ("hwndCaret", wintypes.HWND),
        ("rcCaret", wintypes.RECT),
    ]


class Win32Api:
    """Thin, typed wrappers; every handle is an int, every failure a False/0/None as documented."""

    def __init__(self) -> None:
        if os.name != "nt":
            raise OSError("the Windows backend only runs on Windows")
        self.user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        self.kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self.advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
        try:  # optional: only used to skip cloaked windows (other virtual desktops, suspended UWP apps)
            self.dwmapi = ctypes.WinDLL("dwmapi")  # type: ignore[attr-defined]
        except OSError:
            self.dwmapi = None
        self._prototypes()

    def _prototypes(self) -> None:
        # Explicit types: without them 64-bit handles are truncated to C int.
        u, k, a = self.user32, self.kernel32, self.advapi32
        H, B, D, U, P = wintypes.HWND, wintypes.BOOL, wintypes.DWORD, wintypes.UINT, wintypes.HANDLE
        table = [
            (u.GetForegroundWindow, [], H), (u.SetForegroundWindow, [H], B), (u.BringWindowToTop, [H], B),
            (u.IsWindow, [H], B), (u.IsIconic, [H], B), (u.ShowWindow, [H, ctypes.c_int], B),
            (u.GetWindowThreadProcessId, [H, ctypes.POINTER(D)], D), (u.AttachThreadInput, [D, D, B], B),
            (u.GetClassNameW, [H, wintypes.LPWSTR, ctypes.c_int], ctypes.c_int),
            (u.GetWindowTextLengthW, [H], ctypes.c_int),
            (u.GetWindowTextW, [H, wintypes.LPWSTR, ctypes.c_int], ctypes.c_int),
            (u.GetWindow, [H, U], H), (u.GetAncestor, [H, U], H), (u.IsWindowVisible, [H], B),
            (u.GetWindowLongW, [H, ctypes.c_int], wintypes.LONG),
            (u.keybd_event, [wintypes.BYTE, wintypes.BYTE, D, ctypes.c_size_t], None),
            (u.GetAsyncKeyState, [ctypes.c_int], wintypes.SHORT),
            (u.RegisterHotKey, [H, ctypes.c_int, U, U], B), (u.UnregisterHotKey, [H, ctypes.c_int], B),
            (u.GetMessageW, [ctypes.POINTER(wintypes.MSG), H, U, U], B),
            (u.PeekMessageW, [ctypes.POINTER(wintypes.MSG), H, U, U, U], B),
            (u.PostThreadMessageW, [D, U, wintypes.WPARAM, wintypes.LPARAM], B),
            (u.GetGUIThreadInfo, [D, ctypes.c_void_p], B),
            (u.ClientToScreen, [H, ctypes.POINTER(wintypes.POINT)], B),
            (u.GetWindowRect, [H, ctypes.POINTER(wintypes.RECT)], B),
            (k.GetCurrentThreadId, [], D), (k.GetCurrentProcess, [], wintypes.HANDLE),
            (k.OpenProcess, [D, B, D], wintypes.HANDLE), (k.CloseHandle, [wintypes.HANDLE], B),
            (k.QueryFullProcessImageNameW, [wintypes.HANDLE, D, wintypes.LPWSTR, ctypes.POINTER(D)], B),
            (a.OpenProcessToken, [wintypes.HANDLE, D, ctypes.POINTER(wintypes.HANDLE)], B),
            (a.GetTokenInformation, [P, ctypes.c_int, ctypes.c_void_p, D, ctypes.POINTER(D)], B),
        ]  # fmt: skip
        if self.dwmapi is not None:
            # HRESULT as a plain LONG: ctypes.HRESULT would raise on the E_INVALIDARG of Windows 7.
            table.append((self.dwmapi.DwmGetWindowAttribute, [H, D, ctypes.c_void_p, D], wintypes.LONG))
        for fn, argtypes, restype in table:
            fn.argtypes, fn.restype = argtypes, restype

    # --- windows ----------------------------------------------------------------------------------
    def caret_rect(self, thread: int) -> tuple[int, int, int, int] | None:
        """The caret of `thread` (x, y, width, height on the screen), or None when it shows none."""
        info = GUITHREADINFO()
        info.cbSize = ctypes.sizeof(GUITHREADINFO)
        if not self.user32.GetGUIThreadInfo(thread, ctypes.byref(info)) or not info.hwndCaret:
            return None
        rc = info.rcCaret
        if rc.right <= rc.left and rc.bottom <= rc.top:
            return None
        point = wintypes.POINT(rc.left, rc.top)
        if not self.user32.ClientToScreen(info.hwndCaret, ctypes.byref(point)):
            return None
        return point.x, point.y, rc.right - rc.left, rc.bottom - rc.top

    def window_rect(self, hwnd: int) -> tuple[int, int, int, int] | None:
        rect = wintypes.RECT()
        if not self.user32.GetWindowRect(hwnd, ctypes.byref(rect)):
            return None
        return rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top

    def foreground_window(self) -> int:
        return int(self.user32.GetForegroundWindow() or 0)

    def is_window(self, hwnd: int) -> bool:
        return bool(self.user32.IsWindow(hwnd))

    def class_name(self, hwnd: int) -> str:
        buf = ctypes.create_unicode_buffer(256)
        return buf.value if self.user32.GetClassNameW(hwnd, buf, 256) else ""

    def title(self, hwnd: int) -> str:
        size = self.user32.GetWindowTextLengthW(hwnd) + 1
        buf = ctypes.create_unicode_buffer(size)
        self.user32.GetWindowTextW(hwnd, buf, size)
        return buf.value

    def next_window(self, hwnd: int) -> int:
        """The window below `hwnd` in the z-order (0 at the bottom)."""
        return int(self.user32.GetWindow(hwnd, GW_HWNDNEXT) or 0)

    def root_owner(self, hwnd: int) -> int:
        """The end of `hwnd`'s owner chain (`hwnd` itself when it has no owner)."""
        return int(self.user32.GetAncestor(hwnd, GA_ROOTOWNER) or 0)

    def is_visible(self, hwnd: int) -> bool:
        return bool(self.user32.IsWindowVisible(hwnd))

    def is_minimised(self, hwnd: int) -> bool:
        return bool(self.user32.IsIconic(hwnd))

    def ex_style(self, hwnd: int) -> int:
        return int(self.user32.GetWindowLongW(hwnd, GWL_EXSTYLE)) & 0xFFFFFFFF

    def is_cloaked(self, hwnd: int) -> bool:
        """Hidden by DWM although "visible"; False when DWM cannot tell (no dwmapi, Windows 7)."""
        if self.dwmapi is None:
            return False
        cloaked = wintypes.DWORD(0)
        hr = self.dwmapi.DwmGetWindowAttribute(
            hwnd, DWMWA_CLOAKED, ctypes.byref(cloaked), ctypes.sizeof(cloaked)
        )
        return hr == 0 and bool(cloaked.value)

    def thread_and_pid(self, hwnd: int) -> tuple[int, int]:
        pid = wintypes.DWORD(0)
        thread = self.user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        return int(thread), int(pid.value)

    def current_thread_id(self) -> int:
        return int(self.kernel32.GetCurrentThreadId())

    def restore_if_minimised(self, hwnd: int) -> None:
        if self.is_minimised(hwnd):
            self.user32.ShowWindow(hwnd, SW_RESTORE)

    def set_foreground(self, hwnd: int) -> bool:
        return bool(self.user32.SetForegroundWindow(hwnd))

    def bring_to_top(self, hwnd: int) -> None:
        self.user32.BringWindowToTop(hwnd)

    def attach_input(self, thread: int, to_thread: int, attach: bool) -> bool:
        return bool(self.user32.AttachThreadInput(thread, to_thread, attach))

    def tap_alt(self) -> None:
        self.user32.keybd_event(VK_MENU, 0, 0, 0)
        self.user32.keybd_event(VK_MENU, 0, KEYEVENTF_KEYUP, 0)

    def key_down(self, vk: int) -> bool:
        return bool(self.user32.GetAsyncKeyState(vk) & 0x8000)

    # --- processes ----------------------------------------------------------------------------------
    def process_name(self, pid: int) -> str:
        handle = self.kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return ""
        try:
            size = wintypes.DWORD(1024)
            buf = ctypes.create_unicode_buffer(size.value)
            ok = self.kernel32.QueryFullProcessImageNameW(handle, 0, buf, ctypes.byref(size))
            return os.path.basename(buf.value) if ok else ""
        finally:
            self.kernel32.CloseHandle(handle)

    def process_elevated(self, pid: int | None) -> bool | None:
        """TokenElevation of `pid` (None = this process); None when the token cannot be read."""
        if pid is None:
            return self._token_elevated(self.kernel32.GetCurrentProcess())
        handle = self.kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return None
        try:
            return self._token_elevated(handle)
        finally:
            self.kernel32.CloseHandle(handle)

    def _token_elevated(self, process: int) -> bool | None:
        token = wintypes.HANDLE()
        if not self.advapi32.OpenProcessToken(process, TOKEN_QUERY, ctypes.byref(token)):
            return None
        try:
            elevation, size = wintypes.DWORD(0), wintypes.DWORD(0)
            ok = self.advapi32.GetTokenInformation(
                token,
                TOKEN_ELEVATION_CLASS,
                ctypes.byref(elevation),
                ctypes.sizeof(elevation),
                ctypes.byref(size),
            )
            return bool(elevation.value) if ok else None
        finally:
            self.kernel32.CloseHandle(token)

    # --- hotkeys (called on the hotkey thread only) -------------------------------------------------
    def register_hotkey(self, hotkey_id: int, modifiers: int, vk: int) -> int:
        """0 on success, else the Win32 error code."""
        if self.user32.RegisterHotKey(None, hotkey_id, modifiers, vk):
            return 0
        return ctypes.get_last_error() or 1  # type: ignore[attr-defined]

    def unregister_hotkey(self, hotkey_id: int) -> None:
        self.user32.UnregisterHotKey(None, hotkey_id)

    def ensure_message_queue(self) -> None:
        msg = wintypes.MSG()
        self.user32.PeekMessageW(ctypes.byref(msg), None, 0, 0, PM_NOREMOVE)

    def get_message(self) -> tuple[int, int] | None:
        """Block for the next thread message: (message, wParam), or None on WM_QUIT/error."""
        msg = wintypes.MSG()
        if self.user32.GetMessageW(ctypes.byref(msg), None, 0, 0) <= 0:
            return None
        return int(msg.message), int(msg.wParam)

    def post_thread_message(self, thread: int, message: int, wparam: int = 0) -> bool:
        return bool(self.user32.PostThreadMessageW(thread, message, wparam, 0))

    @staticmethod
    def error_text(code: int) -> str:
        return ctypes.FormatError(code).strip()  # type: ignore[attr-defined]
