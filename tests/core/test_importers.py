"""Importers on real-looking exports of 千牛, Excel, espanso, Beeftext and plain text files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from quickreply.core.importers import (
    ImportFailed,
    ImportResult,
    detect_format,
    find_conflicts,
    import_file,
    merge_into,
)
from quickreply.core.model import Pack, Phrase, Script, Step
from quickreply.core.packs.export import pack_to_toml
from quickreply.core.packs.load import parse_pack
from quickreply.core.template import render

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
TRICKY = '价格以{页面}为准，满{{300}}减30 }{ 路径 C:\\客服\\"话术".txt\n第二行, 带逗号'
# espanso reads {{name}} as a variable, so its literal text differs there only.
TRICKY_ESPANSO = TRICKY.replace("{{300}}", "{300}")


def en(result: ImportResult) -> list[str]:
    """The import's warnings as the English CLI prints them."""
    return [w.render("en") for w in result.warnings]


def texts(pack: Pack) -> list[str]:
    return [render(p.text, {}) for p in pack.phrases]


def qianniu_rows(path: Path, encoding: str) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))[1:]


# -- 千牛 CSV -------------------------------------------------------------------------------------------


def test_qianniu_gbk_export_reads_every_row_in_order() -> None:
    result = import_file(DATA / "qianniu_gbk.csv")
    assert result.encoding == "GBK"
    assert result.warnings == ()
    rows = qianniu_rows(DATA / "qianniu_gbk.csv", "gbk")
    pack = result.pack
    assert [(p.code, render(p.text, {}), p.category) for p in pack.phrases] == [tuple(r) for r in rows]
    assert pack.categories == ("欢迎语", "商品咨询", "议价", "发货物流", "退换货", "售后", "结束语")
    assert pack.phrases[0].id == "imp.hy"
    assert pack.phrases[0].title == "亲，欢迎光临本店/:^_^ 我是…"


def test_qianniu_utf8_with_bom_keeps_emoji_and_numeric_codes() -> None:
    result = import_file(DATA / "qianniu_utf8_bom.csv")
    assert result.encoding == "UTF-8 with BOM"
    assert [p.code for p in result.pack.phrases] == ["1", "2", "3", "4", "5"]
    assert result.pack.phrases[-1].text.endswith("还请谅解🙏")
    assert result.pack.phrases[-1].category == "大促"


def test_qianniu_quoted_commas_newlines_and_rows_missing_parts() -> None:
    result = import_file(DATA / "qianniu_messy.csv")
    assert result.encoding == "UTF-8"
    by_text = {render(p.text, {}): p for p in result.pack.phrases}
    address = by_text["亲，请核对收货信息：\n收件人、电话、地址，\n确认无误后我们马上安排发货。"]
    assert address.code == "dz" and "\n" not in address.title
    assert "营业时间: 周一至周日, 9:00-24:00, 节假日正常发货。" in by_text
    no_code = by_text["亲，这边帮您催一下快递，有消息第一时间通知您。"]
    assert no_code.code == "" and no_code.id.startswith("imp.") and no_code.category == "发货物流"
    no_group = by_text['您好，回复【1】查看物流，回复{2}转人工客服，回复"退货"了解退货流程。']
    assert no_group.category == "未分组"
    assert "C:\\Users\\客服\\快捷短语.csv（反斜杠原样保留）" in "".join(by_text)
    warnings = "\n".join(en(result))
    assert "row 7: empty row skipped" in warnings
    assert "row 8: no phrase text (code 'kong'" in warnings
    assert "row 9: empty row skipped" in warnings
    assert "row 11: code 'hy' was already used at" in warnings
    ids = [p.id for p in result.pack.phrases]
    assert len(ids) == len(set(ids)) == 8


def test_gb18030_characters_outside_gbk(tmp_path: Path) -> None:
    path = tmp_path / "生僻字.csv"
    path.write_bytes(
        "快捷短语编码,快捷短语,快捷短语分组\r\nxm,客户姓名：吉𠮷，请核对,其他\r\n".encode("gb18030")
    )
    result = import_file(path)
    assert result.encoding == "GB18030"
    assert render(result.pack.phrases[0].text, {}) == "客户姓名：吉𠮷，请核对"


