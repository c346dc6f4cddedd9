"""Asked once before pasting a text that breaks an error-level platform rule (docs/rules.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quickreply.core.rules import RuleHit, hit_message
from quickreply.gui.i18n import language, tr

SHOWN = 3  # hits quoted in the question


def question_text(hits: list[RuleHit]) -> str:
    lines = [hit_message(hit).render(language()) for hit in hits[:SHOWN]]
    if len(hits) > SHOWN:
        lines.append(tr(f"……还有 {len(hits) - SHOWN} 处", f"... and {len(hits) - SHOWN} more"))
    head = tr(
        "这条话术可能违反平台规则，发给买家可能被扣分：",
        "This text may break a platform rule; sending it can cost points:",
    )
    tail = tr(
        "仍要发送吗？（这条话术本次运行只问一次；设置 [paste] check_rules = false 可关闭提醒）",
        "Send it anyway? (asked once per text while the app runs; [paste] check_rules = false turns it off)",
    )
    return "\n\n".join([head, "\n".join(lines), tail])


def ask_before_paste(hits: list[RuleHit], text: str) -> bool:
    """True when the agent chooses to send anyway; 不发送 (the default button) keeps it back."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("平台规则提醒", "Platform rule"), question_text(hits))
    box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
    send = box.addButton(tr("仍然发送", "Send anyway"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(tr("不发送", "Don't send"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is send
