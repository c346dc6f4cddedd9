"""What the agent used: counts and last-used time per phrase, recent values per placeholder (usage.json)."""

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
