"""check_pack / PackChecker: the checks of a pack in memory (the editor's) find exactly what parse_pack finds
in the file pack_to_toml writes, and an unchanged phrase is not checked again."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from quickreply.core.model import Layer, Pack, Phrase, Placeholder, Problem, Script, Step
from quickreply.core.packs import items as items_module
from quickreply.core.packs.export import pack_to_toml
from quickreply.core.packs.load import PackChecker, check_pack, parse_pack
from quickreply.core.rules import bundled_rules
from quickreply.core.rules.model import Rule

OK = Phrase("ok", "售后/退换货", "退货说明", "您好，{city}的退货地址是…", code="th")
BAD_PHRASES = (
    OK,
    Phrase("blank.title", "售后", "", "文字"),
    Phrase("long.title", "售后", "长" * 101, "文字"),
    Phrase("long.text", "售后", "长文", "字" * 5001),
    Phrase("open.brace", "售后", "花括号", "您好 {city"),
    Phrase("fullwidth", "售后", "全角", "到了｛city｝，另一行\n还有｛city｝"),
    Phrase("doubled", "售后", "双括号", "请写 {{city}} 城市"),
    Phrase("code.spaces", "售后", "编码空格", "文字", code="t h"),
    Phrase("code.slash", "售后", "编码斜杠", "文字", code="/th2"),
    Phrase("code.taken", "售后", "编码重复", "文字", code="TH"),
    Phrase("ok", "售后", "ID 重复", "文字"),
    Phrase("id spaces", "售后", "ID 空格", "文字"),
    Phrase("empty.level", "售后//退换货", "空层级", "文字"),
    Phrase("spaced", " 售后 / 退换货 ", "空格分类", "文字"),
    Phrase("blank.tag", "售后", "空标签", "文字", tags=("发票", " ")),
    Phrase("blank.question", "售后", "空问法", "文字", questions=(" ",)),
    Phrase("", "售后", "没有 ID", "文字"),
    Phrase("no.category", "", "没有分类", "文字"),
)
SCRIPTS = (
    Script(
        "s1",
        "售后六步",
        "售后",
        (Step(phrase_id="ok"), Step(phrase_id="blank.title"), Step(phrase_id="gone")),
    ),
    Script("s2", "空步骤", "售后", (Step(text=" "), Step(text="第 {n 步"))),
    Script("s1", "重复话术", "售后", (Step(text="好的"),)),
)
BAD_PACK = Pack(
    id="personal",
    name="我的短语",
    version="1",
    phrases=BAD_PHRASES,
    scripts=SCRIPTS,
    placeholders=(
        Placeholder("unused", "没人用"),
        Placeholder("city", "城市", default="北京", choices=("上海",)),
    ),
    categories=("售后", "没人用的分类"),
    layer=Layer.PERSONAL,
)


LINE_ARGS = {"first"}  # pack.duplicate_phrase/script name the line of the first: 0 in memory (no file)


def _seen(problems: list[Problem]) -> list[tuple[Any, ...]]:
    """What the editor reads from a problem (not the line: a pack in memory has none)."""
    return sorted(
        (
            p.code.code,
            repr(sorted((k, v) for k, v in p.code.args.items() if k not in LINE_ARGS)),
            p.item_id,
            p.field,
            p.severity.value,
            (p.fix.found, p.fix.replacement) if p.fix else None,
        )
        for p in problems
    )


def _from_file(pack: Pack) -> list[Problem]:
    _, problems = parse_pack(pack_to_toml(pack).encode("utf-8"), pack.path, pack.layer)
    return problems


def test_the_bad_pack_has_problems_of_every_kind() -> None:
    codes = {p.code.code for p in _from_file(BAD_PACK)}
    assert len(codes) >= 20, codes


@pytest.mark.parametrize("size", [0, 1, 5, len(BAD_PHRASES)])
def test_checks_in_memory_find_what_the_file_check_finds(size: int) -> None:
    pack = replace(BAD_PACK, phrases=BAD_PHRASES[:size], scripts=SCRIPTS if size else ())
    assert _seen(check_pack(pack)) == _seen(_from_file(pack))


def test_a_second_check_after_an_edit_finds_what_a_fresh_check_finds() -> None:
    checker = PackChecker()
    checker.check(BAD_PACK)
    edited = replace(BAD_PACK, phrases=(replace(OK, code="t h"), *BAD_PHRASES[1:]))
    assert _seen(checker.check(edited)) == _seen(check_pack(edited)) == _seen(_from_file(edited))
    assert _seen(checker.check(BAD_PACK)) == _seen(_from_file(BAD_PACK))  # and back (undo)


def test_an_edit_checks_only_the_phrase_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[Any] = []
    alone = items_module.ItemReader._alone

    def counting(self: items_module.ItemReader, raw: Any, *args: Any) -> Phrase | None:
        checked.append(raw.get("id"))
        return alone(self, raw, *args)

    monkeypatch.setattr(items_module.ItemReader, "_alone", counting)
    checker = PackChecker()
    checker.check(BAD_PACK)
    assert len(checked) == len(BAD_PHRASES)
    checked.clear()
    checker.check(replace(BAD_PACK, phrases=(*BAD_PHRASES[:-1], replace(BAD_PHRASES[-1], title="改了"))))
    assert checked == ["no.category"]


def test_rules_check_a_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = bundled_rules().with_overrides()  # a fresh set: nothing kept yet
    calls: list[str] = []
    hits = Rule.hits

    def counting(self: Rule, text: str) -> Any:
        calls.append(text)
        return hits(self, text)

    monkeypatch.setattr(Rule, "hits", counting)
    first = rules.check("本店不开发票")
    assert calls and first
    calls.clear()
    assert rules.check("本店不开发票") == first and calls == []
