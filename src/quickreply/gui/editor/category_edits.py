"""Editing the agent's own categories: add, rename, move, reorder and delete, each one undoable.

Renaming or moving a category carries every phrase, script and sub-category under it along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quickreply.core.model import Pack
from quickreply.core.packs import categories
from quickreply.gui.editor import dialogs
from quickreply.gui.editor.context import EditorContext, Node
from quickreply.gui.editor.undo import Focus
from quickreply.gui.i18n import t, text_of

if TYPE_CHECKING:
    from quickreply.gui.editor.category_tree import CategoryTree


class CategoryEdits:
    """The commands behind the tree's buttons; `add`, `rename`, `move`, `shift`, `delete` take their
    arguments directly, the `ask_*` ones ask the agent first."""

    def __init__(self, context: EditorContext, tree: CategoryTree) -> None:
        self._context = context
        self._tree = tree

    def _apply(self, label: str, pack: Pack, path: str) -> None:
        self._context.document.apply(label, pack=pack, focus=Focus("category", path))
        self._tree.refresh()
        self._tree.select(Node("personal", "", path))

    def _refuse(self, error: categories.CategoryError) -> None:
        dialogs.warn(self._tree, t("ui.editor.cannot_change_the_category"), text_of(error.message))

    def add(self, name: str, parent: str | None = None) -> str | None:
        if parent is None:  # under the selected category of mine, else at the top
            node = self._tree.current_node()
            parent = node.path if node.scope == "personal" else ""
        try:
            pack, path = categories.add_category(self._context.document.pack, parent, name)
        except categories.CategoryError as exc:
            self._refuse(exc)
            return None
        self._apply(t("ui.editor.new_category"), pack, path)
        return path

    def rename(self, path: str, name: str) -> str | None:
        try:
            pack, new = categories.rename_category(self._context.document.pack, path, name)
        except categories.CategoryError as exc:
            self._refuse(exc)
            return None
        self._apply(t("ui.editor.rename_category"), pack, new)
        return new

    def move(self, path: str, new_parent: str) -> str | None:
        try:
            pack, new = categories.move_category(self._context.document.pack, path, new_parent)
        except categories.CategoryError as exc:
            self._refuse(exc)
            return None
        self._apply(t("ui.editor.move_category"), pack, new)
        return new

    def shift(self, path: str, delta: int) -> None:
        if path:
            self._apply(
                t("ui.editor.reorder_categories"),
                categories.shift_category(self._context.document.pack, path, delta),
                path,
            )

    def delete(self, path: str, ask: bool = True) -> bool:
        pack = self._context.document.pack
        phrases, scripts = categories.items_under(pack, path)
        if ask and (phrases or scripts):
            text = t(
                "ui.editor.holds_phrases_and_scripts_they",
                path=path,
                n_phrases=len(phrases),
                n_scripts=len(scripts),
            )
            if not dialogs.confirm(self._tree, t("ui.editor.delete_category"), text, t("ui.editor.delete")):
                return False
        parent = path.rpartition("/")[0]
        self._apply(t("ui.editor.delete_category"), categories.delete_category(pack, path), parent)
        return True

    def ask_add(self) -> None:
        name = dialogs.ask_text(self._tree, t("ui.editor.new_category"), t("ui.editor.name"))
        if name is not None:
            self.add(name)

    def ask_rename(self) -> None:
        path = self._tree.current_node().path
        name = dialogs.ask_text(
            self._tree,
            t("ui.editor.rename_category"),
            t("ui.editor.new_name"),
            path.rpartition("/")[2],
        )
        if name is not None:
            self.rename(path, name)

    def ask_move(self) -> None:
        path = self._tree.current_node().path
        here = path.rpartition("/")[0]
        paths = categories.category_paths(self._context.document.pack)
        targets = [t for t in ["", *paths] if t != here and not (t == path or t.startswith(path + "/"))]
        if not targets:
            return
        labels = [p or t("ui.editor.top_level") for p in targets]
        label = t("ui.editor.move_under", path=path)
        picked = dialogs.choose(self._tree, t("ui.editor.move_category"), label, labels)
        if picked is not None:
            self.move(path, targets[picked])
