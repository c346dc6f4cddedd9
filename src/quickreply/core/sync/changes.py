"""What a team-pack update changed, phrase by phrase, in a form an agent can read: added phrases with their
text, changed ones as old → new with the changed words marked, removed ones.

Each sync that changed a pack appends a record to `<data>/subscriptions/updates.json` (the app and
`quickreply sync` alike), so the app can show the list and mark changed phrases 新/改 in the popup for
MARK_DAYS days. Pure: no Qt; times are ISO strings.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

from quickreply.core.model import Pack

log = logging.getLogger(__name__)
UPDATES_FILE = "updates.json"
MARK_DAYS = 3  # a new or changed team phrase carries its 新/改 mark this long
KEPT_RECORDS = 100
KEPT_DAYS = 30
Kind = Literal["added", "changed", "removed"]
Op = Literal["same", "del", "add"]
# Latin words and numbers are one token each (满199 → 满299 marks "199" → "299", not "1" "9" "9");
# every other character (Chinese, punctuation) is a token of its own.
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class PhraseChange:
    """One phrase of an update; `old_text` is "" for an added phrase, `new_text` "" for a removed one."""

    id: str
    kind: Kind
    title: str
    category: str = ""
    old_text: str = ""
    new_text: str = ""
    old_title: str = ""


def phrase_changes(old: Pack, new: Pack) -> tuple[PhraseChange, ...]:
    """Added, changed (title, text or category) and removed phrases of `new` against `old`, in file order."""
    before = {p.id: p for p in old.phrases}
    after = {p.id: p for p in new.phrases}
    out: list[PhraseChange] = []
    for pid, phrase in after.items():
        was = before.get(pid)
        if was is None:
            out.append(PhraseChange(pid, "added", phrase.title, phrase.category, "", phrase.text))
        elif (was.text, was.title, was.category) != (phrase.text, phrase.title, phrase.category):
            out.append(
                PhraseChange(pid, "changed", phrase.title, phrase.category, was.text, phrase.text, was.title)
            )
    out += [
        PhraseChange(pid, "removed", p.title, p.category, p.text, "")
        for pid, p in before.items()
        if pid not in after
    ]
    return tuple(out)


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """`old` → `new` as runs: ("same", text), ("del", text only in old), ("add", text only in new)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[Op, str]] = []

    def put(op: Op, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            put("same", "".join(a[i1:i2]))
        else:
            put("del", "".join(a[i1:i2]))
            put("add", "".join(b[j1:j2]))
    return runs


@dataclass(frozen=True)
class UpdateRecord:
    """One changed pack file of one source at one sync."""

    at: str  # ISO time of the sync
    source: str  # the source's name, or its location
    file: str
    version_old: str
    version_new: str
    phrases: tuple[PhraseChange, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["phrases"] = [asdict(p) for p in self.phrases]
        return data

    @classmethod
    def from_json(cls, data: Any) -> UpdateRecord | None:
        if not isinstance(data, dict):
            return None
        try:
            known = PhraseChange.__dataclass_fields__
            rows: list[dict[str, Any]] = [
                {k: str(v) for k, v in p.items() if k in known}
                for p in data.get("phrases", [])
                if isinstance(p, dict)
            ]
            phrases = tuple(PhraseChange(**row) for row in rows)
            return cls(
                str(data["at"]),
                str(data.get("source", "")),
                str(data.get("file", "")),
                str(data.get("version_old", "")),
                str(data.get("version_new", "")),
                phrases,
            )
        except (KeyError, TypeError):
            return None


_read_before: dict[Path, tuple[tuple[int, int], tuple[UpdateRecord, ...]]] = {}


def load_updates(cache_root: Path) -> list[UpdateRecord]:
    """The recorded updates, oldest first; a missing or damaged file gives none. The file is parsed again
    only when its size or time changed: the app reads it after every sync and every reload, on its UI
    thread, and with a big team pack's first copy recorded it is megabytes of JSON (~0.1 s)."""
    path = cache_root / UPDATES_FILE
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        before = _read_before.get(path)
        if before is not None and before[0] == stamp:
            return list(before[1])
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return []
    items = raw.get("updates", []) if isinstance(raw, dict) else []
    records = [UpdateRecord.from_json(item) for item in items if isinstance(item, dict)]
    kept = tuple(r for r in records if r is not None)
    _read_before.clear()  # one file (the app's), not one per folder ever read
    _read_before[path] = (stamp, kept)
    return list(kept)


def _parse(iso: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def is_first_copy(record: UpdateRecord) -> bool:
    """A new subscription's first copy: every phrase is new to this PC, none is news (no 新 marks, not in
    the "what changed" window)."""
    return not record.version_old and all(c.kind == "added" for c in record.phrases)


def record_updates(cache_root: Path, records: Sequence[UpdateRecord], now: datetime) -> None:
    """Append `records` (those with phrase changes) and drop ones older than KEPT_DAYS; atomic write.

    A first copy is not recorded (nothing shows it), nor kept from a file an older version wrote: with a
    100k-phrase team pack it made updates.json tens of MB, which the sync encoded (~200 ms holding the
    GIL) and the app parsed on its UI thread after every sync (~250 ms: the popup waited)."""
    from quickreply.core.sync.offline import atomic_write_bytes  # offline imports fetch; keep this light

    fresh = [r for r in records if r.phrases and not is_first_copy(r)]
    if not fresh:
        return
    now = now if now.tzinfo else now.astimezone()
    cutoff = now - timedelta(days=KEPT_DAYS)
    old = load_updates(cache_root)
    kept = [r for r in old if (_parse(r.at) or now) >= cutoff and not is_first_copy(r)]
    kept = (kept + fresh)[-KEPT_RECORDS:]
    text = json.dumps({"version": 1, "updates": [r.to_json() for r in kept]}, ensure_ascii=False, indent=1)
    atomic_write_bytes(cache_root / UPDATES_FILE, (text + "\n").encode("utf-8"))


def recent_marks(records: Sequence[UpdateRecord], now: datetime, days: int = MARK_DAYS) -> dict[str, str]:
    """Phrase id → "new" or "changed" for team phrases added or changed in the last `days` days.
    A later update wins (a phrase added, then changed, shows 改); a removed phrase has no mark; the phrases
    of a first copy (a new subscription) are not marked."""
    now = now if now.tzinfo else now.astimezone()
    cutoff = now - timedelta(days=days)
    marks: dict[str, str] = {}
    for record in records:
        moment = _parse(record.at)
        if moment is None or moment < cutoff:
            continue
        if is_first_copy(record):
            continue  # written by an older version: every phrase is new to this PC, none is news
        for change in record.phrases:
            if change.kind == "removed":
                marks.pop(change.id, None)
            else:
                marks[change.id] = "changed" if change.kind == "changed" or change.id in marks else "new"
    return marks


def update_records(report: Any) -> list[UpdateRecord]:
    """One record per changed pack file of a SyncReport."""
    return [
        UpdateRecord(
            report.checked_at,
            result.source.name or result.source.location,
            change.file,
            change.diff.version_old,
            change.diff.version_new,
            change.phrases,
        )
        for result in report.results
        for change in result.changes
    ]


def records_within(records: Sequence[UpdateRecord], now: datetime, days: int) -> list[UpdateRecord]:
    """The records of the last `days` days."""
    now = now if now.tzinfo else now.astimezone()
    cutoff = now - timedelta(days=days)
    return [r for r in records if (moment := _parse(r.at)) is not None and moment >= cutoff]


def records_since(records: Sequence[UpdateRecord], at: str) -> list[UpdateRecord]:
    """The records of the sync at `at` (what a report just brought)."""
    return [r for r in records if r.at == at]
