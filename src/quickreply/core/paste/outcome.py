"""What a paste came to: the result, and what to tell the agent (catalogue codes `paste.*`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from quickreply.core.messages import Message, msg

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

    def messages(self) -> list[Message]:
        """What to tell the agent, as catalogue messages (`paste.<result>`, `paste.not_restored`); none
        for a clean paste."""
        if not self.ok:
            return [msg(f"paste.{self.result.value}")]
        if not self.clipboard_restored and not self.notes_say_changed:
            return [msg("paste.not_restored")]
        return []

    def message(self, language: str = "zh_CN") -> str:
        """A user-facing sentence in "zh_CN" or "en"; "" for a clean paste (nothing to notify)."""
        parts = [m.render(language) for m in self.messages()]
        if self.detail and not self.ok:
            parts.insert(1, f"({self.detail})")
        return " ".join(parts)

    @property
    def notes_say_changed(self) -> bool:
        return any(note.startswith(CLIPBOARD_CHANGED_NOTE) for note in self.notes)
