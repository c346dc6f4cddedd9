"""导入: read a 千牛 CSV / xlsx / espanso / Beeftext / AutoHotkey / Markdown / TextExpander / text file or
an espanso folder, preview it, choose what happens on conflicts with my phrases (跳过 / 替换 / 两者都保留),
then merge. The caller applies and saves `merged`.

The file is read in a worker thread: a big sheet shows its progress and can be cancelled, and the
window stays responsive. A small file is done within READ_WAIT_S and shows at once."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.importers import (
    SUFFIXES,
    Conflict,
    ImportCancelled,
    ImportFailed,
    ImportResult,
    MergeReport,
    Policy,
    detect_format,
    find_conflicts,
    import_file,
    merge_into,
    render_warnings,
)
from quickreply.core.messages import msg, os_problem
from quickreply.core.messages import render as render_message
from quickreply.core.model import Pack
from quickreply.gui.editor.import_preview import PreviewTable
from quickreply.gui.i18n import language, t, text_of
from quickreply.gui.qt_style import COLORS

# The formats offered, in this order; each is named by `ui.format.<format>`.
_FORMAT_NAMES = ("qianniu", "xlsx", "espanso", "beeftext", "autohotkey", "markdown", "textexpander", "text")
READ_WAIT_S = 0.3  # a file read within this shows at once; a longer read shows progress and 取消
POLL_MS = 100


@dataclass
class _Job:
    """One read of a file in a worker thread: its progress, its outcome, and the request to stop."""

    path: Path
    fmt: str
    blanks: bool = False
    count: int = 0
    cancel: bool = False
    result: ImportResult | None = None
    error: str = ""
    done: threading.Event = field(default_factory=threading.Event)

    def progress(self, count: int) -> None:
        self.count = count
        if self.cancel:
            raise ImportCancelled()

    def run(self) -> None:
        try:
            self.result = import_file(self.path, self.fmt, progress=self.progress, blanks=self.blanks)
        except ImportCancelled:
            self.error = t("ui.editor.reading_cancelled")
        except ImportFailed as exc:
            self.error = t("ui.editor.cannot_import") + exc.render(language())
        except OSError as exc:
            self.error = t("ui.editor.cannot_import") + text_of(os_problem(exc))
        except Exception as exc:  # an importer bug must not leave the dialog waiting forever
            self.error = t("ui.editor.cannot_import_a_bug") + f"{type(exc).__name__}: {exc}"
        finally:
            self.done.set()


_POLICIES: tuple[Policy, ...] = ("skip", "replace", "keep_both")  # each named by `ui.policy.<policy>`


def format_name(fmt: str) -> str:
    return t(f"ui.format.{fmt}") if fmt in _FORMAT_NAMES else fmt


class ImportDialog(QDialog):
    def __init__(self, existing: Pack, path: str | Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("ui.editor.import_phrases"))
        self.resize(980, 640)
        self.existing = existing
        self.result_: ImportResult | None = None
        self._shown: tuple[Path, str, bool] | None = None  # what the preview shows: path, format, blanks
        self.conflicts: tuple[Conflict, ...] = ()
        self.merged: Pack | None = None
        self.report: MergeReport | None = None
        self.path = QLineEdit(readOnly=True, placeholderText=t("ui.editor.choose_a_file_to_import"))
        browse = QPushButton(t("ui.editor.choose_file"))
        browse.clicked.connect(self._browse)
        browse_folder = QPushButton(t("ui.editor.choose_folder"))
        browse_folder.setToolTip(t("ui.editor.an_espanso_config_or_package"))
        browse_folder.clicked.connect(self._browse_folder)
        self._job: _Job | None = None
        self._chosen = False
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.progress = QLabel()
        self.cancel_read = QPushButton(t("ui.editor.stop_reading"))
        self.cancel_read.clicked.connect(self.cancel_reading)
        self.format = QComboBox()
        self.format.addItem(t("ui.editor.detect"), "")
        for fmt in _FORMAT_NAMES:
            self.format.addItem(format_name(fmt), fmt)
        self.format.activated.connect(self.reload)
        self.detected = QLabel()
        # Markdown's [变量] words: offered as blanks, never converted unasked ("[注]" may be meant literally)
        self.blanks = QCheckBox(render_message(msg("import.blanks_option"), language()))
        self.blanks.toggled.connect(self.reload)
        self.blanks_note = QLabel(wordWrap=True)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(f"color: {COLORS.error};")
        self.warnings = QListWidget()
        self.warnings.setMaximumHeight(170)
        self.warnings.setWordWrap(True)
        self.table = PreviewTable()
        self.conflict_label = QLabel()
        self.policy = QButtonGroup(self)
        policy_row = QHBoxLayout()
        for i, policy in enumerate(_POLICIES):
            button = QRadioButton(t(f"ui.policy.{policy}"))
            self.policy.addButton(button, i)
            policy_row.addWidget(button)
        policy_row.addStretch(1)
        self.policy.button(0).setChecked(True)
        self.policy.idToggled.connect(self._policy_toggled)
        self.summary = QLabel()
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            t("ui.editor.import_into_my_phrases"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(t("ui.editor.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(browse_folder)
        top.addWidget(QLabel(t("ui.editor.format")))
        top.addWidget(self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        reading = QHBoxLayout()
        reading.addWidget(self.progress, 1)
        reading.addWidget(self.cancel_read)
        layout.addLayout(reading)
        layout.addWidget(self.detected)
        blanks_row = QHBoxLayout()
        blanks_row.addWidget(self.blanks)
        blanks_row.addWidget(self.blanks_note, 1)
        layout.addLayout(blanks_row)
        layout.addWidget(self.error)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.conflict_label)
        layout.addLayout(policy_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._policy_buttons = [self.policy.button(i) for i in range(len(_POLICIES))]
        self._show_reading(False)
        if path:
            self.load(Path(path))
        else:
            self._clear()

    # -- reading ------------------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            t("ui.editor.choose_a_file_to_import"),
            "",
            t("ui.editor.phrase_files")
            + " ("
            + " ".join(f"*{suffix}" for suffix in SUFFIXES)
            + ");;"
            + t("ui.editor.all_files")
            + " (*)",
        )
        if name:
            self.load(Path(name))

    def _browse_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, t("ui.editor.choose_an_espanso_folder"))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read `path`, detecting its format."""
        self.path.setText(str(path))
        self.format.setCurrentIndex(0)
        self.blanks.blockSignals(True)
        self.blanks.setChecked(False)  # a new file starts as written
        self.blanks.blockSignals(False)
        self.reload()

    def set_format(self, fmt: str) -> None:
        """Read the file as `fmt` (one of FORMATS) instead of the detected format."""
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        self.reload()

    def reload(self) -> None:
        """Read the file (in a worker thread) as the chosen format, or the detected one."""
        self.cancel_reading()
        path = Path(self.path.text())
        chosen = self.format.currentData() or None
        self._clear()
        try:
            fmt = chosen or detect_format(path)
        except (ImportFailed, OSError) as exc:
            reason = exc.render(language()) if isinstance(exc, ImportFailed) else text_of(os_problem(exc))
            self._failed(t("ui.editor.cannot_import") + reason)
            return
        job = _Job(path, fmt, blanks=self.blanks.isChecked())
        self._job, self._chosen = job, bool(chosen)
        threading.Thread(target=job.run, name="quickreply-import", daemon=True).start()
        if job.done.wait(READ_WAIT_S):
            self._finish(job)
        else:
            self._show_reading(True)
            self._poll()
            self._timer.start()

    def cancel_reading(self) -> None:
        """Stop the read in progress (its worker stops at the next row it reads)."""
        if self._job is not None and not self._job.done.is_set():
            self._job.cancel = True
            self._failed(t("ui.editor.reading_cancelled"))
        self._job = None
        self._timer.stop()
        self._show_reading(False)

    def reading(self) -> bool:
        return self._job is not None and not self._job.done.is_set()

    def _show_reading(self, shown: bool) -> None:
        self.progress.setVisible(shown)
        self.cancel_read.setVisible(shown)

    def _poll(self) -> None:
        job = self._job
        if job is None:
            self._timer.stop()
            return
        if job.done.is_set():
            self._finish(job)
            return
        name, count = job.path.name, job.count
        self.progress.setText(
            t("ui.editor.reading_rows", name=name, count=count)
            if count
            else t("ui.editor.reading", name=name)
        )

    def _failed(self, text: str) -> None:
        self._clear()
        self.error.setText(text)
        self.error.show()

    def _finish(self, job: _Job) -> None:
        self._timer.stop()
        self._show_reading(False)
        self._job = None
        if job.result is None:
            self._failed(job.error or t("ui.editor.cannot_import_2"))
            return
        self.result_ = job.result
        self._shown = (job.path, job.fmt, job.blanks)
        self.error.hide()
        self._show_result()

    def retranslate(self) -> None:
        """After a language switch: the texts built from pieces (what was read, its warnings, the preview)."""
        if self.result_ is not None and self._shown is not None:
            self._show_result()

    def _show_result(self) -> None:
        assert self.result_ is not None and self._shown is not None
        path, fmt, blanks = self._shown
        encoding = t("ui.editor.encoding", encoding=self.result_.encoding) if self.result_.encoding else ""
        how = "ui.editor.read_as" if self._chosen else "ui.editor.detected_as"
        count = len(self.result_.pack.phrases)
        self.detected.setText(
            t(how, format=format_name(fmt)) + f"{encoding} · " + t("ui.editor.phrases_3", count=count)
        )
        self.warnings.clear()
        lang = language()
        sources = self.result_.sources
        if len(sources) > 1 or any(s.skipped or s.simplified for s in sources):
            for source in sources:
                self.warnings.addItem("· " + _short(render_message(source.message(), lang), path))
        for line in render_warnings(self.result_.warnings, lang):
            self.warnings.addItem("⚠ " + _short(line, path))
        self.warnings.setVisible(self.warnings.count() > 0)
        self._show_blanks_offer(blanks)
        self.conflicts = find_conflicts(self.existing, self.result_.pack)
        self._fill_table()
        self._merge()

    def _show_blanks_offer(self, converted: bool) -> None:
        assert self.result_ is not None
        offer = self.result_.blanks_offer()
        shown = converted or offer is not None
        self.blanks.setVisible(shown)
        self.blanks_note.setVisible(shown)
        self.blanks_note.setText(render_message(offer, language()) if offer is not None else "")

    def warning_lines(self) -> list[str]:
        return [self.warnings.item(i).text() for i in range(self.warnings.count())]

    def reject(self) -> None:
        self.cancel_reading()
        super().reject()

    def _clear(self) -> None:
        self.result_, self.conflicts, self.merged, self.report = None, (), None, None
        self.table.setRowCount(0)
        self.warnings.hide()
        self.error.hide()
        self.blanks.hide()
        self.blanks_note.hide()
        self.detected.setText("")
        self.conflict_label.setText("")
        self.summary.setText("")
        for button in self._policy_buttons:
            button.setEnabled(False)
        self.import_button.setEnabled(False)

    def _fill_table(self) -> None:
        assert self.result_ is not None
        self.table.show_phrases(self.result_.pack.phrases, self.conflicts, self.existing)
        n = len(self.conflicts)
        self.conflict_label.setText(
            t("ui.editor.conflicts_with_my_phrases_same", n=n)
            if n
            else t("ui.editor.no_conflicts_with_my_phrases")
        )
        for button in self._policy_buttons:
            button.setEnabled(bool(n))

    # -- merging ------------------------------------------------------------------------------------
    def chosen_policy(self) -> Policy:
        return _POLICIES[max(0, self.policy.checkedId())]

    def set_policy(self, policy: Policy) -> None:
        self.policy.button(_POLICIES.index(policy)).setChecked(True)
        self._merge()

    def _policy_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._merge()

    def _merge(self) -> None:
        if self.result_ is None:
            return
        self.merged, self.report = merge_into(self.existing, self.result_.pack, self.chosen_policy())
        self.summary.setText(t("ui.editor.after_import", summary=self.report.summary()))
        self.import_button.setEnabled(
            bool(self.report.added or self.report.replaced or self.report.kept_both)
        )

    def preview_rows(self) -> list[list[str]]:
        """What the preview table shows, row by row."""
        return self.table.rows()


def _short(line: str, path: Path) -> str:
    """A warning without the chosen file's own path in front (the dialog shows it above)."""
    return line.replace(f"{path}: ", "").replace(f"{path}", path.name)
