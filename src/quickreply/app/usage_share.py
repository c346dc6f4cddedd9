"""The opt-in team view: every few minutes (and at quit) this agent's usage summary — counts only — is
written to `[usage] team_folder` for the lead's `quickreply usage --team DIR`."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from quickreply.core.model import Library
from quickreply.core.settings.model import Settings
from quickreply.core.usage_stats import LOG_FILE, read_events, summarize
from quickreply.core.usage_team import write_agent_summary

log = logging.getLogger(__name__)
SHARE_EVERY_MS = 10 * 60_000


class UsageShare(QObject):
    def __init__(self, data_dir: Path, settings_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.settings_dir = data_dir, settings_dir
        self.settings = Settings()
        self.library = Library()
        self._timer = QTimer(self)
        self._timer.setInterval(SHARE_EVERY_MS)
        self._timer.timeout.connect(self.write)

    def folder(self) -> Path | None:
        text = self.settings.usage.team_folder.strip()
        if not text:
            return None
        folder = Path(os.path.expanduser(text))
        return folder if folder.is_absolute() else self.settings_dir / folder

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
        if self.folder() is None:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    def write(self) -> Path | None:
        """Write the summary now (a failure is logged: an offline share must never bother the agent)."""
        folder = self.folder()
        if folder is None:
            return None
        titles = {p.id: p.title for p in self.library.phrases()}
        summary = summarize(read_events(self.data_dir / LOG_FILE), titles)
        profile = self.settings.profile
        try:
            folder.mkdir(parents=True, exist_ok=True)
            now = datetime.now().astimezone()
            path = write_agent_summary(folder, profile.agent, profile.shop, summary, now)
        except OSError as exc:
            log.warning("cannot write the usage summary to %s: %s", folder, exc)
            return None
        log.info("usage summary written to %s", path)
        return path
