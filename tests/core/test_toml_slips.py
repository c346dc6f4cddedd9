"""IME slips in TOML: each character named with its line, column and fix, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from quickreply.core.model import Layer
from quickreply.core.packs.load import parse_pack
from quickreply.core.packs.toml_slips import Slip, find_slips

REPO = Path(__file__).resolve().parents[2]
HEAD = '[pack]\nid = "p"\nname = "包"\nversion = "1"\n\n[[phrases]]\nid = "a"\ncategory = "欢迎语"\n'


def _one(text: str) -> Slip:
    slips = find_slips(text)
    assert len(slips) == 1, slips
    return slips[0]


@pytest.mark.parametrize(
    ("line", "found", "column", "fix", "zh_name"),
    [
        ('text = “亲，您好！"', "“", 8, '"', "中文引号"),
        ('title ＝ "问候"', "＝", 7, "=", "全角等号"),
        ('tags = ["开场"，"问候"]', "，", 13, ",", "中文逗号"),
        ('title： "问候"', "：", 6, "=", "中文冒号"),
        ('title: "问候"', ":", 6, "=", "冒号"),
        ("【phrases]", "【", 1, "[", "中文方括号"),
        ("[phrases】", "】", 9, "]", "中文方括号"),
        ('tags = ［"a"]', "［", 8, "[", "全角方括号"),
        ('x = ｛ a = "1" }', "｛", 5, "{", "全角大括号"),
        ('text = "亲"；', "；", 11, ";", "全角字符"),
    ],
)
def test_each_ime_character_is_named_with_line_column_and_fix(
    line: str, found: str, column: int, fix: str, zh_name: str
) -> None:
    slip = _one("# 第一行是注释：“随便写”，【没关系】\n" + line + "\n")
    assert (slip.line, slip.column, slip.found, slip.fix) == (2, column, found, fix)
    zh, en = slip.message.render("zh_CN"), slip.message.render("en")
    assert zh.startswith(f"第 2 行第 {column} 列是{zh_name}「{found}」，请改成英文的「{fix}」"), zh
    assert en.startswith(f"line 2, column {column}: ") and f"type {fix} instead" in en, en


@pytest.mark.parametrize(
    ("char", "point", "zh_name"), [("\u3000", "U+3000", "全角空格"), ("\u00a0", "U+00A0", "不间断空格")]
)
def test_invisible_spaces_are_named_by_code_point(char: str, point: str, zh_name: str) -> None:
    slip = _one(f'title{char}= "问候"\n')
    assert (slip.line, slip.column, slip.fix) == (1, 6, " ")
    assert f"有一个{zh_name}（{point}" in slip.message.render("zh_CN")
    assert point in slip.message.render("en") and "normal space" in slip.message.render("en")


def test_a_zero_width_character_is_to_be_deleted() -> None:
    slip = _one('title\u200b = "问候"\n')
    assert slip.fix == ""
    assert "请删掉它" in slip.message.render("zh_CN") and "delete it" in slip.message.render("en")


def test_chinese_quotes_around_a_text_are_both_reported_and_its_content_is_not() -> None:
    slips = find_slips("text = “亲，您好！”\n")
    assert [(s.column, s.found) for s in slips] == [(8, "“"), (14, "”")]  # not the ， or ！ inside


def test_an_ascii_string_closed_by_a_chinese_quote_reports_the_closer() -> None:
    slip = _one('text = "他说“好”，再见”  # 结束\n')
    assert (slip.column, slip.found) == (17, "”")


def test_text_inside_strings_and_comments_is_never_a_slip() -> None:
    text = (
        'text = "他说“好”，【行】：＝｛城市｝\u3000"  # 注释：“x”，【y】\n'
        "literal = '亲，“好”'\n"
        'multi = """\n第一行：“好”\n【二】，\n"""\n'
        "raw = '''\n“三”\n'''\n"
    )
    tomli.loads(text)  # valid TOML
    assert find_slips(text) == []


def test_chinese_text_without_quotes_is_left_to_the_parser_message() -> None:
    # The ， is part of the text the lead forgot to quote: "text needs quotes" is the right advice.
    assert find_slips("text = 亲，您好\n") == []
    _, problems = parse_pack((HEAD + 'title = "问候"\ntext = 亲，您好\n').encode(), "p.toml")
    assert len(problems) == 1 and "text needs quotes" in problems[0].message


def test_unclosed_multiline_text_is_reported_where_it_opens() -> None:
    text = HEAD + 'title = "步骤"\ntext = """\n1. 申请\n\n[[phrases]]\nid = "b"\ntext = """\n谢谢\n"""\n'
    slip = _one(text)
    assert slip.line == 10 and slip.column == 0
    assert slip.message.render("zh_CN").startswith(
        '第 10 行开始的多行文本（"""）没有结束：第 13 行的 [[phrases]]'
    )
    assert "line 13 ([[phrases]])" in slip.message.render("en")


