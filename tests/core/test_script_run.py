"""A running talk script hands out its steps in order and names the next one."""

from __future__ import annotations

from quickreply.core.model import Library, Pack, Phrase, Script, Step
from quickreply.core.script_run import ScriptRun

CALM = Phrase(id="as.calm", category="售后", title="安抚情绪", text="亲，非常理解您的心情～")
CAUSE = Phrase(id="as.cause", category="售后", title="找出原因", text="麻烦您描述一下{问题}，我马上核实")


def _run(*steps: Step) -> ScriptRun:
    script = Script(id="aftersales", title="售后六步", category="售后", steps=steps, pack_id="shop")
    pack = Pack(id="shop", name="店铺", version="1", phrases=(CALM, CAUSE), scripts=(script,))
    return ScriptRun(script, Library(packs=(pack,)))


def test_steps_come_out_in_order_then_the_run_is_finished() -> None:
    thanks = Step(text="感谢您的耐心！", title="致谢")
    run = _run(Step(phrase_id="as.calm"), Step(phrase_id="as.cause"), thanks)
    assert (run.total, run.sent, run.finished) == (3, 0, False)
    assert run.upcoming() is not None and run.upcoming().title == "安抚情绪"

    first = run.advance()
    assert first is not None and (first.number, first.phrase.text) == (1, CALM.text)
    assert run.upcoming() is not None and (run.upcoming().number, run.upcoming().title) == (2, "找出原因")

    second = run.advance()
    assert second is not None and second.phrase is CAUSE
    third = run.advance()
    assert third is not None and (third.title, third.phrase.text) == ("致谢", "感谢您的耐心！")
    assert run.finished and run.upcoming() is None and run.advance() is None
    assert run.sent == 3


def test_inline_step_becomes_a_phrase_with_a_stable_id_and_a_title_from_its_text() -> None:
    run = _run(Step(text="您好，这里是售后专线，请问是{买家}本人吗？后面还有很多字"))
    step = run.advance()
    assert step is not None
    assert step.phrase.id == "aftersales#1"
    assert step.phrase.pack_id == "shop" and step.phrase.category == "售后"
    assert step.title == "您好，这里是售后专线，请…"
    assert "{买家}" in step.phrase.text  # placeholders stay for the fill-in form


def test_back_returns_to_the_step_just_handed_out() -> None:
    run = _run(Step(phrase_id="as.calm"), Step(phrase_id="as.cause"))
    run.advance()
    run.back()
    again = run.advance()
    assert again is not None and again.number == 1
    run.back()
    run.back()  # never below the first step
    assert run.sent == 0


def test_a_step_naming_a_phrase_that_is_not_loaded_is_flagged_not_dropped() -> None:
    run = _run(Step(phrase_id="gone.phrase"), Step(phrase_id="as.calm"))
    assert run.total == 2
    step = run.advance()
    assert step is not None and step.missing_phrase_id == "gone.phrase"
    assert step.title == "gone.phrase" and step.phrase.text == ""
