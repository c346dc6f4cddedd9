"""settings.toml: the agent's profile, hotkeys, paste timing and per-app paste rules."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomli_w

from quickreply.core import toml_load
from quickreply.core.messages import Message, msg, render
from quickreply.core.packs.toml_errors import toml_error
from quickreply.core.packs.toml_lines import TomlLines
from quickreply.core.settings.fields import BY_KEY, PASTE_METHODS, SettingField


@dataclass(frozen=True)
class Profile:
    shop: str = ""
    agent: str = ""


@dataclass(frozen=True)
class HotkeySettings:
    # Ctrl+Alt+Space: clashes with neither the IME toggles (Ctrl+Space, Ctrl+Shift, Shift) nor Alt+Space.
    popup: str = "ctrl+alt+space"
    next_step: str = "ctrl+alt+n"
    phrases: Mapping[str, str] = field(default_factory=dict)  # combo -> phrase id, e.g. "f1" = "greet.hello"


@dataclass(frozen=True)
class PasteRule:
    """Choose the paste method for windows whose class/title/process contains the given text."""

    method: str
    wm_class: str = ""
    title: str = ""
    process: str = ""


@dataclass(frozen=True)
class PasteSettings:
    focus_delay_ms: int = 60  # after giving focus back, before the paste keys
    modifier_wait_ms: int = 2000  # longest wait for the hotkey's modifiers to be released
    restore_delay_ms: int = 400  # before putting the agent's clipboard back
    method: str = "ctrl+v"
    rules: tuple[PasteRule, ...] = ()
    check_rules: bool = True  # ask before pasting a text that breaks an error-level platform rule


@dataclass(frozen=True)
class UiSettings:
    language: str = "zh_CN"  # or "en"
    recent_count: int = 10
    start_on_login: bool = False  # HKCU Run key / XDG autostart entry, written by platform/autostart.py
    starter_packs: bool = True  # the bundled starter packs (内置) are part of the library


@dataclass(frozen=True)
class UsageSettings:
    """Opt-in team view (docs/usage.md): this agent's usage summary, counts only, goes to `team_folder`
    and/or is PUT to the team server at `team_url`."""

    team_folder: str = ""  # "" = off; e.g. '\\\\server\\客服\\usage'
    team_url: str = ""  # "" = off; e.g. "http://intranet/qr-usage/" (PUT <url>/<agent>.usage.json)


@dataclass(frozen=True)
class Settings:
    profile: Profile = field(default_factory=Profile)
    hotkeys: HotkeySettings = field(default_factory=HotkeySettings)
    paste: PasteSettings = field(default_factory=PasteSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    usage: UsageSettings = field(default_factory=UsageSettings)


class SettingsError(Exception):
    """settings.toml could not be read; `message` says where and what to do (str() is English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(render(message, "en"))
        self.message = message


_SECTIONS: dict[str, type] = {
    "profile": Profile,
    "hotkeys": HotkeySettings,
    "paste": PasteSettings,
    "ui": UiSettings,
    "usage": UsageSettings,
}
_KIND_NAMES = {str: "a string", int: "a whole number", bool: "true or false"}


def default_of(section: str, key: str) -> Any:
    """The default of `[section] key`, from the dataclass (the one place defaults are written)."""
    return getattr(_SECTIONS[section](), key)


class _Reader:
    """Reads one settings text, collecting a Message for every value it could not use as written."""

    def __init__(self, text: str, file: str) -> None:
        self.lines = TomlLines(text)
        self.file = file
        self.problems: list[Message] = []

    def report(self, code: str, section: str, key: str | None = None, **args: Any) -> None:
        header = self.lines.headers(section)
        if key is None:
            line = self.lines.table_line(section)
        else:
            line = self.lines.key_line(header[0] if header else None, key) if header else 0
        self.problems.append(msg(code, file=self.file, line=line, section=section, key=key or "", **args))

    def section(self, name: str, data: Any) -> Any:
        cls = _SECTIONS[name]
        if not isinstance(data, dict):
            self.report("settings.not_a_table", name)
            return cls()
        known = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                self.report("settings.unknown_key", name, key)
                continue
            declared = BY_KEY.get((name, key))
            if declared is not None:
                kwargs[key] = self.scalar(declared, value)
            elif key == "phrases" and isinstance(value, dict):
                kwargs[key] = {str(k): str(v) for k, v in value.items()}
            elif key == "rules" and isinstance(value, list):
                kwargs[key] = tuple(self.rule(item, name) for item in value if isinstance(item, dict))
            else:
                used = default_of(name, key)
                self.report(
                    "settings.wrong_type",
                    name,
                    key,
                    value=_shown(value),
                    expected="a table",
                    used=_shown(used),
                )
        return cls(**kwargs)

    def scalar(self, declared: SettingField, value: Any) -> Any:
        """The value to use: as written when it fits, clamped into range, else the default (reported)."""
        section, key = declared.section, declared.key
        default = default_of(section, key)
        if not _is_kind(value, declared.kind):
            expected = _KIND_NAMES[declared.kind]
            self.report(
                "settings.wrong_type",
                section,
                key,
                value=_shown(value),
                expected=expected,
                used=_shown(default),
            )
            return default
        if declared.choices and value not in declared.choices:
            choices = ", ".join(declared.choices)
            self.report(
                "settings.not_a_choice",
                section,
                key,
                value=_shown(value),
                choices=choices,
                used=_shown(default),
            )
            return default
        if (
            declared.low is not None
            and declared.high is not None
            and not declared.low <= value <= declared.high
        ):
            used = min(max(value, declared.low), declared.high)
            low, high = declared.low, declared.high
            self.report("settings.out_of_range", section, key, value=value, low=low, high=high, used=used)
            return used
        return value

    def rule(self, data: dict[str, Any], where: str) -> PasteRule:
        method = str(data.get("method", "ctrl+v"))
        if method not in PASTE_METHODS:
            self.report(
                "settings.rule_method",
                where,
                value=_shown(method),
                choices=", ".join(PASTE_METHODS),
                used='"ctrl+v"',
            )
            method = "ctrl+v"
        return PasteRule(
            method=method,
            wm_class=str(data.get("wm_class", "")),
            title=str(data.get("title", "")),
            process=str(data.get("process", "")),
        )


def _is_kind(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _shown(value: Any) -> str:
    """A value as TOML would write it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value + '"'
    return str(value)


def parse_settings(text: str, file: str = "settings.toml") -> tuple[Settings, list[Message]]:
    """Settings from TOML text, plus a message for each value not used as written. Raises SettingsError
    on bad TOML."""
    try:
        data = toml_load.loads(text)
    except toml_load.TOMLDecodeError as exc:
        raise SettingsError(msg("settings.file_not_toml", file=file, detail=toml_error(exc))) from exc
    reader = _Reader(text, file)
    kwargs = {}
    for name, value in data.items():
        if name in _SECTIONS:
            kwargs[name] = reader.section(name, value)
        elif name not in ("subscriptions", "sync"):  # read by core.sync.subscriptions
            reader.report("settings.unknown_section", name)
    return Settings(**kwargs), reader.problems


def _plain(obj: Any) -> Any:
    if isinstance(obj, PasteRule):
        return {k: v for k, v in vars(obj).items() if v}
    if isinstance(obj, tuple):
        return [_plain(x) for x in obj]
    if isinstance(obj, Mapping):
        return dict(obj)
    return obj


def dump_settings(settings: Settings) -> str:
    data = {
        name: {g.name: _plain(getattr(section, g.name)) for g in fields(section)}
        for name, section in vars(settings).items()
    }
    return tomli_w.dumps(data)


def load_settings(path: Path) -> tuple[Settings, list[Message]]:
    """Read settings.toml; a missing file gives defaults. Non-UTF-8 or bad TOML raises SettingsError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(msg("settings.file_not_utf8", file=path)) from exc
    return parse_settings(text, str(path))


def atomic_write_text(path: Path, text: str) -> None:
    """Write via temp file + fsync + rename, so a crash never leaves a half-written file. The new file
    keeps the mode of the one it replaces, else 0644 (a temp file is 0600: an exported team.toml could
    then not be served by a web server)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with contextlib.suppress(OSError, NotImplementedError):  # Windows: no POSIX modes
            os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings.toml, keeping the [sync] and [[subscriptions]] sections this module does not own."""
    from quickreply.core.sync.subscriptions import sync_sections_toml  # it imports this module

    try:
        old = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        old = ""
    except UnicodeDecodeError:
        old = _keep_unreadable(path)
    if old:
        try:
            toml_load.loads(old)
        except toml_load.TOMLDecodeError:
            old = _keep_unreadable(path)
    atomic_write_text(path, dump_settings(settings) + sync_sections_toml(old))


def _keep_unreadable(path: Path) -> str:
    """A settings file we cannot parse is the user's work: keep a copy before writing a new one."""
    backup = path.with_name(f"{path.name}.unreadable-{int(time.time())}")
    shutil.copy2(path, backup)
    return ""


def with_profile(settings: Settings, **changes: str) -> Settings:
    return replace(settings, profile=replace(settings.profile, **changes))
