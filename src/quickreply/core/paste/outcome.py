"""What a paste came to: the result, and the sentence to show the agent in either UI language."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

CLIPBOARD_CHANGED_NOTE = "clipboard changed while pasting"
MULTILINE_NOTE = "multi-line text pasted via the clipboard instead of typed"


class PasteResult(Enum):
    PASTED = "pasted"
    NO_TARGET = "no_target"  # nothing had focus when the popup opened (or the tray menu was used)
    TARGET_GONE = "target_gone"  # the window was closed, or refuses focus
    FOCUS_LOST = "focus_lost"  # focus went back, but another window holds it now
    TARGET_ELEVATED = "target_elevated"  # Windows: an administrator window ignores our simulated keys
    MODIFIERS_HELD = "modifiers_held"  # Ctrl/Alt/Shift/Win still down after modifier_wait_ms
    CLIPBOARD_FAILED = "clipboard_failed"
    KEYS_FAILED = "keys_failed"


# (zh, en) wording for each result; the GUI shows it with tr(*...) or outcome.message(language).
_MESSAGES: dict[PasteResult, tuple[str, str]] = {
    PasteResult.PASTED: ("已粘贴", "Pasted"),
    PasteResult.NO_TARGET: (
        "没有找到要粘贴的窗口。文字已复制到剪贴板，请在聊天框中按 Ctrl+V 粘贴。",
        "No window to paste into. The text is on the clipboard: press Ctrl+V in the chat box.",
    ),
    PasteResult.TARGET_GONE: (
        "原来的窗口已关闭或无法激活。文字已复制到剪贴板，请按 Ctrl+V 粘贴。",
        "The window was closed or cannot be activated. The text is on the clipboard: press Ctrl+V.",
    ),
    PasteResult.FOCUS_LOST: (
        "焦点被其他窗口占用，为避免粘贴到错误窗口已停止。文字已复制到剪贴板，请按 Ctrl+V 粘贴。",
        "Another window took the focus, so nothing was pasted (it could land in the wrong place). "
        "The text is on the clipboard: press Ctrl+V.",
    ),
    PasteResult.TARGET_ELEVATED: (
        "目标窗口以管理员身份运行，会忽略模拟按键。文字已复制到剪贴板，请按 Ctrl+V 粘贴；"
        "或以管理员身份运行快捷回复。",
        "The window runs as administrator and ignores simulated keys. The text is on the clipboard: "
        "press Ctrl+V, or run QuickReply as administrator too.",
    ),
    PasteResult.MODIFIERS_HELD: (
        "Ctrl/Alt/Shift/Win 键一直未松开，未发送粘贴键。文字已复制到剪贴板，请按 Ctrl+V 粘贴。",
        "Ctrl/Alt/Shift/Win stayed pressed, so no paste key was sent. The text is on the clipboard: "
        "press Ctrl+V.",
    ),
    PasteResult.CLIPBOARD_FAILED: (
        "无法使用剪贴板，未能粘贴。",
        "The clipboard could not be used; nothing was pasted.",
    ),
    PasteResult.KEYS_FAILED: (
        "无法发送按键，文字可能未粘贴。",
        "Keys could not be sent; the text may not have been pasted.",
    ),
}
_NOT_RESTORED = ("剪贴板原有内容未能恢复。", "Your previous clipboard could not be restored.")


@dataclass(frozen=True)
class PasteOutcome:
    """What happened, for the notification and the log."""

    result: PasteResult
    method: str = ""  # paste method actually used: "ctrl+v", "shift+insert", "ctrl+shift+v", "type"
    text_left_on_clipboard: bool = False  # the agent can paste by hand
    clipboard_restored: bool = True  # False: restore failed, or was skipped (see notes)
    notes: tuple[str, ...] = ()  # English, for the log: fallbacks taken, skipped restores
    detail: str = ""  # the exception text when a port failed

    @property
    def ok(self) -> bool:
        return self.result is PasteResult.PASTED

    def message(self, language: str = "zh_CN") -> str:
        """A user-facing sentence in "zh_CN" or "en"; "" for a clean paste (nothing to notify)."""
        pick = 1 if language == "en" else 0
        parts = [] if self.ok else [_MESSAGES[self.result][pick]]
        if self.detail and not self.ok:
            parts.append(f"({self.detail})")
        if self.ok and not self.clipboard_restored and not self.notes_say_changed:
            parts.append(_NOT_RESTORED[pick])
        return " ".join(parts)

    @property
    def notes_say_changed(self) -> bool:
        return any(note.startswith(CLIPBOARD_CHANGED_NOTE) for note in self.notes)
