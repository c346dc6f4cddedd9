"""The fill-in form on its own: fields from declarations and usage, live preview, required values, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from quickreply.core.model import Library, Pack, Phrase, Placeholder
from quickreply.core.usage.counts import Usage
from quickreply.gui.popup.fill_form import FillForm, form_fields

SHIP = Phrase(
    "ship", "发货与物流", "物流到达城市", "亲，包裹已到达{城市}，预计还需{天数}天由{快递}送达。", pack_id="t"
)
LIBRARY = Library(
    packs=(
        Pack(
            id="t",
            name="测试",
            version="1",
            phrases=(SHIP,),
            placeholders=(
                Placeholder("城市", label="到达城市"),
                Placeholder("快递", label="快递公司", default="顺丰", choices=("顺丰", "EMS", "中通")),
            ),
        ),
    )
)


def commit(widget: QWidget, text: str) -> None:
    """Type Chinese the way an IME does: a committed string (QTest cannot type non-ASCII keys)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def form(qtbot: QtBot) -> FillForm:
    widget = FillForm()
    qtbot.addWidget(widget)
    widget.resize(600, 360)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def test_fields_follow_declarations_and_recent_values() -> None:
    usage = Usage()
    usage.record("ship", {"城市": "杭州", "快递": "京东"}, now=1.0)
    usage.record("ship", {"城市": "北京", "快递": "顺丰"}, now=2.0)
    fields = form_fields(SHIP, ["城市", "天数", "快递", "shop"], LIBRARY, usage)
    assert [f.label for f in fields] == ["到达城市", "天数", "快递公司", "店铺名称"]
    assert fields[0].recent == ("北京", "杭州")
    assert fields[2].default == "顺丰" and fields[2].choices == ("顺丰", "EMS", "中通")
    assert fields[2].recent == ("顺丰", "京东")
    assert "设置" in fields[3].hint  # an unset profile value says where to set it for good
    assert not fields[0].hint


def test_widgets_offer_choices_then_recent_values(form: FillForm) -> None:
    usage = Usage()
    usage.record("ship", {"城市": "北京", "快递": "京东"}, now=1.0)
    form.start(SHIP, form_fields(SHIP, ["城市", "天数", "快递"], LIBRARY, usage), {})
    courier = form.field_widget("快递")
    assert isinstance(courier, QComboBox) and courier.isEditable()
    assert [courier.itemText(i) for i in range(courier.count())] == ["顺丰", "EMS", "中通", "京东"]
    assert form.editor("快递").text() == "顺丰"  # the declared default is pre-filled
    city = form.field_widget("城市")
    assert isinstance(city, QComboBox) and city.itemText(0) == "北京"
    assert form.editor("城市").text() == ""  # a recent value is offered, not assumed
    assert isinstance(form.field_widget("天数"), QLineEdit)  # nothing to offer: a plain text box


def test_preview_follows_typing_and_marks_missing_blanks(form: FillForm, qtbot: QtBot) -> None:
    form.start(SHIP, form_fields(SHIP, ["城市", "天数", "快递"], LIBRARY, None), {})
    assert form.preview_text() == "亲，包裹已到达城市，预计还需天数天由顺丰送达。"
    assert "background" in form.preview.toHtml()  # missing blanks are highlighted
    commit(form.editor("城市"), "上海")
    qtbot.keyClicks(form.editor("天数"), "3")
    assert form.preview_text() == "亲，包裹已到达上海，预计还需3天由顺丰送达。"


def test_preview_shows_typed_markup_as_text(form: FillForm, qtbot: QtBot) -> None:
    form.start(SHIP, form_fields(SHIP, ["城市", "天数", "快递"], LIBRARY, None), {})
    commit(form.editor("城市"), "<b>甲&乙</b>")
    assert "<b>甲&乙</b>" in form.preview_text()


