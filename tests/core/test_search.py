"""Search as an agent uses it: Chinese, pinyin, initials, mixed, prefixes, typos, codes, AND terms."""

from __future__ import annotations

import pytest

from quickreply.core.model import Phrase
from quickreply.core.search.index import Hit, SearchIndex

PHRASES = (
    Phrase(
        "greet.hello",
        "欢迎语",
        "欢迎光临",
        "亲，欢迎光临{shop}，我是客服{agent}，有什么可以帮您？",
        code="hi",
        tags=("欢迎", "问候"),
    ),
    Phrase(
        "return.postage",
        "售后/退换货",
        "退货运费谁承担",
        "亲，七天无理由退货的运费需要您承担；如果是质量问题，来回运费由我们承担。",
        code="th1",
        tags=("退货", "运费", "运费险"),
    ),
    Phrase(
        "return.exchange",
        "售后/退换货",
        "退换货流程",
        "亲，退换货请先在订单里申请，备注颜色和尺码，再把商品寄回。",
        code="thh",
        tags=("换货", "退换货"),
    ),
    Phrase(
        "invoice.yes",
        "商品咨询/发票",
        "开发票",
        "亲，本店可以开发票，下单时备注抬头和税号就可以了。",
        code="fp",
        tags=("发票", "开票"),
    ),
    Phrase(
        "pay.bank",
        "催付/付款方式",
        "银行卡付款",
        "亲，支持银行卡、信用卡和花呗分期付款。",
        tags=("付款", "分期"),
    ),
    Phrase(
        "ship.time",
        "发货与物流",
        "发货时间",
        "亲，付款后48小时内发货，大促期间7天内发货。",
        code="fh",
        tags=("发货", "物流"),
    ),
    Phrase(
        "goods.luggage",
        "商品咨询/尺码",
        "行李箱尺寸",
        "这款行李箱是20寸登机箱，长宽高是55x35x20厘米。",
        tags=("行李箱", "尺寸"),
    ),
    Phrase(
        "ship.express",
        "发货与物流/快递",
        "默认快递",
        "默认发中通快递，需要顺丰请补运费差价。",
        code="kd",
        tags=("快递", "顺丰"),
    ),
    Phrase("size.length", "商品咨询/尺码", "长度说明", "衣长是从肩颈点量到下摆的长度。", tags=("长度",)),
    Phrase(
        "en.case",
        "商品咨询",
        "iPhone 手机壳",
        "This case fits iPhone 15 Pro; shipping in 2 days.",
        code="ip15",
        tags=("English",),
    ),
    Phrase(
        "review.ask",
        "结束语/好评邀请",
        "邀请好评",
        "亲，收到货满意的话麻烦给个五星好评哦～",
        code="hp",
        tags=("好评",),
    ),
    Phrase(
        "promo.1111",
        "大促/双十一",
        "双十一发货说明",
        "双十一期间订单量大，发货时间会顺延，请耐心等待。",
        code="s11",
        tags=("大促", "发货"),
    ),
)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(PHRASES)


def ids(hits: list[Hit]) -> list[str]:
    return [hit.phrase.id for hit in hits]


def first(index: SearchIndex, query: str) -> Hit:
    hits = index.search(query)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def marked(hit: Hit, field: str) -> list[str]:
    """The highlighted pieces of one field, as the popup would paint them."""
    text = {
        "title": hit.phrase.title,
        "text": hit.phrase.text,
        "tags": " ".join(hit.phrase.tags),
        "category": hit.phrase.category,
        "code": hit.phrase.code,
    }[field]
    return [text[start:end] for start, end in hit.spans.get(field, ())]


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_blank_query_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_chinese_substring_in_title(index: SearchIndex) -> None:
    hit = first(index, "退货运费")
    assert hit.phrase.id == "return.postage"
    assert hit.field == "title"
    assert marked(hit, "title") == ["退货运费"]


def test_chinese_word_inside_a_title(index: SearchIndex) -> None:
    hit = first(index, "开发票")
    assert hit.phrase.id == "invoice.yes"
    assert marked(hit, "title") == ["开发票"]
    assert marked(hit, "text") == ["开发票"]


def test_chinese_only_in_the_text(index: SearchIndex) -> None:
    hit = first(index, "花呗")
    assert hit.phrase.id == "pay.bank"
    assert hit.field == "text"
    assert marked(hit, "text") == ["花呗"]


def test_full_pinyin_highlights_the_chinese_characters(index: SearchIndex) -> None:
    hit = first(index, "tuihuo")
    assert hit.phrase.id == "return.postage"
    assert marked(hit, "title") == ["退货"]
    assert marked(hit, "tags") == ["退货"]


@pytest.mark.parametrize(
    ("query", "expected", "title_part"),
    [
        ("yinhang", "pay.bank", "银行"),  # 行 read hang, not its usual xing
        ("xinglixiang", "goods.luggage", "行李箱"),
        ("changdu", "size.length", "长度"),  # 长 read chang
        ("zhangdu", "size.length", "长度"),  # ... and zhang
    ],
)
def test_every_reading_of_a_polyphone(index: SearchIndex, query: str, expected: str, title_part: str) -> None:
    hit = first(index, query)
    assert hit.phrase.id == expected
    assert marked(hit, "title") == [title_part]


@pytest.mark.parametrize(
    ("query", "expected", "title_part"),
    [
        ("fhsj", "ship.time", "发货时间"),
        ("yhk", "pay.bank", "银行卡"),  # a polyphone's second reading as initial
        ("thhlc", "return.exchange", "退换货流程"),  # across word boundaries
        ("mrkd", "ship.express", "默认快递"),
    ],
)
def test_initials(index: SearchIndex, query: str, expected: str, title_part: str) -> None:
    hit = first(index, query)
    assert hit.phrase.id == expected
    assert marked(hit, "title") == [title_part]


