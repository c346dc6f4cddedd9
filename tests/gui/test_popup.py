"""The search popup as an agent uses it: type, see the right phrase first, pick with keys, fill blanks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from quickreply.core.model import Layer, Library, Pack, Phrase, Placeholder
from quickreply.core.search.index import SearchIndex
from quickreply.core.settings.model import Settings, with_profile
from quickreply.core.usage.counts import Usage
from quickreply.gui.popup.result_list import (
    NEWLINE_MARK,
    NoteRole,
    PinnedRole,
    SourceRole,
    SpansRole,
    elide_runs,
    meta_line,
    one_line,
)
from quickreply.gui.popup.window import Pick, Popup
from quickreply.gui.qt_style import COLORS, ui_font

PHRASES = (
    Phrase("greet", "欢迎语", "欢迎光临", "亲，欢迎光临{shop}，我是客服{agent}～", code="hi", pack_id="t"),
    Phrase(
        "return",
        "售后/退换货",
        "七天无理由退换货",
        "亲，支持七天无理由退换货。\n请保持商品完好。",
        "th",
        pack_id="t",
    ),
    Phrase(
        "ship",
        "发货与物流",
        "物流到达城市",
        "亲，包裹已到达{城市}，预计还需{天数}天送达。",
        code="wl",
        pack_id="t",
    ),
    Phrase("invoice", "商品咨询", "开发票", "亲，可以开发票的，下单时备注抬头即可。", code="fp", pack_id="t"),
    Phrase("courier", "发货与物流", "指定快递", "亲，默认发{快递}哦。", code="kd", pack_id="t"),
    Phrase("copy", "售后", "核对订单号", "亲，您的订单号是 {clipboard} 吗？", code="dd", pack_id="t"),
)
LIBRARY = Library(
    packs=(
        Pack(
            id="t",
            name="测试",
            version="1",
            phrases=PHRASES,
            placeholders=(
                Placeholder("城市", label="到达城市"),
                Placeholder("快递", label="快递公司", choices=("顺丰", "EMS")),
            ),
        ),
    )
)
NOW = datetime(2024, 11, 11, 9, 30)


def commit(widget: QWidget, text: str) -> None:
    """Type Chinese the way an IME does: a committed string (QTest cannot type non-ASCII keys)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


@pytest.fixture
def usage() -> Usage:
    return Usage()


