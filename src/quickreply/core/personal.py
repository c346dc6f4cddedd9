"""The agent's personal library: one TOML pack in the data dir, saved atomically with rotating backups.

A save writes a temp file in the same folder, fsyncs it, renames it over the library and fsyncs the
folder, so a crash or `kill -9` at any moment leaves either the old or the new file, whole. Before each
overwrite the current file is copied to the backups folder (the newest `keep` are kept). A file that does
not load is never overwritten: it is renamed aside and the newest backup that loads takes its place.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from quickreply.core.file_names import file_name_problem
from quickreply.core.messages import Message, msg, os_reason, render
from quickreply.core.model import Layer, Pack, Phrase, Placeholder, Problem, Severity
from quickreply.core.packs.load import load_pack, parse_pack
from quickreply.core.packs.toml_slips import apply_fixes
from quickreply.core.template import placeholder_names, template_problems

if TYPE_CHECKING:
    from filelock import FileLock

PERSONAL_ID = "personal"
PERSONAL_NAME = "我的短语"
KEEP_BACKUPS = 20
LOCK_SECONDS = 10.0  # longest wait for another process's save
T = TypeVar("T")
_STAMP = re.compile(r"-\d{8}-\d{6}-\d{6}(?:-\d+)?$")


class PersonalLibraryError(Exception):
    """The library could not be saved or restored; nothing on disk was changed. `message` is the
    catalogue message to show (str() is English); `disk` is True when the disk refused the write, so a
    copy can still go elsewhere."""

    def __init__(self, message: Message, disk: bool = False) -> None:
        super().__init__(render(message, "en"))
        self.message = message
        self.disk = disk


def empty_personal_pack(path: Path | str = "") -> Pack:
    return Pack(id=PERSONAL_ID, name=PERSONAL_NAME, version="1", path=str(path), layer=Layer.PERSONAL)


class PersonalLibrary:
    """Load, save, back up and restore the personal pack at `path`."""

    def __init__(self, path: Path, backups_dir: Path, keep: int = KEEP_BACKUPS) -> None:
        self.path = Path(path)
        self.backups_dir = Path(backups_dir)
        self.keep = max(1, keep)
        self._blocked: Message | None = None  # why saving would overwrite something we could not read
        # The file as this process last read or wrote it (None: never read, so a save simply replaces it).
        self._base: tuple[bytes | None, Pack] | None = None
        # One lock file beside the library: another process (a second editor, `pack import`) waits for a
        # save to end instead of losing it or deleting its temp file.
        # Made on first use: importing filelock is ~15 ms of the tray app's start-up.
        self._file_lock: FileLock | None = None

    def load(self) -> tuple[Pack, list[Problem]]:
        """The library (empty when there is none yet) and what went wrong reading it; never raises."""
        self._blocked = None
        try:
            with self._locked():
                self._remove_stray_temp_files()
                data = self.path.read_bytes()
        except FileNotFoundError:
            self._base = (None, empty_personal_pack(self.path))
            return empty_personal_pack(self.path), []
        except OSError as exc:
            # Locked or unreadable right now (antivirus, permissions): not corrupt, so leave it in place.
            self._blocked = msg("personal.unreadable_now", path=str(self.path), reason=os_reason(exc))
            return empty_personal_pack(self.path), [self._problem(self._blocked, error=True)]
        pack, problems = parse_pack(data, str(self.path), Layer.PERSONAL)
        if pack is not None:
            self._base = (data, pack)
            return pack, problems
        self._base = None
        return self._recover(problems)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the library's lock; a folder where no lock file can be made (read-only) is not locked."""
        from filelock import FileLock, Timeout

        if self._file_lock is None:
            lock_file = self.path.with_name(f".{self.path.name}.lock")
            self._file_lock = FileLock(str(lock_file), timeout=LOCK_SECONDS)
        lock = self._file_lock
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except Timeout as exc:
            message = msg("reliability.library_busy", path=str(self.path), seconds=LOCK_SECONDS)
            raise PersonalLibraryError(message, disk=True) from exc
        except OSError:
            yield  # the write itself will fail there and say why
            return
        try:
            yield
        finally:
            lock.release()

    def _recover(self, problems: list[Problem]) -> tuple[Pack, list[Problem]]:
        """Keep the unreadable file under another name, then fall back to the newest backup that loads."""
        kept = self.path.with_name(f"{self.path.stem}.unreadable-{_stamp()}{self.path.suffix}")
        try:
            os.replace(self.path, kept)
        except OSError as exc:
            self._blocked = msg("personal.cannot_move_aside", path=str(self.path), reason=os_reason(exc))
            return empty_personal_pack(self.path), [*problems, self._problem(self._blocked, error=True)]
        notes = [*problems, self._note(msg("personal.kept_aside", kept=kept.name))]
        fixes = sum(1 for p in problems if p.fix is not None)
        if fixes:  # what to do comes first
            notes.insert(0, self._note(msg("personal.fixable", count=fixes, kept=kept.name)))
        for backup in self.backups():
            pack, found = load_pack(backup, Layer.PERSONAL)
            if pack is not None:
                data = backup.read_bytes()
                try:
                    _atomic_write(self.path, data)
                except OSError as exc:  # shown from the backup; saving will say why it cannot write
                    message = msg("personal.cannot_write_back", name=self.path.name, reason=os_reason(exc))
                    notes.append(self._problem(message))
                else:
                    self._base = (data, replace(pack, path=str(self.path)))
                notes.append(self._note(msg("personal.restored_backup", backup=backup.name)))
                return replace(pack, path=str(self.path)), notes + found
        notes.append(self._note(msg("personal.no_backup")))
        return empty_personal_pack(self.path), notes

    def _note(self, message: Message) -> Problem:
        return Problem(str(self.path), 0, message, Severity.WARNING)

    def _problem(self, message: Message, error: bool = False) -> Problem:
        return Problem(str(self.path), 0, message, Severity.ERROR if error else Severity.WARNING)

    def save(self, pack: Pack) -> Pack:
        """Write `pack` atomically, backing up the current file first; returns what was saved. Refuses a
        pack that would not load back whole (PersonalLibraryError), so a save never loses a phrase silently.

        Under the library's lock: when another process saved since this one loaded, its changes are kept
        and ours applied on top (merge_changes). A write that fails (full disk, read-only folder) raises
        PersonalLibraryError with `.message`; the file and every backup stay as they were."""
        if self._blocked is not None:
            raise PersonalLibraryError(self._blocked)
        data = self._checked_bytes(pack)
        try:
            with self._locked():
                return self._save_locked(pack, data)
        except OSError as exc:  # a full disk, a read-only folder, a sharing violation: nothing is lost
            message = msg("reliability.save_failed", path=str(self.path), reason=os_reason(exc))
            raise PersonalLibraryError(message, disk=True) from exc

    def _save_locked(self, pack: Pack, data: bytes) -> Pack:
        try:
            current: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            current = None
        if self._base is not None and current is not None and current not in (self._base[0], data):
            theirs = parse_pack(current, str(self.path), Layer.PERSONAL)[0]
            if theirs is not None:  # another process saved since we loaded: keep its changes too
                pack = merge_changes(self._base[1], pack, theirs)
                data = self._checked_bytes(pack)
        if current == data:
            self._base = (data, pack)
            return pack
        if current is not None and current != self._newest_backup_bytes():
            self._backup(current)
        _atomic_write(self.path, data)
        self._base = (data, pack)
        self._prune()  # only now: a failed write must never cost an old backup
        return pack

    def _checked_bytes(self, pack: Pack) -> bytes:
        from quickreply.core.packs.export import pack_to_toml  # the exporters load with the first save

        data = pack_to_toml(replace(pack, id=pack.id or PERSONAL_ID)).encode("utf-8")
        parsed, problems = parse_pack(data, str(self.path), Layer.PERSONAL)
        errors = [p for p in problems if p.is_error]
        if parsed is None or errors:
            first = errors[0] if errors else problems[0]
            item = first.item_id or msg("personal.whole_pack")
            message = msg("personal.would_not_load_back", count=len(errors) or 1, item=item, first=first.code)
            raise PersonalLibraryError(message)
        return data

    def save_copy(self, pack: Pack, target: Path) -> None:
        """Write `pack` to another file ("save elsewhere" when the library's own folder cannot be written).
        Raises PersonalLibraryError when that fails too."""
        data = self._checked_bytes(pack)
        problem = file_name_problem(Path(target).name)
        if problem:
            raise PersonalLibraryError(msg("reliability.bad_file_name", name=Path(target).name), disk=True)
        try:
            _atomic_write(Path(target), data)
        except OSError as exc:
            message = msg("reliability.save_failed", path=str(target), reason=os_reason(exc))
            raise PersonalLibraryError(message, disk=True) from exc

    def _newest_backup_bytes(self) -> bytes | None:
        for backup in self.backups():
            try:
                return backup.read_bytes()
            except OSError:
                continue
        return None

    def backups(self) -> list[Path]:
        """Backup files, newest first."""
        if not self.backups_dir.is_dir():
            return []
        stem, suffix = self.path.stem, self.path.suffix
        found = [
            p
            for p in self.backups_dir.glob(f"{stem}-*{suffix}")
            if _STAMP.search(p.name[: len(p.name) - len(suffix)]) and p.is_file()
        ]
        return sorted(found, key=lambda p: p.name, reverse=True)

    def restore(self, backup: Path) -> Pack:
        """Make `backup` the library again; the current file is backed up first, so this can be undone."""
        try:
            data = Path(backup).read_bytes()
        except OSError as exc:
            message = msg("personal.backup_unreadable", backup=str(backup), reason=os_reason(exc))
            raise PersonalLibraryError(message) from exc
        pack, problems = parse_pack(data, str(self.path), Layer.PERSONAL)
        if pack is None:
            raise PersonalLibraryError(
                msg("personal.backup_not_pack", backup=str(backup), first=problems[0].code)
            )
        try:
            current = self.path.read_bytes()
        except FileNotFoundError:
            current = None
        try:
            with self._locked():
                if current is not None and current != data and current != self._newest_backup_bytes():
                    self._backup(current)
                _atomic_write(self.path, data)
        except OSError as exc:
            message = msg("reliability.save_failed", path=str(self.path), reason=os_reason(exc))
            raise PersonalLibraryError(message, disk=True) from exc
        self._prune()
        self._blocked = None
        self._base = (data, pack)
        return pack

    def unreadable(self) -> list[Path]:
        """Files `load` set aside because they did not load, newest first (they are never deleted)."""
        if not self.path.parent.is_dir():
            return []
        found = self.path.parent.glob(f"{self.path.stem}.unreadable-*{self.path.suffix}")
        return sorted((p for p in found if p.is_file()), key=lambda p: p.name, reverse=True)

    def repair(self, kept: Path) -> Pack:
        """Make a set-aside file the library again with its typing slips fixed (Chinese quotes, ＝, ，, …
        as `pack check` names them). The current file is backed up first; `kept` is renamed to
        `….repaired-…` (kept on disk). Raises PersonalLibraryError when it still does not load."""
        try:
            data = Path(kept).read_bytes()
        except OSError as exc:
            raise PersonalLibraryError(
                msg("personal.kept_unreadable", kept=str(kept), reason=os_reason(exc))
            ) from exc
        _, problems = parse_pack(data, str(kept), Layer.PERSONAL)
        fixes = [p.fix for p in problems if p.fix is not None]
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            fixes = []
        if not fixes:
            first = problems[0].code if problems else msg("personal.no_problem_found")
            raise PersonalLibraryError(msg("personal.nothing_to_fix", kept=str(kept), first=first))
        fixed = apply_fixes(text, fixes).encode("utf-8")
        pack, problems = parse_pack(fixed, str(self.path), Layer.PERSONAL)
        if pack is None:
            raise PersonalLibraryError(
                msg("personal.still_unreadable", kept=str(kept), first=problems[0].code)
            )
        try:
            current = self.path.read_bytes()
        except FileNotFoundError:
            current = None
        with self._locked():
            if current is not None and current != fixed and current != self._newest_backup_bytes():
                self._backup(current)
            _atomic_write(self.path, fixed)
        self._prune()
        self._blocked = None
        self._base = (fixed, replace(pack, path=str(self.path)))
        os.replace(kept, kept.with_name(kept.name.replace(".unreadable-", ".repaired-", 1)))
        return replace(pack, path=str(self.path))

    def _backup(self, data: bytes) -> Path:
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        base = f"{self.path.stem}-{_stamp()}"
        target, n = self.backups_dir / f"{base}{self.path.suffix}", 2
        while target.exists():
            target, n = self.backups_dir / f"{base}-{n}{self.path.suffix}", n + 1
        _atomic_write(target, data)
        return target

    def _prune(self) -> None:
        try:
            for old in self.backups()[self.keep :]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # too many backups costs disk space, nothing else

    def _remove_stray_temp_files(self) -> None:
        """Temp files left by a save that was killed before its rename: never the library itself."""
        for folder, name in ((self.path.parent, self.path.name), (self.backups_dir, self.path.stem)):
            if folder.is_dir():
                for stray in folder.glob(f".{name}*.tmp"):
                    stray.unlink(missing_ok=True)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _atomic_write(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over `path`, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # The rename lives in the folder's entry table: without this a power cut can undo it. POSIX only;
    # Windows cannot open a folder this way and its NTFS journal covers the rename.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_to_personal(personal: Pack, phrase: Phrase, source: Pack | None = None) -> Pack:
    """`personal` with a copy of a team phrase under the same id (so it overrides the team one), plus the
    placeholder declarations it uses from `source`. Raises ValueError when that id is already there."""
    if any(p.id == phrase.id for p in personal.phrases):
        raise ValueError(f"'{phrase.title}' is already in your library; edit it there")
    code = phrase.code
    if code and any(p.code.casefold() == code.casefold() for p in personal.phrases):
        code = ""  # another personal phrase owns this code; the copy is still found by title and text
    copy = replace(phrase, code=code, pack_id=personal.id, line=0)
    declared = {d.name for d in personal.placeholders}
    wanted = _names(phrase.text)
    extra: list[Placeholder] = [
        d for d in (source.placeholders if source else ()) if d.name in wanted and d.name not in declared
    ]
    categories = (
        personal.categories if copy.category in personal.categories else (*personal.categories, copy.category)
    )
    return replace(
        personal,
        phrases=(*personal.phrases, copy),
        placeholders=(*personal.placeholders, *extra),
        categories=categories,
    )


def _names(text: str) -> set[str]:
    if "{" not in text or template_problems(text):
        return set()
    return set(placeholder_names(text))


def _same(a: object, b: object) -> bool:
    """Equal apart from where it was read (line numbers differ between two parses of one file)."""
    if hasattr(a, "line") and hasattr(b, "line"):
        return replace(a, line=0) == replace(b, line=0)  # type: ignore[type-var]
    return a == b


def _merge_items(
    base: tuple[T, ...], ours: tuple[T, ...], theirs: tuple[T, ...], key: Callable[[T], str]
) -> tuple[T, ...]:
    """Their items with our changes applied: what we added, changed or deleted since `base`."""
    was = {key(x): x for x in base}
    mine = {key(x): x for x in ours}
    other = {key(x): x for x in theirs}
    out: list[T] = []
    for item in theirs:
        k = key(item)
        if k in mine:
            out.append(item if _same(mine[k], was.get(k, mine[k])) and k in was else mine[k])
        elif k not in was or not _same(item, was[k]):
            out.append(item)  # new in theirs, or changed there while we deleted it: keep their edit
    for item in ours:
        k = key(item)
        if k not in other and (k not in was or not _same(item, was[k])):
            out.append(item)  # new in ours, or changed by us while they deleted it
    return tuple(out)


def merge_changes(base: Pack, ours: Pack, theirs: Pack) -> Pack:
    """`theirs` (saved by another process since we read `base`) with our changes from base to ours."""
    categories = (*theirs.categories, *(c for c in ours.categories if c not in theirs.categories))
    return replace(
        theirs,
        phrases=_merge_items(base.phrases, ours.phrases, theirs.phrases, lambda p: p.id),
        scripts=_merge_items(base.scripts, ours.scripts, theirs.scripts, lambda s: s.id),
        placeholders=_merge_items(
            base.placeholders, ours.placeholders, theirs.placeholders, lambda d: d.name
        ),
        categories=categories,
        path=ours.path or theirs.path,
    )
