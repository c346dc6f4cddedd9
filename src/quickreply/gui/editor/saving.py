"""The editor's file operations: save, restore from a backup, import, and the unsaved-changes question.

All writes go through PersonalLibrary (atomic, with a backup of the file it replaces). A restore or an
import is also an edit on the undo stack, so Ctrl+Z brings back what was there before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from quickreply.core.messages import msg
from quickreply.core.model import Pack, Problem
from quickreply.core.packs import categories
from quickreply.core.personal import PersonalLibraryError
from quickreply.gui.editor import dialogs
from quickreply.gui.editor.backups_dialog import BackupsDialog, backup_time
from quickreply.gui.editor.import_dialog import ImportDialog
from quickreply.gui.editor.undo import Focus
from quickreply.gui.editor.validation import Finding, error_summary
from quickreply.gui.i18n import language, t, text_of

if TYPE_CHECKING:
    from quickreply.gui.editor.window import EditorWindow


def load_findings(problems: list[Problem]) -> list[Finding]:
    """What went wrong reading the library file, for the problems list (never blocks saving)."""
    return [
        Finding("", "", t("ui.editor.reading_your_library") + p.describe(language()), False) for p in problems
    ]


def save(window: EditorWindow) -> bool:
    doc, context = window.document, window.context
    report = context.revalidate()
    if report.errors():
        first = report.errors()[0]
        if first.item_id:
            window.show_item("script" if first.field == "steps" else "phrase", first.item_id)
        text = t("ui.editor.fix_these_first_they_are")
        dialogs.warn(window, t("ui.editor.not_saved"), text + error_summary(report, context.titles()))
        return False
    if any(p.is_error for p in window.load_problems):
        text = t("ui.editor.some_phrases_could_not_be")
        if not dialogs.confirm(window, t("ui.editor.save"), text, t("ui.editor.save_anyway")):
            return False
    pack = replace(doc.pack, path=str(window.personal.path))
    try:
        saved_pack = window.personal.save(pack)
    except PersonalLibraryError as exc:
        if exc.disk:  # the disk refused: the edits stay here, a copy can go elsewhere
            _offer_save_elsewhere(window, pack, text_of(exc.message))
        else:
            dialogs.warn(
                window,
                t("ui.editor.not_saved"),
                t("ui.editor.not_saved_2") + text_of(exc.message),
            )
        window.statusBar().showMessage(text_of(msg("reliability.not_saved_title")))
        return False
    if saved_pack != pack:  # another window or process saved meanwhile: its changes were kept too
        doc.apply(t("ui.editor.merge_changes_saved_elsewhere"), pack=saved_pack)
    doc.mark_saved()
    window.load_problems = []
    phrases = merged_hotkeys(context.settings.hotkeys.phrases, window.saved_hotkeys, doc.hotkeys)
    window.saved_hotkeys = doc.hotkeys
    if phrases != dict(context.settings.hotkeys.phrases):
        hotkeys = replace(context.settings.hotkeys, phrases=phrases)
        base, context.settings = context.settings, replace(context.settings, hotkeys=hotkeys)
        window.settings_changed.emit(base, context.settings)
    saved, _ = window.personal.load()
    window.personal_saved.emit(saved)
    window._changed(Focus(""))
    window.statusBar().showMessage(_saved_message(doc.pack))
    return True


def _offer_save_elsewhere(window: EditorWindow, pack: Pack, text: str) -> None:
    """Say why the save failed and offer to write a copy to another folder; the window stays open."""
    title = text_of(msg("reliability.not_saved_title"))
    button = text_of(msg("reliability.save_elsewhere"))
    while dialogs.confirm(window, title, text, button):
        target = dialogs.ask_save_path(
            window, text_of(msg("reliability.save_elsewhere_title")), window.personal.path.name
        )
        if not target:
            return
        try:
            window.personal.save_copy(pack, Path(target))
        except PersonalLibraryError as exc:
            text = text_of(exc.message)
            continue
        dialogs.warn(window, title, text_of(msg("reliability.saved_elsewhere", path=target)))
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
    paths = categories.category_paths(pack)
    empty = [c for c in paths if not any(u == c or u.startswith(c + "/") for u in used)]
    message = t("ui.editor.saved_phrases", n_phrases=len(pack.phrases))
    if empty:
        names = "、".join(empty)
        message += t("ui.editor.empty_categories_are_not_kept", names=names)
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
        dialogs.warn(window, t("ui.editor.not_fixed"), text_of(exc.message))
        return False
    window.document.apply(t("ui.editor.fix_and_restore"), pack=pack)
    window.document.mark_saved()
    window.load_problems = []
    window.personal_saved.emit(pack)
    window._changed(Focus(""))
    original = kept.name.replace(".unreadable-", ".repaired-")
    window.statusBar().showMessage(
        t("ui.editor.fixed_and_restored_phrases_the", n_phrases=len(pack.phrases), original=original)
    )
    return True


def restore_from(window: EditorWindow, backup: Path, ask: bool = True) -> bool:
    """Make `backup` the library (the current file is backed up first) and show it; undo goes back."""
    when = backup_time(backup)
    text = t("ui.editor.restore_your_library_to_the", when=when)
    if window.document.is_dirty():
        text += t("ui.editor.unsaved_edits_are_not_lost")
    if ask and not dialogs.confirm(window, t("ui.editor.restore_from_backup"), text, t("ui.editor.restore")):
        return False
    try:
        pack = window.personal.restore(backup)
    except PersonalLibraryError as exc:
        dialogs.warn(window, t("ui.editor.not_restored"), text_of(exc.message))
        return False
    window.document.apply(t("ui.editor.restore_from_backup"), pack=pack)
    window.document.mark_saved()
    window.load_problems = []
    window.personal_saved.emit(pack)
    window._changed(Focus(""))
    window.statusBar().showMessage(
        t("ui.editor.restored_the_backup_of_phrases", when=when, n_phrases=len(pack.phrases))
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
    window.document.apply(t("ui.editor.import_phrases"), pack=dialog.merged)
    summary = dialog.report.summary()
    if save(window):
        window.statusBar().showMessage(t("ui.editor.imported", summary=summary))
        return True
    window.statusBar().showMessage(t("ui.editor.imported_not_saved", summary=summary))
    return False


def may_close(window: EditorWindow) -> bool:
    """True when the window may close: nothing unsaved, saved now, or the agent chose not to save."""
    if not window.document.is_dirty():
        return True
    answer = dialogs.ask_unsaved(window)
    if answer == "save":
        return save(window)
    return answer == "discard"
