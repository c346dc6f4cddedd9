"""IndexData as the index cache stores it: small compressed frames (core/framed.py), titles and texts
left to the phrases, postings in two bytes per id instead of four.

- Most folded titles and texts are the phrase's own string: the file holds only those folding changed
  (`FieldIndex.changed`; ~20 MB less at 100k phrases).
- Dual views, codes and the changed values go in frames of CHUNK values (zstd: 24 → 11 MB at 100k).
- The ids of one key are sorted, so they are stored as their low 16 bits and, per higher block of
  65,536 ids, where that block starts. Both ways run as memoryview copies at C speed (~5 ms per million
  ids); a delta or varint code would be smaller but costs about a second per 10 million ids in Python,
  at every cold build and warm start. Short lists are kept as they are (their per-key cost would
  outweigh the bytes). A frame holds at most GROUP_KEYS lists and about GROUP_IDS ids.
Every frame is at most a few MB, so reading one back never holds the GIL for long (framed.py).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

from quickreply.core.framed import Frame, FrameReader, frame
from quickreply.core.model import Phrase
from quickreply.core.search.data import IndexData

CHUNK = 8192  # values (dual views, codes, changed values) per frame
GROUP_KEYS = 4096  # posting lists per frame (each short list is one array to unpickle)
GROUP_IDS = 1 << 19  # about this many ids per frame (1 MB packed)
MIN_PACKED = 256  # ids; shorter lists stay arrays (unpacking costs ~10 µs a list)
_KINDS = ("uni", "ini", "first")
_LOW, _HIGH = (0, 1) if sys.byteorder == "little" else (1, 0)  # halves of an int32 as two uint16

Packed = tuple[bytes, tuple[int, ...]]  # low halves, start of each 65,536-id block after the first
Stored = tuple[dict[str, array], dict[str, Packed]]  # short lists as they are, long ones packed


def frames(data: IndexData) -> Iterator[Frame]:
    """The frames of `data` (left unchanged), read back by `restored`: a small head, then every long list
    in frames of CHUNK values and every posting map in groups."""
    fields = {}
    for name, field in data.fields.items():
        if field.owners is None:  # one value per phrase: left to the phrases, dual views in frames
            field = replace(field, values=[], duals=[], changed=None)
        else:  # shared values (tags, categories): which phrases have each, in frames
            field = replace(field, owners=[], value_of=[])
        fields[name] = replace(field, uni={}, ini={}, first={})
    partial = data.partial
    if partial is not None:
        owners: dict[str, list[tuple[int, ...]] | None] = {
            name: None if found is None else [] for name, found in partial.owners.items()
        }
        partial = replace(partial, postings={name: {} for name in partial.postings}, owners=owners)
    yield frame(replace(data, fields=fields, partial=partial, codes=[], code_order=[]))
    yield from _list(data.codes)
    yield from _list(data.code_order)
    for field in data.fields.values():
        if field.owners is None:
            yield from _list(field.duals)
            yield from _list(sorted((field.changed or {}).items()))
        else:
            yield from _list(field.owners)
            yield from _list(field.value_of or [])
        for kind in _KINDS:
            yield from _postings(getattr(field, kind))
    if data.partial is not None:
        for owned in data.partial.owners.values():
            if owned is not None:
                yield from _list(owned)
        for found in data.partial.postings.values():
            yield from _postings(found)


def restored(frames: FrameReader, phrases: Sequence[Phrase]) -> IndexData:
    """`frames` undone: each folded title and text is the phrase's own string unless in `changed`."""
    data: IndexData = frames.next()
    data.codes = _read_list(frames)
    data.code_order = _read_list(frames)
    for name, field in data.fields.items():
        if field.owners is None:
            field.values = list(map(attrgetter(name), phrases))
            field.duals = _read_list(frames)
            field.changed = dict(_read_list(frames))
            for vid, value in field.changed.items():
                field.values[vid] = value
        else:
            field.owners = _read_list(frames)
            field.value_of = _read_list(frames)
        field.uni, field.ini, field.first = (_read_postings(frames) for _ in _KINDS)
    if data.partial is not None:
        owners = data.partial.owners
        for name, found in owners.items():
            if found is not None:
                owners[name] = _read_list(frames)
        data.partial.postings = {name: _read_postings(frames) for name in data.partial.postings}
    return data


def _list(values: Sequence[Any]) -> Iterator[Frame]:
    yield frame(len(values))
    for at in range(0, len(values), CHUNK):
        yield frame(values[at : at + CHUNK])


def _read_list(frames: FrameReader) -> list[Any]:
    count: int = frames.next()
    values: list[Any] = []
    for _ in range(0, count, CHUNK):
        values.extend(frames.next())
    return values


def _postings(postings: Mapping[str, array]) -> Iterator[Frame]:
    """The lists in groups of at most GROUP_KEYS keys and about GROUP_IDS ids, each group one frame."""
    groups: list[list[str]] = [[]]
    ids = 0
    for key, found in postings.items():
        if len(groups[-1]) >= GROUP_KEYS or ids >= GROUP_IDS:
            groups.append([])
            ids = 0
        groups[-1].append(key)
        ids += len(found)
    yield frame(len(groups))
    for keys in groups:
        yield frame(pack({key: postings[key] for key in keys}))


def _read_postings(frames: FrameReader) -> dict[str, array]:
    found: dict[str, array] = {}
    for _ in range(frames.next()):
        found.update(unpack(frames.next()))
    return found


def pack(postings: Mapping[str, array]) -> Stored:
    """Short lists as they are (one dict: no per-key work when read), long ones packed."""
    short = {key: ids for key, ids in postings.items() if len(ids) < MIN_PACKED}
    return short, {key: _pack(ids) for key, ids in postings.items() if len(ids) >= MIN_PACKED}


def unpack(stored: Stored) -> dict[str, array]:
    short, packed = stored
    short.update({key: _unpack(ids) for key, ids in packed.items()})
    return short


def _pack(ids: array) -> Packed:
    halves = memoryview(ids).cast("B").cast("H")
    top = ids[-1] >> 16
    return halves[_LOW::2].tobytes(), tuple(bisect_left(ids, block << 16) for block in range(1, top + 1))


def _unpack(packed: Packed) -> array:
    low, starts = packed
    count = len(low) // 2
    ids = array("i", [0]) * count
    halves = memoryview(ids).cast("B").cast("H")
    halves[_LOW::2] = memoryview(low).cast("H")
    ends = (*starts[1:], count) if starts else ()
    for block, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
        halves[2 * start + _HIGH : 2 * end : 2] = array("H", [block]) * (end - start)
    return ids
