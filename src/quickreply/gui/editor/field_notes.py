"""The red (error) and orange (warning) lines under a form's fields, from the validation findings."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from quickreply.gui.editor.validation import Finding
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE

WARNING_COLOR = "#d46b08"


class FieldNotes:
    """One label per field name, plus `general` for findings tied to no field of this form."""

    def __init__(self, fields: Iterable[str], on_fix: Callable[[str, str, str], None] | None = None) -> None:
        """`on_fix(field, as_written, replacement)` applies a finding's one-click fix (a 修正 link)."""
        self.labels = {name: _label() for name in (*fields, "")}
        self._messages: dict[str, list[str]] = {}
        self._fixes: dict[str, tuple[str, str]] = {}
        self._on_fix = on_fix
        for name, label in self.labels.items():
            label.linkActivated.connect(lambda href, field=name: self._fix(field, href))

    def __getitem__(self, field: str) -> QLabel:
        return self.labels[field]

    def show(self, findings: Iterable[Finding]) -> None:
        shown: dict[str, list[Finding]] = {}
        for finding in findings:
            field = finding.field if finding.field in self.labels else ""
            shown.setdefault(field, []).append(finding)
        self._messages = {field: [f.message for f in found] for field, found in shown.items()}
        self._fixes = {}
        for field, label in self.labels.items():
            found = sorted(shown.get(field, []), key=lambda f: not f.is_error)
            lines = []
            for f in found:
                line = (
                    f'<span style="color:{COLORS.error if f.is_error else WARNING_COLOR};">'
                    f"{'' if f.is_error else '⚠ '}{html.escape(f.message)}</span>"
                )
                if f.fix is not None and self._on_fix is not None:
                    key = f"fix:{len(self._fixes)}"
                    self._fixes[key] = f.fix
                    shown_fix = html.escape(f"{f.fix[0]} → {f.fix[1]}")
                    line += f' <a href="{key}">{t("ui.editor.fix_it")}</a> <small>({shown_fix})</small>'
                lines.append(line)
            label.setText("<br>".join(lines))
            label.setVisible(bool(lines))

    def fixes(self) -> list[tuple[str, str]]:
        """The one-click fixes offered now, as (as written, replacement)."""
        return list(self._fixes.values())

    def _fix(self, field: str, href: str) -> None:
        fix = self._fixes.get(href)
        if fix is not None and self._on_fix is not None:
            self._on_fix(field, *fix)

    def text(self, field: str) -> str:
        """The messages shown under `field`, one per line ("" when none)."""
        return "\n".join(self._messages.get(field if field in self.labels else "", []))


def _label() -> QLabel:
    label = QLabel(wordWrap=True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(f"font-size: {SMALL_PIXEL_SIZE}px;")
    label.hide()
    return label
