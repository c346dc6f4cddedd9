"""One library's IndexData combined from the IndexData of each of its packs (each cached by itself).

The result is the same data `build_data` makes from all the phrases at once: the packs' alphabets agree
on every code (alphabet._layout), phrase ids are shifted by the phrases of the packs before, and shared
values (tags, categories) are numbered by first use over the whole library, as a whole build does.
Values, dual views and the strict postings are joined at once (the partial-match ones per key on first
use: `JoinedPostings`). Joining per key on first use instead made the first query after a reload pay
for every key it opened: 25 ms for `发货sj` at 15k phrases (312 keys).

A part's phrase ids may already include a base (`bases`): the cache stores each pack's ids shifted by the
offset the pack had when its file was written, so a warm load shifts nothing while the packs before it
keep their size (shifting the 12 million ids of a 150k library behind the starter packs took ~0.3 s at
every reload). Where ids must move, it is one big-integer addition per run of lists (`_shifted_lists`,
~20 ns an id).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain

from quickreply.core.search.alphabet import Alphabet
from quickreply.core.search.data import IndexData
from quickreply.core.search.fields import FieldIndex
from quickreply.core.search.partial import TEXT_CHARS_LIMIT, PartialIndex, text_norms

SHIFT_CHUNK = 1 << 18  # ids per big-integer addition: each C call holds the GIL ~5 ms, not ~75


def _shifted_lists(postings: Mapping[str, array], offset: int) -> dict[str, array]:
    """Every list of one pack's postings with `offset` added to each id, as big-integer additions over
    runs of lists (C speed, ~20 ns an id; `map(offset.__add__, ids)` takes ~80): the ids' 32-bit lanes
    never carry into each other, since id + offset < 2**31. Runs of about SHIFT_CHUNK ids, so that a
    load in a worker thread never holds the GIL long against the hotkey thread and the popup."""
    if offset == 0 or not postings:
        return postings if isinstance(postings, dict) else dict(postings)
    found: dict[str, array] = {}
    keys: list[str] = []
    count = 0
    for key, ids in postings.items():
        keys.append(key)
        count += len(ids)
        if count >= SHIFT_CHUNK:
            found.update(_shift_run(postings, keys, count, offset))
            keys, count = [], 0
    found.update(_shift_run(postings, keys, count, offset))
    return found


def _shift_run(postings: Mapping[str, array], keys: list[str], count: int, offset: int) -> dict[str, array]:
    lists = [postings[key] for key in keys]
    ids = int.from_bytes(b"".join(lists), sys.byteorder)
    step = int.from_bytes(array("i", [abs(offset)]) * count, sys.byteorder)
    ids = ids + step if offset > 0 else ids - step  # no lane borrows: every id + offset >= 0
    shifted = array("i")
    shifted.frombytes(ids.to_bytes(4 * count, sys.byteorder))
    found: dict[str, array] = {}
    at = 0
    for key, old in zip(keys, lists, strict=True):
        found[key] = shifted[at : at + len(old)]
        at += len(old)
    return found


def _joined(parts: Sequence[Mapping[str, array]], offsets: Sequence[int]) -> dict[str, array]:
    """key -> ids over several packs' postings (ids shifted by the phrases of the packs before)."""
    shifted = [_shifted_lists(p, o) for p, o in zip(parts, offsets, strict=True)]
    joined = dict(shifted[0])
    for more in shifted[1:]:
        for key, ids in more.items():
            before = joined.get(key)
            joined[key] = ids if before is None else before + ids
    return joined


def _renumbered(parts: Sequence[Mapping[str, array]], maps: Sequence[list[int] | None]) -> dict[str, array]:
    """key -> value ids of shared values over several packs (renumbered; a value may be in two packs)."""
    keys: dict[str, None] = {}
    for postings in parts:
        keys.update(dict.fromkeys(postings))
    joined: dict[str, array] = {}
    for key in keys:
        pieces = [(p[key], m) for p, m in zip(parts, maps, strict=True) if key in p]
        if len(pieces) == 1 and pieces[0][1] is None:
            joined[key] = pieces[0][0]
            continue
        found: set[int] = set()
        for ids, mapping in pieces:
            found.update(ids if mapping is None else map(mapping.__getitem__, ids))
        joined[key] = array("i", sorted(found))
    return joined


Part = tuple[array, int, list[int] | None]  # (ids in one pack, phrase id offset, value id map or None)


class JoinedPostings(Mapping[str, array]):
    """key -> ids, over several packs' postings; a key's ids are joined (shifted, renumbered, sorted)
    once, on first use. For the partial-match postings: tens of thousands of short lists, of which a
    query opens a few dozen (joining them all at once cost ~0.14 s at 15k phrases)."""

    def __init__(self, parts: Sequence[tuple[Mapping[str, array], int, list[int] | None]], shared: bool):
        self._parts = parts
        self._shared = shared  # value ids of shared values: renumbered, and a value may be in two packs
        self._joined: dict[str, array] = {}
        self._keys: set[str] | None = None

    def __getitem__(self, key: str) -> array:
        found = self._joined.get(key)
        if found is None:
            found = self._joined[key] = self._join(key)
        return found

    def get(self, key: str, default: array | None = None) -> array | None:  # type: ignore[override]
        found = self._joined.get(key)
        if found is None and key in self:
            found = self[key]
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        return key in self._joined or any(key in postings for postings, _, _ in self._parts)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all_keys())

    def __len__(self) -> int:
        return len(self._all_keys())

    def _all_keys(self) -> set[str]:
        if self._keys is None:
            self._keys = set().union(*(postings for postings, _, _ in self._parts))
        return self._keys

    def _join(self, key: str) -> array:
        pieces: list[Part] = [(p[key], offset, ids) for p, offset, ids in self._parts if key in p]
        if not pieces:
            raise KeyError(key)
        if len(pieces) == 1 and pieces[0][1] == 0 and pieces[0][2] is None:
            return pieces[0][0]
        if self._shared:
            found: set[int] = set()
            for ids, _, mapping in pieces:
                found.update(ids if mapping is None else map(mapping.__getitem__, ids))
            return array("i", sorted(found))
        joined = array("i")
        for ids, offset, _ in pieces:
            joined.extend(ids if offset == 0 else map(offset.__add__, ids))
        return joined


