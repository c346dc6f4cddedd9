"""`quickreply subscribe` / `unsubscribe` and the settings page edit only [[subscriptions]] entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from quickreply.cli import main
from quickreply.core.messages import render
from quickreply.core.settings.model import load_settings
from quickreply.core.settings.subscription_text import add_subscription, remove_subscription
from quickreply.core.sync.subscribe import (
    SubscribeError,
    Target,
    parse_target,
    subscribe,
    unsubscribe,
)
from quickreply.core.sync.subscriptions import load_subscriptions

AGENT = """\
# 小美的设置
[profile]
shop = "小鹿旗舰店"   # 店铺
agent = "小美"

[hotkeys.phrases]
f1 = "greet.hello"
"""

PACK = """\
[pack]
id = "team"
name = "团队"
version = "1.0"

[[phrases]]
id = "team.hi"
category = "欢迎语"
title = "问候"
text = "您好"
"""


def test_subscribe_appends_and_leaves_every_other_byte(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(AGENT, encoding="utf-8")
    outcome = subscribe(settings, Target("url", "http://intranet/team.toml"), "鞋店团队")
    assert outcome.code == "team.subscribed"
    text = settings.read_text(encoding="utf-8")
    assert text.startswith(AGENT)  # the profile and its comments stay as the agent wrote them
    config, problems = load_subscriptions(settings)
    assert not problems
    assert [(s.kind, s.location, s.name) for s in config.sources] == [
        ("url", "http://intranet/team.toml", "鞋店团队")
    ]
    loaded, warnings = load_settings(settings)
    assert loaded.profile.shop == "小鹿旗舰店" and not warnings
    assert dict(loaded.hotkeys.phrases) == {"f1": "greet.hello"}


def test_subscribing_twice_adds_nothing(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    subscribe(settings, Target("path", str(tmp_path / "share")))
    before = settings.read_text(encoding="utf-8")
    assert subscribe(settings, Target("path", str(tmp_path / "share"))).code == "team.already"
    assert settings.read_text(encoding="utf-8") == before


def test_windows_path_and_quotes_round_trip(tmp_path: Path) -> None:
    text, added = add_subscription("", (), "path", r'\\server\客服\pa"cks', 'a"b')
    assert added
    settings = tmp_path / "s.toml"
    settings.write_text(text, encoding="utf-8")
    source = load_subscriptions(settings)[0].sources[0]
    assert source.name == 'a"b'
    assert source.location.endswith(r'\\server\客服\pa"cks') or r"客服" in source.location


def test_unsubscribe_by_name_url_or_path_keeps_the_rest(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(AGENT, encoding="utf-8")
    subscribe(settings, Target("url", "http://a/team.toml"), "甲")
    subscribe(settings, Target("path", str(tmp_path / "share")))
    subscribe(settings, Target("url", "http://b/x.toml"))
    outcome, removed = unsubscribe(settings, "甲")
    assert outcome.code == "team.unsubscribed" and [s.location for s in removed] == ["http://a/team.toml"]
    _, removed = unsubscribe(settings, "share")  # relative to the settings folder
    assert [s.location for s in removed] == [str(tmp_path / "share")]
    text = settings.read_text(encoding="utf-8")
    assert text.startswith(AGENT)
    assert [s.location for s in load_subscriptions(settings)[0].sources] == ["http://b/x.toml"]
    outcome, removed = unsubscribe(settings, "nothing-like-this")
    assert outcome.code == "team.not_subscribed" and not removed


def test_remove_keeps_a_section_written_after_the_entry(tmp_path: Path) -> None:
    text = '[[subscriptions]]\nurl = "http://a/t.toml"\n\n[ui]\nlanguage = "en"\n'
    new, removed = remove_subscription(text, tmp_path, "http://a/t.toml")
    assert len(removed) == 1 and new == '[ui]\nlanguage = "en"\n'


@pytest.mark.parametrize("typed", ["ftp://server/team.toml", "http://[bad/x.toml", "  "])
def test_bad_targets_are_refused_with_a_message(typed: str, tmp_path: Path) -> None:
    with pytest.raises(SubscribeError) as caught:
        parse_target(typed, tmp_path)
    assert render(caught.value.message, "zh_CN") and "[" not in render(caught.value.message, "en")[:1]


def test_unreadable_settings_are_left_alone(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("[profile\nshop = 1", encoding="utf-8")
    with pytest.raises(SubscribeError) as caught:
        subscribe(settings, Target("url", "http://a/t.toml"))
    assert caught.value.message.code == "team.settings_not_toml"
    assert settings.read_text(encoding="utf-8") == "[profile\nshop = 1"


def test_cli_subscribe_syncs_a_folder_then_unsubscribe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUICKREPLY_HOME", str(tmp_path))
    (tmp_path / "settings.toml").write_text(AGENT, encoding="utf-8")
    share = tmp_path / "share"
    share.mkdir()
    (share / "team.toml").write_text(PACK, encoding="utf-8")
    assert main(["subscribe", str(share), "--name", "团队"]) == 0
    out = capsys.readouterr().out
    assert "subscribed to" in out and "new" in out
    assert main(["subscribe", "--list"]) == 0
    assert "version 1.0" in capsys.readouterr().out
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8").startswith(AGENT)
    assert main(["unsubscribe", "团队"]) == 0
    assert main(["unsubscribe", "团队"]) == 1
    assert main(["subscribe", "ftp://x/y.toml"]) == 2
    assert (tmp_path / "settings.toml").read_text(encoding="utf-8").rstrip("\n") == AGENT.rstrip("\n")


def test_cli_subscribe_to_a_dead_server_keeps_the_entry_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUICKREPLY_HOME", str(tmp_path))
    assert main(["subscribe", "http://127.0.0.1:9/team.toml", "--timeout", "1"]) == 1
    assert "failed" in capsys.readouterr().out
    assert len(load_subscriptions(tmp_path / "settings.toml")[0].sources) == 1
