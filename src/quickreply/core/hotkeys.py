"""Hotkey combos: parse and normalise "Ctrl+Alt+Space" to "ctrl+alt+space", and spot clashes.

A combo is zero or more modifiers (ctrl, alt, shift, win) and exactly one key. The normal form lists
modifiers in that order, lower case, joined by "+"; adapters translate it for their library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    """A combo that cannot be a hotkey; carries the message in both UI languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, language: str = "zh_CN") -> str:
        return self.en if language == "en" else self.zh


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
        raise ComboError(
            "快捷键为空：请按下一个组合键，例如 Ctrl+Alt+Space",
            "empty hotkey: press a combo such as Ctrl+Alt+Space",
        )
    modifiers: set[str] = set()
    keys: list[str] = []
    if "" in tokens:  # "ctrl+" or "ctrl++": the plus key itself is not offered
        raise ComboError(
            f"“{text}”有空的部分：“+”用来连接按键，不能作为按键本身（可改用 = 键）",
            f"'{text}' has an empty part: '+' joins keys and cannot be a key itself (use '=' instead)",
        )
    for token in tokens:
        if token in _MODIFIER_ALIASES:
            modifiers.add(_MODIFIER_ALIASES[token])
            continue
        key = _key_name(token)
        if key is None:
            raise ComboError(
                f"“{text}”中的“{token}”不是可用的按键"
                "（可用：字母、数字、F1–F24、Space、Enter、Tab、Insert、Home 等）",
                f"'{token}' in '{text}' is not a key we know (use letters, digits, F1-F24, Space, Enter, "
                "Tab, Insert, Home, ...)",
            )
        keys.append(key)
    if not keys:
        raise ComboError(
            f"“{text}”只有修饰键：还需要一个普通按键，例如 Ctrl+Alt+Space",
            f"'{text}' has only modifier keys: add one more key, e.g. Ctrl+Alt+Space",
        )
    if len(keys) > 1:
        raise ComboError(
            f"“{text}”包含多个普通按键（{'、'.join(keys)}）：只能有一个，其余须为 Ctrl/Alt/Shift/Win",
            f"'{text}' has more than one key ({', '.join(keys)}): use one key plus Ctrl/Alt/Shift/Win",
        )
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


_CLASHES: dict[str, tuple[str, str]] = {
    "ctrl+space": ("Ctrl+Space 用于开关中文输入法", "Ctrl+Space turns the Chinese input method on and off"),
    "shift+space": ("Shift+Space 是输入法的全角/半角切换键", "Shift+Space is the IME full/half-width switch"),
    "ctrl+period": ("Ctrl+. 是输入法的中英文标点切换键", "Ctrl+. is the IME punctuation switch"),
    "win+space": ("Win+Space 用于切换输入法", "Win+Space switches the input method"),
    "alt+space": ("Alt+Space 会打开窗口菜单", "Alt+Space opens the window menu"),
    "alt+tab": ("Alt+Tab 用于切换窗口", "Alt+Tab switches windows"),
    "alt+shift+tab": ("Alt+Shift+Tab 用于切换窗口", "Alt+Shift+Tab switches windows"),
    "alt+escape": ("Alt+Esc 用于切换窗口", "Alt+Esc switches windows"),
    "alt+f4": ("Alt+F4 会关闭窗口", "Alt+F4 closes the window"),
    "ctrl+escape": ("Ctrl+Esc 会打开开始菜单", "Ctrl+Esc opens the Start menu"),
    "ctrl+alt+delete": ("Ctrl+Alt+Del 由系统保留", "Ctrl+Alt+Del is reserved by the system"),
    "win+l": ("Win+L 会锁定电脑", "Win+L locks the computer"),
    "win+d": ("Win+D 会显示桌面", "Win+D shows the desktop"),
    "ctrl+enter": ("Ctrl+Enter 在聊天软件中用于发送或换行", "Ctrl+Enter sends or breaks lines in chat apps"),
    "shift+enter": ("Shift+Enter 在聊天软件中用于换行", "Shift+Enter breaks lines in chat apps"),
}
_EDIT_KEYS = (("c", "复制", "copy"), ("v", "粘贴", "paste"), ("x", "剪切", "cut"), ("z", "撤销", "undo"),
              ("a", "全选", "select all"), ("y", "重做", "redo"))  # fmt: skip
for _letter, _zh, _en in _EDIT_KEYS:
    _CLASHES[f"ctrl+{_letter}"] = (f"Ctrl+{_letter.upper()} 是{_zh}", f"Ctrl+{_letter.upper()} is {_en}")
# We send these ourselves as paste keys; as hotkeys they would fire on our own paste.
_CLASHES["ctrl+shift+v"] = ("Ctrl+Shift+V 是终端的粘贴键", "Ctrl+Shift+V is the terminal paste key")
_CLASHES["shift+insert"] = ("Shift+Insert 是粘贴键", "Shift+Insert is a paste key")
_MODIFIER_ONLY = {
    frozenset({"shift"}): ("单独的 Shift 用于切换中/英文输入", "Shift alone switches Chinese/English input"),
    frozenset({"ctrl"}): ("单独的 Ctrl 不能作为快捷键", "Ctrl alone cannot be a hotkey"),
    frozenset({"ctrl", "shift"}): ("Ctrl+Shift 用于切换输入法", "Ctrl+Shift switches the input method"),
    frozenset({"alt", "shift"}): ("Alt+Shift 用于切换输入语言", "Alt+Shift switches the input language"),
}


def conflict_reason(combo: str, language: str = "zh_CN") -> str | None:
    """Why `combo` makes a bad hotkey (IME toggle, system key, eats typing, invalid), or None if fine.

    Never raises: an invalid combo returns the parse error. Pass the UI language ("zh_CN" or "en").
    """
    pick = 1 if language == "en" else 0
    tokens = _tokens(combo)
    if tokens and all(t in _MODIFIER_ALIASES for t in tokens):
        mods = frozenset(_MODIFIER_ALIASES[t] for t in tokens)
        if mods in _MODIFIER_ONLY:
            return _MODIFIER_ONLY[mods][pick]
    try:
        parsed = parse_combo(combo)
    except ComboError as exc:
        return exc.message(language)
    clash = _CLASHES.get(str(parsed))
    if clash:
        return clash[pick]
    if parsed.modifiers <= {"shift"} and parsed.key in _TYPING_KEYS:
        return (
            (f"“{parsed}”没有 Ctrl/Alt/Win 修饰键，打字时会被吞掉；请加上 Ctrl 或 Alt（单独的 F1–F24 可以）",
             f"'{parsed}' has no Ctrl/Alt/Win: it would swallow normal typing; add Ctrl or Alt "
             "(F1-F24 alone are fine)")[pick]
        )  # fmt: skip
    return None
