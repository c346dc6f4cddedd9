"""The opt-in team view: every few minutes (and at quit) this agent's usage summary — counts only — is
written to `[usage] team_folder` and/or PUT to the team server at `[usage] team_url`, for the lead's
`quickreply usage --team DIR|URL`. The timer's rounds (reading and summing the log, writing the folder's
file) and the PUT run on worker threads: a long log, a slow share or a slow server never stalls the app."""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QTimer

from quickreply.core.model import Library
from quickreply.core.settings.model import Settings
from quickreply.core.usage.stats import LOG_FILE, read_events, summarize
from quickreply.core.usage.team import summary_bytes, summary_file_name, write_agent_summary

log = logging.getLogger(__name__)
SHARE_EVERY_MS = 10 * 60_000
PUT_TIMEOUT_S = 10.0
PUT_AT_QUIT_TIMEOUT_S = 2.0  # at quit the PUT may keep the process up to 6× this, with no window left


class UsageShare(QObject):
    def __init__(self, data_dir: Path, settings_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.settings_dir = data_dir, settings_dir
        self.settings = Settings()
        self.library = Library()
        self._timer = QTimer(self)
        self._timer.setInterval(SHARE_EVERY_MS)
        self._timer.timeout.connect(self.write_in_background)
        self._round: threading.Thread | None = None  # the timer's share, on its own thread
        self._put: threading.Thread | None = None
        self.last_put: str = ""  # the address last written, or "" (for the log and tests)

    def folder(self) -> Path | None:
        text = self.settings.usage.team_folder.strip()
        if not text:
            return None
        folder = Path(os.path.expanduser(text))
        return folder if folder.is_absolute() else self.settings_dir / folder

    def url(self) -> str | None:
        text = self.settings.usage.team_url.strip()
        if text and urlsplit(text).scheme.lower() not in ("http", "https"):  # usage_http.is_url
            log.warning("[usage] team_url %r is not an http(s) address: no summary is sent", text)
            return None
        return text or None

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
        if self.folder() is None and self.url() is None:
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    def write_in_background(self) -> None:
        """The timer's round: read the log, sum it and share it on a worker thread (a year of picks takes
        ~0.5 s to read; on the UI thread that froze the popup every 10 minutes). Skipped while the last
        round still runs."""
        if self._round is not None and self._round.is_alive():
            log.info("the previous usage summary is still being shared: this round is skipped")
            return
        self._round = threading.Thread(target=self._round_now, name="usage-share", daemon=True)
        self._round.start()

    def _round_now(self) -> None:
        try:
            self.write()
        except Exception:  # a barrier: a worker thread must never die with a traceback the agent sees
            log.exception("sharing the usage summary failed")

    def write(self, at_quit: bool = False) -> Path | None:
        """Share the summary now: the folder at once, the server on a worker thread (a failure is logged:
        an offline share or server must never bother the agent). Returns the folder's file, if any."""
        folder, url = self.folder(), self.url()
        if folder is None and url is None:
            return None
        titles = {p.id: p.title for p in self.library.phrases()}
        summary = summarize(read_events(self.data_dir / LOG_FILE), titles)
        profile = self.settings.profile
        now = datetime.now().astimezone()
        if url is not None:
            body = summary_bytes(profile.agent, profile.shop, summary, now)
            self._send(url, summary_file_name(profile.agent), body, at_quit)
        if folder is None:
            return None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = write_agent_summary(folder, profile.agent, profile.shop, summary, now)
        except OSError as exc:
            log.warning("cannot write the usage summary to %s: %s", folder, exc)
            return None
        log.info("usage summary written to %s", path)
        return path

    def _send(self, url: str, name: str, body: bytes, at_quit: bool) -> None:
        if self._put is not None and self._put.is_alive():
            log.info("the previous usage summary is still being sent: this one is skipped")
            return
        timeout = PUT_AT_QUIT_TIMEOUT_S if at_quit else PUT_TIMEOUT_S
        # At quit the thread is not a daemon: the interpreter lets it finish (bounded by its deadline).
        self._put = threading.Thread(
            target=self._put_now, args=(url, name, body, timeout), name="usage-put", daemon=not at_quit
        )
        self._put.start()

    def _put_now(self, url: str, name: str, body: bytes, timeout: float) -> None:
        # The HTTP client (http.client, email) loads with the first summary sent, not at start.
        from quickreply.core.usage.team_http import UsageServerError, put_summary

        try:
            self.last_put = put_summary(url, name, body, timeout)
        except UsageServerError as exc:
            log.warning("cannot send the usage summary: %s", exc.message.render("en"))
            return
        except Exception:  # a barrier: a worker thread must never die with a traceback the agent sees
            log.exception("sending the usage summary failed")
            return
        log.info("usage summary sent to %s", self.last_put)

    def wait(self, seconds: float) -> bool:
        """Wait for a round and a PUT in flight (tests, quit); True when none is left."""
        for thread in (self._round, self._put):
            if thread is not None:
                thread.join(seconds)
        return not any(t is not None and t.is_alive() for t in (self._round, self._put))
