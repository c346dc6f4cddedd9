"""The personal library survives crashes, bad files and restores: atomic saves, backups, fault injection."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from quickreply.core.model import Layer, Pack, Phrase, Placeholder
from quickreply.core.packs.load import load_pack
from quickreply.core.personal import (
    PersonalLibrary,
    PersonalLibraryError,
    copy_to_personal,
    empty_personal_pack,
)


def pack_of(tag: str, count: int) -> Pack:
    phrases = tuple(
        Phrase(id=f"{tag}.{i}", category="我的", title=f"{tag} {i}", text=f"{tag} 第{i}条\n" + "内容" * 200)
        for i in range(count)
    )
    return replace(empty_personal_pack(), phrases=phrases, version=tag)


@pytest.fixture
def library(tmp_path: Path) -> PersonalLibrary:
    return PersonalLibrary(tmp_path / "data" / "personal.toml", tmp_path / "data" / "backups", keep=20)


def ids(pack: Pack) -> list[str]:
    return [p.id for p in pack.phrases]


def test_missing_library_is_an_empty_personal_pack(library: PersonalLibrary) -> None:
    pack, problems = library.load()
    assert (pack.id, pack.layer, pack.phrases, problems) == ("personal", Layer.PERSONAL, (), [])
    assert library.backups() == []


def test_save_then_load_round_trips(library: PersonalLibrary) -> None:
    library.save(pack_of("old", 3))
    pack, problems = library.load()
    assert problems == []
    assert ids(pack) == ["old.0", "old.1", "old.2"] and pack.layer is Layer.PERSONAL
    assert library.backups() == []  # nothing to back up on the first save


def test_every_overwrite_keeps_a_backup_and_rotation_keeps_the_newest(tmp_path: Path) -> None:
    library = PersonalLibrary(tmp_path / "personal.toml", tmp_path / "backups", keep=20)
    for n in range(23):
        library.save(pack_of(f"v{n}", 1))
    backups = library.backups()
    assert len(backups) == 20
    versions = [pack.version for pack, _ in map(load_pack, backups) if pack]
    assert versions == [f"v{n}" for n in range(21, 1, -1)]  # newest first; v22 is the live file


def test_saving_unchanged_content_adds_no_backup(library: PersonalLibrary) -> None:
    library.save(pack_of("same", 2))
    library.save(pack_of("same", 2))
    assert library.backups() == []


def test_restore_brings_a_backup_back_and_can_itself_be_undone(library: PersonalLibrary) -> None:
    library.save(pack_of("first", 1))
    library.save(pack_of("second", 2))
    [backup] = library.backups()
    restored = library.restore(backup)
    assert ids(restored) == ["first.0"]
    assert ids(library.load()[0]) == ["first.0"]
    newest = library.backups()[0]
    assert ids(library.restore(newest)) == ["second.0", "second.1"]


def test_restore_refuses_a_broken_backup(library: PersonalLibrary, tmp_path: Path) -> None:
    library.save(pack_of("good", 1))
    bad = tmp_path / "bad.toml"
    bad.write_text("[pack\nid=", "utf-8")
    with pytest.raises(PersonalLibraryError, match="not a readable pack"):
        library.restore(bad)
    assert ids(library.load()[0]) == ["good.0"]


def test_a_pack_that_would_not_load_back_is_not_saved(library: PersonalLibrary) -> None:
    library.save(pack_of("good", 1))
    broken = replace(pack_of("bad", 1), phrases=(Phrase("x", "我的", "坏", "未闭合 {城市"),))
    with pytest.raises(PersonalLibraryError, match="unclosed"):
        library.save(broken)
    assert ids(library.load()[0]) == ["good.0"]


def test_corrupt_library_is_kept_aside_and_the_newest_good_backup_loads(library: PersonalLibrary) -> None:
    library.save(pack_of("a", 1))
    library.save(pack_of("b", 2))
    library.path.write_text("[pack]\nid = 'personal'\nname = \"坏了", "utf-8")  # a hand edit gone wrong
    pack, problems = library.load()
    assert ids(pack) == ["a.0"]
    messages = "\n".join(str(p) for p in problems)
    assert "TOML syntax error" in messages and "restored the latest good backup" in messages
    [kept] = library.path.parent.glob("personal.unreadable-*.toml")
    assert "坏了" in kept.read_text("utf-8")  # the agent's file is never overwritten
    library.save(pack_of("c", 1))
    assert "坏了" in kept.read_text("utf-8")


SLIPPED = (
    '[pack]\nid = "personal"\nname = "我的短语"\nversion = "1"\n\n'
    '[[phrases]]\nid = "mine"\ncategory = "我的"\ntitle ＝ "手改的"\ntext = “亲，这是我在记事本里加的”\n'
)


def test_a_library_hand_edited_with_the_ime_on_is_repaired(library: PersonalLibrary) -> None:
    library.save(pack_of("a", 1))
    library.save(pack_of("b", 2))
    library.path.write_text(SLIPPED, "utf-8")
    pack, problems = library.load()
    assert ids(pack) == ["a.0"]  # the newest good backup, meanwhile
    [hint] = [p for p in problems if p.code is not None and p.code.code == "personal.fixable"]
    assert "3 处用中文输入法打错的符号" in hint.text("zh_CN") and "修正并恢复" in hint.text("zh_CN")
    [kept] = library.unreadable()
    before = len(library.backups())
    pack_bytes_in_use = library.path.read_bytes()
    repaired = library.repair(kept)
    expected = [("mine", "手改的", "亲，这是我在记事本里加的")]
    assert [(p.id, p.title, p.text) for p in repaired.phrases] == expected
    again, problems = library.load()
    assert ids(again) == ["mine"] and problems == []
    # What was in use came from the newest backup: it is kept there, and not backed up twice (issue 8).
    assert len(library.backups()) == before and library.backups()[0].read_bytes() == pack_bytes_in_use
    assert library.unreadable() == []
    [original] = library.path.parent.glob("personal.repaired-*.toml")
    assert original.read_text("utf-8") == SLIPPED  # what the agent wrote is never lost


def test_repair_refuses_what_it_cannot_fix_and_changes_nothing(library: PersonalLibrary) -> None:
    library.save(pack_of("a", 1))
    library.save(pack_of("b", 1))
    library.path.write_text("[pack]\nid = 'personal'\nname = \"坏了", "utf-8")
    library.load()
    [kept] = library.unreadable()
    with pytest.raises(PersonalLibraryError, match="nothing here can be fixed"):
        library.repair(kept)
    assert library.unreadable() == [kept] and ids(library.load()[0]) == ["a.0"]


def test_corrupt_library_without_backups_starts_empty_but_keeps_the_file(library: PersonalLibrary) -> None:
    library.path.parent.mkdir(parents=True)
    library.path.write_bytes("[pack]\nid = '我的'".encode("gbk"))
    pack, problems = library.load()
    assert pack.phrases == ()
    assert "looks like GBK" in str(problems[0])
    assert any("no backup could be loaded" in str(p) for p in problems)
    assert len(list(library.path.parent.glob("personal.unreadable-*.toml"))) == 1


def test_an_unreadable_library_is_left_in_place_and_never_saved_over(library: PersonalLibrary) -> None:
    library.path.mkdir(parents=True)  # reading fails the way a locked file does, even for root
    pack, problems = library.load()
    assert pack.phrases == () and "cannot be read" in str(problems[0])
    with pytest.raises(PersonalLibraryError, match="not saving over it"):
        library.save(pack_of("new", 1))
    assert library.path.is_dir()


def test_stray_temp_files_are_ignored_and_cleaned(library: PersonalLibrary) -> None:
    library.save(pack_of("a", 1))
    stray = library.path.parent / ".personal.toml.abc123.tmp"
    stray.write_text("[pack]\nid = 'half", "utf-8")
    pack, problems = library.load()
    assert ids(pack) == ["a.0"] and problems == []
    assert not stray.exists()


# -- fault injection: kill -9 in the middle of a save ----------------------------------------------------

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from dataclasses import replace
    from pathlib import Path
    from quickreply.core.model import Phrase
    from quickreply.core.personal import PersonalLibrary, empty_personal_pack

    path, backups, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    new = replace(empty_personal_pack(), version="new", phrases=tuple(
        Phrase(id=f"new.{i}", category="我的", title=f"new {i}", text="新内容" * 300) for i in range(40)))

    def die():  # a hard kill on both: SIGKILL on POSIX, TerminateProcess(exit code 9) on Windows
        os.kill(os.getpid(), getattr(signal, "SIGKILL", 9))

    calls = {}
    def kill_at(name, nth, before):
        real = getattr(os, name)
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            if calls[name] == nth:
                if name == "write":  # half the bytes reach the file, then the process dies
                    real(args[0], bytes(args[1][: len(args[1]) // 2]))
                    die()
                if before:
                    die()
                result = real(*args, **kwargs)
                die()
            return real(*args, **kwargs)
        setattr(os, name, wrapper)

    if point == "loop":
        library = PersonalLibrary(path, backups)
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            tag = "new" if n % 2 else "old"
            library.save(replace(new, version=tag, phrases=tuple(replace(p, id=f"{tag}.{i}")
                                  for i, p in enumerate(new.phrases))))
    name, nth, when = point.split(":")
    kill_at(name, int(nth), when == "before")
    PersonalLibrary(path, backups).save(new)
    print("survived", flush=True)
    """
)

