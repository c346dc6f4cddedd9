"""Adding and removing `[[subscriptions]]` entries in settings.toml without touching anything else.

Used by `quickreply subscribe` / `unsubscribe` (scripted roll-outs) and by the settings dialog's 团队短语
page. The edit is done on the text: every other line of the agent's file (their `[profile]`, hotkeys,
comments) stays byte for byte as it was. Outcomes are `Message`s (catalogue domain `team`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from quickreply.core.messages import Message, msg
from quickreply.core.settings.model import (
    SettingsError,
    atomic_write_text,
    parse_settings,
    read_settings_text,
)
from quickreply.core.settings.subscription_text import (
    EntriesNotEditable,
    add_subscription,
    remove_subscription,
)
from quickreply.core.settings.subscriptions import Source, absolute_folder, url_problem

Kind = Literal["url", "path"]


@dataclass(frozen=True)
class Target:
    """What the agent or lead typed, understood: a url or an absolute folder/file path."""

    kind: Kind
    location: str  # the url, or the path as it will be written


class SubscribeError(Exception):
    """The target or the settings file cannot be used; `message` says what to do."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


def parse_target(text: str, base: Path) -> Target:
    """`http(s)://…` is a url; anything else with `://` is refused; the rest is a path (made absolute)."""
    value = text.strip()
    if not value:
        raise SubscribeError(msg("team.target_empty"))
    if "://" in value:
        problem = url_problem(value)
        if problem:
            raise SubscribeError(msg("team.bad_url", url=value, detail=problem))
        return Target("url", value)
    return Target("path", absolute_folder(value, base))


# The settings model's reasons a file cannot be read, in the words of the team commands.
_TEAM_CODES = {
    "settings.unreadable": "team.settings_unreadable",
    "settings.not_utf8": "team.settings_not_utf8",
    "settings.not_toml": "team.settings_not_toml",
}


def _read(path: Path) -> tuple[str, tuple[Source, ...]]:
    """The file's text and the subscriptions the settings model reads in it."""
    try:
        text = read_settings_text(path)
        sources = parse_settings(text, str(path))[0].subscriptions if text else ()
    except SettingsError as exc:
        raise SubscribeError(msg(_TEAM_CODES[exc.message.code], **exc.message.args)) from None
    return text, sources


def _write(settings_file: Path, text: str) -> None:
    try:
        atomic_write_text(settings_file, text)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        problem = msg("team.settings_unwritable", path=str(settings_file), detail=detail)
        raise SubscribeError(problem) from None


def subscribe(settings_file: Path, target: Target, name: str = "") -> Message:
    """Add `target` to settings.toml (written atomically); the rest of the file is left as it is."""
    text, sources = _read(settings_file)
    new, added = add_subscription(text, sources, target.kind, target.location, name)
    if not added:
        return msg("team.already", location=target.location)
    _write(settings_file, new)
    return msg("team.subscribed", location=target.location, path=str(settings_file))


def unsubscribe(settings_file: Path, which: str) -> tuple[Message, list[Source]]:
    """Remove the entries matching `which` (url, path or name); a message saying what happened."""
    text, _ = _read(settings_file)
    try:
        new, removed = remove_subscription(text, settings_file.parent, which) if text else (text, [])
    except EntriesNotEditable:
        raise SubscribeError(msg("team.cannot_edit", path=str(settings_file))) from None
    if not removed:
        return msg("team.not_subscribed", which=which), []
    _write(settings_file, new)
    return msg("team.unsubscribed", count=len(removed), which=which), removed
