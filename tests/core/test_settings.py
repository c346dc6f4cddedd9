"""settings.toml: round trip, bad values, and saves that never lose what the user wrote."""

from pathlib import Path

import pytest

from quickreply.core.settings.model import (
    HotkeySettings,
    PasteRule,
    PasteSettings,
    Settings,
    SettingsError,
    load_settings,
    parse_settings,
    save_settings,
    with_profile,
)


def test_round_trip_keeps_every_section(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings = with_profile(
        Settings(
            hotkeys=HotkeySettings(phrases={"f1": "greet.welcome"}),
            paste=PasteSettings(rules=(PasteRule(method="ctrl+shift+v", wm_class="xterm"),)),
        ),
        shop="小熊旗舰店",
        agent="小美",
    )
    save_settings(path, settings)
    loaded, warnings = load_settings(path)
    assert loaded == settings
    assert warnings == []


def test_wrong_types_and_unknown_keys_fall_back_with_warnings() -> None:
    settings, warnings = parse_settings(
        '[profile]\nshop = 3\ncolour = "red"\n[paste]\nrestore_delay_ms = "slow"\n'
        '[[paste.rules]]\nmethod = "paste-it"\n[nonsense]\nx = 1\n'
    )
    assert settings.profile.shop == ""
    assert settings.paste.restore_delay_ms == PasteSettings().restore_delay_ms
    assert any("colour" in w for w in warnings)
    assert any("restore_delay_ms" in w for w in warnings)
    assert any("paste-it" in w for w in warnings)
    assert any("[nonsense]" in w for w in warnings)


def test_bad_toml_and_gbk_say_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[profile\nshop = 1", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(path)
    path.write_bytes('[profile]\nshop = "小熊"\n'.encode("gbk"))
    with pytest.raises(SettingsError, match="re-save it as UTF-8"):
        load_settings(path)


def test_save_keeps_subscriptions_and_sync_sections(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        '[profile]\nshop = "A"\n\n[sync]\ninterval_minutes = 15\n\n'
        '[[subscriptions]]\nurl = "http://intranet/team.toml"\nname = "团队"\n',
        encoding="utf-8",
    )
    settings, warnings = load_settings(path)
    assert warnings == []
    save_settings(path, with_profile(settings, shop="B"))
    text = path.read_text(encoding="utf-8")
    assert 'url = "http://intranet/team.toml"' in text
    assert "interval_minutes = 15" in text
    assert load_settings(path)[0].profile.shop == "B"


def test_save_over_an_unreadable_file_keeps_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[profile\nshop = '手写的'", encoding="utf-8")
    save_settings(path, Settings())
    copies = list(tmp_path.glob("settings.toml.unreadable-*"))
    assert len(copies) == 1
    assert "手写的" in copies[0].read_text(encoding="utf-8")
    assert load_settings(path)[0] == Settings()
