"""[[subscriptions]] and [sync] in settings.toml: what is accepted, and what the user is told when not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quickreply.core.settings.model import dump_settings, parse_settings
from quickreply.core.sync.subscriptions import (
    DEFAULT_INTERVAL_MINUTES,
    DEFAULT_TIMEOUT_SECONDS,
    Source,
    SubscriptionsError,
    load_subscriptions,
    parse_subscriptions,
    sync_sections_toml,
)

BASE = Path("C:/srv/agent" if sys.platform == "win32" else "/srv/agent")  # absolute on both


def parse(text: str) -> tuple:
    return parse_subscriptions(text, "settings.toml", BASE)


def messages(problems: list) -> list[str]:
    return [str(p) for p in problems]


def test_url_and_folder_sources_with_names_and_sync_table() -> None:
    config, problems = parse(
        """
[profile]
shop = "小鞋铺"

[sync]
interval_minutes = 15
timeout_seconds = 4.5

[[subscriptions]]
name = "团队话术"
url = "https://intranet.example/packs/team.toml"

[[subscriptions]]
path = "team-packs"
"""
    )
    assert problems == []
    assert config.interval_minutes == 15
    assert config.timeout_seconds == 4.5
    assert config.sources == (
        Source("url", "https://intranet.example/packs/team.toml", "团队话术"),
        Source("path", str(BASE / "team-packs")),  # relative: read from the settings folder
    )
    assert config.sources[0].label == '"团队话术" (https://intranet.example/packs/team.toml)'


def test_defaults_when_nothing_is_configured() -> None:
    config, problems = parse('[profile]\nshop = "x"\n')
    assert (config.sources, problems) == ((), [])
    assert config.interval_minutes == DEFAULT_INTERVAL_MINUTES == 30
    assert config.timeout_seconds == DEFAULT_TIMEOUT_SECONDS == 10.0


def test_absolute_and_home_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))  # where ~ is on Windows
    config, _ = parse(f"[[subscriptions]]\npath = '{tmp_path / 'a'}'\n[[subscriptions]]\npath = \"~/b\"\n")
    assert [s.location for s in config.sources] == [str(tmp_path / "a"), str(tmp_path / "b")]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('url = "http://a/x.toml"\npath = "x"', "has both of url and path; give exactly one"),
        ('name = "只有名字"', "has neither of url and path; give exactly one"),
        ('url = "ftp://server/team.toml"', "has 'ftp:'; only http:// and https:// addresses work"),
        ('url = "file:///C:/packs/team.toml"', "has 'file:'; only http:// and https://"),
        ('url = "intranet/packs/team.toml"', "has no scheme; only http:// and https://"),
        ('url = "http:///team.toml"', "has no server name"),
        ('url = "http://host:99999/team.toml"', "has a bad port number"),
        ('url = ""', "url must be a non-empty string"),
        ("path = 3", "path must be a non-empty string"),
        ('url = "http://a/x.toml"\nname = 5', "name must be a string in quotes"),
    ],
)
def test_bad_entries_are_errors_with_their_line(entry: str, expected: str) -> None:
    text = f'[[subscriptions]]\nurl = "http://ok/team.toml"\n\n[[subscriptions]]\n{entry}\n'
    config, problems = parse(text)
    assert [s.location for s in config.sources] == ["http://ok/team.toml"]  # the good one is kept
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].line == 4
    assert expected in problems[0].message
    assert str(problems[0]).startswith("settings.toml:4: error: ")


def test_unknown_keys_and_duplicates_are_warnings() -> None:
    text = """
[[subscriptions]]
url = "http://a/team.toml"
interval = 5

[[subscriptions]]
url = "http://a/team.toml"

