"""The import dialog: a 千牛 GBK CSV previewed with its encoding, conflicts resolved by the chosen policy."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from quickreply.core.model import Layer, Library, Phrase
from quickreply.core.packs.load import parse_pack
from quickreply.core.personal import PersonalLibrary, empty_personal_pack
from quickreply.core.settings.model import Settings
from quickreply.gui.editor import EditorWindow, dialogs, saving
from quickreply.gui.editor.import_dialog import ImportDialog
from quickreply.paths import app_paths

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
GBK_CSV = DATA / "qianniu_gbk.csv"
MINE = Phrase("my.hello", "欢迎语", "我的问候", "您好呀，我是小美", code="hy")


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda _p: "discard")
    return shown


@pytest.fixture
def personal() -> PersonalLibrary:
    paths = app_paths()
    library = PersonalLibrary(paths.personal_file, paths.personal_backups_dir)
    library.save(replace(empty_personal_pack(), phrases=(MINE,)))
    return library


def dialog_for(qtbot: QtBot, personal: PersonalLibrary, path: Path | None = GBK_CSV) -> ImportDialog:
    pack, _ = personal.load()
    dialog = ImportDialog(pack, path)
    qtbot.addWidget(dialog)
    return dialog


def test_gbk_csv_preview_shows_format_encoding_rows_and_conflicts(
    qtbot: QtBot, personal: PersonalLibrary
) -> None:
    dialog = dialog_for(qtbot, personal)
    assert "千牛快捷短语 CSV" in dialog.detected.text() and "GBK" in dialog.detected.text()
    assert "11 条短语" in dialog.detected.text()
    rows = dialog.preview_rows()
    assert len(rows) == 11
    assert rows[0][1:4] == ["hy", "亲，欢迎光临本店/:^_^ 我是…", "欢迎语"]
    assert rows[0][0] == "冲突：编码 hy"
    assert dialog.table.item(0, 0).toolTip() == "编码 hy 已用于我的短语“我的问候”"
    assert all(row[0] == "新增" for row in rows[1:])
    assert "1 条和我的短语冲突" in dialog.conflict_label.text()
    assert dialog.chosen_policy() == "skip"
    assert "新增 10 条" in dialog.summary.text() and "跳过 1 条" in dialog.summary.text()
    assert dialog.import_button.isEnabled()


@pytest.mark.parametrize(
    ("policy", "texts_of_hy", "count"),
    [
        ("skip", ["您好呀，我是小美"], 11),
        ("replace", ["亲，欢迎光临本店/:^_^ 我是客服小美，有什么可以帮您的吗？"], 11),
        ("keep_both", ["您好呀，我是小美", "亲，欢迎光临本店/:^_^ 我是客服小美，有什么可以帮您的吗？"], 12),
    ],
)
def test_import_merges_by_policy_and_saves(
    qtbot: QtBot,
    personal: PersonalLibrary,
    warnings: list[str],
    policy: str,
    texts_of_hy: list[str],
    count: int,
) -> None:
    editor = EditorWindow(Library(), personal, Settings())
    qtbot.addWidget(editor)
    dialog = ImportDialog(editor.document.pack, GBK_CSV, editor)  # closed with its parent
    dialog.set_policy(policy)  # type: ignore[arg-type]
    with qtbot.waitSignal(editor.personal_saved):
        assert saving.apply_import(editor, dialog)
    assert warnings == []
    saved, problems = parse_pack(personal.path.read_bytes(), "personal.toml", Layer.PERSONAL)
    assert saved is not None and not [p for p in problems if p.is_error]
    assert len(saved.phrases) == count
    by_code = {p.code: p.text for p in saved.phrases}
    assert [by_code[code] for code in ("hy", "hy2") if code in by_code][: len(texts_of_hy)] == texts_of_hy
    assert "导入完成" in editor.statusBar().currentMessage()
    assert len(personal.backups()) == 1  # the library before the import can be restored
    editor.commands["undo"].trigger()  # and the import is an undoable edit
    assert [p.id for p in editor.document.pack.phrases] == ["my.hello"]


def test_format_override_and_unreadable_file(qtbot: QtBot, personal: PersonalLibrary, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, personal)
    dialog.set_format("text")  # each line of the file becomes a phrase, header included
    assert "按此格式读取：纯文本" in dialog.detected.text()
    assert len(dialog.preview_rows()) == 12
    assert dialog.preview_rows()[0][2].startswith("快捷短语编码")

    old = tmp_path / "phrases.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    dialog.load(old)
    assert not dialog.error.isHidden() and ".xlsx" in dialog.error.text()
    assert dialog.preview_rows() == [] and not dialog.import_button.isEnabled()


def test_a_file_that_is_not_there_is_said_in_chinese(
    qtbot: QtBot, personal: PersonalLibrary, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, personal)
    gone = tmp_path / "gone.csv"
    dialog.load(gone)
    assert not dialog.error.isHidden()
    assert dialog.error.text() == f"无法导入：{gone}：文件或文件夹不存在"  # not "[Errno 2] No such file …"


def test_warnings_of_a_messy_file_are_listed(qtbot: QtBot, personal: PersonalLibrary) -> None:
    dialog = dialog_for(qtbot, personal, DATA / "qianniu_messy.csv")
    shown = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert not dialog.warnings.isHidden() and any("第 8 行" in w for w in shown)  # the UI language
    assert "UTF-8" in dialog.detected.text()


def test_a_slow_import_runs_in_a_worker_with_progress_and_can_be_stopped(
    qtbot: QtBot, personal: PersonalLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from quickreply.gui.editor import import_dialog

    started = threading.Event()

    def endless(path: Path, fmt: str, progress: object = None, blanks: bool = False) -> None:
        started.set()
        rows = 0
        while True:  # a 2-million-row sheet, as far as the dialog can tell
            rows += 1000
            progress(rows)  # type: ignore[operator]
            threading.Event().wait(0.005)

    monkeypatch.setattr(import_dialog, "import_file", endless)
    dialog = dialog_for(qtbot, personal)  # returns while the worker still reads
    assert started.wait(2) and dialog.reading()
    assert not dialog.cancel_read.isHidden()
    qtbot.waitUntil(lambda: "已读" in dialog.progress.text() and "000 行" in dialog.progress.text())
    dialog.cancel_read.click()
    assert not dialog.reading() and "已取消" in dialog.error.text()
    assert dialog.preview_rows() == [] and not dialog.import_button.isEnabled()


def test_grouped_warnings_and_the_per_file_report_of_a_folder(
    qtbot: QtBot, personal: PersonalLibrary
) -> None:
    dialog = dialog_for(qtbot, personal, DATA / "espanso_config")
    assert "espanso" in dialog.detected.text() and "6 条短语" in dialog.detected.text()
    lines = dialog.warning_lines()
    assert any("base.yml：导入 4 条，跳过 3 条" in line for line in lines)
    assert any("broken.yml" in line and "不是有效的 YAML" in line for line in lines)


def test_the_dialog_opens_every_format_and_folders(
    qtbot: QtBot, personal: PersonalLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.gui.editor import import_dialog

    filters: list[str] = []

    def pick_file(_parent: object, _title: str, _dir: str, name_filter: str) -> tuple[str, str]:
        filters.append(name_filter)
        return str(DATA / "hotstrings_kefu.ahk"), ""

    monkeypatch.setattr(import_dialog.QFileDialog, "getOpenFileName", pick_file)
    monkeypatch.setattr(
        import_dialog.QFileDialog, "getExistingDirectory", lambda *_a: str(DATA / "espanso_package")
    )
    dialog = dialog_for(qtbot, personal, None)
    dialog._browse()
    for pattern in ("*.ahk", "*.md", "*.textexpander", "*.json", "*.yml", "*.xlsx", "*.csv", "*.txt"):
        assert pattern in filters[0]
    assert "AutoHotkey" in dialog.detected.text() and "6 条短语" in dialog.detected.text()
    dialog._browse_folder()
    assert "espanso" in dialog.detected.text() and "2 条短语" in dialog.detected.text()


def test_preview_shows_literal_braces_once_and_blanks_as_blanks(
    qtbot: QtBot, personal: PersonalLibrary, tmp_path: Path
) -> None:
    source = tmp_path / "kaomoji.yml"
    source.write_text(
        "matches:\n"
        "  - trigger: ':sad'\n    replace: '{{ (>_<) }} 抱歉'\n"
        "  - trigger: ':dd'\n    replace: '今天是 {{today}}'\n"
        "    vars:\n      - name: today\n        type: date\n        params: {format: '%Y-%m-%d'}\n",
        "utf-8",
    )
    dialog = dialog_for(qtbot, personal, source)
    texts = {row[1]: row[4] for row in dialog.preview_rows()}
    assert texts["sad"] == "{{ (>_<) }} 抱歉"  # as espanso pastes it; the pack file holds {{{{ … }}}}
    assert texts["dd"] == "今天是 {date}"
    assert dialog.table.item(0, 4).toolTip() == texts["sad"]


def test_markdown_brackets_are_offered_as_blanks_and_converted_only_when_ticked(
    qtbot: QtBot, personal: PersonalLibrary
) -> None:
    dialog = dialog_for(qtbot, personal, DATA / "huashu_kefu.md")
    assert not dialog.blanks.isHidden() and not dialog.blanks.isChecked()
    assert dialog.blanks.text() == "把 [变量] 变成空白项 {变量}"
    assert dialog.blanks_note.text().startswith("找到 2 处 [变量] 写法（2 种，如 [客服名] [订单号]）")
    assert "我是客服[客服名]" in dialog.preview_rows()[0][4]
    dialog.blanks.setChecked(True)
    qtbot.waitUntil(lambda: dialog.result_ is not None and not dialog.reading())
    assert "我是客服{客服名}" in dialog.preview_rows()[0][4]
    assert any("[客服名] 变为空白项 {客服名}" in line for line in dialog.warning_lines())
    assert not dialog.blanks.isHidden() and dialog.blanks.isChecked()


def test_no_blanks_offer_for_a_file_without_brackets(qtbot: QtBot, personal: PersonalLibrary) -> None:
    dialog = dialog_for(qtbot, personal)
    assert dialog.blanks.isHidden() and dialog.blanks_note.isHidden()


def test_a_language_switch_words_the_preview_again(qtbot: QtBot, personal: PersonalLibrary) -> None:
    import re

    from quickreply.gui import i18n

    dialog = dialog_for(qtbot, personal, DATA / "hotstrings_kefu.ahk")
    assert dialog.detected.text().startswith("识别为：") and dialog.summary.text().startswith("导入后：")
    try:
        i18n.set_language("en")
        cjk = re.compile(r"[\u3400-\u9fff]")
        assert not cjk.search(dialog.detected.text()), dialog.detected.text()
        assert dialog.detected.text().startswith("Detected as: AutoHotkey"), dialog.detected.text()
        lines = dialog.warning_lines()
        assert lines and not any(cjk.search(line) for line in lines), lines
        statuses = {row[0] for row in dialog.preview_rows()}
        assert "Added" in statuses and not any(cjk.search(status) for status in statuses), statuses
        assert dialog.summary.text().startswith("After import: ")
    finally:
        i18n.set_language("zh_CN")
    assert dialog.detected.text().startswith("识别为：")
