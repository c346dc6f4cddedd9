"""One declaration per setting of settings.toml: its section, key, type, allowed range or choices and a
one-line doc. The loader checks values against these, the settings dialog takes its ranges from them and
tests/core/test_settings_doc.py checks docs/settings.md against them. Defaults live on the dataclasses in
model.py (`default_of`), so there is one of each."""

from __future__ import annotations

from dataclasses import dataclass

PASTE_METHODS = ("ctrl+v", "shift+insert", "ctrl+shift+v", "type")
LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class SettingField:
    section: str
    key: str
    kind: type  # str, int, float or bool
    doc: str
    choices: tuple[str, ...] = ()
    low: int | float | None = None
    high: int | float | None = None
    url: bool = False  # '' or an http:// / https:// address with a server name


FIELDS: tuple[SettingField, ...] = (
    SettingField("profile", "shop", str, "The shop's name; fills {shop} in phrases."),
    SettingField("profile", "agent", str, "The agent's nickname as buyers see it; fills {agent}."),
    SettingField("hotkeys", "popup", str, "Opens the search popup."),
    SettingField("hotkeys", "next_step", str, "Pastes the next step of the running talk script; '' is off."),
    SettingField(
        "paste",
        "focus_delay_ms",
        int,
        "Wait after giving focus back, before the paste key.",
        low=0,
        high=2000,
    ),
    SettingField(
        "paste",
        "modifier_wait_ms",
        int,
        "Longest wait for Ctrl/Alt/Shift/Win to be released.",
        low=0,
        high=10000,
    ),
    SettingField(
        "paste",
        "restore_delay_ms",
        int,
        "Wait before the agent's own clipboard comes back.",
        low=50,
        high=10000,
    ),
    SettingField("paste", "method", str, "The default paste key.", choices=PASTE_METHODS),
    SettingField(
        "paste", "check_rules", bool, "Ask once before pasting a text that breaks an error-level rule."
    ),
    SettingField("ui", "language", str, "Interface language.", choices=LANGUAGES),
    SettingField("ui", "recent_count", int, "How many recently used phrases are listed.", low=0, high=50),
    SettingField("ui", "start_on_login", bool, "Start QuickReply at login (the tray's 开机自动启动 toggle)."),
    SettingField(
        "ui", "starter_packs", bool, "Load the bundled starter packs (内置); false leaves them out."
    ),
    SettingField(
        "usage", "team_folder", str, "Folder for this agent's usage summary (counts only); '' keeps it here."
    ),
    SettingField(
        "usage",
        "team_url",
        str,
        "Team server for this agent's usage summary (PUT <url>/<agent>.usage.json); '' is off.",
        url=True,
    ),
    SettingField(
        "sync",
        "interval_minutes",
        int,
        "Minutes between checks of the subscribed team packs; 0 checks only when the app starts.",
        low=0,
        high=24 * 60,
    ),
    SettingField(
        "sync",
        "timeout_seconds",
        float,
        "Longest wait for a team server or share before that source counts as failed.",
        low=0.1,
        high=300.0,
    ),
)

# One `[[subscriptions]]` entry (core/settings/subscriptions.py): exactly one of url and path, and a name.
SUBSCRIPTION_FIELDS: tuple[SettingField, ...] = (
    SettingField("subscriptions", "url", str, "A team pack on a web server: http:// or https:// only."),
    SettingField("subscriptions", "path", str, "A folder (or one file) of packs; relative to settings.toml."),
    SettingField("subscriptions", "name", str, "What messages and the 团队短语 page call this source."),
)

BY_KEY = {(f.section, f.key): f for f in FIELDS}
