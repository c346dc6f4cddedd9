"""[[subscriptions]] and [sync] in settings.toml, read by the settings model like every other section:
what is accepted, and what the user is told when not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quickreply.core.messages import Message
from quickreply.core.settings.model import (
    LEFT_OUT,
    SettingsError,
    default_of,
    parse_settings,
)
from quickreply.core.settings.subscription_text import kept_sync_sections
from quickreply.core.settings.writer import dump_settings
from quickreply.core.sync.subscriptions import Source, SyncConfig, is_left_out, load_subscriptions

BASE = Path("C:/srv/agent" if sys.platform == "win32" else "/srv/agent")  # absolute on both


def parse(text: str) -> tuple[SyncConfig, list[Message]]:
    settings, warnings = parse_settings(text, "settings.toml", BASE)
    return SyncConfig.of(settings), warnings


def messages(problems: list[Message]) -> list[str]:
    return [p.render("en") for p in problems]


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
    assert config.interval_minutes == default_of("sync", "interval_minutes") == 30
    assert config.timeout_seconds == default_of("sync", "timeout_seconds") == 10.0


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
    assert len(problems) == 1 and is_left_out(problems[0])
    assert problems[0].args["line"] == 4
    en = problems[0].render("en")
    assert expected in en and en.startswith("settings.toml:4: ")
    assert en.endswith("; this subscription is not used")
    assert problems[0].render("zh_CN").endswith("；这个订阅没有使用")


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
    assert not any(is_left_out(p) for p in problems)
    assert messages(problems) == [
        "settings.toml:2: [[subscriptions]] unknown key 'interval' ignored (known: url, path, name)",
        "settings.toml:6: subscription http://a/team.toml is listed twice; the second one is ignored",
        "settings.toml:11: [sync] unknown key 'every' ignored",
    ]


# Before the settings model read [sync], every bad value fell back to the default (-1 -> 30, 0 -> 10.0).
# Now [sync] is checked like every other section: clamped into its range, or the default for a wrong type.
@pytest.mark.parametrize(
    ("table", "used", "expected"),
    [
        ("interval_minutes = -1", (0, 10.0), "[sync] 'interval_minutes' = -1 is outside 0–1440; using 0"),
        (
            "interval_minutes = 99999",
            (1440, 10.0),
            "[sync] 'interval_minutes' = 99999 is outside 0–1440; using 1440",
        ),
        (
            "interval_minutes = 2.5",
            (30, 10.0),
            "[sync] 'interval_minutes' = 2.5 has the wrong type (expected a whole number); using the "
            "default 30",
        ),
        (
            'interval_minutes = "30"',
            (30, 10.0),
            "[sync] 'interval_minutes' = \"30\" has the wrong type (expected a whole number); using the "
            "default 30",
        ),
        ("timeout_seconds = 0", (30, 0.1), "[sync] 'timeout_seconds' = 0 is outside 0.1–300; using 0.1"),
        (
            "timeout_seconds = true",
            (30, 10.0),
            "[sync] 'timeout_seconds' = true has the wrong type (expected a number); using the default 10.0",
        ),
    ],
)
def test_bad_sync_values_are_clamped_or_replaced_with_the_value_used(
    table: str, used: tuple[int, float], expected: str
) -> None:
    config, problems = parse(f"[sync]\n{table}\n")
    assert (config.interval_minutes, config.timeout_seconds) == used
    assert messages(problems) == [f"settings.toml:2: {expected}"]
    assert problems[0].args["key"] in table and not is_left_out(problems[0])


def test_a_whole_number_timeout_is_a_number_of_seconds() -> None:
    config, problems = parse("[sync]\ntimeout_seconds = 4\n")
    assert (config.timeout_seconds, problems) == (4.0, [])
    assert isinstance(config.timeout_seconds, float)


def test_interval_zero_means_check_on_start_only() -> None:
    config, problems = parse("[sync]\ninterval_minutes = 0\n")
    assert (config.interval_minutes, problems) == (0, [])


def test_subscriptions_not_written_as_tables() -> None:
    config, problems = parse('subscriptions = "http://a/team.toml"\n')
    assert config.sources == ()
    assert "write each subscription as [[subscriptions]]" in problems[0].render("en")
    assert problems[0].code == LEFT_OUT and problems[0].args["line"] == 1


def test_unreadable_settings_raise_a_clear_error(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    assert load_subscriptions(settings)[0].sources == ()  # no file yet: nothing subscribed
    settings.write_text('[[subscriptions]]\nurl = "http://a/b.toml', encoding="utf-8")
    with pytest.raises(SettingsError, match="is not valid TOML"):
        load_subscriptions(settings)
    settings.write_bytes('[[subscriptions]]\nname = "团队"\n'.encode("gbk"))
    with pytest.raises(SettingsError, match="is not UTF-8; re-save it as UTF-8"):
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


def test_the_settings_model_reads_subscriptions_and_sync() -> None:
    settings, warnings = parse_settings(
        '[sync]\ninterval_minutes = 5\n[[subscriptions]]\nurl = "http://a/team.toml"\n', "/x/settings.toml"
    )
    assert warnings == []
    assert settings.subscriptions == (Source("url", "http://a/team.toml"),)
    assert settings.sync.interval_minutes == 5


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
    saved = dump_settings(settings) + kept_sync_sections(old)
    assert parse(saved) == parse(old)
    assert parse_settings(saved)[0] == settings
    assert kept_sync_sections('[profile]\nshop = "x"\n') == ""
    assert kept_sync_sections("not toml [") == ""
    invalid = kept_sync_sections('[[subscriptions]]\nurl = "ftp://x/a.toml"\n')
    _, problems = parse(dump_settings(settings) + invalid)
    assert "url 'ftp://x/a.toml' has 'ftp:'" in problems[0].render("en")  # kept for the user to fix
