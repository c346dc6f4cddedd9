"""Settings → 团队短语: add a folder or url, test it, see status/last sync/version/error, remove."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from quickreply.core.model import Library
from quickreply.core.settings.model import load_settings
from quickreply.core.sync.run import sync_all
from quickreply.core.sync.subscriptions import load_subscriptions
from quickreply.gui.settings.dialog import SettingsDialog

SYNC_DATA = Path(__file__).resolve().parents[1] / "data" / "sync"
AGENT = '[profile]\nshop = "小鹿旗舰店"\nagent = "小美"\n'


def _dialog(qtbot: QtBot, tmp_path: Path) -> tuple[SettingsDialog, Path, Path]:
    settings = tmp_path / "settings.toml"
    settings.write_text(AGENT, encoding="utf-8")
    cache = tmp_path / "data" / "subscriptions"
    loaded, _ = load_settings(settings)
    dialog = SettingsDialog(loaded, settings, Library(), team_cache=cache)
    qtbot.addWidget(dialog)
    return dialog, settings, cache


def test_test_then_add_a_folder_saves_only_the_subscription(qtbot: QtBot, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    shutil.copy(SYNC_DATA / "team_v1.toml", share / "team.toml")
    dialog, settings, _ = _dialog(qtbot, tmp_path)
    team = dialog.team
    team.target.setText(str(share))
    team.name.setText("鞋店团队")
    team.test()
    qtbot.waitUntil(lambda: team.test_button.isEnabled(), timeout=10_000)
    assert team.result.text().startswith("可以使用：") and "版本 1.0" in team.result.text()
    assert not (tmp_path / "data").exists()  # a test never writes the agent's offline copies
    team.add()
    assert team.table.rowCount() == 1 and team.table.item(0, 2).text() == "待保存"
    with qtbot.waitSignal(dialog.team_changed):
        assert dialog.apply()
    sources = load_subscriptions(settings)[0].sources
    assert [(s.kind, s.location, s.name) for s in sources] == [("path", str(share), "鞋店团队")]
    assert load_settings(settings)[0].profile.agent == "小美"


def test_a_dead_server_tests_as_not_working(qtbot: QtBot, tmp_path: Path) -> None:
    dialog, _, _ = _dialog(qtbot, tmp_path)
    dialog.team.target.setText("http://127.0.0.1:9/team.toml")
    dialog.team.test()
    qtbot.waitUntil(lambda: dialog.team.test_button.isEnabled(), timeout=15_000)
    assert dialog.team.result.text().startswith("无法使用：")
    dialog.team.target.setText("ftp://x/y.toml")
    dialog.team.add()
    assert dialog.team.table.rowCount() == 0 and "ftp" in dialog.team.result.text()


def test_status_last_sync_version_and_error_then_remove(qtbot: QtBot, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    shutil.copy(SYNC_DATA / "team_v1.toml", share / "team.toml")
    settings = tmp_path / "settings.toml"
    settings.write_text(AGENT + f"\n[[subscriptions]]\npath = '{share}'\nname = \"团队\"\n", encoding="utf-8")
    cache = tmp_path / "data" / "subscriptions"
    sources = load_subscriptions(settings)[0].sources
    sync_all(sources, cache, datetime(2024, 5, 1, 10, 30).astimezone())
    shutil.copy(SYNC_DATA / "broken_syntax.toml", share / "team.toml")
    sync_all(sources, cache, datetime(2024, 5, 1, 11, 0).astimezone())
    dialog = SettingsDialog(load_settings(settings)[0], settings, Library(), team_cache=cache)
    qtbot.addWidget(dialog)
    table = dialog.team.table
    assert [table.item(0, c).text() for c in (0, 2, 3, 4)] == ["团队", "更新失败（仍用上次的副本）",
                                                               "2024-05-01 10:30", "1.0"]  # fmt: skip
    table.selectRow(0)
    assert "新版本有错误" in dialog.team.detail.text()  # the lead sees the details here
    dialog.team.remove_selected()
    assert table.rowCount() == 0
    assert dialog.apply()
    assert load_subscriptions(settings)[0].sources == ()
    assert settings.read_text(encoding="utf-8").startswith('[profile]\nshop = "小鹿旗舰店"')
