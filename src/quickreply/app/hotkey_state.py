"""The hotkeys the app holds: (re)registering them, what failed and why, and the tray state that follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quickreply.app.hotkey_bridge import PHRASE_PREFIX, HotkeyBridge, bindings_from_settings
from quickreply.core.hotkeys import display_combo
from quickreply.core.model import Library
from quickreply.core.settings.model import Settings
from quickreply.gui import i18n
from quickreply.gui.i18n import t
from quickreply.gui.icons import TrayState
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.tray.icon import Tray

if TYPE_CHECKING:
    from quickreply.platform.backend import Backend


class HotkeyState:
    """Registers every wanted hotkey through the bridge, keeps what failed (`errors`) and shows it in the
    tray; while `paused`, holds none."""

    def __init__(self, bridge: HotkeyBridge, backend: Backend, tray: Tray, notifier: Notifier) -> None:
        self.bridge, self.backend, self.tray, self.notifier = bridge, backend, tray, notifier
        self.paused = False
        self.errors: dict[str, str] = {}  # action name ("popup", "phrase:<id>", "backend") -> why

    def wanted(self, settings: Settings, library: Library) -> dict[str, str]:
        """Action name -> combo ("popup", "next_step", "phrase:<id>"), leaving out phrases not loaded."""
        bindings = bindings_from_settings(settings.hotkeys)
        return {
            name: combo
            for name, combo in bindings.items()
            if not name.startswith(PHRASE_PREFIX) or library.phrase(name[len(PHRASE_PREFIX) :])
        }

    def register(self, settings: Settings, library: Library) -> None:
        """(Re)register every hotkey; whatever fails shows in the tray and in one notification."""
        if self.paused:
            self.bridge.pause()
            self._show(settings)
            return
        if self.backend.name == "null":  # no hotkeys at all: one reason, already announced by App.start()
            self.errors = {"backend": i18n.text_of(self.backend.problem)} if self.backend.problem else {}
            self._show(settings)
            return
        errors = dict(self.bridge.register_all(self.wanted(settings, library)))
        for phrase_id in settings.hotkeys.phrases.values():
            if library.phrase(phrase_id) is None:
                missing = t("ui.app.phrase_is_not_loaded")
                errors[PHRASE_PREFIX + phrase_id] = missing.format(p=phrase_id)
        self.errors = errors
        self._show(settings)
        if errors:
            lines = [f"{hotkey_label(name, settings)}: {message}" for name, message in errors.items()]
            self.notifier.notify(t("ui.app.hotkeys_unavailable"), "\n".join(lines), Level.WARNING)

    def _show(self, settings: Settings) -> None:
        popup = settings.hotkeys.popup
        if self.paused:
            self.tray.set_state(TrayState.PAUSED, popup_combo=popup)
        elif self.errors:
            labels = ((hotkey_label(n, settings), m) for n, m in self.errors.items())
            detail = "; ".join(f"{label} {message}".strip() for label, message in labels)
            self.tray.set_state(TrayState.UNAVAILABLE, detail, popup_combo=popup)
        else:
            self.tray.set_state(TrayState.NORMAL, popup_combo=popup)


def hotkey_label(name: str, settings: Settings) -> str:
    """What the hotkey `name` (a key of `HotkeyState.errors`) does, and its combo, as the agent knows it."""
    if name == "backend":
        return ""
    if name == "popup":
        return t("ui.app.search") + f" {display_combo(settings.hotkeys.popup)}"
    if name == "next_step":
        return t("ui.app.next_step") + f" {display_combo(settings.hotkeys.next_step)}"
    phrase_id = name.partition(":")[2]
    combos = [combo for combo, pid in settings.hotkeys.phrases.items() if pid == phrase_id]
    return f"{display_combo(combos[0]) if combos else '?'} → {phrase_id}"
