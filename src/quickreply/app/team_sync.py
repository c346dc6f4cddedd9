"""Keeps subscribed team packs current while the app runs: at start, every N minutes, and when a watched
folder changes. Fetching runs on a worker thread (a slow intranet server must never freeze the popup); the
report comes back to the main thread through a queued signal."""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from quickreply.core.settings.model import SettingsError
from quickreply.core.sync.offline import subscriptions_dir
from quickreply.core.sync.subscriptions import SyncConfig, load_subscriptions
from quickreply.paths import Paths

if TYPE_CHECKING:
    from quickreply.core.sync.report import SyncReport

log = logging.getLogger(__name__)
FOLDER_POLL_MS = 5000  # folder sources (network shares) are compared by name/size/mtime this often


class TeamSync(QObject):
    """`finished(report)` after each sync that ran; the app reloads the library when it changed."""

    finished = Signal(object)  # SyncReport
    _done = Signal(object)  # emitted on a worker thread; queued to the main thread
    _polled = Signal(object)

    def __init__(self, paths: Paths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.config = SyncConfig()
        self._running = False
        self._again = False
        self._fingerprints: dict[str, object] = {}
        self._interval = QTimer(self)
        self._interval.timeout.connect(self.sync_now)
        self._folders = QTimer(self)
        self._folders.setInterval(FOLDER_POLL_MS)
        self._folders.timeout.connect(self._poll_folders)
        self._done.connect(self._on_done)
        self._polled.connect(self._on_polled)
        self._polling = False

    def configure(self) -> bool:
        """Read [[subscriptions]] and [sync] again; True when there is anything to sync. What is wrong in
        them is told (and logged) with the other settings warnings at app start and 重新加载."""
        try:
            config, _ = load_subscriptions(self.paths.settings_file)  # problems: logged by read_settings
        except SettingsError:
            config = SyncConfig()
        self.config = config
        self._interval.stop()
        self._folders.stop()
        if config.sources:
            if config.interval_minutes > 0:
                self._interval.start(int(config.interval_minutes * 60_000))
            if any(s.kind == "path" for s in config.sources):
                from quickreply.core.sync.run import folder_fingerprints

                self._fingerprints = dict(folder_fingerprints(config.sources))
                self._folders.start()
        return bool(config.sources)

    def sync_now(self) -> None:
        """Start a sync on a worker thread; a request while one runs is done right after it."""
        if not self.config.sources:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        sources, timeout = self.config.sources, self.config.timeout_seconds
        cache = subscriptions_dir(self.paths)

        def work() -> None:
            # The sync engine (http.client, email, certifi) loads with the first sync, not at start.
            from quickreply.core.packs.cache import gc_paused
            from quickreply.core.sync.run import sync_all

            try:
                # The cyclic GC stays off for the whole sync: re-enabled after each parse of a big pack, it
                # ran over the millions of objects just made, holding the GIL 100-200 ms (the popup
                # waited). The parsed packs are acyclic and freed as soon as the sync drops them.
                with gc_paused():
                    report = sync_all(sources, cache, datetime.now().astimezone(), timeout=timeout)
            except Exception:  # a barrier: a bug in one sync must not stop the next ones
                log.exception("team pack sync failed")
                report = None
            self._done.emit(report)

        threading.Thread(target=work, name="team-sync", daemon=True).start()

    def _on_done(self, report: SyncReport | None) -> None:
        self._running = False
        if report is not None:
            from quickreply.cli.sync import report_lines  # the sync engine is loaded by now

            for line in report_lines(report, "en"):
                log.info("sync: %s", line)
            self.finished.emit(report)
        if self._again:
            self._again = False
            self.sync_now()

    def _poll_folders(self) -> None:
        """Stat the folders off the main thread: a network share that went away can hang for seconds."""
        if self._polling:
            return
        self._polling = True
        sources = self.config.sources

        def work() -> None:
            from quickreply.core.sync.run import folder_fingerprints

            try:
                self._polled.emit(dict(folder_fingerprints(sources)))
            except Exception:
                log.exception("polling subscribed folders failed")
                self._polled.emit(None)

        threading.Thread(target=work, name="team-folders", daemon=True).start()

    def _on_polled(self, current: dict[str, object] | None) -> None:
        self._polling = False
        if current is not None and current != self._fingerprints:
            self._fingerprints = current
            log.info("a subscribed folder changed; syncing")
            self.sync_now()
