"""Exporters: TOML round-trips through the loader; 千牛 CSV re-imports; the cheat sheet is safe HTML."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tomli

from quickreply.core.importers import import_file
from quickreply.core.model import Layer, Pack, Phrase, Placeholder, Script, Step
from quickreply.core.packs.export import (
    ExportError,
    pack_to_cheatsheet_html,
    pack_to_qianniu_csv,
    pack_to_toml,
)
from quickreply.core.packs.load import load_pack, parse_pack

STARTER = Path(__file__).resolve().parents[2] / "resources" / "packs" / "zh-CN-general.toml"


def phrase(pid: str, text: str, category: str = "售后/退换货", code: str = "", **kw: object) -> Phrase:
    return Phrase(
        id=pid, category=category, title=kw.pop("title", pid), text=text, code=code, pack_id="team.rich", **kw
    )  # type: ignore[arg-type]


RICH = Pack(
    id="team.rich",
    name='鞋店 "标准" 话术',
    version="2.3.1",
    author="客服主管 Lily",
    description="多行、引号、反斜杠\\和 {{大括号}} 都要原样保存",
    phrases=(
        phrase("greet", "您好，欢迎光临{shop}！我是{agent}/:^_^", "欢迎语", "hy", tags=("欢迎", "开场")),
        phrase("multi", "亲，退货请注意：\n1. 吊牌完好\n2. 不影响二次销售\n\n  缩进和空行保留  ", code="th"),
        phrase("quotes", "他说：\"可以\"，路径 C:\\客服\\'单引号'''三个", title='带"引号"的标题'),
        phrase("literal", "满{{300}}减30，活动价以{{页面}}为准\t(制表符)"),
        phrase("blank", "包裹已到{城市}，还需{天数}天，快递：{快递公司}", "发货与物流", "wl"),
        phrase("ctrl", "第一行\r\n第二行\x07铃声"),
        phrase("triple", '三个双引号 """ 和\n反斜杠结尾 \\'),
    ),
    scripts=(
        Script(
            "script.six",
            "售后六步法",
            "售后/差评处理",
            (
                Step(phrase_id="greet"),
                Step(phrase_id="multi", title="说明政策"),
                Step(text="非常抱歉！\n我们马上处理{城市}的问题", title="道歉"),
                Step(text='带"引号"的一步'),
            ),
            pack_id="team.rich",
        ),
    ),
    placeholders=(
        Placeholder("城市", label="包裹所在城市"),
        Placeholder("天数", label="还需几天", default="2", choices=("1", "2", "3-5")),
        Placeholder("快递公司", default="中通", choices=("顺丰", "中通", "EMS")),
    ),
    categories=("欢迎语", "发货与物流", "售后/退换货", "售后/差评处理"),
    layer=Layer.TEAM,
)


def comparable(pack: Pack) -> Pack:
    return replace(
        pack,
        path="",
        phrases=tuple(replace(p, line=0) for p in pack.phrases),
        scripts=tuple(replace(s, line=0) for s in pack.scripts),
    )


def test_toml_round_trips_a_rich_pack_losslessly() -> None:
    text = pack_to_toml(RICH)
    loaded, problems = parse_pack(text.encode("utf-8"), "rich.toml", Layer.TEAM)
    assert [str(p) for p in problems] == []
    assert loaded is not None
    assert comparable(loaded) == comparable(RICH)


def test_toml_is_readable_for_a_team_lead() -> None:
    text = pack_to_toml(RICH)
    assert "text = '''\n亲，退货请注意：\n1. 吊牌完好\n" in text  # multi-line text as written, not \n escapes
    assert '[placeholders."城市"]' in text
    assert 'steps = [\n    "greet",\n    {phrase = "multi", title = "说明政策"},' in text
    assert tomli.loads(text)["pack"]["categories"][0] == "欢迎语"


def test_toml_round_trips_the_starter_pack() -> None:
    starter, problems = load_pack(STARTER)
    assert starter is not None and not [p for p in problems if p.is_error]
    again, problems = parse_pack(pack_to_toml(starter).encode(), str(STARTER))
    assert [str(p) for p in problems if p.is_error] == []
    assert again is not None and comparable(again) == comparable(starter)


def test_toml_lists_only_categories_in_use() -> None:
    pack = replace(RICH, categories=("空分类", *RICH.categories))
    loaded, problems = parse_pack(pack_to_toml(pack).encode(), "x.toml", Layer.TEAM)
    assert problems == [] and loaded is not None
    assert loaded.categories == RICH.categories


# -- 千牛 CSV -------------------------------------------------------------------------------------------


PLAIN = replace(RICH, phrases=tuple(p for p in RICH.phrases if p.id not in ("ctrl",)), scripts=())


