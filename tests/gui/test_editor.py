"""The phrase editor, driven as an agent would: type, undo, save, copy team phrases, restore a backup."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from quickreply.core.model import Layer, Library, Pack, Phrase, Script, Step
from quickreply.core.packs import categories
from quickreply.core.packs.load import load_pack, parse_pack
from quickreply.core.personal import PersonalLibrary, empty_personal_pack
from quickreply.core.settings.model import HotkeySettings, Profile, Settings
from quickreply.gui.editor import EditorWindow, dialogs, open_editor, saving
from quickreply.gui.editor.backups_dialog import BackupsDialog
from quickreply.gui.editor.context import Node
from quickreply.gui.i18n import set_language
from quickreply.paths import app_paths

REPO = Path(__file__).resolve().parents[2]
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
SETTINGS = Settings(profile=Profile(shop="小鹿旗舰店", agent="小美"))


class Answers:
    """Stands in for the modal questions: records what was asked and answers as told."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.confirms: list[str] = []
        self.confirm = True
        self.unsaved = "cancel"

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: self.warnings.append(f"{title}: {text}"))
        monkeypatch.setattr(dialogs, "confirm", self._confirm)
        monkeypatch.setattr(dialogs, "ask_unsaved", lambda _p: self.unsaved)

    def _confirm(self, _parent: object, _title: str, text: str, _yes: str) -> bool:
        self.confirms.append(text)
        return self.confirm


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    found = Answers()
    found.install(monkeypatch)
    return found


@pytest.fixture
def personal() -> PersonalLibrary:
    paths = app_paths()
    return PersonalLibrary(paths.personal_file, paths.personal_backups_dir)


def team_library() -> Library:
    team, problems = load_pack(REPO / "tests" / "data" / "sync" / "team_v1.toml", Layer.TEAM)
    assert team is not None and not [p for p in problems if p.is_error]
    return Library((team,))


def make_editor(qtbot: QtBot, personal: PersonalLibrary, settings: Settings = SETTINGS) -> EditorWindow:
    editor = EditorWindow(team_library(), personal, settings)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)  # shortcuts go to the active window
    return editor


def saved_pack(personal: PersonalLibrary) -> Pack:
    pack, problems = parse_pack(personal.path.read_bytes(), str(personal.path), Layer.PERSONAL)
    assert pack is not None and [p for p in problems if p.is_error] == []
    return pack


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as an agent does: letters as key presses, Chinese as the input method's committed text."""
    widget.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        elif widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):  # off in read-only fields
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def test_add_edit_undo_redo_and_save(qtbot: QtBot, personal: PersonalLibrary, answers: Answers) -> None:
    editor = make_editor(qtbot, personal)
    editor.commands["new_phrase"].trigger()
    form = editor.form
    type_into(qtbot, form.title, "退货地址")  # the default title is selected, so typing replaces it
    type_into(qtbot, form.code, "thdz")
    type_into(qtbot, form.text, "亲，退货请寄到{shop}售后部")
    assert editor.phrases.current_row().phrase.title == "退货地址"
    assert "小鹿旗舰店" in form.preview_text() and "{shop}" not in form.preview_text()
    assert editor.windowTitle().startswith("●")

    qtbot.keyClick(form.text, Qt.Key.Key_Z, CTRL)  # undoes the whole typed text at once
    assert form.text.toPlainText() == ""
    assert "正文不能为空" in form.note("text")
    qtbot.keyClick(form.text, Qt.Key.Key_Z, CTRL | SHIFT)
    assert form.text.toPlainText() == "亲，退货请寄到{shop}售后部"
    assert form.note("text") == ""

    with qtbot.waitSignal(editor.personal_saved) as saved_signal:
        qtbot.keyClick(form.text, Qt.Key.Key_S, CTRL)
    assert answers.warnings == []
    pack = saved_pack(personal)
    [phrase] = pack.phrases
    assert (phrase.title, phrase.code, phrase.text) == ("退货地址", "thdz", "亲，退货请寄到{shop}售后部")
    assert saved_signal.args[0].phrases[0].title == "退货地址"
    assert not editor.windowTitle().startswith("●")
    assert "已保存 1 条短语" in editor.statusBar().currentMessage()