def test_enter_requires_every_field_and_names_the_empty_one(form: FillForm, qtbot: QtBot) -> None:
    form.start(SHIP, form_fields(SHIP, ["城市", "天数", "快递"], LIBRARY, None), {})
    commit(form.editor("城市"), "上海")
    with qtbot.assertNotEmitted(form.submitted):
        qtbot.keyClick(form.editor("城市"), Qt.Key.Key_Return)
    assert form.error.isVisible() and "天数" in form.error.text()
    assert QApplication.focusWidget() is form.field_widget("天数")
    qtbot.keyClicks(form.editor("天数"), "2")
    assert not form.error.isVisible()
    with qtbot.waitSignal(form.submitted) as sent:
        qtbot.keyClick(form.editor("天数"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent.args == [{"城市": "上海", "天数": "2", "快递": "顺丰"}, True]


def test_whitespace_only_is_empty(form: FillForm, qtbot: QtBot) -> None:
    form.start(SHIP, form_fields(SHIP, ["天数"], LIBRARY, None), {})
    qtbot.keyClicks(form.editor("天数"), "  ")
    assert not form.submit()


def test_escape_cancels(form: FillForm, qtbot: QtBot) -> None:
    form.start(SHIP, form_fields(SHIP, ["城市"], LIBRARY, None), {})
    with qtbot.waitSignal(form.cancelled):
        qtbot.keyClick(form.editor("城市"), Qt.Key.Key_Escape)


def test_restart_replaces_fields(form: FillForm) -> None:
    form.start(SHIP, form_fields(SHIP, ["城市", "天数"], LIBRARY, None), {})
    form.start(SHIP, form_fields(SHIP, ["快递"], LIBRARY, None), {"城市": "北京", "天数": "1"})
    assert list(form.values()) == ["快递"]
    assert form.preview_text() == "亲，包裹已到达北京，预计还需1天由顺丰送达。"


def test_enter_with_the_completion_list_open_pastes_at_once(form: FillForm, qtbot: QtBot) -> None:
    usage = Usage()
    usage.record("ship", {"城市": "杭州"}, now=1.0)
    form.start(SHIP, form_fields(SHIP, ["城市", "天数", "快递"], LIBRARY, usage), {})
    form.editor("城市").setText("北京")
    form.editor("天数").setText("3")
    express = form.editor("快递")
    express.setFocus()
    express.clear()
    qtbot.keyClicks(express, "E")  # opens the completer list with "EMS"
    popup = form.field_widget("快递").completer().popup()  # type: ignore[attr-defined]
    qtbot.waitUntil(popup.isVisible)
    with qtbot.waitSignal(form.submitted) as sent:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert sent.args[0]["快递"] in ("E", "EMS")


def test_an_example_is_shown_greyed_and_never_sent(form: FillForm, qtbot: QtBot) -> None:
    phrase = Phrase("full", "大促", "满减", "满{门槛}元减{金额}元", pack_id="e")
    library = Library(
        packs=(
            Pack(
                id="e",
                name="e",
                version="1",
                phrases=(phrase,),
                placeholders=(
                    Placeholder("门槛", label="满减门槛（元）", example="299", choices=("199", "299")),
                    Placeholder("金额", label="金额（元）", example="20"),
                ),
            ),
        )
    )
    form.start(phrase, form_fields(phrase, ["门槛", "金额"], library, None), {})
    threshold, amount = form.editor("门槛"), form.editor("金额")
    assert threshold.text() == "" and "299" in threshold.placeholderText()
    assert amount.text() == "" and amount.placeholderText() == "例如：20"
    with qtbot.assertNotEmitted(form.submitted):
        qtbot.keyClick(threshold, Qt.Key.Key_Return)  # Enter does not send the example
    assert "满减门槛" in form.error.text()


def _many_blanks(count: int) -> tuple[Phrase, list[str]]:
    names = [f"空{i}" for i in range(count)]
    return Phrase("many", "c", "多空", "".join("{" + n + "}" for n in names), pack_id="t"), names


def test_every_field_shows_whole_with_four_or_more_blanks(form: FillForm, qtbot: QtBot) -> None:
    phrase, names = _many_blanks(6)
    form.start(phrase, form_fields(phrase, names, None, None), {})
    form.resize(600, 700)
    qtbot.wait(10)
    viewport = form._scroll.viewport()
    for name in names:
        field = form.field_widget(name)
        bottom = field.mapTo(viewport, field.rect().bottomLeft()).y()
        assert bottom < viewport.height(), f"{name} is cut off at the scroll area's edge"


def test_profile_blanks_offer_to_be_saved_never_silently(form: FillForm, qtbot: QtBot) -> None:
    phrase = Phrase("hi", "c", "问候", "{shop}的{agent}，包裹到{城市}", pack_id="t")
    form.start(phrase, form_fields(phrase, ["城市"], LIBRARY, None), {})
    assert form.keep.isHidden()  # nothing here belongs to the profile
    form.start(phrase, form_fields(phrase, ["shop", "agent", "城市"], LIBRARY, None), {})
    assert not form.keep.isHidden() and not form.keep.isChecked()
    for name, value in (("shop", "小鹿旗舰店"), ("agent", "小美"), ("城市", "杭州")):
        commit(form.editor(name), value)
    with qtbot.assertNotEmitted(form.save_to_profile), qtbot.waitSignal(form.submitted):
        form.submit()  # not ticked: not kept
    form.start(phrase, form_fields(phrase, ["shop", "agent", "城市"], LIBRARY, None), {})
    for name, value in (("shop", "小鹿旗舰店"), ("agent", "小美"), ("城市", "杭州")):
        commit(form.editor(name), value)
    form.keep.setChecked(True)
    with qtbot.waitSignal(form.save_to_profile) as kept:
        form.submit()
    assert kept.args == [{"shop": "小鹿旗舰店", "agent": "小美"}]
