"""The tray menu: categories nest, a click pastes into the window active before the menu opened."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from quickreply.core.model import Library, Pack, Phrase, Script, Step
from quickreply.core.ports import Window
from quickreply.gui.icons import TrayState
from quickreply.gui.notify import Notifier
from quickreply.gui.tray.icon import Tray
from quickreply.gui.tray.menu import MENU_PHRASES

CHAT = Window(0x501, "买家 小王 - 千牛工作台", "AliWorkBench", "AliWorkBench.exe")
TRAY_HOST = Window(0x777, "trayer", "trayer")

PHRASES = (
    Phrase(id="hi", category="欢迎语", title="通用问候", text="亲，您好，{shop}客服{agent}为您服务～"),
    Phrase(id="ret.7d", category="售后/退换货", title="七天无理由", text="支持七天无理由退换", code="thh"),
    Phrase(id="ret.fee", category="售后/退换货", title="退货运费", text="非质量问题运费由买家承担"),
    Phrase(id="delay", category="售后", title="发货延迟致歉", text="非常抱歉让您久等了"),
)
STEPS = (Step(phrase_id="delay"), Step(text="谢谢"))
SCRIPT = Script(id="six", title="售后六步", category="售后", steps=STEPS)
COMMANDS = ("最近使用", "话术流程", "暂停快捷键", "设置…", "打开短语包文件夹", "重新加载", "关于", "退出")


def _library(*phrases: Phrase) -> Library:
    pack = Pack(id="t", name="t", version="1", phrases=phrases or PHRASES, scripts=(SCRIPT,))
    return Library(packs=(pack,))


class Desk:
    """Which window is active: the tray asks when its menu opens."""

    def __init__(self) -> None:
        self.active: Window | None = CHAT

    def active_window(self) -> Window | None:
        return self.active


def _tray(qtbot: QtBot, tmp_path: Path, desk: Desk) -> Tray:
    tray = Tray(desk.active_window, tmp_path / "packs", Notifier())
    tray.set_library(_library())
    return tray


def _open(menu: QMenu) -> QMenu:
    menu.aboutToShow.emit()  # what Qt emits when the agent opens it
    return menu


def _submenu(menu: QMenu, title: str) -> QMenu:
    for action in menu.actions():
        if action.menu() is not None and action.text() == title:
            return _open(action.menu())
    raise AssertionError(f"no submenu {title!r} in {[a.text() for a in menu.actions()]}")


def _action(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text().split("\t")[0] == text:
            return action
    raise AssertionError(f"no item {text!r} in {[a.text() for a in menu.actions()]}")


def _texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_categories_nest_by_slash_and_phrases_sit_under_their_category(qtbot: QtBot, tmp_path: Path) -> None:
    tray = _tray(qtbot, tmp_path, Desk())
    menu = _open(tray.menu)
    top = _texts(menu)
    assert top[:2] == ["欢迎语", "售后"]
    assert all(item in top for item in COMMANDS)
    after_sales = _submenu(menu, "售后")
    assert _texts(after_sales) == ["退换货", "发货延迟致歉"]
    returns = _submenu(after_sales, "退换货")
    assert _texts(returns) == ["七天无理由\tthh", "退货运费"]  # the code shows like a shortcut


def test_click_pastes_into_the_window_active_before_the_menu_opened(qtbot: QtBot, tmp_path: Path) -> None:
    desk = Desk()
    tray = _tray(qtbot, tmp_path, desk)
    menu = _open(tray.menu)  # the chat is active while the agent opens the menu...
    desk.active = TRAY_HOST  # ...then the click itself moves focus to the tray host
    item = _action(_submenu(_submenu(menu, "售后"), "退换货"), "退货运费")
    with qtbot.waitSignal(tray.phrase_chosen) as chosen:
        item.trigger()
    phrase, target = chosen.args
    assert phrase.id == "ret.fee" and target == CHAT


def test_no_active_window_gives_no_target(qtbot: QtBot, tmp_path: Path) -> None:
    desk = Desk()
    desk.active = None
    tray = _tray(qtbot, tmp_path, desk)
    menu = _open(tray.menu)
    with qtbot.waitSignal(tray.phrase_chosen) as chosen:
        _action(_submenu(menu, "欢迎语"), "通用问候").trigger()
    assert chosen.args[1] is None


def test_pause_toggle_and_hotkey_states_show_in_tooltip_and_menu(qtbot: QtBot, tmp_path: Path) -> None:
    tray = _tray(qtbot, tmp_path, Desk())
    tray.set_state(TrayState.NORMAL, popup_combo="ctrl+alt+space")
    assert "Ctrl+Alt+Space" in tray.icon.toolTip()
    with qtbot.waitSignal(tray.pause_toggled) as toggled:
        _action(_open(tray.menu), "暂停快捷键").trigger()
    assert toggled.args == [True]
    tray.set_state(TrayState.PAUSED)
    assert "已暂停" in tray.icon.toolTip()
    assert _action(tray.menu, "暂停快捷键").isChecked()
    tray.set_state(TrayState.UNAVAILABLE, "ctrl+alt+space 已被其他程序占用")
    assert "不可用" in tray.icon.toolTip() and "已被其他程序占用" in tray.icon.toolTip()
    assert "已被其他程序占用" in _texts(tray.menu)[0]  # said inside the menu too, not only on hover


def test_recent_and_scripts_submenus(qtbot: QtBot, tmp_path: Path) -> None:
    tray = _tray(qtbot, tmp_path, Desk())
    assert _texts(_submenu(tray.menu, "最近使用")) == ["（还没有用过短语）"]
    tray.set_recent(lambda: [PHRASES[2]])
    recent = _submenu(tray.menu, "最近使用")
    with qtbot.waitSignal(tray.phrase_chosen) as chosen:
        _action(recent, "退货运费").trigger()
    assert chosen.args[0].id == "ret.fee"
    with qtbot.waitSignal(tray.script_chosen) as started:
        _action(_submenu(tray.menu, "话术流程"), "售后六步").trigger()
    assert started.args[0].id == "six"
    assert not any(t.startswith("停止话术") for t in _texts(tray.menu))
    tray.set_script("售后六步 1/2")
    with qtbot.waitSignal(tray.stop_script):
        _action(tray.menu, "停止话术 (售后六步 1/2)").trigger()


def test_a_long_category_points_to_search_instead_of_listing_everything(qtbot: QtBot, tmp_path: Path) -> None:
    many = [Phrase(id=f"p{n}", category="大促", title=f"短语{n}", text="x") for n in range(MENU_PHRASES + 5)]
    tray = Tray(Desk().active_window, tmp_path / "packs", Notifier())
    tray.set_library(_library(*many))
    tray.set_state(TrayState.NORMAL, popup_combo="ctrl+alt+space")
    items = _texts(_submenu(tray.menu, "大促"))
    assert len(items) == MENU_PHRASES + 1
    assert items[-1] == "还有 5 条，请用搜索 (Ctrl+Alt+Space)"


def test_open_packs_folder_creates_it(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    open_url = "quickreply.gui.tray.icon.QDesktopServices.openUrl"
    monkeypatch.setattr(open_url, lambda url: opened.append(url) or True)
    tray = _tray(qtbot, tmp_path, Desk())
    _action(tray.menu, "打开短语包文件夹").trigger()
    assert (tmp_path / "packs").is_dir()
    assert opened and Path(opened[0].toLocalFile()) == tmp_path / "packs"


def test_a_packs_folder_that_cannot_be_made_says_why_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    notifier = Notifier()
    tray = Tray(Desk().active_window, tmp_path / "a-file" / "packs", notifier)
    tray.open_packs_folder()
    [notice] = notifier.history
    assert notice.title == "无法创建文件夹"
    # not "[Errno 20] Not a directory: …". Windows says the path is not found; Wine 10 says the name is
    # taken (ERROR_ALREADY_EXISTS for a folder made inside a file), in its own catalogue text.
    whys = (
        ("文件或文件夹不存在", "已经有同名的文件或文件夹")
        if sys.platform == "win32"
        else ("路径里有一段不是文件夹",)
    )
    assert notice.message in [f"{tmp_path / 'a-file' / 'packs'}：{why}" for why in whys]


def test_without_a_system_tray_a_small_window_carries_the_menu(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quickreply.gui.tray.icon.QSystemTrayIcon.isSystemTrayAvailable", lambda: False)
    tray = _tray(qtbot, tmp_path, Desk())
    tray.set_state(TrayState.UNAVAILABLE, "没有图形显示")
    assert tray.show() is False
    assert tray.fallback is not None
    qtbot.addWidget(tray.fallback)
    assert tray.fallback.isVisible()
    assert "没有图形显示" in tray.fallback.status.text()
    tray.set_state(TrayState.PAUSED)
    assert "已暂停" in tray.fallback.status.text()


def test_submenus_outlive_their_python_wrappers_and_rebuilds_do_not_pile_them_up(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # PySide6 6.9: a menu from QMenu.addMenu(str) was deleted once Python collected its wrapper.
    import gc

    tray = _tray(qtbot, tmp_path, Desk())
    gc.collect()
    after_sales = _submenu(_open(tray.menu), "售后")
    gc.collect()
    assert _texts(_submenu(after_sales, "退换货")) == ["七天无理由\tthh", "退货运费"]
    for _ in range(3):
        tray.rebuild()
    qtbot.wait(1)  # deleteLater runs
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    direct = tray.menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
    assert len(direct) == len([a for a in tray.menu.actions() if a.menu() is not None])


def _count_trees(monkeypatch: pytest.MonkeyPatch) -> list[Library]:
    """The libraries the tray makes a category tree of, from now on."""
    from quickreply.gui.tray import icon

    made: list[Library] = []

    class Counted(icon.CategoryTree):
        def __init__(self, library: Library) -> None:
            made.append(library)
            super().__init__(library)

    monkeypatch.setattr(icon, "CategoryTree", Counted)
    return made


def test_a_reload_makes_the_category_tree_once_and_a_state_change_reuses_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a background reload the app sets the library and then the hotkey state: each rebuilt the
    whole tree on the UI thread (2 × 220 ms at 100k phrases, a hotkey press waited for it)."""

    made = _count_trees(monkeypatch)
    tray = _tray(qtbot, tmp_path, Desk())
    assert [len(library.phrases()) for library in made] == [0, len(PHRASES)]  # built empty, then set
    tray.set_state(TrayState.NORMAL)
    tray.set_state(TrayState.PAUSED)
    assert len(made) == 2
    uncategorised = Phrase(id="x", category="", title="无分类", text="文字")
    tray.set_library(_library(*PHRASES, uncategorised))
    assert len(made) == 3
    assert _texts(_submenu(_open(tray.menu), "未分类")) == ["无分类"]


def test_a_tree_prepared_off_the_ui_thread_is_used_and_one_of_another_language_is_not(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader's worker makes the tree (`prepare_tree`); the swap on the UI thread then makes none
    (at 100k phrases that was ~90 ms of the install)."""
    from quickreply.gui.tray import icon

    tray = _tray(qtbot, tmp_path, Desk())
    library = _library(*PHRASES, Phrase(id="x", category="", title="无分类", text="文字"))
    prepared = icon.prepare_tree(library)
    made = _count_trees(monkeypatch)
    tray.set_library(library, prepared)
    assert made == []
    assert _texts(_submenu(_open(tray.menu), "未分类")) == ["无分类"]
    stale = ("en", prepared[1])  # made in English, the language then switched back to Chinese
    tray.set_library(library, stale)
    assert made == [library]  # made again, in the language shown
