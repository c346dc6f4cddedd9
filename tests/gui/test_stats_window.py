"""The 统计 window shows core's usage summary: the same figures as `quickreply usage`, for each period."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.fakes import FakeDesktop, FakeHotkeys

from quickreply.app.root import build_app
from quickreply.core.paste.sequence import PastePorts
from quickreply.core.settings.model import Profile, Settings, save_settings
from quickreply.core.usage.period import period_start
from quickreply.core.usage.stats import (
    LOG_FILE,
    PickEvent,
    append_event,
    format_duration,
    read_events,
    summarize,
)
from quickreply.gui import i18n
from quickreply.gui.stats import StatsWindow
from quickreply.gui.stats import window as stats_window
from quickreply.paths import app_paths
from quickreply.platform.backend import Backend

NOW = datetime(2024, 5, 20, 15, 30)
TITLES = {"ship.when": "什么时候发货", "greet": "欢迎光临", "refund": "退款进度", "old": "旧活动"}


def _log(path: Path) -> None:
    def at(days: float, hour: int = 10) -> float:
        return (NOW.replace(hour=hour) - timedelta(days=days)).timestamp()

    events = [
        PickEvent(at(0), "ship.when", "发货与物流", 38, 0, 5),
        PickEvent(at(0, 9), "ship.when", "发货与物流", 38, 0, 4),
        PickEvent(at(0, 8), "greet", "欢迎语", 20, 0, 3),
        PickEvent(at(1), "refund", "售后/退换货", 45, 4, 9),
        PickEvent(at(6), "greet", "欢迎语", 20, 0, 3),
        PickEvent(at(7), "refund", "售后/退换货", 45, 0, 6),  # 8 days ago counting today: not in 7 days
        PickEvent(at(40), "old", "", 60, 0, 2),
    ]
    for event in events:
        append_event(path, event)


def _shown(table: object) -> list[list[str]]:
    rows = []
    for row in range(table.rowCount()):  # type: ignore[attr-defined]
        rows.append([table.item(row, c).text() for c in range(table.columnCount())])  # type: ignore[attr-defined]
    return rows


@pytest.fixture(autouse=True)
def read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The log is read on a worker thread; a loaded test machine must not turn these tests' short reads
    into the loading state (the tests of that state set their own wait)."""
    monkeypatch.setattr(stats_window, "READ_WAIT_S", 10.0)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> StatsWindow:
    log = tmp_path / LOG_FILE
    _log(log)
    shown = StatsWindow(log, TITLES, now=lambda: NOW)
    qtbot.addWidget(shown)
    shown.open()
    return shown


@pytest.mark.parametrize(("period", "picks"), [("today", 3), ("7d", 5), ("30d", 6), ("all", 7)])
def test_each_period_shows_cores_summary_in_the_tables_and_charts(
    window: StatsWindow, period: str, picks: int
) -> None:
    window.set_period(period)
    expected = summarize(read_events(window.log_file, period_start(period, NOW.astimezone())), TITLES)
    assert expected.total.picks == picks
    saved = format_duration(expected.total.saved_seconds(), "zh_CN")
    assert window.totals.text() == f"{picks} 次 · 粘贴 {expected.total.chars} 字 · 节省 {saved}"
    assert _shown(window.phrase_table) == [
        [t.title, t.category or "（未分类）", str(t.picks), str(t.chars), format_duration(t.saved_seconds())]
        for t in expected.phrases
    ]
    assert _shown(window.category_table) == [
        [
            t.name if t.name != "-" else "（未分类）",
            str(t.picks),
            str(t.chars),
            format_duration(t.saved_seconds()),
        ]
        for t in expected.categories
    ]
    assert window.phrase_chart.names == [t.title for t in expected.phrases]
    assert window.phrase_chart.bar_widths() == [float(t.picks) for t in expected.phrases]
    by_saved = sorted(expected.categories, key=lambda t: -t.saved_keys)
    minutes = [t.saved_seconds() / 60 for t in by_saved]
    assert window.category_chart.bar_widths() == pytest.approx(minutes)


