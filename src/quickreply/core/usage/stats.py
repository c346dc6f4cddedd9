"""Usage and time saved: one line per pick in `<data>/usage_log.jsonl`, summed per phrase and category.

A pick records only counts: the phrase id and category, the characters pasted, the characters the agent
typed into the fill-in form, and the keys pressed in the popup. No chat text, no buyer data.

The time-saved model (docs/usage.md): without QuickReply the agent would type the pasted text with a pinyin
IME, `IME_KEYS_PER_CHAR` keystrokes per character (measured over the starter packs with pypinyin by
scripts/measure_ime_keys.py); the values typed into the form are typed either way and do not count. The
keys pressed in the popup (the hotkey, the query, arrows, Enter) are taken off. Keystrokes become seconds at
`KEYS_PER_MINUTE`.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quickreply.core.messages import msg, render

log = logging.getLogger(__name__)
LOG_FILE = "usage_log.jsonl"
# scripts/measure_ime_keys.py over resources/packs (full pinyin, one selection key per two-character word,
# Shift for full-width punctuation): 35,841 keys for 11,216 characters = 3.20 keys per character.
IME_KEYS_PER_CHAR = 3.20
KEYS_PER_MINUTE = 200  # a practised agent's typing speed, keys per minute (an assumption; docs/usage.md)
SUMMARY_VERSION = 1


@dataclass(frozen=True)
class PickEvent:
    """One phrase pasted: when, which, and counts only."""

    t: float  # seconds since the epoch
    id: str
    category: str
    chars: int  # characters pasted
    typed: int = 0  # characters the agent typed into the fill-in form
    keys: int = 0  # keys pressed in the popup, the hotkey included


def saved_keys(event: PickEvent, kpc: float = IME_KEYS_PER_CHAR) -> float:
    """Keystrokes the pick saved: IME keys for the characters the agent did not type, minus popup keys."""
    return max(0.0, kpc * max(0, event.chars - event.typed) - event.keys)


def append_event(path: Path, event: PickEvent) -> None:
    """Append one line; a failure is logged and never stops a paste."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(event), ensure_ascii=False, separators=(",", ":")) + "\n")
    except OSError as exc:
        log.warning("cannot record usage in %s: %s", path, exc)


def _event(data: Any) -> PickEvent | None:
    if not isinstance(data, dict):
        return None
    try:
        t = float(data["t"])
        counts = [int(data.get(k, 0)) for k in ("chars", "typed", "keys")]
    except (KeyError, TypeError, ValueError):
        return None
    if not math.isfinite(t) or any(c < 0 for c in counts):
        return None
    return PickEvent(t, str(data.get("id", "")), str(data.get("category", "")), *counts)


