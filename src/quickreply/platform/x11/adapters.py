"""X11 adapters: the focused window via python-xlib, keys via XTest, modifier state via the keymap.

Works with and without a window manager: EWMH (_NET_ACTIVE_WINDOW) where one runs, the raw input focus
otherwise (Xvfb has none). All calls happen on the Qt main thread; hotkeys live in hotkeys.py.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path
from typing import Any

from Xlib import XK, X, Xatom
from Xlib import display as xdisplay
from Xlib import error as xerror
from Xlib.ext import xtest

from quickreply.core.hotkeys import parse_combo
from quickreply.core.ports import Anchor, Window

log = logging.getLogger(__name__)

# Our key names (core.hotkeys) -> X keysym names; letters, digits and F-keys map by rule.
KEYSYM_NAMES = {
    "space": "space", "enter": "Return", "tab": "Tab", "escape": "Escape", "backspace": "BackSpace",
    "delete": "Delete", "insert": "Insert", "home": "Home", "end": "End", "page_up": "Prior",
    "page_down": "Next", "up": "Up", "down": "Down", "left": "Left", "right": "Right", "pause": "Pause",
    "print_screen": "Print", "menu": "Menu", "period": "period", "comma": "comma", "minus": "minus",
    "equal": "equal", "slash": "slash", "backslash": "backslash", "semicolon": "semicolon", "grave": "grave",
    "apostrophe": "apostrophe", "bracketleft": "bracketleft", "bracketright": "bracketright",
}  # fmt: skip
MODIFIER_KEYSYMS = (
    "Shift_L", "Shift_R", "Control_L", "Control_R", "Alt_L", "Alt_R", "Meta_L", "Meta_R",
    "Super_L", "Super_R", "Hyper_L", "Hyper_R", "ISO_Level3_Shift",
)  # fmt: skip


def drain_events(d: Any) -> None:
    """Read queued events; every client gets MappingNotify, and unread ones would pile up all day."""
    while d.pending_events():
        event = d.next_event()
        if event.type == X.MappingNotify:
            d.refresh_keyboard_mapping(event)


def keysym_for(key: str) -> int:
    """The X keysym of one of our key names ("v", "f5", "page_up"); 0 when X has no such keysym."""
    name = key.upper() if key.startswith("f") and key[1:].isdigit() else KEYSYM_NAMES.get(key, key)
    return int(XK.string_to_keysym(name))


class X11Focus:
    """Focus port: which top-level window has the keyboard, and giving it back."""

    def __init__(self, display_name: str | None = None, connection: Any = None) -> None:
        """`connection`: an open `Xlib.display.Display` to share (with X11Keys: both live on the main
        thread); else one of its own is opened on `display_name`."""
        self._d = connection if connection is not None else xdisplay.Display(display_name)
        self._root = self._d.screen().root
        self._atom = {
            name: self._d.intern_atom(name)
            for name in ("_NET_ACTIVE_WINDOW", "_NET_SUPPORTED", "_NET_WM_NAME", "_NET_WM_PID", "UTF8_STRING")
        }

    def _ewmh_supports(self, name: str) -> bool:
        # Asked each time: a window manager may start or stop while we run.
        prop = self._root.get_full_property(self._atom["_NET_SUPPORTED"], Xatom.ATOM)
        return bool(prop) and self._atom[name] in prop.value

    def _ewmh_active(self) -> int:
        if not self._ewmh_supports("_NET_ACTIVE_WINDOW"):
            return 0
        prop = self._root.get_full_property(self._atom["_NET_ACTIVE_WINDOW"], Xatom.WINDOW)
        return int(prop.value[0]) if prop and len(prop.value) else 0

    def _focused_client(self) -> int:
        """The input focus, walked up to the top-level window that carries WM_CLASS."""
        window: Any = self._d.get_input_focus().focus
        if isinstance(window, int):  # None or PointerRoot: nobody has the keyboard
            return 0
        while window is not None and window.id != self._root.id:
            if window.get_wm_class() is not None:
                return int(window.id)
            window = window.query_tree().parent
        return 0

    def active_window(self) -> Window | None:
        drain_events(self._d)
        try:
            wid = self._ewmh_active() or self._focused_client()
            return self.describe(wid) if wid else None
        except xerror.XError as exc:  # the window vanished while we looked at it
            log.debug("active_window: %s", exc)
            return None

    def describe(self, wid: int) -> Window:
        window = self._d.create_resource_object("window", wid)
        wm_class = window.get_wm_class() or ()
        return Window(handle=wid, title=self._title(window), wm_class=" ".join(wm_class),
                      process=self._process(window))  # fmt: skip

    def _title(self, window: Any) -> str:
        prop = window.get_full_property(self._atom["_NET_WM_NAME"], self._atom["UTF8_STRING"])
        if prop and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        name = window.get_wm_name()
        return name.decode("latin-1") if isinstance(name, bytes) else (name or "")

    def _pid(self, window: Any) -> int:
        prop = window.get_full_property(self._atom["_NET_WM_PID"], Xatom.CARDINAL)
        if prop and len(prop.value):
            return int(prop.value[0])
        if not self._d.has_extension("X-Resource"):
            return 0
        # Tk and other toolkits skip _NET_WM_PID; the server knows the pid of every local client.
        from Xlib.ext import res

        reply = self._d.res_query_client_ids([{"client": window.id, "mask": res.LocalClientPIDMask}])
        return next((int(item.value[0]) for item in reply.ids if item.value), 0)

    def _process(self, window: Any) -> str:
        pid = self._pid(window)
        try:  # a pid from a remote client names some other local process, or none
            return Path(f"/proc/{pid}/comm").read_text().strip() if pid else ""
        except OSError:
            return ""

    def anchor(self, window: Window) -> Anchor | None:
        """The window's frame on the root window: X11 has no general caret API (only some toolkits tell
        it through accessibility), so the popup opens over the chat window, on its monitor."""
        drain_events(self._d)
        try:
            xwin = self._d.create_resource_object("window", window.handle)
            geometry = xwin.get_geometry()
            origin = xwin.translate_coords(self._root, 0, 0)
        except xerror.XError as exc:  # closed meanwhile
            log.debug("anchor: %s", exc)
            return None
        # translate_coords gives the root's origin in the window's coordinates: the window's is its negative.
        return Anchor(-origin.x, -origin.y, int(geometry.width), int(geometry.height))

    def activate(self, window: Window) -> bool:
        drain_events(self._d)
        xwin = self._d.create_resource_object("window", window.handle)
        ewmh = self._ewmh_supports("_NET_ACTIVE_WINDOW")
        try:
            if xwin.get_attributes().map_state != X.IsViewable and not ewmh:
                return False  # withdrawn, and no window manager to bring it back
        except xerror.XError:
            return False  # closed
        if ewmh:
            from Xlib.protocol import event

            # source 2 = "pager": window managers honour it even with focus-stealing prevention.
            data = (32, [2, X.CurrentTime, 0, 0, 0])
            active = self._atom["_NET_ACTIVE_WINDOW"]
            message = event.ClientMessage(window=xwin, client_type=active, data=data)
            mask = X.SubstructureRedirectMask | X.SubstructureNotifyMask
            self._root.send_event(message, event_mask=mask)
            self._d.flush()
            return True
        catcher = xerror.CatchError()
        xwin.configure(stack_mode=X.Above, onerror=catcher)
        xwin.set_input_focus(X.RevertToParent, X.CurrentTime, onerror=catcher)
        self._d.sync()
        if catcher.get_error():
            log.info("activate %#x failed: %s", window.handle, catcher.get_error())
            return False
        return True


def _spare_or_leftover(syms: list[int]) -> bool:
    bound = {sym for sym in syms if sym}
    return not bound or (len(bound) == 1 and next(iter(bound)) >= 0x01002E80)  # one CJK or full-width symbol


class X11Keys:
    """Keys port on XTest. Text outside the keyboard layout (Chinese) goes through spare keycodes.

    Not pynput: its controller re-binds spare keycodes without giving the target time to load the new
    keymap, and Qt programs then repeat the previous character (measured: 3 of 12 characters wrong).
    """

    REMAP_SETTLE_SECONDS = 0.01  # lets the target load the changed keymap before the key arrives
    REUSE_SECONDS = 0.2  # a keycode is rebound only this long (scaled to load) after its last press
    RELEASE_AFTER_SECONDS = 2.0  # borrowed keycodes are unbound once typing was idle this long

    def __init__(self, display_name: str | None = None, connection: Any = None) -> None:
        self._d = connection if connection is not None else xdisplay.Display(display_name)  # see X11Focus
        if not self._d.has_extension("XTEST"):
            raise OSError("the X server has no XTEST extension, so keys cannot be sent")
        first = self._d.display.info.min_keycode
        count = self._d.display.info.max_keycode - first + 1
        mapping = self._d.get_keyboard_mapping(first, count)
        # Spare: keycodes with no symbol, or left bound to one Unicode character by a typing process that
        # ended without close() (kill -9): reclaimed, so crashes never use the spare keycodes up.
        self._spare = [first + i for i, syms in enumerate(mapping) if _spare_or_leftover(list(syms))]
        self._spare_set = frozenset(self._spare)
        self._bound: dict[int, int] = {}  # keysym -> the spare keycode now bound to it
        self._used_at: dict[int, float] = {}  # spare keycode -> monotonic time of its last press

    def _keycode(self, name: str) -> int:
        keysym = keysym_for(name) if name not in MODIFIER_KEYSYMS else XK.string_to_keysym(name)
        keycode = self._d.keysym_to_keycode(keysym) if keysym else 0
        if not keycode:
            raise ValueError(f"the key '{name}' is not on this keyboard layout")
        return int(keycode)

    def _tap(self, keycode: int, modifiers: list[int]) -> None:
        for mod in modifiers:
            xtest.fake_input(self._d, X.KeyPress, mod)
        xtest.fake_input(self._d, X.KeyPress, keycode)
        xtest.fake_input(self._d, X.KeyRelease, keycode)
        for mod in reversed(modifiers):
            xtest.fake_input(self._d, X.KeyRelease, mod)
        self._d.sync()

    def press(self, combo: str) -> None:
        drain_events(self._d)
        parsed = parse_combo(combo)
        names = {"ctrl": "Control_L", "alt": "Alt_L", "shift": "Shift_L", "win": "Super_L"}
        mods = [self._keycode(names[m]) for m in ("ctrl", "alt", "shift", "win") if m in parsed.modifiers]
        self._tap(self._keycode(parsed.key), mods)

    def type_text(self, text: str) -> None:
        drain_events(self._d)
        self._release_idle()
        shift = self._keycode("Shift_L")
        for char in text:
            if char == "\n":
                self._tap(self._keycode("enter"), [])
                continue
            keysym = (
                ord(char)
                if 0x20 <= ord(char) <= 0x7E or 0xA0 <= ord(char) <= 0xFF
                else 0x01000000 + ord(char)
            )
            place = next(((kc, i) for kc, i in self._d.keysym_to_keycodes(keysym) if i in (0, 1)), None)
            if place is not None and place[0] not in self._spare_set:
                self._tap(place[0], [shift] if place[1] == 1 else [])
                continue
            keycode = self._borrow(keysym)
            self._tap(keycode, [])
            self._used_at[keycode] = time.monotonic()
        # The borrowed keycodes stay bound: the target may read these key events only later (a loaded
        # machine: '在的，亲' arrived as '在的，' when they were unbound at once). They are released at the
        # next type_text once idle for RELEASE_AFTER_SECONDS, and by close(); no real key sends them.
        self._d.get_input_focus()  # a round trip: every event above has reached the server

    def _settle(self) -> float:
        """How long to leave a freshly (re)bound keycode before pressing it, scaled to the machine's load."""
        try:
            load = os.getloadavg()[0] / (os.cpu_count() or 1)
        except OSError:
            load = 0.0
        return self.REMAP_SETTLE_SECONDS * (1 + min(4.0, 2 * load))

    def _borrow(self, keysym: int) -> int:
        """A spare keycode bound to `keysym`: one already bound to it, else the least recently used one
        (waiting until its last key press is REUSE_SECONDS old, so the target has read it first)."""
        if keysym in self._bound:
            return self._bound[keysym]
        if not self._spare:
            raise OSError("no spare keycode to type characters outside the keyboard layout")
        keycode = min(self._spare, key=lambda kc: self._used_at.get(kc, 0.0))
        wait = (
            self._used_at.get(keycode, 0.0)
            + self.REUSE_SECONDS * (1 + self._settle() * 10)
            - time.monotonic()
        )
        if wait > 0:
            time.sleep(wait)
        for old, code in list(self._bound.items()):
            if code == keycode:
                del self._bound[old]
        self._d.change_keyboard_mapping(keycode, [(keysym, keysym)])
        self._d.get_input_focus()  # round trip: the new mapping (and its MappingNotify) is out
        self._bound[keysym] = keycode
        time.sleep(self._settle())
        return keycode

    def _release_idle(self) -> None:
        if (
            self._bound
            and time.monotonic() - max(self._used_at.values(), default=0.0) > self.RELEASE_AFTER_SECONDS
        ):
            self.release_borrowed()

    def release_borrowed(self) -> None:
        """Unbind every borrowed keycode (the keyboard as it was)."""
        for keycode in set(self._bound.values()):
            self._d.change_keyboard_mapping(keycode, [(0, 0)])
        self._bound.clear()
        self._d.sync()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the X server may be gone at quit
            self.release_borrowed()

    def modifiers_down(self) -> bool:
        drain_events(self._d)
        keymap = self._d.query_keymap()
        for name in MODIFIER_KEYSYMS:
            for keycode, _index in self._d.keysym_to_keycodes(XK.string_to_keysym(name)):
                if keymap[keycode // 8] >> (keycode % 8) & 1:
                    return True
        return False
