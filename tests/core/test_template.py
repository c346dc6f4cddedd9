"""Placeholders: parsing, rendering, errors with offsets, built-in values."""

from __future__ import annotations

from datetime import datetime

import pytest

from quickreply.core.template import (
    BUILTINS,
    MissingValues,
    TemplateError,
    builtin_values,
    escape_braces,
    placeholder_names,
    render,
    render_partial,
    template_problems,
)


def test_render_fills_every_placeholder_including_chinese_names() -> None:
    text = "包裹已到{城市}，还要{days}天；{城市}的快递员会联系您"
    assert render(text, {"城市": "杭州", "days": "2"}) == "包裹已到杭州，还要2天；杭州的快递员会联系您"


def test_names_are_unique_in_order_of_first_appearance() -> None:
    assert placeholder_names("{b}{a}{b}{城市}{a}") == ("b", "a", "城市")
    assert placeholder_names("没有占位符") == ()


def test_double_braces_are_literal() -> None:
    assert render("{{城市}} 和 {{ }} 保持原样", {}) == "{城市} 和 { } 保持原样"
    assert render("{{{x}}}", {"x": "值"}) == "{值}"
    assert placeholder_names("{{not_a_name}}") == ()


def test_values_are_inserted_verbatim_never_interpreted() -> None:
    # A value that looks like a placeholder or a format spec stays as typed.
    values = {"a": "{b}", "b": "never", "c": "{0.__class__}"}
    assert render("{a}|{c}", values) == "{b}|{0.__class__}"


def test_missing_values_lists_every_name_once_in_order() -> None:
    with pytest.raises(MissingValues) as info:
        render("{shop}{城市}{days}{城市}", {"days": "3"})
    assert info.value.names == ("shop", "城市")
    assert str(info.value) == "missing values: shop, 城市"


def test_empty_value_counts_as_given() -> None:
    assert render("[{note}]", {"note": ""}) == "[]"


@pytest.mark.parametrize(
    ("text", "offset", "fragment"),
    [
        ("到了{0}", 2, "starts with a digit"),
        ("{a.b}", 0, "uses '.' or '[]'"),
        ("x{a[0]}", 1, "uses '.' or '[]'"),
        ("{ }", 0, "blank placeholder"),
        ("{}", 0, "empty placeholder"),
        ("{ 城市 }", 0, "contains spaces"),
        ("{a-b}", 0, "not a valid placeholder name"),
        ("您好{城市", 2, "unclosed '{'"),
        ("您好}", 2, "single '}'"),
        ("{a}}", 3, "single '}'"),
        ("x{a{b}", 1, "unclosed '{'"),
    ],
)
def test_malformed_placeholder_names_its_problem_and_offset(text: str, offset: int, fragment: str) -> None:
    problems = template_problems(text)
    assert [p.offset for p in problems] == [offset]
    assert fragment in problems[0].message
    assert "{{" in problems[0].message  # tells how to write a literal brace
    with pytest.raises(TemplateError) as info:
        render(text, {"a": "1", "b": "2", "城市": "杭州"})
    assert info.value.offset == offset
    with pytest.raises(TemplateError):
        placeholder_names(text)


def test_template_error_is_a_value_error() -> None:
    assert issubclass(TemplateError, ValueError)


def test_every_problem_is_reported_not_just_the_first() -> None:
    problems = template_problems("{0} ok {a.b} } {")
    assert [p.offset for p in problems] == [0, 7, 13, 15]


def test_problem_message_stays_on_one_line() -> None:
    (problem,) = template_problems("{a\nb}")
    assert "\n" not in problem.message


def test_render_partial_keeps_unknown_and_malformed_parts_visible() -> None:
    text = "到{城市}还要{days}天 {0} {{字面}}"
    assert render_partial(text, {"城市": "杭州"}) == "到杭州还要{days}天 {0} {字面}"
    assert render_partial("未闭合{城市", {"城市": "x"}) == "未闭合{城市"


def test_escape_braces_makes_text_render_to_itself() -> None:
    raw = 'JSON: {"a": [1]} 和 {城市} }{'
    escaped = escape_braces(raw)
    assert template_problems(escaped) == []
    assert placeholder_names(escaped) == ()
    assert render(escaped, {}) == raw


def test_builtin_values_in_chinese_and_english() -> None:
    now = datetime(2026, 11, 23, 14, 5)  # a Monday
    values = builtin_values("小熊旗舰店", "小美", now, "剪贴板内容")
    assert values == {
        "shop": "小熊旗舰店",
        "agent": "小美",
        "date": "2026-11-23",
        "time": "14:05",
        "weekday": "星期一",
        "clipboard": "剪贴板内容",
    }
    assert set(values) == set(BUILTINS)
    assert builtin_values("s", "a", datetime(2026, 11, 29), None, language="en")["weekday"] == "Sunday"


def test_unset_builtins_are_left_out_so_render_asks_for_them() -> None:
    values = builtin_values("", "", datetime(2026, 1, 1), None)
    assert set(values) == {"date", "time", "weekday"}
    with pytest.raises(MissingValues) as info:
        render("{shop}的{agent}为您服务 {clipboard}", values)
    assert info.value.names == ("shop", "agent", "clipboard")


def test_pathological_brace_runs_are_handled() -> None:
    # Inputs that make backtracking parsers crawl: long runs of opening braces with no closing one.
    # "{{" pairs are literal, so only the last brace is unclosed.
    assert [p.offset for p in template_problems("{" * 20_001 + "a" * 20_000)] == [20_000]
    assert len(template_problems("{a" * 5_000)) == 5_000


def test_lookalike_placeholders_find_full_width_braces_around_a_name() -> None:
    from quickreply.core.template import lookalike_placeholders

    text = "到了｛城市｝，{城市｝和｛ 城市 }，但 {城市} 与 ｛1｝ 与 ｛｝ 不算"
    expected = [(2, "｛城市｝", "城市"), (7, "{城市｝", "城市"), (12, "｛ 城市 }", "城市")]
    assert lookalike_placeholders(text) == expected
    assert lookalike_placeholders("没有括号") == []


def test_doubled_placeholders_find_escaped_names_only() -> None:
    from quickreply.core.template import doubled_placeholders

    assert doubled_placeholders("写成 {{城市}} 或 {{{城市}}} 或 {{ 城市 }}") == [(3, "{{城市}}", "城市")]


def test_fill_known_fills_for_showing_and_maps_positions() -> None:
    from quickreply.core.template import fill_known

    text = "您好，{shop}的{agent}为您服务，{城市}见 {{shop}}"
    shown, where, ranges = fill_known(text, {"shop": "小鹿旗舰店", "agent": "小美"})
    assert shown == "您好，小鹿旗舰店的小美为您服务，{城市}见 {{shop}}"
    assert [shown[s:e] for s, e in ranges] == ["小鹿旗舰店", "小美"]
    assert len(where) == len(text) + 1 and where[-1] == len(shown)
    at = text.index("为您服务")
    assert shown[where[at] : where[at] + 4] == "为您服务"  # a match after a filled blank moves with it