def test_multiline_text_open_at_end_of_file() -> None:
    slip = _one(HEAD + "text = '''\n亲，您好\n")
    assert slip.line == 9
    assert "直到文件末尾都没有结束" in slip.message.render("zh_CN")
    assert "never closed" in slip.message.render("en")


def test_one_file_with_several_slips_reports_each_on_its_own_line() -> None:
    text = HEAD + 'title ＝ "问候"\ntext = “亲”\ntags = ["a"，"b"]\n'
    pack, problems = parse_pack(text.encode(), "p.toml", Layer.LOCAL)
    assert pack is None
    assert [(p.line, p.fix.found if p.fix else "") for p in problems] == [
        (9, "＝"),
        (10, "“"),
        (10, "”"),
        (11, "，"),
    ]
    assert all(p.is_error and p.code is not None for p in problems)
    assert problems[0].text("zh_CN").startswith("第 9 行第 7 列是全角等号")
    assert problems[0].text("en").startswith("line 9, column 7: a full-width equals sign")


def test_the_parser_message_stays_when_it_is_about_an_earlier_line() -> None:
    text = HEAD + '"title" = "a"\ntitle = "b"\ntext ＝ "c"\n'  # a duplicate key on line 10, then a slip
    _, problems = parse_pack(text.encode(), "p.toml")
    assert [p.line for p in problems] == [10, 11]
    assert "TOML syntax error" in problems[0].message and problems[1].fix is not None


def test_every_bundled_pack_and_good_fixture_is_free_of_slips() -> None:
    files = sorted((REPO / "resources" / "packs").glob("*.toml"))
    assert files
    for path in files:
        assert find_slips(path.read_text(encoding="utf-8")) == [], path


def test_slips_are_found_in_linear_time_on_a_large_file() -> None:
    # A 200,000-line file with every phrase slipped: must finish (no recursion, no quadratic rescans).
    text = HEAD + "".join(f'[[phrases]]\nid ＝ "p{i}"\ntext = """\n第{i}条\n"""\n' for i in range(40_000))
    slips = find_slips(text)
    assert len(slips) == 40_000 and slips[-1].line == 8 + 5 * 39_999 + 2


def test_apply_fixes_makes_a_slipped_file_load() -> None:
    from quickreply.core.packs.toml_slips import apply_fixes

    text = HEAD + 'title ＝ "问候"\r\ntext = “亲，您好”\ntags = ["a"，"b"]\ncode\u3000= "x"\n'
    _, problems = parse_pack(text.encode(), "p.toml")
    fixed = apply_fixes(text, [p.fix for p in problems if p.fix])
    pack, problems = parse_pack(fixed.encode(), "p.toml")
    assert pack is not None and problems == []
    phrase = pack.phrases[0]
    assert (phrase.title, phrase.text, phrase.tags) == ("问候", "亲，您好", ("a", "b"))
    assert "\r\n" in fixed  # line endings kept


def test_apply_fixes_skips_a_fix_whose_character_is_not_there() -> None:
    from quickreply.core.model import TextFix
    from quickreply.core.packs.toml_slips import apply_fixes

    misplaced = [TextFix(1, 2, "＝", "="), TextFix(1, 1, "＝", "="), TextFix(9, 1, "x", "")]
    assert apply_fixes("a ＝ 1\n", misplaced) == "a ＝ 1\n"
    assert apply_fixes("a ＝ 1\n", [TextFix(1, 3, "＝", "=")]) == "a = 1\n"
