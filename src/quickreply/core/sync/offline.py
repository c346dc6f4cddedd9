"""The offline copies of subscribed packs: `<data>/subscriptions/<source key>/` with the pack file(s) and
`state.json` (etag, last-modified, times of the last check and the last success, the last error, pack
versions, content hash). Only packs that passed validation are ever written here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from quickreply.core.file_names import is_pack_file
from quickreply.core.messages import Message, Texts
from quickreply.core.messages.message import from_json, to_json
from quickreply.core.sync.subscriptions import Source
from quickreply.paths import Paths

STATE_FILE = "state.json"


@dataclass
class SourceState:
    """What state.json holds for one source; times are ISO 8601 strings, "" when never."""

    kind: str = ""
    location: str = ""
    name: str = ""
    etag: str = ""
    last_modified: str = ""  # the server's Last-Modified header, sent back as If-Modified-Since
    last_checked: str = ""
    last_ok: str = ""  # last time the source was read and everything in it was good
    last_changed: str = ""  # last time the cached copy changed
    last_errors: list[dict[str, Any]] = field(default_factory=list)  # the failures, as message codes + args
    last_error: str = ""  # the same in English and Chinese, for older versions reading this file
    last_error_zh: str = ""
    version: str = ""  # the pack's version; for a folder "id version" of each pack, joined by ", "
    content_hash: str = ""  # sha256 over the cached files' names and hashes
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> pack_id, version, sha256

    def set_errors(self, failures: Sequence[Message | Texts]) -> None:
        """Record the last sync's failures (none: it went well)."""
        self.last_errors = [to_json(f) for f in failures if isinstance(f, Message)]
        self.last_error = "\n".join(f.render("en") for f in failures)
        self.last_error_zh = "\n".join(f.render("zh_CN") for f in failures)

    def errors(self) -> list[Message | Texts]:
        """The last sync's failures to show in any language. A state.json written before failures were
        codes (or naming a code this version lacks) has only the two texts: they are shown as written."""
        found = [from_json(data) for data in self.last_errors]
        if found and all(m is not None for m in found):
            return [m for m in found if m is not None]
        if not self.last_error:
            return []
        return [Texts(zh_CN=self.last_error_zh or self.last_error, en=self.last_error)]


def subscriptions_dir(paths: Paths) -> Path:
    """Where all sources' offline copies live."""
    return paths.data / "subscriptions"


def source_dir(cache_root: Path, source: Source) -> Path:
    return cache_root / source.key


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_state(folder: Path) -> SourceState:
    """The saved state; a missing or damaged state.json starts afresh (the pack copies still count)."""
    try:
        raw = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return SourceState()
    if not isinstance(raw, dict):
        return SourceState()
    known = SourceState.__dataclass_fields__
    values = {k: v for k, v in raw.items() if k in known and isinstance(v, type(getattr(SourceState(), k)))}
    return SourceState(**values)


def atomic_write_bytes(path: Path, data: bytes, *, shared: bool = False) -> None:
    """Temp file + fsync + rename: a crash leaves the old copy or the new one, never half of one. The file
    is the user's own (0600); `shared` files (a team folder the lead reads) get what the umask allows, as
    any file the user saves (0644 under the usual umask 022)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = (
        _shared_temp(path)
        if shared
        else tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _shared_temp(path: Path) -> tuple[int, str]:
    """A new temp file beside `path` created with mode 0666, so the kernel applies the umask (mkstemp
    forces 0600; reading the umask would mean setting it, racing other threads)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temp name beside {path}")


def write_state(folder: Path, state: SourceState) -> None:
    text = json.dumps(asdict(state), ensure_ascii=False, indent=2, sort_keys=True)
    atomic_write_bytes(folder / STATE_FILE, (text + "\n").encode("utf-8"))


def cached_files(folder: Path) -> dict[str, Path]:
    """The pack copies of one source by file name, sorted; empty when nothing was fetched yet."""
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.iterdir(), key=lambda p: p.name) if is_pack_file(p)}


def content_hash(folder: Path) -> str:
    files = cached_files(folder)
    if not files:
        return ""
    joined = "\n".join(f"{name}\t{sha256(path.read_bytes())}" for name, path in files.items())
    return sha256(joined.encode("utf-8"))


def cached_team_packs(cache_root: Path, sources: Sequence[Source] | None = None) -> list[Path]:
    """The pack files to load as Layer.TEAM, in subscription order then file name order.

    Pass the configured sources so a subscription removed from settings.toml stops loading; with None,
    every cached source is used (sorted by folder name)."""
    if sources is None:
        folders = sorted(p for p in cache_root.glob("*") if (p / STATE_FILE).is_file())
    else:
        folders = [source_dir(cache_root, s) for s in sources]
    return [path for folder in folders for path in cached_files(folder).values()]