def test_excel_unicode_text_export_utf16_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "快捷短语.txt"
    path.write_bytes(
        "快捷短语编码\t快捷短语\t快捷短语分组\r\nhy\t亲，在的，您说～\t欢迎语\r\n".encode("utf-16")
    )
    result = import_file(path)
    assert result.encoding == "UTF-16"
    assert [(p.code, p.text, p.category) for p in result.pack.phrases] == [
        ("hy", "亲，在的，您说～", "欢迎语")
    ]


def test_headerless_csv_reads_code_text_group_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text("hy,亲，在的～,欢迎语\n,没有编码的一句,\n", encoding="utf-8")
    result = import_file(path)
    assert [(p.code, p.category) for p in result.pack.phrases] == [("hy", "欢迎语"), ("", "未分组")]
    assert "no header row" in en(result)[0]


def test_codes_are_made_acceptable_to_packs(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("快捷短语编码,快捷短语,快捷短语分组\n/hy,一,A\nX Y,二,A\nHY,三,A\n", encoding="utf-8")
    result = import_file(path)
    assert [p.code for p in result.pack.phrases] == ["hy", "XY", ""]
    assert any("code '/hy' written as 'hy'" in w for w in en(result))
    assert any("code 'HY' was already used" in w for w in en(result))  # codes clash ignoring case


def test_binary_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\x81\x20\xff\xfe\x00garbage\xff")
    with pytest.raises(ImportFailed, match="save it as UTF-8"):
        import_file(path)


def test_stable_ids_across_imports() -> None:
    first = import_file(DATA / "qianniu_messy.csv")
    second = import_file(DATA / "qianniu_messy.csv")
    assert [p.id for p in first.pack.phrases] == [p.id for p in second.pack.phrases]


def test_pack_id_and_name_options() -> None:
    result = import_file(DATA / "qianniu_gbk.csv", pack_id="team.shoes", name="鞋店话术")
    assert (result.pack.id, result.pack.name) == ("team.shoes", "鞋店话术")
    assert {p.pack_id for p in result.pack.phrases} == {"team.shoes"}
    assert import_file(DATA / "qianniu_gbk.csv").pack.id == "imported.qianniu_gbk"


# -- xlsx ----------------------------------------------------------------------------------------------


def make_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["本表由客服主管维护"])
    sheet = book.create_sheet("快捷短语")
    sheet.append(["快捷短语编码", "快捷短语", "快捷短语分组"])
    sheet.append([1, "亲，在的哦～", "欢迎语"])
    sheet.append(["fh", "付款后48小时内发货，\n默认中通快递。", "发货物流"])
    sheet.append([None, None, None])
    sheet.append([2.0, "价格{以页面为准}", None])
    sheet.append([None, None, None])  # trailing formatted rows are common in sheets
    book.save(path)


def test_xlsx_finds_the_sheet_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "话术.xlsx"
    make_workbook(path)
    result = import_file(path)
    pack = result.pack
    assert [(p.code, render(p.text, {}), p.category) for p in pack.phrases] == [
        ("1", "亲，在的哦～", "欢迎语"),
        ("fh", "付款后48小时内发货，\n默认中通快递。", "发货物流"),
        ("2", "价格{以页面为准}", "未分组"),
    ]
    assert en(result) == [f"{path} [快捷短语]: row 4: empty row skipped"]


def test_old_xls_and_damaged_xlsx_are_explained(tmp_path: Path) -> None:
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFailed, match=r"save it as \.xlsx or CSV"):
        import_file(tmp_path / "a.xls")
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFailed, match=r"not a readable \.xlsx"):
        import_file(tmp_path / "b.xlsx")


# -- espanso -------------------------------------------------------------------------------------------


