"""The agent's own use in the ranking (core/search/prefer.py): learned picks, use, pins, layers."""

from __future__ import annotations

import json
from pathlib import Path

from quickreply.core.model import Layer, Phrase
from quickreply.core.search.index import SearchIndex
from quickreply.core.search.prefer import Preferences, closeness, query_key
from quickreply.core.usage.counts import Usage

NOW = 1_800_000_000.0
DAY = 86400.0

PHRASES = [
    Phrase(id="addr", category="售后", title="退货地址", text="请寄到仓库。", pack_id="starter"),
    Phrase(id="fee", category="售后", title="退货运费", text="运费由买家承担。", pack_id="starter"),
    Phrase(id="flow", category="售后", title="退货流程", text="先申请再寄回。", pack_id="starter"),
    Phrase(id="deep", category="其他", title="温馨提示", text="如需退货请先联系客服。", pack_id="starter"),
]


def index_with(usage: Usage, layers: dict[str, Layer] | None = None) -> SearchIndex:
    index = SearchIndex.build(PHRASES)
    index.preferences = Preferences(usage, layers or {}, now=lambda: NOW)
    return index


def ids(index: SearchIndex, query: str) -> list[str]:
    return [hit.phrase.id for hit in index.search(query)]


def test_without_use_the_order_is_match_quality() -> None:
    assert ids(index_with(Usage()), "退货")[:3] == ["addr", "fee", "flow"]


def test_a_phrase_picked_for_a_query_ranks_first_for_it_later() -> None:
    usage = Usage()
    usage.learn(query_key("退货"), "flow", NOW - DAY)
    index = index_with(usage)
    assert ids(index, "退货")[0] == "flow"
    assert ids(index, "请问退货吗？")[0] == "flow"  # the same query once folded
    assert index.search("退货")[0].score > index.search("退货")[1].score


def test_a_close_query_ranks_the_learned_phrase_first_too() -> None:
    usage = Usage()
    usage.learn(query_key("tuihuo"), "flow", NOW)
    usage.learn(query_key("退货 运费"), "deep", NOW)
    index = index_with(usage)
    assert ids(index, "tuihu")[0] == "flow"  # a prefix of it
    assert ids(index, "tuihuoo")[0] == "flow"  # one letter more
    assert ids(index, "运费 退货")[0] == "deep"  # the same words in another order
    assert ids(index, "退货")[0] == "addr"  # not close to either: match quality


def test_closeness() -> None:
    assert closeness("tuihuo", "tuihuo") == 1.0
    assert closeness("t", "tuihuo") == 0.0  # one letter is close to everything: not learned from
    assert closeness("发货", "退货") == 0.0  # one character of two changed is another query
    assert closeness("退货运费", "退货运") > 0


def test_use_lifts_an_equal_match_but_never_a_much_better_one() -> None:
    usage = Usage()
    for _ in range(100):
        usage.record("flow", {}, NOW)
        usage.record("deep", {}, NOW)
    index = index_with(usage)
    order = ids(index, "退货")
    assert order.index("flow") < order.index("addr")  # equal title matches: the used one first
    assert order[-1] == "deep"  # a text match stays below every title match, however often used


def test_old_use_counts_less_than_recent_use() -> None:
    usage = Usage()
    for _ in range(5):
        usage.record("addr", {}, NOW - 365 * DAY)
        usage.record("fee", {}, NOW)
    assert ids(index_with(usage), "退货")[:2] == ["fee", "addr"]


def test_pinned_phrases_lead_an_empty_query_and_equal_matches() -> None:
    usage = Usage()
    usage.set_pinned("flow", True)
    usage.set_pinned("deep", True)
    index = index_with(usage)
    assert ids(index, "") == ["flow", "deep"]
    assert ids(index, "退货")[0] == "flow"
    assert ids(index, "退货")[-1] == "deep"  # pinned, but a text match: below the titles
    usage.set_pinned("flow", False)
    assert ids(index, "") == ["deep"]
    assert SearchIndex.build(PHRASES).search("") == []  # a bare index: no preferences, nothing


def test_a_team_phrase_outranks_an_equal_bundled_one() -> None:
    team = Phrase(id="team.fee", category="售后", title="退货运费", text="运费我们出。", pack_id="team")
    bundled = Phrase(id="fee", category="售后", title="退货运费", text="运费由买家承担。", pack_id="starter")
    index = SearchIndex.build([bundled, team])
    assert [h.phrase.id for h in index.search("退货运费")] == ["fee", "team.fee"]  # library order
    index.preferences = Preferences(Usage(), {"team": Layer.TEAM, "starter": Layer.BUNDLED})
    assert [h.phrase.id for h in index.search("退货运费")] == ["team.fee", "fee"]
    better = Phrase(id="b", category="售后", title="退货运费说明", text="t", pack_id="starter")
    index = SearchIndex.build(
        [better, Phrase(id="t", category="退货运费", title="x", text="t", pack_id="team")]
    )
    index.preferences = Preferences(Usage(), {"team": Layer.TEAM})
    assert index.search("退货运费")[0].phrase.id == "b"  # a title beats a team category match


def test_learned_queries_and_pins_are_saved_and_loaded(tmp_path: Path) -> None:
    usage = Usage()
    usage.learn("退货", "flow", NOW)
    usage.learn("退货", "flow", NOW + 1)
    usage.learn("发票", "fee", NOW + 2)
    usage.set_pinned("addr", True)
    path = tmp_path / "usage.json"
    usage.save(path)
    again = Usage.load(path)
    assert again.learned_for("退货") == {"flow": 2}
    assert again.pins() == ["addr"]
    assert [key for key, _ in again.learned_queries()] == ["退货", "发票"]  # least recent first
    data = json.loads(path.read_text(encoding="utf-8"))
    data["queries"]["x"] = {"p": {"count": "bad"}}
    data["pins"] = ["addr", 3]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert Usage.load(path).pins() == ["addr"] and Usage.load(path).learned_for("x") == {}


def test_the_learned_query_index_finds_every_close_query() -> None:
    import random

    from quickreply.core.search.prefer import LearnedQueries

    rng = random.Random(3)
    alphabet = "退货运费发票ab "
    keys = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))).strip() for _ in range(400)}
    keys.discard("")
    queries = LearnedQueries([(key, [("p", 1, NOW)]) for key in keys])
    for _ in range(300):
        typed = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))).strip()
        expected = {key for key in keys if closeness(typed, key) > 0}
        assert expected <= queries.candidates(typed), typed
