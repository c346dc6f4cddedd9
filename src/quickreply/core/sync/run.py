"""The team-pack sync: fetch each subscribed source, validate what changed, keep the offline copies.

A new file replaces the cached copy only when parse_pack finds no error in it; anything else (unreachable,
HTTP error, broken TOML, not UTF-8) keeps the last good copy and says so. Used by the app's timer and by
`quickreply sync` (cli/sync.py), so both behave the same.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from quickreply.core.file_names import file_name_problem
from quickreply.core.messages import Message, msg, os_reason
from quickreply.core.model import Layer, Pack
from quickreply.core.packs.diff import diff_packs
from quickreply.core.packs.load import parse_pack
from quickreply.core.settings.model import default_of
from quickreply.core.sync.changes import phrase_changes, record_updates, update_records
from quickreply.core.sync.fetch import (
    Fetcher,
    FetchError,
    FetchResult,
    StillWriting,
    fetch_url,
    folder_fingerprint,
    read_folder,
)
from quickreply.core.sync.offline import (
    SourceState,
    atomic_write_bytes,
    cached_files,
    content_hash,
    read_state,
    sha256,
    source_dir,
    write_state,
)
from quickreply.core.sync.report import (
    WEB_PAGE,
    PackChange,
    SourceResult,
    Status,
    SyncReport,
    failure_text,
    invalid_text,
)
from quickreply.core.sync.subscriptions import Source

DEFAULT_TIMEOUT: float = default_of("sync", "timeout_seconds")  # `[sync] timeout_seconds`

log = logging.getLogger(__name__)
Failure = tuple[str, Message]  # (file name or "", what went wrong)


def _url_file_name(url: str) -> str:
    """The cached copy's name: the url's own file name when it is a plain `.toml` name."""
    try:
        name = unquote(posixpath.basename(urlsplit(url).path))
    except ValueError:
        return "pack.toml"
    safe = name.lower().endswith(".toml") and not name.startswith(".") and not file_name_problem(name)
    return name if safe else "pack.toml"


def _empty(pack: Pack) -> Pack:
    return Pack(id=pack.id, name=pack.name, version="")


def _apply(
    source: Source, folder: Path, incoming: dict[str, bytes], unread: dict[str, FetchError]
) -> tuple[list[PackChange], list[Failure]]:
    """Validate each changed file and replace its cached copy; drop copies of files gone from the source."""
    cached = cached_files(folder)
    changes: list[PackChange] = []
    failures: list[Failure] = [
        (name, exc.message) for name, exc in unread.items() if not isinstance(exc, StillWriting)
    ]
    for name, data in incoming.items():
        old_bytes = cached[name].read_bytes() if name in cached else None
        if old_bytes == data:
            continue
        if data.lstrip()[:1] == b"<":  # a proxy's login page or an error page served with 200
            failures.append((name, WEB_PAGE))
            continue
        label = source.location if source.kind == "url" else os.path.join(source.location, name)
        pack, found = parse_pack(data, label, Layer.TEAM)
        if pack is None or any(p.is_error for p in found):
            failures.append((name, invalid_text(found)))
            continue
        old = parse_pack(old_bytes, str(cached[name]), Layer.TEAM)[0] if old_bytes is not None else None
        held = _held_back(old, pack)
        if held is not None:
            failures.append((name, held))
            continue
        atomic_write_bytes(folder / name, data)
        before = old or _empty(pack)
        kind: Literal["updated", "added"] = "updated" if old else "added"
        changes.append(
            PackChange(name, pack.id, kind, diff_packs(before, pack), phrase_changes(before, pack))
        )
    for name, path in cached.items():
        if name in incoming or name in unread:
            continue
        old = parse_pack(path.read_bytes(), str(path), Layer.TEAM)[0]
        path.unlink()
        if old is not None:
            gone = _empty(old)
            changes.append(
                PackChange(name, old.id, "removed", diff_packs(old, gone), phrase_changes(old, gone))
            )
    return changes, failures


def _held_back(old: Pack | None, new: Pack) -> Message | None:
    """Why an update that checks clean is still not taken, or None: one that empties the pack,
    or removes more than half its phrases without a new version, is far likelier a cut-off copy (a
    truncated upload, a copy in progress) than the lead's intent; the lead raises `version` to confirm."""
    if old is None or not old.phrases:
        return None
    removed = len({p.id for p in old.phrases} - {p.id for p in new.phrases})
    if not new.phrases and not new.scripts:
        message = msg("reliability.held_back_empty", old=len(old.phrases))
    elif removed * 2 > len(old.phrases) and new.version == old.version:
        message = msg(
            "reliability.held_back", removed=removed, old=len(old.phrases), new=len(new.phrases),
            version=new.version,
        )  # fmt: skip
    else:
        return None
    return message


def _record_files(folder: Path, state: SourceState) -> None:
    """Pack id, version and hash of every cached file (parsed again only when its hash is new)."""
    files: dict[str, dict[str, object]] = {}
    for name, path in cached_files(folder).items():
        digest = sha256(path.read_bytes())
        known = state.files.get(name, {})
        if known.get("sha256") != digest:
            pack = parse_pack(path.read_bytes(), str(path), Layer.TEAM)[0]
            known = {"pack_id": pack.id if pack else "", "version": pack.version if pack else ""}
        files[name] = {
            "pack_id": known.get("pack_id", ""),
            "version": known.get("version", ""),
            "sha256": digest,
        }
    state.files = files
    versions = [f"{info['pack_id']} {info['version']}" for info in files.values()]
    state.version = str(next(iter(files.values()))["version"]) if len(files) == 1 else ", ".join(versions)
    state.content_hash = content_hash(folder)


