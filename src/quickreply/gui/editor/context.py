"""What every part of the editor reads: the document, the read-only packs, the settings and the findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from quickreply.core.model import Layer, Library, Pack, Phrase
from quickreply.core.packs.load import PackChecker
from quickreply.core.settings.model import Settings
from quickreply.gui.editor.undo import EditorDocument
from quickreply.gui.editor.validation import ReadOnlyPacks, Report, check, item_titles


@dataclass(frozen=True)
class Node:
    """A place in the category tree: everything, the personal pack, or a read-only pack; and a path."""

    scope: str  # "all", "personal" or "pack"
    pack_id: str = ""
    path: str = ""  # "" for the whole scope


class Pins(Protocol):
    """The agent's pinned phrases (core/usage.Usage): a pin is the agent's, like a hotkey, not the pack's."""

    def is_pinned(self, phrase_id: str) -> bool: ...

    def set_pinned(self, phrase_id: str, pinned: bool) -> None: ...


ALL = Node("all")
PERSONAL = Node("personal")


class EditorContext:
    def __init__(self, document: EditorDocument, others: Sequence[Pack], settings: Settings) -> None:
        self.document = document
        self.settings = settings
        self.report = Report()
        self.readonly = ReadOnlyPacks()
        self.checker = PackChecker()  # keeps each phrase's findings while it is unchanged
        self.pins: Pins | None = None  # set by the app (set_pins); None: no ★ button
        self.set_others(others)

    @property
    def others(self) -> tuple[Pack, ...]:
        """The read-only packs (team, local, bundled)."""
        return self.readonly.packs

    def set_others(self, packs: Sequence[Pack]) -> None:
        self.readonly = ReadOnlyPacks.of([p for p in packs if p.layer is not Layer.PERSONAL])

    def revalidate(self) -> Report:
        doc = self.document
        self.report = check(doc.pack, doc.hotkeys, self.settings.hotkeys, self.readonly, checker=self.checker)
        return self.report

    def library(self) -> Library:
        """The layered library as the popup will see it once saved."""
        return Library((*self.others, self.document.pack))

    def pack(self, pack_id: str) -> Pack | None:
        if pack_id == self.document.pack.id:
            return self.document.pack
        return next((p for p in self.others if p.id == pack_id), None)

    def personal_phrase(self, phrase_id: str) -> Phrase | None:
        return next((p for p in self.document.pack.phrases if p.id == phrase_id), None)

    def titles(self) -> Mapping[str, str]:
        return item_titles(self.document.pack, self.readonly)

    def hotkey_of(self, phrase_id: str) -> str:
        return next((combo for combo, pid in self.document.hotkeys if pid == phrase_id), "")
