"""Settings dialog: edits round-trip to settings.toml atomically; nothing invalid is ever saved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from quickreply.core.model import Library, Pack, Phrase
from quickreply.core.settings.model import (
    HotkeySettings,
    PasteRule,
    PasteSettings,
    Profile,
    Settings,
    UsageSettings,
    load_settings,
    save_settings,
)
from quickreply.gui.hotkey_edit import HotkeyEdit
from quickreply.gui.settings.dialog import SettingsDialog

HELLO = Phrase(id="hi", category="欢迎语", title="问候", text="您好")
LIBRARY = Library(packs=(Pack(id="t", name="t", version="1", phrases=(HELLO,)),))
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def _dialog(qtbot: QtBot, path: Path, settings: Settings | None = None, problem: str = "") -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), path, LIBRARY, problem)
    qtbot.addWidget(dialog)
    return dialog


def test_edit_shop_then_ok_saves_and_emits_applied(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    dialog = _dialog(qtbot, path)
    dialog.shop.setText("小鹿旗舰店")
    dialog.agent.setText("小美")
    with qtbot.waitSignal(dialog.applied) as applied:
        dialog.accept()
    assert applied.args[0].profile.shop == "小鹿旗舰店"
    saved, warnings = load_settings(path)
    assert saved.profile.shop == "小鹿旗舰店" and saved.profile.agent == "小美" and warnings == []
    assert saved.hotkeys.popup == "ctrl+alt+space"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]  # no temp file left behind
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_key_capture_shows_the_combo_and_stores_the_settings_spelling(qtbot: QtBot) -> None:
    edit = HotkeyEdit("")
    qtbot.addWidget(edit)
    qtbot.keyClick(edit, Qt.Key.Key_Space, CTRL | ALT)
    assert edit.combo() == "ctrl+alt+space" and edit.text() == "Ctrl+Alt+Space"
    qtbot.keyClick(edit, Qt.Key.Key_Control, CTRL)  # a lone modifier changes nothing
    assert edit.combo() == "ctrl+alt+space"
    qtbot.keyClick(edit, Qt.Key.Key_F1)
    assert edit.combo() == "f1" and edit.text() == "F1"
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.combo() == "" and edit.text() == ""


def test_conflicting_hotkey_is_shown_in_red_and_not_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    dialog = _dialog(qtbot, path)
    dialog.shop.setText("小鹿旗舰店")
    qtbot.keyClick(dialog.hotkeys.popup, Qt.Key.Key_Space, CTRL)
    assert "输入法" in dialog.hotkeys.popup_note.text()  # Ctrl+Space toggles the Chinese IME
    with qtbot.assertNotEmitted(dialog.applied):
        assert dialog.apply() is False
    assert not path.exists()
    assert dialog.tabs.currentWidget() is dialog.hotkeys  # the failing tab is brought into view
    assert dialog.hotkeys.popup_note.isVisibleTo(dialog)
    assert dialog.summary.isVisibleTo(dialog) and "无法保存" in dialog.summary.text()
    assert "输入法" in dialog.summary.text()


def test_duplicate_hotkeys_within_our_settings_are_refused(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "settings.toml")
    dialog.hotkeys.add_row("ctrl+alt+space", "hi")
    problems = dialog.problems()
    assert any("重复" in p and "打开搜索框" in p for p in problems)
    assert dialog.apply() is False


def test_phrase_hotkeys_round_trip_and_unknown_phrase_is_only_a_warning(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings = Settings(hotkeys=HotkeySettings(phrases={"f1": "hi", "f2": "gone"}))
    dialog = _dialog(qtbot, path, settings)
    notes = [dialog.hotkeys.table.cellWidget(row, 2).text() for row in range(2)]
    assert notes == ["问候", "当前没有加载这个短语"]
    assert dialog.apply() is True
    assert dict(load_settings(path)[0].hotkeys.phrases) == {"f1": "hi", "f2": "gone"}


def test_a_phrase_hotkey_without_a_phrase_is_an_error(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "settings.toml")
    dialog.hotkeys.add_row("f3", "")
    assert any("请选择短语" in p for p in dialog.problems())


def test_paste_timing_and_rules_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    rule = PasteRule(method="ctrl+shift+v", wm_class="gnome-terminal")
    dialog = _dialog(qtbot, path, Settings(paste=PasteSettings(restore_delay_ms=500, rules=(rule,))))
    dialog.paste.delays["focus_delay_ms"].setValue(120)
    dialog.paste.add_rule(PasteRule(method="shift+insert", title="旺旺"))
    assert dialog.apply() is True
    paste = load_settings(path)[0].paste
    assert (paste.focus_delay_ms, paste.restore_delay_ms) == (120, 500)
    assert paste.rules == (rule, PasteRule(method="shift+insert", title="旺旺"))


def test_a_rule_that_matches_nothing_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "settings.toml")
    dialog.paste.add_rule(PasteRule(method="type"))
    assert dialog.apply() is False
    assert "第 1 条规则" in dialog.summary.text()


def test_language_choice_is_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    dialog = _dialog(qtbot, path)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.applied) as applied:
        dialog.apply()
    assert applied.args[0].ui.language == "en"
    assert load_settings(path)[0].ui.language == "en"


def test_saving_over_an_unreadable_file_keeps_a_backup(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[profile\nshop = '半截", encoding="utf-8")
    dialog = _dialog(qtbot, path, problem="settings.toml is not valid TOML")
    dialog.shop.setText("新店")
    assert dialog.apply() is True
    backups = list(tmp_path.glob("settings.toml.*"))  # one copy, not one from the dialog and one from core
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "[profile\nshop = '半截"
    assert load_settings(path)[0].profile.shop == "新店"


def test_a_settings_file_that_cannot_be_written_says_why_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()  # a folder where the file should be
    dialog = _dialog(qtbot, path)
    dialog.shop.setText("新店")
    assert dialog.apply() is False
    said = dialog.summary.text()
    assert (
        f"无法写入 {path}：这是一个文件夹" in said or f"无法写入 {path}：没有权限" in said
    )  # Windows: denied


# -- 用量汇总: [usage] team_folder / team_url -------------------------------------------------------------


def test_usage_folder_and_team_server_are_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    dialog = _dialog(qtbot, path)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.usage)) == "用量汇总"
    dialog.usage.folder.setText(r"  \\server\客服\usage ")
    dialog.usage.url.setText("http://intranet/qr-usage/")
    with qtbot.waitSignal(dialog.applied) as applied:
        dialog.accept()
    assert applied.args[0].usage.team_url == "http://intranet/qr-usage/"
    saved, warnings = load_settings(path)
    assert saved.usage.team_folder == r"\\server\客服\usage" and warnings == []
    assert saved.usage.team_url == "http://intranet/qr-usage/"


def test_a_bad_team_server_address_is_shown_in_red_and_not_saved(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    dialog = _dialog(qtbot, path, Settings(usage=UsageSettings(team_folder="D:/usage")))
    dialog.usage.url.setText("intranet/qr-usage/")  # no http://: every PUT would fail
    with qtbot.assertNotEmitted(dialog.applied):
        assert dialog.apply() is False
    assert not path.exists()
    assert dialog.tabs.currentWidget() is dialog.usage  # the tab with the red note is opened
    note = dialog.usage.url_note.text()
    assert note == (
        "团队服务器地址不能使用：地址“intranet/qr-usage/”前面没有写 http:// 或 https://，"
        "例如 http://intranet/qr-usage/"
    )
    assert note in dialog.summary.text()
    dialog.usage.url.setText("ftp://nas/usage/")
    note = dialog.usage.url_note.text()
    assert "只支持 http:// 和 https:// 地址" in note and "path =" not in note  # advice for subscriptions
    dialog.usage.url.setText("https://intranet:8470/qr-usage/")
    assert dialog.usage.url_note.isHidden()  # the note goes as soon as the address is right
    assert dialog.apply() is True
    assert load_settings(path)[0].usage.team_url == "https://intranet:8470/qr-usage/"


def test_a_hand_edit_made_while_the_dialog_is_open_survives_its_saves(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[profile]\nshop = "小鹿旗舰店"\n', encoding="utf-8")
    dialog = _dialog(qtbot, path, load_settings(path)[0])
    # the agent (or the lead's script) edits settings.toml by hand while the dialog is open
    hand = '[profile]\nshop = "小鹿旗舰店"\n\n[paste]\nfocus_delay_ms = 400  # 慢电脑\n'
    path.write_text(hand, encoding="utf-8")
    dialog.agent.setText("小美")
    with qtbot.waitSignal(dialog.applied) as applied:
        assert dialog.apply()
    saved = load_settings(path)[0]
    assert saved.profile.agent == "小美" and saved.paste.focus_delay_ms == 400
    assert applied.args[0].paste.focus_delay_ms == 400  # the app applies the file's value, not a stale one
    assert dialog.paste.delays["focus_delay_ms"].value() == 400  # and the dialog shows it after the save
    # a second save from the same (still open) dialog does not put the old delay back either
    dialog.shop.setText("小鹿二店")
    assert dialog.apply()
    saved = load_settings(path)[0]
    assert saved.profile.shop == "小鹿二店" and saved.paste.focus_delay_ms == 400
    assert "# 慢电脑" in path.read_text(encoding="utf-8")


def test_a_refresh_shows_settings_changed_elsewhere_and_keeps_what_was_typed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    dialog = _dialog(qtbot, path, Settings(profile=Profile(shop="小鹿旗舰店", agent="小美")))
    dialog.agent.setText("小美2")  # typed, not saved yet
    # meanwhile: the editor gave a phrase a hotkey, a hand edit set a delay and the shop, the tray saved
    elsewhere = Settings(
        profile=Profile(shop="小鹿二店", agent="小美"),
        hotkeys=HotkeySettings(phrases={"f1": "hi"}),
        paste=PasteSettings(focus_delay_ms=333),
    )
    dialog.refresh(elsewhere)
    assert dialog.shop.text() == "小鹿二店" and dialog.agent.text() == "小美2"
    assert dialog.hotkeys.rows() == [("f1", "hi")]
    assert dialog.paste.delays["focus_delay_ms"].value() == 333
    save_settings(path, elsewhere)
    assert dialog.apply()
    saved = load_settings(path)[0]
    assert saved.profile == Profile(shop="小鹿二店", agent="小美2")
    assert saved.hotkeys.phrases == {"f1": "hi"} and saved.paste.focus_delay_ms == 333
    # a value typed before a refresh stays even when it is changed elsewhere too: the agent is editing it
    dialog.shop.setText("我的店")
    dialog.refresh(replace(elsewhere, profile=Profile(shop="别人改的店", agent="小美2")))
    assert dialog.shop.text() == "我的店"
