"""The editor on a full disk or a read-only folder: Ctrl+S and closing with 保存 show why, keep the window
and the edit, and offer to save elsewhere; quitting the app writes the edit to a rescue file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.gui.test_editor import CTRL, Answers, make_editor, type_into

import quickreply.core.personal as personal_module
from quickreply.app.user_files import rescue_unsaved
from quickreply.core.model import Layer
from quickreply.core.packs.load import parse_pack
from quickreply.core.personal import PersonalLibrary
from quickreply.gui.editor import dialogs
from quickreply.paths import app_paths


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    found = Answers()
    found.install(monkeypatch)
    return found


@pytest.fixture
def personal() -> PersonalLibrary:
    paths = app_paths()
    return PersonalLibrary(paths.personal_file, paths.personal_backups_dir)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch, personal: PersonalLibrary) -> None:
    """Writing the library (and anything in its folder) fails with ENOSPC, as on a full disk."""
    real = personal_module._atomic_write

    def failing(target: Path, data: bytes) -> None:
        if Path(target).parent == personal.path.parent:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(target, data)

    monkeypatch.setattr(personal_module, "_atomic_write", failing)


def test_ctrl_s_on_a_full_disk_says_so_and_keeps_the_edit(
    qtbot: QtBot, personal: PersonalLibrary, answers: Answers, full_disk: None, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    editor = make_editor(qtbot, personal)
    editor.new_phrase()
    type_into(qtbot, editor.form.text, "新短语内容")
    answers.confirm = False  # "save elsewhere" declined
    qtbot.keyClick(editor.form.text, Qt.Key.Key_S, CTRL)
    assert editor.isVisible() and editor.document.is_dirty()
    (asked,) = answers.confirms
    assert "没有保存" in asked and str(personal.path) in asked and "另存为" in asked
    assert "无法保存" in editor.statusBar().currentMessage()
    assert not personal.path.exists()

    target = tmp_path / "desk" / "我的短语.toml"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(target))
    answers.confirm = True  # now take "save elsewhere"
    answers.unsaved = "save"
    assert editor.close() is False and editor.isVisible()  # closing with 保存 fails: the window stays
    copy, _ = parse_pack(target.read_bytes(), str(target), Layer.PERSONAL)
    assert copy is not None and [p.text for p in copy.phrases] == ["新短语内容"]
    assert any("已另存到" in w for w in answers.warnings)
    assert editor.document.is_dirty()  # the library itself still lacks the edit

    rescued = rescue_unsaved(editor.document.pack, personal, app_paths())  # what quitting now does
    assert rescued is not None and rescued.parent != personal.path.parent
    pack, _ = parse_pack(rescued.read_bytes(), str(rescued), Layer.PERSONAL)
    assert pack is not None and [p.text for p in pack.phrases] == ["新短语内容"]
    rescued.unlink()
    answers.unsaved = "discard"
    assert editor.close() is True