def test_today_counts_from_local_midnight_and_the_figures_follow_the_log(window: StatsWindow) -> None:
    window.set_period("today")
    assert [window.phrase_table.item(r, 0).text() for r in range(2)] == ["什么时候发货", "欢迎光临"]
    assert window.phrase_table.item(0, 2).text() == "2"
    append_event(window.log_file, PickEvent(NOW.timestamp(), "refund", "售后/退换货", 45, 0, 6))
    window.refresh()
    assert window.summary.total.picks == 4 and window.phrase_table.rowCount() == 3


def test_an_empty_period_says_so_and_draws_no_bars(qtbot: QtBot, tmp_path: Path) -> None:
    shown = StatsWindow(tmp_path / LOG_FILE, now=lambda: NOW)
    qtbot.addWidget(shown)
    shown.open()
    assert shown.totals.text() == "这个时段还没有使用记录"
    assert shown.phrase_chart.bar_widths() == [] and shown.phrase_table.rowCount() == 0


def test_english_labels(qtbot: QtBot, tmp_path: Path) -> None:
    i18n.set_language("en")
    try:
        log = tmp_path / LOG_FILE
        _log(log)
        shown = StatsWindow(log, TITLES, now=lambda: NOW)
        qtbot.addWidget(shown)
        shown.set_period("all")
        assert shown.windowTitle() == "Statistics — QuickReply"
        assert shown.totals.text().startswith("7 picks · 266 characters pasted · ")
        assert [shown.period.itemText(i) for i in range(4)] == [
            "Today",
            "Last 7 days",
            "Last 30 days",
            "All time",
        ]
        i18n.set_language("zh_CN")  # switched while the window is open: everything follows
        assert shown.windowTitle() == "统计 — 快捷回复" and shown.period.itemText(3) == "全部"
        assert shown.totals.text().startswith("7 次 · 粘贴 266 字 · ")
        assert shown.phrase_chart.title == "最常用的 10 条短语（次数）"
        assert shown.category_table.horizontalHeaderItem(0).text() == "分类"
    finally:
        i18n.set_language("zh_CN")


def test_the_tray_opens_the_window_with_the_apps_log_and_titles(qtbot: QtBot) -> None:
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (paths.packs_dir / "t.toml").write_text(
        '[pack]\nid = "t"\nname = "t"\nversion = "1"\n\n[[phrases]]\nid = "t.a"\ncategory = "议价"\n'
        'title = "不议价"\ntext = "亲，我们是统一价哦"\n',
        encoding="utf-8",
    )
    save_settings(paths.settings_file, Settings(profile=Profile(shop="小鹿", agent="小美")))
    desk = FakeDesktop()
    app = build_app(
        paths,
        Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake"),
        ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock),
    )
    try:
        append_event(paths.data / LOG_FILE, PickEvent(datetime.now().timestamp(), "t.a", "议价", 9, 0, 3))
        [action] = [a for a in app.tray.menu.actions() if a.text() == "统计…"]
        action.trigger()
        stats = app.windows.stats
        assert stats is not None and stats.isVisible()
        assert (
            stats.phrase_table.item(0, 0).text() == "不议价" and stats.phrase_table.item(0, 2).text() == "1"
        )
    finally:
        app.shutdown()
        if app.windows.stats is not None:
            app.windows.stats.close()


