"""The formats of issue 13 on realistic files: 千牛 header variants, AutoHotkey, Markdown 话术,
TextExpander, espanso folders and packages, Beeftext fidelity, and detection that refuses to guess."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quickreply.core.importers import ImportFailed, detect_format, import_file, render_warnings
from quickreply.core.importers.common import ImportResult
from quickreply.core.messages import render
from quickreply.core.packs.export import pack_to_toml
from quickreply.core.packs.load import parse_pack
from quickreply.core.template import render_partial

DATA = Path(__file__).resolve().parents[1] / "data" / "import"


def rows(result: ImportResult) -> list[tuple[str, str, str, str]]:
    return [(p.code, p.title, render_partial(p.text, {}), p.category) for p in result.pack.phrases]


def codes(result: ImportResult) -> list[str]:
    return [w.code for w in result.warnings]


@pytest.mark.parametrize(
    ("name", "encoding", "expected"),
    [
        ("qianniu_variant_header_bom.csv", "UTF-8 with BOM", ["hy", "fh", "th"]),
        ("qianniu_variant_gb18030.csv", "GB18030", ["xm", "yf"]),
        ("qianniu_variant_kuaijiema.csv", "UTF-8 with BOM", ["dd"]),
    ],
)
def test_qianniu_header_variants_keep_every_code(name: str, encoding: str, expected: list[str]) -> None:
    result = import_file(DATA / name)
    assert detect_format(DATA / name) == "qianniu" and result.encoding == encoding
    assert [p.code for p in result.pack.phrases] == expected
    assert result.warnings == ()  # the header was understood: no "no header row" guess
    assert all(p.category != "未分组" for p in result.pack.phrases)


def test_autohotkey_hotstrings_become_phrases_and_code_is_left_out() -> None:
    result = import_file(DATA / "hotstrings_kefu.ahk")
    assert result.format == "autohotkey"
    got = {code: (title, text) for code, title, text, _ in rows(result)}
    assert set(got) == {"hy", "fh", "btw", "@@", "thdz", "cd"}
    assert got["hy"] == ("欢迎语", "亲，欢迎光临小鹿旗舰店，有什么可以帮您的吗？")
    assert got["fh"][1] == "付款后48小时内发货，节假日顺延哦～"  # the ` ;` comment is not text
    assert got["thdz"] == (
        "退货地址（多行）",
        "亲，退货请寄到：\n浙江省杭州市余杭区某某路 88 号\n收件人：售后组　电话：0571-00000000",
    )
    assert got["cd"][1] == "亲，已经帮您催促仓库了\n有消息第一时间通知您"
    texts = "".join(text for _, text in got.values())
    for code in ("#NoEnv", "SendMode", "FormatTime", "MsgBox", "Run,", "{Left"):
        assert code not in texts
    assert codes(result).count("import.skip_action") == 2  # ::time:: block and the X option
    assert "import.simplified_keys" in codes(result)


def test_autohotkey_v2_function_bodies_are_actions_and_raw_text_stays() -> None:
    result = import_file(DATA / "hotstrings_v2.ahk")
    assert result.encoding == "UTF-8 with BOM"
    assert [(c, t) for c, _, t, _ in rows(result)] == [
        ("hp", "亲，确认收货后五星好评截图发给客服，返现 3 元哦～"),
        ("by", "全场满 99 元包邮（偏远地区除外）{不是按键}"),
    ]


def test_markdown_headings_titles_lists_and_fences_without_layout() -> None:
    result = import_file(DATA / "huashu_kefu.md", blanks=True)
    assert result.pack.name == "小鹿旗舰店 客服话术"
    got = rows(result)
    assert len(got) == 6
    assert got[0][1:] == ("欢迎语", "亲，欢迎光临小鹿旗舰店～我是客服{客服名}，有什么可以帮您的吗？", "售前")
    assert [g[3] for g in got[1:4]] == ["售前/尺码推荐"] * 3
    assert got[4][1] == "退货流程" and got[4][2].startswith("亲，退货请在订单页") and "```" not in got[4][2]
    assert result.pack.phrases[0].text.endswith("我是客服{客服名}，有什么可以帮您的吗？")
    for _, _title, text, _ in got:
        assert not text.startswith(("#", "---", "```", "|", ">", "*")), text
    assert codes(result).count("import.brackets_to_blanks") == 2
    assert result.bracket_words == () and result.blanks_offer() is None
    loaded, problems = parse_pack(pack_to_toml(result.pack).encode(), "md.toml")
    assert loaded is not None and not [p for p in problems if p.is_error]


def test_markdown_brackets_become_blanks_only_when_asked_and_are_counted_otherwise() -> None:
    result = import_file(DATA / "huashu_kefu.md")
    assert result.pack.phrases[0].text.endswith("我是客服[客服名]，有什么可以帮您的吗？")
    assert "import.brackets_to_blanks" not in codes(result)
    assert result.bracket_words == ("[客服名]", "[订单号]")
    offer = result.blanks_offer()
    assert offer is not None
    assert render(offer, "zh_CN").startswith("找到 2 处 [变量] 写法（2 种，如 [客服名] [订单号]）")
    assert "{客服名}" in render(offer, "en")


def test_markdown_bracketed_alternatives_become_a_blank_with_choices(tmp_path: Path) -> None:
    path = tmp_path / "尺码.md"
    path.write_text("## 尺码\n\n亲，这款[偏大/偏小/正常]，建议拍[尺码]～\n", "utf-8")
    result = import_file(path, blanks=True)
    assert result.pack.phrases[0].text == "亲，这款{偏大_偏小_正常}，建议拍{尺码}～"
    declared = {p.name: p for p in result.pack.placeholders}
    assert declared["偏大_偏小_正常"].choices == ("偏大", "偏小", "正常")
    assert declared["偏大_偏小_正常"].label == "偏大/偏小/正常"
    assert "尺码" not in declared  # a plain blank needs no declaration


def test_markdown_prose_beside_fenced_phrases_is_notes_not_phrases(tmp_path: Path) -> None:
    path = tmp_path / "售前.md"
    path.write_text(
        "# 售前话术\n\n## 使用说明\n\n- 话术中的 `[变量]` 需要替换\n- 多用“亲”\n\n---\n\n"
        "## 话术列表（共 2 条）\n\n### 1. 欢迎语\n**适用场景：** 买家首次咨询\n\n```\n亲，欢迎光临～\n```\n\n"
        "### 2. 催付\n\n**适用场景：** 拍下未付款\n\n```\n亲，库存不多了哦～\n```\n\n"
        "---\n\n## 使用技巧\n\n多练习。\n",
        "utf-8",
    )
    result = import_file(path)
    assert rows(result) == [
        ("", "欢迎语", "亲，欢迎光临～", "话术列表"),
        ("", "催付", "亲，库存不多了哦～", "话术列表"),
    ]
    assert codes(result).count("import.md_note_left_out") == 5


def test_textexpander_csv_is_not_taken_for_qianniu() -> None:
    assert detect_format(DATA / "textexpander_kefu.csv") == "textexpander"
    got = rows(import_file(DATA / "textexpander_kefu.csv"))
    assert got[2] == (";web", "帮助中心链接", "https://shop.example.com/help", "textexpander_kefu")
    assert got[1][2] == "付款后48小时内发货，今天是 {date}"


def test_textexpander_plist_fill_ins_become_blanks_and_scripts_are_skipped() -> None:
    result = import_file(DATA / "kefu.textexpander")
    assert [p.code for p in result.pack.phrases] == [";hy", ";kd", ";dh", ";fmt"]
    declared = {d.name: d for d in result.pack.placeholders}
    assert declared["店铺"].default == "小鹿旗舰店"
    assert declared["快递"].choices == ("圆通", "中通", "顺丰")
    assert result.pack.phrases[2].text == "您的订单号 {clipboard} 已收到，今天 {time} 前处理。"
    assert render_partial(result.pack.phrases[3].text, {}) == "满 100 减 10，100% 正品"
    assert "import.skip_not_text_snippet" in codes(result)


def test_markdown_heading_numbers_go_but_numbers_that_are_the_title_stay(tmp_path: Path) -> None:
    path = tmp_path / "活动.md"
    path.write_text(
        "## 一、大促\n\n### 1. 欢迎语\n\n亲，在的～\n\n### 3.5折优惠\n\n全场 3.5 折～\n\n"
        "### 12:00 前发货\n\n中午前付款当天发～\n",
        "utf-8",
    )
    assert [(p.title, p.category) for p in import_file(path).pack.phrases] == [
        ("欢迎语", "大促"),
        ("3.5折优惠", "大促"),
        ("12:00 前发货", "大促"),
    ]


def test_textexpander_older_fill_macro_is_a_blank_not_a_date(tmp_path: Path) -> None:
    """`%fill:Amount%px` (TextExpander 2-4, as in real CSS snippet groups): the blank Amount, then "px"."""
    import plistlib

    snippets = [{"abbreviation": ";pad", "plainText": "padding: %fill:Amount%px;", "snippetType": 0}]
    path = tmp_path / "css.textexpander"
    path.write_bytes(plistlib.dumps({"snippetsTE2": snippets, "groupInfo": {"groupName": "CSS"}}))
    result = import_file(path)
    assert result.pack.phrases[0].text == "padding: {Amount}px;"
    assert [d.name for d in result.pack.placeholders] == ["Amount"]
    assert "import.simplified_date" not in codes(result)


def test_autohotkey_empty_hotstrings_above_another_have_no_text_not_an_action(tmp_path: Path) -> None:
    path = tmp_path / "whitelist.ahk"
    path.write_text(
        ":b0:abels::\n:?b0:labels:: ; any suffix\n::teh::the\n::now::\nFormatTime, t\nreturn\n", "utf-8"
    )
    result = import_file(path)
    assert [(p.code, p.text) for p in result.pack.phrases] == [("teh", "the")]
    # the v1 command block under ::now:: is the action's, not stray code lines
    assert codes(result) == ["import.skip_ahk_no_text", "import.skip_ahk_no_text", "import.skip_action"]


def test_autohotkey_escaped_backticks_and_banners(tmp_path: Path) -> None:
    path = tmp_path / "mine.ahk"
    path.write_text(
        "; ===== 售后 =====\n; 退货地址\n; （第二行说明）\n::thdz::浙江杭州  ; 备注\n"
        ";----------\n:*:``1::192.168.\n",
        "utf-8",
    )
    assert rows(import_file(path)) == [
        ("thdz", "退货地址", "浙江杭州", "售后"),
        ("`1", "192.168.", "192.168.", "售后"),
    ]


def test_espanso_config_folder_faithfully() -> None:
    result = import_file(DATA / "espanso_config")
    by_code = {p.code: p for p in result.pack.phrases}
    assert set(by_code) == {"hy", "kd", "dz", "qz", "th", "sign"}  # no :never (_unused.yml), one :hy
    hy = by_code["hy"]
    assert (
        render_partial(hy.text, {}) == "亲，欢迎光临小鹿旗舰店～ {{ (>_<) }} 有什么可以帮您？"
    )  # a kaomoji is text
    assert hy.tags == ("欢迎", "问候")  # search_terms
    declared = {d.name: d for d in result.pack.placeholders}
    assert declared["courier"].choices == ("中通", "顺丰")  # a {label, id} choice inserts its id
    assert declared["name"].default == "张三"
    assert (declared["city"].choices, declared["city"].default) == (("杭州", "上海"), "杭州")
    assert by_code["dz"].text == "收件人：{name}，城市：{city}"
    assert by_code["qz"].text == "小鹿旗舰店 客服部 祝您购物愉快"  # type: match resolved through imports
    assert by_code["th"].category == "售后/退货"  # a subfolder is a subcategory
    found = codes(result)
    for code in (
        "import.skip_bad_file",  # broken.yml did not abort the folder
        "import.underscore_file",
        "import.espanso_imports",
        "import.skip_duplicate",
        "import.skip_only_variable",
        "import.skip_empty",
    ):
        assert code in found, code
    assert "config" not in {p.category.split("/")[0] for p in result.pack.phrases}
    per_file = {Path(s.source).name: (s.imported, s.skipped) for s in result.sources}
    assert per_file["base.yml"] == (4, 3)


def test_espanso_hub_package_takes_its_name_and_version_from_the_manifest(tmp_path: Path) -> None:
    result = import_file(DATA / "espanso_package")
    assert (result.pack.name, result.pack.version) == ("客服常用语", "0.2.0")
    assert [(p.code, p.tags) for p in result.pack.phrases] == [("xx", ()), ("bye", ("88",))]


def test_one_bad_file_alone_still_fails_with_its_message(tmp_path: Path) -> None:
    shutil.copy(DATA / "espanso_config" / "match" / "broken.yml", tmp_path / "broken.yml")
    with pytest.raises(ImportFailed, match=r"broken\.yml: not valid YAML"):
        import_file(tmp_path / "broken.yml")


def test_beeftext_cheat_sheet_csv_and_date_formats() -> None:
    result = import_file(DATA / "beeftext_cheatsheet.csv")
    assert result.format == "beeftext"
    assert rows(result) == [
        (",,hy", "问候", "亲，您好！欢迎光临～", "常用"),
        ("#zp", "#zp", "正品保证，假一赔十", "常用"),  # no name: titled by the keyword
        ("#fh", "发货时间", "今天（{date}）下午4点前付款当天发出，时间 {time}", "物流"),
    ]


def test_beeftext_combo_references_insert_the_other_snippet(tmp_path: Path) -> None:
    path = tmp_path / "combos.json"
    path.write_text(
        '{"combos": [{"keyword": "#addr", "snippet": "杭州市某某路 88 号"},'
        ' {"keyword": "#th", "snippet": "退货请寄：#{combo:#addr}"},'
        ' {"keyword": "#up", "snippet": "#{upper:#addr2}"}]}',
        "utf-8",
    )
    result = import_file(path)
    assert render_partial(result.pack.phrases[1].text, {}) == "退货请寄：杭州市某某路 88 号"
    assert render_partial(result.pack.phrases[2].text, {}) == "#{upper:#addr2}"  # unknown: kept


@pytest.mark.parametrize(
    ("content", "suffix", "what"),
    [
        ("#NoEnv\nSendMode Input\n:*:btw::by the way\n::hy::你好\n", ".txt", "AutoHotkey"),
        ("```\ncode\n```\n\n```\nmore\n```\n", ".txt", "Markdown"),
        ('<?xml version="1.0"?>\n<html><p>x</p></html>\n', ".txt", "HTML/XML"),
    ],
)
def test_code_or_markup_is_never_imported_as_plain_text(
    tmp_path: Path, content: str, suffix: str, what: str
) -> None:
    path = tmp_path / f"phrases{suffix}"
    path.write_text(content, "utf-8")
    try:
        fmt = detect_format(path)
    except ImportFailed as exc:
        assert what in str(exc) and "--format text" in str(exc)
        return
    assert fmt != "text"


def test_an_unknown_file_names_the_formats_tried(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00\x01\x02 binary")
    with pytest.raises(ImportFailed, match=r"cannot tell which format.*--format"):
        import_file(path)


def test_warnings_are_grouped_with_counts_and_a_few_examples(tmp_path: Path) -> None:
    path = tmp_path / "same.csv"
    path.write_text(
        "快捷短语编码,快捷短语,快捷短语分组\n" + "hy,亲，在的,组\n" * 608 + "a b,二,组\n", "utf-8"
    )
    lines = render_warnings(import_file(path).warnings, "en")
    assert len(lines) == 4  # 3 examples of the flood, 1 code rewrite: not 609 lines
    assert lines[2].endswith("(607 times, 604 more like it)")
    assert "written as 'ab'" in lines[3]


def test_utf16_without_a_bom_is_detected_not_read_as_gbk(tmp_path: Path) -> None:
    path = tmp_path / "phrases.csv"
    path.write_bytes("快捷短语编码,快捷短语,快捷短语分组\r\nhy,亲，在的,欢迎语\r\n".encode("utf-16-le"))
    result = import_file(path, "qianniu")
    assert [(p.code, p.text) for p in result.pack.phrases] == [("hy", "亲，在的")]


def test_a_file_whose_first_64_kib_end_mid_character_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    head = "快捷短语编码,快捷短语,快捷短语分组\n"
    body = "".join(f"c{i},第{i}条回复,分组\n" for i in range(6000))
    path.write_text(head + body, "utf-8")
    assert len((head + body).encode()) > 65536
    assert detect_format(path) == "qianniu"  # the sniffer's cut must not raise UnicodeDecodeError


def test_a_sheet_with_too_many_rows_is_refused_before_openpyxl_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from quickreply.core.importers import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 40)
    book = openpyxl.Workbook()
    for i in range(60):
        book.active.append([f"c{i}", f"第{i}条", "组"])
    path = tmp_path / "rows.xlsx"
    book.save(path)

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to read a sheet that is too big")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    seen: list[int] = []
    with pytest.raises(ImportFailed, match="more than 40 rows"):
        import_file(path, progress=seen.append)


def test_autohotkey_comment_blocks_hotkey_blocks_and_colon_abbreviations(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ahk"
    path.write_text(
        "SetKeyDelay, -1\n!w::\n{\n\tSend, ^{Right}\n\treturn\n}\n"
        "/*\n:R:old::不要导入这一条\n*/\n"
        ":?cx:&deg;::    Send('{U+00B0}')\n"
        "; 笑脸\n:::xl::😀\n"
        ":*B:*dd::  ; 当前日期\nFormatTime, now,, yyyy/MM/dd\nSendInput %now%\nreturn\n"
        "^+q::send  secret\n",
        "utf-8",
    )
    result = import_file(path)
    assert [(p.code, p.title, p.text) for p in result.pack.phrases] == [(":xl", "笑脸", "😀")]
    assert codes(result).count("import.skip_action") == 2


def test_autohotkey_file_of_only_actions_says_why_nothing_came_in(tmp_path: Path) -> None:
    path = tmp_path / "actions.ahk"
    path.write_text("#SingleInstance force\n:*B:*id::\nsend myid\nreturn\n^+a::send x\n", "utf-8")
    with pytest.raises(ImportFailed, match=r"nothing to import.*runs an action"):
        import_file(path)


def test_a_lone_carriage_return_and_nul_do_not_crash_detection(tmp_path: Path) -> None:
    path = tmp_path / "x.dat"
    path.write_bytes(b"\r\x00")  # found by tests/core/test_fuzz_importers.py: csv.Error from the sniffer
    with pytest.raises(ImportFailed):
        import_file(path)


def test_a_sheet_with_too_many_rows_is_named_as_excel_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from quickreply.core.importers import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 40)
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["这一页只有说明"])
    sheet = book.create_sheet("快捷短语 & 备注")
    for i in range(60):
        sheet.append([f"c{i}", f"第{i}条", "组"])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    with pytest.raises(ImportFailed) as caught:
        import_file(path)
    assert "[快捷短语 & 备注]" in str(caught.value)
    assert "sheet2.xml" not in str(caught.value)
