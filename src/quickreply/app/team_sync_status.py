"""What the agent sees of team pack syncs: the tray's team status and the notifications saying what changed;
a sync that changed a pack reloads the library.

A failure is the lead's to fix, so the agent is told one calm line (the team copy from <time> is still in
use); the details go to the log, to `quickreply sync` and to the settings dialog's 团队短语 tab. The status
comes from the offline copies' state.json, read again every few seconds: a `quickreply sync` run in a
terminal (or a second app) that fixed things clears the tray's note, and a copy it brought in is loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer

from quickreply.app.session import barrier
from quickreply.app.team_sync import TeamSync
from quickreply.core.messages import Message, msg
from quickreply.core.sync.offline import read_state, source_dir, subscriptions_dir
from quickreply.core.sync.report import show_time
from quickreply.gui import i18n
from quickreply.gui.i18n import t
from quickreply.gui.notify import Level, Notifier
from quickreply.gui.tray.icon import Tray

log = logging.getLogger(__name__)
STATE_POLL_MS = 3000  # state.json files are tiny and local


class TeamSyncStatus:
    """Configures `team_sync` from the settings and reacts to its reports; `packs_changed` reloads the
    library (and what depends on it) after a team pack changed. `updated(report)` is called with each report
    that changed a pack (the app shows what changed)."""

    def __init__(
        self,
        team_sync: TeamSync,
        tray: Tray,
        notifier: Notifier,
        packs_changed: Callable[[], None],
        updated: Callable[[Any], None] | None = None,
    ) -> None:
        self.team_sync, self.tray, self.notifier = team_sync, tray, notifier
        self.packs_changed, self.updated = packs_changed, updated
        self._last_problem = ""
        self._hashes: dict[str, str] = {}
        self._poll = QTimer(team_sync)
        self._poll.setInterval(STATE_POLL_MS)
        self._poll.timeout.connect(self.refresh_from_state)

    def configure(self) -> None:
        """(Re)read [[subscriptions]]; sync at once when there are any."""
        subscribed = self.team_sync.configure()
        self._hashes = self._content_hashes()
        self.tray.set_team_status(subscribed, self.agent_line() if subscribed else "")
        if subscribed:
            self._poll.start()
            self.team_sync.sync_now()
        else:
            self._poll.stop()

    def agent_line(self) -> str:
        """The one calm line for the agent; empty when every source's last check worked."""
        message = self._problem()
        return i18n.text_of(message) if message else ""

    def _problem(self) -> Message | None:
        cache = subscriptions_dir(self.team_sync.paths)
        states = [read_state(source_dir(cache, s)) for s in self.team_sync.config.sources]
        failed = [s for s in states if s.errors()]
        if not failed:
            return None
        if any(not s.last_ok for s in failed):
            return msg("team.not_yet")
        return msg("team.still_in_use", when=show_time(min(s.last_ok for s in failed)))

    def _content_hashes(self) -> dict[str, str]:
        cache = subscriptions_dir(self.team_sync.paths)
        return {s.key: read_state(source_dir(cache, s)).content_hash for s in self.team_sync.config.sources}

    @barrier
    def refresh_from_state(self) -> None:
        """Another process (`quickreply sync`) may have synced: take its copies and its outcome."""
        hashes = self._content_hashes()
        if hashes != self._hashes:
            self._hashes = hashes
            log.info("team pack copies changed outside the app; reloading")
            self.packs_changed()
        problem = self.agent_line()
        if problem != self._last_problem:
            self.tray.set_team_status(True, problem)
            self._last_problem = problem

    @barrier
    def on_team_sync(self, report: Any) -> None:
        """A sync finished: reload when a team pack changed, say what changed, and note a failure calmly."""
        for result in report.failed:
            for error in result.errors:
                log.warning("team sync: %s", error)
        self._hashes = self._content_hashes()
        problem = self.agent_line()
        self.tray.set_team_status(True, problem)
        if report.changed:
            self.packs_changed()
            lines = [i18n.text_of(notice) for notice in report.notices(failures=False)]
            self.notifier.notify(t("ui.app.team_packs_updated"), "\n".join(lines))
            if self.updated is not None:
                self.updated(report)
        if problem and problem != self._last_problem:  # say it once, not every interval
            self.notifier.notify(t("ui.app.team_phrases"), problem, Level.INFO)
        self._last_problem = problem
