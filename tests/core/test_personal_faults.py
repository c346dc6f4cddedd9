"""The personal library when the disk refuses (full, read-only, a sharing violation) and when two
processes save at once: nothing the agent wrote is lost, and the backup history survives failed saves."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

import quickreply.core.personal as personal_module
from quickreply.core.model import Layer, Pack, Phrase
from quickreply.core.packs.load import parse_pack
from quickreply.core.personal import PersonalLibrary, PersonalLibraryError, empty_personal_pack, merge_changes


def pack_of(*ids: str, text: str = "内容") -> Pack:
    return replace(empty_personal_pack(), phrases=tuple(Phrase(i, "我的", f"标题{i}", text) for i in ids))


@pytest.fixture
def library(tmp_path: Path) -> PersonalLibrary:
    return PersonalLibrary(tmp_path / "data" / "personal.toml", tmp_path / "data" / "backups")


def refuse_writes_to(monkeypatch: pytest.MonkeyPatch, path: Path, error: int = errno.ENOSPC) -> None:
    """Every atomic write of `path` fails as on a full disk (or with `error`); other files still work."""
    real = personal_module._atomic_write

    def failing(target: Path, data: bytes) -> None:
        if Path(target) == path:
            raise OSError(error, os.strerror(error))
        real(target, data)

    monkeypatch.setattr(personal_module, "_atomic_write", failing)


def test_twenty_failed_saves_keep_every_backup(
    library: PersonalLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(25):  # 20 distinct backups (keep = 20) and the library itself
        library.save(pack_of(*(f"p{i}" for i in range(n + 1))))
    before = {p.name: p.read_bytes() for p in library.backups()}
    assert len(before) == 20
    current = library.path.read_bytes()
    refuse_writes_to(monkeypatch, library.path, errno.EACCES)  # a Windows sharing violation reads like this
    for n in range(20):
        with pytest.raises(PersonalLibraryError) as caught:
            library.save(pack_of("new", str(n)))
        assert caught.value.message is not None and caught.value.message.code == "reliability.save_failed"
    after = [p.read_bytes() for p in library.backups()]
    assert len(after) == len(set(after)) == 21  # the 20 there were, and one of the file we failed to replace
    assert set(after) == set(before.values()) | {current}
    assert library.path.read_bytes() == current


def test_no_backup_identical_to_the_newest(library: PersonalLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    library.save(pack_of("a"))
    library.save(pack_of("a", "b"))
    assert len(library.backups()) == 1
    refuse_writes_to(monkeypatch, library.path)
    for _ in range(5):
        with pytest.raises(PersonalLibraryError):
            library.save(pack_of("a", "b", "c"))
    contents = [p.read_bytes() for p in library.backups()]
    assert len(contents) == 2 and len(set(contents)) == 2  # one backup of the current file, no more


def test_full_disk_message_names_the_file_and_what_to_do(
    library: PersonalLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.save(pack_of("a"))
    refuse_writes_to(monkeypatch, library.path)
    with pytest.raises(PersonalLibraryError) as caught:
        library.save(pack_of("a", "b"))
    message = caught.value.message
    assert message is not None
    assert str(library.path) in message.render("en") and "Save elsewhere" in message.render("en")
    assert "另存为" in message.render("zh_CN") and "没有丢失" in message.render("zh_CN")


def test_save_copy_elsewhere_and_refused_names(library: PersonalLibrary, tmp_path: Path) -> None:
    target = tmp_path / "desk" / "我的短语.toml"
    library.save_copy(pack_of("a", "b"), target)
    copy, problems = parse_pack(target.read_bytes(), str(target), Layer.PERSONAL)
    assert copy is not None and [p.id for p in copy.phrases] == ["a", "b"] and not problems
    for name in ("CON.toml", "nul.toml", "Aux.toml", "com1.toml", "LPT9.toml"):
        with pytest.raises(PersonalLibraryError) as caught:
            library.save_copy(pack_of("a"), tmp_path / name)
        assert caught.value.message is not None and caught.value.message.code == "reliability.bad_file_name"


def test_a_save_over_changes_from_another_process_keeps_both(tmp_path: Path) -> None:
    path, backups = tmp_path / "personal.toml", tmp_path / "backups"
    PersonalLibrary(path, backups).save(pack_of("shared"))
    first, second = PersonalLibrary(path, backups), PersonalLibrary(path, backups)
    mine, _ = first.load()
    theirs, _ = second.load()
    second.save(replace(theirs, phrases=(*theirs.phrases, Phrase("b", "我的", "B", "他们的"))))
    edited = replace(mine.phrases[0], text="改过")
    saved = first.save(replace(mine, phrases=(edited, Phrase("a", "我的", "A", "我的"))))
    assert sorted(p.id for p in saved.phrases) == ["a", "b", "shared"]
    on_disk, _ = PersonalLibrary(path, backups).load()
    assert {p.id: p.text for p in on_disk.phrases} == {"shared": "改过", "a": "我的", "b": "他们的"}


def test_merge_deletes_only_what_we_deleted() -> None:
    base = pack_of("a", "b", "c")
    ours = pack_of("a", "c")  # we deleted b
    theirs = replace(pack_of("a", "b", "c", "d"))  # they added d
    merged = merge_changes(base, ours, theirs)
    assert [p.id for p in merged.phrases] == ["a", "c", "d"]
    theirs_edit = replace(
        theirs, phrases=tuple(replace(p, text="他们改") if p.id == "b" else p for p in theirs.phrases)
    )
    assert "b" in [p.id for p in merge_changes(base, ours, theirs_edit).phrases]  # their edit wins a delete


SAVER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path
    from quickreply.core.model import Phrase
    from quickreply.core.personal import PersonalLibrary

    path, backups, who, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    library = PersonalLibrary(path, backups)
    for n in range(count):
        pack, _ = library.load()
        library.save(replace(pack, phrases=(*pack.phrases, Phrase(f"{who}.{n}", "我的", f"{who} {n}", "x"))))
    print("done", flush=True)
    """
)


def test_two_processes_saving_lose_nothing(tmp_path: Path) -> None:
    path, backups = tmp_path / "personal.toml", tmp_path / "backups"
    count = 40
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(backups), who, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for who in ("one", "two")
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0 and out.strip() == "done", err
    pack, problems = PersonalLibrary(path, backups).load()
    assert not problems
    ids = {p.id for p in pack.phrases}
    assert ids == {f"{who}.{n}" for who in ("one", "two") for n in range(count)}
    assert not list(tmp_path.glob(".*.tmp"))
