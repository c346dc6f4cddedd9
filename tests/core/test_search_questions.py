"""Similar questions on a phrase (questions = [...]): matched like tags, loaded, checked and exported."""

from __future__ import annotations

from pathlib import Path

from quickreply.core.model import Layer, Pack, Phrase
from quickreply.core.packs.export import pack_to_toml
from quickreply.core.packs.load import load_pack, parse_pack
from quickreply.core.search.index import SearchIndex

SHIP = Phrase(
    id="ship",
    category="物流",
    title="发货说明",
    text="付款后48小时内寄出。",
    tags=("物流",),
    questions=("啥时候能寄出", "多久能到手"),
)
OTHER = Phrase(id="other", category="售前", title="欢迎光临", text="您好，有什么可以帮您？")


def test_a_similar_question_finds_its_phrase_as_a_strict_hit() -> None:
    hits = SearchIndex.build([OTHER, SHIP]).search("多久能到手")
    assert hits and hits[0].phrase.id == "ship" and not hits[0].related
    assert hits[0].spans["questions"] == ((7, 12),)  # in " ".join(questions)
    assert "tags" not in hits[0].spans


def test_without_the_question_the_same_query_finds_nothing_strict() -> None:
    plain = Phrase(id="ship", category="物流", title="发货说明", text="付款后48小时内寄出。", tags=("物流",))
    hits = SearchIndex.build([OTHER, plain]).search("多久能到手")
    assert not [h for h in hits if not h.related]


def test_questions_take_part_in_partial_matching_and_pinyin() -> None:
    index = SearchIndex.build([OTHER, SHIP])
    assert index.search("djnds")[0].phrase.id == "ship"  # initials of 多久能到手 ... matched like a tag
    hits = index.search("请问一般多久能到手呀")
    assert hits[0].phrase.id == "ship"


def test_tag_spans_stay_in_the_tags() -> None:
    hits = SearchIndex.build([SHIP]).search("物流")
    assert hits[0].spans.get("tags") == ((0, 2),)
    assert "questions" not in hits[0].spans


def _pack(text: str) -> tuple[Pack | None, list]:  # type: ignore[type-arg]
    return parse_pack(text.encode("utf-8"), "p.toml", Layer.LOCAL)


HEAD = '[pack]\nid = "p"\nname = "P"\nversion = "1"\n\n'


def test_the_loader_reads_questions_and_reports_a_bad_value() -> None:
    good, problems = _pack(
        HEAD + '[[phrases]]\nid = "a"\ntitle = "发货"\ncategory = "c"\ntext = "t"\nquestions = ["几天发"]\n'
    )
    assert good is not None and good.phrases[0].questions == ("几天发",) and not problems
    bad, problems = _pack(
        HEAD + '[[phrases]]\nid = "a"\ntitle = "发货"\ncategory = "c"\ntext = "t"\nquestions = "几天发"\n'
    )
    assert bad is not None and not bad.phrases
    assert any(p.code is not None and p.code.code == "search.questions_not_list" for p in problems)
    assert any(p.line == 11 for p in problems)  # the questions line itself


def test_export_round_trips_questions_and_synonyms(tmp_path: Path) -> None:
    pack = Pack(id="p", name="P", version="1", phrases=(SHIP,), synonyms=(("寄出", "发出", "发走"),))
    path = tmp_path / "p.toml"
    path.write_text(pack_to_toml(pack), encoding="utf-8")
    loaded, problems = load_pack(path)
    assert loaded is not None and not [p for p in problems if p.is_error]
    assert loaded.phrases[0].questions == SHIP.questions
    assert loaded.synonyms == pack.synonyms
