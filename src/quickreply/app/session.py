"""What the agent's actions lead to: hotkeys, tray choices and popup picks become pastes.

app/root.py builds every collaborator and hands them in; this class only routes. Each slot is a barrier:
an exception is logged and shown, never allowed to take the event loop down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from quickreply.app.hotkey_bridge import PHRASE_PREFIX
from quickreply.core.model import Library, Phrase, Script
from quickreply.core.pick import known_values, pick_at_once
from quickreply.core.ports import Anchor, Focus, Window
from quickreply.core.rules import RuleHit, Rules, bundled_rules
from quickreply.core.script_run import ScriptRun, ScriptStep
from quickreply.core.settings.model import Settings
from quickreply.core.usage.counts import Usage
from quickreply.core.usage.stats import PickEvent, append_event
from quickreply.gui.i18n import language, t
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.own_windows import is_own_window
from quickreply.gui.popup.rule_ask import ask_before_paste
from quickreply.gui.script_indicator import ScriptIndicator, indicator_text

if TYPE_CHECKING:
    from quickreply.gui.popup.window import Pick, Popup

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


class Runner(Protocol):
    """gui.paste_runner.PasteRunner as the session uses it."""

    def run(self, text: str, target: Window | None, send: bool = False) -> None: ...


def barrier(slot: F) -> F:
    """Log and report any exception of a Qt slot or hotkey callback instead of losing it (the owner
    of the method needs a `notifier`)."""

    @wraps(slot)
    def guarded(self: Any, *args: Any) -> Any:  # anything with a `notifier`
        try:
            return slot(self, *args)
        except Exception as exc:
            log.exception("error in %s", slot.__name__)
            self.notifier.notify(
                t("ui.app.something_went_wrong"), f"{type(exc).__name__}: {exc}", Level.ERROR
            )
            return None

    return guarded  # type: ignore[return-value]


class Session(QObject):
    script_changed = Signal(str)  # the running script's label, "" when none runs

    def __init__(
        self,
        popup: Popup,
        runner: Runner,
        focus: Focus,
        notifier: Notifier,
        usage: Usage,
        save_usage: Callable[[], None],
        indicator: ScriptIndicator | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.popup, self.runner, self.focus, self.notifier = popup, runner, focus, notifier
        self.usage, self._save_usage = usage, save_usage
        self.usage_log: Path | None = None  # usage_log.jsonl: counts per pick for `quickreply usage`
        self.indicator = indicator or ScriptIndicator()
        self.settings = Settings()
        self.library = Library()
        self.target: Window | None = None  # where the popup's pick goes: active before the popup showed
        self.ignore_hotkeys = False  # while a hotkey field in the settings dialog is capturing keys
        self.script: ScriptRun | None = None
        self._pending_step: ScriptStep | None = None  # handed out, waiting for the form to be filled
        self.rules: Rules = bundled_rules()  # the app adds the user's rules.toml
        self.ask_rule_breach: Callable[[list[RuleHit], str], bool] = ask_before_paste
        self._approved: set[str] = set()  # texts the agent chose to send anyway, this session
        popup.picked.connect(self.on_pick)
        popup.dismissed.connect(self.on_dismissed)
        popup.script_chosen.connect(self.on_popup_script)

    # -- hotkeys ----------------------------------------------------------------------------------------
    @barrier
    def on_hotkey(self, name: str) -> None:
        """A registered hotkey fired (already on the main thread): "popup", "next_step", "phrase:<id>"."""
        log.info("hotkey %s", name)
        if self.ignore_hotkeys:
            return
        if name == "popup":
            self.show_popup()
        elif name == "next_step":
            self.next_step()
        elif name.startswith(PHRASE_PREFIX):
            phrase_id = name[len(PHRASE_PREFIX) :]
            phrase = self.library.phrase(phrase_id)
            if phrase is None:
                self.notifier.notify(
                    t("ui.app.phrase_not_loaded"),
                    t("ui.app.the_hotkey_is_for_phrase").format(p=phrase_id),
                    Level.WARNING,
                )  # fmt: skip
                return
            self.send_phrase(phrase, self._active_window())

    def _active_window(self) -> Window | None:
        """The window the agent works in now; None when it is one of ours (nothing to paste into)."""
        try:
            window = self.focus.active_window()
        except Exception:
            log.exception("cannot read the active window")
            return None
        return None if window is None or is_own_window(window) else window

    def show_popup(self) -> None:
        """Remember the chat window first, then show the popup (its pick goes back there)."""
        if not self.popup.isVisible():
            self.target = self._active_window()
        self.popup.show_popup(self._anchor(self.target))

    # -- sending ----------------------------------------------------------------------------------------
    @barrier
    def on_pick(self, pick: Pick) -> None:
        step, self._pending_step = self._pending_step, None
        if step is not None and self.script is not None and pick.phrase.id != step.phrase.id:
            self.script.back()  # the agent picked something else instead of this step
        if self.may_paste(pick.text):
            self.runner.run(pick.text, self.target, pick.send)
        elif self.target is not None:
            self.focus.activate(self.target)
        self._show_script()

    @barrier
    def on_dismissed(self) -> None:
        if self._pending_step is not None and self.script is not None:
            self.script.back()
            self._pending_step = None
            self._show_script()
        if self.target is not None:
            self.focus.activate(self.target)

    @barrier
    def on_tray_phrase(self, phrase: Phrase, target: Window | None) -> None:
        self.send_phrase(phrase, target)

    def send_phrase(self, phrase: Phrase, target: Window | None, send: bool = False) -> bool:
        """Paste `phrase` into `target` at once when every blank is known; else ask in the popup's form.
        True when it went straight to the paste."""
        self.target = target
        pick = pick_at_once(phrase, send, self._known)
        if pick is None:
            self.popup.show_phrase_form(phrase, self._anchor(target))
            return False
        if not self.may_paste(pick.text):
            return False
        self.usage.record(phrase.id, {}, time.time())
        if self.usage_log is not None:  # a tray click or a per-phrase hotkey: one key
            event = PickEvent(time.time(), phrase.id, phrase.category, len(pick.text), 0, 1)
            append_event(self.usage_log, event)
        self.runner.run(pick.text, self.target, send)
        self._save_usage()
        return True

    def _anchor(self, target: Window | None) -> Anchor | None:
        """Where the agent is typing in `target` (caret or window), for placing the popup beside it."""
        if target is None:
            return None
        try:
            return self.focus.anchor(target)
        except Exception:  # placement is a nicety: a failing query must never stop the popup
            log.debug("no anchor for %s", target, exc_info=True)
            return None

    def may_paste(self, text: str) -> bool:
        """False when `text` breaks an error-level platform rule and the agent chose not to send it
        (asked once per text and session; `[paste] check_rules = false` turns the question off)."""
        if not self.settings.paste.check_rules or text in self._approved:
            return True
        hits = [hit for hit in self.rules.check(text) if hit.is_error]
        if not hits:
            return True
        if not self.ask_rule_breach(hits, text):
            log.info("paste held back: %s", ", ".join(sorted({h.rule.id for h in hits})))
            return False
        self._approved.add(text)
        return True

    def _known(self, names: tuple[str, ...]) -> dict[str, str]:
        return known_values(names, self.settings, QGuiApplication.clipboard().text, datetime.now)

    @barrier
    def on_paste_finished(self, outcome: Any) -> None:
        message = outcome.message(language())
        if message:
            level = Level.WARNING if outcome.ok else Level.ERROR
            self.notifier.notify(t("ui.app.paste"), message, level)
        for note in getattr(outcome, "notes", ()):
            log.info("paste note: %s", note)

    # -- talk scripts -------------------------------------------------------------------------------------
    @barrier
    def start_script(self, script: Script) -> None:
        self.script = ScriptRun(script, self.library)
        self._pending_step = None
        if self.script.total == 0:
            self.notifier.notify(t("ui.app.talk_script"), t("ui.app.this_script_has_no_steps"))
            self.script = None
        self._show_script()

    @barrier
    def stop_script(self) -> None:
        self.script, self._pending_step = None, None
        self._show_script()

    @barrier
    def next_step(self) -> None:
        """Paste the running script's next step into the window active now."""
        run = self.script
        if run is None:
            self.notifier.notify(
                t("ui.app.talk_script"),
                t("ui.app.no_talk_script_is_running"),
            )  # fmt: skip
            return
        self._send_next(run, self._active_window())

    @barrier
    def on_popup_script(self, script: Script) -> None:
        """A talk script picked in the popup: start it and paste its first step where the agent was."""
        self.start_script(script)
        if self.script is not None:
            self._send_next(self.script, self.target)

    def _send_next(self, run: ScriptRun, target: Window | None) -> None:
        if self._pending_step is not None:
            run.back()  # the form for that step was closed without sending: offer it again
            self._pending_step = None
        step = run.advance()
        if step is None:
            self.stop_script()
            return
        if step.missing_phrase_id and not step.phrase.text:
            self.notifier.notify(
                t("ui.app.talk_script"),
                t("ui.app.step_uses_phrase_which_is")
                .format(n=step.number, p=step.missing_phrase_id),
                Level.WARNING,
            )  # fmt: skip
        elif not self.send_phrase(step.phrase, target):
            self._pending_step = step
        self._show_script()

    def _show_script(self) -> None:
        run = self.script
        if run is not None and run.finished and self._pending_step is None:
            self.script = run = None
        if run is None:
            self.indicator.hide()
            self.script_changed.emit("")
            return
        self.indicator.show_run(run, self.settings.hotkeys.next_step)
        # Numbered like the indicator: the step the next press sends.
        self.script_changed.emit(f"{run.script.title} {min(run.sent + 1, run.total)}/{run.total}")

    def refresh_script(self) -> None:
        self._show_script()

    def script_label(self) -> str:
        return indicator_text(self.script, self.settings.hotkeys.next_step) if self.script else ""
