"""What a sync found: per source, its status, what changed in its packs and what went wrong — as English
lines for `quickreply sync`, Chinese lines for the tray notification, and JSON for `--json`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from quickreply.core.model import Problem
from quickreply.core.packs.diff import PackDiff
from quickreply.core.sync.changes import PhraseChange
from quickreply.core.sync.subscriptions import Source

Status = Literal["new", "updated", "current", "failed"]
STATUS_ZH = {"new": "首次获取", "updated": "已更新", "current": "已是最新", "failed": "失败"}
WEB_PAGE = (
    "a web page came back instead of a pack (a proxy login page, or the wrong address?)",
    "返回的是网页而不是短语包（代理登录页，或地址有误？）",
)


def show_time(iso: str) -> str:
    """`2024-05-01 10:30` in local time, from a stored ISO time."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def invalid_text(found: list[Problem]) -> tuple[str, str]:
    """Why a new version was refused: its first error, and how many more there are."""
    errors = [p for p in found if p.is_error]
    first = str(errors[0]) if errors else "the file could not be used"
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    return (
        f"the new version has errors and was not taken: {first}{more}",
        f"新版本有错误，未采用：{first}{more}",
    )


def failure_text(source: Source, file: str, en: str, zh: str, copy_ok_at: str) -> tuple[str, str]:
    """Which source (and file) failed, what went wrong, and which copy is still used ("" at: none)."""
    in_folder = bool(file) and source.kind == "path"
    where_en = f"{source.label} {file}" if in_folder else source.label
    where_zh = f"团队短语来源 {source.name or source.location}" + (f" 的 {file}" if in_folder else "")
    if copy_ok_at:
        when = show_time(copy_ok_at)
        return (
            f"{where_en}: {en}; the last good copy (current as of {when}) is still used",
            f"{where_zh}：{zh}；仍在使用上次的有效副本（{when} 时为最新）",
        )
    return (
        f"{where_en}: {en}; no good copy has been fetched yet, so these phrases are not available",
        f"{where_zh}：{zh}；还没有取到有效副本，这些短语暂不可用",
    )


@dataclass(frozen=True)
class PackChange:
    """One pack file of a source that is new, changed or gone since the previous copy."""

    file: str
    pack_id: str
    kind: Literal["added", "updated", "removed"]
    diff: PackDiff
    phrases: tuple[PhraseChange, ...] = ()  # phrase by phrase, with old and new texts (core/sync/changes)

    def summary_en(self) -> str:
        if self.kind == "added":
            return (
                f"{self.file}: first copy, {len(self.diff.added)} phrases (version {self.diff.version_new})"
            )
        if self.kind == "removed":
            return f"{self.file}: removed from the source, its {len(self.diff.removed)} phrases are gone"
        note = "" if not self.diff.is_empty else " — only layout or comments changed"
        return f"{self.file}: {self.diff.summary_en()}{note}"

    def summary_zh(self) -> str:
        if self.kind == "added":
            return f"{self.file}：共 {len(self.diff.added)} 条短语（版本 {self.diff.version_new}）"
        if self.kind == "removed":
            return f"{self.file}：已从来源删除，其中 {len(self.diff.removed)} 条短语不再可用"
        return f"{self.file}：{self.diff.summary_zh()}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "pack_id": self.pack_id, "kind": self.kind, "diff": self.diff.to_json()}


@dataclass(frozen=True)
class SourceResult:
    """The outcome for one source. A failed source may still list changes of its other (good) files."""

    source: Source
    status: Status
    changes: tuple[PackChange, ...] = ()
    errors: tuple[str, ...] = ()  # English, each naming the source and saying which copy is still used
    errors_zh: tuple[str, ...] = ()
    last_ok: str = ""  # ISO time the source was last read with no error; "" never
    version: str = ""  # version(s) of the copy now in use

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
            "errors": list(self.errors),
            "errors_zh": list(self.errors_zh),
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

    def lines(self) -> list[str]:
        """English, for `quickreply sync`: one line per source, one per changed pack, one per error."""
        out: list[str] = []
        for result in self.results:
            version = f" — version {result.version}" if result.version and result.status != "failed" else ""
            out.append(f"{result.status:<8} {result.source.label}{version}")
            out += [f"         {change.summary_en()}" for change in result.changes]
            out += [f"         error: {error}" for error in result.errors]
        counts = {s: sum(1 for r in self.results if r.status == s) for s in STATUS_ZH}
        tally = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        out.append(f"{'OK' if self.ok else 'FAILED'}: {len(self.results)} sources ({tally or 'none'})")
        return out

    def lines_zh(self) -> list[str]:
        """Chinese, for the tray notification: changed and failed sources only (empty: nothing to say)."""
        out: list[str] = []
        for result in self.results:
            name = result.source.name or result.source.location
            what = STATUS_ZH["new" if result.status == "new" else "updated"]  # a failed folder's good files
            out += [f"{name} {what}：{change.summary_zh()}" for change in result.changes]
            out += result.errors_zh
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked_at": self.checked_at,
            "sources": [result.to_json() for result in self.results],
        }
