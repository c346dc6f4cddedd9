"""IndexData as the index cache stores it: small frames (core/framed.py), titles and texts left to the
phrases, dual views compressed, posting ids in about one byte and a bit each.

- Most folded titles and texts are the phrase's own string: the file holds only those folding changed
  (`FieldIndex.changed`; ~20 MB less at 100k phrases).
- Dual views and the changed values are zlib-compressed in chunks of CHUNK values (24 → 10 MB at 100k).
- The posting lists of one map are stored as one run of int32 ids split into byte planes: the lowest
  byte of every id as it is (it looks random), the three higher ones compressed (in a sorted list they
  change slowly: about a byte per id less). Splitting and joining the planes are memoryview copies at C
  speed, in runs of RUN ids; a delta or varint code would be as small but costs about a second per 10
  million ids in Python, at every cold build and warm start.
Every frame is at most a few MB, so reading one back never holds the GIL for long (framed.py).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import accumulate, islice
from operator import attrgetter
from typing import Any

from quickreply.core.framed import FrameReader, frame
from quickreply.core.model import Phrase
from quickreply.core.search.data import IndexData

CHUNK = 8192  # values (dual views, codes, changed values) per frame
KEYS = 8192  # posting lists cut out of the joined ids per C call
RUN = 1 << 18  # ids per memoryview copy (~1 ms each)
_KINDS = ("uni", "ini", "first")
_BYTE = (0, 1, 2, 3) if sys.byteorder == "little" else (3, 2, 1, 0)  # where each byte of an int32 sits
_HIGH = 1 if sys.byteorder == "little" else 0  # the high half of an int32 seen as two uint16


def frames(data: IndexData) -> Iterator[bytes]:
    """The frames of `data` (left unchanged), read back by `restored`."""
    fields = {}
    for name, field in data.fields.items():
        if field.owners is None:  # one value per phrase: left to the phrases, dual views in frames
            field = replace(field, values=[], duals=[], changed=None)
        fields[name] = replace(field, uni={}, ini={}, first={})
    partial = data.partial
    if partial is not None:
        partial = replace(partial, postings=dict.fromkeys(partial.postings, {}))
    yield frame(replace(data, fields=fields, partial=partial, codes=[], code_order=[]))
    yield from _list(data.codes)
    yield from _list(data.code_order)
    for field in data.fields.values():
        if field.owners is None:
            yield from _list(field.duals, squeeze=False)  # compressed: 24 -> 10 MB, but +0.13 s a load
            yield from _list(sorted((field.changed or {}).items()))
        for kind in _KINDS:
            yield from _postings(getattr(field, kind))
    if data.partial is not None:
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
        field.uni, field.ini, field.first = (_read_postings(frames) for _ in _KINDS)
    if data.partial is not None:
        data.partial.postings = {name: _read_postings(frames) for name in data.partial.postings}
    return data


def _list(values: Sequence[Any], squeeze: bool = True) -> Iterator[bytes]:
    yield frame(len(values))
    for at in range(0, len(values), CHUNK):
        yield frame(values[at : at + CHUNK], squeeze)


def _read_list(frames: FrameReader) -> list[Any]:
    count: int = frames.next()
    values: list[Any] = []
    for _ in range(0, count, CHUNK):
        values.extend(frames.next())
    return values


def _postings(postings: Mapping[str, array]) -> Iterator[bytes]:
    """Keys and list lengths; the lowest byte of every id; the second, compressed; the high half as runs."""
    keys = list(postings)
    lengths = array("i", map(len, postings.values()))
    joined = array("i")
    runs = array("i")  # start, end, value of every run of ids with the same non-zero high half
    for ids in postings.values():
        at = len(joined)
        joined.extend(ids)
        if ids and ids[-1] >> 16:
            ends = [bisect_left(ids, block << 16) for block in range((ids[0] >> 16) + 1, (ids[-1] >> 16) + 1)]
            for start, end in zip([0, *ends], [*ends, len(ids)], strict=True):
                if start < end and ids[start] >> 16:
                    runs.extend((at + start, at + end, ids[start] >> 16))
    planes = memoryview(joined).cast("B")
    yield frame((keys, lengths.tobytes(), runs.tobytes()), squeeze=True)
    yield frame(planes[_BYTE[0] :: 4].tobytes())
    yield frame(planes[_BYTE[1] :: 4].tobytes(), squeeze=True)


def _read_postings(frames: FrameReader) -> dict[str, array]:
    keys, raw_lengths, raw_runs = frames.next()
    low: bytes = frames.next()
    second: bytes = frames.next()
    count = len(low)
    if len(second) != count:
        raise ValueError("posting planes do not match")
    joined = array("i", [0]) * count
    planes = memoryview(joined).cast("B")
    for plane, source in ((0, memoryview(low)), (1, memoryview(second))):
        at = _BYTE[plane]
        for start in range(0, count, RUN):
            end = min(count, start + RUN)
            planes[4 * start + at : 4 * end : 4] = source[start:end]
    halves = memoryview(joined).cast("B").cast("H")
    runs = array("i")
    runs.frombytes(raw_runs)
    for start, end, value in zip(runs[0::3], runs[1::3], runs[2::3], strict=True):
        for at in range(start, end, RUN):
            stop = min(end, at + RUN)
            halves[2 * at + _HIGH : 2 * stop : 2] = array("H", [value]) * (stop - at)
    lengths = array("i")
    lengths.frombytes(raw_lengths)
    ends = list(accumulate(lengths))
    if (ends[-1] if ends else 0) != count:
        raise ValueError("posting lengths do not match")
    found: dict[str, array] = {}
    pairs = zip(keys, map(joined.__getitem__, map(slice, [0, *ends[:-1]], ends)), strict=True)
    for _ in range(0, len(keys), KEYS):
        found.update(islice(pairs, KEYS))
    return found
