"""Platform rules (core/rules): the shipped rules, the labelled set, overrides, lines, and `pack lint`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli

from quickreply.cli import main
from quickreply.core.model import Layer
from quickreply.core.packs.load import load_pack, parse_pack
from quickreply.core.rules import (
    bundled_rules,
    effective_rules,
    hit_message,
    lint_pack,
    lint_texts,
    pack_rule_set,
    parse_rules,
    read_rules_file,
)

REPO = Path(__file__).resolve().parents[2]
LABELLED = tomli.loads((REPO / "tests" / "data" / "rules" / "labelled.toml").read_text(encoding="utf-8"))
VIOLATING = [(entry["rule"], text) for entry in LABELLED["violating"] for text in entry["texts"]]
CLEAN = LABELLED["clean"]["texts"]


def _rule_ids(text: str) -> set[str]:
    return {hit.rule.id for hit in bundled_rules().check(text)}


def test_the_shipped_rules_load_and_cover_the_brief() -> None:
    ids = bundled_rules().ids()
    assert len(ids) == len(set(ids)) == 10
    for needed in ("ad-law.absolute", "invoice.refuse", "postage.extra", "payment.cards", "payment.cod"):
        assert needed in ids
    for needed in ("off-platform", "review.reward", "guarantee.unverifiable", "privacy.personal-data"):
        assert needed in ids
    assert len(VIOLATING) >= 60 and len(CLEAN) >= 90


def test_every_shipped_expression_compiles() -> None:
    # The app loads the bundled file without compiling it (start-up time): a bad expression shipped would
    # only fail at the first check, so it is caught here. The same file read as a user's is checked too.
    text = (REPO / "resources" / "rules" / "platform.toml").read_text(encoding="utf-8")
    assert read_rules_file(text, "platform.toml").problems == ()
    for rule in bundled_rules().rules:
        patterns, allow = rule.compiled
        assert len(patterns) == len(rule.patterns) >= 1 and len(allow) == len(rule.allow)


def test_the_shipped_rules_compile_their_expressions_at_the_first_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled: list[str] = []
    real = re.compile

    def spy(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", spy)
    rules = bundled_rules.__wrapped__()  # a fresh load, not the cached one
    assert compiled == []  # loading (at every start of the app) compiles none of the 47
    assert "ad-law.absolute" in {hit.rule.id for hit in rules.check("全网最低价")}
    expressions = sum(len(r.patterns) + len(r.allow) for r in rules.rules)
    assert len(compiled) == expressions >= 40
    rules.check("加微信")
    assert len(compiled) == expressions  # once per rule


def test_rules_compile_ahead_so_the_first_check_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = bundled_rules.__wrapped__()
    rules.compile()
    monkeypatch.setattr(re, "compile", lambda *_: pytest.fail("compiled at the check"))
    assert rules.check("全网最低价")


@pytest.mark.parametrize(("rule", "text"), VIOLATING, ids=[t for _, t in VIOLATING])
def test_each_labelled_violation_is_found_by_its_rule(rule: str, text: str) -> None:
    assert rule in _rule_ids(text)


@pytest.mark.parametrize("text", CLEAN)
def test_tricky_clean_wording_breaks_no_rule(text: str) -> None:
    assert _rule_ids(text) == set()


def test_the_starter_packs_break_no_rule() -> None:
    for path in sorted((REPO / "resources" / "packs").glob("*.toml")):
        pack, _ = load_pack(path, Layer.BUNDLED)
        assert pack is not None
        assert lint_pack(pack, bundled_rules()) == [], path


def test_an_exception_only_spares_the_words_it_covers() -> None:
    rules = bundled_rules()
    assert [h.words for h in rules.check("最近有货，这是最好的面料")] == ["最好"]
    assert [h.words for h in rules.check("第一次买？我们是销量第一")] == ["销量第一"]


def test_a_hit_says_which_words_what_the_rule_forbids_its_source_and_what_to_write() -> None:
    [hit] = bundled_rules().check("好评返现5元")
    zh, en = hit_message(hit).render("zh_CN"), hit_message(hit).render("en")
    assert zh.startswith("[review.reward] “好评返现”：以返现、红包、礼品等换取好评（天猫规则")
    assert "不要许诺任何好处" in zh
    assert en.startswith("[review.reward] '好评返现': offering cash") and "promise nothing" in en


def test_a_users_rules_file_adds_overrides_and_turns_off() -> None:
    user = read_rules_file(
        'off = ["ad-law.absolute"]\n\n'
        '[[rules]]\nid = "shop.competitor"\nseverity = "warning"\n'
        'forbids = ["提到竞品", "naming a competitor"]\nsource = "店规"\n'
        'suggestion = ["只说自己的商品", "talk about our goods"]\npatterns = ["某宝店|隔壁店"]\n\n'
        '[[rules]]\nid = "guarantee.unverifiable"\nseverity = "error"\nforbids = "x"\nsource = "x"\n'
        'suggestion = "x"\npatterns = ["假一赔"]\n',
        "rules.toml",
    )
    rules, problems = effective_rules(bundled_rules(), user)
    assert problems == []
    hits = rules.check("全网最低，比隔壁店便宜，假一赔十")
    assert [(h.rule.id, h.words, h.is_error) for h in hits] == [
        ("shop.competitor", "隔壁店", False),
        ("guarantee.unverifiable", "假一赔", True),  # the override replaced the shipped rule
    ]
    assert "ad-law.absolute" not in rules.ids()


def test_a_bad_rule_is_reported_and_left_out_and_the_rest_still_apply() -> None:
    found = parse_rules(
        {
            "rules": [
                {"id": "bad.regex", "forbids": "x", "source": "x", "suggestion": "x", "patterns": ["(a"]},
                {"id": "Bad Id", "forbids": "x", "source": "x", "suggestion": "x", "patterns": ["a"]},
                {"id": "no.text", "patterns": ["a"]},
                {"id": "good", "forbids": "x", "source": "x", "suggestion": "x", "patterns": ["坏词"]},
            ],
            "off": ["no-such-rule"],
        }
    )
    assert [r.id for r in found.rules] == ["good"]
    codes = [p.code for p in found.problems]
    assert codes == ["rules.bad_regex", "rules.bad_id", "rules.missing_text"]
    assert "(a" in found.problems[0].render("en")
    rules, problems = effective_rules(bundled_rules(), found)
    assert [p.code for p in problems] == [*codes, "rules.unknown_off"] and "good" in rules.ids()
    assert [h.rule.id for h in rules.check("坏词")] == ["good"]


def test_a_pack_turns_rules_off_and_adds_its_own_in_lint() -> None:
    source = (
        '[pack]\nid = "p"\nname = "p"\nversion = "1"\n\n[lint]\noff = ["off-platform"]\n\n'
        '[[lint.rules]]\nid = "shop.slang"\nforbids = "x"\nsource = "x"\nsuggestion = "x"\n'
        'patterns = ["亲爱滴"]\n\n'
        '[[phrases]]\nid = "a"\ncategory = "c"\ntitle = "t"\ntext = """\n第一行\n亲爱滴，加微信\n"""\n'
    )
    pack, problems = parse_pack(source.encode(), "p.toml", Layer.LOCAL)
    assert pack is not None and problems == []  # [lint] is a known table, not an unknown key
    rules, found = effective_rules(bundled_rules(), pack_rule_set(tomli.loads(source)))
    assert found == []
    [hit] = lint_pack(pack, rules, source)
    assert (hit.line, hit.item_id, hit.is_error) == (22, "a", True)  # the line of the words, not the header
    assert hit.text("zh_CN").startswith("[shop.slang] 正文里的“亲爱滴”")


def test_script_titles_and_text_steps_are_linted_too() -> None:
    source = (
        '[pack]\nid = "p"\nname = "p"\nversion = "1"\n\n[[phrases]]\nid = "a"\ncategory = "c"\ntitle = "t"\n'
        'text = "您好"\n\n[[scripts]]\nid = "s"\ntitle = "最强话术"\ncategory = "c"\n'
        'steps = ["a", { text = "加我微信", title = "引导" }]\n'
    )
    pack, _ = parse_pack(source.encode(), "p.toml", Layer.LOCAL)
    assert pack is not None and pack.scripts
    fields = [field for _, field, _, _ in lint_texts(pack)]
    assert fields == ["title", "text", "title", "step 2"]
    found = [(p.item_id, p.text("en").split("'")[1]) for p in lint_pack(pack, bundled_rules(), source)]
    assert found == [("s", "最强"), ("s", "微信")]
    assert "in step 2" in lint_pack(pack, bundled_rules(), source)[1].text("en")


BAD_PACK = (
    '[pack]\nid = "demo"\nname = "d"\nversion = "1"\n\n'
    '[[phrases]]\nid = "cheap"\ncategory = "议价"\ntitle = "价格"\ntext = "已经是全网最低价了"\n\n'
    '[[phrases]]\nid = "promise"\ncategory = "保障"\ntitle = "保障"\ntext = "假一赔十"\n'
)


def test_pack_lint_names_file_line_rule_phrase_and_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUICKREPLY_HOME", str(tmp_path / "home"))
    path = tmp_path / "demo.toml"
    path.write_text(BAD_PACK, encoding="utf-8")
    assert main(["pack", "lint", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{path}:10: error: 'cheap': [ad-law.absolute] '全网最低' in the text: ")
    assert lines[1].startswith(f"{path}:16: warning: 'promise': [guarantee.unverifiable] '假一赔十'")
    assert lines[2] == "FAILED: 1 errors, 1 warnings"
    monkeypatch.setenv("QUICKREPLY_LANG", "zh_CN")
    assert main(["pack", "check", str(path)]) == 1  # pack check runs the rules too
    assert "[ad-law.absolute] 正文里的“全网最低”" in capsys.readouterr().out


def test_pack_lint_with_a_rules_file_and_strict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUICKREPLY_HOME", str(tmp_path / "home"))
    path = tmp_path / "demo.toml"
    path.write_text(BAD_PACK, encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text('off = ["ad-law.absolute"]\n', encoding="utf-8")
    assert main(["pack", "lint", "--rules", str(rules), str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "OK: 1 packs, 2 phrases, no rule broken (1 warnings)"
    assert main(["pack", "lint", "--strict", "--rules", str(rules), str(path)]) == 1
    capsys.readouterr()
    rules.write_text("off = [", encoding="utf-8")
    assert main(["pack", "lint", "--rules", str(rules), str(path)]) == 1
    assert "is not valid TOML" in capsys.readouterr().out
    # the user's rules.toml in the config folder is read by default
    (tmp_path / "home").mkdir(parents=True, exist_ok=True)
    (tmp_path / "home" / "rules.toml").write_text('off = ["ad-law.absolute"]\n', encoding="utf-8")
    assert main(["pack", "lint", str(path)]) == 0
