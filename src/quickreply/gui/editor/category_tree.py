"""The category tree: the agent's own categories (editable, see category_edits.py) above the read-only
categories of the team, local and bundled packs, each labelled with its layer."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.model import Pack
from quickreply.core.packs import categories
from quickreply.gui.editor.badges import layer_name
from quickreply.gui.editor.category_edits import CategoryEdits
from quickreply.gui.editor.context import ALL, PERSONAL, EditorContext, Node
from quickreply.gui.i18n import t
from quickreply.gui.qt_style import COLORS

_NODE = Qt.ItemDataRole.UserRole


class CategoryTree(QWidget):
    node_selected = Signal(object)  # Node

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._signature: object = None
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.buttons: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        self.edits = CategoryEdits(context, self)
        for key, text, tip, slot in (
            (
                "add",
                "＋",
                t("ui.editor.new_category_under_the_selected"),
                self.edits.ask_add,
            ),
            ("rename", t("ui.editor.rename"), t("ui.editor.rename_the_category"), self.edits.ask_rename),
            ("up", "↑", t("ui.editor.move_up"), lambda: self.edits.shift(self.current_node().path, -1)),
            ("down", "↓", t("ui.editor.move_down"), lambda: self.edits.shift(self.current_node().path, 1)),
            (
                "move",
                t("ui.editor.move"),
                t("ui.editor.move_under_another_category"),
                self.edits.ask_move,
            ),
            (
                "delete",
                "✕",
                t("ui.editor.delete_the_category"),
                lambda: self.edits.delete(self.current_node().path),
            ),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)

    # -- showing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild when categories or counts changed; the selection and open branches are kept."""
        pack = self._context.document.pack
        signature = (
            tuple(categories.category_paths(pack)),
            Counter(p.category for p in pack.phrases),
            self._context.others,
        )
        if signature == self._signature:
            return
        self._signature = signature
        current = self.current_node()
        expanded = {it.data(0, _NODE) for it in self._items() if it.isExpanded()}
        self.tree.blockSignals(True)
        self.tree.clear()
        total = len(self._context.library().phrases())
        self._item(None, ALL, t("ui.editor.all_phrases"), total, editable=True)
        mine = self._item(
            None,
            PERSONAL,
            t("ui.editor.pack_and_layer", name=t("ui.editor.my_phrases"), layer=t("ui.editor.mine")),
            len(pack.phrases),
            editable=True,
        )
        self._branch(mine, pack, PERSONAL, editable=True)
        for other in sorted(self._context.others, key=lambda p: -p.layer.value):
            node = Node("pack", other.id)
            top = self._item(
                None,
                node,
                t("ui.editor.pack_and_layer", name=other.name, layer=layer_name(other.layer)),
                len(other.phrases),
                False,
            )
            top.setToolTip(
                0,
                t(
                    "ui.editor.read_only_pack_version",
                    layer=layer_name(other.layer),
                    id=other.id,
                    version=other.version,
                ),
            )
            self._branch(top, other, node, editable=False)
        first = not expanded
        for item in self._items():
            node = item.data(0, _NODE)
            # At first the agent's own categories and each pack's top level are open.
            item.setExpanded(
                node in expanded or node == PERSONAL or (first and node.scope == "pack" and not node.path)
            )
        self.tree.blockSignals(False)
        self.select(current if self._find(current) else PERSONAL)

    def _branch(self, top: QTreeWidgetItem, pack: Pack, scope: Node, editable: bool) -> None:
        items = {"": top}
        counts = Counter(p.category for p in pack.phrases)
        for path in categories.category_paths(pack):
            count = sum(n for c, n in counts.items() if c == path or c.startswith(path + "/"))
            node = Node(scope.scope, scope.pack_id, path)
            items[path] = self._item(
                items[path.rpartition("/")[0]], node, path.rpartition("/")[2], count, editable
            )

    def _item(
        self, parent: QTreeWidgetItem | None, node: Node, text: str, count: int, editable: bool
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text, str(count)])
        item.setData(0, _NODE, node)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setForeground(1, QBrush(QColor(COLORS.muted)))
        if not editable:
            item.setForeground(0, QBrush(QColor(COLORS.muted)))
        if not node.path and node.scope != "pack":
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                found.append(item)
                stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _find(self, node: Node) -> QTreeWidgetItem | None:
        return next((it for it in self._items() if it.data(0, _NODE) == node), None)

    def current_node(self) -> Node:
        item = self.tree.currentItem()
        return item.data(0, _NODE) if item is not None else PERSONAL

    def select(self, node: Node) -> None:
        item = self._find(node)
        if item is not None:
            parent = item.parent()
            while parent is not None:
                parent.setExpanded(True)
                parent = parent.parent()
            self.tree.setCurrentItem(item)
        self._update_buttons()
        self.node_selected.emit(self.current_node())

    def _current_changed(self) -> None:
        self._update_buttons()
        self.node_selected.emit(self.current_node())

    def _update_buttons(self) -> None:
        node = self.current_node()
        mine = node.scope == "personal"
        self.buttons["add"].setEnabled(mine)
        for key in ("rename", "up", "down", "move", "delete"):
            self.buttons[key].setEnabled(mine and bool(node.path))
