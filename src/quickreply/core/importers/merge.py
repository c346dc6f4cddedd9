"""Merging an imported pack into an existing one, resolving id and code conflicts by a chosen policy."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace
from typing import Literal

from quickreply.core.messages import Message, msg
from quickreply.core.model import Pack, Phrase, Placeholder, Script

Policy = Literal["skip", "replace", "keep_both"]
POLICIES: tuple[Policy, ...] = ("skip", "replace", "keep_both")


@dataclass(frozen=True)
class Conflict:
    """An incoming phrase whose id or code is already taken by an existing phrase."""

    incoming_id: str
    existing_id: str
    reason: Literal["id", "code"]
    code: str = ""


@dataclass(frozen=True)
class MergeReport:
    added: tuple[str, ...] = ()  # incoming ids added without a conflict
    replaced: tuple[str, ...] = ()  # existing ids whose phrase was replaced by an incoming one
    skipped: tuple[str, ...] = ()  # incoming ids left out
    kept_both: tuple[str, ...] = ()  # final ids of clashing incoming phrases added beside the existing ones
    renamed: tuple[tuple[str, str], ...] = ()  # (incoming id, id it was given)
    recoded: tuple[tuple[str, str, str], ...] = ()  # (final id, incoming code, code it was given)
    notes: tuple[Message, ...] = ()  # scripts and placeholder declarations that clashed

    def summary(self) -> Message:
        """One line: "新增 3 条，替换 0 条，跳过 1 条，两者都保留 0 条" / "3 added, 0 replaced, ..."."""
        return msg(
            "import.merge_summary",
            added=len(self.added),
            replaced=len(self.replaced),
            skipped=len(self.skipped),
            kept_both=len(self.kept_both),
        )


def find_conflicts(existing: Pack, incoming: Pack) -> tuple[Conflict, ...]:
    """Every id or code clash, for the import dialog's preview."""
    ids = {p.id for p in existing.phrases}
    codes = {p.code: p.id for p in existing.phrases if p.code}
    found: list[Conflict] = []
    for phrase in incoming.phrases:
        if phrase.id in ids:
            found.append(Conflict(phrase.id, phrase.id, "id"))
        owner = codes.get(phrase.code) if phrase.code else None
        if owner is not None and owner != phrase.id:
            found.append(Conflict(phrase.id, owner, "code", phrase.code))
    return tuple(found)


def merge_into(existing: Pack, incoming: Pack, policy: Policy) -> tuple[Pack, MergeReport]:
    """`existing` with `incoming`'s phrases, scripts and placeholder declarations added.

    On a clash: "skip" leaves the incoming phrase out; "replace" puts it in the place of every existing
    phrase it clashes with (same id or same code); "keep_both" gives it a free id ("-2") and code ("2")."""
    if policy not in POLICIES:
        raise ValueError(f"unknown merge policy '{policy}' (use one of {', '.join(POLICIES)})")
    phrases: list[Phrase | None] = list(existing.phrases)
    index = {p.id: i for i, p in enumerate(existing.phrases)}
    codes = {p.code: p.id for p in existing.phrases if p.code}
    added: list[str] = []
    replaced: list[str] = []
    skipped: list[str] = []
    kept_both: list[str] = []
    renamed: dict[str, str] = {}
    recoded: list[tuple[str, str, str]] = []
    for phrase in incoming.phrases:
        clash = [pid for pid in (phrase.id if phrase.id in index else None, codes.get(phrase.code)) if pid]
        clash = list(dict.fromkeys(clash))
        phrase = replace(phrase, pack_id=existing.id, line=0)
        if clash and policy == "skip":
            skipped.append(phrase.id)
            continue
        if clash and policy == "replace":
            first = min(index[pid] for pid in clash)
            for pid in clash:
                old = phrases[index[pid]]
                if old is not None and old.code:
                    codes.pop(old.code, None)
                phrases[index.pop(pid)] = None
                replaced.append(pid)
            phrases[first] = phrase
            index[phrase.id] = first
        else:
            if phrase.id in index:
                new_id = _free(phrase.id, index, "-")
                renamed[phrase.id] = new_id
                phrase = replace(phrase, id=new_id)
            if phrase.code and phrase.code in codes:
                new_code = _free(phrase.code, codes, "")
                recoded.append((phrase.id, phrase.code, new_code))
                phrase = replace(phrase, code=new_code)
            (kept_both if clash else added).append(phrase.id)
            index[phrase.id] = len(phrases)
            phrases.append(phrase)
        if phrase.code:
            codes[phrase.code] = phrase.id
    scripts, notes = _merge_scripts(existing, incoming, policy, renamed)
    placeholders, more = _merge_placeholders(existing, incoming)
    merged = replace(
        existing,
        phrases=tuple(p for p in phrases if p is not None),
        scripts=scripts,
        placeholders=placeholders,
        categories=tuple(dict.fromkeys((*existing.categories, *incoming.categories))),
    )
    report = MergeReport(
        added=tuple(added),
        replaced=tuple(replaced),
        skipped=tuple(skipped),
        kept_both=tuple(kept_both),
        renamed=tuple(renamed.items()),
        recoded=tuple(recoded),
        notes=(*notes, *more),
    )
    return merged, report


def _free(base: str, taken: Container[str], joiner: str) -> str:
    n = 2
    while f"{base}{joiner}{n}" in taken:
        n += 1
    return f"{base}{joiner}{n}"


def _merge_scripts(
    existing: Pack, incoming: Pack, policy: Policy, renamed: dict[str, str]
) -> tuple[tuple[Script, ...], list[Message]]:
    scripts = {s.id: s for s in existing.scripts}
    notes: list[Message] = []
    for script in incoming.scripts:
        # Steps follow their phrases when keep_both gave those a new id.
        steps = tuple(replace(s, phrase_id=renamed.get(s.phrase_id, s.phrase_id)) for s in script.steps)
        script = replace(script, steps=steps, pack_id=existing.id, line=0)
        if script.id in scripts and policy == "skip":
            notes.append(msg("import.merge_script_skipped", script=script.id))
            continue
        if script.id in scripts and policy == "keep_both":
            new_id = _free(script.id, scripts, "-")
            notes.append(msg("import.merge_script_renamed", script=script.id, new_id=new_id))
            script = replace(script, id=new_id)
        elif script.id in scripts:
            notes.append(msg("import.merge_script_replaced", script=script.id))
        scripts[script.id] = script
    return tuple(scripts.values()), notes


def _merge_placeholders(existing: Pack, incoming: Pack) -> tuple[tuple[Placeholder, ...], list[Message]]:
    declared = {p.name: p for p in existing.placeholders}
    notes: list[Message] = []
    for decl in incoming.placeholders:
        if decl.name not in declared:
            declared[decl.name] = decl
        elif declared[decl.name] != decl:
            notes.append(msg("import.merge_placeholder_kept", name=decl.name))
    return tuple(declared.values()), notes