def read_events(path: Path, since: float | None = None) -> list[PickEvent]:
    """The recorded picks (at or after `since`); damaged lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return []
    events = []
    for line in lines:
        try:
            event = _event(json.loads(line))
        except (ValueError, RecursionError):
            continue
        if event is not None and (since is None or event.t >= since):
            events.append(event)
    return events


@dataclass
class Tally:
    """Picks, characters and time saved of one phrase, category or agent."""

    name: str
    picks: int = 0
    chars: int = 0
    saved_keys: float = 0.0
    title: str = ""
    category: str = ""

    def add(self, event: PickEvent, kpc: float) -> None:
        self.picks += 1
        self.chars += event.chars
        self.saved_keys += saved_keys(event, kpc)

    def saved_seconds(self, keys_per_minute: float = KEYS_PER_MINUTE) -> float:
        return self.saved_keys / keys_per_minute * 60

    def to_json(self, keys_per_minute: float = KEYS_PER_MINUTE) -> dict[str, Any]:
        data = {
            "name": self.name,
            "picks": self.picks,
            "chars": self.chars,
            "saved_keys": round(self.saved_keys, 1),
            "saved_seconds": round(self.saved_seconds(keys_per_minute), 1),
        }
        if self.title:
            data["title"] = self.title
        if self.category:
            data["category"] = self.category
        return data


@dataclass
class UsageSummary:
    """What an agent used: totals, per phrase and per category, most picked first."""

    total: Tally = field(default_factory=lambda: Tally("total"))
    phrases: list[Tally] = field(default_factory=list)
    categories: list[Tally] = field(default_factory=list)
    first: float = 0.0
    last: float = 0.0
    kpc: float = IME_KEYS_PER_CHAR
    keys_per_minute: float = KEYS_PER_MINUTE

    def to_json(self) -> dict[str, Any]:
        kpm = self.keys_per_minute
        return {
            "version": SUMMARY_VERSION,
            "model": {"ime_keys_per_char": self.kpc, "keys_per_minute": kpm},
            "first": _iso(self.first),
            "last": _iso(self.last),
            "total": self.total.to_json(kpm),
            "categories": [t.to_json(kpm) for t in self.categories],
            "phrases": [t.to_json(kpm) for t in self.phrases],
        }


def _iso(t: float) -> str:
    """Local time of a timestamp; UTC where the platform cannot convert it (Windows refuses local times in
    the first day after 1970 — a damaged log may hold such a value)."""
    if not t:
        return ""
    try:
        return datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")
    except (OSError, OverflowError, ValueError):
        try:
            return datetime.fromtimestamp(t, tz=UTC).isoformat(timespec="seconds")
        except (OSError, OverflowError, ValueError):
            return ""


def summarize(
    events: Iterable[PickEvent],
    titles: dict[str, str] | None = None,
    kpc: float = IME_KEYS_PER_CHAR,
    keys_per_minute: float = KEYS_PER_MINUTE,
) -> UsageSummary:
    """Sum `events` per phrase and per category; `titles` names the phrases (id → title)."""
    titles = titles or {}
    summary = UsageSummary(kpc=kpc, keys_per_minute=keys_per_minute)
    by_phrase: dict[str, Tally] = {}
    by_category: dict[str, Tally] = {}
    for event in events:
        summary.total.add(event, kpc)
        phrase = by_phrase.setdefault(
            event.id, Tally(event.id, title=titles.get(event.id, ""), category=event.category)
        )
        phrase.add(event, kpc)
        by_category.setdefault(event.category or "-", Tally(event.category or "-")).add(event, kpc)
        summary.first = min(summary.first or event.t, event.t)
        summary.last = max(summary.last, event.t)

    def order(tallies: Iterable[Tally]) -> list[Tally]:
        return sorted(tallies, key=lambda t: (-t.picks, -t.saved_keys, t.name))

    summary.phrases, summary.categories = order(by_phrase.values()), order(by_category.values())
    return summary


def csv_rows(summary: UsageSummary) -> list[list[str]]:
    """`kind,id,title,category,picks,chars,saved_keys,saved_seconds` rows, header first."""
    rows = [["kind", "id", "title", "category", "picks", "chars", "saved_keys", "saved_seconds"]]
    for kind, tallies in (("phrase", summary.phrases), ("category", summary.categories)):
        for t in tallies:
            data = t.to_json(summary.keys_per_minute)
            rows.append(
                [
                    kind,
                    t.name if kind == "phrase" else "",
                    t.title,
                    t.category if kind == "phrase" else t.name,
                    str(t.picks),
                    str(t.chars),
                    str(data["saved_keys"]),
                    str(data["saved_seconds"]),
                ]
            )
    total = summary.total.to_json(summary.keys_per_minute)
    rows.append(["total", "", "", "", str(total["picks"]), str(total["chars"]), str(total["saved_keys"]),
                 str(total["saved_seconds"])])  # fmt: skip
    return rows


def format_duration(seconds: float, lang: str = "zh_CN") -> str:
    """`1 小时 5 分` / `1 h 5 min`; under a minute in seconds."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return render(msg("usage.duration_h", hours=hours, minutes=minutes), lang)
    if minutes:
        return render(msg("usage.duration_m", minutes=minutes, seconds=secs), lang)
    return render(msg("usage.duration_s", seconds=secs), lang)


def ime_keys(text: str) -> float:
    """Keystrokes to type `text` with a full-pinyin IME: the pinyin letters of each Chinese character, one
    selection key (space) per two-character word (a run of n characters: ceil(n/2)), one key per ASCII
    character or line break, Shift + key for full-width punctuation typed through the IME."""
    from pypinyin import Style, lazy_pinyin  # ~57 MB: only for the measurement, never in the app's path

    keys = 0.0
    run = 0

    def end_run() -> None:
        nonlocal keys, run
        keys += math.ceil(run / 2)
        run = 0

    letters = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")  # one reading per Chinese character
    han = iter(letters)
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
            keys += len(next(han, "")) or 1
            run += 1
            continue
        end_run()
        keys += 2 if ch in SHIFTED else 1
    end_run()
    return keys


SHIFTED = frozenset("！？：“”（）《》～……——｛｝|…")


def measure(texts: Sequence[str]) -> tuple[float, int, float]:
    """(total IME keys, total characters, keys per character) over `texts`."""
    keys = sum(ime_keys(t) for t in texts)
    chars = sum(len(t) for t in texts)
    return keys, chars, (keys / chars if chars else 0.0)
