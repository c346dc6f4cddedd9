"""Asked once before pasting a text that breaks an error-level platform rule (docs/rules.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quickreply.core.rules import RuleHit, hit_message
from quickreply.gui.i18n import t, text_of

SHOWN = 3  # hits quoted in the question


def question_text(hits: list[RuleHit]) -> str:
    lines = [text_of(hit_message(hit)) for hit in hits[:SHOWN]]
    if len(hits) > SHOWN:
        lines.append(t("ui.popup.and_more", n_shown=len(hits) - SHOWN))
    head = t("ui.popup.this_text_may_break_a")
    tail = t("ui.popup.send_it_anyway_asked_once")
    return "\n\n".join([head, "\n".join(lines), tail])


def ask_before_paste(hits: list[RuleHit], text: str) -> bool:
    """True when the agent chooses to send anyway; 不发送 (the default button) keeps it back."""
    box = QMessageBox(QMessageBox.Icon.Warning, t("ui.popup.platform_rule"), question_text(hits))
    box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
    send = box.addButton(t("ui.popup.send_anyway"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(t("ui.popup.don_t_send"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is send
