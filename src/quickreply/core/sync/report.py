"""What a sync found: per source, its status, what changed in its packs and what went wrong (catalogue
messages) — as lines for `quickreply sync`, messages for the tray notification, and JSON for `--json`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from quickreply.core.messages import Message, Texts, msg
from quickreply.core.model import Problem
from quickreply.core.packs.diff import PackDiff
from quickreply.core.sync.changes import PhraseChange
from quickreply.core.sync.subscriptions import Source

Status = Literal["new", "updated", "current", "failed"]
STATUSES: tuple[Status, ...] = ("new", "updated", "current", "failed")
WEB_PAGE = msg("sync.web_page")


def show_time(iso: str) -> str:
    """`2024-05-01 10:30` in local time, from a stored ISO time."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def invalid_text(found: list[Problem]) -> Message:
    """Why a new version was refused: its first error, and how many more there are."""
    errors = [p for p in found if p.is_error]
    if not errors:
        return msg("sync.invalid_unusable")
    first = errors[0]
    where = f"{first.path}:{first.line or 1}"
    item = f"'{first.item_id}': " if first.item_id else ""
    more = msg("sync.more_errors", count=len(errors) - 1) if len(errors) > 1 else ""
    severity = msg("general.severity.error")
    return msg("sync.invalid", where=where, severity=severity, item=item, first=first.code, more=more)


def failure_text(source: Source, file: str, what: Message, copy_ok_at: str) -> Message:
    """Which source (and file) failed, what went wrong, and which copy is still used ("" at: none)."""
    in_folder = bool(file) and source.kind == "path"
    where = (
        msg("sync.where_file", source=source.label, file=file)
        if in_folder
        else msg("sync.where", source=source.label)
    )
    if copy_ok_at:
        return msg("sync.failed_with_copy", where=where, what=what, when=show_time(copy_ok_at))
    return msg("sync.failed_no_copy", where=where, what=what)


@dataclass(frozen=True)
class PackChange:
    """One pack file of a source that is new, changed or gone since the previous copy."""

    file: str
    pack_id: str
    kind: Literal["added", "updated", "removed"]
    diff: PackDiff
    phrases: tuple[PhraseChange, ...] = ()  # phrase by phrase, with old and new texts (core/sync/changes)

    def summary(self) -> Message:
        """One line: the file and what changed in it."""
        if self.kind == "added":
            return msg(
                "sync.change_added", file=self.file, count=len(self.diff.added), version=self.diff.version_new
            )
        if self.kind == "removed":
            return msg("sync.change_removed", file=self.file, count=len(self.diff.removed))
        if self.diff.is_empty:
            return msg("sync.change_layout_only", file=self.file, diff=self.diff.summary())
        return msg("sync.change_updated", file=self.file, diff=self.diff.summary())

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "pack_id": self.pack_id, "kind": self.kind, "diff": self.diff.to_json()}


@dataclass(frozen=True)
class SourceResult:
    """The outcome for one source. A failed source may still list changes of its other (good) files."""

    source: Source
    status: Status
    changes: tuple[PackChange, ...] = ()
    failures: tuple[Message | Texts, ...] = ()  # each naming the source and saying which copy is still used
    last_ok: str = ""  # ISO time the source was last read with no error; "" never
    version: str = ""  # version(s) of the copy now in use

    def error_texts(self, lang: str) -> list[str]:
        return [failure.render(lang) for failure in self.failures]

    @property
    def errors(self) -> tuple[str, ...]:
        """In English, for `quickreply sync` and logs."""
        return tuple(self.error_texts("en"))

    @property
    def error(self) -> str:
        return "\n".join(self.errors)

    @property
    def diff(self) -> PackDiff | None:
        """The diff of the first changed pack (a url source has just one)."""
        return self.changes[0].diff if self.changes else None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": {"kind": self.source.kind, "location": self.source.location, "name": self.source.name},
            "status": self.status,
            "version": self.version,
            "last_ok": self.last_ok,
            "changes": [change.to_json() for change in self.changes],
            "errors": self.error_texts("en"),
            "errors_zh": self.error_texts("zh_CN"),
        }


@dataclass(frozen=True)
class SyncReport:
    results: tuple[SourceResult, ...]
    checked_at: str  # ISO time

    @property
    def ok(self) -> bool:
        """True when every source is current, updated or new."""
        return all(r.status != "failed" for r in self.results)

    @property
    def changed(self) -> tuple[SourceResult, ...]:
        """Sources whose copy changed (the app reloads the library and shows a notification for these)."""
        return tuple(r for r in self.results if r.changes)

    @property
    def failed(self) -> tuple[SourceResult, ...]:
        return tuple(r for r in self.results if r.status == "failed")

    def notices(self, failures: bool = True) -> list[Message | Texts]:
        """For the tray notification: changed sources (and failed ones), one message per changed pack and
        per failure; empty: nothing to say."""
        out: list[Message | Texts] = []
        for result in self.results:
            name = result.source.name or result.source.location
            # a failed folder's good files are "updated"
            code = "sync.notice_new" if result.status == "new" else "sync.notice_updated"
            out += [msg(code, source=name, change=change.summary()) for change in result.changes]
            if failures:
                out += result.failures
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked_at": self.checked_at,
            "sources": [result.to_json() for result in self.results],
        }
