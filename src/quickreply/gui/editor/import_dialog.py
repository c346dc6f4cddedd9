"""导入: read a 千牛 CSV / xlsx / espanso / Beeftext / text file, preview it, choose what happens on
conflicts with my phrases (跳过 / 替换 / 两者都保留), then merge. The caller applies and saves `merged`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
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
    Conflict,
    ImportFailed,
    ImportResult,
    MergeReport,
    Policy,
    detect_format,
    find_conflicts,
    import_file,
    merge_into,
)
from quickreply.core.model import Pack
from quickreply.gui.editor.import_preview import PreviewTable
from quickreply.gui.i18n import tr
from quickreply.gui.qt_style import COLORS

_FORMAT_NAMES = {
    "qianniu": ("千牛快捷短语 CSV", "Qianniu CSV"),
    "xlsx": ("Excel 表格 (.xlsx)", "Excel (.xlsx)"),
    "espanso": ("espanso (YAML)", "espanso (YAML)"),
    "beeftext": ("Beeftext", "Beeftext"),
    "text": ("纯文本", "Plain text"),
}
_POLICIES: tuple[tuple[Policy, str, str], ...] = (
    ("skip", "跳过（保留我的）", "Skip (keep mine)"),
    ("replace", "替换（用导入的）", "Replace (use the imported one)"),
    ("keep_both", "两者都保留", "Keep both"),
)


def format_name(fmt: str) -> str:
    return tr(*_FORMAT_NAMES.get(fmt, (fmt, fmt)))


class ImportDialog(QDialog):
    def __init__(self, existing: Pack, path: str | Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("导入短语", "Import phrases"))
        self.resize(980, 640)
        self.existing = existing
        self.result_: ImportResult | None = None
        self.conflicts: tuple[Conflict, ...] = ()
        self.merged: Pack | None = None
        self.report: MergeReport | None = None
        self.path = QLineEdit(
            readOnly=True, placeholderText=tr("选择要导入的文件", "Choose a file to import")
        )
        browse = QPushButton(tr("选择文件…", "Choose file…"))
        browse.clicked.connect(self._browse)
        self.format = QComboBox()
        self.format.addItem(tr("自动识别", "Detect"), "")
        for fmt in _FORMAT_NAMES:
            self.format.addItem(format_name(fmt), fmt)
        self.format.activated.connect(self.reload)
        self.detected = QLabel()
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(f"color: {COLORS.error};")
        self.warnings = QListWidget()
        self.warnings.setMaximumHeight(80)
        self.table = PreviewTable()
        self.conflict_label = QLabel()
        self.policy = QButtonGroup(self)
        policy_row = QHBoxLayout()
        for i, (_, zh, en) in enumerate(_POLICIES):
            button = QRadioButton(tr(zh, en))
            self.policy.addButton(button, i)
            policy_row.addWidget(button)
        policy_row.addStretch(1)
        self.policy.button(0).setChecked(True)
        self.policy.idToggled.connect(self._policy_toggled)
        self.summary = QLabel()
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            tr("导入到我的短语", "Import into my phrases"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(tr("取消", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(QLabel(tr("格式", "Format")))
        top.addWidget(self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.detected)
        layout.addWidget(self.error)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.conflict_label)
        layout.addLayout(policy_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._policy_buttons = [self.policy.button(i) for i in range(len(_POLICIES))]
        if path:
            self.load(Path(path))
        else:
            self._clear()

    # -- reading ------------------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            tr("选择要导入的文件", "Choose a file to import"),
            "",
            tr("短语文件", "Phrase files")
            + " (*.csv *.txt *.tsv *.xlsx *.yml *.yaml *.json);;"
            + tr("所有文件", "All files")
            + " (*)",
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read `path`, detecting its format."""
        self.path.setText(str(path))
        self.format.setCurrentIndex(0)
        self.reload()

    def set_format(self, fmt: str) -> None:
        """Read the file as `fmt` (one of FORMATS) instead of the detected format."""
        self.format.setCurrentIndex(max(0, self.format.findData(fmt)))
        self.reload()

    def reload(self) -> None:
        path = Path(self.path.text())
        chosen = self.format.currentData() or None
        try:
            fmt = chosen or detect_format(path)
            self.result_ = import_file(path, fmt)
        except (ImportFailed, OSError) as exc:
            self._clear()
            self.error.setText(tr("无法导入：", "Cannot import: ") + str(exc))
            self.error.show()
            return
        self.error.hide()
        encoding = (
            tr(f" · 编码 {self.result_.encoding}", f" · encoding {self.result_.encoding}")
            if self.result_.encoding
            else ""
        )
        how = tr("识别为", "Detected as") if not chosen else tr("按此格式读取", "Read as")
        count = len(self.result_.pack.phrases)
        self.detected.setText(
            f"{how}：{format_name(fmt)}{encoding} · " + tr(f"{count} 条短语", f"{count} phrases")
        )
        self.warnings.clear()
        for warning in self.result_.warnings:
            self.warnings.addItem("⚠ " + warning.replace(f"{path}: ", ""))
        self.warnings.setVisible(bool(self.result_.warnings))
        self.conflicts = find_conflicts(self.existing, self.result_.pack)
        self._fill_table()
        self._merge()

    def _clear(self) -> None:
        self.result_, self.conflicts, self.merged, self.report = None, (), None, None
        self.table.setRowCount(0)
        self.warnings.hide()
        self.error.hide()
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
            tr(
                f"{n} 条和我的短语冲突（同一 ID 或同一编码），遇到冲突时：",
                f"{n} conflicts with my phrases (same id or code); on a conflict:",
            )
            if n
            else tr("和我的短语没有冲突。", "No conflicts with my phrases.")
        )
        for button in self._policy_buttons:
            button.setEnabled(bool(n))

    # -- merging ------------------------------------------------------------------------------------
    def chosen_policy(self) -> Policy:
        return _POLICIES[max(0, self.policy.checkedId())][0]

    def set_policy(self, policy: Policy) -> None:
        self.policy.button([p for p, _, _ in _POLICIES].index(policy)).setChecked(True)
        self._merge()

    def _policy_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._merge()

    def _merge(self) -> None:
        if self.result_ is None:
            return
        self.merged, self.report = merge_into(self.existing, self.result_.pack, self.chosen_policy())
        self.summary.setText(
            tr("导入后：", "After import: ") + tr(self.report.summary_zh(), self.report.summary_en())
        )
        self.import_button.setEnabled(
            bool(self.report.added or self.report.replaced or self.report.kept_both)
        )

    def preview_rows(self) -> list[list[str]]:
        """What the preview table shows, row by row."""
        return self.table.rows()
