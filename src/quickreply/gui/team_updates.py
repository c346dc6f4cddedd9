"""The readable list of a team update: what was added, changed (old → new, the changed words marked) and
removed, per source and pack file. Opened by the app when a sync brings changes, and from the tray menu."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from quickreply.core.sync.changes import PhraseChange, UpdateRecord, word_diff
from quickreply.core.sync.report import show_time
from quickreply.gui.i18n import t
from quickreply.gui.icons import app_icon

DEL_STYLE = "color:#cf1322;background:#fff1f0;text-decoration:line-through;"
ADD_STYLE = "color:#237804;background:#f6ffed;font-weight:bold;"
MUTED = "color:#8a919f;"


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def changed_html(old: str, new: str) -> str:
    """Old text with the removed words struck out, then the new text with the added words marked."""
    runs = word_diff(old, new)
    before = "".join(
        _text(t) if op == "same" else f'<span style="{DEL_STYLE}">{_text(t)}</span>'
        for op, t in runs
        if op != "add"
    )
    after = "".join(
        _text(t) if op == "same" else f'<span style="{ADD_STYLE}">{_text(t)}</span>'
        for op, t in runs
        if op != "del"
    )
    return f"{before}<br><span style='{MUTED}'>→</span> {after}"


def _section(title: str, items: list[PhraseChange], body: str) -> str:
    if not items:
        return ""
    rows = []
    for change in items:
        label = escape(change.title or change.id)
        if change.kind == "changed" and change.old_title and change.old_title != change.title:
            label = f"<s>{escape(change.old_title)}</s> → {label}"
        if body == "changed":
            content = changed_html(change.old_text, change.new_text)
        elif body == "added":
            content = _text(change.new_text)
        else:
            content = f"<span style='{MUTED}'>{_text(change.old_text)}</span>"
        category = f" <span style='{MUTED}'>· {escape(change.category)}</span>" if change.category else ""
        rows.append(f"<li><b>{label}</b>{category}<br>{content}</li>")
    return f"<h3>{escape(title)}（{len(items)}）</h3><ul>{''.join(rows)}</ul>"


def updates_html(records: Sequence[UpdateRecord]) -> str:
    """The whole list: newest update first."""
    if not records:
        return f"<p>{escape(t('ui.common.no_team_pack_updates_lately'))}</p>"
    parts = []
    for record in reversed(records):
        versions = (
            f"{record.version_old} → {record.version_new}" if record.version_old else record.version_new
        )
        head = f"{escape(record.source)} · {escape(record.file)} · {escape(versions)}"
        parts.append(f"<h2>{head} <span style='{MUTED}'>{escape(show_time(record.at))}</span></h2>")
        by_kind = {k: [c for c in record.phrases if c.kind == k] for k in ("changed", "added", "removed")}
        parts.append(_section(t("ui.common.changed"), by_kind["changed"], "changed"))
        parts.append(_section(t("ui.common.added"), by_kind["added"], "added"))
        parts.append(_section(t("ui.common.removed"), by_kind["removed"], "removed"))
    return "".join(parts)


class UpdatesDialog(QDialog):
    """Shows `updates_html`; opened without taking the focus from the chat the agent is typing in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("ui.common.what_the_team_pack_update"))
        self.setWindowIcon(app_icon())
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("ui.common.got_it"))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def show_records(self, records: Sequence[UpdateRecord]) -> None:
        self.browser.setHtml(updates_html(records))
        self.show()
        self.raise_()
