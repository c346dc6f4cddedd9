"""One library's IndexData combined from the IndexData of each of its packs (each cached by itself).

The result is the same data `build_data` makes from all the phrases at once: the packs' alphabets agree
on every code (alphabet._layout), phrase ids are shifted by the phrases of the packs before, and shared
values (tags, categories) are numbered by first use over the whole library, as a whole build does.
Values and dual views are lists joined at once; postings are joined per key on first use
(`JoinedPostings`): shifting ten million ids takes ~0.8 s, a query opens a few dozen keys.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain

from quickreply.core.search.alphabet import Alphabet
from quickreply.core.search.data import IndexData
from quickreply.core.search.fields import FieldIndex
from quickreply.core.search.partial import TEXT_CHARS_LIMIT, PartialIndex, text_norms

Part = tuple[array, int, list[int] | None]  # (ids in one pack, phrase id offset, value id map or None)


class JoinedPostings(Mapping[str, array]):
    """key -> ids, over several packs' postings; a key's ids are joined (shifted, renumbered, sorted)
    once, on first use."""

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


def combine(parts: Sequence[IndexData]) -> IndexData:
    """The IndexData of all the parts' phrases, in order (each part: one pack's data)."""
    if len(parts) == 1:
        return parts[0]
    offsets: list[int] = []
    total = 0
    for data in parts:
        offsets.append(total)
        total += len(data.codes)
    fields: dict[str, FieldIndex] = {}
    maps: dict[str, list[list[int] | None]] = {}
    for name in parts[0].fields:
        fields[name], maps[name] = _field(name, parts, offsets)
    codes = list(chain.from_iterable(data.codes for data in parts))
    code_order = sorted(
        chain.from_iterable(
            data.code_order if offset == 0 else [(code, pid + offset) for code, pid in data.code_order]
            for data, offset in zip(parts, offsets, strict=True)
        )
    )
    alphabet = Alphabet.merged([data.alphabet for data in parts])
    return IndexData(alphabet, fields, codes, code_order, _partial(parts, offsets, fields, maps))


def _field(
    name: str, parts: Sequence[IndexData], offsets: list[int]
) -> tuple[FieldIndex, list[list[int] | None]]:
    """One field of the whole library, and per part its value id map (None: unchanged or shifted)."""
    pieces = [data.fields[name] for data in parts]
    if pieces[0].owners is None:  # one value per phrase: ids shifted by the phrases before
        joined = [list(chain.from_iterable(getattr(f, kind) for f in pieces)) for kind in ("values", "duals")]
        uni, ini, first = (_shifted(pieces, offsets, kind) for kind in ("uni", "ini", "first"))
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
    for piece, offset in zip(pieces, offsets, strict=True):
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
        JoinedPostings([(getattr(f, kind), 0, m) for f, m in zip(pieces, maps, strict=True)], True)
        for kind in ("uni", "ini", "first")
    )
    changed = {gid: s for s, gid in ids.items() if s != values[gid]}
    field = FieldIndex(name, values, duals, [tuple(o) for o in owners], value_of, uni, ini, first, changed)
    return field, maps


def _shifted(pieces: list[FieldIndex], offsets: list[int], kind: str) -> JoinedPostings:
    return JoinedPostings([(getattr(f, kind), o, None) for f, o in zip(pieces, offsets, strict=True)], False)


def _partial(
    parts: Sequence[IndexData],
    offsets: list[int],
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
                for p, offset, m in zip(partials, offsets, maps[name], strict=True)
            ],
            shared,
        )
    owners = {name: fields[name].owners for name in postings}
    return PartialIndex(postings, owners, text_norms(texts), len(texts))
