"""The editor's document: the personal pack and phrase hotkeys being edited, with undo/redo of every edit.

Each edit replaces the whole (immutable) state, and a command keeps the state before and after, so undo
can never get out of step with what is shown. Typing into one field merges into one command until the
agent moves on (`seal`), like a text editor's undo.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from quickreply.core.model import Pack
from quickreply.gui.editor.validation import Hotkeys

_MERGEABLE = 1


@dataclass(frozen=True)
class Focus:
    """What an edit was about, so undo and redo can show it again."""

    kind: str  # "phrase", "script", "category" or ""
    key: str = ""  # id, or category path


@dataclass(frozen=True)
class State:
    pack: Pack
    hotkeys: Hotkeys = ()


class EditCommand(QUndoCommand):
    def __init__(
        self,
        document: EditorDocument,
        before: State,
        after: State,
        label: str,
        focus: Focus,
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(label)
        self._document = document
        self.before, self.after = before, after
        self.focus = focus
        self.merge_key = merge_key

    def redo(self) -> None:
        self._document._show(self.after, self.focus)

    def undo(self) -> None:
        self._document._show(self.before, self.focus)

    def id(self) -> int:
        return _MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)  # typed and then deleted again: nothing to undo
        return True


class EditorDocument(QObject):
    """Holds the state; every change goes through `apply` and lands on the undo stack."""

    changed = Signal(object)  # Focus of the edit, undo or redo

    def __init__(self, pack: Pack, hotkeys: Hotkeys = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = State(pack, tuple(hotkeys))
        self._serial = 0
        self.stack = QUndoStack(self)

    @property
    def pack(self) -> Pack:
        return self._state.pack

    @property
    def hotkeys(self) -> Hotkeys:
        return self._state.hotkeys

    def apply(
        self,
        label: str,
        pack: Pack | None = None,
        hotkeys: Hotkeys | None = None,
        focus: Focus = Focus(""),
        merge: Hashable | None = None,
    ) -> bool:
        """Make an edit (undoable); `merge` joins it with the previous edit of the same key. False when it
        would change nothing."""
        after = replace(
            self._state,
            pack=self._state.pack if pack is None else pack,
            hotkeys=self._state.hotkeys if hotkeys is None else tuple(hotkeys),
        )
        if after == self._state:
            return False
        key = None if merge is None else (self._serial, merge)
        self.stack.push(EditCommand(self, self._state, after, label, focus, key))
        return True

    def seal(self) -> None:
        """The next edit starts a new undo step even if it is to the same field."""
        self._serial += 1

    def is_dirty(self) -> bool:
        return not self.stack.isClean()

    def mark_saved(self) -> None:
        self.seal()
        self.stack.setClean()

    def _show(self, state: State, focus: Focus) -> None:
        self._state = state
        self.changed.emit(focus)
