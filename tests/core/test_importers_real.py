"""The importers on real espanso hub packages (tests/data/import/real/README.md): the phrase counts, what
was reported, no espanso syntax left in a text, and every pack passes the pack loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quickreply.core.importers import ImportFailed, import_file
from quickreply.core.packs.export import pack_to_toml
from quickreply.core.packs.load import parse_pack
from quickreply.core.template import render_partial

REAL = Path(__file__).resolve().parents[1] / "data" / "import" / "real"
ESPANSO_SYNTAX = re.compile(r"\{\{\s*\w+(\.\w+)?\s*\}\}|\[\[\s*\w+\s*\]\]|\$\|\$")

IMPORTED = {
    "divination-oracles": (9, {"import.simplified_random"}),
    "espanso-dice": (10, {"import.code_rewritten", "import.simplified_random"}),
    "french-politeness": (24, set()),
    "gitmoji-chooser": (1, set()),
    "lorem": (8, {"import.simplified_random"}),
    "nf-core": (10, set()),
    "pan-snippets": (
        50,
        {
            "import.code_reused",
            "import.simplified_cursor",
            "import.simplified_date",
            "import.simplified_regex",
        },
    ),
    "verbose-form-template": (1, set()),
}
REFUSED = {
    "escape": "only a script variable",
    "good-morning": "an image",
    "quick-translate": "only a shell variable",
    "snipbank": "only a script variable",
}


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_hub_package_imports_faithfully(name: str) -> None:
    result = import_file(REAL / "espanso-hub" / name)
    count, reported = IMPORTED[name]
    assert len(result.pack.phrases) == count
    assert {w.code for w in result.warnings} == reported
    for phrase in result.pack.phrases:
        if name != "verbose-form-template":  # its text is espanso YAML on purpose
            assert not ESPANSO_SYNTAX.search(render_partial(phrase.text, {})), phrase.text
        assert phrase.text.strip()
    pack, problems = parse_pack(pack_to_toml(result.pack).encode(), name)
    assert pack is not None and not [p for p in problems if p.is_error]
    manifest = (REAL / "espanso-hub" / name / "_manifest.yml").read_text("utf-8")
    assert f"version: {result.pack.version}" in manifest
    assert result.pack.categories == (result.pack.name,)  # the package, not its file name "package"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hub_package_with_nothing_to_paste_says_why(name: str) -> None:
    with pytest.raises(ImportFailed, match=f"nothing to import.*{REFUSED[name]}"):
        import_file(REAL / "espanso-hub" / name)


def test_pan_snippets_echo_of_other_variables_is_expanded() -> None:
    result = import_file(REAL / "espanso-hub" / "pan-snippets")
    texts = [p.text for p in result.pack.phrases]
    assert "( receive_time leq '{date} {hour}:{minute}:00' )" in texts


# -- other formats (README.md: sources and licences) ------------------------------------------------------
LAYOUT = re.compile(r"^\s*(#{1,6}\s|```|~~~|-{3,}\s*$|\*\*|适用场景|使用说明)|^\s*[#;]\w|::", re.M)
HUASHU = {  # file: (phrases = its fenced blocks, [变量] words offered, the categories)
    "general-aftersales.md": (10, 13, ("通用售后客服话术",)),
    "jd-presales.md": (10, 23, ("京东售前话术列表",)),
    "taobao-aftersales.md": (10, 4, ("淘宝售后话术列表",)),
    "taobao-presales.md": (10, 49, ("淘宝售前话术列表",)),
    "womens-shoes.md": (30, 55, ("售前话术", "售中话术", "售后话术")),
}


@pytest.mark.parametrize("name", sorted(HUASHU))
def test_real_huashu_markdown_imports_the_fenced_scripts_only(name: str) -> None:
    path = REAL / "huashu-markdown" / name
    count, offered, categories = HUASHU[name]
    result = import_file(path)
    assert (
        len(result.pack.phrases)
        == count
        == path.read_text("utf-8").count("\n```\n") // 2 + (path.read_text("utf-8").count("\n```\n") % 2)
    )
    assert result.pack.categories == categories
    assert {w.code for w in result.warnings} == {"import.md_note_left_out"}
    assert len(result.bracket_words) == offered and result.blanks_offer() is not None
    for phrase in result.pack.phrases:
        assert not LAYOUT.search(phrase.text), phrase.text
        assert not phrase.title[:1].isdigit(), phrase.title  # "1. 欢迎语" titles as 欢迎语
        assert "{" not in phrase.text  # [变量] stays as written unless asked
    converted = import_file(path, blanks=True)
    assert sum(p.text.count("{") for p in converted.pack.phrases) == offered


def test_real_huashu_titles_come_from_the_numbered_headings() -> None:
    result = import_file(REAL / "huashu-markdown" / "taobao-presales.md")
    assert [p.title for p in result.pack.phrases][:3] == ["欢迎语", "产品介绍", "优惠券领取引导"]
    assert result.pack.name == "淘宝/天猫售前客服话术"
    assert result.pack.phrases[0].text.startswith("亲，欢迎光临[店铺名称]！我是客服[客服名]")


def test_real_autohotkey_v2_file_keeps_text_hotstrings_and_skips_actions() -> None:
    result = import_file(REAL / "autohotkey" / "solarekm-Hotstrings.ahk")
    got = {p.code: p for p in result.pack.phrases}
    assert list(got) == ["addr", "sig", "btw", ":id", "C:Test", "shrug", "smile", "tel", "email"]
    assert got["btw"].text == "by the way"  # the comment after it, and the blanks before the comment, go
    assert got["addr"].text == "123 Main St.\nAnytown, USA"
    assert got["shrug"].text == "¯\\_(ツ)_/¯"
    assert got["btw"].category == "Advanced Options"  # from the banner comment "; ===== … ====="
    assert not any(p.title.startswith("=") for p in result.pack.phrases)
    assert [w.code for w in result.warnings].count("import.skip_action") == 3  # date, time, [br] blocks
    assert [(s.imported, s.skipped) for s in result.sources] == [(9, 3)]


def test_real_textexpander_plist_keeps_every_abbreviation() -> None:
    result = import_file(REAL / "textexpander" / "mac-keys.textexpander")
    assert len(result.pack.phrases) == 19
    assert all(p.code for p in result.pack.phrases)
    assert result.pack.categories == ("Mac Keys",)
    assert result.warnings == ()
    for phrase in result.pack.phrases:
        assert "%" not in phrase.text and phrase.text.strip()


def test_real_huashu_alternatives_in_brackets_become_choices_when_converted() -> None:
    result = import_file(REAL / "huashu-markdown" / "womens-shoes.md", blanks=True)
    declared = {p.name: p for p in result.pack.placeholders}
    assert declared["偏大_偏小_正常"].choices == ("偏大", "偏小", "正常")
    assert declared["真皮_PU_布面"].label == "真皮/PU/布面"
