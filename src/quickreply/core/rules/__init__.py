"""Platform rules a phrase's wording can break (广告法 absolute terms, invoices, postage, payments,
leaving the platform, review rewards, guarantees, personal data): rules as data, checked here.

    rules = bundled_rules()                         # resources/rules/platform.toml
    rules, problems = effective_rules(rules, user)  # the user's rules.toml, a pack's [lint]: add/override/off
    hits = rules.check("全网最低价")                  # [RuleHit(rule=ad-law.absolute, words="全网最低", ...)]
    problems = lint_pack(pack, rules, source)       # Problems for `pack lint` / `pack check`
"""

from quickreply.core.rules.engine import RuleHit, Rules, hit_message, lint_pack, lint_texts
from quickreply.core.rules.load import (
    RulesError,
    RuleSet,
    bundled_rules,
    effective_rules,
    pack_rule_set,
    parse_rules,
    read_rules_file,
    read_user_rules,
)

__all__ = [
    "RuleHit",
    "RuleSet",
    "Rules",
    "RulesError",
    "bundled_rules",
    "effective_rules",
    "hit_message",
    "lint_pack",
    "lint_texts",
    "pack_rule_set",
    "parse_rules",
    "read_rules_file",
    "read_user_rules",
]
