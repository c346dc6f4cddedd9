"""Platform rules a phrase's wording can break (广告法 absolute terms, invoices, postage, payments, leaving the
platform, review rewards, guarantees, personal data): rules as data, checked by `find_hits`.

    rules = bundled_rules()                      # resources/rules/platform.toml
    rules = rules.with_overrides(extra)          # a pack's or the user's rules.toml: add, override, turn off
    hits = rules.check("全网最低价")               # -> [RuleHit(rule_id="ad-law.absolute", words="全网最低", …)]
    problems = lint_pack(pack, rules, lines)     # -> Problems for `pack lint` / `pack check`
"""

from quickreply.core.rules.engine import RuleHit, Rules, hit_message, lint_pack, lint_texts
from quickreply.core.rules.load import RulesError, bundled_rules, parse_rules, read_rules_file

__all__ = [
    "RuleHit",
    "Rules",
    "RulesError",
    "bundled_rules",
    "hit_message",
    "lint_pack",
    "lint_texts",
    "parse_rules",
    "read_rules_file",
]