def test_duplicate_code_is_shown_at_the_field_and_blocks_saving(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    editor = make_editor(qtbot, personal)
    for title, text in (("七天退货", "支持七天无理由退货"), ("退货运费", "非质量问题运费由您承担")):
        editor.new_phrase()
        type_into(qtbot, editor.form.title, title)
        type_into(qtbot, editor.form.code, "th")
        type_into(qtbot, editor.form.text, text)
    note = editor.form.note("code")
    assert "编码“th”" in note and "七天退货" in note  # says which phrase already has it
    assert any("退货运费" in m and "编码" in m for m in editor.problems.messages())

    assert editor.save() is False
    assert personal.path.exists() is False
    assert "无法保存" in answers.warnings[0] and "编码“th”" in answers.warnings[0]

    editor.form.code.selectAll()
    type_into(qtbot, editor.form.code, "yf")
    assert editor.form.note("code") == ""
    assert editor.save() is True
    assert [p.code for p in saved_pack(personal).phrases] == ["th", "yf"]


def test_bad_placeholder_and_missing_title_are_shown_in_place(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    editor = make_editor(qtbot, personal)
    editor.new_phrase()
    qtbot.keyClick(editor.form.title, Qt.Key.Key_Backspace)  # clears the selected default title
    type_into(qtbot, editor.form.text, "到{城市 了")
    assert "标题不能为空" in editor.form.note("title")
    assert "“{”" in editor.form.note("text") and "{{" in editor.form.note("text")
    assert editor.save() is False and not personal.path.exists()


def test_full_width_placeholder_is_flagged_and_fixed_with_one_click(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    editor = make_editor(qtbot, personal)
    editor.new_phrase()
    type_into(qtbot, editor.form.title, "到达")
    type_into(qtbot, editor.form.text, "😀包裹已到｛城市｝，请留意")
    note = editor.form.note("text")
    assert "｛城市｝" in note and "全角大括号" in note and "{城市}" in note
    assert editor.form.notes.fixes() == [("｛城市｝", "{城市}")]
    editor.form.notes["text"].linkActivated.emit("fix:0")  # the 一键修正 link
    assert editor.form.text.toPlainText() == "😀包裹已到{城市}，请留意"
    assert editor.form.note("text") == "" and editor.form.notes.fixes() == []
    qtbot.keyClick(editor.form.text, Qt.Key.Key_Z, CTRL)  # the fix is one undoable step
    assert editor.form.text.toPlainText() == "😀包裹已到｛城市｝，请留意"
    assert editor.save() is True  # a warning, not an error: saving is allowed


def test_team_phrase_is_read_only_and_copies_to_my_phrases(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    editor = make_editor(qtbot, personal)
    editor.tree.select(Node("pack", "team-shoes"))
    assert [r.layer for r in editor.phrases.rows()] == [Layer.TEAM] * 4
    assert editor.phrases.select("team.return7")
    form = editor.form
    assert form.title.isReadOnly() and form.text.isReadOnly() and not form.banner.isHidden()
    assert "只读" in form.banner_text.text() and "团队" in form.banner_text.text()
    type_into(qtbot, form.title, "改不了")
    assert form.title.text() == "七天无理由"

    qtbot.mouseClick(form.copy_button, Qt.MouseButton.LeftButton)
    assert editor.tree.current_node() == Node("personal", "", "售后/退换货")
    row = editor.phrases.current_row()
    assert (row.phrase.id, row.layer) == ("team.return7", Layer.PERSONAL)
    assert not form.title.isReadOnly() and form.banner.isHidden()
    form.text.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, form.text, "（仅限未穿着）")

    editor.tree.select(Node("pack", "team-shoes"))
    team_row = next(r for r in editor.phrases.rows() if r.phrase.id == "team.return7")
    assert team_row.overridden and team_row.phrase.text.endswith("哦～")  # the team copy is untouched
    assert editor.save()
    [mine] = saved_pack(personal).phrases
    assert mine.id == "team.return7" and mine.text.endswith("（仅限未穿着）")


def test_category_rename_move_and_undo(qtbot: QtBot, personal: PersonalLibrary, answers: Answers) -> None:
    phrases = (
        Phrase("a", "售后", "换货", "请备注颜色尺码"),
        Phrase("b", "售后/退货", "退货地址", "请寄回仓库"),
        Phrase("c", "欢迎语", "问候", "您好"),
    )
    personal.save(replace(empty_personal_pack(), phrases=phrases))
    editor = make_editor(qtbot, personal)
    assert editor.tree.edits.rename("售后", "售后服务") == "售后服务"
    categories = {p.id: p.category for p in editor.document.pack.phrases}
    assert categories == {"a": "售后服务", "b": "售后服务/退货", "c": "欢迎语"}
    assert editor.tree.current_node() == Node("personal", "", "售后服务")

    assert editor.tree.edits.rename("售后服务", "欢迎语") is None  # taken: refused with a message
    assert "已经有分类“欢迎语”" in answers.warnings[-1]

    editor.tree.edits.shift("欢迎语", -1)
    assert editor.save()
    assert saved_pack(personal).categories == ("欢迎语", "售后服务", "售后服务/退货")

    editor.commands["undo"].trigger()
    editor.commands["undo"].trigger()
    assert {p.category for p in editor.document.pack.phrases} == {"售后", "售后/退货", "欢迎语"}


def test_delete_category_asks_and_can_be_undone(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    personal.save(replace(empty_personal_pack(), phrases=(Phrase("a", "售后", "换货", "请备注"),)))
    editor = make_editor(qtbot, personal)
    answers.confirm = False
    assert editor.tree.edits.delete("售后") is False
    assert "1 条短语" in answers.confirms[0]
    answers.confirm = True
    assert editor.tree.edits.delete("售后") is True
    assert editor.document.pack.phrases == ()
    editor.commands["undo"].trigger()
    assert [p.id for p in editor.document.pack.phrases] == ["a"]


def test_script_editor_adds_steps(qtbot: QtBot, personal: PersonalLibrary, answers: Answers) -> None:
    personal.save(
        replace(empty_personal_pack(), phrases=(Phrase("hi", "电话回访", "自我介绍", "您好，我是{agent}"),))
    )
    editor = make_editor(qtbot, personal)
    editor.tree.select(Node("personal", "", "电话回访"))
    editor.new_script()
    scripts = editor.script_editor
    assert "话术至少要有一步" in scripts.note("steps")
    scripts.add_step(phrase_id="hi")
    qtbot.mouseClick(scripts.add_text, Qt.MouseButton.LeftButton)
    scripts.step_text.selectAll()
    type_into(qtbot, scripts.step_text, "给您带来不便，非常抱歉")
    labels = [scripts.steps.item(i).text() for i in range(scripts.steps.count())]
    assert labels == ["1. 〔短语〕自我介绍", "2. 〔文字〕给您带来不便，非常抱歉"]
    scripts.move_step(1, -1)
    assert scripts.note("steps") == "" and scripts.notes["steps"].isHidden()
    assert editor.save()
    [script] = saved_pack(personal).scripts
    assert script.steps == (Step(text="给您带来不便，非常抱歉"), Step(phrase_id="hi"))
    assert script.category == "电话回访"


def test_phrase_hotkey_conflicts_and_settings_changed(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    settings = replace(SETTINGS, hotkeys=HotkeySettings(phrases={"f3": "team.hello"}))
    editor = make_editor(qtbot, personal, settings)
    phrase = editor.new_phrase()
    type_into(qtbot, editor.form.text, "稍等，我帮您查一下")
    editor.form.hotkey.set_combo("ctrl+space")
    assert "输入法" in editor.form.note("hotkey")
    editor.form.hotkey.set_combo("f3")
    assert "问候" in editor.form.note("hotkey")  # F3 already pastes the team phrase 问候
    editor.form.hotkey.set_combo("ctrl+alt+space")
    assert "打开搜索框" in editor.form.note("hotkey")
    assert editor.save() is False
    editor.form.hotkey.set_combo("f2")
    assert editor.form.note("hotkey") == ""
    with qtbot.waitSignal(editor.settings_changed) as changed:
        assert editor.save()
    assert dict(changed.args[0].hotkeys.phrases) == {"f3": "team.hello"}  # what it started from
    assert dict(changed.args[1].hotkeys.phrases) == {"f3": "team.hello", "f2": phrase.id}


def test_insert_placeholder_menu_and_search(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    editor = make_editor(qtbot, personal)
    editor.new_phrase()
    menu = editor.form.insert_button.menu()
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions()]
    assert "店铺名称\t{shop}" in labels and "客服昵称\t{agent}" in labels
    next(a for a in menu.actions() if a.text() == "客服昵称\t{agent}").trigger()
    assert editor.form.text.toPlainText() == "{agent}"
    assert editor.form.preview_text() == "小美"

    editor.tree.select(Node("all"))
    qtbot.keyClicks(editor.phrases.search, "fh")  # the team phrase's code
    assert [r.phrase.title for r in editor.phrases.rows()][:1] == ["48小时发货"]
    editor.phrases.search.clear()
    qtbot.keyClicks(editor.phrases.search, "qitian")  # pinyin, as in the popup
    assert [r.phrase.id for r in editor.phrases.rows()][:1] == ["team.return7"]


def test_restore_from_backup(qtbot: QtBot, personal: PersonalLibrary, answers: Answers) -> None:
    first = replace(empty_personal_pack(), phrases=(Phrase("a", "我的", "一", "第一版"),))
    personal.save(first)
    personal.save(replace(first, phrases=(*first.phrases, Phrase("b", "我的", "二", "第二版"))))
    editor = make_editor(qtbot, personal)
    editor.new_phrase()  # an unsaved edit: restoring must not lose it for good
    dialog = BackupsDialog(personal, editor)
    qtbot.addWidget(dialog)
    assert [row[1:] for row in dialog.rows()] == [["1", "0"]]
    with qtbot.waitSignal(editor.personal_saved):
        assert saving.restore_from(editor, personal.backups()[0])
    assert "未保存的修改不会丢失" in answers.confirms[0]
    assert [p.id for p in editor.document.pack.phrases] == ["a"]
    assert [p.id for p in saved_pack(personal).phrases] == ["a"]
    assert not editor.document.is_dirty()
    editor.commands["undo"].trigger()  # back to the unsaved edit
    assert len(editor.document.pack.phrases) == 3 and editor.document.is_dirty()
    dialog = BackupsDialog(personal, editor)
    qtbot.addWidget(dialog)
    assert [row[1] for row in dialog.rows()] == ["2", "1"]  # newest first: the file the restore replaced


def test_a_library_hand_edited_with_the_ime_on_is_fixed_and_restored_with_one_click(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    first = replace(empty_personal_pack(), phrases=(Phrase("a", "我的", "一", "第一版"),))
    personal.save(first)
    personal.save(replace(first, version="2"))
    personal.path.write_text(
        '[pack]\nid = "personal"\nname = "我的短语"\nversion = "1"\n\n'
        '[[phrases]]\nid = "mine"\ncategory = "我的"\ntitle ＝ "手改的"\ntext = “亲，记事本里加的”\n',
        encoding="utf-8",
    )
    editor = make_editor(qtbot, personal)  # opening sets the file aside; the newest backup is shown
    assert [p.id for p in editor.document.pack.phrases] == ["a"]
    assert any("一键修正并恢复" in m for m in editor.problems.messages())
    assert any("第 9 行第 7 列是全角等号" in m for m in editor.problems.messages())
    assert editor.repair_button.isVisible()
    dialog = BackupsDialog(personal, editor)
    qtbot.addWidget(dialog)
    assert dialog.rows()[0][1] == "打不开，3 处可一键修正"
    assert "中文引号" in dialog.table.item(0, 1).toolTip()
    assert not dialog.repair_button.isHidden() and dialog.repair_button.isEnabled()
    assert not dialog.restore_button.isEnabled()  # restoring it as it is would not load
    dialog.table.selectRow(1)
    assert dialog.restore_button.isEnabled() and not dialog.repair_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.repair_button.click()
    assert dialog.repair and dialog.chosen == personal.unreadable()[0]
    with qtbot.waitSignal(editor.personal_saved):
        assert saving.repair_from(editor, dialog.chosen)
    assert [(p.id, p.title) for p in editor.document.pack.phrases] == [("mine", "手改的")]
    assert [p.text for p in saved_pack(personal).phrases] == ["亲，记事本里加的"]
    assert "已修正并恢复" in editor.statusBar().currentMessage()
    editor.commands["undo"].trigger()  # back to what was shown before
    assert [p.id for p in editor.document.pack.phrases] == ["a"]


def test_the_editor_offers_the_repair_as_one_button(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    personal.path.parent.mkdir(parents=True, exist_ok=True)
    personal.path.write_text(
        '[pack]\nid = "personal"\nname = "我的短语"\nversion = "1"\n\n'
        '[[phrases]]\nid = "mine"\ncategory = "我的"\ntitle = "手改的"\ntext = "亲，记事本里加的”\n',
        encoding="utf-8",
    )
    editor = make_editor(qtbot, personal)
    assert editor.document.pack.phrases == () and editor.repair_button.isVisible()
    with qtbot.waitSignal(editor.personal_saved):
        editor.repair_button.click()
    assert [p.text for p in editor.document.pack.phrases] == ["亲，记事本里加的"]
    assert not editor.repair_button.isVisible() and editor.problems.messages() == []


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, personal: PersonalLibrary, answers: Answers) -> None:
    editor = make_editor(qtbot, personal)
    editor.new_phrase()
    type_into(qtbot, editor.form.text, "内容")
    answers.unsaved = "cancel"
    assert editor.close() is False and editor.isVisible()
    answers.unsaved = "save"
    assert editor.close() is True
    assert [p.text for p in saved_pack(personal).phrases] == ["内容"]


def test_discarding_leaves_the_file_alone(qtbot: QtBot, personal: PersonalLibrary, answers: Answers) -> None:
    personal.save(replace(empty_personal_pack(), scripts=(), phrases=(Phrase("a", "我的", "一", "原文"),)))
    before = personal.path.read_bytes()
    editor = make_editor(qtbot, personal)
    editor.delete_phrase("a")
    answers.unsaved = "discard"
    assert editor.close() is True
    assert personal.path.read_bytes() == before


def test_deleting_a_phrase_used_by_a_script_asks_first(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    script = Script("s", "回访", "电话回访", (Step(phrase_id="a"), Step(text="再见")))
    personal.save(
        replace(empty_personal_pack(), phrases=(Phrase("a", "电话回访", "一", "您好"),), scripts=(script,))
    )
    editor = make_editor(qtbot, personal)
    answers.confirm = False
    editor.delete_phrase("a")
    assert "“回访”" in answers.confirms[0] and len(editor.document.pack.phrases) == 1


def test_changing_the_category_in_the_form_moves_the_phrase(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    personal.save(replace(empty_personal_pack(), phrases=(Phrase("a", "常用", "问候", "您好"),)))
    editor = make_editor(qtbot, personal)
    editor.tree.select(Node("personal", "", "常用"))
    editor.phrases.select("a")
    editor.form.category.setEditText("售后/退货")
    editor.form.category.lineEdit().editingFinished.emit()
    assert editor.document.pack.phrases[0].category == "售后/退货"
    assert editor.tree.current_node() == Node("personal", "", "售后/退货")  # the tree follows the phrase
    assert editor.phrases.current_row().phrase.id == "a"
    assert editor.save()
    assert saved_pack(personal).phrases[0].category == "售后/退货"


def test_delete_key_in_the_list_deletes_my_phrase_and_undo_restores_its_hotkey(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    personal.save(replace(empty_personal_pack(), phrases=(Phrase("a", "常用", "问候", "您好"),)))
    settings = replace(SETTINGS, hotkeys=HotkeySettings(phrases={"f2": "a"}))
    editor = make_editor(qtbot, personal, settings)
    editor.phrases.select("a")
    assert editor.form.hotkey.edit.text() == "F2"
    editor.phrases.view.setFocus()
    qtbot.keyClick(editor.phrases.view, Qt.Key.Key_Delete)
    assert editor.document.pack.phrases == () and editor.document.hotkeys == ()
    editor.commands["undo"].trigger()
    assert editor.document.hotkeys == (("f2", "a"),)
    assert editor.phrases.current_row().phrase.id == "a" and editor.form.hotkey.edit.text() == "F2"


def test_a_library_read_with_errors_is_shown_and_saving_over_it_asks(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    personal.path.parent.mkdir(parents=True, exist_ok=True)
    personal.path.write_text(
        '[pack]\nid = "personal"\nname = "我的短语"\nversion = "1"\n\n'
        '[[phrases]]\nid = "ok"\ncategory = "常用"\ntitle = "好的"\ntext = "您好"\n\n'
        '[[phrases]]\nid = "bad"\ncategory = "常用"\ntitle = "坏的"\ntext = "到{城市 了"\n',
        encoding="utf-8",
    )
    editor = make_editor(qtbot, personal)
    assert [p.id for p in editor.document.pack.phrases] == ["ok"]
    assert any("读取“我的短语”时" in m and "bad" in m for m in editor.problems.messages())
    editor.new_phrase()
    type_into(qtbot, editor.form.text, "新的")
    answers.confirm = False
    assert editor.save() is False and "没能读入" in answers.confirms[0]
    answers.confirm = True
    assert editor.save() is True
    assert personal.backups()  # the file with the unreadable phrase is kept as a backup


def test_hotkeys_changed_elsewhere_meanwhile_are_kept() -> None:
    current = {"f1": "x", "f5": "y"}  # f5 was added in the settings dialog while the editor was open
    assert saving.merged_hotkeys(current, (("f1", "x"),), (("f2", "x"),)) == {"f5": "y", "f2": "x"}


def test_category_edits_refuse_what_would_lose_or_clash() -> None:
    pack = replace(
        empty_personal_pack(), phrases=(Phrase("a", "售后/退货", "t", "x"), Phrase("b", "欢迎语", "t", "y"))
    )
    with pytest.raises(categories.CategoryError):
        categories.move_category(pack, "售后", "售后/退货")  # into itself
    with pytest.raises(categories.CategoryError, match="'/'"):
        categories.add_category(pack, "", "a/b")
    moved, path = categories.move_category(pack, "欢迎语", "售后")
    assert path == "售后/欢迎语" and categories.category_paths(moved) == ["售后", "售后/退货", "售后/欢迎语"]


def test_english_ui(qtbot: QtBot, personal: PersonalLibrary, answers: Answers) -> None:
    set_language("en")
    try:
        editor = make_editor(qtbot, personal)
        editor.new_phrase()
        assert editor.commands["save"].text() == "Save"
        assert "'text' is empty" in editor.form.note("text")
    finally:
        set_language("zh_CN")


def test_english_ui_says_the_full_width_placeholder_in_english(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    set_language("en")
    try:
        editor = make_editor(qtbot, personal)
        editor.new_phrase()
        type_into(qtbot, editor.form.text, "到了｛城市｝")
        assert "uses full-width braces" in editor.form.note("text")
    finally:
        set_language("zh_CN")


def test_open_editor_brings_the_open_window_back(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    first = open_editor(team_library(), personal, SETTINGS)
    qtbot.addWidget(first)
    assert first.isVisible()
    assert open_editor(team_library(), personal, SETTINGS) is first
    first.close()
    second = open_editor(team_library(), personal, SETTINGS)
    qtbot.addWidget(second)
    assert second is not first


def test_words_that_break_a_platform_rule_are_underlined_and_explained_without_blocking_a_save(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    editor = make_editor(qtbot, personal)
    editor.new_phrase()
    type_into(qtbot, editor.form.title, "价格")
    type_into(qtbot, editor.form.text, "😀已经是全网最低价了\n五星好评返现5元")
    assert editor.form.rule_marks.marked() == ["全网最低", "五星好评返现"]
    block = editor.form.text.document().firstBlock()
    [mark] = [
        f
        for f in block.layout().formats()
        if f.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]
    assert (mark.start, mark.length) == (5, 4)  # after the emoji (two UTF-16 units) and 已经是
    note = editor.form.note("text")
    assert "[ad-law.absolute] “全网最低”：广告法禁用的绝对化用语" in note and "[review.reward]" in note
    assert editor.save() is True  # a warning in the editor; the popup asks before pasting it


def test_the_editor_fits_a_1366x768_screen(qtbot: QtBot, personal: PersonalLibrary) -> None:
    from PySide6.QtCore import QRect, QSize

    from quickreply.gui.editor.window import fit_size

    laptop = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
    size = fit_size(QSize(1280, 780), laptop)
    assert size.width() <= 1366 and size.height() + 40 <= 728
    assert fit_size(QSize(1280, 780), QRect(0, 0, 1920, 1040)) == QSize(1280, 780)
    editor = make_editor(qtbot, personal)
    available = editor.screen().availableGeometry()
    assert editor.height() + 40 <= available.height()


def test_similar_questions_are_edited_and_saved(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers
) -> None:
    editor = make_editor(qtbot, personal)
    editor.commands["new_phrase"].trigger()
    form = editor.form
    type_into(qtbot, form.title, "发货时间")
    type_into(qtbot, form.text, "付款后48小时内发货")
    type_into(qtbot, form.questions, "什么时候发货，多久能发 , 什么时候发货")
    with qtbot.waitSignal(editor.personal_saved):
        qtbot.keyClick(form.text, Qt.Key.Key_S, CTRL)
    [phrase] = saved_pack(personal).phrases
    assert phrase.questions == ("什么时候发货", "多久能发")
    assert answers.warnings == []


def test_the_star_pins_any_phrase_for_the_agent(qtbot: QtBot, personal: PersonalLibrary) -> None:
    from quickreply.core.usage.counts import Usage

    editor = make_editor(qtbot, personal)
    form = editor.form
    assert form.pin_button.isHidden()  # no usage given: no pins
    usage = Usage()
    editor.set_pins(usage)
    team_phrase = team_library().packs[0].phrases[0]
    editor.tree.select(Node("pack", "team-shoes"))
    assert editor.phrases.select(team_phrase.id)
    assert not form.pin_button.isHidden() and form.pin_button.text().startswith("☆")
    with qtbot.waitSignal(editor.pins_changed):
        form.pin_button.click()
    assert usage.pins() == [team_phrase.id]  # a read-only team phrase can be pinned: a pin is the agent's
    assert form.pin_button.text() == "★ 已置顶"
    form.pin_button.click()
    assert usage.pins() == []
