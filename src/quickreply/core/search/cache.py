"""The search index cached on disk, keyed by a hash of what it indexes: a warm start skips the build.

One pickle per pack (`pack-v<format>-<hash>.pickle`, keyed by the pack's `source_key`), combined into
the library's index at load (combine.py): one changed team pack, or a save of the personal layer,
re-indexes only that pack. A library whose phrases are not simply its packs' phrases (an id in a later
layer hides one in an earlier pack) or whose packs were made in memory has one pickle for all of it
(`index-v<format>-<hash>.pickle`). Files are written atomically (temp file + os.replace). A cache that
is corrupt, truncated, from another format version or for other content is ignored and rebuilt; the
files in use and the few most recently used ones are kept, so switching libraries stays warm.
The cache dir is the user's own (app_paths().index_cache_dir), so unpickling it trusts nothing foreign.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import re
import sys
from collections.abc import Sequence
from functools import cache
from itertools import chain
from pathlib import Path

from quickreply.core.framed import FrameReader, frame, write_frames
from quickreply.core.model import Pack, Phrase
from quickreply.core.packs.cache import gc_paused
from quickreply.core.search.combine import combine, shifted
from quickreply.core.search.compact import frames, restored
from quickreply.core.search.data import IndexData
from quickreply.core.search.index import SearchIndex, build_data

FORMAT_VERSION = 9  # bump whenever IndexData or the meaning of its contents changes
_INDEX_MODULES = (
    "index.py",
    "alphabet.py",
    "data.py",
    "fields.py",
    "fold.py",
    "pinyin.py",
    "partial.py",
    "patterns.py",
    "compact.py",
    "../framed.py",
)
KEEP_FILES = 4
KEEP_PACK_FILES = 2  # pack index files kept besides those of the library just loaded
log = logging.getLogger(__name__)


def content_key(phrases: Sequence[Phrase]) -> str:
    """Hash of everything the index is built from (the searchable fields, in order) and of its format."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"quickreply-index-v{FORMAT_VERSION}\x1e{_pinyin_stamp()}\x1e{_code_stamp()}\x1e".encode())
    chunk: list[str] = []
    for phrase in phrases:
        chunk.append(
            "\x1f".join(
                (
                    phrase.code,
                    phrase.title,
                    "\x1d".join((*phrase.tags, "\x1c", *phrase.questions)),
                    phrase.category,
                    phrase.text,
                )
            )
        )
        if len(chunk) >= 4096:
            digest.update(("\x1e".join(chunk) + "\x1e").encode("utf-8", "surrogatepass"))
            chunk.clear()
    digest.update("\x1e".join(chunk).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def packs_key(packs: Sequence[Pack]) -> str | None:
    """The index key of a library made of `packs` (in layer order), from the loader's per-pack keys
    (`Pack.source_key`: a hash of each file's bytes, path, layer and checking code): at 100k phrases this
    skips re-hashing every phrase (≈0.15 s of a warm start). None when a pack has no key (made in memory):
    then `content_key` hashes the phrases."""
    if not packs or any(not p.source_key for p in packs):
        return None
    digest = hashlib.blake2b(digest_size=16)
    digest.update(
        f"quickreply-index-v{FORMAT_VERSION}\x1e{_pinyin_stamp()}\x1e{_code_stamp()}\x1epacks".encode()
    )
    for pack in packs:
        digest.update(f"\x1e{pack.source_key}".encode())
    return digest.hexdigest()


def _pinyin_stamp() -> str:
    """Changes when pypinyin's character table does (the index holds readings taken from it)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return "no-pypinyin"
    try:
        stat = (Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json").stat()
    except OSError:
        return "no-table"
    return f"{stat.st_size}"


@cache
def _code_stamp() -> str:
    """Hash of the modules that build and read IndexData: a cache written by other code is never
    trusted, even if FORMAT_VERSION was not bumped (falls back to the version in a frozen app)."""
    digest = hashlib.blake2b(sys.byteorder.encode(), digest_size=8)  # the files hold ids in memory order
    here = Path(__file__).resolve().parent
    for name in sorted(_INDEX_MODULES):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            return "frozen"
    return digest.hexdigest()


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"index-v{FORMAT_VERSION}-{key}.pickle"


def load_or_build_index(
    phrases: Sequence[Phrase], cache_dir: Path | None, key: str | None = None
) -> SearchIndex:
    """The index for `phrases`: from the cache when it holds this exact content, else built (and cached).
    `key`: what `phrases` were made from (`packs_key` of the library's packs); default: a hash of them."""
    phrases = tuple(phrases)
    if cache_dir is None:
        return SearchIndex(phrases, build_data(phrases))
    key = key or content_key(phrases)
    path = cache_path(cache_dir, key)
    found = _read(path, key, phrases)
    if found is not None:
        _touch(path)
        return SearchIndex(phrases, combine([found[0]], [found[1]]))
    data = build_data(phrases)
    _write(path, key, data, 0)
    _prune(cache_dir, keep=path)
    _prune_stale_formats(cache_dir)
    return SearchIndex(phrases, data)


def load_or_build_library_index(
    packs: Sequence[Pack], phrases: Sequence[Phrase], cache_dir: Path | None
) -> SearchIndex:
    """The index of a library of `packs` (in layer order) whose visible phrases are `phrases`: each pack's
    part from its own cache file (built and cached when missing), combined. Falls back to one index of
    all `phrases` (load_or_build_index) when they are not the packs' phrases one after another."""
    phrases = tuple(phrases)
    parts = _parts(packs, phrases)
    if cache_dir is None or parts is None:
        return load_or_build_index(phrases, cache_dir, packs_key(packs))
    used: list[Path] = []
    datas: list[IndexData] = []
    bases: list[int] = []
    offset = 0
    built = False
    for pack in parts:
        key = pack_key(pack)
        path = cache_dir / f"pack-v{FORMAT_VERSION}-{key}.pickle"
        found = _read(path, key, pack.phrases)
        if found is None:  # built, and stored with its ids where they are in this library
            found = shifted(build_data(pack.phrases), offset), offset
            _write(path, key, *found)
            built = True
        else:
            _touch(path)
        used.append(path)
        datas.append(found[0])
        bases.append(found[1])
        offset += len(pack.phrases)
    _prune_packs(cache_dir, used)
    if built:  # files of another format come only with a format change, which rebuilds every pack
        _prune_stale_formats(cache_dir)
    return SearchIndex(phrases, combine(datas, bases))


def pack_key(pack: Pack) -> str:
    """The cache key of one pack's part of the index (from the loader's `source_key`)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"quickreply-pack-index-v{FORMAT_VERSION}\x1e{_pinyin_stamp()}\x1e{_code_stamp()}".encode())
    digest.update(f"\x1e{pack.source_key}".encode())
    return digest.hexdigest()


def _parts(packs: Sequence[Pack], phrases: tuple[Phrase, ...]) -> list[Pack] | None:
    """The packs with phrases, in the library's order, when `phrases` are theirs one after another and
    every pack has a source key; else None."""
    ordered = [p for p in sorted(packs, key=lambda p: p.layer.value) if p.phrases]  # as Library orders
    if not ordered or any(not p.source_key for p in ordered):
        return None
    if sum(len(p.phrases) for p in ordered) != len(phrases):
        return None
    at = 0
    for pack in ordered:
        end = at + len(pack.phrases)
        if any(a is not b for a, b in zip(pack.phrases, phrases[at:end], strict=True)):
            return None  # a later layer's phrase took this one's place
        at = end
    return ordered


def _prune_packs(cache_dir: Path, used: list[Path]) -> None:
    """Delete pack index files beyond those in `used` and the KEEP_PACK_FILES most recently used others."""
    try:
        files = sorted(cache_dir.glob("pack-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        others = [f for f in files if f not in used]
        for old in others[KEEP_PACK_FILES:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("could not prune %s: %s", cache_dir, exc)


def _read(path: Path, key: str, phrases: Sequence[Phrase]) -> tuple[IndexData, int] | None:
    """The data in the file and the base its phrase ids include (combine.py), or None: rebuild."""
    try:
        with path.open("rb") as stream, gc_paused():
            frames = FrameReader(stream)
            version, stored_key, stored_size, base = frames.next()
            if (version, stored_key, stored_size) != (FORMAT_VERSION, key, len(phrases)):
                log.info("search index cache %s does not match; rebuilding it", path)
                return None
            data = restored(frames, phrases), int(base)
            frames.end()
    except FileNotFoundError:
        return None
    except Exception as exc:  # any damage to a cache file (truncated, foreign, old classes) means "rebuild"
        log.warning("search index cache %s is unreadable (%s); rebuilding it", path, exc)
        return None
    return data


def _write(path: Path, key: str, data: IndexData, base: int) -> None:
    try:
        write_frames(path, chain([frame((FORMAT_VERSION, key, len(data.codes), base))], frames(data)))
    except OSError as exc:  # a read-only or full disk costs speed next time, nothing else
        log.warning("cannot write the search index cache %s: %s", path, exc)


def _touch(path: Path) -> None:
    """Mark the file as recently used, so pruning keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


_FORMAT_OF = re.compile(r"^(?:index|pack)-v(\d+)-")


def _prune_stale_formats(cache_dir: Path) -> None:
    """Delete index files of other format versions, whole-library or per pack: no version of the app that
    writes this format reads them again (before, the per-pack path left a library's old whole-library
    files behind for good)."""
    try:
        for old in cache_dir.glob("*-v*-*.pickle"):
            found = _FORMAT_OF.match(old.name)
            if found and int(found.group(1)) != FORMAT_VERSION:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("could not prune %s: %s", cache_dir, exc)


def _prune(cache_dir: Path, keep: Path) -> None:
    """Delete all but the KEEP_FILES most recently used index files (and stale temp files)."""
    try:
        files = sorted(cache_dir.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("could not prune %s: %s", cache_dir, exc)
