"""Hotkey combos: parse and normalise "Ctrl+Alt+Space" to "ctrl+alt+space", and spot clashes.

A combo is zero or more modifiers (ctrl, alt, shift, win) and exactly one key. The normal form lists
modifiers in that order, lower case, joined by "+"; adapters translate it for their library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quickreply.core.messages import Message, Texts, msg

MODIFIERS = ("ctrl", "alt", "shift", "win")
_MODIFIER_ALIASES = {
    "ctrl": "ctrl", "control": "ctrl", "ctl": "ctrl", "strg": "ctrl",
    "alt": "alt", "option": "alt", "opt": "alt",
    "shift": "shift",
    "win": "win", "super": "win", "cmd": "win", "command": "win", "meta": "win", "windows": "win",
}  # fmt: skip

NAMED_KEYS = (
    "space", "enter", "tab", "escape", "backspace", "delete", "insert", "home", "end",
    "page_up", "page_down", "up", "down", "left", "right", "pause", "print_screen", "menu",
    "period", "comma", "minus", "equal", "slash", "backslash", "semicolon", "apostrophe",
    "bracketleft", "bracketright", "grave",
)  # fmt: skip
FUNCTION_KEYS = tuple(f"f{n}" for n in range(1, 25))
_KEY_ALIASES = {
    "return": "enter", "esc": "escape", "del": "delete", "ins": "insert", "bksp": "backspace",
    "pgup": "page_up", "pageup": "page_up", "prior": "page_up",
    "pgdn": "page_down", "pagedown": "page_down", "next": "page_down",
    "spacebar": "space", "prtsc": "print_screen", "printscreen": "print_screen", "print": "print_screen",
    "apps": "menu",
    ".": "period", ",": "comma", "-": "minus", "=": "equal", "/": "slash", "\\": "backslash",
    ";": "semicolon", "'": "apostrophe", "quote": "apostrophe", "[": "bracketleft", "]": "bracketright",
    "`": "grave",
}  # fmt: skip
# Keys that print text or edit it: without a modifier (or with Shift only) they would eat typing.
_TYPING_KEYS = frozenset(
    [*"abcdefghijklmnopqrstuvwxyz0123456789", "space", "enter", "tab", "backspace", "delete",
     "period", "comma", "minus", "equal", "slash", "backslash", "semicolon", "apostrophe",
     "bracketleft", "bracketright", "grave", "escape", "home", "end", "up", "down", "left", "right",
     "page_up", "page_down", "insert"]
)  # fmt: skip


@dataclass(frozen=True)
class Combo:
    """A parsed combo; str() gives the normal form."""

    modifiers: frozenset[str]
    key: str

    def __str__(self) -> str:
        return "+".join([*(m for m in MODIFIERS if m in self.modifiers), self.key])


class ComboError(ValueError):
    """A combo that cannot be a hotkey; `reason` is a catalogue message (`hotkey.*`)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.render("en"))
        self.reason = reason


def _key_name(token: str) -> str | None:
    token = _KEY_ALIASES.get(token, token)
    if len(token) == 1 and (token.isascii() and token.isalnum()):
        return token
    if token in NAMED_KEYS or token in FUNCTION_KEYS:
        return token
    return None


def _tokens(text: str) -> list[str]:
    text = text.strip().lower()
    return re.split(r"\s*\+\s*", text) if text else []


def parse_combo(text: str) -> Combo:
    """Parse "Ctrl+Alt+Space"-style text; raises ComboError (a ValueError) saying what is wrong."""
    tokens = _tokens(text)
    if not tokens:
        raise ComboError(msg("hotkey.empty"))
    modifiers: set[str] = set()
    keys: list[str] = []
    if "" in tokens:  # "ctrl+" or "ctrl++": the plus key itself is not offered
        raise ComboError(msg("hotkey.empty_part", combo=text))
    for token in tokens:
        if token in _MODIFIER_ALIASES:
            modifiers.add(_MODIFIER_ALIASES[token])
            continue
        key = _key_name(token)
        if key is None:
            raise ComboError(msg("hotkey.not_a_key", combo=text, token=token))
        keys.append(key)
    if not keys:
        raise ComboError(msg("hotkey.only_modifiers", combo=text))
    if len(keys) > 1:
        raise ComboError(msg("hotkey.many_keys", combo=text, keys=Texts("、".join(keys), ", ".join(keys))))
    return Combo(frozenset(modifiers), keys[0])


def normalize_combo(text: str) -> str:
    """The normal form, e.g. "Alt+Ctrl+ Space" -> "ctrl+alt+space"; raises ComboError."""
    return str(parse_combo(text))


_DISPLAY = {"page_up": "PgUp", "page_down": "PgDn", "escape": "Esc", "print_screen": "PrtSc", "period": ".",
            "comma": ",", "minus": "-", "equal": "=", "slash": "/", "backslash": "\\", "semicolon": ";",
            "apostrophe": "'", "bracketleft": "[", "bracketright": "]", "grave": "`"}  # fmt: skip


def display_combo(text: str) -> str:
    """How to show a combo to people: "ctrl+alt+space" -> "Ctrl+Alt+Space"; invalid text comes back as is."""
    try:
        combo = parse_combo(text)
    except ComboError:
        return text
    names = [m.capitalize() for m in MODIFIERS if m in combo.modifiers]
    key = combo.key
    names.append(_DISPLAY.get(key, key.upper() if len(key) <= 3 else key.capitalize()))
    return "+".join(names)


# Combos that the input method, the system or the chat app already use: `hotkey.clash.<combo>`, with "+"
# written "_" (core/messages/hotkeys.py says why each one clashes).
_CLASHES = frozenset(
    ["ctrl+space", "shift+space", "ctrl+period", "win+space", "alt+space", "alt+tab", "alt+shift+tab",
     "alt+escape", "alt+f4", "ctrl+escape", "ctrl+alt+delete", "win+l", "win+d", "ctrl+enter", "shift+enter",
     *(f"ctrl+{letter}" for letter in "cvxzay"),
     # We send these ourselves as paste keys; as hotkeys they would fire on our own paste.
     "ctrl+shift+v", "shift+insert"]
)  # fmt: skip
_MODIFIER_ONLY = frozenset({"shift", "ctrl", "ctrl+shift", "alt+shift"})


def _clash(combo: str) -> Message:
    return msg("hotkey.clash." + combo.replace("+", "_"))


def conflict_reason(combo: str) -> Message | None:
    """Why `combo` makes a bad hotkey (IME toggle, system key, eats typing, invalid), or None if fine.

    Never raises: an invalid combo returns the parse error."""
    tokens = _tokens(combo)
    if tokens and all(t in _MODIFIER_ALIASES for t in tokens):
        mods = "+".join(m for m in MODIFIERS if m in {_MODIFIER_ALIASES[t] for t in tokens})
        if mods in _MODIFIER_ONLY:
            return _clash(mods)
    try:
        parsed = parse_combo(combo)
    except ComboError as exc:
        return exc.reason
    if str(parsed) in _CLASHES:
        return _clash(str(parsed))
    if parsed.modifiers <= {"shift"} and parsed.key in _TYPING_KEYS:
        return msg("hotkey.eats_typing", combo=str(parsed))
    return None
