"""Ranked partial matching: buyers' questions, homophone typos, fillers, field weights, rarity."""

from __future__ import annotations

from quickreply.core.model import Phrase
from quickreply.core.search.index import SearchIndex
from quickreply.core.search.partial import filler_mask
from quickreply.core.search.rank import RELATED_MAX

PHRASES = [
    Phrase(id="refund", category="售后", title="多久退款", text="仓库收到退货后3个工作日内退款。"),
    Phrase(id="ship", category="物流", title="48小时内发货", text="付款后48小时内发货。"),
    Phrase(id="free", category="议价", title="包邮说明", text="本店商品包邮。"),
    Phrase(id="meeting", category="其他", title="什么时候开会", text="每周一上午。"),
    Phrase(id="invoice", category="发票", title="可以开发票", text="下单时备注抬头。"),
    Phrase(id="deep", category="其他", title="店铺公告", text="关于退款的一些说明。"),
]


def _search(query: str, phrases: list[Phrase] = PHRASES, limit: int = 10) -> list[tuple[str, bool]]:
    return [(hit.phrase.id, hit.related) for hit in SearchIndex.build(phrases).search(query, limit)]


def test_a_question_no_phrase_holds_finds_the_phrase_that_covers_it() -> None:
    assert _search("退款多久到账")[0] == ("refund", True)
    assert _search("满多少包邮")[0] == ("free", True)


def test_a_homophone_typo_meets_the_right_word_by_sound() -> None:
    assert _search("什么时候发或")[0] == ("ship", True)  # 发或 = fa huo = 发货
    assert _search("包游吗")[0] == ("free", True)  # 游 = 邮 = you
    assert _search("退宽")[0][0] == "refund"


def test_question_words_count_little() -> None:
    found = [pid for pid, _ in _search("什么时候发货啊")]
    assert found.index("ship") < found.index("meeting") if "meeting" in found else found[0] == "ship"
    assert filler_mask("什么时候发货") == [True] * 4 + [False] * 2


def test_strict_hits_come_before_every_related_hit() -> None:
    hits = SearchIndex.build(PHRASES).search("退款", limit=10)
    strict = [h for h in hits if not h.related]
    related = [h for h in hits if h.related]
    assert {h.phrase.id for h in strict} >= {"refund", "deep"}
    assert hits[: len(strict)] == strict
    assert all(h.score < RELATED_MAX for h in related)
    assert all(h.score > RELATED_MAX for h in strict)


def test_a_title_outranks_a_text_and_a_rare_word_a_common_one() -> None:
    phrases = [
        Phrase(id="text", category="", title="说明一", text="这里讲到换货的事情"),
        Phrase(id="title", category="", title="换货说明", text="寄回即可"),
    ]
    assert _search("怎么换个货呢换货", phrases)[0][0] == "title"
    common = [Phrase(id=f"c{n}", category="", title=f"发货通知{n}", text="") for n in range(8)]
    rare = [Phrase(id="rare", category="", title="验货", text="")]
    found = _search("发货验货能不能行", common + rare)
    assert found[0][0] == "rare"  # 验货 is in one phrase, 发货 in eight: rarity counts


def test_related_hits_are_highlighted_where_they_share_the_query() -> None:
    hit = SearchIndex.build(PHRASES).search("退款多久到账")[0]
    assert hit.related
    assert hit.spans["title"] == ((2, 4),)  # 退款; 多久 is a question word: not marked


def test_a_query_that_shares_nothing_finds_nothing() -> None:
    assert _search("天气真好") == []
    assert _search("xyz") == []


def test_a_spread_false_friend_ranks_below_the_partial_matches() -> None:
    phrases = [
        Phrase(id="online", category="其他", title="现在方便上网吗", text="随时在线。"),
        Phrase(
            id="here", category="问候", title="在的，您请说", text="我是客服。", tags=("在不在", "有人吗")
        ),
        Phrase(id="genuine", category="售后", title="正品保障", text="支持验货。", tags=("真假",)),
        Phrase(id="holiday", category="物流", title="节假日发货", text="照常发货。"),
    ]
    index = SearchIndex.build(phrases)
    hits = index.search("在吗")  # 在…吗 spreads over 现在方便上网吗
    assert hits[0].phrase.id == "here"
    ids = [hit.phrase.id for hit in hits]
    assert "online" not in ids or ids.index("online") > ids.index("here")
    fake = index.search("是假货吗")  # 假…货 spreads over 节假日发货; 假货 = 真假 (lexicon)
    assert fake[0].phrase.id == "genuine"
    assert all(hit.related for hit in fake)


def test_a_spread_hit_of_a_real_phrase_is_still_found() -> None:
    phrases = [Phrase(id="cutoff", category="物流", title="当天发货截止时间", text="下午四点前付款当天发。")]
    hits = SearchIndex.build(phrases).search("发货时间")
    assert [hit.phrase.id for hit in hits] == ["cutoff"]
