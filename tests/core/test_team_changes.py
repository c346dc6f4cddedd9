"""Readable team updates: added / changed (old → new, changed words marked) / removed, and 新/改 marks."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from quickreply.core.model import Pack, Phrase
from quickreply.core.sync.changes import (
    PhraseChange,
    UpdateRecord,
    load_updates,
    phrase_changes,
    recent_marks,
    records_since,
    word_diff,
)
from quickreply.core.sync.run import sync_all
from quickreply.core.sync.subscriptions import Source

SYNC_DATA = Path(__file__).resolve().parents[1] / "data" / "sync"


def test_the_changed_number_is_marked_as_a_whole_word() -> None:
    assert word_diff("满199包邮", "满299包邮") == [
        ("same", "满"),
        ("del", "199"),
        ("add", "299"),
        ("same", "包邮"),
    ]


def test_chinese_changes_are_marked_character_by_character() -> None:
    runs = word_diff("大促期间7天内发出", "大促期间10天内发出哦")
    assert ("del", "7") in runs and ("add", "10") in runs and runs[-1] == ("add", "哦")
    assert "".join(t for op, t in runs if op != "add") == "大促期间7天内发出"
    assert "".join(t for op, t in runs if op != "del") == "大促期间10天内发出哦"


def test_phrase_changes_name_old_and_new_texts() -> None:
    old = Pack(
        "t", "t", "1.0", phrases=(Phrase("a", "c", "包邮", "满199包邮"), Phrase("b", "c", "道别", "再见"))
    )
    new = Pack(
        "t", "t", "1.1", phrases=(Phrase("a", "c", "包邮", "满299包邮"), Phrase("n", "c", "新", "你好"))
    )
    changes = {c.id: c for c in phrase_changes(old, new)}
    assert (changes["a"].kind, changes["a"].old_text, changes["a"].new_text) == (
        "changed",
        "满199包邮",
        "满299包邮",
    )
    assert (changes["n"].kind, changes["n"].new_text) == ("added", "你好")
    assert (changes["b"].kind, changes["b"].old_text) == ("removed", "再见")


def _first_sync(tmp_path: Path) -> tuple[Path, Path, Source, datetime]:
    """A shared folder with team_v1.toml, synced once into a cache: (share, cache, source, when)."""
    share = tmp_path / "share"
    share.mkdir()
    shutil.copy(SYNC_DATA / "team_v1.toml", share / "team.toml")
    cache = tmp_path / "cache"
    source = Source("path", str(share), "团队")
    day1 = datetime(2024, 5, 1, 10, 0).astimezone()
    sync_all([source], cache, day1)
    return share, cache, source, day1


def test_a_sync_records_the_update_and_marks_fade_after_three_days(tmp_path: Path) -> None:
    share, cache, source, day1 = _first_sync(tmp_path)
    shutil.copy(SYNC_DATA / "team_v2.toml", share / "team.toml")
    day2 = day1 + timedelta(days=1)
    report = sync_all([source], cache, day2)
    records = load_updates(cache)
    assert len(records) == 1  # the update; the first copy is not recorded (nothing would show it)
    update = records_since(records, report.checked_at)[0]
    assert (update.source, update.version_old, update.version_new) == ("团队", "1.0", "1.1")
    kinds = {c.id: c.kind for c in update.phrases}
    assert kinds == {
        "team.ship48": "changed",
        "team.size": "added",
        "team.invoice": "added",
        "team.bye": "removed",
    }
    marks = recent_marks(records, day2 + timedelta(hours=1))
    assert marks["team.ship48"] == "changed" and marks["team.size"] == "new" and "team.bye" not in marks
    assert "team.hello" not in marks  # unchanged since the first copy
    assert recent_marks(records, day2 + timedelta(days=4)) == {}
    sync_all([source], cache, day2 + timedelta(hours=2))  # nothing changed: nothing recorded
    assert len(load_updates(cache)) == 1


def test_a_first_copy_is_not_written_to_the_updates_file_nor_kept_from_an_old_one(tmp_path: Path) -> None:
    share, cache, source, day1 = _first_sync(tmp_path)
    assert load_updates(cache) == []  # a big team pack's first copy made this file tens of MB
    # a file an older version wrote, holding a first copy: it is dropped at the next write
    first = UpdateRecord(
        day1.isoformat(), "团队", "team.toml", "", "1.0", (PhraseChange("x", "added", "问候"),)
    )
    (cache / "updates.json").write_text(
        json.dumps({"version": 1, "updates": [first.to_json()]}, ensure_ascii=False), encoding="utf-8"
    )
    assert recent_marks(load_updates(cache), day1 + timedelta(hours=1)) == {}  # a first copy is no news
    shutil.copy(SYNC_DATA / "team_v2.toml", share / "team.toml")
    sync_all([source], cache, day1 + timedelta(days=1))
    records = load_updates(cache)
    assert [r.version_old for r in records] == ["1.0"]


def test_a_damaged_updates_file_gives_no_records(tmp_path: Path) -> None:
    (tmp_path / "updates.json").write_text("{not json", encoding="utf-8")
    assert load_updates(tmp_path) == []


def test_the_updates_file_is_parsed_again_only_when_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app reads it after every sync and every reload on its UI thread (megabytes at 100k phrases)."""
    import json

    from quickreply.core.sync import changes

    share, cache, source, day1 = _first_sync(tmp_path)
    shutil.copy(SYNC_DATA / "team_v2.toml", share / "team.toml")
    sync_all([source], cache, day1 + timedelta(hours=1))
    parsed: list[int] = []
    real = json.loads
    monkeypatch.setattr(changes.json, "loads", lambda text: parsed.append(1) or real(text))
    first = load_updates(cache)
    assert load_updates(cache) == first and len(parsed) == 1  # unchanged: not parsed again
    first.clear()  # a caller's list is its own
    assert len(load_updates(cache)) == 1
    shutil.copy(SYNC_DATA / "team_v1.toml", share / "team.toml")
    sync_all([source], cache, day1 + timedelta(days=1))
    assert len(load_updates(cache)) == 2  # the sync wrote it: read again
