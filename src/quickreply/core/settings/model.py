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

PASTE_METHODS = ("ctrl+v", "shift+insert", "ctrl+shift+v", "type")


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


@dataclass(frozen=True)
class Settings:
    profile: Profile = field(default_factory=Profile)
    hotkeys: HotkeySettings = field(default_factory=HotkeySettings)
    paste: PasteSettings = field(default_factory=PasteSettings)
    ui: UiSettings = field(default_factory=UiSettings)


class SettingsError(Exception):
    """settings.toml could not be read; the message says where and what to do."""


def _section(cls: type, data: Any, where: str, problems: list[str]) -> Any:
    if not isinstance(data, dict):
        problems.append(f"[{where}] must be a table; using defaults")
        return cls()
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            problems.append(f"[{where}] unknown key '{key}' ignored")
            continue
        default = getattr(cls(), key)
        if _same_scalar_type(default, value):
            kwargs[key] = value
        elif isinstance(default, Mapping) and isinstance(value, dict):
            kwargs[key] = {str(k): str(v) for k, v in value.items()}
        elif key == "rules" and isinstance(value, list):
            kwargs[key] = tuple(_rule(item, where, problems) for item in value if isinstance(item, dict))
        else:
            problems.append(f"[{where}] '{key}' has the wrong type; using the default")
    return cls(**kwargs)


def _same_scalar_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    return isinstance(default, int) and isinstance(value, int) and not isinstance(value, bool)


def _rule(data: dict[str, Any], where: str, problems: list[str]) -> PasteRule:
    method = str(data.get("method", "ctrl+v"))
    if method not in PASTE_METHODS:
        problems.append(f"[{where}] rule method '{method}' unknown (use one of {', '.join(PASTE_METHODS)})")
        method = "ctrl+v"
    return PasteRule(
        method=method,
        wm_class=str(data.get("wm_class", "")),
        title=str(data.get("title", "")),
        process=str(data.get("process", "")),
    )


def parse_settings(text: str) -> tuple[Settings, list[str]]:
    """Settings from TOML text, plus warnings for what was ignored. Raises SettingsError on bad TOML."""
    try:
        data = toml_load.loads(text)
    except toml_load.TOMLDecodeError as exc:
        raise SettingsError(f"settings.toml is not valid TOML ({exc}); fix it or delete it") from exc
    problems: list[str] = []
    sections = {"profile": Profile, "hotkeys": HotkeySettings, "paste": PasteSettings, "ui": UiSettings}
    kwargs = {}
    for name, value in data.items():
        if name in sections:
            kwargs[name] = _section(sections[name], value, name, problems)
        elif name not in ("subscriptions", "sync"):  # read by core.subscriptions
            problems.append(f"unknown section [{name}] ignored")
    return Settings(**kwargs), problems


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


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """Read settings.toml; a missing file gives defaults. Non-UTF-8 or bad TOML raises SettingsError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path} is not UTF-8; re-save it as UTF-8") from exc
    return parse_settings(text)


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
