"""The first start's welcome: names the popup hotkey and asks for the shop name and nickname (skippable)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from quickreply.core.settings.model import Profile
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import named, ui_font


class WelcomeDialog(QDialog):
    """Non-modal: the tray app runs meanwhile. `answered` carries the profile typed (None: skipped)."""

    answered = Signal(object)  # Profile | None

    def __init__(self, hotkey: str, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setWindowTitle(t("firstday.welcome_title"))
        self.setFont(ui_font(14))
        self._answered = False
        layout = QVBoxLayout(self)
        intro = QLabel(t("firstday.welcome_intro", hotkey=hotkey), wordWrap=True)
        intro.setMinimumWidth(420)
        layout.addWidget(intro)
        form = QFormLayout()
        self.shop = named(QLineEdit(profile.shop), "welcome_shop")
        self.agent = named(QLineEdit(profile.agent), "welcome_agent")
        form.addRow(t("firstday.shop"), self.shop)
        form.addRow(t("firstday.agent"), self.agent)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(t("firstday.save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton(t("firstday.skip"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)

    def accept(self) -> None:
        self._answer(Profile(shop=self.shop.text().strip(), agent=self.agent.text().strip()))
        super().accept()

    def reject(self) -> None:  # 以后再说, Esc or the close button
        self._answer(None)
        super().reject()

    def _answer(self, profile: Profile | None) -> None:
        if not self._answered:
            self._answered = True
            self.answered.emit(profile)
