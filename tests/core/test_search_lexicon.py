"""The customer-service synonym lexicon: shipped as data, used by partial matching only."""

from __future__ import annotations

from quickreply.core.model import Phrase
from quickreply.core.search.index import SearchIndex
from quickreply.core.search.lexicon import expansions, groups_of, make_lexicon, shipped_groups

PHRASES = [
    Phrase(id="escalate", category="售后", title="升级给主管处理", text="已上报。"),
    Phrase(id="refund", category="售后", title="退款说明", text="原路退还。"),
    Phrase(id="other", category="其他", title="欢迎光临", text="您好。"),
]


def test_the_shipped_lexicon_loads_and_is_symmetric() -> None:
    groups = shipped_groups()
    assert len(groups) >= 40
    lexicon = make_lexicon(groups)
    assert "主管" in lexicon["领导"] and "领导" in lexicon["主管"]


def test_a_synonym_finds_what_the_phrase_calls_otherwise() -> None:
    index = SearchIndex.build(PHRASES)
    hits = index.search("叫你们领导来")
    assert hits and hits[0].phrase.id == "escalate" and hits[0].related
    assert index.search("我要退钱")[0].phrase.id == "refund"


def test_without_the_lexicon_the_synonym_finds_nothing() -> None:
    index = SearchIndex.build(PHRASES)
    index.lexicon = {}
    assert [h.phrase.id for h in index.search("叫你们领导来")] == []


def test_synonyms_never_make_strict_hits() -> None:
    hits = SearchIndex.build(PHRASES).search("领导")
    assert hits and all(hit.related for hit in hits)


def test_pack_groups_add_to_the_shipped_ones() -> None:
    index = SearchIndex.build(PHRASES)
    assert index.search("来宾") == []
    index.add_synonyms(groups_of({"欢迎": ["来宾", "欢迎光临"], "bad": "not a list"}))
    assert index.search("来宾")[0].phrase.id == "other"
    assert index.search("叫你们领导来")[0].phrase.id == "escalate"  # the shipped groups stay


def test_expansions_leave_out_what_was_typed() -> None:
    lexicon = make_lexicon([("退款", "退钱", "到账")])
    assert expansions(["退钱多久到账"], lexicon) == ["退款"]
    assert expansions(["天气"], lexicon) == []


def test_a_pack_declares_synonyms_and_bad_entries_are_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from quickreply.core.packs.load import load_pack

    path = tmp_path / "p.toml"
    path.write_text(
        '[pack]\nid = "p"\nname = "P"\nversion = "1"\n\n'
        '[synonyms]\n"欢迎" = ["来宾", "光临"]\n"坏" = "不是列表"\n\n'
        '[[phrases]]\nid = "a"\ntitle = "欢迎光临"\ncategory = "c"\ntext = "您好"\n',
        encoding="utf-8",
    )
    pack, problems = load_pack(path)
    assert pack is not None and pack.synonyms == (("欢迎", "来宾", "光临"),)
    assert [p for p in problems if "[synonyms]" in str(p) and "坏" in str(p)]
    index = SearchIndex.build(pack.phrases)
    index.add_synonyms(pack.synonyms)
    assert index.search("来宾")[0].phrase.id == "a"
