"""The running app keeps subscribed team packs current: a folder source is synced at start, a change in the
folder is picked up and announced, and a broken update keeps the last good copy with a warning."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.fakes import FakeDesktop, FakeHotkeys

from quickreply.app.root import App, build_app
from quickreply.cli import main
from quickreply.core.model import Layer
from quickreply.core.paste.sequence import PastePorts
from quickreply.gui import i18n
from quickreply.paths import app_paths
from quickreply.platform.backend import Backend

SYNC_DATA = Path(__file__).resolve().parents[1] / "data" / "sync"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    shutil.copy(SYNC_DATA / "team_v1.toml", folder / "team.toml")
    return folder


@pytest.fixture
def app(qtbot: QtBot, share: Path) -> Iterator[App]:
    paths = app_paths()
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(
        f'[profile]\nshop = "小鹿"\nagent = "小美"\n\n[[subscriptions]]\npath = \'{share}\'\nname = "团队"\n',
        encoding="utf-8",
    )
    desk = FakeDesktop({"text/plain": b"x"})
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    built = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    yield built
    built.popup.hide()
    built.shutdown()
    i18n.set_language("zh_CN")


def test_team_pack_arrives_at_start_and_updates_when_the_folder_changes(
    qtbot: QtBot, app: App, share: Path
) -> None:
    # the copy is loaded in the background (app.library_installed), the popup never waits for it
    with qtbot.waitSignals([app.team_sync.finished, app.library_installed], timeout=10_000):
        app.start()
    assert app.library.phrase("team.hello") is not None
    assert app.library.pack_of("team.hello").layer is Layer.TEAM  # type: ignore[union-attr]
    assert app.library.phrase("team.size") is None

    shutil.copy(SYNC_DATA / "team_v2.toml", share / "team.toml")
    with qtbot.waitSignals([app.team_sync.finished, app.library_installed], timeout=10_000):
        app.team_sync.sync_now()
    assert app.library.phrase("team.size") is not None
    assert app.library.phrase("team.bye") is None
    notices = [n for n in app.notifier.history if n.title == "团队短语已更新"]
    assert notices and "1.1" in notices[-1].message
    assert notices[-1].message.startswith("团队 已更新：team.toml：新增 ")

    i18n.set_language("en")  # the next notice speaks English: the same messages, the other language
    shutil.copy(SYNC_DATA / "team_v1.toml", share / "team.toml")
    with qtbot.waitSignals([app.team_sync.finished, app.library_installed], timeout=10_000):
        app.team_sync.sync_now()
    english = [n for n in app.notifier.history if n.title == "Team packs updated"]
    assert english and english[-1].message.startswith("团队 updated: team.toml: "), english[-1].message
    assert "added" in english[-1].message and "新增" not in english[-1].message


def test_a_broken_update_keeps_the_last_good_copy_and_warns(qtbot: QtBot, app: App, share: Path) -> None:
    with qtbot.waitSignal(app.team_sync.finished, timeout=10_000):
        app.start()
    shutil.copy(SYNC_DATA / "broken_syntax.toml", share / "team.toml")
    with qtbot.waitSignal(app.team_sync.finished, timeout=10_000):
        app.team_sync.sync_now()
    assert app.library.phrase("team.hello") is not None
    notes = [n for n in app.notifier.history if n.title == "团队短语"]
    assert len(notes) == 1
    # One calm line for the agent: the team copy is in use; no file name, line number or English detail.
    assert notes[-1].message.startswith("团队短语暂时无法更新，正在使用 ") and "团队副本" in notes[-1].message
    assert "\n" not in notes[-1].message and "toml" not in notes[-1].message
    assert notes[-1].message in app.tray.tooltip()


def test_a_quickreply_sync_in_a_terminal_clears_the_tray_note(qtbot: QtBot, app: App, share: Path) -> None:
    with qtbot.waitSignal(app.team_sync.finished, timeout=10_000):
        app.start()
    shutil.copy(SYNC_DATA / "broken_syntax.toml", share / "team.toml")
    with qtbot.waitSignal(app.team_sync.finished, timeout=10_000):
        app.team_sync.sync_now()
    assert "团队副本" in app.tray.tooltip()
    shutil.copy(SYNC_DATA / "team_v2.toml", share / "team.toml")
    app.team_sync._folders.stop()  # only the terminal's sync may fix it here
    assert main(["sync"]) == 0  # the lead (or a script) syncs in a terminal
    with qtbot.waitSignal(app.library_installed, timeout=10_000):
        app.team_sync_status.refresh_from_state()  # what the app's 3 s timer does
    assert "团队副本" not in app.tray.tooltip()
    assert app.library.phrase("team.size") is not None  # the copy the terminal fetched is loaded


def test_an_update_opens_a_readable_list_and_marks_changed_phrases(
    qtbot: QtBot, app: App, share: Path
) -> None:
    with qtbot.waitSignals([app.team_sync.finished, app.library_installed], timeout=10_000):
        app.start()
    assert app.windows.updates_dialog is None  # a first copy is not an "update" to read through
    shutil.copy(SYNC_DATA / "team_v2.toml", share / "team.toml")
    with qtbot.waitSignals([app.team_sync.finished, app.library_installed], timeout=10_000):
        app.team_sync.sync_now()
    dialog = app.windows.updates_dialog
    assert dialog is not None and dialog.isVisible()
    page = dialog.browser.toPlainText()
    assert "修改（1）" in page and "新增（2）" in page and "删除（1）" in page
    assert "大促期间7天内发出" in page and "默认快递可在备注里说明" in page  # old → new, both readable
    assert "尺码建议" in page and "道别" in page
    html = dialog.browser.toHtml()
    assert "line-through" in html  # the removed words are struck out
    from quickreply.gui.popup.result_list import MarkRole

    app.popup.show_popup()
    qtbot.keyClicks(app.popup.search, "48")
    model = app.popup.model
    marks = {model.row_at(i).phrase.id: model.data(model.index(i), MarkRole) for i in range(model.rowCount())}
    assert marks.get("team.ship48") == "changed"
    app.tray.updates_requested.emit()  # the tray's 团队短语更新了什么… shows it again
    assert dialog.isVisible()


def test_a_sync_runs_with_the_cyclic_gc_paused_and_it_runs_again_after(
    qtbot: QtBot, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-enabled after each parse of a big pack, the GC ran over the millions of objects just made while
    holding the GIL (100-200 ms at 100k phrases; the popup waited)."""
    import gc

    from quickreply.core.sync import run

    seen: list[bool] = []
    real = run.sync_all

    def sync_all(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "sync_all", sync_all)
    app.team_sync.configure()
    with qtbot.waitSignal(app.team_sync.finished, timeout=10_000):
        app.team_sync.sync_now()
    # A second sync may follow (the folder poll, or a request made while the first ran): wait for all of
    # them, and for the reloads they start (which pause the GC too while they read).
    qtbot.waitUntil(lambda: not app.team_sync._running, timeout=10_000)
    assert app.loader.wait(10)
    assert seen and not any(seen), seen
    qtbot.waitUntil(gc.isenabled, timeout=10_000)  # and it runs again once every pause has ended