# A save over an existing file: backup (write, fsync file, replace, fsync dir), then the library itself.
POSIX_POINTS = {
    "write:1:before": "old",  # half-written backup temp file
    "fsync:1:before": "old",
    "replace:1:before": "old",
    "fsync:2:before": "old",  # backup renamed, its folder not yet synced
    "write:2:before": "old",  # half-written library temp file
    "fsync:3:before": "old",  # library temp file complete, not yet synced
    "replace:2:before": "old",
    "replace:2:after": "new",  # renamed, folder not yet synced
    "fsync:4:after": "new",
}
# Windows cannot fsync a folder (NTFS journals the rename): write, fsync, replace for each file.
WINDOWS_POINTS = {
    "write:1:before": "old",
    "fsync:1:before": "old",
    "replace:1:before": "old",
    "write:2:before": "old",
    "fsync:2:before": "old",
    "replace:2:before": "old",
    "replace:2:after": "new",
}
POINTS = WINDOWS_POINTS if os.name == "nt" else POSIX_POINTS


# os.kill with 9 is SIGKILL on POSIX and TerminateProcess with exit code 9 on Windows: no cleanup either way.
HARD_KILL = getattr(signal, "SIGKILL", 9)
KILLED = 9 if sys.platform == "win32" else -HARD_KILL  # the child's returncode after HARD_KILL


