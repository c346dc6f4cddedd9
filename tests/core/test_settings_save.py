"""Saving settings.toml writes only what differs from the defaults and keeps every line the user wrote:
comments, unknown keys and tables, [sync] and [[subscriptions]]."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest

from quickreply.core.settings.model import (
    HotkeySettings,
    PasteRule,
    PasteSettings,
    Settings,
    load_settings,
    save_settings,
    with_profile,
)
from quickreply.core.settings.writer import NEW_FILE, settings_text

HAND_WRITTEN = """\
# 小美的设置（主管发的）
[profile]
shop = "小鹿旗舰店"   # 店铺名
agent = "小美"
colour = "red"        # not a key of ours: kept

[paste]
# 千牛慢，多等一会儿
focus_delay_ms = 150

[[paste.rules]]             # terminals
wm_class = "xterm"
method = "ctrl+shift+v"

[team_notes]
who = "主管"

[sync]
interval_minutes = 5

[[subscriptions]]
# 团队话术
url = "http://intranet/packs/team.toml"
"""


def test_a_first_start_writes_no_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    save_settings(path, Settings())
    assert path.read_text(encoding="utf-8") == NEW_FILE
    assert load_settings(path) == (Settings(), [])
    save_settings(path, with_profile(Settings(), shop="小鹿旗舰店", agent="小美"))  # the welcome window
    text = path.read_text(encoding="utf-8")
    assert text == NEW_FILE + '\n[profile]\nshop = "小鹿旗舰店"\nagent = "小美"\n'


def test_a_later_default_reaches_a_file_that_never_changed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    save_settings(path, with_profile(Settings(), shop="小鹿旗舰店"))
    assert "restore_delay_ms" not in path.read_text(encoding="utf-8")
    defaults = list(PasteSettings.__init__.__defaults__ or ())  # a later version's better default:
    defaults[[f.name for f in fields(PasteSettings)].index("restore_delay_ms")] = 600
    monkeypatch.setattr(PasteSettings.__init__, "__defaults__", tuple(defaults))
    assert PasteSettings().restore_delay_ms == 600
    assert load_settings(path)[0].paste.restore_delay_ms == 600


def test_a_save_changes_only_the_lines_of_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    settings, _ = load_settings(path)
    settings = replace(
        with_profile(settings, agent="小丽"),
        paste=replace(settings.paste, focus_delay_ms=200, method="shift+insert"),
    )
    save_settings(path, settings)
    text = path.read_text(encoding="utf-8")
    assert text == HAND_WRITTEN.replace('agent = "小美"', 'agent = "小丽"').replace(
        "focus_delay_ms = 150\n", 'focus_delay_ms = 200\nmethod = "shift+insert"\n'
    )
    assert load_settings(path)[0] == settings


def test_a_value_set_back_to_its_default_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    settings, _ = load_settings(path)
    save_settings(path, replace(settings, paste=replace(settings.paste, focus_delay_ms=60)))
    text = path.read_text(encoding="utf-8")
    assert "focus_delay_ms" not in text
    assert "# 千牛慢，多等一会儿" in text and "[[paste.rules]]             # terminals" in text
    assert load_settings(path)[0].paste.rules == (PasteRule(method="ctrl+shift+v", wm_class="xterm"),)


def test_every_default_written_by_an_older_version_goes_at_the_next_save(tmp_path: Path) -> None:
    """Before, the first start wrote every default: the next save leaves only what the agent chose, and
    keeps what they added by hand."""
    path = tmp_path / "settings.toml"
    path.write_text(
        '[profile]\nshop = "小鹿旗舰店"\nagent = ""\n\n[hotkeys]\npopup = "ctrl+alt+space"\nnext_step = '
        '"ctrl+alt+n"\n\n[hotkeys.phrases]\n\n[paste]\nfocus_delay_ms = 60\nmodifier_wait_ms = 2000\n'
        'restore_delay_ms = 400\nmethod = "ctrl+v"\nrules = []\ncheck_rules = true\n\n[ui]\nlanguage = '
        '"zh_CN"\nrecent_count = 10\nstart_on_login = false\nstarter_packs = true\n\n[usage]\n'
        'team_folder = ""\nteam_url = ""\n',
        encoding="utf-8",
    )
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# 我加的备注\n")
    settings, _ = load_settings(path)
    save_settings(path, settings)
    assert load_settings(path)[0] == settings
    assert path.read_text(encoding="utf-8") == '[profile]\nshop = "小鹿旗舰店"\n\n[usage]\n# 我加的备注\n'


def test_phrase_hotkeys_and_paste_rules_are_written_again_in_their_place(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    settings, _ = load_settings(path)
    settings = replace(
        settings,
        hotkeys=HotkeySettings(phrases={"f1": "greet.hello", "ctrl+alt+1": "ship.when"}),
        paste=replace(settings.paste, rules=(PasteRule(method="type", process="OldChat.exe"),)),
    )
    save_settings(path, settings)
    text = path.read_text(encoding="utf-8")
    assert load_settings(path)[0] == settings
    assert text.index("[[paste.rules]]") < text.index("[team_notes]")  # where the old rule was
    assert 'process = "OldChat.exe"' in text and "xterm" not in text
    assert '"ctrl+alt+1" = "ship.when"' in text
    assert 'colour = "red"' in text and "# 团队话术" in text


def test_a_file_in_a_shape_the_edits_do_not_handle_is_written_afresh(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('profile = { shop = "A" }\n\n[sync]\ninterval_minutes = 5\n', encoding="utf-8")
    settings, _ = load_settings(path)
    save_settings(path, with_profile(settings, shop="B"))
    loaded, _ = load_settings(path)
    assert loaded.profile.shop == "B" and loaded.sync.interval_minutes == 5


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_endings_and_a_missing_last_newline_are_kept(newline: str) -> None:
    old = newline.join(["# 说明", "[profile]", 'shop = "A"', "[ui]", "recent_count = 20"])
    new = settings_text(old, replace(Settings(), ui=replace(Settings().ui, recent_count=5)))
    assert new == newline.join(["# 说明", "[ui]", "recent_count = 5", ""])


def test_a_save_from_a_base_writes_only_the_callers_changes_and_keeps_a_hand_edit(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[profile]\nshop = "小鹿旗舰店"\n\n[paste]\nfocus_delay_ms = 150\n', encoding="utf-8")
    shown, _ = load_settings(path)  # what a window showed when it opened
    # meanwhile the agent edits the file by hand: a longer delay and a new nickname
    path.write_text(
        '[profile]\nshop = "小鹿旗舰店"\nagent = "小美"\n\n[paste]\nfocus_delay_ms = 300  # 千牛慢\n',
        encoding="utf-8",
    )
    edited = replace(shown, ui=replace(shown.ui, language="en"))  # the window changed only the language
    written = save_settings(path, edited, base=shown)
    again, warnings = load_settings(path)
    assert warnings == []
    assert again.ui.language == "en"
    assert again.paste.focus_delay_ms == 300 and again.profile.agent == "小美"  # the hand edit survives
    assert "# 千牛慢" in path.read_text(encoding="utf-8")
    assert written == again  # what the caller should apply now


def test_a_save_from_a_base_that_changes_a_key_edited_by_hand_takes_the_callers_value(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    shown = Settings()
    path.write_text('[profile]\nshop = "手写店"\nagent = "手写"\n', encoding="utf-8")
    written = save_settings(path, with_profile(shown, shop="窗口店"), base=shown)
    assert written.profile.shop == "窗口店"  # the key the window changed: its value wins
    assert written.profile.agent == "手写"  # the key it did not touch: the file's value stays
    assert load_settings(path)[0] == written


def test_a_save_without_a_base_still_writes_everything(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[profile]\nagent = "手写"\n', encoding="utf-8")
    save_settings(path, with_profile(Settings(), shop="店"))
    assert load_settings(path)[0].profile.agent == ""