def test_espanso_matches_variables_and_triggers() -> None:
    result = import_file(DATA / "espanso_shop.yml")
    phrases = {p.code: p for p in result.pack.phrases}
    assert phrases["hy"].text == "亲，欢迎光临小鹿运动旗舰店，我是客服{agent}，很高兴为您服务～"
    assert phrases["fh"].title == "发货时间" and phrases["fh"].tags == ("fahuo",)
    assert phrases["fh"].text == "亲，付款后48小时内发货，今天是{date}，最晚后天发出哦。"
    assert (
        phrases["wl"].text == "亲，您的包裹已到达{城市}，预计还需{days}天送达。\n物流有任何问题随时联系我们"
    )
    assert phrases["kd"].text == "默认发{courier}，需要其他快递请留言。"
    assert phrases["dh"].text == "您的订单号是：{clipboard}，我这边马上帮您查询。"
    assert phrases["sj"].text.startswith("现在时间 {time}")
    assert render(phrases["yhq"].text, {}) == (
        '店铺优惠券代码是 {VIP-2024}，结算时输入即可，JSON 格式示例：{"coupon": 30}'
    )
    assert "ip" not in phrases  # the whole phrase was a shell command's output: nothing to paste
    assert "logo" not in phrases
    courier = {d.name: d for d in result.pack.placeholders}["courier"]
    assert courier.choices == ("中通快递", "顺丰速运", "EMS")
    warnings = "\n".join(en(result))
    for expected in (
        "becomes {date}",
        "becomes {time}",
        "$|$ removed",
        "only a shell variable {{ip}}",
        "an image",
    ):
        assert expected in warnings


def test_espanso_folder_gives_one_category_per_file(tmp_path: Path) -> None:
    (tmp_path / "售前.yml").write_text('matches:\n  - trigger: ":zp"\n    replace: "正品保证"\n', "utf-8")
    (tmp_path / "售后.yml").write_text('matches:\n  - trigger: ":th"\n    replace: "七天无理由"\n', "utf-8")
    result = import_file(tmp_path)
    assert [(p.category, p.code) for p in result.pack.phrases] == [("售前", "zp"), ("售后", "th")]


def test_espanso_bad_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "base.yml"
    path.write_text("matches:\n  - trigger: ':a'\n    replace: [unclosed\n", "utf-8")
    with pytest.raises(ImportFailed, match=r"base\.yml: not valid YAML"):
        import_file(path)


# -- Beeftext ------------------------------------------------------------------------------------------


def test_beeftext_json_groups_names_and_variables() -> None:
    result = import_file(DATA / "beeftext_combos.json")
    pack = result.pack
    by_code = {p.code: p for p in pack.phrases}
    assert pack.categories == ("常用", "物流/订单")
    assert by_code[",,hy"].title == "问候"
    assert render(by_code[",,hy"].text, {}) == "亲，您好！这里是{{店铺}}客服，请问有什么可以帮您？"
    assert by_code["#dd"].text == "亲，您的订单号 {clipboard} 已为您查询，正在派送中。"
    assert by_code["#dc"].text == "亲，包裹已经到{城市}了，预计{天数}天内送达。"
    assert [(d.name, d.label) for d in pack.placeholders] == [("城市", "城市"), ("天数", "天数")]
    assert by_code["#fh"].text == "今天（{date}）下午4点前付款的订单当天发出。"
    assert render(by_code["#thdz"].text, {}) == "退货请寄：#{combo:#addr}\n寄出后把单号告诉我们哦"
    assert render(by_code["#hd"].text, {}) == "本周活动：满199减20\n会员再享95折 & 包邮"
    warnings = "\n".join(en(result))
    assert "#{combo:#addr} has no QuickReply equivalent" in warnings
    assert "rich-text snippet" in warnings
    assert "1 combos were disabled" in warnings


def test_beeftext_old_format_and_csv(tmp_path: Path) -> None:
    old = {"fileFormatVersion": 1, "combos": [{"name": "", "comboText": "#zp", "substitutionText": "正品"}]}
    (tmp_path / "comboList.json").write_text(json.dumps(old, ensure_ascii=False), "utf-8")
    pack = import_file(tmp_path / "comboList.json").pack
    assert [(p.code, p.text, p.title, p.category) for p in pack.phrases] == [
        (
            "#zp",
            "正品",
            "#zp",
            "未分组",
        )  # a combo without a name is titled by its keyword, as Beeftext shows it
    ]
    csv_pack = import_file(DATA / "beeftext_combos.csv", fmt="beeftext").pack
    assert [(p.code, p.title) for p in csv_pack.phrases][:2] == [(",,hy", "问候"), ("#fp", "发票")]
    assert render(csv_pack.phrases[2].text, {}).endswith("\n偏远地区请咨询客服。")


