"""The editor's file operations: save, restore from a backup, import, and the unsaved-changes question.

All writes go through PersonalLibrary (atomic, with a backup of the file it replaces). A restore or an
import is also an edit on the undo stack, so Ctrl+Z brings back what was there before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from quickreply.core.messages import msg, render
from quickreply.core.model import Pack, Problem
from quickreply.core.personal import PersonalLibraryError
from quickreply.gui.editor import dialogs
from quickreply.gui.editor import pack_edits as edits
from quickreply.gui.editor.backups_dialog import BackupsDialog, backup_time
from quickreply.gui.editor.import_dialog import ImportDialog
from quickreply.gui.editor.undo import Focus
from quickreply.gui.editor.validation import Finding, error_summary
from quickreply.gui.i18n import language, tr

if TYPE_CHECKING:
    from quickreply.gui.editor.window import EditorWindow


def load_findings(problems: list[Problem]) -> list[Finding]:
    """What went wrong reading the library file, for the problems list (never blocks saving)."""
    return [
        Finding("", "", tr("读取“我的短语”时：", "Reading your library: ") + p.describe(language()), False)
        for p in problems
    ]


def save(window: EditorWindow) -> bool:
    doc, context = window.document, window.context
    report = context.revalidate()
    if report.errors():
        first = report.errors()[0]
        if first.item_id:
            window.show_item("script" if first.field == "steps" else "phrase", first.item_id)
        text = tr(
            "还有下面的问题，改好后才能保存（红字也显示在对应的输入框下面）：\n\n",
            "Fix these first (they are also shown in red under each field):\n\n",
        )
        dialogs.warn(window, tr("无法保存", "Not saved"), text + error_summary(report, context.titles()))
        return False
    if any(p.is_error for p in window.load_problems):
        text = tr(
            "打开时有些短语因为错误没能读入（见下方问题列表）。保存会用现在的内容覆盖文件，"
            "旧文件会先备份，可以在“从备份恢复…”里找回。",
            "Some phrases could not be read when the "
            "library was opened. Saving replaces the file; the old one is backed up first.",
        )
        if not dialogs.confirm(window, tr("保存", "Save"), text, tr("仍然保存", "Save anyway")):
            return False
    pack = replace(doc.pack, path=str(window.personal.path))
    try:
        saved_pack = window.personal.save(pack)
    except PersonalLibraryError as exc:
        if exc.disk:  # the disk refused: the edits stay here, a copy can go elsewhere
            _offer_save_elsewhere(window, pack, render(exc.message, language()))
        else:
            dialogs.warn(
                window,
                tr("无法保存", "Not saved"),
                tr("“我的短语”没有保存：", "Not saved: ") + render(exc.message, language()),
            )
        window.statusBar().showMessage(render(msg("reliability.not_saved_title"), language()))
        return False
    if saved_pack != pack:  # another window or process saved meanwhile: its changes were kept too
        doc.apply(tr("合并其他窗口的修改", "Merge changes saved elsewhere"), pack=saved_pack)
    doc.mark_saved()
    window.load_problems = []
    phrases = merged_hotkeys(context.settings.hotkeys.phrases, window.saved_hotkeys, doc.hotkeys)
    window.saved_hotkeys = doc.hotkeys
    if phrases != dict(context.settings.hotkeys.phrases):
        hotkeys = replace(context.settings.hotkeys, phrases=phrases)
        context.settings = replace(context.settings, hotkeys=hotkeys)
        window.settings_changed.emit(context.settings)
    saved, _ = window.personal.load()
    window.personal_saved.emit(saved)
    window._changed(Focus(""))
    window.statusBar().showMessage(_saved_message(doc.pack))
    return True


def _offer_save_elsewhere(window: EditorWindow, pack: Pack, text: str) -> None:
    """Say why the save failed and offer to write a copy to another folder; the window stays open."""
    title = render(msg("reliability.not_saved_title"), language())
    button = render(msg("reliability.save_elsewhere"), language())
    while dialogs.confirm(window, title, text, button):
        target = dialogs.ask_save_path(
            window, render(msg("reliability.save_elsewhere_title"), language()), window.personal.path.name
        )
        if not target:
            return
        try:
            window.personal.save_copy(pack, Path(target))
        except PersonalLibraryError as exc:
            text = render(exc.message, language())
            continue
        dialogs.warn(window, title, render(msg("reliability.saved_elsewhere", path=target), language()))
        return


def merged_hotkeys(
    current: Mapping[str, str], before: Sequence[tuple[str, str]], after: Sequence[tuple[str, str]]
) -> dict[str, str]:
    """`current` (Settings now, maybe changed in the settings dialog meanwhile) with only the editor's
    own changes, from `before` to `after`, applied."""
    old, new = dict(before), dict(after)
    result = dict(current)
    for combo in old.keys() - new.keys():
        if result.get(combo) == old[combo]:
            del result[combo]
    result.update({combo: pid for combo, pid in new.items() if old.get(combo) != pid})
    return result


def _saved_message(pack: Pack) -> str:
    used = {p.category for p in pack.phrases} | {s.category for s in pack.scripts}
    paths = edits.category_paths(pack)
    empty = [c for c in paths if not any(u == c or u.startswith(c + "/") for u in used)]
    message = tr(f"已保存 {len(pack.phrases)} 条短语", f"Saved {len(pack.phrases)} phrases")
    if empty:
        names = "、".join(empty)
        message += tr(
            f"；空分类 {names} 不会保存（分类里至少要有一条短语）",
            f"; empty categories {names} are not kept (add a phrase to keep one)",
        )
    return message


def restore(window: EditorWindow) -> None:
    dialog = BackupsDialog(window.personal, window)
    if not dialog.exec() or dialog.chosen is None:
        return
    if dialog.repair:
        repair_from(window, dialog.chosen)
    else:
        restore_from(window, dialog.chosen)


def repair_from(window: EditorWindow, kept: Path) -> bool:
    """Fix the IME slips of a set-aside library file and make it the library; undo goes back."""
    try:
        pack = window.personal.repair(kept)
    except PersonalLibraryError as exc:
        dialogs.warn(window, tr("无法修正", "Not fixed"), render(exc.message, language()))
        return False
    window.document.apply(tr("修正并恢复", "Fix and restore"), pack=pack)
    window.document.mark_saved()
    window.load_problems = []
    window.personal_saved.emit(pack)
    window._changed(Focus(""))
    original = kept.name.replace(".unreadable-", ".repaired-")
    window.statusBar().showMessage(
        tr(
            f"已修正并恢复（{len(pack.phrases)} 条短语）；原文件仍保留为 {original}",
            f"Fixed and restored ({len(pack.phrases)} phrases); the original is kept as {original}",
        )
    )
    return True


def restore_from(window: EditorWindow, backup: Path, ask: bool = True) -> bool:
    """Make `backup` the library (the current file is backed up first) and show it; undo goes back."""
    when = backup_time(backup)
    text = tr(
        f"把“我的短语”恢复成 {when} 的备份？\n现在的文件会先另存一份备份，之后还能再恢复回来。",
        f"Restore your library to the backup of {when}?\nThe current file is backed up first.",
    )
    if window.document.is_dirty():
        text += tr(
            "\n\n未保存的修改不会丢失：恢复后按“撤销”（Ctrl+Z）可以找回，再保存即可。",
            "\n\nUnsaved edits are not lost: Undo (Ctrl+Z) after restoring brings them back.",
        )
    if ask and not dialogs.confirm(
        window, tr("从备份恢复", "Restore from backup"), text, tr("恢复", "Restore")
    ):
        return False
    try:
        pack = window.personal.restore(backup)
    except PersonalLibraryError as exc:
        dialogs.warn(window, tr("无法恢复", "Not restored"), render(exc.message, language()))
        return False
    window.document.apply(tr("从备份恢复", "Restore from backup"), pack=pack)
    window.document.mark_saved()
    window.load_problems = []
    window.personal_saved.emit(pack)
    window._changed(Focus(""))
    window.statusBar().showMessage(
        tr(
            f"已恢复 {when} 的备份（{len(pack.phrases)} 条短语）",
            f"Restored the backup of {when} ({len(pack.phrases)} phrases)",
        )
    )
    return True


def import_into(window: EditorWindow, path: str | None = None) -> bool:
    """The import dialog; the phrases it brings in are merged into my phrases and saved."""
    dialog = ImportDialog(window.document.pack, path, window)
    if not dialog.exec() or dialog.merged is None:
        return False
    return apply_import(window, dialog)


def apply_import(window: EditorWindow, dialog: ImportDialog) -> bool:
    assert dialog.merged is not None and dialog.report is not None
    window.document.apply(tr("导入短语", "Import phrases"), pack=dialog.merged)
    summary = tr(dialog.report.summary_zh(), dialog.report.summary_en())
    if save(window):
        window.statusBar().showMessage(tr("导入完成：", "Imported: ") + summary)
        return True
    window.statusBar().showMessage(tr("已导入但未保存：", "Imported, not saved: ") + summary)
    return False


def may_close(window: EditorWindow) -> bool:
    """True when the window may close: nothing unsaved, saved now, or the agent chose not to save."""
    if not window.document.is_dirty():
        return True
    answer = dialogs.ask_unsaved(window)
    if answer == "save":
        return save(window)
    return answer == "discard"
