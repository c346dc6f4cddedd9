#!/usr/bin/env python3
"""A scripted agent's day: 200 picks through the real popup (offscreen Qt, fake desktop), then the usage
statistics and the time saved that `quickreply usage` reports (docs/usage.md).

    PYTHONPATH=src python3 scripts/usage_day.py [--picks 200] [--seed 12]

Phrases of the starter packs are chosen with a Zipf-like weight (a few phrases make most of the day, as
usage data of customer-service teams shows). Each pick opens the popup with the hotkey, types the phrase's
shortcut code (or the pinyin initials of its title when it has none), moves down to the phrase, presses
Enter, and fills any blank with a 4-character value. Prints the figures and the command that reproduces them.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--picks", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    ns = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="qr-usage-day-"))
    os.environ["QUICKREPLY_HOME"] = str(home)
    (home / "settings.toml").write_text('[profile]\nshop = "小鹿旗舰店"\nagent = "小美"\n', encoding="utf-8")

    from pypinyin import Style, lazy_pinyin
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from tests.fakes import FakeDesktop, FakeHotkeys

    from quickreply.app.root import build_app
    from quickreply.core.paste.sequence import PastePorts
    from quickreply.core.usage.stats import LOG_FILE, format_duration, read_events, summarize
    from quickreply.paths import app_paths
    from quickreply.platform.backend import Backend

    qapp = QApplication.instance() or QApplication([])
    desk = FakeDesktop({"text/plain": b"x"})
    chat = desk.open_window("买家小王 - 千牛工作台", "AliWorkBench", "AliWorkBench.exe")
    backend = Backend(desk.focus, desk.keys, FakeHotkeys(()), "fake")
    paths = app_paths()
    app = build_app(paths, backend, ports=PastePorts(desk.clipboard, desk.keys, desk.focus, desk.clock))
    app.popup.hide_on_focus_loss = False
    phrases = app.library.phrases()
    rng = random.Random(ns.seed)
    weights = [1 / (rank + 1) for rank in range(len(phrases))]
    order = phrases[:]
    rng.shuffle(order)
    done = misses = 0
    for _ in range(ns.picks):
        phrase = rng.choices(order, weights)[0]
        query = phrase.code or "".join(lazy_pinyin(phrase.title, style=Style.FIRST_LETTER))
        app.session.show_popup()
        app.session.target = chat  # the chat the agent answers in
        QTest.keyClicks(app.popup.search, query)
        model = app.popup.model
        rows = [model.row_at(i).phrase.id for i in range(model.rowCount())]
        if phrase.id not in rows:
            misses += 1
            QTest.keyClick(app.popup.search, Qt.Key.Key_Escape)
            continue
        for _ in range(rows.index(phrase.id)):
            QTest.keyClick(app.popup.search, Qt.Key.Key_Down)
        QTest.keyClick(app.popup.search, Qt.Key.Key_Return)
        for _ in range(10):  # the fill-in form: one value per blank, then Enter
            if app.popup.is_list_shown() or not app.popup.isVisible():
                break
            form = app.popup.form
            for edit in form.findChildren(type(app.popup.search)):
                if edit.isVisible() and not edit.text():
                    edit.setText("1234")
            QTest.keyClick(form.focusWidget() or form, Qt.Key.Key_Return)
        qapp.processEvents()
        done += 1
    events = read_events(paths.data / LOG_FILE)
    summary = summarize(events, {p.id: p.title for p in phrases})
    total = summary.total
    per_pick = total.saved_seconds() / max(1, total.picks)
    print(f"picks made: {done} ({misses} not found by their code and skipped); picks recorded: {total.picks}")
    print(
        f"characters pasted: {total.chars}; typed into forms: {sum(e.typed for e in events)}; "
        f"keys pressed in the popup: {sum(e.keys for e in events)}"
    )
    print(
        f"IME keys saved: {total.saved_keys:.0f} "
        f"(model: {summary.kpc} keys/char, {summary.keys_per_minute} keys/min)"
    )
    print(f"time saved: {format_duration(total.saved_seconds(), 'en')} ({per_pick:.1f} s per pick)")
    print("top categories: " + ", ".join(f"{t.name} {t.picks}" for t in summary.categories[:5]))
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
