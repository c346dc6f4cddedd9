"""The 团队短语 tab: subscribe to a team pack (a url or a folder), test it, see each source's status, last
good sync, version and error, and remove a subscription.

Additions and removals are kept until OK/Apply; then `apply_to(settings_file)` edits only the
`[[subscriptions]]` entries (core/sync/subscribe), so nothing else in the agent's file changes. A test
fetches into a temporary folder on a worker thread: the agent's offline copies are never touched by it.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.messages import Message, msg
from quickreply.core.model import Layer
from quickreply.core.packs.load import load_packs
from quickreply.core.settings.model import SettingsError, load_settings
from quickreply.core.settings.subscriptions import Source
from quickreply.core.sync.offline import cached_files, read_state, source_dir
from quickreply.core.sync.report import show_time
from quickreply.core.sync.run import sync_source
from quickreply.core.sync.subscribe import SubscribeError, Target, parse_target, subscribe, unsubscribe
from quickreply.gui import i18n
from quickreply.gui.i18n import t
from quickreply.gui.settings.hotkeys import ERROR_STYLE, NOTE_STYLE

log = logging.getLogger(__name__)
TEST_TIMEOUT_S = 10.0
COLUMNS = ("name", "address", "status", "last_sync", "version")  # each named by `ui.team_column.<column>`
OK_STYLE = "color: #389e0d;"
REFRESH_MS = 2000


def _say(message: Message) -> str:
    return i18n.text_of(message)


def test_source(source: Source, timeout: float = TEST_TIMEOUT_S) -> Message:
    """Fetch `source` once into a throwaway folder: 'works: N phrases, version V' or why not."""
    with tempfile.TemporaryDirectory(prefix="quickreply-test-") as tmp:
        result = sync_source(source, Path(tmp), datetime.now().astimezone(), timeout=timeout)
        if result.status == "failed":
            return msg("team.test_failed", detail="\n".join(result.error_texts(i18n.language())))
        files = list(cached_files(source_dir(Path(tmp), source)).values())
        packs, _ = load_packs(files, Layer.TEAM)
        count = sum(len(p.phrases) for p in packs)
        return msg("team.test_ok", count=count, version=result.version or "-")


class TeamTab(QWidget):
    """`changed` when a subscription was added or removed (saved at OK/Apply)."""

    changed = Signal()
    _tested = Signal(object, object)  # (Source, Message), emitted on the test thread

    def __init__(self, settings_file: Path, cache_root: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings_file, self._cache_root = settings_file, cache_root
        self._added: list[tuple[Target, str]] = []
        self._removed: list[Source] = []
        self._sources: list[Source] = []
        self._testing = False
        layout = QVBoxLayout(self)
        intro = QLabel(t("ui.settings.subscribe_to_the_team_lead"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.target = QLineEdit()
        self.target.setPlaceholderText(t("ui.settings.http_intranet_packs_team_toml"))
        self.target.textChanged.connect(self._target_edited)
        browse = QPushButton(t("ui.settings.folder"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(t("ui.settings.name_optional_e_g_shoe"))
        self.test_button = QPushButton(t("ui.settings.test"))
        self.test_button.clicked.connect(self.test)
        self.add_button = QPushButton(t("ui.settings.add"))
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.name, 1)
        row.addWidget(self.test_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([t(f"ui.team_column.{column}") for column in COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._show_detail)
        layout.addWidget(self.table, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        self.remove_button = QPushButton(t("ui.settings.remove_selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        note = QLabel(t("ui.settings.changes_are_saved_with_ok"))
        note.setStyleSheet(NOTE_STYLE)
        row.addWidget(note)
        layout.addLayout(row)
        self._tested.connect(self._on_tested)
        self._refresh = QTimer(self)  # the app syncs on its own thread: show its outcome as it lands
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_status)
        self._refresh.start()
        self.reload()

    def _refresh_status(self) -> None:
        if self.isVisible():
            self._fill()

    # -- what is subscribed -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the subscriptions from settings.toml again (pending additions/removals are kept)."""
        try:
            saved = list(load_settings(self._settings_file)[0].subscriptions)
        except SettingsError as exc:
            log.warning("team tab: %s", exc)
            saved = []
        gone = {(s.kind, s.location) for s in self._removed}
        self._sources = [s for s in saved if (s.kind, s.location) not in gone]
        self._sources += [Source(t.kind, t.location, name) for t, name in self._added]
        self._fill()

    def sources(self) -> list[Source]:
        return list(self._sources)

    def _status(self, source: Source) -> tuple[str, str, str, str]:
        """(status, last good sync, version, error) from the offline copy's state.json."""
        if any((t.kind, t.location) == (source.kind, source.location) for t, _ in self._added):
            return t("ui.settings.to_be_saved"), "-", "-", ""
        if self._cache_root is None:
            return "-", "-", "-", ""
        state = read_state(source_dir(self._cache_root, source))
        errors = state.errors()
        error = "\n".join(e.render(i18n.language()) for e in errors)
        if errors:
            status = _say(msg("team.status_failed"))
        elif state.last_ok:
            status = _say(msg("team.status_ok"))
        else:
            status = _say(msg("team.status_never"))
        when = show_time(state.last_ok) if state.last_ok else "-"
        return status, when, state.version or "-", error

    def _fill(self) -> None:
        self.table.setRowCount(len(self._sources))
        for row, source in enumerate(self._sources):
            status, when, version, error = self._status(source)
            cells = (source.name or "-", source.location, status, when, version)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if error:
                    item.setToolTip(error)
                    if column == 2:
                        item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.remove_button.setEnabled(bool(self._sources))
        self._show_detail()

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            self.detail.setText("" if self._sources else _say(msg("team.no_subscriptions")))
            self.detail.setStyleSheet(NOTE_STYLE)
            return
        error = self._status(self._sources[rows[0].row()])[3]
        self.detail.setText(error)
        self.detail.setStyleSheet(ERROR_STYLE)

    # -- adding, testing, removing ------------------------------------------------------------------
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, t("ui.settings.choose_the_team_pack_folder"))
        if folder:
            self.target.setText(folder)

    def _target_edited(self) -> None:
        self.result.clear()

    def _parsed(self) -> Target | None:
        try:
            return parse_target(self.target.text(), self._settings_file.parent)
        except SubscribeError as exc:
            self._show_result(_say(exc.message), ok=False)
            return None

    def _show_result(self, text: str, ok: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def test(self) -> None:
        """Fetch the typed source once on a worker thread; the result shows under the fields."""
        target = self._parsed()
        if target is None or self._testing:
            return
        source = Source(target.kind, target.location, self.name.text().strip())
        self._testing = True
        self.test_button.setEnabled(False)
        self._show_result(t("ui.settings.testing"), ok=True)

        def work() -> None:
            try:
                outcome = test_source(source)
            except Exception as exc:  # a barrier: a bug in the test must not kill the dialog
                log.exception("testing %s failed", source.location)
                outcome = msg("team.test_failed", detail=f"{type(exc).__name__}: {exc}")
            self._tested.emit(source, outcome)

        threading.Thread(target=work, name="team-test", daemon=True).start()

    def _on_tested(self, _source: Source, outcome: Message) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        self._show_result(_say(outcome), ok=outcome.code == "team.test_ok")

    def add(self) -> None:
        target = self._parsed()
        if target is None:
            return
        if any((s.kind, s.location) == (target.kind, target.location) for s in self._sources):
            self._show_result(_say(msg("team.already", location=target.location)), ok=False)
            return
        self._removed = [s for s in self._removed if (s.kind, s.location) != (target.kind, target.location)]
        self._added.append((target, self.name.text().strip()))
        self.target.clear()
        self.name.clear()
        self.reload()
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        source = self._sources[rows[0].row()]
        before = len(self._added)
        self._added = [
            (t, n) for t, n in self._added if (t.kind, t.location) != (source.kind, source.location)
        ]
        if len(self._added) == before:
            self._removed.append(source)
        self.reload()
        self.changed.emit()

    @property
    def dirty(self) -> bool:
        return bool(self._added or self._removed)

    def apply_to(self, settings_file: Path) -> list[str]:
        """Write the pending additions and removals; the problems (empty when all went in)."""
        problems: list[str] = []
        for source in self._removed:
            try:
                unsubscribe(settings_file, source.location)
            except SubscribeError as exc:
                problems.append(_say(exc.message))
        for target, name in self._added:
            try:
                subscribe(settings_file, target, name)
            except SubscribeError as exc:
                problems.append(_say(exc.message))
        if not problems:
            self._added, self._removed = [], []
        self.reload()
        return problems
