"""What the agent sees of team pack syncs: the tray's team status and the notifications saying what changed or
failed; a sync that changed a pack reloads the library."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quickreply.app.session import barrier
from quickreply.app.team_sync import TeamSync
from quickreply.gui import i18n
from quickreply.gui.i18n import tr
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.tray.icon import Tray


class TeamSyncStatus:
    """Configures `team_sync` from the settings and reacts to its reports; `packs_changed` reloads the
    library (and what depends on it) after a team pack changed."""

    def __init__(
        self, team_sync: TeamSync, tray: Tray, notifier: Notifier, packs_changed: Callable[[], None]
    ) -> None:
        self.team_sync, self.tray, self.notifier = team_sync, tray, notifier
        self.packs_changed = packs_changed
        self._last_problem = ""

    def configure(self) -> None:
        """(Re)read [[subscriptions]]; sync at once when there are any."""
        subscribed = self.team_sync.configure()
        self.tray.set_team_status(subscribed)
        if subscribed:
            self.team_sync.sync_now()

    @barrier
    def on_team_sync(self, report: Any) -> None:
        """A sync finished: reload when a team pack changed, and say what changed or failed."""
        zh = i18n.language() == "zh_CN"
        failures = [(r.errors_zh if zh else r.errors) for r in report.failed]
        problem = "\n".join(line for lines in failures for line in lines)
        self.tray.set_team_status(True, problem)
        if report.changed:
            self.packs_changed()
            lines = report.lines_zh() if zh else [r for r in report.lines() if r]
            self.notifier.notify(tr("团队短语已更新", "Team packs updated"), "\n".join(lines))
        if problem and problem != self._last_problem:  # say it once, not every interval
            self.notifier.notify(tr("团队短语同步失败", "Team pack sync failed"), problem, Level.WARNING)
        self._last_problem = problem

    def on_config_problem(self, message: str) -> None:
        title = tr("团队短语订阅设置有误", "Team subscriptions misconfigured")
        self.notifier.notify(title, message, Level.ERROR)
