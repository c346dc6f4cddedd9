"""settings.toml: round trip, bad values, and saves that never lose what the user wrote."""

import re
from pathlib import Path
from typing import Any

import pytest

from quickreply.core.settings.fields import FIELDS, SUBSCRIPTION_FIELDS
from quickreply.core.settings.model import (
    HotkeySettings,
    PasteRule,
    PasteSettings,
    Settings,
    SettingsError,
    default_of,
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
    warnings = [w.render("en") for w in warnings]
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
    copies = list(tmp_path.glob("settings.toml.broken-*"))
    assert len(copies) == 1
    assert "手写的" in copies[0].read_text(encoding="utf-8")
    assert load_settings(path)[0] == Settings()


# -- values checked against core/settings/fields.py -------------------------------------------------------


def test_an_unknown_paste_method_is_reported_and_pasting_keeps_working() -> None:
    text = '[profile]\nshop = "小店"\n\n[paste]\nmethod = "ctrl-v"\n'
    settings, warnings = parse_settings(text, "/home/a/settings.toml")
    assert settings.paste.method == "ctrl+v"  # the default: every paste would fail with "ctrl-v"
    assert [w.code for w in warnings] == ["settings.not_a_choice"]
    en, zh = warnings[0].render("en"), warnings[0].render("zh_CN")
    assert en.startswith("/home/a/settings.toml:5: [paste] 'method' = \"ctrl-v\" is not one of ctrl+v, ")
    assert en.endswith('using the default "ctrl+v"')
    assert zh.startswith("/home/a/settings.toml:5: [paste] 'method'") and "改用默认值" in zh


@pytest.mark.parametrize(
    ("text", "read", "used", "code"),
    [
        ("[paste]\nfocus_delay_ms = -500\n", lambda s: s.paste.focus_delay_ms, 0, "settings.out_of_range"),
        (
            "[paste]\nrestore_delay_ms = 99999\n",
            lambda s: s.paste.restore_delay_ms,
            10000,
            "settings.out_of_range",
        ),
        ('[ui]\nlanguage = "fr"\n', lambda s: s.ui.language, "zh_CN", "settings.not_a_choice"),
        ("[ui]\nrecent_count = -3\n", lambda s: s.ui.recent_count, 0, "settings.out_of_range"),
        ("[paste]\ncheck_rules = 1\n", lambda s: s.paste.check_rules, True, "settings.wrong_type"),
        ('[usage]\nteam_url = "intranet/usage"\n', lambda s: s.usage.team_url, "", "settings.not_a_url"),
        ('[usage]\nteam_url = "ftp://nas/usage"\n', lambda s: s.usage.team_url, "", "settings.not_a_url"),
    ],
)
def test_bad_values_are_clamped_or_dropped_with_the_value_used(
    text: str, read: Any, used: Any, code: str
) -> None:
    settings, warnings = parse_settings(text)
    assert read(settings) == used
    assert [w.code for w in warnings] == [code]
    assert warnings[0].args["line"] == 2 and warnings[0].args["file"] == "settings.toml"
    shown = f'"{used}"' if isinstance(used, str) else str(used).lower()
    assert warnings[0].render("en").endswith(shown) and shown in warnings[0].render("zh_CN")


def test_every_declared_field_has_a_default_of_its_type_inside_its_range() -> None:
    for f in FIELDS:
        default = default_of(f.section, f.key)
        assert type(default) is f.kind, f
        assert not f.choices or default in f.choices, f
        assert f.low is None or f.low <= default <= (f.high or default), f
        assert f.doc, f


def test_docs_settings_md_lists_every_field_with_its_default_range_and_choices() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text(encoding="utf-8")
    sections = {m.group(1): m.start() for m in re.finditer(r"^## `\[\[?(\w+)\]\]?`", doc, re.M)}
    for f in SUBSCRIPTION_FIELDS:  # no defaults: an entry has exactly one of url and path
        start = sections[f.section]
        end = min([p for p in sections.values() if p > start] + [len(doc)])
        assert any(line.startswith(f"| `{f.key}` |") for line in doc[start:end].splitlines()), f
    for f in FIELDS:
        start = sections[f.section]
        end = min([p for p in sections.values() if p > start] + [len(doc)])
        rows = [line for line in doc[start:end].splitlines() if line.startswith(f"| `{f.key}` |")]
        assert rows, f"docs/settings.md [{f.section}] has no row for {f.key}"
        cells = [c.strip() for c in rows[0].split("|")[1:-1]]
        default = default_of(f.section, f.key)
        written = f'"{default}"' if isinstance(default, str) else str(default).lower()
        assert cells[1] == f"`{written}`", f"{f.section}.{f.key}: default {cells[1]} != {written}"
        if f.low is not None:
            assert f"{f.low:g}–{f.high:g}" in rows[0], (
                f"{f.section}.{f.key}: range {f.low}–{f.high} not documented"
            )
        for choice in f.choices:
            assert f'`"{choice}"`' in rows[0], f"{f.section}.{f.key}: choice {choice} not documented"
