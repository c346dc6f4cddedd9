"""The red (error) and orange (warning) lines under a form's fields, from the validation findings."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from quickreply.gui.editor.validation import Finding
from quickreply.gui.qt_style import COLORS, SMALL_PIXEL_SIZE

WARNING_COLOR = "#d46b08"


class FieldNotes:
    """One label per field name, plus `general` for findings tied to no field of this form."""

    def __init__(self, fields: Iterable[str]) -> None:
        self.labels = {name: _label() for name in (*fields, "")}
        self._messages: dict[str, list[str]] = {}

    def __getitem__(self, field: str) -> QLabel:
        return self.labels[field]

    def show(self, findings: Iterable[Finding]) -> None:
        shown: dict[str, list[Finding]] = {}
        for finding in findings:
            field = finding.field if finding.field in self.labels else ""
            shown.setdefault(field, []).append(finding)
        self._messages = {field: [f.message for f in found] for field, found in shown.items()}
        for field, label in self.labels.items():
            found = sorted(shown.get(field, []), key=lambda f: not f.is_error)
            lines = [
                f'<span style="color:{COLORS.error if f.is_error else WARNING_COLOR};">'
                f"{'' if f.is_error else '⚠ '}{html.escape(f.message)}</span>"
                for f in found
            ]
            label.setText("<br>".join(lines))
            label.setVisible(bool(lines))

    def text(self, field: str) -> str:
        """The messages shown under `field`, one per line ("" when none)."""
        return "\n".join(self._messages.get(field if field in self.labels else "", []))


def _label() -> QLabel:
    label = QLabel(wordWrap=True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(f"font-size: {SMALL_PIXEL_SIZE}px;")
    label.hide()
    return label
