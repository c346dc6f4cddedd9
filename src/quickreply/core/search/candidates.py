"""Candidate values for one reading in one field, from the postings (a superset; matching verifies).

Each LIT/FULL atom requires one of its unit codes (`uni` postings); each pair of neighbouring atoms
requires one of their initial-slot symbol pairs (`ini` postings). The constraints are intersected smallest
first; a constraint far larger than the running result is left to verification, which is cheaper.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import pairwise

from quickreply.core.search.fields import FieldIndex
from quickreply.core.search.patterns import UnitSets
from quickreply.core.search.terms import Kind, Reading

SKIP_FACTOR = 24  # don't intersect with a constraint this many times larger than the running result


def _size(arrays: list[array]) -> int:
    return sum(map(len, arrays))


def constraints(field: FieldIndex, sets: UnitSets, reading: Reading) -> list[list[array]] | None:
    """Per constraint the postings that satisfy it (any of them); None when nothing can match."""
    found: list[list[array]] = []
    atoms = reading.atoms
    for kind, token in atoms:
        if kind is Kind.LIT or kind is Kind.FULL:
            arrays = [field.uni[c] for c in sets.codes(kind, token) if c in field.uni]
            if not arrays:
                return None
            found.append(arrays)
    if reading.spread:
        return found  # neighbours are not adjacent: only the characters themselves filter
    symbols = [sets.initials(kind, token) for kind, token in atoms]
    for left, right in pairwise(symbols):
        arrays = [field.ini[key] for a in left for b in right if (key := a + b) in field.ini]
        if not arrays:
            return None
        found.append(arrays)
    return found


def union(arrays: Iterable[array]) -> set[int]:
    result: set[int] = set()
    for arr in arrays:
        result.update(arr)
    return result


def reading_candidates(field: FieldIndex, sets: UnitSets, reading: Reading, whole_field: bool) -> set[int]:
    """Value ids of `field` that may hold the reading. A lone initial/prefix atom (`zh`) has no postings
    filter: it scans every value with such a unit only when `whole_field` allows (not for long texts)."""
    found = constraints(field, sets, reading)
    if found is None:
        return set()
    if not found:
        if not whole_field:
            return set()
        kind, token = reading.atoms[0]
        return union(field.uni[c] for c in sets.codes(kind, token) if c in field.uni)
    found.sort(key=_size)
    result = union(found[0])
    for arrays in found[1:]:
        if not result or _size(arrays) > SKIP_FACTOR * len(result) + 256:
            break
        narrowed: set[int] = set()
        for arr in arrays:
            narrowed.update(result.intersection(arr))
        result = narrowed
    return result


def estimate(field: FieldIndex, sets: UnitSets, reading: Reading) -> int:
    """Upper bound of reading_candidates' size without building any set."""
    found = constraints(field, sets, reading)
    if not found:
        return 0 if found is None else len(field.values)
    return min(map(_size, found))