def test_initials_of_a_short_word(index: SearchIndex) -> None:
    assert "invoice.yes" in ids(index.search("kfp")[:1])
    hit = next(h for h in index.search("kfp") if h.phrase.id == "invoice.yes")
    assert marked(hit, "title") == ["开发票"]


def test_mixed_chinese_and_pinyin(index: SearchIndex) -> None:
    hit = first(index, "发货sj")
    assert hit.phrase.id == "ship.time"
    assert marked(hit, "title") == ["发货时间"]
    top = index.search("退h")[:2]
    assert set(ids(top)) == {"return.postage", "return.exchange"}
    assert all(marked(hit, "title") == ["退" + hit.phrase.title[1]] for hit in top)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("tuih", {"return.postage", "return.exchange"}), ("fap", {"invoice.yes"}), ("yinhangk", {"pay.bank"})],
)
def test_prefix_while_typing(index: SearchIndex, query: str, expected: set[str]) -> None:
    assert expected <= set(ids(index.search(query)[: len(expected)]))


def test_prefix_highlights_the_characters_typed_so_far(index: SearchIndex) -> None:
    hit = first(index, "fap")
    assert hit.phrase.id == "invoice.yes"
    assert marked(hit, "title") == ["发票"]


@pytest.mark.parametrize(
    ("query", "expected", "title_part"),
    [
        ("tuihou", "return.postage", "退货"),  # two letters swapped
        ("fapaio", "invoice.yes", "发票"),
        ("fapisao", "invoice.yes", "发票"),  # a neighbouring key pressed too
        ("yinhng", "pay.bank", "银行"),  # a letter missing
    ],
)
def test_one_typo_in_pinyin(index: SearchIndex, query: str, expected: str, title_part: str) -> None:
    hit = first(index, query)
    assert hit.phrase.id == expected
    assert marked(hit, "title") == [title_part]


@pytest.mark.parametrize("query", ["fp", "/fp", "FP", "/FP"])
def test_exact_code_ranks_first(index: SearchIndex, query: str) -> None:
    hit = first(index, query)
    assert hit.phrase.id == "invoice.yes"
    assert hit.field == "code"
    assert marked(hit, "code") == ["fp"]


def test_code_beats_titles(index: SearchIndex) -> None:
    # "fh" is also the initials of 发货 in three titles; the phrase whose code it is comes first.
    assert ids(index.search("fh"))[0] == "ship.time"
    assert ids(index.search("th1"))[0] == "return.postage"


def test_code_prefix_while_typing(index: SearchIndex) -> None:
    assert ids(index.search("ip"))[0] == "en.case"


def test_english_and_digits(index: SearchIndex) -> None:
    hit = first(index, "IPHONE")
    assert hit.phrase.id == "en.case"
    assert marked(hit, "title") == ["iPhone"]
    assert marked(hit, "text") == ["iPhone"]
    assert ids(index.search("shipping")) == ["en.case"]
    assert "ship.time" in ids(index.search("48"))
    assert marked(first(index, "48小时"), "text") == ["48小时"]


def test_full_width_letters_from_a_chinese_ime(index: SearchIndex) -> None:
    assert ids(index.search("ｔｕｉｈｕｏ")) == ids(index.search("tuihuo"))


def test_all_terms_must_match(index: SearchIndex) -> None:
    assert ids(index.search("发货 双十一"))[0] == "promo.1111"
    assert ids(index.search("fahuo shuangshiyi"))[0] == "promo.1111"
    # no strict hit; partial matching may still offer phrases about 退货, marked related
    assert [hit for hit in index.search("退货 iphone") if not hit.related] == []
    hit = first(index, "退货 运费")
    assert hit.phrase.id == "return.postage"
    assert marked(hit, "title") == ["退货运费"]  # both terms highlighted, merged


def test_terms_match_in_different_fields(index: SearchIndex) -> None:
    hit = first(index, "顺丰 默认")  # one in the text and tags, one in the title
    assert hit.phrase.id == "ship.express"
    assert marked(hit, "title") == ["默认"]
    assert "顺丰" in marked(hit, "text")


def test_field_order_title_before_text(index: SearchIndex) -> None:
    found = ids(index.search("发货"))
    assert found[:3] == ["ship.time", "promo.1111", "ship.express"] or found[0] == "ship.time"
    assert found.index("ship.time") < found.index("ship.express")  # title vs text only


def test_contiguous_before_spread(index: SearchIndex) -> None:
    hit = first(index, "双十一说明")  # not in any field as such: found with a gap in the title
    assert hit.phrase.id == "promo.1111"
    assert marked(hit, "title") == ["双十一", "说明"]


def test_one_letter_matches_codes_and_starts_only(index: SearchIndex) -> None:
    found = ids(index.search("t"))
    assert set(found[:2]) == {"return.postage", "return.exchange"}  # codes th1, thh
    assert "goods.luggage" not in found  # has "t" nowhere at a start


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("亲", limit=3)) == 3
    assert len(index.search("亲", limit=1)) == 1
    assert index.search("亲", limit=0) == []


def test_hits_are_ordered_and_well_formed(index: SearchIndex) -> None:
    hits = index.search("fahuo")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        assert hit.field in {"code", "title", "tags", "category", "text"}
        for field, spans in hit.spans.items():
            assert field in {"code", "title", "tags", "category", "text"}
            assert all(0 <= start < end for start, end in spans)


def test_nothing_matches(index: SearchIndex) -> None:
    assert index.search("zzzzqqq") == []
    assert index.search("火星") == []


def test_empty_library() -> None:
    assert SearchIndex.build([]).search("退货") == []
