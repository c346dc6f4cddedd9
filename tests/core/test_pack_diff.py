"""pack diff: what a team lead sees before publishing, and what agents' update notices say."""

from __future__ import annotations

import json
from dataclasses import replace

from quickreply.cli import language
from quickreply.cli.pack import diff_lines
from quickreply.core.model import Pack, Phrase, Placeholder, Script, Step
from quickreply.core.packs.diff import diff_packs


def phrase(pid: str, text: str, **kw: object) -> Phrase:
    fields: dict[str, object] = {"category": "欢迎语", "title": pid, "code": "", "tags": ()} | kw
    return Phrase(id=pid, text=text, **fields)  # type: ignore[arg-type]


OLD = Pack(
    id="team",
    name="团队话术",
    version="1.0",
    phrases=(
        phrase("hello", "您好"),
        phrase("ship", "48小时内发货", code="fh"),
        phrase("refund", "3个工作日内退款", title="退款"),
        phrase("gone", "这条要删除", title="旧话术"),
    ),
    scripts=(Script("s1", "六步法", "售后", (Step(phrase_id="hello"),)),),
    placeholders=(Placeholder("城市", label="城市"),),
)
NEW = replace(
    OLD,
    version="1.1",
    phrases=(
        phrase("hello", "您好"),
        phrase("ship", "付款后48小时内发货", code="fh", tags=("物流",)),
        phrase("refund", "3个工作日内退款", title="退款时效", category="售后"),
        phrase("invoice", "可以开发票", title="发票"),
    ),
    scripts=(
        Script("s1", "六步法", "售后", (Step(phrase_id="hello"), Step(text="谢谢"))),
        Script("s2", "电话回访", "回访", (Step(text="您好"),)),
    ),
    placeholders=(Placeholder("城市", label="包裹所在城市"),),
)


def test_added_changed_removed_with_fields() -> None:
    diff = diff_packs(OLD, NEW)
    assert diff.added == ("invoice",)
    assert diff.changed == ("ship", "refund")
    assert diff.removed == ("gone",)
    assert dict(diff.changed_fields) == {"ship": ("text", "tags"), "refund": ("category", "title")}
    assert (diff.version_old, diff.version_new) == ("1.0", "1.1")
    assert diff.scripts_added == ("s2",) and diff.scripts_changed == ("s1",) and diff.scripts_removed == ()
    assert dict(diff.script_fields) == {"s1": ("steps",)}
    assert diff.placeholders_changed == ("城市",)


def test_one_line_summaries() -> None:
    only_phrases = diff_packs(
        replace(OLD, scripts=(), placeholders=()), replace(NEW, scripts=(), placeholders=())
    )
    assert only_phrases.summary().render("zh_CN") == "新增 1 条，修改 2 条，删除 1 条（1.0 → 1.1）"
    assert only_phrases.summary().render("en") == "1 added, 2 changed, 1 removed (1.0 → 1.1)"
    full = diff_packs(OLD, NEW)
    assert full.summary().render("zh_CN") == (
        "新增 1 条，修改 2 条，删除 1 条；"
        "话术流程新增 1 个，修改 1 个，删除 0 个；填空项改动 1 个（1.0 → 1.1）"
    )
    assert full.summary().render("en") == (
        "1 added, 2 changed, 1 removed; scripts: 1 added, 1 changed, 0 removed; "
        "1 placeholder declarations changed (1.0 → 1.1)"
    )


def test_no_changes_and_a_forgotten_version_bump() -> None:
    same = diff_packs(OLD, OLD)
    assert same.is_empty and not same.version_unchanged
    assert same.summary().render("zh_CN") == "没有变化（1.0 → 1.0）"
    assert same.summary().render("en") == "no changes (1.0 → 1.0)"
    assert diff_lines(same) == []
    edited = diff_packs(OLD, replace(OLD, phrases=(*OLD.phrases[:3],)))
    assert edited.removed == ("gone",) and edited.version_unchanged


def test_lines_and_json_for_the_cli() -> None:
    diff = diff_packs(OLD, NEW)
    items = [
        "+ invoice  发票",
        "~ ship  ship  (text, tags)",
        "~ refund  退款时效  (category, title)",
        "- gone  旧话术",
    ]
    assert diff_lines(diff) == [*items, "+ script s2", "~ script s1  (steps)", "~ placeholder 城市"]
    language.choose("zh")
    assert diff_lines(diff) == [*items, "+ 话术流程 s2", "~ 话术流程 s1  (steps)", "~ 填空项 城市"]
    language.choose(None)
    data = json.loads(json.dumps(diff.to_json(), ensure_ascii=False))
    assert data["changed"] == {"ship": ["text", "tags"], "refund": ["category", "title"]}
    assert data["scripts"]["added"] == ["s2"]
    assert data["summary_en"].startswith("1 added, 2 changed, 1 removed")