def test_beeftext_json_without_combos_is_explained(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"settings": 1}', "utf-8")
    with pytest.raises(ImportFailed, match="no 'combos' list"):
        import_file(tmp_path / "x.json")


# -- plain text ----------------------------------------------------------------------------------------


def test_plain_text_lines_in_gbk() -> None:
    result = import_file(DATA / "plain_lines.txt")
    assert result.encoding == "GBK"
    assert len(result.pack.phrases) == 6
    assert texts(result.pack)[0] == "亲，在的，请问有什么可以帮您？"
    assert result.pack.phrases[0].category == "plain_lines"


def test_plain_text_blocks() -> None:
    result = import_file(DATA / "plain_blocks.txt")
    got = texts(result.pack)
    assert len(got) == 4
    assert got[0] == "亲，您的订单已经发货啦！\n快递单号可以在“我的订单”里查看，\n预计3-5天送达。"
    assert got[3].endswith("（温馨提示：活动价格以{下单页面}显示为准）")
    assert "each block of lines is one phrase" in en(result)[0]


def test_plain_text_sections_of_one_liners_stay_lines(tmp_path: Path) -> None:
    lines = [f"第{i}句标准用语" for i in range(1, 21)]
    path = tmp_path / "list.txt"
    path.write_text("\n".join(lines[:10]) + "\n\n" + "\n".join(lines[10:]) + "\n", "utf-8")
    assert texts(import_file(path).pack) == lines