def rows(data: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_qianniu_gbk_export_has_the_header_and_literal_text() -> None:
    export = pack_to_qianniu_csv(PLAIN, "gbk")
    got = rows(export.data, "gbk")
    assert got[0] == ["快捷短语编码", "快捷短语", "快捷短语分组"]
    by_code = {r[0]: r for r in got[1:]}
    assert by_code["th"][1] == "亲，退货请注意：\n1. 吊牌完好\n2. 不影响二次销售\n\n  缩进和空行保留  "
    assert by_code["wl"] == ["wl", "包裹已到{城市}，还需{天数}天，快递：{快递公司}", "发货与物流"]
    literal = next(r for r in got if r[1].startswith("满"))
    assert literal[1] == "满{300}减30，活动价以{页面}为准\t(制表符)"
    assert b"\r\n" in export.data
    assert tuple(w.render("en") for w in export.warnings) == (
        "2 phrases have {blanks}, which 千牛 does not fill in; they stay as literal text such as {城市} "
        "for the agent to edit: greet, blank",
    )


def test_qianniu_export_reimports_to_the_same_phrases(tmp_path: Path) -> None:
    no_blanks = replace(PLAIN, phrases=tuple(p for p in PLAIN.phrases if "{" not in p.text.replace("{{", "")))
    for encoding in ("gbk", "utf-8"):
        path = tmp_path / f"out-{encoding}.csv"
        path.write_bytes(pack_to_qianniu_csv(no_blanks, encoding).data)
        back = import_file(path).pack
        # Importers trim the whitespace around a text (a trailing line break would send the chat message).
        assert [(p.code, p.text, p.category) for p in back.phrases] == [
            (p.code, p.text.strip(), p.category) for p in no_blanks.phrases
        ]


def test_qianniu_utf8_export_has_a_bom_and_keeps_emoji() -> None:
    pack = replace(PLAIN, phrases=(phrase("emoji", "感谢支持🙏💕", "结束语", "xx"),))
    data = pack_to_qianniu_csv(pack, "utf-8").data
    assert data.startswith(b"\xef\xbb\xbf")
    assert rows(data, "utf-8-sig")[1] == ["xx", "感谢支持🙏💕", "结束语"]


def test_qianniu_gbk_refuses_characters_it_cannot_hold_and_names_them() -> None:
    pack = replace(
        PLAIN, phrases=(*PLAIN.phrases, phrase("emoji", "感谢支持🙏", "结束语"), phrase("rare", "吉𠮷"))
    )
    with pytest.raises(ExportError) as caught:
        pack_to_qianniu_csv(pack, "gbk")
    message = str(caught.value)
    assert "2 phrases contain characters GBK cannot hold: emoji (🙏); rare (𠮷)" in message
    assert "--encoding utf-8" in message


def test_qianniu_export_warns_about_scripts_and_rejects_unknown_encodings() -> None:
    assert any(
        "1 talk scripts left out" in w.render("en")
        for w in pack_to_qianniu_csv(replace(RICH, phrases=()), "gbk").warnings
    )
    with pytest.raises(ExportError, match="unknown encoding 'latin-1'"):
        pack_to_qianniu_csv(PLAIN, "latin-1")


# -- HTML cheat sheet ----------------------------------------------------------------------------------


class Balance(HTMLParser):
    VOID = frozenset({"meta", "br"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_cheatsheet_lists_codes_and_titles_per_category_escaped() -> None:
    evil = phrase("x", "文本", "欢迎语", "<b>", title="<script>alert(1)</script> & 问候")
    pack = replace(RICH, phrases=(*RICH.phrases, evil))
    html = pack_to_cheatsheet_html(pack)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 问候" in html
    assert "&lt;b&gt;" in html
    assert "@media print" in html
    parser = Balance()
    parser.feed(html)
    assert parser.stack == []
    text = "".join(parser.text)
    headings = [c for c in RICH.categories if f"<h2>{c}</h2>" in html]
    assert headings == ["欢迎语", "发货与物流", "售后/退换货"]  # 售后/差评处理 holds only a script
    assert text.index("欢迎语") < text.index("发货与物流") < text.index("售后/退换货")
    assert "售后六步法" in text and "说明政策" in text  # scripts with their steps
    assert "版本 2.3.1" in text


def test_cheatsheet_speaks_the_requested_language_and_keeps_the_pack_text() -> None:
    zh = pack_to_cheatsheet_html(RICH)
    en = pack_to_cheatsheet_html(RICH, "en")
    assert '<html lang="zh-CN">' in zh and "快捷编码速查表" in zh and "<h2>话术流程</h2>" in zh
    assert '<html lang="en">' in en and "shortcut code cheat sheet" in en and "<h2>Talk scripts</h2>" in en
    assert "速查表" not in en and "话术流程" not in en and "条短语" not in en
    assert "version 2.3.1" in en
    assert "售后六步法" in en and "欢迎语" in en  # the pack's own words are not translated
