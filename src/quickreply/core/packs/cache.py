"""Checked packs cached on disk, keyed by the file's bytes: a warm start skips TOML parsing and checking.

Parsing and checking a 100k-phrase pack takes ~1.7 s; reading the result back ~0.2 s. Only large files are
cached. A file (`phrases-v<format>-<key>.pickle`) is a run of small frames (core/framed.py): the pack
without its phrases and the problems, then the phrases in frames of CHUNK (zstd: 28 → 14 MB at 100k
phrases), so that a read in a worker thread never holds the GIL long. Files of other formats are
deleted. The key covers the file's content, its path and layer, and the source of the checker itself, so
a changed pack or a changed rule is never served stale. A damaged or foreign cache file means "parse".
The cache dir is the user's own (under app_paths().cache), so unpickling trusts nothing foreign.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from functools import cache
from itertools import chain
from pathlib import Path

from quickreply import __version__
from quickreply.core.framed import FrameReader, frame, write_frames
from quickreply.core.model import Layer, Pack, Phrase, Problem

CACHE_MIN_BYTES = 1024 * 1024  # smaller packs parse in milliseconds
KEEP_FILES = 16
FORMAT_VERSION = 3  # 1: one pickle of (key, pack, problems), named pack-<key>.pickle; 2: pickled frames
CHUNK = 2048  # phrases per frame (unpickling one takes ~5 ms)
_CHECKER_SOURCES = (
    "packs/load.py",
    "packs/items.py",
    "packs/scripts.py",
    "packs/toml_lines.py",
    "packs/toml_slips.py",
    "packs/toml_errors.py",
    "template.py",
    "model.py",
)
log = logging.getLogger(__name__)

Parsed = tuple[Pack | None, list[Problem]]


_pause_lock = threading.Lock()
_pause_depth = 0  # how many gc_paused() blocks are open, in any thread
_pause_restore = False  # whether the GC was enabled when the first of them opened


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many acyclic objects: its passes over 100k phrases cost ~1.5 s.

    The GC switch is process-wide and the app pauses it from several threads at once (the library loader,
    the team sync), so the pauses are counted: the GC is enabled again when the last one ends, and only if
    it was enabled when the first began. (A per-call "was it enabled" lets one thread's end switch the GC
    back on in the middle of another thread's pause.)"""
    global _pause_depth, _pause_restore
    with _pause_lock:
        if _pause_depth == 0:
            _pause_restore = gc.isenabled()
            gc.disable()
        _pause_depth += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pause_depth -= 1
            if _pause_depth == 0 and _pause_restore:
                gc.enable()


@cache
def _checker_stamp() -> bytes:
    """Changes whenever the loading and checking code does (falls back to the version in a frozen build)."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    core = Path(__file__).resolve().parents[1]
    for name in _CHECKER_SOURCES:
        with suppress(OSError):
            digest.update((core / name).read_bytes())
    return digest.digest()


def cache_key(data: bytes, path: str, layer: Layer) -> str:
    digest = hashlib.blake2b(_checker_stamp(), digest_size=20)
    digest.update(f"\x1e{path}\x1e{layer.name}\x1e".encode("utf-8", "surrogatepass"))
    digest.update(data)
    return digest.hexdigest()


def _file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"phrases-v{FORMAT_VERSION}-{key}.pickle"


def read_cached(cache_dir: Path, key: str) -> Parsed | None:
    file = _file(cache_dir, key)
    try:
        with file.open("rb") as stream, gc_paused():
            frames = FrameReader(stream)
            stored_key, pack, problems, count = frames.next()
            if stored_key != key or not (pack is None or isinstance(pack, Pack)):
                return None
            phrases: list[Phrase] = []
            while len(phrases) < count:
                phrases.extend(frames.next())
            frames.end()
    except FileNotFoundError:
        return None
    except Exception as exc:  # any damage to a cache file just means "parse again"
        log.warning("pack cache %s is unreadable (%s); parsing the pack again", file, exc)
        return None
    if not isinstance(problems, list) or len(phrases) != count:
        return None
    with suppress(OSError):
        os.utime(file)  # recently used files survive pruning
    return (None if pack is None else replace(pack, phrases=tuple(phrases))), problems


def write_cached(cache_dir: Path, key: str, parsed: Parsed) -> None:
    file = _file(cache_dir, key)
    pack, problems = parsed
    phrases = () if pack is None else pack.phrases
    head = (key, None if pack is None else replace(pack, phrases=()), problems, len(phrases))
    chunks = (frame(phrases[at : at + CHUNK]) for at in range(0, len(phrases), CHUNK))
    try:
        write_frames(file, chain([frame(head)], chunks))  # pickled as written: overlaps the compression
        files = sorted(cache_dir.glob("phrases-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        other = [f for f in files if not f.name.startswith(f"phrases-v{FORMAT_VERSION}-")]  # older formats
        for old in [*files[KEEP_FILES:], *other, *cache_dir.glob("pack-*.pickle")]:  # and format 1's files
            old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only or full disk costs speed next time, nothing else
        log.warning("cannot write the pack cache in %s: %s", cache_dir, exc)