[sync]
interval_minutes = 5
every = 3
"""
    config, problems = parse(text)
    assert len(config.sources) == 1
    assert config.interval_minutes == 5
    assert all(not p.is_error for p in problems)
    assert messages(problems) == [
        "settings.toml:2: warning: [[subscriptions]] unknown key 'interval' ignored (known: url, path, name)",
        "settings.toml:6: warning: subscription http://a/team.toml is listed twice; the second one is "
        "ignored",
        "settings.toml:9: warning: [sync] unknown key 'every' ignored (known: interval_minutes, "
        "timeout_seconds)",
    ]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("interval_minutes = -1", "[sync] interval_minutes must be a number from 0 to 1440; using 30"),
        ("interval_minutes = 2.5", "[sync] interval_minutes must be a whole number; using 30"),
        ('interval_minutes = "30"', "[sync] interval_minutes must be a number from 0 to 1440; using 30"),
        ("timeout_seconds = 0", "[sync] timeout_seconds must be a number from 0.1 to 300; using 10.0"),
        ("timeout_seconds = true", "[sync] timeout_seconds must be a number from 0.1 to 300; using 10.0"),
    ],
)
def test_bad_sync_values_fall_back_to_defaults(table: str, expected: str) -> None:
    config, problems = parse(f"[sync]\n{table}\n")
    assert (config.interval_minutes, config.timeout_seconds) == (30, 10.0)
    assert messages(problems) == [f"settings.toml:1: error: {expected}"]


def test_interval_zero_means_check_on_start_only() -> None:
    config, problems = parse("[sync]\ninterval_minutes = 0\n")
    assert (config.interval_minutes, problems) == (0, [])


def test_subscriptions_not_written_as_tables() -> None:
    config, problems = parse('subscriptions = "http://a/team.toml"\n')
    assert config.sources == ()
    assert "write each subscription as [[subscriptions]]" in problems[0].message


def test_unreadable_settings_raise_a_clear_error(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    assert load_subscriptions(settings)[0].sources == ()  # no file yet: nothing subscribed
    settings.write_text('[[subscriptions]]\nurl = "http://a/b.toml', encoding="utf-8")
    with pytest.raises(SubscriptionsError, match="is not valid TOML"):
        load_subscriptions(settings)
    settings.write_bytes('[[subscriptions]]\nname = "团队"\n'.encode("gbk"))
    with pytest.raises(SubscriptionsError, match="is not UTF-8; re-save it as UTF-8"):
        load_subscriptions(settings)


def test_bom_and_relative_path_from_the_settings_folder(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_bytes('\ufeff[[subscriptions]]\npath = "packs-share"\n'.encode())
    config, problems = load_subscriptions(settings)
    assert problems == []
    assert config.sources == (Source("path", str(tmp_path / "packs-share")),)


def test_cache_key_is_stable_and_distinct() -> None:
    a = Source("url", "http://a/team.toml")
    assert a.key == Source("url", "http://a/team.toml", "另一个名字").key  # the name is only a label
    assert a.key != Source("url", "http://a/team2.toml").key
    assert a.key != Source("path", "http://a/team.toml").key
    assert len(a.key) == 16 and a.key.isalnum()


def test_settings_parser_leaves_subscriptions_to_this_module() -> None:
    _, warnings = parse_settings('[[subscriptions]]\nurl = "http://a/team.toml"\n')
    assert warnings == []


def test_sync_sections_survive_a_settings_save() -> None:
    old = """
[profile]
agent = "小美"

[sync]
interval_minutes = 5

[[subscriptions]]
name = "团队话术"
url = "http://intranet/packs/team.toml"

[[subscriptions]]
path = '\\\\server\\客服\\packs'
"""
    settings, _ = parse_settings(old)
    saved = dump_settings(settings) + sync_sections_toml(old)
    assert parse(saved) == parse(old)
    assert parse_settings(saved)[0] == settings
    assert sync_sections_toml('[profile]\nshop = "x"\n') == ""
    assert sync_sections_toml("not toml [") == ""
    invalid = sync_sections_toml('[[subscriptions]]\nurl = "ftp://x/a.toml"\n')
    _, problems = parse(dump_settings(settings) + invalid)
    assert "url 'ftp://x/a.toml' has 'ftp:'" in problems[0].message  # kept for the user to fix
