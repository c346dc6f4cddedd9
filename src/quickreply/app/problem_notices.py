"""The notifications that tell the agent what is wrong with the setup: an unreadable settings file, problems
in packs or a failed reload, no Chinese font, limited hotkeys and pasting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quickreply.core.messages import Message, msg
from quickreply.core.model import Problem
from quickreply.gui import i18n
from quickreply.gui.i18n import t
from quickreply.gui.notify import Level, Notifier
from quickreply.paths import Paths

if TYPE_CHECKING:
    from quickreply.platform.backend import Backend

PROBLEMS_SHOWN = 3  # pack problems quoted in the notification; the log has all of them


def first_start(notifier: Notifier, popup_combo: str) -> None:
    """The very first start shows only a tray icon: name the hotkey and where the settings are."""
    from quickreply.gui.hotkey_edit import pretty

    notifier.notify(
        t("ui.app.quickreply_is_running_in_the"),
        t("ui.app.press_in_a_chat_window").format(k=pretty(popup_combo)),
    )


def at_start(notifier: Notifier, settings_problem: str, chinese_font: bool, backend: Backend) -> None:
    """What is wrong with the setup, said once when the app starts (pack problems are said separately)."""
    if settings_problem:
        settings_unreadable(notifier, settings_problem, using_defaults=True)
    if not chinese_font:
        no_chinese_font(notifier)
    if backend.problem:
        backend_limited(notifier, backend)


def settings_unreadable(notifier: Notifier, problem: str, using_defaults: bool = False) -> None:
    """The settings file could not be read; `using_defaults` when the app started with defaults."""
    if using_defaults:
        problem += t("ui.app.using_defaults_the_file_is")
    notifier.notify(t("ui.app.settings_could_not_be_read"), problem, Level.ERROR)


def settings_values(notifier: Notifier, warnings: list[Message]) -> None:
    """Values of settings.toml that are not used as written (a bad paste method, a delay out of range...):
    each says which value is used instead, so pasting never breaks silently."""
    if not warnings:
        return
    lines = [i18n.text_of(w) for w in warnings[:PROBLEMS_SHOWN]]
    if len(warnings) > PROBLEMS_SHOWN:
        lines.append(t("ui.app.more_in_the_log", n_problems_shown=len(warnings) - PROBLEMS_SHOWN))
    notifier.notify(i18n.text_of(msg("settings.notice_title")), "\n".join(lines), Level.WARNING)


def pack_problems(
    notifier: Notifier, problems: list[Problem], phrase_count: int, paths: Paths, always: bool = False
) -> None:
    """One notification for every pack problem (errors first); with `always`, say "reloaded" when there are
    none."""
    shown = [p for p in problems if p.is_error] or problems
    if shown:
        title = t("ui.app.problems_in_packs")
        notifier.notify(title, _summary(shown, paths), Level.WARNING)
    elif always:
        count = t("ui.app.phrases").format(n=phrase_count)
        notifier.notify(t("ui.app.reloaded"), count)


def reload_failed(notifier: Notifier, exc: BaseException) -> None:
    """Reading the packs again failed; the library loaded before stays in use."""
    message = getattr(exc, "message", None)  # library_build.BuildFailed carries a catalogue message
    detail = i18n.text_of(message) if isinstance(message, Message) else str(exc)
    notifier.notify(t("ui.app.reload_failed"), detail, Level.ERROR)


def no_chinese_font(notifier: Notifier) -> None:
    """Said in English too: the Chinese wording itself would show as boxes."""
    notifier.notify(t("ui.app.no_chinese_font"), t("ui.app.no_chinese_font_detail"), Level.ERROR)


def backend_limited(notifier: Notifier, backend: Backend) -> None:
    """Why hotkeys or pasting do not (fully) work on this desktop."""
    title = t("ui.app.hotkeys_and_pasting_limited")
    if backend.problem is not None:
        notifier.notify(title, i18n.text_of(backend.problem), Level.WARNING)


def _summary(problems: list[Problem], paths: Paths) -> str:
    head = t("ui.app.problems_in_packs_files_with").format(
        n=len(problems), log=paths.data / "quickreply.log")  # fmt: skip
    lang = i18n.language()
    lines = [head]
    fixable = sum(1 for p in problems if p.fix is not None and Path(p.path) == paths.personal_file)
    if fixable:  # the agent's own file: the editor repairs it with one click
        lines.append(msg("personal.fixable_at_start", count=fixable).render(lang))
    return "\n".join([*lines, *(p.describe(lang) for p in problems[:PROBLEMS_SHOWN])])