def combine(parts: Sequence[IndexData], bases: Sequence[int] | None = None) -> IndexData:
    """The IndexData of all the parts' phrases, in order (each part: one pack's data). `bases`: what each
    part's phrase ids already include (0: they start at 0); each is shifted by its offset minus that."""
    offsets: list[int] = []
    total = 0
    for data in parts:
        offsets.append(total)
        total += len(data.codes)
    shifts = [o - b for o, b in zip(offsets, bases or [0] * len(parts), strict=True)]
    if len(parts) == 1 and shifts[0] == 0:
        return parts[0]
    return _combined(parts, offsets, shifts)


def shifted(data: IndexData, by: int) -> IndexData:
    """`data` with every phrase id `by` more (what the cache stores for a pack `by` phrases in)."""
    return _combined([data], [0], [by]) if by else data


def _combined(parts: Sequence[IndexData], offsets: list[int], shifts: list[int]) -> IndexData:
    fields: dict[str, FieldIndex] = {}
    maps: dict[str, list[list[int] | None]] = {}
    for name in parts[0].fields:
        fields[name], maps[name] = _field(name, parts, offsets, shifts)
    codes = list(chain.from_iterable(data.codes for data in parts))
    code_order = sorted(
        chain.from_iterable(
            data.code_order if shift == 0 else [(code, pid + shift) for code, pid in data.code_order]
            for data, shift in zip(parts, shifts, strict=True)
        )
    )
    alphabet = Alphabet.merged([data.alphabet for data in parts])
    return IndexData(alphabet, fields, codes, code_order, _partial(parts, shifts, fields, maps))


def _field(
    name: str, parts: Sequence[IndexData], offsets: list[int], shifts: list[int]
) -> tuple[FieldIndex, list[list[int] | None]]:
    """One field of the whole library, and per part its value id map (None: unchanged or shifted).
    `offsets`: where each part's values go; `shifts`: what to add to each part's phrase ids."""
    pieces = [data.fields[name] for data in parts]
    if pieces[0].owners is None:  # one value per phrase: ids shifted by the phrases before
        joined = [list(chain.from_iterable(getattr(f, kind) for f in pieces)) for kind in ("values", "duals")]
        uni, ini, first = (_shifted(pieces, shifts, kind) for kind in ("uni", "ini", "first"))
        changed = {
            vid + o: v for f, o in zip(pieces, offsets, strict=True) for vid, v in (f.changed or {}).items()
        }
        field = FieldIndex(name, joined[0], joined[1], None, None, uni, ini, first, changed)
        return field, [None] * len(parts)
    # Shared values: numbered by first use over the library (the first part keeps its numbers).
    ids: dict[str, int] = {}
    values: list[str] = []
    duals: list[str] = []
    owners: list[list[int]] = []
    value_of: list[int] = []
    maps: list[list[int] | None] = []
    for piece, offset in zip(pieces, shifts, strict=True):
        mapping = [ids.setdefault(piece.original(vid), len(ids)) for vid in range(len(piece.values))]
        local_owners = piece.owners or []
        for vid, gid in enumerate(mapping):
            if gid == len(values):
                values.append(piece.values[vid])
                duals.append(piece.duals[vid])
                owners.append([])
            owners[gid].extend(local_owners[vid] if offset == 0 else [p + offset for p in local_owners[vid]])
        value_of.extend(map(mapping.__getitem__, piece.value_of or ()))
        maps.append(None if mapping == list(range(len(mapping))) else mapping)
    uni, ini, first = (
        _renumbered([getattr(f, kind) for f in pieces], maps) for kind in ("uni", "ini", "first")
    )
    changed = {gid: s for s, gid in ids.items() if s != values[gid]}
    field = FieldIndex(name, values, duals, [tuple(o) for o in owners], value_of, uni, ini, first, changed)
    return field, maps


def _shifted(pieces: list[FieldIndex], shifts: list[int], kind: str) -> dict[str, array]:
    return _joined([getattr(f, kind) for f in pieces], shifts)


def _partial(
    parts: Sequence[IndexData],
    shifts: list[int],
    fields: Mapping[str, FieldIndex],
    maps: Mapping[str, list[list[int] | None]],
) -> PartialIndex | None:
    pieces = [data.partial for data in parts]
    if any(p is None for p in pieces):
        return None
    partials = [p for p in pieces if p is not None]
    texts = fields["text"].values
    postings: dict[str, Mapping[str, array]] = {}
    for name in partials[0].postings:
        if name == "text" and sum(map(len, texts)) > TEXT_CHARS_LIMIT:
            postings[name] = {}  # as a whole build: a huge library leaves texts out
            continue
        shared = fields[name].owners is not None
        postings[name] = JoinedPostings(
            [
                (p.postings[name], 0 if shared else offset, m)
                for p, offset, m in zip(partials, shifts, maps[name], strict=True)
            ],
            shared,
        )
    owners = {name: fields[name].owners for name in postings}
    return PartialIndex(postings, owners, text_norms(texts), len(texts))
