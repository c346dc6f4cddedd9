"""Inline validation: the personal pack in memory checked by core's pack checks (`PackChecker`: what
`quickreply pack check` reports for the file a save writes, without writing it), plus the per-phrase
hotkeys, with each problem tied to an item and a field so the form can show it in place."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from quickreply.core.hotkeys import ComboError, conflict_reason, display_combo, normalize_combo
from quickreply.core.messages import Message, msg
from quickreply.core.model import Pack, Phrase
from quickreply.core.packs.load import PackChecker
from quickreply.core.rules import Rules, bundled_rules, hit_message, lint_texts
from quickreply.core.settings.model import HotkeySettings
from quickreply.gui.editor.badges import layer_name
from quickreply.gui.i18n import language, t, text_of

Hotkeys = tuple[tuple[str, str], ...]  # (combo, phrase id), duplicates allowed while being edited
_IGNORED = frozenset({"pack.no_phrases", "pack.category_unused"})  # true of a library being written
_PHRASE_ARGS = ("owner", "phrase")  # message arguments that name a phrase by id: shown by its title


@dataclass(frozen=True)
class Finding:
    """One problem: which phrase or script ("" for the whole library), which field, what to do."""

    item_id: str
    field: str  # "title", "code", "category", "tags", "text", "hotkey", "steps" or ""
    message: str
    is_error: bool = True
    fix: tuple[str, str] | None = None  # (as written, replacement): the form offers a one-click fix


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...] = ()

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    def for_item(self, item_id: str) -> list[Finding]:
        return [f for f in self.findings if f.item_id == item_id]

    def error_ids(self) -> set[str]:
        return {f.item_id for f in self.findings if f.is_error}


@dataclass(frozen=True)
class ReadOnlyPacks:
    """The team, local and bundled packs, with what the checks look up in them indexed once."""

    packs: tuple[Pack, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    codes: Mapping[str, tuple[Phrase, Pack]] = field(default_factory=dict)  # casefolded code -> first owner

    @classmethod
    def of(cls, packs: Sequence[Pack]) -> ReadOnlyPacks:
        titles: dict[str, str] = {}
        codes: dict[str, tuple[Phrase, Pack]] = {}
        for pack in packs:
            for phrase in pack.phrases:
                titles[phrase.id] = phrase.title
                if phrase.code:
                    codes.setdefault(phrase.code.casefold(), (phrase, pack))
        return cls(tuple(packs), titles, codes)


def item_titles(pack: Pack, readonly: ReadOnlyPacks) -> Mapping[str, str]:
    """Titles of every phrase and script by id, the personal ones first."""
    mine = {s.id: s.title for s in pack.scripts}
    mine.update({p.id: p.title for p in pack.phrases})
    return ChainMap(mine, readonly.titles)


def check(
    pack: Pack,
    hotkeys: Hotkeys,
    settings: HotkeySettings,
    readonly: ReadOnlyPacks,
    rules: Rules | None = None,
    checker: PackChecker | None = None,
) -> Report:
    """Every problem of the personal pack `pack` and its phrase hotkeys, beside the read-only packs.
    `checker` keeps what it found per phrase, so a check after an edit re-checks only what changed."""
    titles = item_titles(pack, readonly)
    findings = [
        *_pack_findings(pack, titles, checker or PackChecker()),
        *_code_warnings(pack, readonly),
        *_rule_findings(pack, rules),
    ]
    findings += _hotkey_findings(hotkeys, settings, titles)
    return Report(tuple(findings))


def _pack_findings(pack: Pack, titles: Mapping[str, str], checker: PackChecker) -> list[Finding]:
    problems = checker.check(pack, "personal.toml")
    found: list[Finding] = []
    lang = language()
    for problem in problems:
        if not problem.is_error and problem.code.code in _IGNORED:
            continue
        fix = (problem.fix.found, problem.fix.replacement) if problem.fix else None
        message = _with_titles(problem.code, titles).render(lang)
        found.append(Finding(problem.item_id, problem.field, message, problem.is_error, fix))
        if problem.code.code == "pack.code_taken":  # the first owner is wrong too: tell both
            other = titles.get(problem.item_id, problem.item_id)
            also = msg("pack.code_also_used", code=problem.code.args["code"], other=other)
            found.append(Finding(problem.code.args["owner"], "code", also.render(lang)))
    return found


def _with_titles(message: Message, titles: Mapping[str, str]) -> Message:
    """The message with phrase ids replaced by their titles (what the agent sees in the list)."""
    named = {k: titles.get(v, v) for k, v in message.args.items() if k in _PHRASE_ARGS and isinstance(v, str)}
    return Message(message.code, {**message.args, **named}) if named else message


def _rule_findings(pack: Pack, rules: Rules | None) -> list[Finding]:
    """Words that break a platform rule (`pack lint`): shown under the field, never blocking a save (the
    popup asks before pasting an error-level one)."""
    rules = rules if rules is not None else bundled_rules()
    found = []
    for item_id, part, text, _ in lint_texts(pack):
        for hit in rules.check(text):
            where = "steps" if part.startswith("step") else part
            message = text_of(hit_message(hit))
            if where == "steps":
                message = t("ui.editor.step", part=part[5:]) + message
            found.append(Finding(item_id, where, message, is_error=False))
    return found


def _code_warnings(pack: Pack, readonly: ReadOnlyPacks) -> list[Finding]:
    """A personal code equal to a team/bundled one: allowed, but searching it lists both."""
    mine = {p.id for p in pack.phrases}
    found = []
    for phrase in pack.phrases:
        hit = readonly.codes.get(phrase.code.casefold()) if phrase.code else None
        if hit and hit[0].id not in mine:  # not when my copy replaces that very phrase
            other, where = hit
            layer = layer_name(where.layer)
            message = t(
                "ui.editor.code_is_also_used_by",
                code=phrase.code,
                layer=layer,
                title=other.title,
                name=where.name,
            )
            found.append(Finding(phrase.id, "code", message, is_error=False))
    return found


def _hotkey_findings(hotkeys: Hotkeys, settings: HotkeySettings, titles: Mapping[str, str]) -> list[Finding]:
    reserved = {
        _normal(settings.popup): t("ui.editor.open_search"),
        _normal(settings.next_step): t("ui.editor.next_script_step"),
    }
    owners: dict[str, str] = {}
    found = []
    for combo, phrase_id in hotkeys:
        normal = _normal(combo)
        shown = display_combo(combo)
        reason = conflict_reason(combo)
        if reason is not None:
            message = text_of(reason)
        elif normal in reserved:
            message = t("ui.editor.is_already", shown=shown, normal=reserved[normal])
        elif normal in owners and owners[normal] != phrase_id:
            owner = titles.get(owners[normal], owners[normal])
            message = t("ui.editor.is_already_used_by", shown=shown, owner=owner)
        else:
            owners.setdefault(normal, phrase_id)
            continue
        found.append(Finding(phrase_id, "hotkey", message))
    return found


def _normal(combo: str) -> str:
    try:
        return normalize_combo(combo)
    except ComboError:
        return combo.strip().lower()


def error_summary(report: Report, titles: Mapping[str, str], limit: int = 8) -> str:
    """The errors as lines "• 短语“退货”：编码…", for the message that says why saving is blocked."""
    lines = []
    for finding in report.errors()[:limit]:
        subject = titles.get(finding.item_id, "")
        lines.append(f"• “{subject}”：{finding.message}" if subject else f"• {finding.message}")
    more = len(report.errors()) - limit
    if more > 0:
        lines.append(t("ui.editor.and_more", more=more))
    return "\n".join(lines)