@pytest.fixture
def popup(qtbot: QtBot, usage: Usage, tmp_path: Path) -> Popup:
    widget = Popup(clipboard_text=lambda: "TB123456", now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.set_library(LIBRARY, SearchIndex.build(LIBRARY.phrases()))
    widget.set_settings(with_profile(Settings(), shop="小米旗舰店", agent="小美"))
    widget.set_usage(usage, tmp_path / "usage.json")
    widget.show_popup()
    qtbot.waitExposed(widget)
    return widget


def type_query(qtbot: QtBot, popup: Popup, text: str) -> None:
    qtbot.keyClicks(popup.search, text)


def shown_ids(popup: Popup) -> list[str]:
    return [popup.model.row_at(i).phrase.id for i in range(popup.model.rowCount())]  # type: ignore[union-attr]


def pick_with(qtbot: QtBot, popup: Popup, action: Callable[[], None]) -> Pick:
    with qtbot.waitSignal(popup.picked) as signal:
        action()
    pick = signal.args[0]
    assert isinstance(pick, Pick)
    return pick


def test_show_popup_focuses_an_empty_search_box(popup: Popup) -> None:
    assert popup.isVisible()
    assert popup.search.text() == ""
    assert focused() is popup.search
    flags = popup.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    assert "Enter 粘贴" in popup.status.text() and "Esc" in popup.status.text()


def test_pinyin_query_shows_the_expected_phrase_first(qtbot: QtBot, popup: Popup) -> None:
    type_query(qtbot, popup, "tuihuan")
    assert shown_ids(popup)[0] == "return"
    assert popup.results.currentIndex().row() == 0
    assert popup.model.index(0).data(SpansRole)["title"] == ((5, 7),)  # 七天无理由[退换]货


def test_chinese_typed_through_the_ime_searches(popup: Popup) -> None:
    commit(popup.search, "发票")
    assert popup.search.text() == "发票"
    assert shown_ids(popup)[0] == "invoice"


def test_pinyin_still_composing_in_the_ime_searches_and_keys_stay_with_the_ime(
    qtbot: QtBot, popup: Popup
) -> None:
    QApplication.sendEvent(popup.search, QInputMethodEvent("wu'liu", []))
    qtbot.waitUntil(lambda: shown_ids(popup)[:1] == ["ship"])
    assert popup.search.text() == ""  # nothing committed yet
    with qtbot.assertNotEmitted(popup.picked), qtbot.assertNotEmitted(popup.dismissed):
        qtbot.keyClick(popup.search, Qt.Key.Key_Return)  # Enter chooses the IME candidate, not a phrase
        qtbot.keyClick(popup.search, Qt.Key.Key_Escape)
    assert popup.isVisible()


def test_match_spans_reach_the_delegate_and_are_painted(qtbot: QtBot, popup: Popup) -> None:
    commit(popup.search, "发票")
    index = popup.model.index(0)
    spans = index.data(SpansRole)
    assert spans["title"] == ((1, 3),) and spans["text"] == ((5, 7),)  # 开[发票] / 亲，可以开[发票]的
    image = popup.results.viewport().grab().toImage()
    match = QColor(COLORS.match)
    painted = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, 60)
        if image.pixelColor(x, y).red() > 180 and abs(image.pixelColor(x, y).green() - match.green()) < 40
    )
    assert painted > 10  # the matched characters are drawn in the match colour


def test_preview_is_one_line_with_marks_and_keeps_the_match_in_view() -> None:
    text, spans = one_line("第一行\r\n第二行\n第三", [(5, 8)])
    assert text == f"第一行{NEWLINE_MARK}第二行{NEWLINE_MARK}第三"
    assert [text[s:e] for s, e in spans] == ["第二行"]
    fm = QFontMetricsF(ui_font(13))
    long_text = "很" * 200 + "发票" + "好" * 50
    shown, kept = elide_runs(long_text, [(200, 202)], fm, 300, keep_match=True)
    assert shown.startswith("…") and shown.endswith("…")
    assert [shown[s:e] for s, e in kept] == ["发票"]


def test_enter_pastes_with_profile_values_filled(qtbot: QtBot, popup: Popup, usage: Usage) -> None:
    type_query(qtbot, popup, "hi")
    pick = pick_with(qtbot, popup, lambda: qtbot.keyClick(popup.search, Qt.Key.Key_Return))
    assert pick.phrase.id == "greet"
    assert pick.text == "亲，欢迎光临小米旗舰店，我是客服小美～"
    assert pick.values == {"shop": "小米旗舰店", "agent": "小美"}
    assert pick.send is False
    assert not popup.isVisible()
    assert usage.recent(1) == ["greet"]