def run_child(library: PersonalLibrary, point: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(library.path), str(library.backups_dir), point],
        stdout=subprocess.PIPE,
        text=True,
    )


def assert_whole(library: PersonalLibrary) -> str:
    """The library loads without problems and holds exactly one complete version; returns which."""
    pack, problems = library.load()
    assert [str(p) for p in problems] == []
    tag = pack.version
    assert tag in ("old", "new")
    assert pack.phrases and ids(pack) == [f"{tag}.{i}" for i in range(len(pack.phrases))]
    assert not list(library.path.parent.glob(".*.tmp")) and not list(library.backups_dir.glob(".*.tmp"))
    return tag


@pytest.mark.parametrize("point", list(POINTS))
def test_kill_9_during_a_save_leaves_the_old_or_the_new_file_whole(
    library: PersonalLibrary, point: str
) -> None:
    old = replace(pack_of("old", 5), version="old")
    library.save(old)
    library.save(replace(old, description="first edit"))  # so a backup folder already exists
    child = run_child(library, point)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == KILLED, out
    assert assert_whole(library) == POINTS[point]
    for backup in library.backups():  # backups are whole files too
        assert load_pack(backup)[1] == []


def test_kill_9_at_random_moments_of_repeated_saves(library: PersonalLibrary) -> None:
    library.save(replace(pack_of("old", 40), version="old"))
    rng = random.Random(4)
    seen = set()
    for _ in range(4):
        child = run_child(library, "loop")
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.05, 0.4))
            os.kill(child.pid, HARD_KILL)
            child.wait(timeout=30)
        finally:  # the child saves forever: it must never outlive the test
            if child.poll() is None:
                child.kill()
                child.wait(timeout=30)
        seen.add(assert_whole(library))
    assert seen <= {"old", "new"}


# -- copy to my library ---------------------------------------------------------------------------------

TEAM = Pack(
    id="team",
    name="团队",
    version="3",
    phrases=(
        Phrase(
            "ship.city", "发货与物流", "到达城市", "包裹已到{城市}，还需{天数}天", code="dc", pack_id="team"
        ),
    ),
    placeholders=(Placeholder("城市", "包裹所在城市"), Placeholder("天数", default="2"), Placeholder("其他")),
    layer=Layer.TEAM,
)


def test_copy_to_personal_keeps_the_id_so_it_overrides_the_team_phrase(library: PersonalLibrary) -> None:
    personal, _ = library.load()
    mine = copy_to_personal(personal, TEAM.phrases[0], TEAM)
    [copy] = mine.phrases
    assert (copy.id, copy.code, copy.pack_id, copy.text) == (
        "ship.city",
        "dc",
        "personal",
        TEAM.phrases[0].text,
    )
    assert [d.name for d in mine.placeholders] == ["城市", "天数"]
    assert mine.categories == ("发货与物流",)
    library.save(mine)
    assert ids(library.load()[0]) == ["ship.city"]
    with pytest.raises(ValueError, match="already in your library"):
        copy_to_personal(mine, TEAM.phrases[0], TEAM)


def test_copy_to_personal_drops_a_code_another_personal_phrase_owns() -> None:
    personal = replace(
        empty_personal_pack(), phrases=(Phrase("mine", "我的", "我的", "我的话术", code="DC"),)
    )
    copy = copy_to_personal(personal, TEAM.phrases[0]).phrases[-1]
    assert copy.code == ""
