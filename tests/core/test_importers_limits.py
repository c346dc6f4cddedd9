"""Importers on hostile or huge inputs (issue 8): each ends quickly in a pack `pack check` accepts or in
an ImportFailed whose message says what to do; never a hang, a traceback or a 101-character title."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from quickreply.core.importers import ImportFailed, import_file
from quickreply.core.importers import common as importers_common
from quickreply.core.importers import xlsx as importers_xlsx
from quickreply.core.importers.common import PackBuilder
from quickreply.core.model import Pack, Phrase
from quickreply.core.packs.export import pack_to_qianniu_csv, pack_to_toml
from quickreply.core.packs.load import parse_pack

HEADER = "快捷短语编码,快捷短语,快捷短语分组\n"


def codes(result_warnings: tuple) -> list[str]:
    return [w.code for w in result_warnings]


def loads_clean(pack: Pack) -> None:
    loaded, problems = parse_pack(pack_to_toml(pack).encode(), "imported.toml")
    assert loaded is not None and not [p for p in problems if p.is_error], problems[:3]


def test_billion_laughs_in_an_espanso_field_is_refused_not_expanded(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("matches:\n  - trigger: ':lol'\n    replace: lol\n    label: *i")
    lines.append("  - trigger: ':ok'\n    replace: fine\n    vars: *i")
    lines.append("  - trigger: ':hi'\n    replace: hello")
    path = tmp_path / "laughs.yml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = import_file(path)  # 9⁹ strings if the aliases were expanded: minutes and gigabytes
    assert [p.code for p in result.pack.phrases] == ["hi"]
    assert codes(result.warnings) == ["import.skip_alias", "import.skip_alias"]
    assert "YAML alias" in result.warnings[0].render("en")


def test_a_scalar_alias_is_just_its_value(tmp_path: Path) -> None:
    path = tmp_path / "anchors.yml"
    path.write_text("shop: &shop 小鹿旗舰店\nmatches:\n  - trigger: ':s'\n    replace: *shop\n", "utf-8")
    assert [p.text for p in import_file(path).pack.phrases] == ["小鹿旗舰店"]


def test_deep_yaml_is_refused_without_crashing_the_process(tmp_path: Path) -> None:
    path = tmp_path / "deep.yml"
    depth = 200_000  # PyYAML's C composer segfaults on this; its Python one raises RecursionError
    path.write_text("matches:\n  - replace: " + "[" * depth + "]" * depth + "\n", "utf-8")
    with pytest.raises(ImportFailed, match="nested more than 64 levels"):
        import_file(path)


def test_deep_json_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "combos.json"
    path.write_text('{"combos": [' + "[" * 100_000 + "]" * 100_000 + "]}", "utf-8")
    with pytest.raises(ImportFailed, match="nested more than"):
        import_file(path)


def test_ids_for_repeated_texts_are_allocated_in_linear_time() -> None:
    class CountingSet(set[str]):
        probes = 0

        def __contains__(self, item: object) -> bool:
            CountingSet.probes += 1
            return super().__contains__(item)

    builder = PackBuilder("p", "p", "src")
    builder._ids = CountingSet()
    ids = [builder._unique_id("", "亲，在的") for _ in range(3000)]
    assert len(set(ids)) == 3000
    assert CountingSet.probes < 3 * 3000  # quadratic: 4.5 million probes


def test_identical_rows_become_one_phrase_quickly(tmp_path: Path) -> None:
    path = tmp_path / "same.csv"
    path.write_text(HEADER + ",亲，在的\n" * 20_000, "utf-8")
    result = import_file(path)
    assert len(result.pack.phrases) == 1
    assert codes(result.warnings).count("import.skip_duplicate") == 19_999
    assert result.sources[0].skipped == 19_999


def test_more_phrases_than_a_pack_holds_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importers_common, "MAX_PHRASES", 50)
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "".join(f"c{i},第{i}条,组\n" for i in range(51)), "utf-8")
    with pytest.raises(ImportFailed, match=r"more than 50 phrases.*split the file"):
        import_file(path)
    path.write_text(HEADER + "".join(f"c{i},第{i}条,组\n" for i in range(50)), "utf-8")
    assert len(import_file(path).pack.phrases) == 50


def test_a_sheet_with_too_many_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importers_xlsx, "MAX_ROWS", 100)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["快捷短语编码", "快捷短语", "快捷短语分组"])
    for i in range(150):
        sheet.append([None, None, None] if i % 2 else [f"c{i}", f"第{i}条", "组"])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    with pytest.raises(ImportFailed, match="more than 100 rows"):
        import_file(path)


def test_a_sheet_damaged_inside_is_explained_not_a_traceback(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["快捷短语编码", "快捷短语", "快捷短语分组"])
    book.active.append(["hy", "亲，在的", "欢迎语"])
    book.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the index opens; reading the rows fails halfway
            dst.writestr(item, data)
    with pytest.raises(ImportFailed, match=r"not a readable \.xlsx workbook.*save it again"):
        import_file(bad)


def test_long_titles_are_cut_to_what_packs_accept(tmp_path: Path) -> None:
    name = "很长的标题" * 30
    path = tmp_path / "combos.json"
    path.write_text(json.dumps({"combos": [{"keyword": "#a", "snippet": "x", "name": name}]}), "utf-8")
    result = import_file(path)
    title = result.pack.phrases[0].title
    assert len(title) == 100 and title.endswith("…")
    assert "import.title_cut" in codes(result.warnings)
    loads_clean(result.pack)


def test_an_empty_espanso_replace_is_skipped_not_an_empty_phrase(tmp_path: Path) -> None:
    path = tmp_path / "m.yml"
    path.write_text(
        "matches:\n  - trigger: ':e'\n    replace: ''\n  - trigger: ':ok'\n    replace: 好的\n", "utf-8"
    )
    result = import_file(path)
    assert [p.code for p in result.pack.phrases] == ["ok"]
    assert codes(result.warnings) == ["import.skip_empty"]
    loads_clean(result.pack)


def test_a_pack_check_failure_is_an_import_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import quickreply.core.importers as importers

    real = importers._import

    def broken(*args: object) -> object:
        real(*args)  # type: ignore[arg-type]
        bad = Phrase("bad id with spaces", "x", "t", "text")
        return importers.ImportResult(Pack(id="p", name="p", version="1", phrases=(bad,)), ())

    monkeypatch.setattr(importers, "_import", broken)
    path = tmp_path / "a.csv"
    path.write_text(HEADER + "hy,亲,组\n", "utf-8")
    with pytest.raises(ImportFailed, match="fails the pack check"):
        import_file(path)


@pytest.mark.parametrize("start", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_export_warns_about_formula_cells_and_escapes_them_on_request(start: str) -> None:
    pack = Pack(id="p", name="p", version="1", phrases=(Phrase("a", "组", "t", start, code="a"),))
    plain = pack_to_qianniu_csv(pack, "utf-8")
    assert [w.code for w in plain.warnings] == ["export.formula_cells"]
    assert "--excel-safe" in plain.warnings[0].render("en")
    assert start.encode() in plain.data  # 千牛 itself gets the text as written
    safe = pack_to_qianniu_csv(pack, "utf-8", excel_safe=True)
    assert [w.code for w in safe.warnings] == ["export.formula_cells_escaped"]
    assert ("'" + start).encode() in safe.data


def test_csv_export_of_ordinary_text_has_no_formula_warning() -> None:
    pack = Pack(
        id="p", name="p", version="1", phrases=(Phrase("a", "组", "t", "满 100 减 10 = 90", code="a"),)
    )
    assert pack_to_qianniu_csv(pack, "gbk").warnings == ()


def test_a_character_cut_by_the_sniffed_head_is_dropped_not_fatal(tmp_path: Path) -> None:
    """The 64 KiB head may end inside a Chinese character (where depends on CRLF vs LF endings)."""
    from quickreply.core.importers import sniff

    row = ",亲，在的\r\n".encode()
    for pad in range(3):
        data = (HEADER.rstrip("\n") + "a" * pad + "\r\n").encode() + row * 5000
        try:
            data[:65536].decode("utf-8")
        except UnicodeDecodeError:
            break
    else:
        raise AssertionError("no padding puts the 64 KiB cut inside a character")
    path = tmp_path / "cut.csv"
    path.write_bytes(data)
    assert sniff(path)["qianniu"] > 0.5


def test_a_csv_over_the_limit_is_refused_before_any_phrase_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.core.importers import qianniu_csv

    monkeypatch.setattr(qianniu_csv, "MAX_PHRASES", 50)

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("built phrases of a file that is refused anyway")

    monkeypatch.setattr(PackBuilder, "add", never)
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "".join(f"c{i},第{i}条,组\n" for i in range(51)), "utf-8")
    with pytest.raises(ImportFailed, match="more than 50 phrases"):
        import_file(path)
