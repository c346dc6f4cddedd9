"""Category rules live once, in core/packs/categories.py: the loader and the editor use the same ones."""

from __future__ import annotations

import pytest

from quickreply.core.messages import render
from quickreply.core.model import Layer, Pack, Phrase
from quickreply.core.packs import categories
from quickreply.core.packs.load import check_pack

PACK = Pack(
    id="personal",
    name="我的短语",
    version="1",
    phrases=(Phrase("a", "售后/退换货", "退货", "您好"), Phrase("b", "欢迎语", "你好", "您好")),
    layer=Layer.PERSONAL,
)


def test_a_category_the_loader_cleans_is_the_one_the_editor_would_name() -> None:
    assert categories.clean_category(" 售后 / 退换货 ") == "售后/退换货"
    assert categories.clean_category("售后//退换货") is None
    bad = Pack(id="p", name="p", version="1", phrases=(Phrase("x", "售后//退换货", "t", "x"),))
    assert [p.code.code for p in check_pack(bad)] == ["pack.category_empty_level"]


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda: categories.add_category(PACK, "", " "), "category.name_empty"),
        (lambda: categories.add_category(PACK, "售后", "退/换"), "category.name_slash"),
        (lambda: categories.add_category(PACK, "售后", "退换货"), "category.exists"),
        (lambda: categories.rename_category(PACK, "欢迎语", "售后"), "category.rename_exists"),
        (lambda: categories.move_category(PACK, "售后", "售后/退换货"), "category.into_itself"),
    ],
)
def test_a_refused_edit_says_why_in_both_languages(edit: object, code: str) -> None:
    with pytest.raises(categories.CategoryError) as refused:
        edit()  # type: ignore[operator]
    assert refused.value.message.code == code
    zh, en = render(refused.value.message, "zh_CN"), render(refused.value.message, "en")
    assert zh != en and "{" not in zh + en


def test_edits_keep_the_display_order_the_loader_gives() -> None:
    moved, path = categories.move_category(PACK, "欢迎语", "售后")
    assert path == "售后/欢迎语"
    assert categories.category_paths(moved) == ["售后", "售后/退换货", "售后/欢迎语"]
    ordered, unused = categories.category_order(("欢迎语", "没有"), PACK.phrases, ())
    assert ordered == ("欢迎语", "售后/退换货") and unused == ["没有"]
