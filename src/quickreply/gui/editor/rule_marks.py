"""Words that break a platform rule, underlined in red as the agent types (core/rules)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from quickreply.core.rules import Rules, bundled_rules
from quickreply.gui.qt_style import COLORS


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2  # Qt counts UTF-16 units (an emoji is two)


class RuleMarks(QSyntaxHighlighter):
    """Wavy red underline under each rule hit of each line of a text field."""

    def __init__(self, document: QTextDocument, rules: Rules | None = None) -> None:
        super().__init__(document)
        self.rules = rules if rules is not None else bundled_rules()
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor(COLORS.error))

    def highlightBlock(self, text: str) -> None:
        for hit in self.rules.check(text):
            start = _utf16(text[: hit.start])
            self.setFormat(start, _utf16(hit.words), self._format)

    def marked(self) -> list[str]:
        """The words underlined now, line by line (for tests)."""
        words = []
        block = self.document().firstBlock()
        while block.isValid():
            text = block.text()
            words += [hit.words for hit in self.rules.check(text)]
            block = block.next()
        return words
