"""IndexData as the index cache stores it: titles and texts left to the phrases, postings in two bytes
per id instead of four.

Most folded titles and texts are the phrase's own string: the file holds only those folding changed
(`FieldIndex.changed`; ~20 MB less at 100k phrases). The ids of one key are sorted, so they are stored
as their low 16 bits and, per higher block of 65,536 ids, where that block starts. Both ways run as
memoryview copies at C speed (~5 ms per million ids); a delta or varint code would be smaller but costs
about a second per 10 million ids in Python, at every cold build and warm start. Short lists are kept
as they are (their per-key cost would outweigh the bytes).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from operator import attrgetter

from quickreply.core.model import Phrase
from quickreply.core.search.data import IndexData

MIN_PACKED = 256  # ids; shorter lists stay arrays (unpacking costs ~10 µs a list)
_LOW, _HIGH = (0, 1) if sys.byteorder == "little" else (1, 0)  # halves of an int32 as two uint16

Packed = tuple[bytes, tuple[int, ...]]  # low halves, start of each 65,536-id block after the first
Stored = tuple[dict[str, array], dict[str, Packed]]  # short lists as they are, long ones packed


Payload = tuple[IndexData, dict[str, Stored]]  # the data with postings emptied, and its postings by slot


def stored(data: IndexData) -> Payload:
    """What the cache file holds for `data` (left unchanged)."""
    postings: dict[str, Stored] = {}
    fields = {}
    for name, field in data.fields.items():
        for kind in ("uni", "ini", "first"):
            postings[f"{name}.{kind}"] = pack(getattr(field, kind))
        values = [] if field.owners is None else field.values
        fields[name] = replace(field, values=values, uni={}, ini={}, first={})
    partial = data.partial
    if partial is not None:
        for name, found in partial.postings.items():
            postings[f"partial.{name}"] = pack(found)
        partial = replace(partial, postings={name: {} for name in partial.postings})
    return replace(data, fields=fields, partial=partial), postings


def restored(payload: Payload, phrases: Sequence[Phrase]) -> IndexData:
    """`stored` undone: each folded title and text is the phrase's own string unless in `changed`."""
    data, postings = payload
    for name, field in data.fields.items():
        if field.owners is None:
            values = list(map(attrgetter(name), phrases))
            for vid, value in (field.changed or {}).items():
                values[vid] = value
            field.values = values
        field.uni, field.ini, field.first = (
            unpack(postings[f"{name}.{kind}"]) for kind in ("uni", "ini", "first")
        )
    if data.partial is not None:
        data.partial.postings = {name: unpack(postings[f"partial.{name}"]) for name in data.partial.postings}
    return data


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
