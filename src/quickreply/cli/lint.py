"""`quickreply pack lint PATH...`: wording that breaks platform rules (docs/rules.md); pack check runs it."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from quickreply.cli.language import cli_language
from quickreply.cli.output import say, text
from quickreply.core import toml_load
from quickreply.core.messages import Message, msg, os_reason
from quickreply.core.model import Layer, Pack, Problem, Severity
from quickreply.core.packs.load import load_packs
from quickreply.core.rules import (
    RulesError,
    RuleSet,
    bundled_rules,
    effective_rules,
    lint_pack,
    pack_rule_set,
    read_rules_file,
)
from quickreply.paths import app_paths


def user_rule_set(path: Path | None) -> tuple[RuleSet, list[Problem]]:
    """The user's rules.toml (given, else the one in the config folder; none is fine)."""
    file = path if path is not None else app_paths().config / "rules.toml"
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if path is not None:
            return RuleSet(), [
                _problem(
                    str(file), msg("general.file_unreadable", path=file, reason=msg("general.os.not_found"))
                )
            ]
        return RuleSet(), []
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else msg("cli.not_utf8")
        return RuleSet(), [_problem(str(file), msg("general.file_unreadable", path=file, reason=reason))]
    try:
        return read_rules_file(text, str(file)), []
    except RulesError as exc:
        return RuleSet(), [_problem(str(file), exc.message)]


def _problem(path: str, message: Message, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(path, 0, message, severity)


def lint_problems(packs: Sequence[Pack], user: RuleSet) -> list[Problem]:
    """Rule hits of each pack, with its own [lint] table applied after the user's rules."""
    problems: list[Problem] = []
    for pack in packs:
        try:
            source = Path(pack.path).read_text(encoding="utf-8-sig")
            own = pack_rule_set(toml_load.loads(source))
        except (OSError, UnicodeDecodeError, toml_load.TOMLDecodeError):
            source, own = None, RuleSet()
        rules, found = effective_rules(bundled_rules(), user, own)
        problems += [_problem(pack.path, m, Severity.WARNING) for m in found]
        problems += lint_pack(pack, rules, source)
    return problems


def _pack_lint(ns: argparse.Namespace) -> int:
    lang = cli_language()
    packs, problems = load_packs(ns.paths, Layer.LOCAL)
    user, user_problems = user_rule_set(ns.rules)
    found = [*user_problems, *lint_problems(packs, user)]
    for problem in [p for p in problems if p.is_error] + found:
        print(problem.describe(lang))
    errors = sum(1 for p in found if p.is_error) + sum(1 for p in problems if p.is_error)
    warnings = sum(1 for p in found if not p.is_error)
    if errors or (ns.strict and warnings):
        say("cli.failed", errors=errors, warnings=warnings)
        return 1
    texts = sum(len(p.phrases) for p in packs)
    note = msg("cli.warnings", warnings=warnings) if warnings else ""
    say("cli.lint_ok", packs=len(packs), phrases=texts, note=note)
    return 0


def add_lint_command(pack_commands: argparse._SubParsersAction) -> None:
    lint = pack_commands.add_parser("lint", help=text("cli.help.lint"), description=text("cli.help.lint"))
    lint.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=text("cli.help.pack_paths"))
    lint.add_argument("--rules", type=Path, metavar="FILE", help=text("cli.help.lint.rules"))
    lint.add_argument("--strict", action="store_true", help=text("cli.help.lint.strict"))
    lint.set_defaults(run=_pack_lint, parser=lint)
