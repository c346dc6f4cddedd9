"""The whole app graph (build_app) around a fake desktop: hotkeys, popup, tray, scripts, settings."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from tests.fakes import FakeDesktop, FakeHotkeys

from quickreply.app.root import App, build_app
from quickreply.core.paste.sequence import PastePorts, PasteResult
from quickreply.core.ports import Window
from quickreply.core.settings.model import (
    HotkeySettings,
    Profile,
    Settings,
    load_settings,
    parse_settings,
    save_settings,
)
from quickreply.gui import i18n
from quickreply.gui.icons import TrayState
from quickreply.paths import app_paths
from quickreply.platform.backend import Backend

PACK = """
[pack]
id = "test"
name = "测试包"
version = "1"

[[phrases]]
id = "t.hello"
category = "欢迎语"
title = "测试问候"
code = "tzz"
text = "您好，{shop}的{agent}为您服务"

[[phrases]]
id = "t.cheap"
category = "议价"
title = "测试底价"
text = "这已经是全网最低价了"

[[phrases]]
id = "t.ship"
category = "物流/查件"
title = "测试到达城市"
text = "包裹已到{城市}"

[[scripts]]
id = "t.flow"
title = "测试流程"
category = "售后"
steps = ["t.hello", { text = "感谢耐心等待", title = "致谢" }, "t.ship"]
"""
HELLO = "您好，小鹿旗舰店的小美为您服务"


class Runs:
    """Records every paste the app asks for, then lets the real runner do it."""

    def __init__(self, app: App) -> None:
        self.calls: list[tuple[str, Window | None, bool]] = []
        real = app.runner.run

        def run(text: str, target: Window | None, send: bool = False) -> None:
            self.calls.append((text, target, send))
            real(text, target, send)

        app.runner.run = run  # type: ignore[method-assign]


@pytest.fixture
def desk() -> FakeDesktop:
    desktop = FakeDesktop({"text/plain": b"agent's own clipboard"})
    desktop.chat = desktop.open_window("买家小王 - 千牛工作台", "AliWorkBench", "AliWorkBench.exe")  # type: ignore[attr-defined]
    return desktop


def _make(
    qtbot: QtBot,
    desk: FakeDesktop,
    settings: Settings | None = None,
    taken: tuple[str, ...] = (),
    settings_text: str = "",
) -> App:
    paths = app_paths()  # under the test's QUICKREPLY_HOME
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (paths.packs_dir / "test.toml").write_text(PACK, encoding="utf-8")
    if settings_text:
        paths.settings_file.write_text(settings_text, encoding="utf-8")
    else:
        save_settings(
            paths.settings_file, settings or Settings(profile=Profile(shop="小鹿旗舰店", agent="小美"))
        )
    hotkeys = FakeHotkeys(taken)
    backend = Backend(desk.focus, desk.keys, hotkeys, "fake")
    app = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    app.popup.hide_on_focus_loss = False  # offscreen windows do not get real activation
    app.hotkeys = hotkeys  # type: ignore[attr-defined]
    app.runs = Runs(app)  # type: ignore[attr-defined]
    return app


@pytest.fixture
def app(qtbot: QtBot, desk: FakeDesktop) -> Iterator[App]:
    built = _make(qtbot, desk)
    yield built
    _close(built)


def _close(app: App) -> None:
    app.popup.hide()
    app.session.indicator.hide()
    app.shutdown()
    i18n.set_language("zh_CN")


def _press(qtbot: QtBot, app: App, combo: str) -> None:
    with qtbot.waitSignal(app.bridge.triggered):
        app.hotkeys.press(combo)  # type: ignore[attr-defined]


def _wait_paste(qtbot: QtBot, app: App) -> Any:
    with qtbot.waitSignal(app.runner.finished, timeout=5000) as done:
        pass
    return done.args[0]


def test_popup_hotkey_shows_the_popup_and_remembers_the_chat(
    qtbot: QtBot, app: App, desk: FakeDesktop
) -> None:
    _press(qtbot, app, "ctrl+alt+space")
    assert app.popup.isVisible()
    assert app.session.target == desk.chat  # type: ignore[attr-defined]


def test_pick_pastes_the_rendered_text_into_the_remembered_window(
    qtbot: QtBot, app: App, desk: FakeDesktop
) -> None:
    _press(qtbot, app, "ctrl+alt+space")
    desk.focus.active = None  # the popup has focus now; the chat is only remembered
    qtbot.keyClicks(app.popup.search, "tzz")
    with qtbot.waitSignal(app.runner.finished, timeout=5000) as done:
        qtbot.keyClick(app.popup.search, Qt.Key.Key_Return)
    assert not app.popup.isVisible()
    assert app.runs.calls == [(HELLO, desk.chat, False)]  # type: ignore[attr-defined]
    assert done.args[0].result is PasteResult.PASTED
    assert desk.keys.pressed == ["ctrl+v"]
    assert desk.clipboard.text() == "agent's own clipboard"  # restored
    assert app.usage.recent(1) == ["t.hello"]


def test_a_text_that_breaks_a_platform_rule_is_asked_about_once_before_pasting(
    qtbot: QtBot, app: App, desk: FakeDesktop
) -> None:
    asked: list[list[str]] = []
    answers = [False, True]

    def ask(hits: list[Any], text: str) -> bool:
        asked.append([f"{h.rule.id}:{h.words}" for h in hits])
        return answers.pop(0)

    app.session.ask_rule_breach = ask
    cheap = app.library.phrase("t.cheap")
    assert app.session.send_phrase(cheap, desk.chat) is False  # 不发送: nothing pasted
    assert asked == [["ad-law.absolute:全网最低"]] and app.runs.calls == []  # type: ignore[attr-defined]
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        assert app.session.send_phrase(cheap, desk.chat) is True  # 仍然发送
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        assert app.session.send_phrase(cheap, desk.chat) is True  # not asked again for the same text
    assert len(asked) == 2 and len(app.runs.calls) == 2  # type: ignore[attr-defined]
    hello = app.library.phrase("t.hello")
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        app.session.send_phrase(hello, desk.chat)  # a clean text is never asked about
    assert len(asked) == 2


def test_the_rule_question_can_be_turned_off_and_says_what_and_why() -> None:
    from quickreply.core.rules import bundled_rules
    from quickreply.gui.popup.rule_ask import question_text

    text = question_text(bundled_rules().check("全网最低价，加微信"))
    assert "可能违反平台规则" in text and "[ad-law.absolute] “全网最低”" in text and "[off-platform]" in text
    assert "check_rules = false" in text
    settings, problems = parse_settings("[paste]\ncheck_rules = false\n")
    assert settings.paste.check_rules is False and problems == []
    _, problems = parse_settings('[paste]\ncheck_rules = "no"\n')
    assert problems and "check_rules" in problems[0].render("en")


def test_tray_click_pastes_into_the_window_active_before_the_menu(
    qtbot: QtBot, app: App, desk: FakeDesktop
) -> None:
    app.tray.menu.aboutToShow.emit()
    hello = app.library.phrase("t.hello")
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        app.tray.phrase_chosen.emit(hello, app.tray.target)
    assert app.runs.calls == [(HELLO, desk.chat, False)]  # type: ignore[attr-defined]


def test_a_failed_paste_is_notified_and_the_text_stays_on_the_clipboard(
    qtbot: QtBot, app: App, desk: FakeDesktop
) -> None:
    hello = app.library.phrase("t.hello")
    with qtbot.waitSignal(app.runner.finished, timeout=5000) as done:
        app.session.on_tray_phrase(hello, None)  # nothing was active when the menu opened
    assert done.args[0].result is PasteResult.NO_TARGET
    assert desk.clipboard.text() == HELLO
    assert "剪贴板" in app.notifier.history[-1].message


def test_phrase_hotkey_pastes_that_phrase_into_the_active_window(qtbot: QtBot, desk: FakeDesktop) -> None:
    profile = Profile(shop="小鹿旗舰店", agent="小美")
    settings = Settings(profile=profile, hotkeys=HotkeySettings(phrases={"f1": "t.hello", "f2": "t.ship"}))
    app = _make(qtbot, desk, settings)
    try:
        assert set(app.hotkeys.callbacks) == {"ctrl+alt+space", "ctrl+alt+n", "f1", "f2"}  # type: ignore[attr-defined]
        other = desk.open_window("买家小李 - 千牛工作台")
        with qtbot.waitSignal(app.runner.finished, timeout=5000):
            _press(qtbot, app, "f1")
        assert app.runs.calls == [(HELLO, other, False)]  # type: ignore[attr-defined]
    finally:
        _close(app)


def test_phrase_hotkey_with_blanks_asks_in_the_popup_form(
    qtbot: QtBot, desk: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(hotkeys=HotkeySettings(phrases={"f2": "t.ship"}))
    app = _make(qtbot, desk, settings)
    asked: list[str] = []
    monkeypatch.setattr(app.popup, "show_phrase_form", lambda p, *_: asked.append(p.id), raising=False)
    try:
        _press(qtbot, app, "f2")
        assert asked == ["t.ship"]
        assert app.runs.calls == []  # type: ignore[attr-defined]
        assert app.session.target == desk.chat  # type: ignore[attr-defined]  # the form's pick goes there
    finally:
        _close(app)


def test_script_steps_go_one_per_press_with_the_indicator(
    qtbot: QtBot, app: App, desk: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(app.popup, "show_phrase_form", lambda p, *_: asked.append(p.id), raising=False)
    flow = app.library.script("t.flow")
    app.tray.script_chosen.emit(flow)
    indicator = app.session.indicator
    assert indicator.isVisible() and indicator.text() == "测试流程 1/3 · 下一步：测试问候 (Ctrl+Alt+N)"
    assert any(a.text().startswith("停止话术") for a in app.tray.menu.actions())
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        _press(qtbot, app, "ctrl+alt+n")
    assert indicator.text() == "测试流程 2/3 · 下一步：致谢 (Ctrl+Alt+N)"
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        _press(qtbot, app, "ctrl+alt+n")
    assert [c[0] for c in app.runs.calls] == [HELLO, "感谢耐心等待"]  # type: ignore[attr-defined]
    _press(qtbot, app, "ctrl+alt+n")  # the last step has a blank: the form asks for it
    assert asked == ["t.ship"] and not indicator.isVisible()
    app.popup.dismissed.emit()  # the agent closed the form: the step is offered again
    assert indicator.isVisible() and indicator.text().startswith("测试流程 3/3")
    app.tray.stop_script.emit()
    assert not indicator.isVisible()
    assert not any(a.text().startswith("停止话术") for a in app.tray.menu.actions())


def test_next_step_without_a_running_script_says_so(qtbot: QtBot, app: App) -> None:
    _press(qtbot, app, "ctrl+alt+n")
    assert "没有正在进行的话术" in app.notifier.history[-1].message


def test_a_taken_hotkey_shows_in_tray_and_notification(qtbot: QtBot, desk: FakeDesktop) -> None:
    app = _make(qtbot, desk, taken=("ctrl+alt+space",))
    try:
        app.start()
        assert app.tray._state is TrayState.UNAVAILABLE
        assert "不可用" in app.tray.icon.toolTip() and "已被其他程序占用" in app.tray.icon.toolTip()
        assert any("Ctrl+Alt+Space" in n.message for n in app.notifier.history)
    finally:
        _close(app)


def test_pause_releases_every_hotkey_and_resume_takes_them_back(qtbot: QtBot, app: App) -> None:
    app.tray.pause_toggled.emit(True)
    assert app.hotkeys.callbacks == {}  # type: ignore[attr-defined]
    assert "已暂停" in app.tray.icon.toolTip()
    app.tray.pause_toggled.emit(False)
    assert "ctrl+alt+space" in app.hotkeys.callbacks  # type: ignore[attr-defined]
    assert "已暂停" not in app.tray.icon.toolTip()


def test_applied_settings_take_effect_without_restart(qtbot: QtBot, app: App) -> None:
    new = Settings(
        profile=Profile(shop="新店", agent="阿强"),
        hotkeys=HotkeySettings(popup="ctrl+alt+q", next_step="ctrl+alt+n"),
    )
    new = Settings(profile=new.profile, hotkeys=new.hotkeys, ui=type(new.ui)(language="en"))
    app.apply_settings(new)
    assert set(app.hotkeys.callbacks) == {"ctrl+alt+q", "ctrl+alt+n"}  # type: ignore[attr-defined]
    assert "Settings…" in [a.text() for a in app.tray.menu.actions()]
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        app.session.on_tray_phrase(app.library.phrase("t.hello"), None)
    assert app.runs.calls[-1][0] == "您好，新店的阿强为您服务"  # type: ignore[attr-defined]


def test_broken_settings_file_keeps_defaults_says_why_and_is_left_alone(
    qtbot: QtBot, desk: FakeDesktop
) -> None:
    broken = "[profile\nshop = '小鹿"
    app = _make(qtbot, desk, settings_text=broken)
    try:
        app.start()
        assert app.settings == Settings()
        assert any("settings.toml" in n.message for n in app.notifier.history)
        assert app.paths.settings_file.read_text(encoding="utf-8") == broken
    finally:
        _close(app)


def test_a_bad_paste_method_is_told_and_the_default_key_is_used(qtbot: QtBot, desk: FakeDesktop) -> None:
    app = _make(qtbot, desk, settings_text='[profile]\nshop = "小鹿旗舰店"\n[paste]\nmethod = "ctrl-v"\n')
    try:
        app.start()
        assert app.settings.paste.method == "ctrl+v"
        told = [n for n in app.notifier.history if n.title == "设置文件中有无法使用的值"]
        assert told and "settings.toml:4:" in told[0].message and '"ctrl-v"' in told[0].message
        assert "改用默认值" in told[0].message  # said in the UI language
    finally:
        _close(app)


def test_pack_problems_are_summarised_in_one_notification(qtbot: QtBot, desk: FakeDesktop) -> None:
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (paths.packs_dir / "bad.toml").write_text("[pack\nid = 'x'", encoding="utf-8")
    app = _make(qtbot, desk)
    try:
        app.start()
        notices = [n for n in app.notifier.history if n.title == "短语包有问题"]
        assert (
            len(notices) == 1 and "bad.toml" in notices[0].message and "quickreply.log" in notices[0].message
        )
        assert app.library.phrase("t.hello") is not None  # the good packs still load
    finally:
        _close(app)


def test_ime_slips_in_packs_are_said_in_chinese_and_a_slipped_library_says_how_to_fix_it(
    qtbot: QtBot, desk: FakeDesktop
) -> None:
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (paths.packs_dir / "slips.toml").write_text(
        '[pack]\nid = "s"\nname = "s"\nversion = "1"\n\n[[phrases]]\nid = "a"\ncategory = "c"\n'
        'title ＝ "t"\ntext = "x"\n',
        encoding="utf-8",
    )
    paths.personal_file.parent.mkdir(parents=True, exist_ok=True)
    paths.personal_file.write_text(
        '[pack]\nid = "personal"\nname = "我的短语"\nversion = "1"\n\n'
        '[[phrases]]\nid = "mine"\ncategory = "我的"\ntitle = "手改的"\ntext = “亲”\n',
        encoding="utf-8",
    )
    app = _make(qtbot, desk)
    try:
        app.start()
        [notice] = [n for n in app.notifier.history if n.title == "短语包有问题"]
        lines = notice.message.splitlines()
        assert lines[1].startswith("“我的短语”文件里有 2 处用中文输入法打错的符号")
        assert "一键修正并恢复" in lines[1]
        assert "第 9 行第 7 列是全角等号「＝」" in notice.message
        assert "第 10 行第 8 列是中文引号「“」" in notice.message
    finally:
        _close(app)


def test_a_second_start_shows_the_popup(qtbot: QtBot, app: App) -> None:
    app.on_instance_message("show")
    assert app.popup.isVisible()


def test_reload_picks_up_a_new_pack_and_hand_edited_settings(qtbot: QtBot, app: App) -> None:
    extra = PACK.replace('id = "test"', 'id = "more"').replace("t.", "m.")
    (app.paths.packs_dir / "more.toml").write_text(extra, encoding="utf-8")
    save_settings(app.paths.settings_file, Settings(profile=Profile(shop="改过的店", agent="小美")))
    threads: list[str] = []
    load = app.loader._load

    def recorded(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return load(*args)

    app.loader._load = recorded  # type: ignore[assignment]
    with qtbot.waitSignal(app.library_installed, timeout=10000):
        app.tray.reload_requested.emit()
        assert app.library.phrase("m.hello") is None  # returned at once: the load runs in the background
    assert threads == ["quickreply-library-load"]
    assert app.library.phrase("m.hello") is not None
    assert app.notifier.history[-1].title == "已重新加载"
    assert app.settings.profile.shop == "改过的店"


def test_reload_with_a_broken_settings_file_keeps_the_current_settings(qtbot: QtBot, app: App) -> None:
    app.paths.settings_file.write_text("[profile\n", encoding="utf-8")
    with qtbot.waitSignal(app.library_installed, timeout=10000):
        app.tray.reload_requested.emit()
    assert app.settings.profile.shop == "小鹿旗舰店"
    assert any(n.title == "设置文件无法读取" for n in app.notifier.history)
    assert app.paths.settings_file.read_text(encoding="utf-8") == "[profile\n"


def test_hotkeys_are_ignored_while_a_settings_field_captures_keys(qtbot: QtBot, app: App) -> None:
    app.open_settings()
    dialog = app.settings_dialog
    assert dialog is not None
    dialog.capturing.emit(True)  # the agent is pressing the new combo in a hotkey field
    _press(qtbot, app, "ctrl+alt+space")
    assert not app.popup.isVisible()
    dialog.reject()
    _press(qtbot, app, "ctrl+alt+space")
    assert app.popup.isVisible()


def test_the_settings_dialog_shows_what_changed_elsewhere_while_it_was_open(qtbot: QtBot, app: App) -> None:
    app.open_settings()
    dialog = app.settings_dialog
    assert dialog is not None and dialog.shop.text() == "小鹿旗舰店"
    dialog.paste.delays["restore_delay_ms"].setValue(700)  # typed in the open dialog, not saved yet
    # the form's 保存到我的资料 while the dialog is open: the dialog shows the new nickname at once
    app.save_profile_values({"agent": "阿华"})
    assert dialog.agent.text() == "阿华"
    # a hand edit of settings.toml, then 设置… again: the dialog shows the file, and still what was typed
    text = app.paths.settings_file.read_text(encoding="utf-8")
    app.paths.settings_file.write_text(text.replace("小鹿旗舰店", "小鹿二店"), encoding="utf-8")
    app.open_settings()
    assert app.settings_dialog is dialog
    assert dialog.shop.text() == "小鹿二店" and dialog.agent.text() == "阿华"
    assert dialog.paste.delays["restore_delay_ms"].value() == 700
    dialog.reject()


def test_tray_edit_my_phrases_saves_a_personal_phrase_the_popup_then_finds(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from quickreply.core.model import Layer
    from quickreply.gui.editor import dialogs

    monkeypatch.setattr(dialogs, "ask_unsaved", lambda _p: "discard")
    app.tray.editor_requested.emit()
    editor = app.editor
    assert editor is not None and editor.isVisible()
    editor.commands["new_phrase"].trigger()
    form = editor.form
    for widget, text in ((form.title, "我的问候"), (form.text, "您好，我是{agent}，有事随时找我")):
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
    qtbot.keyClicks(form.code, "wdwh")
    assert editor.save()
    # Loaded in the background: wait for a library that holds the phrase, not for the next install (a
    # load already under way when the save came is installed first, without it) nor for a time.
    qtbot.waitUntil(lambda: any(p.code == "wdwh" for p in app.library.phrases()), timeout=30000)
    found = [p for p in app.library.phrases() if p.code == "wdwh"]
    assert found and app.library.pack_of(found[0].id).layer is Layer.PERSONAL  # type: ignore[union-attr]
    _press(qtbot, app, "ctrl+alt+space")
    qtbot.keyClicks(app.popup.search, "wdwh")
    assert app.popup.model.row_at(0).phrase.code == "wdwh"  # type: ignore[union-attr]
    editor.close()


def test_a_machine_without_a_chinese_font_is_told_how_to_fix_it(
    qtbot: QtBot, desk: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quickreply.app.root as app_module

    monkeypatch.setattr(app_module, "has_chinese_font", lambda: False)
    built = _make(qtbot, desk)
    try:
        built.start()
        notices = [n for n in built.notifier.history if "Chinese font" in n.title]
        assert notices and "fonts-wqy-microhei" in notices[0].message
    finally:
        _close(built)


def test_an_installed_chinese_font_raises_no_warning(qtbot: QtBot, app: App) -> None:
    from PySide6.QtGui import QFontDatabase

    from quickreply.gui.qt_style import has_chinese_font

    if sys.platform == "win32" and not QFontDatabase.families():
        pytest.skip("Qt's offscreen platform on Windows reads no fonts at all (the windows platform does)")
    assert has_chinese_font()  # CI installs fonts-wqy-microhei; Qt offscreen still sees system fonts
    app.start()
    assert not [n for n in app.notifier.history if "Chinese font" in n.title]


def test_a_background_reload_that_fails_keeps_the_library_and_says_so(qtbot: QtBot, app: App) -> None:
    before = app.library

    def broken(*_args: Any) -> Any:
        raise OSError("the disk went away")

    app.loader._load = broken  # type: ignore[assignment]
    with qtbot.waitSignal(app.loader.loaded, timeout=5000):
        app._packs_changed()
    qtbot.wait(20)
    assert app.library is before and app.popup.isHidden()
    assert any(n.title == "重新加载失败" and "disk went away" in n.message for n in app.notifier.history)


def test_a_failed_tray_reload_keeps_the_library_and_the_settings_in_use(qtbot: QtBot, app: App) -> None:
    before = app.library
    save_settings(app.paths.settings_file, Settings(profile=Profile(shop="改过的店", agent="小美")))

    def broken(*_args: Any) -> Any:
        raise OSError("the disk went away")

    app.loader._load = broken  # type: ignore[assignment]
    with qtbot.waitSignal(app.loader.loaded, timeout=5000):
        app.tray.reload_requested.emit()
    qtbot.wait(20)
    assert app.library is before and app.settings.profile.shop == "小鹿旗舰店"
    assert any(n.title == "重新加载失败" and "disk went away" in n.message for n in app.notifier.history)


def test_a_pick_records_counts_for_the_usage_statistics_and_the_team_folder(
    qtbot: QtBot, app: App, desk: FakeDesktop, tmp_path: Any
) -> None:
    from quickreply.core.usage.stats import LOG_FILE, read_events

    _press(qtbot, app, "ctrl+alt+space")
    qtbot.keyClicks(app.popup.search, "tzz")
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        qtbot.keyClick(app.popup.search, Qt.Key.Key_Return)
    events = read_events(app_paths().data / LOG_FILE)
    assert len(events) == 1
    event = events[0]
    # the hotkey, t-z-z, Enter; the pasted text's length; no text stored anywhere in the line
    assert (event.id, event.chars, event.typed, event.keys) == ("t.hello", len(HELLO), 0, 5)
    assert HELLO not in (app_paths().data / LOG_FILE).read_text(encoding="utf-8")
    team = tmp_path / "team-usage"
    app.usage_share.set_settings(parse_settings(f"[usage]\nteam_folder = '{team}'\n")[0])
    written = app.usage_share.write()
    assert written is not None and written.parent == team
    text = written.read_text(encoding="utf-8")
    assert '"picks": 1' in text and HELLO not in text


def test_start_on_login_toggle_writes_the_entry_and_remembers_it(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.app import root

    written: list[bool] = []
    monkeypatch.setattr(root.autostart, "set_enabled", written.append)
    app.start()

    def toggle() -> Any:
        [action] = [a for a in app.tray.menu.actions() if a.text() == "开机自动启动"]
        return action

    assert toggle().isChecked() is False  # off by default
    toggle().trigger()
    assert written == [True] and toggle().isChecked() is True
    assert load_settings(app.paths.settings_file)[0].ui.start_on_login is True
    toggle().trigger()
    assert written == [True, False]
    assert load_settings(app.paths.settings_file)[0].ui.start_on_login is False


def test_a_login_entry_that_cannot_be_written_says_why_in_the_agents_language(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.app import root

    def refuse(on: bool) -> None:
        raise PermissionError(13, "Permission denied", "/home/x/.config/autostart/quickreply.desktop")

    monkeypatch.setattr(root.autostart, "set_enabled", refuse)
    app.set_start_on_login(True)
    notice = app.notifier.history[-1]
    assert notice.message == "/home/x/.config/autostart/quickreply.desktop：没有权限"
    assert load_settings(app.paths.settings_file)[0].ui.start_on_login is False


def test_the_first_start_names_the_hotkey_once(qtbot: QtBot, desk: FakeDesktop) -> None:
    paths = app_paths()
    paths.settings_file.unlink(missing_ok=True)
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    first = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    first.start()

    def noted() -> list[Any]:
        return [n for n in first.notifier.history if n.title == "快捷回复已在托盘中运行"]

    qtbot.waitUntil(lambda: bool(noted()), timeout=5000)
    notes = noted()
    assert len(notes) == 1 and "Ctrl+Alt+Space" in notes[0].message
    _close(first)
    save_settings(paths.settings_file, Settings(profile=Profile(shop="小鹿旗舰店", agent="小美")))
    again = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    again.start()
    assert not [n for n in again.notifier.history if n.title == "快捷回复已在托盘中运行"]
    _close(again)


def test_the_first_start_welcomes_once_even_when_skipped(qtbot: QtBot, desk: FakeDesktop) -> None:
    paths = app_paths()
    paths.settings_file.unlink(missing_ok=True)
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    first = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    first.start()
    assert first.welcome is not None and first.welcome.isVisible()
    assert paths.settings_file.exists()  # written at once: quitting without an answer does not repeat it
    first.welcome.reject()  # 以后再说
    _close(first)
    again = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    again.start()
    assert again.welcome is None
    assert not [n for n in again.notifier.history if n.title == "快捷回复已在托盘中运行"]
    _close(again)


def test_the_welcome_saves_shop_and_nickname(qtbot: QtBot, desk: FakeDesktop) -> None:
    paths = app_paths()
    paths.settings_file.unlink(missing_ok=True)
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    app = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    app.start()
    assert app.welcome is not None and "Ctrl+Alt+Space" in app.welcome.findChild(QLabel).text()
    app.welcome.shop.setText(" 小鹿旗舰店 ")
    app.welcome.agent.setText("小美")
    app.welcome.save_button.click()
    assert app.settings.profile == Profile(shop="小鹿旗舰店", agent="小美")
    assert load_settings(paths.settings_file)[0].profile == Profile(shop="小鹿旗舰店", agent="小美")
    _close(app)


class _LateTray:
    """A tray icon the host has not embedded yet: Qt keeps it at (0, 0) until then."""

    def __init__(self) -> None:
        from PySide6.QtCore import QRect

        self.rect = QRect(0, 0, 22, 22)

    def isVisible(self) -> bool:
        return True

    def geometry(self) -> Any:
        return self.rect


def test_start_up_notices_wait_until_the_tray_icon_is_embedded(qtbot: QtBot) -> None:
    from quickreply.gui.notify import Notifier

    notifier = Notifier()
    shown: list[Any] = []
    notifier._display = shown.append  # type: ignore[method-assign]
    notifier.hold()
    notifier.notify("设置文件无法读取", "x")
    tray = _LateTray()
    notifier.release_when_embedded(tray, timeout_ms=10_000)  # type: ignore[arg-type]
    qtbot.wait(300)
    assert shown == []  # a balloon now would be lost
    tray.rect.moveTo(1343, 1)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=3000)


def test_without_a_display_the_app_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quickreply.app.root import main

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QUICKREPLY_LANG", "en")
    assert main([]) == 1
    assert "needs an X11 display, but DISPLAY is not set" in capsys.readouterr().err


def test_shop_and_nickname_kept_from_the_form_are_saved_to_the_profile(
    qtbot: QtBot, desk: FakeDesktop
) -> None:
    app = _make(qtbot, desk, settings=Settings(profile=Profile(shop="", agent="小美")))
    phrase = app.library.phrase("t.hello")
    assert phrase is not None
    app.popup.show_phrase_form(phrase)
    assert list(app.popup.form.values()) == ["shop"] and not app.popup.form.keep.isHidden()
    app.popup.form.editor("shop").setText("小鹿旗舰店")
    app.popup.form.keep.setChecked(True)
    with qtbot.waitSignal(app.popup.picked):
        app.popup.form.submit()
    assert app.settings.profile == Profile(shop="小鹿旗舰店", agent="小美")
    assert load_settings(app.paths.settings_file)[0].profile.shop == "小鹿旗舰店"
    assert any("已保存到我的资料：店铺名称" in n.message for n in app.notifier.history)
    _close(app)


def test_turning_the_starter_packs_off_reloads_the_library_without_them(qtbot: QtBot, app: App) -> None:
    from dataclasses import replace

    from quickreply.core.model import Layer

    app.start()
    assert any(pack.layer is Layer.BUNDLED for pack in app.library.packs)
    new = replace(app.settings, ui=replace(app.settings.ui, starter_packs=False))
    save_settings(app.paths.settings_file, new)  # the dialog saves, then applies
    with qtbot.waitSignal(app.library_installed, timeout=10000):
        app.apply_settings(new)
    assert app.library.packs and not [p for p in app.library.packs if p.layer is Layer.BUNDLED]
    assert app.library.phrase("t.hello") is not None  # the agent's own packs stay


def test_talk_scripts_are_found_in_the_popup_and_start_with_their_first_step(
    qtbot: QtBot, app: App, desk: FakeDesktop
) -> None:
    _press(qtbot, app, "ctrl+alt+space")
    qtbot.keyClicks(app.popup.search, "cslc")  # pinyin initials of 测试流程
    first = app.popup.model.row_at(0)
    assert first is not None and first.script is not None and first.script.id == "t.flow"
    assert "3 步" in first.note
    with qtbot.waitSignal(app.runner.finished, timeout=5000):
        qtbot.keyClick(app.popup.search, Qt.Key.Key_Return)
    assert [c[0] for c in app.runs.calls] == [HELLO]  # type: ignore[attr-defined]
    assert app.runs.calls[0][1] == desk.chat  # type: ignore[attr-defined]
    assert app.session.indicator.text().startswith("测试流程 2/3")
    app.popup.search.clear()
    app.popup.show_popup()
    qtbot.keyClicks(app.popup.search, "zhixie")  # 致谢: a step's title finds the script too
    rows = [app.popup.model.row_at(i) for i in range(app.popup.model.rowCount())]
    assert [r.phrase.title for r in rows if r is not None and r.script is not None] == ["测试流程"]


def test_the_start_leaves_the_talk_scripts_index_until_idle_or_the_first_query(
    qtbot: QtBot, desk: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.app import root
    from quickreply.core.search.index import SearchIndex

    built: list[object] = []  # the phrase lists indexed (an earlier test's app may warm up meanwhile)
    real = SearchIndex.build.__func__  # type: ignore[attr-defined]

    def build(cls: type[SearchIndex], phrases: list[object]) -> SearchIndex:
        built.append(phrases)
        return real(cls, phrases)  # type: ignore[no-any-return]

    monkeypatch.setattr(SearchIndex, "build", classmethod(build))
    monkeypatch.setattr(root, "WARM_SEARCH_MS", 50)
    app = _make(qtbot, desk)

    def scripts_builds() -> int:
        return sum(1 for phrases in built if phrases is app.popup._scripts)

    try:
        assert scripts_builds() == 0  # start-up: its first build reads pypinyin's whole table (~45 ms)
        app.start()
        qtbot.waitUntil(lambda: scripts_builds() == 1, timeout=5000)  # once idle: the talk scripts
        _press(qtbot, app, "ctrl+alt+space")
        qtbot.keyClicks(app.popup.search, "cslc")
        first = app.popup.model.row_at(0)
        assert first is not None and first.script is not None and first.script.id == "t.flow"
        assert scripts_builds() == 1  # not again
    finally:
        _close(app)


def test_a_background_build_whose_child_dies_keeps_the_library_and_says_so(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.app import library_build

    before = app.library
    monkeypatch.setattr(library_build, "CHILD_MIN_BYTES", 0)  # even the starter packs go to a child
    monkeypatch.setattr(library_build, "child_command", lambda: [sys.executable, "-c", "raise SystemExit(9)"])
    with qtbot.waitSignal(app.loader.loaded, timeout=10_000):
        app._packs_changed()
    qtbot.wait(20)
    assert app.library is before
    [notice] = [n for n in app.notifier.history if n.title == "重新加载失败"]
    assert "后台构建短语库的进程意外退出（代码 9）" in notice.message
    assert "仍在使用之前的短语库" in notice.message