def test_ctrl_enter_pastes_and_sends(qtbot: QtBot, popup: Popup) -> None:
    type_query(qtbot, popup, "fp")
    pick = pick_with(
        qtbot,
        popup,
        lambda: qtbot.keyClick(popup.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
    )
    assert pick.phrase.id == "invoice" and pick.send is True


def test_arrow_keys_move_and_alt_digit_picks_that_row(qtbot: QtBot, popup: Popup) -> None:
    ids = shown_ids(popup)
    qtbot.keyClick(popup.search, Qt.Key.Key_Down)
    assert popup.results.currentIndex().row() == 1
    qtbot.keyClick(popup.search, Qt.Key.Key_Up)
    qtbot.keyClick(popup.search, Qt.Key.Key_Up)  # no wrap at the top
    assert popup.results.currentIndex().row() == 0
    qtbot.keyClick(popup.search, Qt.Key.Key_End)  # empty query: End goes to the last row
    assert popup.results.currentIndex().row() == len(ids) - 1
    pick = pick_with(
        qtbot, popup, lambda: qtbot.keyClick(popup.search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    )
    assert pick.phrase.id == ids[1]


def test_home_and_end_edit_the_query_when_there_is_one(qtbot: QtBot, popup: Popup) -> None:
    type_query(qtbot, popup, "wl")
    qtbot.keyClick(popup.search, Qt.Key.Key_Home)
    assert popup.search.cursorPosition() == 0


def test_double_click_picks(qtbot: QtBot, popup: Popup) -> None:
    viewport, rect = popup.results.viewport(), popup.results.visualRect(popup.model.index(1))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # a click only selects
    assert popup.results.currentIndex().row() == 1 and focused() is popup.search
    pick = pick_with(
        qtbot, popup, lambda: qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    )
    assert pick.phrase.id == shown_ids(popup)[1]


def test_escape_dismisses(qtbot: QtBot, popup: Popup) -> None:
    with qtbot.waitSignal(popup.dismissed):
        qtbot.keyClick(popup.search, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_no_results_says_so(qtbot: QtBot, popup: Popup) -> None:
    type_query(qtbot, popup, "zzzz")
    assert popup.model.rowCount() == 0
    assert popup.empty.isVisible() and "zzzz" in popup.empty.text()
    with qtbot.assertNotEmitted(popup.picked):
        qtbot.keyClick(popup.search, Qt.Key.Key_Return)


def test_blanks_open_the_form_and_enter_pastes_the_filled_text(
    qtbot: QtBot, popup: Popup, usage: Usage
) -> None:
    type_query(qtbot, popup, "wl")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert not popup.is_list_shown()
    assert "Tab" in popup.status.text()
    city, days = popup.form.editor("城市"), popup.form.editor("天数")
    assert focused() is city
    commit(city, "北京")
    assert "已到达北京" in popup.form.preview_text()
    qtbot.keyClick(city, Qt.Key.Key_Tab)
    assert focused() is days
    qtbot.keyClicks(days, "3")
    assert popup.form.preview_text() == "亲，包裹已到达北京，预计还需3天送达。"
    pick = pick_with(qtbot, popup, lambda: qtbot.keyClick(days, Qt.Key.Key_Return))
    assert pick.text == "亲，包裹已到达北京，预计还需3天送达。"
    assert pick.values == {"城市": "北京", "天数": "3"} and pick.send is False
    assert usage.recent_values("城市") == ["北京"]
    assert Usage.load(popup._usage_path).recent(1) == ["ship"]  # type: ignore[arg-type]


def test_escape_in_the_form_returns_to_the_list_with_the_query_kept(qtbot: QtBot, popup: Popup) -> None:
    type_query(qtbot, popup, "wl")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(popup.dismissed):
        qtbot.keyClick(popup.form.editor("城市"), Qt.Key.Key_Escape)
    assert popup.is_list_shown() and popup.isVisible()
    assert popup.search.text() == "wl" and shown_ids(popup)[0] == "ship"
    assert focused() is popup.search


def test_form_offers_choices_and_recent_values(qtbot: QtBot, popup: Popup, usage: Usage) -> None:
    usage.record("courier", {"快递": "京东"}, now=1.0)
    type_query(qtbot, popup, "kd")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    combo = popup.form.field_widget("快递")
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["顺丰", "EMS", "京东"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # ↓ takes the first offer
    pick = pick_with(qtbot, popup, lambda: qtbot.keyClick(combo, Qt.Key.Key_Return))
    assert pick.text == "亲，默认发顺丰哦。"


def test_unset_profile_values_are_asked_with_a_hint(qtbot: QtBot, popup: Popup) -> None:
    popup.set_settings(with_profile(Settings(), shop="小米旗舰店", agent=""))
    type_query(qtbot, popup, "hi")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert list(popup.form.values()) == ["agent"]
    hints = [
        label.text() for label in popup.form.findChildren(type(popup.status)) if label.objectName() == "hint"
    ]
    assert any("设置" in text for text in hints)
    commit(popup.form.editor("agent"), "阿花")
    pick = pick_with(qtbot, popup, lambda: qtbot.keyClick(popup.form.editor("agent"), Qt.Key.Key_Return))
    assert pick.text == "亲，欢迎光临小米旗舰店，我是客服阿花～"


def test_clipboard_is_read_at_pick_time(qtbot: QtBot, popup: Popup) -> None:
    type_query(qtbot, popup, "dd")
    pick = pick_with(qtbot, popup, lambda: qtbot.keyClick(popup.search, Qt.Key.Key_Return))
    assert pick.text == "亲，您的订单号是 TB123456 吗？"


def test_empty_query_lists_recent_then_frequent_then_the_library(
    qtbot: QtBot, popup: Popup, usage: Usage
) -> None:
    for _ in range(3):
        usage.record("courier", {}, now=1.0)
    usage.record("invoice", {}, now=5.0)
    popup.hide()
    popup.show_popup()
    ids = shown_ids(popup)
    assert ids[:2] == ["invoice", "courier"]
    assert popup.model.index(0).data(Qt.ItemDataRole.UserRole + 3) == "最近"
    assert sorted(ids) == sorted(p.id for p in PHRASES)  # then the rest of the library, each once


def test_clicking_another_window_closes_the_popup_quietly(qtbot: QtBot, popup: Popup) -> None:
    qtbot.waitUntil(popup.isActiveWindow)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    with qtbot.assertNotEmitted(popup.dismissed):  # focus went where the agent clicked: nothing to give back
        other.activateWindow()
        qtbot.waitUntil(lambda: not popup.isVisible())


def test_a_combo_list_in_the_form_does_not_close_the_popup(qtbot: QtBot, popup: Popup) -> None:
    qtbot.waitUntil(popup.isActiveWindow)
    type_query(qtbot, popup, "kd")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    combo = popup.form.field_widget("快递")
    assert isinstance(combo, QComboBox)
    combo.showPopup()
    qtbot.waitUntil(combo.view().isVisible)
    qtbot.wait(50)
    assert popup.isVisible()
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)  # closes the list only
    assert popup.isVisible() and not popup.is_list_shown()


def test_meta_line_shows_the_category_path_and_matched_tags() -> None:
    phrase = Phrase("r", "售后/退换货", "t", "x", tags=("退货", "运费险", "包邮"))
    shown, spans = meta_line(phrase, {"category": ((3, 6),), "tags": ((3, 6),)}, note="最近")
    assert shown == "最近 · 售后 › 退换货 · #运费险"  # only the tag that matched is worth the room
    assert [shown[s:e] for s, e in spans] == ["退换货", "运费险"]
    assert meta_line(phrase, {})[0] == "售后 › 退换货"
    assert meta_line(phrase, {"title": ((0, 1),), "tags": ((0, 2),)})[0] == "售后 › 退换货"


def test_an_empty_library_says_how_to_get_phrases(qtbot: QtBot, popup: Popup) -> None:
    popup.set_library(Library(), SearchIndex.build([]))
    popup.show_popup()
    assert popup.model.rowCount() == 0
    assert popup.empty.isVisible() and "短语包" in popup.empty.text()


def test_show_phrase_form_asks_the_blanks_of_a_phrase_sent_by_hotkey(qtbot: QtBot, popup: Popup) -> None:
    # Offscreen Qt never re-activates a window shown again, so this starts from the shown popup; the
    # hidden -> shown path runs for real in tests/e2e.
    popup.show_phrase_form(PHRASES[2])
    assert popup.isVisible() and not popup.is_list_shown()
    city = popup.form.editor("城市")
    assert focused() is city
    commit(city, "杭州")
    qtbot.keyClick(city, Qt.Key.Key_Tab)
    qtbot.keyClicks(popup.form.editor("天数"), "2")
    pick = pick_with(qtbot, popup, lambda: qtbot.keyClick(popup.form.editor("天数"), Qt.Key.Key_Return))
    assert pick.phrase.id == "ship"
    assert pick.text == "亲，包裹已到达杭州，预计还需2天送达。"


def test_show_phrase_form_pastes_at_once_when_nothing_is_missing(qtbot: QtBot, popup: Popup) -> None:
    pick = pick_with(qtbot, popup, lambda: popup.show_phrase_form(PHRASES[3]))
    assert pick.text == "亲，可以开发票的，下单时备注抬头即可。"


def test_a_buyers_question_lists_related_phrases_marked_as_such(qtbot: QtBot, popup: Popup) -> None:
    commit(popup.search, "亲，物流到哪个城市了呀？")  # no phrase holds it as typed
    qtbot.waitUntil(lambda: popup.model.rowCount() > 0)
    first = popup.model.row_at(0)
    assert first is not None and first.phrase.id == "ship"
    assert first.note == "相关"
    assert first.spans.get("title")  # 物流 … 城市 highlighted


def test_meta_line_names_the_similar_question_that_matched() -> None:
    phrase = Phrase(
        id="p", category="物流", title="发货时间", text="t", questions=("什么时候发货", "多久能发")
    )
    shown, spans = meta_line(phrase, {"questions": ((7, 11),)})
    assert shown == "物流 · 问法：多久能发"
    assert [shown[s:e] for s, e in spans] == ["多久能发"]
    assert meta_line(phrase, {"title": ((0, 2),), "questions": ((7, 11),)})[0] == "物流"


SHOP = (
    Phrase("addr", "售后", "退货地址", "请寄到仓库。", pack_id="starter"),
    Phrase("fee", "售后", "退货运费", "运费由买家承担。", pack_id="starter"),
    Phrase("flow", "售后", "退货流程", "先申请再寄回。", pack_id="starter"),
)
TEAM_FEE = Phrase("team.fee", "售后", "退货运费", "运费我们出。", pack_id="team")
SHOP_LIBRARY = Library(
    packs=(
        Pack(id="starter", name="入门", version="1", phrases=SHOP),
        Pack(id="team", name="团队", version="1", phrases=(TEAM_FEE,), layer=Layer.TEAM),
    )
)


def shop_popup(popup: Popup) -> Popup:
    popup.set_library(SHOP_LIBRARY, SearchIndex.build(SHOP_LIBRARY.phrases()))
    return popup


def test_a_phrase_picked_for_a_query_comes_first_next_time(qtbot: QtBot, popup: Popup, usage: Usage) -> None:
    shop_popup(popup)
    type_query(qtbot, popup, "tuihuo")
    assert shown_ids(popup)[0] != "flow"
    row = shown_ids(popup).index("flow")
    pick = pick_with(qtbot, popup, lambda: popup._pick_row(row, False))
    assert pick.phrase.id == "flow"
    assert usage.learned_for("tuihuo") == {"flow": 1}
    assert "tuihuo" in (popup._usage_path.read_text(encoding="utf-8") if popup._usage_path else "")
    popup.show_popup()
    type_query(qtbot, popup, "tuihuo")
    assert shown_ids(popup)[0] == "flow"


def test_ctrl_d_pins_a_phrase_for_the_empty_query_with_a_star(
    qtbot: QtBot, popup: Popup, usage: Usage
) -> None:
    shop_popup(popup)
    commit(popup.search, "退货流程")
    qtbot.keyClick(popup.search, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert usage.pins() == ["flow"]
    assert popup.model.index(0).data(PinnedRole) is True
    popup.show_popup()
    assert shown_ids(popup)[0] == "flow"
    assert "置顶" in popup.model.index(0).data(NoteRole)
    assert "Ctrl+D" in popup.status.text()
    qtbot.keyClick(popup.search, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert usage.pins() == []


def test_a_team_phrase_comes_before_the_equal_bundled_one_with_its_source_badge(
    qtbot: QtBot, popup: Popup
) -> None:
    shop_popup(popup)
    commit(popup.search, "退货运费")
    assert shown_ids(popup)[:2] == ["team.fee", "fee"]
    assert [popup.model.index(n).data(SourceRole) for n in range(2)] == ["团队", "内置"]


def test_the_popup_grows_to_show_every_field_of_a_long_form(qtbot: QtBot, popup: Popup) -> None:
    names = [f"空{i}" for i in range(7)]
    phrase = Phrase("many", "c", "多空", "".join("{" + n + "}" for n in names), pack_id="t")
    popup.show_phrase_form(phrase)
    qtbot.wait(20)
    viewport = popup.form._scroll.viewport()
    for name in names:
        field = popup.form.field_widget(name)
        assert field.mapTo(viewport, field.rect().bottomLeft()).y() < viewport.height(), name
    area = popup.screen_area()
    assert area is not None and area.contains(popup.frameGeometry())  # grown, still on the screen
    qtbot.keyClick(popup.form.editor(names[0]), Qt.Key.Key_Escape)
    assert popup.height() == 420  # the list keeps its size


LONG_TITLE = "发货提醒：已到达某城市，还需要几天才能到货（顺丰、中通、圆通、韵达通用的版本，大促期间用）"
LONG_LABEL = "买家下单时填写的收货城市（省、市、区都要写上）"
LONG_CHOICE = "顺丰速运（次日达，偏远地区除外，需要加收运费的那种）"


def long_form(popup: Popup) -> Phrase:
    """A form whose title, category, label and choice are each wider than half an 800 px screen."""
    decls = (
        Placeholder("city", label=LONG_LABEL),
        Placeholder("courier", label="快递", choices=(LONG_CHOICE,)),
    )
    category = "发货与物流/已发货/到达城市提醒（大促期间专用版本）"
    phrase = Phrase("long", category, LONG_TITLE, "{city}{courier}{shop}", pack_id="w")
    library = Library((Pack(id="w", name="w", version="1", phrases=(phrase,), placeholders=decls),))
    popup.set_library(library, SearchIndex.build(library.phrases()))
    popup.set_settings(with_profile(Settings(), shop="", agent=""))
    return phrase


def test_a_form_with_long_texts_fits_the_screens_width_and_wraps(qtbot: QtBot, popup: Popup) -> None:
    """The offscreen screen is 800 px wide, as under Wine: the popup was 1072 px (title, label, choice and
    category on one line each), partly off the screen."""
    popup.show_phrase_form(long_form(popup))
    qtbot.wait(20)
    area = popup.screen_area()
    assert area is not None and area.width() <= 800
    assert area.contains(popup.frameGeometry())
    title = popup.form.title
    assert title.text() == LONG_TITLE  # whole, on two lines rather than cut
    assert title.height() >= 2 * title.fontMetrics().height()
    assert popup.form.field_widget("city").width() > 100  # the field keeps room to type in


def test_the_popup_narrows_to_a_narrow_screen(qtbot: QtBot, popup: Popup) -> None:
    from PySide6.QtCore import QRect

    popup.show_phrase_form(long_form(popup))
    qtbot.wait(20)
    popup.fit_to(QRect(0, 0, 480, 700))
    assert popup.width() == 480 and popup.minimumSizeHint().width() <= 480
    popup.back_to_list()
    popup.fit_to(QRect(0, 0, 480, 700))
    assert popup.width() == 480  # the list page too (the key hints wrap)


def test_rows_show_the_profile_filled_in_and_marked(qtbot: QtBot, popup: Popup) -> None:
    from quickreply.gui.popup.result_list import row_text

    type_query(qtbot, popup, "hi")
    row = popup.model.index(0)
    assert popup.model.data(row, Qt.ItemDataRole.ToolTipRole) == "亲，欢迎光临小米旗舰店，我是客服小美～"
    values = popup.model.values()
    text, matched, filled = row_text(PHRASES[0], values, [(2, 4)])  # 欢迎 matched in the source text
    assert text == "亲，欢迎光临小米旗舰店，我是客服小美～" and "{shop}" not in text
    assert [text[s:e] for s, e in filled] == ["小米旗舰店", "小美"]
    assert [text[s:e] for s, e in matched] == ["欢迎"]
    popup.set_settings(with_profile(Settings(), shop="", agent=""))
    text, _, filled = row_text(PHRASES[0], popup.model.values(), [])
    assert "{shop}" in text and filled == []  # unknown: shown as the blank it is


def test_right_arrow_shows_the_selected_phrase_in_full_and_follows_the_selection(
    qtbot: QtBot, popup: Popup
) -> None:
    assert "→" in popup.status.text()
    type_query(qtbot, popup, "th")
    qtbot.keyClick(popup.search, Qt.Key.Key_Left)
    qtbot.keyClick(popup.search, Qt.Key.Key_Right)  # inside the query: moves the cursor, no preview
    assert popup.row_preview.isHidden() and popup.search.cursorPosition() == 2
    qtbot.keyClick(popup.search, Qt.Key.Key_Right)  # at the end of the query: the full text
    assert not popup.row_preview.isHidden()
    first = popup.model.row_at(0)
    assert first is not None
    assert popup.row_preview.toPlainText() == first.phrase.text  # every line, not the row's one line
    popup.search.clear()
    type_query(qtbot, popup, "hi")
    assert popup.row_preview.toPlainText() == "亲，欢迎光临小米旗舰店，我是客服小美～"
    qtbot.keyClick(popup.search, Qt.Key.Key_Down)
    second = popup.model.row_at(popup.results.currentIndex().row())
    assert second is not None and popup.row_preview.toPlainText().startswith(second.phrase.text[:4])
    with qtbot.assertNotEmitted(popup.dismissed):
        qtbot.keyClick(popup.search, Qt.Key.Key_Escape)  # closes the preview first
    assert popup.row_preview.isHidden() and popup.isVisible()
    with qtbot.waitSignal(popup.dismissed):
        qtbot.keyClick(popup.search, Qt.Key.Key_Escape)


def test_placement_beside_the_caret_over_the_window_and_never_off_screen() -> None:
    from PySide6.QtCore import QPoint, QRect, QSize

    from quickreply.gui.popup.floating_window import placement

    area, size = QRect(0, 0, 1366, 728), QSize(640, 420)
    caret = QRect(820, 200, 2, 18)
    assert placement(size, caret, True, area) == QPoint(820 - 94, 224)  # below the caret, moved inside
    low = QRect(300, 650, 2, 18)
    assert placement(size, low, True, area) == QPoint(300, 650 - 6 - 420)  # no room below: above it
    chat = QRect(600, 200, 700, 500)
    assert placement(size, chat, False, area) == QPoint(630, 240)  # centred over the chat window
    assert placement(size, QRect(1200, 600, 700, 500), False, area) == QPoint(726, 308)  # kept inside
    assert placement(size, None, False, area) == QPoint(363, 154)  # unknown: centred on the screen


def test_the_popup_opens_over_the_chat_window(qtbot: QtBot, popup: Popup) -> None:
    from quickreply.core.ports import Anchor

    popup.hide()
    area = popup.screen_area()
    assert area is not None
    popup.show_popup(Anchor(area.x() + 10, area.y() + 10, 300, 200))
    assert popup.pos().x() == area.x() and popup.pos().y() == area.y()  # over it, moved inside the screen
