"""Global hotkeys -> a Qt signal on the main thread, with a message for every hotkey that failed.

Backends call back on their own thread; the bridge hops to the main thread with a queued connection, so
whatever is connected to `triggered` may touch widgets and the clipboard.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, Signal, Slot

from quickreply.core.hotkeys import ComboError, conflict_reason, normalize_combo
from quickreply.core.messages import msg
from quickreply.core.ports import HotkeyError, Hotkeys
from quickreply.core.settings.model import HotkeySettings
from quickreply.gui.i18n import t, text_of

log = logging.getLogger(__name__)

POPUP = "popup"
NEXT_STEP = "next_step"
PHRASE_PREFIX = "phrase:"


def bindings_from_settings(hotkeys: HotkeySettings) -> dict[str, str]:
    """Action name -> combo: "popup", "next_step", and "phrase:<id>" for each per-phrase hotkey."""
    bindings = {POPUP: hotkeys.popup, NEXT_STEP: hotkeys.next_step}
    for combo, phrase_id in hotkeys.phrases.items():
        bindings[PHRASE_PREFIX + phrase_id] = combo
    return bindings


def phrase_id(name: str) -> str | None:
    """The phrase id of a "phrase:<id>" action name, else None."""
    return name[len(PHRASE_PREFIX) :] if name.startswith(PHRASE_PREFIX) else None


class HotkeyBridge(QObject):
    triggered = Signal(str)  # the action name, always emitted on the main thread
    _fired = Signal(str)  # emitted on the backend's thread

    def __init__(self, hotkeys: Hotkeys, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hotkeys = hotkeys
        self._bindings: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self._paused = False
        self._fired.connect(self._relay, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def _relay(self, name: str) -> None:
        if not self._paused:
            self.triggered.emit(name)

    def register(self, combo: str, name: str) -> None:
        """Fire `triggered(name)` on `combo`; raises HotkeyError (invalid, clashing, or taken)."""
        try:
            normal = normalize_combo(combo)
        except ComboError as exc:
            raise HotkeyError(combo, exc.reason) from exc
        clash = conflict_reason(normal)
        if clash is not None:
            raise HotkeyError(normal, clash)
        self._hotkeys.register(normal, lambda: self._fired.emit(name))
        log.info("hotkey %s -> %s", normal, name)

    def register_all(self, bindings: Mapping[str, str]) -> dict[str, str]:
        """Replace every hotkey with `bindings` (name -> combo; "" = none). Returns name -> error message."""
        self._hotkeys.unregister_all()
        self._bindings = dict(bindings)
        self._paused = False
        errors: dict[str, str] = {}
        owner: dict[str, str] = {}
        for name, combo in bindings.items():
            if not combo.strip():
                continue
            try:
                normal = normalize_combo(combo)
                if normal in owner:
                    raise HotkeyError(normal, msg("hotkey.same_as", owner=owner[normal]))
                self.register(normal, name)
                owner[normal] = name
            except (HotkeyError, ComboError) as exc:
                message = text_of(exc.reason)
                errors[name] = message
                log.warning("hotkey %s for %s not registered: %s", combo, name, message)
        self._errors = errors
        return errors

    @property
    def errors(self) -> dict[str, str]:
        """The failures of the last register_all, in the UI language at that time."""
        return dict(self._errors)

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        """Release every combo so other programs get them again (tray: pause hotkeys)."""
        self._hotkeys.unregister_all()
        self._paused = True

    def resume(self) -> dict[str, str]:
        return self.register_all(self._bindings)

    def unavailable_text(self) -> str:
        """One line for the tray tooltip when some hotkeys failed; "" when all are fine."""
        if not self._errors:
            return ""
        return t("ui.app.some_hotkeys_are_unavailable") + "; ".join(
            f"{name}: {message}" for name, message in self._errors.items()
        )
