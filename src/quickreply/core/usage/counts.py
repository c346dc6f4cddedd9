"""What the agent used: counts and last-used time per phrase, recent values per placeholder, the phrase
picked for each query (the search learns from it) and the pinned phrases (usage.json)."""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from quickreply.core.settings.model import atomic_write_text

log = logging.getLogger(__name__)

VALUES_KEPT = 10  # recent values remembered per placeholder name
QUERIES_KEPT = 2000  # queries remembered with the phrases picked for them (the least recent go first)
PICKS_PER_QUERY = 5  # phrases remembered per query
FORMAT_VERSION = 1


@dataclass
class _PhraseUse:
    count: int = 0
    last: float = 0.0  # seconds since the epoch


class Usage:
    """Usage statistics; plain data, saved as JSON. Phrase ids not in the library are simply skipped later."""

    def __init__(self) -> None:
        self._phrases: dict[str, _PhraseUse] = {}
        self._values: dict[str, list[str]] = {}  # most recent first, no duplicates
        self._queries: dict[str, dict[str, _PhraseUse]] = {}  # folded query -> phrase id -> picks
        self._pins: dict[str, None] = {}  # pinned phrase ids, in the order they were pinned
        self.queries_revision = 0  # changes whenever the learned queries do (the search indexes them)

    @classmethod
    def load(cls, path: Path) -> Usage:
        """Read usage.json; a missing file gives empty usage, a corrupt one is kept aside as *.bad."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls()
        except OSError as exc:
            log.warning("cannot read %s (%s); starting with empty usage", path, exc)
            return cls()
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("top level is not an object")
            return cls._from_json(data)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: absurd nesting
            bad = _set_aside(path)
            log.warning("%s is corrupt (%s); moved to %s, starting with empty usage", path, exc, bad)
            return cls()

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> Usage:
        usage = cls()
        phrases = data.get("phrases", {})
        if isinstance(phrases, dict):
            for phrase_id, entry in phrases.items():
                if isinstance(entry, dict):
                    count, last = entry.get("count"), entry.get("last")
                    if _is_int(count) and count > 0 and _is_number(last):
                        usage._phrases[str(phrase_id)] = _PhraseUse(count, float(last))
        queries = data.get("queries", {})
        if isinstance(queries, dict):
            for key, picks in queries.items():
                if isinstance(picks, dict):
                    for phrase_id, entry in picks.items():
                        if isinstance(entry, dict):
                            count, last = entry.get("count"), entry.get("last")
                            if _is_int(count) and count > 0 and _is_number(last):
                                slot = usage._queries.setdefault(str(key), {})
                                slot[str(phrase_id)] = _PhraseUse(count, float(last))
        # saved with sorted keys: put them back in the order of their last pick, least recent first
        usage._queries = dict(
            sorted(usage._queries.items(), key=lambda item: max(e.last for e in item[1].values()))
        )
        pins = data.get("pins", [])
        if isinstance(pins, list):
            usage._pins = dict.fromkeys(p for p in pins if isinstance(p, str) and p)
        values = data.get("values", {})
        if isinstance(values, dict):
            for name, items in values.items():
                if isinstance(items, list):
                    kept = list(dict.fromkeys(v for v in items if isinstance(v, str) and v))
                    if kept:
                        usage._values[str(name)] = kept[:VALUES_KEPT]
        return usage

    def record(self, phrase_id: str, values: Mapping[str, str], now: float) -> None:
        """One use of a phrase, with the values the agent typed for its blanks."""
        entry = self._phrases.setdefault(phrase_id, _PhraseUse())
        entry.count += 1
        entry.last = max(entry.last, now)
        for name, value in values.items():
            if not value.strip():
                continue
            previous = [v for v in self._values.get(name, []) if v != value]
            self._values[name] = [value, *previous][:VALUES_KEPT]

    def learn(self, query_key: str, phrase_id: str, now: float) -> None:
        """The agent picked `phrase_id` after searching `query_key` (folded, core/search/prefer.query_key)."""
        if not query_key:
            return
        picks = self._queries.pop(query_key, {})  # re-inserted: the dict's order is least recent first
        entry = picks.setdefault(phrase_id, _PhraseUse())
        entry.count += 1
        entry.last = max(entry.last, now)
        if len(picks) > PICKS_PER_QUERY:
            weakest = min(picks, key=lambda pid: (picks[pid].count, picks[pid].last))
            del picks[weakest]
        self._queries[query_key] = picks
        self.queries_revision += 1
        while len(self._queries) > QUERIES_KEPT:
            del self._queries[next(iter(self._queries))]

    def learned_queries(self) -> list[tuple[str, list[tuple[str, int, float]]]]:
        """Every remembered query with (phrase id, picks, last pick) of the phrases picked for it."""
        return [
            (key, [(pid, e.count, e.last) for pid, e in picks.items()])
            for key, picks in self._queries.items()
        ]

    def learned_for(self, query_key: str) -> dict[str, int]:
        """Phrase id -> picks, for exactly this query."""
        return {pid: e.count for pid, e in self._queries.get(query_key, {}).items()}

    def use_of(self, phrase_id: str) -> tuple[int, float]:
        """(uses, last use) of a phrase; (0, 0.0) when never used."""
        entry = self._phrases.get(phrase_id)
        return (entry.count, entry.last) if entry else (0, 0.0)

    def pins(self) -> list[str]:
        """Pinned phrase ids, in the order they were pinned."""
        return list(self._pins)

    def is_pinned(self, phrase_id: str) -> bool:
        return phrase_id in self._pins

    def set_pinned(self, phrase_id: str, pinned: bool) -> None:
        if pinned:
            self._pins.setdefault(phrase_id, None)
        else:
            self._pins.pop(phrase_id, None)

    def recent(self, n: int) -> list[str]:
        """Ids of the n most recently used phrases, newest first."""
        ordered = sorted(self._phrases.items(), key=lambda item: item[1].last, reverse=True)
        return [phrase_id for phrase_id, _ in ordered[: max(n, 0)]]

    def frequent(self, n: int) -> list[str]:
        """Ids of the n most used phrases; ties go to the more recent one."""
        ordered = sorted(self._phrases.items(), key=lambda item: (item[1].count, item[1].last), reverse=True)
        return [phrase_id for phrase_id, _ in ordered[: max(n, 0)]]

    def count(self, phrase_id: str) -> int:
        entry = self._phrases.get(phrase_id)
        return entry.count if entry else 0

    def recent_values(self, name: str) -> list[str]:
        """Values typed for placeholder `name`, most recent first (at most VALUES_KEPT)."""
        return list(self._values.get(name, []))

    def to_json(self) -> str:
        data = {
            "version": FORMAT_VERSION,
            "phrases": {pid: {"count": e.count, "last": e.last} for pid, e in self._phrases.items()},
            "values": self._values,
            "queries": {
                key: {pid: {"count": e.count, "last": e.last} for pid, e in picks.items()}
                for key, picks in self._queries.items()
            },
            "pins": list(self._pins),
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)

    def save(self, path: Path) -> None:
        """Write atomically (temp file + rename): a crash never leaves a half-written file."""
        atomic_write_text(path, self.to_json())


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> TypeGuard[int | float]:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(float(value))


def _set_aside(path: Path) -> Path:
    """Rename a corrupt file to NAME.bad (or NAME.bad.1, …) so nothing the user had is lost."""
    target = path.with_name(path.name + ".bad")
    n = 0
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bad.{n}")
    try:
        os.replace(path, target)
    except OSError as exc:
        log.warning("cannot move %s aside (%s)", path, exc)
    return target
