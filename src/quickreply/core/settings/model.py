"""settings.toml: the agent's profile, hotkeys, paste timing and per-app paste rules, the team packs
subscribed to and how often they are checked. The one reader and writer of the file."""

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

from quickreply.core import toml_load
from quickreply.core.messages import Message, msg, os_reason, render
from quickreply.core.packs.toml_errors import toml_error
from quickreply.core.packs.toml_lines import TomlLines
from quickreply.core.settings.fields import BY_KEY, PASTE_METHODS, SettingField
from quickreply.core.settings.subscriptions import Source, read_subscriptions, url_problem
from quickreply.core.settings.writer import OWNED, settings_text

# The code of a warning for a `[[subscriptions]]` entry that is not used at all (`quickreply sync` exits 2).
LEFT_OUT = "settings.subscription_left_out"


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
class SyncSettings:
    """How often the subscribed team packs are checked (docs/team-packs.md)."""

    interval_minutes: int = 30  # 0: check only when the app starts
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class Settings:
    profile: Profile = field(default_factory=Profile)
    hotkeys: HotkeySettings = field(default_factory=HotkeySettings)
    paste: PasteSettings = field(default_factory=PasteSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    usage: UsageSettings = field(default_factory=UsageSettings)
    sync: SyncSettings = field(default_factory=SyncSettings)
    # `[[subscriptions]]`: the usable entries, in file order. The dialog's 团队短语 page and `quickreply
    # subscribe` edit them in the file's text (subscription_text.py); save_settings keeps them as written.
    subscriptions: tuple[Source, ...] = ()


class SettingsError(Exception):
    """settings.toml could not be read at all; `message` says where and what to do (str() is English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(render(message, "en"))
        self.message = message


_SECTIONS: dict[str, type] = {
    "profile": Profile,
    "hotkeys": HotkeySettings,
    "paste": PasteSettings,
    "ui": UiSettings,
    "usage": UsageSettings,
    "sync": SyncSettings,
}
_KIND_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}


def default_of(section: str, key: str) -> Any:
    """The default of `[section] key`, from the dataclass (the one place defaults are written)."""
    return getattr(_SECTIONS[section](), key)


class _Reader:
    """Reads one settings text, collecting a Message for every value it could not use as written."""

    def __init__(self, text: str, file: str) -> None:
        self.lines = TomlLines(text)
        self.file = file
        self.problems: list[Message] = []

    def subscriptions(self, raw: Any, base: Path) -> tuple[Source, ...]:
        lines = [self.lines.line(h) for h in self.lines.headers("subscriptions")]

        def report(line: int, detail: Message, left_out: bool) -> None:
            code = LEFT_OUT if left_out else "settings.subscription_note"
            self.problems.append(msg(code, file=self.file, line=line, section="subscriptions", detail=detail))

        return read_subscriptions(raw, lines, self.lines.table_line("subscriptions"), base, report)

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
        written = value
        if declared.kind is float and _is_kind(value, int):
            value = float(value)  # `timeout_seconds = 4` is 4.0
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
        problem = value_problem(section, key, value)
        if problem is not None:
            self.report(
                "settings.not_a_url", section, key, value=_shown(value), detail=problem, used=_shown(default)
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
            low, high = f"{declared.low:g}", f"{declared.high:g}"
            self.report("settings.out_of_range", section, key, value=written, low=low, high=high, used=used)
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


def value_problem(section: str, key: str, value: Any) -> Message | None:
    """Why a value of the right type cannot be used for an address setting (`[usage] team_url`), or None;
    the loader and the settings dialog judge it with this same check."""
    declared = BY_KEY[(section, key)]
    if declared.url and isinstance(value, str) and value.strip():
        return url_problem(value.strip(), subscription=False)
    return None


def _is_kind(value: Any, kind: type) -> bool:
    if kind in (int, float):
        return isinstance(value, kind) and not isinstance(value, bool)
    return isinstance(value, kind)


def _shown(value: Any) -> str:
    """A value as TOML would write it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value + '"'
    return str(value)


def parse_settings(
    text: str, file: str = "settings.toml", base: Path | None = None
) -> tuple[Settings, list[Message]]:
    """Settings from TOML text, plus a message for each value not used as written; relative subscription
    paths are read from `base` (default: the folder of `file`). Raises SettingsError on bad TOML."""
    try:
        data = toml_load.loads(text)
    except toml_load.TOMLDecodeError as exc:
        raise SettingsError(msg("settings.not_toml", path=file, detail=toml_error(exc))) from exc
    reader = _Reader(text, file)
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        if name in _SECTIONS:
            kwargs[name] = reader.section(name, value)
        elif name == "subscriptions":
            kwargs[name] = reader.subscriptions(value, Path(file).parent if base is None else base)
        else:
            reader.report("settings.unknown_section", name)
    return Settings(**kwargs), reader.problems


def read_settings_text(path: Path) -> str:
    """The text of settings.toml, checked to be UTF-8 TOML ("" when there is no file yet); raises
    SettingsError saying why it cannot be used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise SettingsError(msg("settings.unreadable", path=str(path), detail=os_reason(exc))) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(msg("settings.not_utf8", path=str(path))) from exc


def load_settings(path: Path) -> tuple[Settings, list[Message]]:
    """Read settings.toml; a missing file gives defaults. Unreadable, non-UTF-8 or bad TOML raises
    SettingsError."""
    return parse_settings(read_settings_text(path), str(path))


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


def save_settings(path: Path, settings: Settings, base: Settings | None = None) -> Settings:
    """Write settings.toml: the values that differ from the defaults, every other line as the user wrote it
    (writer.py); a file that cannot be read is copied aside first. Returns the settings written.

    `base` is what the caller started from (what its window showed): then only the keys the caller changed
    (`settings` differs from `base`) are written, and every other key keeps the value the file holds now,
    so a hand edit of settings.toml made while the app runs, or a change another window saved meanwhile,
    is not overwritten with the caller's stale copy. Without `base`, all of `settings` is written."""
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
    if base is not None and old:
        try:
            on_disk = parse_settings(old, str(path))[0]
        except SettingsError:
            pass  # readable TOML the model refuses as a whole: write what the caller has
        else:
            settings = changes_onto(on_disk, base, settings)
    atomic_write_text(path, settings_text(old, settings))
    return settings


def changes_onto(target: Settings, base: Settings, changed: Settings) -> Settings:
    """`target` with each key that `changed` has changed from `base` set to its value in `changed`."""
    sections: dict[str, Any] = {}
    for name in OWNED:
        mine, before, theirs = getattr(changed, name), getattr(base, name), getattr(target, name)
        edits = {f.name: getattr(mine, f.name) for f in fields(mine)}
        edits = {key: value for key, value in edits.items() if value != getattr(before, key)}
        if edits:
            sections[name] = replace(theirs, **edits)
    return replace(target, **sections) if sections else target


def _keep_unreadable(path: Path) -> str:
    """A settings file we cannot parse is the user's work: keep a copy before writing a new one."""
    backup = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    shutil.copy2(path, backup)
    return ""


def with_profile(settings: Settings, **changes: str) -> Settings:
    return replace(settings, profile=replace(settings.profile, **changes))
