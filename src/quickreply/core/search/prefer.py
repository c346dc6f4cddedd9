"""What the agent's own use adds to the ranking: phrases picked for a query before, pins, how often and
how lately a phrase was used, and which layer (team, personal, bundled) it comes from.

`SearchIndex.search` applies it when `index.preferences` is set (the app and the CLI set it; a bare index
ranks by match quality alone). Every weight is in rank.py; docs/search.md explains the order.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from quickreply.core.model import Layer, Phrase
from quickreply.core.search.rank import (
    LAYER_BOOST,
    LEARNED_CLOSE,
    LEARNED_MIN,
    PIN_BOOST,
    USE_BOOST,
    USE_HALF_LIFE_DAYS,
    USE_SATURATION,
)
from quickreply.core.search.terms import split_terms
from quickreply.core.usage.counts import Usage


def query_key(query: str) -> str:
    """How a query is remembered: folded as the search reads it (请问包邮吗？ and 包邮 are one query)."""
    return " ".join(split_terms(query))


def closeness(typed: str, learned: str) -> float:
    """How close a typed query is to one picks were learned for: 1 the same, less for a prefix, the same
    words in another order or one character more, fewer or changed; 0 when not close."""
    if typed == learned:
        return 1.0
    if sorted(typed.split()) == sorted(learned.split()):
        return LEARNED_CLOSE["order"]
    short, long = sorted((typed, learned), key=len)
    if len(short) >= 2 and long.startswith(short) and len(short) * 2 >= len(long):
        return LEARNED_CLOSE["prefix"]
    if len(short) >= 3 and len(long) - len(short) <= 1 and _one_edit(short, long):
        return LEARNED_CLOSE["edit"]
    return 0.0


def _one_edit(short: str, long: str) -> bool:
    """`long` is `short` with one character changed (same length) or one inserted."""
    if len(short) == len(long):
        return sum(a != b for a, b in zip(short, long, strict=True)) == 1
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _deletions(key: str) -> Iterator[str]:
    return (key[:i] + key[i + 1 :] for i in range(len(key)))


class LearnedQueries:
    """The learned queries indexed so that the close ones of a typed query are found without comparing it
    with all of them (2 000 comparisons cost ~5 ms a keystroke): by prefix (a sorted list), by their words
    sorted, and by every one-character deletion (for one character more, less or changed)."""

    def __init__(self, entries: list[tuple[str, list[tuple[str, int, float]]]]) -> None:
        self.picks = dict(entries)
        self.ordered = sorted(self.picks)
        self.by_words: dict[str, list[str]] = {}
        self.by_deletion: dict[str, list[str]] = {}
        for key in self.picks:
            if " " in key:
                self.by_words.setdefault(" ".join(sorted(key.split())), []).append(key)
            if len(key) >= 3:  # one character more than a query of 3+, or one changed
                for variant in set(_deletions(key)):
                    self.by_deletion.setdefault(variant, []).append(key)

    def candidates(self, typed: str) -> set[str]:
        """Learned queries that may be close to `typed` (closeness() decides)."""
        found = {typed} & self.picks.keys()
        if " " in typed:
            found.update(self.by_words.get(" ".join(sorted(typed.split())), ()))
        found.update(typed[:i] for i in range(2, len(typed)) if typed[:i] in self.picks)
        if len(typed) >= 2:
            start = bisect_left(self.ordered, typed)
            for key in self.ordered[start : start + 64]:  # learned queries that start with the typed one
                if not key.startswith(typed):
                    break
                found.add(key)
        if len(typed) >= 3:
            found.update(self.by_deletion.get(typed, ()))
            for variant in _deletions(typed):
                if variant in self.picks:
                    found.add(variant)
                found.update(self.by_deletion.get(variant, ()))
        return found


@dataclass
class Preferences:
    """Live view of the agent's usage (picks, learned queries, pins) and of the packs' layers."""

    usage: Usage
    layers: Mapping[str, Layer] = field(default_factory=dict)  # pack id -> layer
    now: Callable[[], float] = time.time
    _queries: LearnedQueries | None = None
    _revision: int = -1

    def _learned_queries(self) -> LearnedQueries:
        if self._queries is None or self._revision != self.usage.queries_revision:
            self._queries = LearnedQueries(self.usage.learned_queries())
            self._revision = self.usage.queries_revision
        return self._queries

    def learned(self, key: str) -> list[tuple[str, float]]:
        """Phrase ids picked before for this or a close query, strongest first (closeness x picks x
        recency); only strong enough ones."""
        found: dict[str, float] = {}
        now = self.now()
        queries = self._learned_queries()
        for learned_key in queries.candidates(key):
            near = closeness(key, learned_key)
            if near < LEARNED_MIN:
                continue
            for phrase_id, count, last in queries.picks[learned_key]:
                strength = near * (1.0 + math.log1p(count)) * _recency(now, last)
                found[phrase_id] = max(found.get(phrase_id, 0.0), strength)
        return sorted(found.items(), key=lambda item: item[1], reverse=True)

    def factor(self, phrase: Phrase) -> float:
        """Score factor of a phrase: 1 plus small boosts for use (frequency x recency), a pin and a team
        or personal layer; together they stay a few percent, so a much better match keeps its place."""
        boost = LAYER_BOOST.get(self.layers.get(phrase.pack_id, Layer.BUNDLED).name, 0.0)
        count, last = self.usage.use_of(phrase.id)
        if count:
            frequency = min(1.0, math.log1p(count) / math.log1p(USE_SATURATION))
            boost += USE_BOOST * frequency * _recency(self.now(), last)
        if self.usage.is_pinned(phrase.id):
            boost += PIN_BOOST
        return 1.0 + boost

    def pins(self) -> list[str]:
        return self.usage.pins()


def _recency(now: float, last: float) -> float:
    """1 for a use just now, halving every USE_HALF_LIFE_DAYS."""
    days = max(now - last, 0.0) / 86400.0
    return 0.5 ** (days / USE_HALF_LIFE_DAYS)
