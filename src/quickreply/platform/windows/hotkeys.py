"""Global hotkeys on Windows with RegisterHotKey, on a thread with its own message queue.

Why not `keyboard.add_hotkey`: its low-level hook runs Python for every key typed anywhere, Windows
silently removes the hook when Python is slow to answer, and suppressed hotkeys are known to leave
modifiers stuck (boppreh/keyboard #326, #147). RegisterHotKey swallows the combo, costs nothing on other
keys, and fails with ERROR_HOTKEY_ALREADY_REGISTERED when another program owns the combo.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from quickreply.core.hotkeys import ComboError
from quickreply.core.messages import msg
from quickreply.core.ports import HotkeyError
from quickreply.platform.thread_calls import ThreadCalls
from quickreply.platform.windows.adapters import to_win32_hotkey
from quickreply.platform.windows.api import ERROR_HOTKEY_ALREADY_REGISTERED, WM_APP, WM_HOTKEY, Win32Api

log = logging.getLogger(__name__)
REPLY_TIMEOUT = 5.0
TAKEN = msg("hotkey.taken")


class WindowsHotkeys:
    """Hotkeys port. Callbacks run on the hotkey thread; hand them to the GUI with a queued signal."""

    def __init__(self, api: Any = None) -> None:
        self._api = api or Win32Api()
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._combos: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._calls = ThreadCalls()
        self._thread_id = 0
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="win-hotkeys", daemon=True)
        self._thread.start()
        if not self._ready.wait(REPLY_TIMEOUT):
            raise OSError("the Windows hotkey thread did not start")

    # --- called from the GUI thread -------------------------------------------------------------
    def register(self, combo: str, callback: Callable[[], None]) -> None:
        try:
            mods, vk = to_win32_hotkey(combo)
        except ComboError as exc:
            raise HotkeyError(combo, exc.reason) from exc
        self._call(lambda: self._register(combo, mods, vk, callback))

    def unregister_all(self) -> None:
        self._call(self._unregister_all)

    def close(self) -> None:
        if self._thread.is_alive():
            self._call(self._unregister_all)
            self._api.post_thread_message(self._thread_id, WM_APP, 1)
            self._thread.join(REPLY_TIMEOUT)

    def _call(self, fn: Callable[[], Any]) -> Any:
        """RegisterHotKey binds hotkeys to the calling thread's queue, so all of it runs there."""
        if not self._thread.is_alive():
            raise HotkeyError("?", msg("hotkey.thread_stopped"))
        wake = lambda: self._api.post_thread_message(self._thread_id, WM_APP, 0)  # noqa: E731
        return self._calls.call(fn, wake, REPLY_TIMEOUT)

    # --- on the hotkey thread ----------------------------------------------------------------------
    def _register(self, combo: str, mods: int, vk: int, callback: Callable[[], None]) -> None:
        if combo in self._combos:
            raise HotkeyError(combo, msg("hotkey.ours"))
        hotkey_id = next(self._ids)
        error = self._api.register_hotkey(hotkey_id, mods, vk)
        if error == ERROR_HOTKEY_ALREADY_REGISTERED:
            raise HotkeyError(combo, TAKEN)
        if error:
            text = self._api.error_text(error)
            raise HotkeyError(combo, msg("hotkey.windows_refused", detail=text))
        self._callbacks[hotkey_id] = callback
        self._combos[combo] = hotkey_id
        log.info("registered hotkey %s (id %d)", combo, hotkey_id)

    def _unregister_all(self) -> None:
        for hotkey_id in self._callbacks:
            self._api.unregister_hotkey(hotkey_id)
        self._callbacks.clear()
        self._combos.clear()

    def _loop(self) -> None:
        self._thread_id = self._api.current_thread_id()
        self._api.ensure_message_queue()  # PostThreadMessage fails until the thread has a queue
        self._ready.set()
        while True:
            message = self._api.get_message()
            if message is None:
                return
            kind, wparam = message
            try:
                if kind == WM_HOTKEY and wparam in self._callbacks:
                    self._callbacks[wparam]()
                elif kind == WM_APP:
                    self._calls.serve()
                    if wparam == 1:
                        return
            except Exception:  # a barrier: one failing callback must not end hotkeys for the session
                log.exception("hotkey thread")