def _message(source: Source, failure: Failure, folder: Path, state: SourceState) -> Message:
    """A failure as the user reads it, naming the copy still in use and how fresh it is."""
    file, what = failure
    copy = cached_files(folder).get(file) if file else next(iter(cached_files(folder).values()), None)
    when = state.last_ok
    if copy is not None and not when:  # state.json lost: the copy's own time is the best we know
        when = datetime.fromtimestamp(copy.stat().st_mtime).isoformat()
    return failure_text(source, file, what, when if copy is not None else "")


def _read(
    source: Source, folder: Path, state: SourceState, fetcher: Fetcher, timeout: float
) -> tuple[dict[str, bytes] | None, dict[str, FetchError], FetchResult | None]:
    """(files, unreadable files, fetch result): files None when the server says the copy is current."""
    if source.kind == "path":
        found, unread = read_folder(source.location)
        return found, unread, None
    name = _url_file_name(source.location)
    headers: dict[str, str] = {}
    if name in cached_files(folder):  # conditional only with a copy to fall back on
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
    response = fetcher(source.location, headers, timeout)
    if response.status == 304:
        if not headers:
            raise FetchError(msg("sync.plain_304"))
        return None, {}, response
    return {name: response.body}, {}, response


def sync_source(
    source: Source,
    cache_root: Path,
    now: datetime,
    fetcher: Fetcher = fetch_url,
    timeout: float = DEFAULT_TIMEOUT,
) -> SourceResult:
    """Bring one source's offline copy up to date; never raises for network, file or pack problems."""
    folder = source_dir(cache_root, source)
    state = read_state(folder)
    state.kind, state.location, state.name = source.kind, source.location, source.name
    stamp = now.isoformat(timespec="seconds")
    had_copy = bool(cached_files(folder))
    changes: list[PackChange] = []
    failures: list[Failure] = []
    try:
        files, unread, response = _read(source, folder, state, fetcher, timeout)
        if files is not None:
            changes, failures = _apply(source, folder, files, unread)
        if response is not None and not failures:  # a rejected file must be fetched in full next time
            fresh = response.status == 200  # a 304 may leave the validators out: keep the ones we have
            state.etag = response.etag if fresh else response.etag or state.etag
            state.last_modified = (
                response.last_modified if fresh else response.last_modified or state.last_modified
            )
    except FetchError as exc:
        failures = [("", exc.message)]
    except OSError as exc:
        failures = [("", msg("sync.cannot_save_copy", folder=str(folder), reason=os_reason(exc)))]
    except Exception as exc:  # a barrier: whatever this source does, the other sources still sync
        log.exception("sync of %s failed", source.location)
        failures = [("", _unexpected(exc))]
    texts = [_message(source, failure, folder, state) for failure in failures]
    state.last_checked = stamp
    state.set_errors(texts)
    if not failures:
        state.last_ok = stamp
    if changes:
        state.last_changed = stamp
    try:
        _record_files(folder, state)
        write_state(folder, state)
    except OSError as exc:
        texts.append(
            msg("sync.cannot_save_state", source=source.label, folder=str(folder), reason=os_reason(exc))
        )
    status: Status = "current"
    if texts:
        status = "failed"
    elif changes:
        status = "updated" if had_copy else "new"
    return SourceResult(source, status, tuple(changes), tuple(texts), state.last_ok, state.version)


def sync_all(
    sources: Sequence[Source],
    cache_root: Path,
    now: datetime,
    fetcher: Fetcher = fetch_url,
    timeout: float = DEFAULT_TIMEOUT,
) -> SyncReport:
    """Sync every source in turn (each bounded by `timeout`); the report says what changed and failed."""
    results = tuple(_sync_isolated(source, cache_root, now, fetcher, timeout) for source in sources)
    report = SyncReport(results, now.isoformat(timespec="seconds"))
    try:  # what changed, phrase by phrase, for the app's update list and 新/改 marks
        record_updates(cache_root, update_records(report), now)
    except OSError as exc:
        log.warning("cannot record the team pack update in %s: %s", cache_root, exc)
    return report


def _unexpected(exc: BaseException) -> Message:
    return msg("reliability.sync_unexpected", detail=f"{type(exc).__name__}: {exc}")


def _sync_isolated(
    source: Source, cache_root: Path, now: datetime, fetcher: Fetcher, timeout: float
) -> SourceResult:
    """sync_source, and a failed result instead of an exception, so one source never stops the others."""
    try:
        return sync_source(source, cache_root, now, fetcher, timeout)
    except Exception as exc:
        log.exception("sync of %s failed", source.location)
        failure = msg("sync.failed_source", source=source.label, what=_unexpected(exc))
        return SourceResult(source, "failed", (), (failure,), "", "")


def folder_fingerprints(sources: Sequence[Source]) -> dict[str, tuple[tuple[str, int, int], ...] | None]:
    """Source key -> (name, size, mtime) of its files, for folder sources: poll, and sync when it differs."""
    return {s.key: folder_fingerprint(s.location) for s in sources if s.kind == "path"}
