"""Rules from TOML: the bundled resources/rules/platform.toml, a pack's `[[rules]]`, the user's rules.toml.

A rule entry has `id`, `severity` ("error"/"warning"), `forbids`, `source`, `suggestion` (each a
["中文", "English"] pair or one string for both), `patterns` and optional `allow` (regular expressions).
A file may also say `off = ["rule-id", …]` to turn rules off. A bad entry is reported and left out; the
rest still apply (never raises except RulesError for a file that is not TOML at all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from quickreply.core import toml_load
from quickreply.core.messages import Message, Texts, msg
from quickreply.core.rules.engine import Rules
from quickreply.core.rules.model import Level, Rule

_FILE = Path("rules") / "platform.toml"
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


class RulesError(Exception):
    """A rules file that cannot be read at all; `message` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


@dataclass(frozen=True)
class RuleSet:
    """What one file says: rules to add or override, ids to turn off, and the entries left out."""

    rules: tuple[Rule, ...] = ()
    off: tuple[str, ...] = ()
    problems: tuple[Message, ...] = ()


def _texts(value: Any) -> Texts | None:
    if isinstance(value, str) and value.strip():
        return Texts(value, value)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and v.strip() for v in value):
        return Texts(value[0], value[1])
    return None


def _patterns(
    value: Any, rule_id: str, key: str, problems: list[Message], check: bool
) -> tuple[str, ...] | None:
    """The expressions of `key`; `check`: compile each now to report a bad one (a user's or a pack's
    file). The bundled file is checked by the tests instead, so the app's start compiles nothing."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.append(msg("rules.bad_patterns", rule=rule_id, key=key))
        return None
    for source in value if check else ():
        try:
            re.compile(source)
        except re.error as exc:
            problems.append(msg("rules.bad_regex", rule=rule_id, key=key, pattern=source, reason=str(exc)))
            return None
    return tuple(value)


def _rule(raw: Any, problems: list[Message], check: bool) -> Rule | None:
    if not isinstance(raw, dict):
        problems.append(msg("rules.not_a_table"))
        return None
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        problems.append(msg("rules.bad_id", rule=str(rule_id)))
        return None
    level = raw.get("severity", "error")
    if level not in ("error", "warning"):
        problems.append(msg("rules.bad_severity", rule=rule_id, value=str(level)))
        return None
    texts = {key: _texts(raw.get(key)) for key in ("forbids", "source", "suggestion")}
    missing = [key for key, value in texts.items() if value is None]
    if missing:
        problems.append(msg("rules.missing_text", rule=rule_id, keys=", ".join(missing)))
        return None
    patterns = _patterns(raw.get("patterns"), rule_id, "patterns", problems, check)
    allow = _patterns(raw.get("allow", []), rule_id, "allow", problems, check) if raw.get("allow") else ()
    if patterns is None or allow is None or not patterns:
        if patterns == ():
            problems.append(msg("rules.bad_patterns", rule=rule_id, key="patterns"))
        return None
    forbids, source, suggestion = texts["forbids"], texts["source"], texts["suggestion"]
    assert forbids is not None and source is not None and suggestion is not None
    return Rule(rule_id, Level(level), forbids, source, suggestion, patterns, allow)


def parse_rules(doc: dict[str, Any], check_patterns: bool = True) -> RuleSet:
    """The rules of a parsed TOML document (a rules file, or a pack's top level); `check_patterns`
    False: a bad regular expression is found only when the rule is first used (the bundled file)."""
    problems: list[Message] = []
    raw_rules = doc.get("rules", [])
    if not isinstance(raw_rules, list):
        problems.append(msg("rules.not_a_table"))
        raw_rules = []
    rules = tuple(r for raw in raw_rules if (r := _rule(raw, problems, check_patterns)) is not None)
    off = doc.get("off", [])
    if not isinstance(off, list) or not all(isinstance(v, str) for v in off):
        problems.append(msg("rules.bad_off"))
        off = []
    return RuleSet(rules, tuple(off), tuple(problems))


def read_rules_file(text: str, path: str, check_patterns: bool = True) -> RuleSet:
    """A rules.toml; RulesError when it is not TOML."""
    try:
        doc = toml_load.loads(text)
    except toml_load.TOMLDecodeError as exc:
        raise RulesError(msg("rules.not_toml", path=path, reason=str(exc))) from exc
    return parse_rules(doc, check_patterns)


def _bundled_path() -> Path:
    here = Path(__file__).resolve()
    for root in (here.parents[2] / "resources", here.parents[4] / "resources"):
        if (root / _FILE).is_file():
            return root / _FILE
    raise FileNotFoundError(_FILE)


@cache
def bundled_rules() -> Rules:
    """The rules shipped with the app; their expressions are compiled at the first check (`Rules.compile`
    does it ahead, when the app is idle)."""
    found = read_rules_file(_bundled_path().read_text(encoding="utf-8"), str(_FILE), check_patterns=False)
    if found.problems:  # a shipping bug, caught by the tests
        raise ValueError("; ".join(p.render("en") for p in found.problems))
    return Rules(found.rules)


def pack_rule_set(doc: dict[str, Any]) -> RuleSet:
    """A pack's own `[lint]` table (`off = [...]`, `[[lint.rules]]`); empty when it has none."""
    table = doc.get("lint")
    if table is None:
        return RuleSet()
    if not isinstance(table, dict):
        return RuleSet(problems=(msg("rules.bad_lint_table"),))
    return parse_rules(table)


def effective_rules(base: Rules, *sets: RuleSet) -> tuple[Rules, list[Message]]:
    """`base` with each set applied in order (the user's rules.toml, then a pack's [lint]), and the problems
    of those sets, an `off` naming no known rule included."""
    rules = base
    problems: list[Message] = []
    for found in sets:
        known = set(rules.ids()) | {r.id for r in found.rules}
        problems += found.problems
        problems += [
            msg("rules.unknown_off", rule=rule_id, known=", ".join(sorted(known)))
            for rule_id in found.off
            if rule_id not in known
        ]
        rules = rules.with_overrides(found.rules, found.off)
    return rules, problems


def read_user_rules(path: Path) -> tuple[RuleSet, list[Message]]:
    """The user's rules.toml (a missing file is no rules, not a problem) and why it could not be read;
    problems of single entries come from `effective_rules`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return RuleSet(), []
    except (OSError, UnicodeDecodeError) as exc:
        return RuleSet(), [msg("general.file_unreadable", path=str(path), reason=str(exc))]
    try:
        found = read_rules_file(text, str(path))
    except RulesError as exc:
        return RuleSet(), [exc.message]
    return found, []
