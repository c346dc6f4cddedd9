"""One searchable field (title, tags, category, text) of every phrase: its dual views and postings.

Postings map a key to the ids of the field values that hold it:
- `uni`: one unit (a Chinese reading-set code, or any other character) -> values;
- `ini`: two neighbouring initial-slot symbols -> values (pairs make initials such as `thh` selective);
- `first`: letters (and ASCII characters) that start a word -> values (title, tags, category only; for
  one-letter queries).
Candidates from postings are a superset; every hit is verified on the value itself.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add

from quickreply.core.search.alphabet import Alphabet
from quickreply.core.search.fold import to_simplified

Postings = Mapping[str, array]
# A word starts a value or follows a space, a category separator or punctuation (in a dual view the
# character before a pair is the unit slot of the previous character, i.e. the separator itself).
SEPARATORS = r"\x00\s/|,.;:!?，。、；：！？·\-_()（）【】"
WORD_START = rf"(?:^|(?<=[{SEPARATORS}]))"
_WORD_START_PAIR = re.compile(WORD_START + r"(?=..)(?:..)")


def fold(text: str) -> str:
    """Lower-case `text` and make traditional characters simplified without changing its length, so
    offsets stay those of the original string."""
    folded = to_simplified(text.lower())
    if len(folded) == len(text):
        return folded
    return to_simplified("".join(low if len(low := ch.lower()) == 1 else ch for ch in text))


@dataclass
class FieldIndex:
    """Plain data (pickled by the index cache)."""

    name: str
    values: list[str]  # folded field strings; one per phrase, or distinct ones when `owners` is set
    duals: list[str]  # dual view of each value (twice its length)
    owners: list[tuple[int, ...]] | None  # value id -> phrase ids; None when value id == phrase id
    value_of: list[int] | None  # phrase id -> value id; None when value id == phrase id
    uni: Postings
    ini: Postings
    first: Postings
    # Where folding changed a value: value id -> the string as written for shared values (combine.py
    # numbers them over several packs by the strings as written, as a whole build does), -> the folded
    # value for the others (the cache stores only these and takes the rest from the phrases).
    changed: dict[int, str] | None = None

    def original(self, value_id: int) -> str:
        """A shared value as written (before folding)."""
        return self.changed.get(value_id, self.values[value_id]) if self.changed else self.values[value_id]

    def value_id(self, phrase_id: int) -> int:
        return phrase_id if self.value_of is None else self.value_of[phrase_id]

    def phrase_ids(self, value_ids: set[int]) -> set[int]:
        """Phrases that own any of `value_ids`."""
        if self.owners is None:
            return value_ids
        found: set[int] = set()
        for vid in value_ids:
            found.update(self.owners[vid])
        return found


def build_field(
    name: str, strings: Sequence[str], alphabet: Alphabet, dedupe: bool, starts: bool
) -> FieldIndex:
    """Index one field; `dedupe` shares work between phrases with equal values (tags, categories);
    `starts` also records the initial of every word start (for one-letter queries)."""
    owners: list[tuple[int, ...]] | None = None
    value_of: list[int] | None = None
    if dedupe:
        ids: dict[str, int] = {}
        value_of = [ids.setdefault(s, len(ids)) for s in strings]
        grouped: list[list[int]] = [[] for _ in ids]
        for pid, vid in enumerate(value_of):
            grouped[vid].append(pid)
        owners = [tuple(g) for g in grouped]
        originals = list(ids)
    else:
        originals = list(strings)
    values = [fold(s) for s in originals]
    chars: set[str] = set()
    chars.update(*values)
    table = alphabet.dual_table(chars)
    duals = [v.translate(table) for v in values]
    uni = _invert(set(d[1::2]) for d in duals)
    ini = _invert(set(map(add, d[0:-2:2], d[2::2])) for d in duals)
    first = _invert(_word_starts(d, alphabet) for d in duals) if starts else {}
    pairs = enumerate(zip(originals, values, strict=True))
    changed = {vid: s if dedupe else v for vid, (s, v) in pairs if s != v}
    return FieldIndex(name, values, duals, owners, value_of, uni, ini, first, changed)


def _invert(key_sets: Iterable[Iterable[str]]) -> dict[str, array]:
    """key -> ids of the values holding it. The appends run as C loops (map over array.append): a
    Python-level loop per key took 3x longer at 100k phrases."""
    arrays: defaultdict[str, array] = defaultdict(_new_array)
    get_array = arrays.__getitem__
    append = array.append
    for vid, keys in enumerate(key_sets):
        deque(map(append, map(get_array, keys), repeat(vid)), 0)
    return dict(arrays)


def _new_array() -> array:
    return array("i")


def _word_starts(dual: str, alphabet: Alphabet) -> set[str]:
    """Initial letters (or ASCII characters) of every word start in a dual view."""
    found: set[str] = set()
    for match in _WORD_START_PAIR.finditer(dual):
        found.update(alphabet.starts(match.group()))
    return found