def test_empty_file_is_explained(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("\n\n  \n", "utf-8")
    with pytest.raises(ImportFailed, match="no phrases found"):
        import_file(tmp_path / "empty.txt")


# -- every importer: literal text stays literal, and the result is a valid pack ------------------------


def tricky_file(fmt: str, folder: Path) -> Path:
    if fmt == "qianniu":
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows([["快捷短语编码", "快捷短语", "快捷短语分组"], ["t", TRICKY, "测试"]])
        (folder / "t.csv").write_bytes(buffer.getvalue().encode("gbk"))
        return folder / "t.csv"
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        book.active.append(["快捷短语编码", "快捷短语", "快捷短语分组"])
        book.active.append(["t", TRICKY, "测试"])
        book.save(folder / "t.xlsx")
        return folder / "t.xlsx"
    if fmt == "espanso":
        doc = json.dumps({"matches": [{"trigger": ":t", "replace": TRICKY_ESPANSO}]}, ensure_ascii=False)
        (folder / "t.yml").write_text(doc, "utf-8")  # JSON is YAML
        return folder / "t.yml"
    if fmt == "beeftext":
        combos = {"fileFormatVersion": 8, "combos": [{"keyword": "t", "snippet": TRICKY}], "groups": []}
        (folder / "t.json").write_text(json.dumps(combos, ensure_ascii=False), "utf-8")
        return folder / "t.json"
    (folder / "t.txt").write_text(TRICKY + "\n\n第二句\n", "utf-8")  # a blank line: blocks
    return folder / "t.txt"


@pytest.mark.parametrize("fmt", ["qianniu", "xlsx", "espanso", "beeftext", "text"])
def test_imported_text_renders_exactly_as_the_original(fmt: str, tmp_path: Path) -> None:
    path = tricky_file(fmt, tmp_path)
    assert detect_format(path) == fmt
    pack = import_file(path).pack
    assert texts(pack)[0] == (TRICKY_ESPANSO if fmt == "espanso" else TRICKY)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_every_fixture_becomes_a_pack_that_loads_clean(name: str) -> None:
    fmt = "beeftext" if name == "beeftext_combos.csv" else None
    result = import_file(DATA / name, fmt=fmt)
    loaded, problems = parse_pack(pack_to_toml(result.pack).encode(), name)
    assert loaded is not None
    assert [str(p) for p in problems if p.is_error] == []
    assert [p.text for p in loaded.phrases] == [p.text for p in result.pack.phrases]


def test_detect_format_by_content(tmp_path: Path) -> None:
    (tmp_path / "export").write_bytes("快捷短语编码,快捷短语,快捷短语分组\n".encode("gbk"))
    (tmp_path / "combos.txt").write_text('{"fileFormatVersion": 8, "combos": []}', "utf-8")
    (tmp_path / "match.txt").write_text("matches:\n  - trigger: ':a'\n    replace: b\n", "utf-8")
    assert detect_format(tmp_path / "export") == "qianniu"
    assert detect_format(tmp_path / "combos.txt") == "beeftext"
    assert detect_format(tmp_path / "match.txt") == "espanso"
    assert detect_format(DATA / "plain_lines.txt") == "text"
    with pytest.raises(ImportFailed, match="unknown import format 'word'"):
        import_file(DATA / "plain_lines.txt", fmt="word")


# -- merging into an existing pack -----------------------------------------------------------------------


def phrase(pid: str, code: str = "", text: str = "", category: str = "欢迎语") -> Phrase:
    return Phrase(id=pid, category=category, title=pid, text=text or pid, code=code, pack_id="x")


EXISTING = Pack(
    id="personal",
    name="我的短语",
    version="1",
    phrases=(phrase("a", "hy"), phrase("b", "fh"), phrase("c")),
    categories=("欢迎语",),
)
INCOMING = Pack(
    id="imported",
    name="导入",
    version="1.0",
    phrases=(phrase("a", "new", "新的a"), phrase("d", "fh", "新的d"), phrase("e", "th", category="售后")),
    scripts=(Script("s", "流程", "售后", (Step(phrase_id="a"), Step(text="好的"))),),
    categories=("欢迎语", "售后"),
)


def test_find_conflicts_lists_id_and_code_clashes() -> None:
    kinds = [(c.incoming_id, c.existing_id, c.reason) for c in find_conflicts(EXISTING, INCOMING)]
    assert kinds == [("a", "a", "id"), ("d", "b", "code")]


def test_merge_skip_keeps_the_existing_phrases() -> None:
    merged, report = merge_into(EXISTING, INCOMING, "skip")
    assert [(p.id, p.code, p.text) for p in merged.phrases] == [
        ("a", "hy", "a"),
        ("b", "fh", "b"),
        ("c", "", "c"),
        ("e", "th", "e"),
    ]
    assert report.skipped == ("a", "d") and report.added == ("e",)
    assert merged.categories == ("欢迎语", "售后")
    assert {p.pack_id for p in merged.phrases} == {"x", "personal"}  # existing ones untouched
    assert report.summary().render("zh_CN") == "新增 1 条，替换 0 条，跳过 2 条，两者都保留 0 条"


def test_merge_replace_takes_the_place_of_clashing_phrases() -> None:
    merged, report = merge_into(EXISTING, INCOMING, "replace")
    assert [(p.id, p.code, p.text) for p in merged.phrases] == [
        ("a", "new", "新的a"),
        ("d", "fh", "新的d"),
        ("c", "", "c"),
        ("e", "th", "e"),
    ]
    assert report.replaced == ("a", "b")
    assert merged.scripts[0].id == "s"


def test_merge_keep_both_renames_ids_codes_and_script_steps() -> None:
    merged, report = merge_into(EXISTING, INCOMING, "keep_both")
    assert [(p.id, p.code) for p in merged.phrases] == [
        ("a", "hy"),
        ("b", "fh"),
        ("c", ""),
        ("a-2", "new"),
        ("d", "fh2"),
        ("e", "th"),
    ]
    assert report.renamed == (("a", "a-2"),)
    assert report.recoded == (("d", "fh", "fh2"),)
    assert report.kept_both == ("a-2", "d")
    assert merged.scripts[0].steps[0].phrase_id == "a-2"
    loaded, problems = parse_pack(pack_to_toml(merged).encode(), "merged.toml")
    assert loaded is not None and not [p for p in problems if p.is_error]


def test_merge_rejects_an_unknown_policy() -> None:
    with pytest.raises(ValueError, match="unknown merge policy"):
        merge_into(EXISTING, INCOMING, "overwrite")  # type: ignore[arg-type]
