"""Guard against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on Python 3.11).

That release drops one reference to None on every void method call, so a tray app running all day aborts
with "Fatal Python error: none_dealloc". pyproject.toml pins it out; this test catches a regression.
"""

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_keep_none_referenced(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("您好")
    assert sys.getrefcount(None) - before > -50
