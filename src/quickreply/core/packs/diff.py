"""What changed between two versions of a pack: for the team lead before publishing, and for agents'
update notifications ("新增 3 条，修改 2 条，删除 1 条（1.0 → 1.1）")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from quickreply.core.messages import Message, msg
from quickreply.core.model import Pack, Phrase, Script

PHRASE_FIELDS = ("category", "title", "text", "code", "tags", "questions")
SCRIPT_FIELDS = ("title", "category", "steps")

_EMPTY: Mapping[str, tuple[str, ...]] = MappingProxyType({})


@dataclass(frozen=True)
class PackDiff:
    """Phrase and script ids added, changed (with the fields that changed) and removed, in file order."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    version_old: str = ""
    version_new: str = ""
    changed_fields: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    scripts_added: tuple[str, ...] = ()
    scripts_changed: tuple[str, ...] = ()
    scripts_removed: tuple[str, ...] = ()
    script_fields: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    placeholders_changed: tuple[str, ...] = ()  # declarations added, removed or edited
    titles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # id -> newest title

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.changed
            or self.removed
            or self.scripts_added
            or self.scripts_changed
            or self.scripts_removed
            or self.placeholders_changed
        )

    @property
    def version_unchanged(self) -> bool:
        """Content changed but the version did not: agents' apps would not know it is new."""
        return not self.is_empty and self.version_old == self.version_new

    def summary(self) -> Message:
        """One line (a catalogue message), e.g. "新增 3 条，修改 2 条，删除 1 条（1.0 → 1.1）" /
        "3 added, 2 changed, 1 removed (1.0 → 1.1)"."""
        versions = {"old": self.version_old, "new": self.version_new}
        if self.is_empty:
            return msg("diff.none", **versions)
        scripts = (len(self.scripts_added), len(self.scripts_changed), len(self.scripts_removed))
        return msg(
            "diff.summary",
            added=len(self.added),
            changed=len(self.changed),
            removed=len(self.removed),
            scripts=msg("diff.scripts", added=scripts[0], changed=scripts[1], removed=scripts[2])
            if any(scripts)
            else "",
            placeholders=msg("diff.placeholders", count=len(self.placeholders_changed))
            if self.placeholders_changed
            else "",
            **versions,
        )

    def to_json(self) -> dict[str, Any]:
        """Plain data for `quickreply pack diff --json`."""
        return {
            "version_old": self.version_old,
            "version_new": self.version_new,
            "added": list(self.added),
            "changed": {pid: list(self.changed_fields.get(pid, ())) for pid in self.changed},
            "removed": list(self.removed),
            "scripts": {
                "added": list(self.scripts_added),
                "changed": {sid: list(self.script_fields.get(sid, ())) for sid in self.scripts_changed},
                "removed": list(self.scripts_removed),
            },
            "placeholders_changed": list(self.placeholders_changed),
            "summary_zh": self.summary().render("zh_CN"),
            "summary_en": self.summary().render("en"),
        }


def _phrase_changes(old: Phrase, new: Phrase) -> tuple[str, ...]:
    return tuple(name for name in PHRASE_FIELDS if getattr(old, name) != getattr(new, name))


def _script_changes(old: Script, new: Script) -> tuple[str, ...]:
    return tuple(name for name in SCRIPT_FIELDS if getattr(old, name) != getattr(new, name))


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    """Compare by id; ids of added and changed items in the new file's order, removed in the old one's."""
    old_phrases = {p.id: p for p in old.phrases}
    new_phrases = {p.id: p for p in new.phrases}
    fields: dict[str, tuple[str, ...]] = {}
    for pid, phrase in new_phrases.items():
        if pid in old_phrases and (changes := _phrase_changes(old_phrases[pid], phrase)):
            fields[pid] = changes
    old_scripts = {s.id: s for s in old.scripts}
    new_scripts = {s.id: s for s in new.scripts}
    script_fields: dict[str, tuple[str, ...]] = {}
    for sid, script in new_scripts.items():
        if sid in old_scripts and (changes := _script_changes(old_scripts[sid], script)):
            script_fields[sid] = changes
    old_decls = {d.name: d for d in old.placeholders}
    new_decls = {d.name: d for d in new.placeholders}
    titles = {p.id: p.title for p in old.phrases} | {p.id: p.title for p in new.phrases}
    return PackDiff(
        added=tuple(pid for pid in new_phrases if pid not in old_phrases),
        changed=tuple(fields),
        removed=tuple(pid for pid in old_phrases if pid not in new_phrases),
        version_old=old.version,
        version_new=new.version,
        changed_fields=MappingProxyType(fields),
        scripts_added=tuple(sid for sid in new_scripts if sid not in old_scripts),
        scripts_changed=tuple(script_fields),
        scripts_removed=tuple(sid for sid in old_scripts if sid not in new_scripts),
        script_fields=MappingProxyType(script_fields),
        placeholders_changed=tuple(
            name
            for name in dict.fromkeys([*old_decls, *new_decls])
            if old_decls.get(name) != new_decls.get(name)
        ),
        titles=MappingProxyType(titles),
    )
