"""Checking wording against the rules: one text (`Rules.check`), or a whole pack (`lint_pack`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from quickreply.core.messages import Message, msg
from quickreply.core.model import Pack, Problem, Severity
from quickreply.core.rules.model import Level, Rule


@dataclass(frozen=True)
class RuleHit:
    """Words of a text that break a rule: `text[start:end] == words`."""

    rule: Rule
    start: int
    end: int
    words: str

    @property
    def is_error(self) -> bool:
        return self.rule.level is Level.ERROR


_SEEN_MAX = 50_000  # texts whose hits a Rules keeps: the editor re-checks every text on each edit


class Rules:
    """An ordered set of rules; later ones with the same id replace earlier ones. Never changes once made,
    so the hits of a text are kept: checking a pack again costs only its texts that changed."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        by_id: dict[str, Rule] = {}
        for rule in rules:
            by_id[rule.id] = rule
        self.rules: tuple[Rule, ...] = tuple(by_id.values())
        self._seen: dict[str, tuple[RuleHit, ...]] = {}

    def __len__(self) -> int:
        return len(self.rules)

    def ids(self) -> list[str]:
        return [rule.id for rule in self.rules]

    def compile(self) -> None:
        """Compile every rule's expressions now rather than at the first check (the app does it when idle,
        so the agent's first paste does not wait for it)."""
        for rule in self.rules:
            _ = rule.compiled

    def with_overrides(self, add: Iterable[Rule] = (), off: Iterable[str] = ()) -> Rules:
        """These rules plus `add` (same id: replaced), minus the ids in `off`."""
        dropped = set(off)
        return Rules(r for r in (*self.rules, *add) if r.id not in dropped)

    def check(self, text: str) -> list[RuleHit]:
        """Every rule-breaking span of `text`, in text order."""
        seen = self._seen.get(text)
        if seen is None:
            hits = [
                RuleHit(rule, start, end, text[start:end])
                for rule in self.rules
                for start, end in rule.hits(text)
            ]
            if len(self._seen) >= _SEEN_MAX:
                self._seen.clear()
            seen = self._seen[text] = tuple(sorted(hits, key=lambda h: (h.start, h.end)))
        return list(seen)


def hit_message(hit: RuleHit, where: Message | None = None) -> Message:
    """What to tell the writer: which words, what the rule forbids, its source and what to say instead."""
    rule = hit.rule
    args = {"rule": rule.id, "words": hit.words, "forbids": rule.forbids, "source": rule.source}
    args["suggestion"] = rule.suggestion
    if where is None:
        return msg("rules.hit", **args)
    return msg("rules.hit_in", where=where, **args)


def lint_texts(pack: Pack) -> Iterator[tuple[str, str, str, int]]:
    """(item id, field, text, header line) of every title and text of a pack, script steps included."""
    for phrase in pack.phrases:
        yield phrase.id, "title", phrase.title, phrase.line
        yield phrase.id, "text", phrase.text, phrase.line
    for script in pack.scripts:
        yield script.id, "title", script.title, script.line
        for number, step in enumerate(script.steps, 1):
            if step.text:
                yield script.id, f"step {number}", step.text, script.line


def _line_of(source_lines: list[str] | None, start: int, words: str) -> int:
    """The line, from `start` on, where `words` first appear in the file (else `start`)."""
    if not source_lines or start < 1:
        return start
    for number in range(start, min(len(source_lines), start + 400) + 1):
        if words in source_lines[number - 1]:
            return number
    return start


def lint_pack(pack: Pack, rules: Rules, source: str | None = None) -> list[Problem]:
    """A Problem for each rule hit in the pack's titles and texts (file text, when given, for exact lines)."""
    lines = source.splitlines() if source is not None else None
    problems: list[Problem] = []
    for item_id, field, text, line in lint_texts(pack):
        for hit in rules.check(text):
            where = msg("rules.field." + ("step" if field.startswith("step") else field), step=field[5:])
            message = hit_message(hit, where)
            severity = Severity.ERROR if hit.is_error else Severity.WARNING
            at = _line_of(lines, line, hit.words)
            problems.append(Problem(pack.path, at, message, severity, item_id))
    return problems
