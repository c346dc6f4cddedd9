"""Global hotkeys on X11 with XGrabKey, on a thread that owns its own X connection.

Why not pynput's GlobalHotKeys: it listens through XRecord, so the combo still reaches the chat window
(F1 would also open its help) and a combo taken by another program can never be detected. A passive key
grab swallows the combo, and the X server answers BadAccess when another client already holds it.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from collections.abc import Callable
from typing import Any

from Xlib import XK, X
from Xlib import display as xdisplay
from Xlib import error as xerror

from quickreply.core.hotkeys import ComboError, parse_combo
from quickreply.core.messages import msg
from quickreply.core.ports import HotkeyError
from quickreply.platform.thread_calls import ThreadCalls
from quickreply.platform.x11.adapters import keysym_for

log = logging.getLogger(__name__)
REPLY_TIMEOUT = 5.0  # seconds to wait for the hotkey thread to answer a request

TAKEN = msg("hotkey.taken")


class X11Hotkeys:
    """Hotkeys port. Callbacks run on the hotkey thread; hand them to the GUI with a queued signal."""

    def __init__(self, display_name: str | None = None) -> None:
        self._d = xdisplay.Display(display_name)
        self._root = self._d.screen().root
        self._grabs: dict[tuple[int, int], Callable[[], None]] = {}  # (keycode, modifier mask) -> callback
        self._calls = ThreadCalls()
        self._wake_r, self._wake_w = os.pipe()
        self._stopping = False
        self._last_release: tuple[int, int] = (0, 0)
        self._thread = threading.Thread(target=self._loop, name="x11-hotkeys", daemon=True)
        self._thread.start()

    # --- called from the GUI thread -------------------------------------------------------------
    def register(self, combo: str, callback: Callable[[], None]) -> None:
        try:
            parsed = parse_combo(combo)
        except ComboError as exc:
            raise HotkeyError(combo, exc.reason) from exc
        self._call(lambda: self._grab(combo, parsed.modifiers, parsed.key, callback))

    def unregister_all(self) -> None:
        self._call(self._ungrab_all)

    def close(self) -> None:
        if self._thread.is_alive():
            self._call(self._ungrab_all)
            self._stopping = True
            os.write(self._wake_w, b"x")
            self._thread.join(REPLY_TIMEOUT)

    def _call(self, fn: Callable[[], Any]) -> Any:
        """Run `fn` on the hotkey thread (the only user of its X connection) and return its result."""
        if not self._thread.is_alive():
            raise HotkeyError("?", msg("hotkey.thread_stopped"))
        return self._calls.call(fn, lambda: os.write(self._wake_w, b"x"), REPLY_TIMEOUT)

    # --- on the hotkey thread ----------------------------------------------------------------------
    def _masks(self) -> tuple[dict[str, int], list[int]]:
        """Modifier masks for our names, and the lock masks (Caps, Num) a grab must ignore."""
        by_keysym: dict[int, int] = {}
        for index, keycodes in enumerate(self._d.get_modifier_mapping()):
            for keycode in keycodes:
                if keycode:
                    by_keysym.setdefault(self._d.keycode_to_keysym(keycode, 0), 1 << index)

        def mask(*names: str) -> int:
            return next((by_keysym[k] for n in names if (k := XK.string_to_keysym(n)) in by_keysym), 0)

        alt, win = mask("Alt_L", "Alt_R", "Meta_L"), mask("Super_L", "Super_R")
        names = {
            "ctrl": X.ControlMask,
            "shift": X.ShiftMask,
            "alt": alt or X.Mod1Mask,
            "win": win or X.Mod4Mask,
        }
        num = mask("Num_Lock")
        locks = sorted({0, X.LockMask, num, num | X.LockMask})
        return names, locks

    def _grab(self, combo: str, modifiers: frozenset[str], key: str, callback: Callable[[], None]) -> None:
        keysym = keysym_for(key)
        keycode = self._d.keysym_to_keycode(keysym) if keysym else 0
        if not keycode:
            raise HotkeyError(combo, msg("hotkey.not_on_layout", key=key))
        names, locks = self._masks()
        base = 0
        for modifier in modifiers:
            base |= names[modifier]
        wanted = [(keycode, base | lock) for lock in locks]
        if any(grab in self._grabs for grab in wanted):
            raise HotkeyError(combo, msg("hotkey.ours"))
        catcher = xerror.CatchError(xerror.BadAccess)
        for code, mods in wanted:
            self._root.grab_key(code, mods, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catcher)
        self._d.sync()
        if catcher.get_error():
            for code, mods in wanted:
                self._root.ungrab_key(code, mods)
            self._d.sync()
            raise HotkeyError(combo, TAKEN)
        for grab in wanted:
            self._grabs[grab] = callback
        log.info("grabbed %s (keycode %d, mask %#x)", combo, keycode, base)

    def _ungrab_all(self) -> None:
        for code, mods in self._grabs:
            self._root.ungrab_key(code, mods)
        self._grabs.clear()
        self._d.sync()

    def _loop(self) -> None:
        fd = self._d.fileno()
        while not self._stopping:
            try:
                readable, _, _ = select.select([fd, self._wake_r], [], [], 1.0)
                if self._wake_r in readable:
                    os.read(self._wake_r, 512)
                    self._calls.serve()
                while self._d.pending_events():
                    self._dispatch(self._d.next_event())
            except xerror.ConnectionClosedError:
                log.warning("X server connection closed: global hotkeys stop")
                return
            except Exception:  # a barrier: one bad event must not end hotkeys for the session
                log.exception("X11 hotkey loop")
        self._d.close()

    def _dispatch(self, event: Any) -> None:
        if event.type == X.MappingNotify:
            self._d.refresh_keyboard_mapping(event)
        elif event.type == X.KeyRelease:
            self._last_release = (event.detail, event.time)
        elif event.type == X.KeyPress:
            # Auto-repeat arrives as release+press with the same timestamp: fire once per real press.
            if (event.detail, event.time) == self._last_release:
                return
            callback = self._grabs.get((event.detail, event.state & 0xFF))
            if callback is not None:
                try:
                    callback()
                except Exception:
                    log.exception("hotkey callback")
