"""Finding which of many phrases a term matches, in bulk: one regex scan over their values joined.

Candidates from postings are a superset; checking them one regex call at a time costs ~1 µs each in
Python, while a scan of a chunk of values joined runs at C speed (see search_match.matching).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import TypeVar

from quickreply.core.search.data import IndexData
from quickreply.core.search.match import CompiledTerm, matching
from quickreply.core.search.rank import FIELDS

T = TypeVar("T")
CHUNK = 1024  # candidates per joined scan, at most
MAX_CODE_PREFIX = 200  # phrases taken from one code prefix


def code_phrases(data: IndexData, key: str) -> set[int]:
    """Phrases whose code starts with `key` (at most MAX_CODE_PREFIX)."""
    order = data.code_order
    start = bisect_left(order, (key, -1))
    found: set[int] = set()
    for code, pid in order[start : start + MAX_CODE_PREFIX]:
        if not code.startswith(key):
            break
        found.add(pid)
    return found


def matching_in(data: IndexData, ct: CompiledTerm, name: str, pids: list[int]) -> set[int]:
    """The phrases among `pids` whose `name` field the term matches (joined scans, by chunk)."""
    if name == "code":
        key = ct.term.code_key
        return {pid for pid in pids if key and data.codes[pid].startswith(key)}
    if name == "text" and ct.term.is_short:
        return set()
    field = data.fields[name]
    found: set[int] = set()
    for start in range(0, len(pids), CHUNK):
        chunk = pids[start : start + CHUNK]
        if field.value_of is None:
            hits = matching(ct, _gather(field.values, chunk), _gather(field.duals, chunk))
            found.update(chunk[i] for i in hits)
        else:
            value_of = field.value_of
            vids = list(dict.fromkeys(_gather(value_of, chunk)))
            hits = matching(ct, _gather(field.values, vids), _gather(field.duals, vids))
            hit_vids = {vids[i] for i in hits}
            found.update(pid for pid in chunk if value_of[pid] in hit_vids)
    return found


def matching_anywhere(data: IndexData, ct: CompiledTerm, pids: list[int]) -> set[int]:
    """The phrases among `pids` that the term matches in any field: one scan over all their fields."""
    key = ct.term.code_key
    found = {pid for pid in pids if key and data.codes[pid].startswith(key)}
    names = [n for n in FIELDS[1:] if not (n == "text" and ct.term.is_short)]
    per_field_values: list[list[str]] = []
    per_field_duals: list[list[str]] = []
    for name in names:
        field = data.fields[name]
        vids = pids if field.value_of is None else _gather(field.value_of, pids)
        per_field_values.append(_gather(field.values, vids))
        per_field_duals.append(_gather(field.duals, vids))
    values = list(chain.from_iterable(zip(*per_field_values, strict=True)))  # phrase by phrase
    duals = list(chain.from_iterable(zip(*per_field_duals, strict=True)))
    found.update(pids[i // len(names)] for i in matching(ct, values, duals))
    return found


def _gather(items: Sequence[T], indices: Sequence[int]) -> list[T]:
    """[items[i] for i in indices], as one C call."""
    if len(indices) == 1:
        return [items[indices[0]]]
    return list(itemgetter(*indices)(items)) if indices else []
