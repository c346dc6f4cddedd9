"""The old library and index are freed off the UI thread, in slices (issue 11: freeing a 100k library was
one ~150 ms dealloc cascade on the UI thread, and the popup's hotkey waited for it)."""

from __future__ import annotations

import threading
import weakref
from typing import Any

from pytestqt.qtbot import QtBot

from quickreply.app import memory
from quickreply.core.model import Library, Pack, Phrase


class Part:
    """An object whose freeing thread is recorded."""

    def __init__(self, freed: list[str], children: Any = ()) -> None:
        self.children = children
        weakref.finalize(self, lambda: freed.append(threading.current_thread().name))


def _library(count: int) -> Library:
    phrases = tuple(Phrase(f"p{i}", "类", f"标题{i}", f"正文{i}") for i in range(count))
    return Library((Pack(id="team", name="团队", version="1", phrases=phrases),))


def test_dismantle_lets_go_of_everything_in_small_steps(monkeypatch: Any) -> None:
    freed: list[str] = []
    tree = {"big": [Part(freed) for _ in range(5000)], "nested": ([{"k": Part(freed)}] * 1, Part(freed))}
    steps: list[int] = []
    monkeypatch.setattr(memory, "_sleep", lambda _s: steps.append(len(freed)))
    handed = [tree]
    del tree
    taken = memory.dismantle(handed)
    assert len(freed) == 5002 and taken > 5002
    # the 5,000 parts of the big list went in several steps, never all in one
    assert len(steps) >= 3 and max(b - a for a, b in zip([0, *steps], steps, strict=False)) <= memory.SLICE


def test_what_is_still_referenced_elsewhere_is_let_go_but_never_emptied() -> None:
    shared = [f"phrase {i}" for i in range(500)]
    shared_dict = {i: [i] for i in range(500)}
    old = {"shared": shared, "own": [[i] for i in range(500)], "d": shared_dict}
    handed = [old]
    del old
    memory.dismantle(handed)
    assert shared == [f"phrase {i}" for i in range(500)]
    assert shared_dict == {i: [i] for i in range(500)}


def test_a_library_is_taken_apart_and_freed(monkeypatch: Any) -> None:
    library = _library(3000)
    first = weakref.ref(library.packs[0].phrases[0])
    keep = library.packs[0].phrases[1]  # e.g. a widget's last result: stays whole
    handed = [library]
    del library
    memory.dismantle(handed)
    assert handed == [] and first() is None
    assert keep.title == "标题1"


def test_retire_frees_in_its_own_thread_and_the_caller_keeps_no_reference() -> None:
    freed: list[str] = []
    old = [Part(freed, [Part(freed) for _ in range(300)])]
    thread = memory.retire(old, delay=0)
    assert old == []
    thread.join(10)
    assert len(freed) == 301 and set(freed) == {memory.RETIRE_THREAD}


def test_a_background_reload_frees_the_old_library_and_makes_the_tray_tree_off_the_ui_thread(
    qtbot: QtBot,
) -> None:
    from tests.fakes import FakeDesktop, FakeHotkeys

    from quickreply.app.root import build_app
    from quickreply.core.paste.sequence import PastePorts
    from quickreply.paths import app_paths
    from quickreply.platform.backend import Backend

    paths = app_paths()
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    entry = '[[phrases]]\nid = "t.{0}"\ncategory = "类"\ntitle = "标题{0}"\ntext = "正文{0}"\n\n'
    body = "".join(entry.format(i) for i in range(200))
    team = paths.packs_dir / "team.toml"
    team.write_text('[pack]\nid = "team"\nname = "团队"\nversion = "1"\n\n' + body, encoding="utf-8")
    desk = FakeDesktop({"text/plain": b""})
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    app = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    try:
        freed: list[str] = []
        old_library = app.library
        (old_team,) = [p for p in old_library.packs if p.id == "team"]
        weakref.finalize(old_team, lambda: freed.append(threading.current_thread().name))
        del old_library, old_team
        team.write_text(team.read_text("utf-8").replace('version = "1"', 'version = "2"'), encoding="utf-8")
        from quickreply.gui.tray import menu

        trees: list[str] = []
        real_init = menu.CategoryTree.__init__

        def counted(tree: Any, library: Library) -> None:
            trees.append(threading.current_thread().name)
            real_init(tree, library)

        menu.CategoryTree.__init__ = counted  # type: ignore[method-assign]
        try:
            with qtbot.waitSignal(app.library_installed, timeout=10000):
                app._packs_changed()
        finally:
            menu.CategoryTree.__init__ = real_init  # type: ignore[method-assign]
        qtbot.waitUntil(lambda: bool(freed), timeout=10000)
        assert freed == [memory.RETIRE_THREAD]  # not the UI thread (MainThread)
        assert trees == ["quickreply-library-load"]  # the tray's tree too: made in the worker
        assert [p.version for p in app.library.packs if p.id == "team"] == ["2"]
    finally:
        app.popup.hide()
        app.shutdown()