def test_starting_the_app_does_not_load_pyqtgraph() -> None:
    code = "import sys, quickreply.app.root; print('pyqtgraph' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_app_puts_the_agents_summary_to_the_team_server(qtbot: QtBot, tmp_path: Path) -> None:
    import threading

    from quickreply.app.usage_share import UsageShare
    from quickreply.cli.usage_server import make_server
    from quickreply.core.settings.model import UsageSettings
    from quickreply.core.usage.team_http import read_team_url

    store = tmp_path / "store"
    store.mkdir()
    server = make_server(store, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/team"
    try:
        data = tmp_path / "data"
        append_event(data / LOG_FILE, PickEvent(NOW.timestamp(), "greet", "欢迎语", 20, 0, 3))
        share = UsageShare(data, tmp_path)
        share.set_settings(Settings(profile=Profile(agent="小美"), usage=UsageSettings(team_url=url)))
        assert share.write() is None  # no folder: only the server
        assert share.wait(10) and share.last_put.endswith("/team/%E5%B0%8F%E7%BE%8E.usage.json")
        [agent] = read_team_url(url, 5).agents
        assert (agent.agent, agent.picks, agent.chars) == ("小美", 1, 20)
        share.set_settings(Settings(usage=UsageSettings(team_url="intranet/usage")))  # not http(s): off
        assert share.url() is None
    finally:
        server.shutdown()
        server.server_close()


def test_the_name_axis_is_wide_enough_for_the_longest_name_from_the_first_frame(window: StatsWindow) -> None:
    """pyqtgraph widens an axis only after a paint that skipped names that did not fit (under Windows the
    first frame showed almost no names): the chart sets the width itself."""
    from PySide6.QtGui import QFontMetrics

    from quickreply.gui.stats.charts import short

    window.set_period("all")
    chart = window.phrase_chart
    widest = max(QFontMetrics(chart._font).horizontalAdvance(short(n)) for n in chart.names)
    assert chart.getAxis("left").width() > widest


def test_a_long_read_runs_off_the_ui_thread_and_the_window_says_it_is_reading(
    qtbot: QtBot, window: StatsWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year of picks took ~0.5 s to read on the UI thread, freezing the popup (bench_stats_window.py)."""
    monkeypatch.setattr(stats_window, "READ_WAIT_S", 0.01)
    release, threads = threading.Event(), []

    def slow_read(path: Path, since: float | None = None) -> list[PickEvent]:
        threads.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            release.wait(10)
        return read_events(path, since)

    monkeypatch.setattr(stats_window, "read_events", slow_read)
    window.set_period("all")  # returns while the read goes on
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert window.loading and window.totals.text() == "正在读取使用记录…"
    release.set()
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    assert window.totals.text().startswith("7 次 · 粘贴 266 字")
    assert window.phrase_table.rowCount() == 4


def test_the_newest_period_wins_when_an_older_read_ends_later(
    qtbot: QtBot, window: StatsWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stats_window, "READ_WAIT_S", 0.01)
    release = threading.Event()

    def read(path: Path, since: float | None = None) -> list[PickEvent]:
        if since is None:  # 全部: the slow one
            release.wait(10)
        return read_events(path, since)

    monkeypatch.setattr(stats_window, "read_events", read)
    window.set_period("all")
    window.set_period("today")
    qtbot.waitUntil(lambda: not window.loading, timeout=5000)
    release.set()
    qtbot.wait(100)  # the old read ends and is dropped
    assert window.summary.total.picks == 3 and window.totals.text().startswith("3 次")


def test_the_timers_share_reads_the_log_off_the_ui_thread(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every 10 minutes the app read and summed the whole log on the UI thread (~0.5 s at a year of picks,
    the popup frozen meanwhile)."""
    from quickreply.app import usage_share
    from quickreply.core.settings.model import UsageSettings

    data, team = tmp_path / "data", tmp_path / "team"
    append_event(data / LOG_FILE, PickEvent(NOW.timestamp(), "greet", "欢迎语", 20, 0, 3))
    threads: list[threading.Thread] = []

    def read(path: Path, since: float | None = None) -> list[PickEvent]:
        threads.append(threading.current_thread())
        return read_events(path, since)

    monkeypatch.setattr(usage_share, "read_events", read)
    share = usage_share.UsageShare(data, tmp_path)
    share.set_settings(Settings(profile=Profile(agent="小美"), usage=UsageSettings(team_folder=str(team))))
    share._timer.timeout.emit()  # the 10-minute round
    assert share.wait(10)
    assert threads and threads[0] is not threading.main_thread()
    assert '"picks": 1' in (team / "小美.usage.json").read_text(encoding="utf-8")
