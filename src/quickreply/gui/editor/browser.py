"""The editor's three panes: category tree | phrase and script lists | the form of the selected item.

Keeps what is listed and shown in step with the document: after every edit, undo or redo the lists are
filled again for the selected category and the item the edit was about is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QTabWidget, QWidget

from quickreply.core.model import Layer, Pack, Phrase, Script
from quickreply.gui.editor.category_tree import CategoryTree
from quickreply.gui.editor.context import EditorContext, Node
from quickreply.gui.editor.phrase_form import PhraseForm
from quickreply.gui.editor.phrase_list import PhraseList, Row
from quickreply.gui.editor.script_editor import ScriptEditor
from quickreply.gui.editor.script_list import ScriptList, ScriptRow
from quickreply.gui.editor.undo import Focus
from quickreply.gui.i18n import t

PHRASES_TAB, SCRIPTS_TAB = 0, 1


class Browser(QSplitter):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.tree = CategoryTree(context)
        self.phrases = PhraseList()
        self.scripts = ScriptList()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.phrases, t("ui.editor.phrases"))
        self.tabs.addTab(self.scripts, t("ui.editor.scripts"))
        self.form = PhraseForm(context)
        self.script_editor = ScriptEditor(context)
        self.empty = QLabel(
            t("ui.editor.pick_a_phrase_or_click"),
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        # No scroll area: it would size the wrapped notes for a narrow width and scroll for nothing.
        self.pages.addWidget(self.form)
        self.pages.addWidget(self.script_editor)
        for widget in (self.tree, self.tabs, self.pages):
            self.addWidget(widget)
            self.setStretchFactor(self.count() - 1, 1 if widget is self.pages else 0)
        self.setSizes([260, 430, 560])
        self.tree.node_selected.connect(self._node_selected)
        self.phrases.phrase_selected.connect(self._phrase_selected)
        self.scripts.script_selected.connect(self._script_selected)
        self.tabs.currentChanged.connect(self.show_current)
        self.phrases.counted.connect(self._count_phrases)
        self._shown: tuple[str, str, Layer] | None = None
        self._row_cache: dict[tuple[int, Node, frozenset[str]], tuple[Pack, list[Row]]] = {}

    def follow(self, focus: Focus) -> None:
        """After an edit, undo or redo: lists and form again, showing the item the change was about."""
        self.tree.refresh()
        if focus.kind in ("phrase", "script"):
            self.reveal(focus.kind, focus.key)
        self._fill_lists(self.tree.current_node())
        self.show_current()

    def _fill_lists(self, node: Node) -> None:
        errors = {f.item_id: f.message for f in reversed(self._context.report.errors())}
        mine = frozenset(p.id for p in self._context.document.pack.phrases)
        rows: list[Row] = []
        scripts: list[ScriptRow] = []
        for pack in self._packs_for(node):
            if pack.layer is Layer.PERSONAL:
                rows += [
                    Row(p, pack.layer, pack.name, error=errors.get(p.id, ""))
                    for p in pack.phrases
                    if _in(p.category, node.path)
                ]
            else:
                rows += self._readonly_rows(pack, node, mine)
            scripts += [
                ScriptRow(s, pack.layer, pack.name, errors.get(s.id, ""))
                for s in pack.scripts
                if _in(s.category, node.path)
            ]
        self.phrases.set_rows(rows)
        self.scripts.set_rows(scripts)
        self.tabs.setTabText(SCRIPTS_TAB, t("ui.editor.scripts_2", n_scripts=len(scripts)))

    def _readonly_rows(self, pack: Pack, node: Node, mine: frozenset[str]) -> list[Row]:
        """Rows of a team/bundled pack, kept between edits: a big team pack is not listed anew per key."""
        key = (id(pack), node, mine)
        cached = self._row_cache.get(key)
        rows = (
            cached[1] if cached is not None and cached[0] is pack else None
        )  # the pack itself, not a reused id
        if rows is None:
            hide = node.scope == "all"  # where my copy is listed too, the team phrase it replaces is not
            rows = [
                Row(p, pack.layer, pack.name, overridden=p.id in mine)
                for p in pack.phrases
                if _in(p.category, node.path) and not (hide and p.id in mine)
            ]
            if len(self._row_cache) > 16:
                self._row_cache.clear()
            self._row_cache[key] = (pack, rows)
        return rows

    def _count_phrases(self, shown: int, total: int) -> None:
        count = f"{shown}/{total}" if shown != total else str(total)  # 12/239 while searching
        self.tabs.setTabText(PHRASES_TAB, t("ui.editor.phrases_2", count=count))

    def _packs_for(self, node: Node) -> list[Pack]:
        mine = self._context.document.pack
        if node.scope == "personal":
            return [mine]
        if node.scope == "pack":
            pack = self._context.pack(node.pack_id)
            return [pack] if pack else []
        return [mine, *sorted(self._context.others, key=lambda p: -p.layer.value)]

    def show_current(self) -> None:
        if self.tabs.currentIndex() == SCRIPTS_TAB:
            self._script_selected(self.scripts.current_row())
        else:
            self._phrase_selected(self.phrases.current_row())

    def _phrase_selected(self, row: Row | None) -> None:
        if self.tabs.currentIndex() != PHRASES_TAB:
            return
        if row is None:
            self.pages.setCurrentWidget(self.empty)
            return
        self._shown_item(("phrase", row.phrase.id, row.layer))
        phrase, source = self._source_of(row.phrase, row.layer)
        has_copy = row.layer is not Layer.PERSONAL and self._context.personal_phrase(phrase.id) is not None
        self.form.show_phrase(phrase, source, has_copy)
        mine = row.layer is Layer.PERSONAL
        self.form.show_findings(self._context.report.for_item(phrase.id) if mine else [])
        self.pages.setCurrentIndex(1)

    def _script_selected(self, row: ScriptRow | None) -> None:
        if self.tabs.currentIndex() != SCRIPTS_TAB:
            return
        if row is None:
            self.pages.setCurrentWidget(self.empty)
            return
        self._shown_item(("script", row.script.id, row.layer))
        mine = row.layer is Layer.PERSONAL
        source = self._context.document.pack if mine else self._context.pack(row.script.pack_id)
        source = source or self._context.document.pack
        script = next((s for s in source.scripts if s.id == row.script.id), row.script)
        self.script_editor.show_script(script, source)
        self.script_editor.show_findings(self._context.report.for_item(script.id) if mine else [])
        self.pages.setCurrentIndex(2)

    def _shown_item(self, item: tuple[str, str, Layer]) -> None:
        """Moving to another item ends the undo step of the typing so far (refreshes do not)."""
        if item != self._shown:
            self._shown = item
            self._context.document.seal()

    def _source_of(self, phrase: Phrase, layer: Layer) -> tuple[Phrase, Pack]:
        if layer is Layer.PERSONAL:
            return self._context.personal_phrase(phrase.id) or phrase, self._context.document.pack
        return phrase, self._context.pack(phrase.pack_id) or self._context.document.pack

    def reveal(self, kind: str, item_id: str) -> None:
        """List and select the personal item `item_id`, switching to its category when it is not listed."""
        pack = self._context.document.pack
        items: tuple[Phrase, ...] | tuple[Script, ...] = pack.phrases if kind == "phrase" else pack.scripts
        item = next((i for i in items if i.id == item_id), None)
        if item is None:
            return
        node = self.tree.current_node()
        if node.scope not in ("personal", "all") or not _in(item.category, node.path):
            self.tree.select(Node("personal", "", item.category))
        self._fill_lists(self.tree.current_node())
        if kind == "phrase":
            self.tabs.setCurrentIndex(PHRASES_TAB)
            self.phrases.select(item_id, Layer.PERSONAL)
        else:
            self.tabs.setCurrentIndex(SCRIPTS_TAB)
            self.scripts.select(item_id)

    def show_item(self, kind: str, item_id: str) -> None:
        self.reveal(kind, item_id)
        self.show_current()

    def _node_selected(self, node: Node) -> None:
        self._fill_lists(node)
        self.show_current()


def _in(category: str, path: str) -> bool:
    return not path or category == path or category.startswith(path + "/")
