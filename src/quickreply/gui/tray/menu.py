"""Categories as nested submenus ("售后/退换货" → 售后 ▸ 退换货 ▸ phrases), filled when first opened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu

from quickreply.core.model import Library, Phrase
from quickreply.gui.hotkey_edit import pretty
from quickreply.gui.i18n import t

MENU_PHRASES = 40  # beyond this a menu is slower to scan than the search popup


class CategoryTree:
    """Category paths of a library arranged as a tree, phrases grouped under their own category."""

    def __init__(self, library: Library) -> None:
        self._children: dict[str, list[str]] = {"": []}
        self._phrases: dict[str, list[Phrase]] = {}
        self._filled: set[str] = set()
        # One pass over the phrases, grouped by the category as written; the tree is then made from the
        # few distinct categories (a reload of 100k phrases rebuilds this on the UI thread: 90 → 20 ms).
        by_written: dict[str, list[Phrase]] = {}
        for phrase in library.phrases():
            found = by_written.get(phrase.category)
            if found is None:
                by_written[phrase.category] = [phrase]
            else:
                found.append(phrase)
        for pack in library.packs:
            for category in pack.categories:
                self._add(category)
        for written in by_written:
            self._add(written)
        for written, phrases in by_written.items():
            category = written.strip("/") or t("ui.tray.uncategorised")
            self._add(category)
            self._phrases.setdefault(category, []).extend(phrases)
        # paths with a phrase at or below them
        for path in self._phrases:
            while path and path not in self._filled:
                self._filled.add(path)
                path = path.rpartition("/")[0]

    def _add(self, path: str) -> None:
        path = path.strip("/")
        if not path or path in self._children:
            return
        parent = path.rpartition("/")[0]
        self._add(parent)
        self._children[parent].append(path)
        self._children[path] = []

    def is_empty(self) -> bool:
        return not self._phrases

    def children(self, path: str) -> list[str]:
        """Sub-categories that hold phrases somewhere below them, in display order."""
        return [c for c in self._children.get(path, []) if c in self._filled]

    def phrases(self, path: str) -> list[Phrase]:
        return self._phrases.get(path, [])

    @staticmethod
    def leaf_name(path: str) -> str:
        return path.rpartition("/")[2]


def add_submenu(menu: QMenu, title: str) -> QMenu:
    """A submenu owned by `menu` on the C++ side.

    PySide6 6.9's ``QMenu.addMenu(str)`` hands the new menu to Python: once its wrapper is collected the
    submenu is deleted ("Internal C++ object already deleted"). A menu made with a parent is Qt's to keep.
    """
    sub = QMenu(title, menu)
    menu.addMenu(sub)
    return sub


def fill_phrase_menu(
    menu: QMenu, tree: CategoryTree, path: str, choose: Callable[[Phrase], None], popup_combo: str = ""
) -> None:
    """Sub-category menus first (each filled when it opens), then this category's own phrases."""
    menu.setToolTipsVisible(True)  # a phrase's tooltip previews its text
    for child in tree.children(path):
        sub = add_submenu(menu, CategoryTree.leaf_name(child))
        sub.aboutToShow.connect(lambda s=sub, c=child: _fill_once(s, tree, c, choose, popup_combo))
    phrases = tree.phrases(path)
    if phrases and tree.children(path):
        menu.addSeparator()
    for phrase in phrases[:MENU_PHRASES]:
        # Text after a tab shows right-aligned, like a shortcut: the agent learns the codes this way.
        label = phrase.title.replace("&", "&&") + (f"\t{phrase.code}" if phrase.code else "")
        action = menu.addAction(label)
        action.setToolTip(phrase.text[:200])
        action.triggered.connect(lambda _=False, p=phrase: choose(p))
    if len(phrases) > MENU_PHRASES:
        more = len(phrases) - MENU_PHRASES
        hint = t("ui.tray.more_use_search").format(n=more)
        if popup_combo:
            hint += f" ({pretty(popup_combo)})"
        menu.addAction(hint).setEnabled(False)


def _fill_once(
    menu: QMenu, tree: CategoryTree, path: str, choose: Callable[[Phrase], None], combo: str
) -> None:
    if not menu.actions():
        fill_phrase_menu(menu, tree, path, choose, combo)
