"""Adding and removing `[[subscriptions]]` entries in settings.toml without touching anything else.

Used by `quickreply subscribe` / `unsubscribe` (scripted roll-outs) and by the settings dialog's 团队短语
page. The edit is done on the text: every other line of the agent's file (their `[profile]`, hotkeys,
comments) stays byte for byte as it was. Outcomes are `Message`s (catalogue domain `team`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from quickreply.core import toml_load
from quickreply.core.messages import Message, msg, os_reason
from quickreply.core.packs.toml_errors import toml_error
from quickreply.core.packs.toml_lines import _HEADER
from quickreply.core.settings.model import atomic_write_text
from quickreply.core.sync.subscriptions import Source, _url_problem, parse_subscriptions

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
        problem = _url_problem(value)
        if problem:
            raise SubscribeError(msg("team.bad_url", url=value, detail=problem))
        return Target("url", value)
    folder = Path(os.path.expanduser(value))
    return Target("path", os.path.abspath(folder if folder.is_absolute() else base / folder))


def _toml_string(value: str) -> str:
    """A TOML basic string; Windows paths come out with doubled backslashes, which TOML reads back."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ord(ch) >= 32 and ord(ch) != 127 else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        detail = os_reason(exc)
        raise SubscribeError(msg("team.settings_unreadable", path=str(path), detail=detail)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SubscribeError(msg("team.settings_not_utf8", path=str(path))) from None
    try:
        toml_load.loads(text)
    except toml_load.TOMLDecodeError as exc:
        raise SubscribeError(msg("team.settings_not_toml", path=str(path), detail=toml_error(exc))) from None
    return text


def _sources(text: str, path: Path) -> tuple[Source, ...]:
    return parse_subscriptions(text, str(path), path.parent)[0].sources


def add_subscription(text: str, path: Path, target: Target, name: str = "") -> tuple[str, bool]:
    """(new text, True) with one `[[subscriptions]]` entry appended; (text, False) when already there."""
    for source in _sources(text, path):
        if source.kind == target.kind and source.location == target.location:
            return text, False
    entry = "[[subscriptions]]\n"
    if name.strip():
        entry += f"name = {_toml_string(name.strip())}\n"
    entry += f"{target.kind} = {_toml_string(target.location)}\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    entry = entry.replace("\n", newline)
    if not text.strip():
        return text + entry, True
    ending = "" if text.endswith("\n") else newline
    return text + ending + newline + entry, True


def _entry_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `[[subscriptions]]` block: its header up to the next header or the end."""
    headers = list(_HEADER.finditer(text))
    spans = []
    for i, match in enumerate(headers):
        if match.group(1) == "[" and match.group(2).strip() == "subscriptions":
            end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
            spans.append((match.start(), end))
    return spans


def remove_subscription(text: str, path: Path, which: str) -> tuple[str, list[Source]]:
    """Drop every entry whose url, path (as typed or absolute) or name is `which`; (new text, removed)."""
    wanted = which.strip()
    base = path.parent
    as_path = os.path.abspath(
        Path(os.path.expanduser(wanted)) if Path(wanted).is_absolute() else base / wanted
    )
    doc = toml_load.loads(text)
    entries = doc.get("subscriptions", [])
    spans = _entry_spans(text)
    if not isinstance(entries, list) or len(spans) != len(entries):
        raise SubscribeError(msg("team.cannot_edit", path=str(path)))
    sources = [_source_of(entry, base) for entry in entries]
    drop = [
        i
        for i, source in enumerate(sources)
        if source is not None
        and (source.location in (wanted, as_path) or (source.name and source.name == wanted))
    ]
    new = text
    for i in reversed(drop):
        start, end = spans[i]
        new = new[:start] + new[end:]
    return new, [s for i, s in enumerate(sources) if i in drop and s is not None]


def _source_of(entry: object, base: Path) -> Source | None:
    if not isinstance(entry, dict):
        return None
    name = entry.get("name", "")
    name = name.strip() if isinstance(name, str) else ""
    url, where = entry.get("url"), entry.get("path")
    if isinstance(url, str) and url.strip():
        return Source("url", url.strip(), name)
    if isinstance(where, str) and where.strip():
        folder = Path(os.path.expanduser(where.strip()))
        return Source("path", os.path.abspath(folder if folder.is_absolute() else base / folder), name)
    return None


def _write(settings_file: Path, text: str) -> None:
    try:
        atomic_write_text(settings_file, text)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        problem = msg("team.settings_unwritable", path=str(settings_file), detail=detail)
        raise SubscribeError(problem) from None


def subscribe(settings_file: Path, target: Target, name: str = "") -> Message:
    """Add `target` to settings.toml (written atomically); the rest of the file is left as it is."""
    text = _read(settings_file)
    new, added = add_subscription(text, settings_file, target, name)
    if not added:
        return msg("team.already", location=target.location)
    _write(settings_file, new)
    return msg("team.subscribed", location=target.location, path=str(settings_file))


def unsubscribe(settings_file: Path, which: str) -> tuple[Message, list[Source]]:
    """Remove the entries matching `which` (url, path or name); a message saying what happened."""
    text = _read(settings_file)
    new, removed = remove_subscription(text, settings_file, which) if text else (text, [])
    if not removed:
        return msg("team.not_subscribed", which=which), []
    _write(settings_file, new)
    return msg("team.unsubscribed", count=len(removed), which=which), removed
