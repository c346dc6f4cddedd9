"""Pack loading and checking: every bad input gets a clear problem on its line; good parts still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from quickreply.core.library import load_library
from quickreply.core.messages import msg
from quickreply.core.model import Layer, Problem, Severity, Step
from quickreply.core.packs.load import MAX_FILE_BYTES, load_pack, load_packs, parse_pack
from quickreply.paths import app_paths

DATA = Path(__file__).resolve().parents[1] / "data" / "bad_packs"
STARTER = Path(__file__).resolve().parents[2] / "resources" / "packs"

GOOD = """\
[pack]
id = "demo"
name = "示例话术"
version = "1.0"
author = "客服主管"
categories = ["售后", "欢迎语"]

[placeholders."城市"]
label = "到达城市"

[placeholders.days]
label = "还需几天"
default = "2"
choices = ["1", "2", "3"]

[[phrases]]
id = "greet"
category = "欢迎语"
title = "问候"
text = "您好，欢迎光临{shop}，我是{agent}"
code = "hy"
tags = ["开场", "问候"]

[[phrases]]
id = "arrive"
category = "发货与物流"
title = "到达城市"
text = \"\"\"
亲，包裹已到{城市}，
预计还要{days}天送达
\"\"\"

[[phrases]]
id = "return"
category = "售后/退换货"
title = "七天无理由"
text = "支持七天无理由退换"

[[scripts]]
id = "after-sale"
title = "售后六步"
category = "售后"
steps = ["greet", { text = "您稍等，我马上查一下", title = "安抚" }, { phrase = "return", title = "政策" }]
"""


def _expected(path: Path) -> list[tuple[int, Severity, str]]:
    """The `# expect error: ...` markers of a fixture, as (line, severity, message fragment)."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "# expect " not in line:
            continue
        for mark in line.split("# expect ", 1)[1].split(" | expect "):
            severity, _, fragment = mark.partition(": ")
            found.append((number, Severity(severity), fragment.strip()))
    return found


@pytest.mark.parametrize("fixture", sorted(DATA.glob("*.toml")), ids=lambda p: p.name)
def test_bad_pack_reports_each_expected_problem_on_its_line(fixture: Path) -> None:
    _, problems = load_pack(fixture)
    expected = _expected(fixture)
    assert expected, f"{fixture.name} has no '# expect' markers"
    unmatched = list(problems)
    missing = []
    for line, severity, fragment in expected:
        candidates = (p for p in unmatched if p.line == line and p.severity is severity)
        match = next((p for p in candidates if fragment in p.message), None)
        if match is None:
            missing.append(f"line {line} {severity.value}: {fragment}")
        else:
            unmatched.remove(match)
    reported = "\n".join(map(str, problems))
    assert not missing, "not reported:\n" + "\n".join(missing) + "\nreported:\n" + reported
    assert not unmatched, "unexpected:\n" + "\n".join(map(str, unmatched))


def test_good_pack_loads_with_everything_in_it() -> None:
    pack, problems = parse_pack(GOOD.encode(), "demo.toml")
    assert problems == []
    assert pack is not None
    assert (pack.id, pack.name, pack.version, pack.author) == ("demo", "示例话术", "1.0", "客服主管")
    assert pack.layer is Layer.BUNDLED
    greet, arrive, ret = pack.phrases
    assert (greet.code, greet.tags, greet.pack_id, greet.line) == ("hy", ("开场", "问候"), "demo", 16)
    assert arrive.text == "亲，包裹已到{城市}，\n预计还要{days}天送达"  # no stray line breaks at either end
    assert (arrive.line, ret.line) == (24, 33)
    assert [(p.name, p.label, p.default, p.choices) for p in pack.placeholders] == [
        ("城市", "到达城市", "", ()),
        ("days", "还需几天", "2", ("1", "2", "3")),
    ]
    (script,) = pack.scripts
    assert script.steps == (
        Step(phrase_id="greet"),
        Step(text="您稍等，我马上查一下", title="安抚"),
        Step(phrase_id="return", title="政策"),
    )
    # listed categories first (with what is nested under them), then the rest in order of appearance
    assert pack.categories == ("售后", "售后/退换货", "欢迎语", "发货与物流")


def test_bad_items_are_left_out_and_the_rest_of_the_file_loads() -> None:
    pack, problems = load_pack(DATA / "fields.toml")
    assert pack is not None
    assert [p.id for p in pack.phrases] == ["ok.first", "unknown.key"]
    assert pack.phrases[1].category == "售后/物流"  # spaces around the slash are tidied
    assert any(p.is_error for p in problems)


def test_problem_prints_file_line_severity_id_and_message() -> None:
    _, problems = load_pack(DATA / "duplicates.toml")
    assert str(problems[0]) == (
        f"{DATA / 'duplicates.toml'}:13: error: 'greet': duplicate phrase id (first used at line 6); "
        "this phrase is left out"
    )


def test_gbk_file_is_recognised_with_advice_to_resave_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(GOOD.encode("gb18030"))
    pack, (problem,) = load_pack(path)
    assert pack is None
    assert problem.is_error and problem.line == 3  # the first non-ASCII byte is on line 3
    advice = "looks like GBK/GB18030; re-save it as UTF-8 (in Notepad: Save As → Encoding UTF-8)"
    assert advice in problem.message


def test_utf8_with_bom_is_accepted_silently() -> None:
    pack, problems = parse_pack(b"\xef\xbb\xbf" + GOOD.encode(), "bom.toml")
    assert pack is not None and problems == []
    assert pack.phrases[0].line == 16


def test_utf16_and_other_encodings_are_reported() -> None:
    _, (problem,) = parse_pack(GOOD.encode("utf-16"), "u16.toml")
    assert "UTF-16" in problem.message and "re-save it as UTF-8" in problem.message
    _, (problem,) = parse_pack(b'[pack]\nid = "x\xff"\n', "latin.toml")
    assert problem.line == 2 and "not UTF-8 (byte 0xFF)" in problem.message


def test_syntax_error_has_the_line_from_the_parser() -> None:
    data = GOOD.replace('title = "问候"', 'title = "问候', 1).encode()
    pack, (problem,) = parse_pack(data, "broken.toml")
    assert pack is None
    assert problem.line == 19 and problem.message.startswith("TOML syntax error:")


def test_text_and_title_size_limits(tmp_path: Path) -> None:
    long_text = GOOD.replace("支持七天无理由退换", "退" * 5001)
    long_text = long_text.replace('title = "问候"', f'title = "{"题" * 101}"')
    pack, problems = parse_pack(long_text.encode(), "long.toml")
    assert pack is not None
    messages = {(p.line, p.item_id): p.message for p in problems}
    assert messages[(19, "greet")] == "'title' is 101 characters; the limit is 100"
    assert messages[(37, "return")] == "'text' is 5,001 characters; the limit is 5,000"
    assert [p.id for p in pack.phrases] == ["arrive"]


def test_too_many_phrases_is_an_error_with_the_limit() -> None:
    data = b'[pack]\nid = "huge"\nname = "x"\nversion = "1"\n' + b"[[phrases]]\n" * 200_001
    pack, problems = parse_pack(data, "huge.toml")
    assert pack is None
    assert [(p.line, p.message) for p in problems] == [
        (5, "200,001 phrases; the limit is 200,000 per pack — split it up")
    ]


def test_file_over_50_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 50 MB written to disk
    pack, (problem,) = load_pack(path)
    assert pack is None and "the limit is 50 MB" in problem.message


def test_inline_phrase_tables_load_with_the_array_line() -> None:
    data = 'phrases = [\n  {id = "a", category = "c", title = "t"},\n]\n[pack]\nid = "i"\nname = "n"\n'
    data += 'version = "1"\n'
    pack, (problem,) = parse_pack(data.encode(), "inline.toml")
    assert pack is not None and pack.phrases == ()
    assert (problem.line, problem.item_id, problem.message) == (1, "a", "missing required key 'text'")


def test_load_packs_skips_bad_files_and_keeps_the_others(tmp_path: Path) -> None:
    (tmp_path / "b_good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a_broken.toml").write_text("[pack\n", encoding="utf-8")
    (tmp_path / "c_same_id.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pack", encoding="utf-8")
    packs, problems = load_packs([tmp_path, tmp_path / "missing.toml"], Layer.LOCAL)
    assert [(p.id, Path(p.path).name, p.layer) for p in packs] == [("demo", "b_good.toml", Layer.LOCAL)]
    messages = {Path(p.path).name: p.message for p in problems}
    assert messages.keys() == {"a_broken.toml", "missing.toml", "c_same_id.toml"}
    assert messages["a_broken.toml"].startswith("TOML syntax error")
    assert messages["missing.toml"] == "no such file or folder"
    assert messages["c_same_id.toml"].startswith("pack id 'demo' is already used by")


def test_empty_folder_is_a_warning(tmp_path: Path) -> None:
    packs, problems = load_packs([tmp_path])
    assert packs == [] and [p.severity for p in problems] == [Severity.WARNING]


def test_problem_without_a_line_prints_line_one() -> None:
    problem = Problem("x.toml", 0, msg("pack.no_such_path"))
    assert str(problem) == "x.toml:1: error: no such file or folder"
    assert problem.describe("zh_CN") == "x.toml:1: 错误: 没有这个文件或文件夹"


def test_starter_packs_check_clean() -> None:
    files = sorted(STARTER.glob("*.toml"))
    if not files:
        pytest.skip("no starter packs in resources/packs yet")
    packs, problems = load_packs(files)
    assert [str(p) for p in problems] == []
    assert len(packs) == len(files) and all(pack.phrases for pack in packs)


# -- the layered library ------------------------------------------------------------------------------


def test_library_loads_starter_packs_then_local_packs_which_replace_same_ids(quickreply_home: Path) -> None:
    paths = app_paths()
    paths.packs_dir.mkdir(parents=True)
    (paths.packs_dir / "mine.toml").write_text(GOOD, encoding="utf-8")
    (paths.packs_dir / "broken.toml").write_text("not toml at all", encoding="utf-8")
    library, problems = load_library(paths)
    assert [Path(p.path).name for p in problems] == ["broken.toml"]
    assert library.packs[-1].id == "demo" and library.packs[-1].layer is Layer.LOCAL
    assert library.phrase("greet") is not None
    starter_ids = {pack.id for pack in load_packs(sorted(STARTER.glob("*.toml")))[0]}
    assert {pack.id for pack in library.packs} == starter_ids | {"demo"}

    starter = next(iter(starter_ids), None)
    if starter is None:
        return
    copy = GOOD.replace('id = "demo"', f'id = "{starter}"')
    (paths.packs_dir / "copy.toml").write_text(copy, encoding="utf-8")
    library, _ = load_library(paths)
    replaced = next(pack for pack in library.packs if pack.id == starter)
    assert replaced.layer is Layer.LOCAL and len(replaced.phrases) == 3


def test_library_with_only_loads_just_those_packs(tmp_path: Path) -> None:
    path = tmp_path / "demo.toml"
    path.write_text(GOOD, encoding="utf-8")
    library, problems = load_library(app_paths(), only=[path])
    assert problems == []
    assert [(p.id, p.layer) for p in library.packs] == [("demo", Layer.LOCAL)]
    assert [p.id for p in library.phrases()] == ["greet", "arrive", "return"]


def test_the_documented_example_checks_clean() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "pack-format.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    pack, problems = parse_pack(example.encode(), "pack-format.md")
    assert [str(p) for p in problems] == []
    assert pack is not None and len(pack.phrases) == 3 and len(pack.scripts) == 1
    assert pack.categories == ("欢迎语", "售后", "售后/退换货", "发货与物流")


def test_windows_line_endings_keep_lines_and_texts_right() -> None:
    data = GOOD.replace('code = "hy"', 'code = "hy"\ncolour = 1').replace("\n", "\r\n")
    pack, problems = parse_pack(data.encode(), "crlf.toml")
    assert pack is not None
    assert [p.line for p in pack.phrases] == [16, 25, 34]
    unknown = "unknown key 'colour' ignored (known: category, code, id, questions, tags, text, title)"
    assert [(p.line, p.message) for p in problems] == [(22, unknown)]
    assert pack.phrases[1].text == "亲，包裹已到{城市}，\n预计还要{days}天送达"


# -- the pack cache -----------------------------------------------------------------------------------


def test_large_packs_are_served_from_the_cache_until_their_bytes_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quickreply.core.packs.load.CACHE_MIN_BYTES", 0)  # cache even this small pack
    cache = tmp_path / "cache"
    path = tmp_path / "demo.toml"
    path.write_text(GOOD.replace('code = "hy"', 'code = "hy"\ncolour = 1'), encoding="utf-8")
    cache.mkdir()
    (cache / "phrases-v2-0123.pickle").write_bytes(b"a file of the format before")
    first = load_pack(path, Layer.LOCAL, cache)
    from quickreply.core.packs.cache import FORMAT_VERSION

    # one file, of this format: the older format's file went at the write
    assert [p.name[: len(f"phrases-v{FORMAT_VERSION}-")] for p in cache.glob("phrases-*.pickle")] == [
        f"phrases-v{FORMAT_VERSION}-"
    ]
    assert load_pack(path, Layer.LOCAL, cache) == first  # problems (the warning) come from the cache too
    assert first[1][0].message.startswith("unknown key 'colour'")

    path.write_text(GOOD.replace("问候", "你好"), encoding="utf-8")
    pack, problems = load_pack(path, Layer.LOCAL, cache)
    assert pack is not None and pack.phrases[0].title == "你好" and problems == []

    for stale in cache.glob("phrases-*.pickle"):
        stale.write_bytes(b"damaged")
    pack, problems = load_pack(path, Layer.LOCAL, cache)
    assert pack is not None and pack.phrases[0].title == "你好"


def test_the_pack_cache_holds_phrases_in_chunks_and_a_cut_file_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read back frame by frame (no one long unpickling); cut short anywhere, it is parsed again; a file
    of the old format (one pickle, pack-<key>.pickle) is deleted when a new one is written."""
    from quickreply.core.packs import cache as pack_cache

    monkeypatch.setattr("quickreply.core.packs.load.CACHE_MIN_BYTES", 0)
    monkeypatch.setattr(pack_cache, "CHUNK", 2)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "pack-0123.pickle").write_bytes(b"format 1")
    path = tmp_path / "demo.toml"
    path.write_text(GOOD, encoding="utf-8")
    parsed = load_pack(path, Layer.LOCAL, cache)
    assert parsed[0] is not None and len(parsed[0].phrases) == 3
    assert not (cache / "pack-0123.pickle").exists()
    (file,) = cache.glob("phrases-*.pickle")
    whole = file.read_bytes()
    assert load_pack(path, Layer.LOCAL, cache) == parsed
    for cut in range(8, len(whole), max(1, len(whole) // 12)):
        file.write_bytes(whole[:cut])
        assert pack_cache.read_cached(cache, parsed[0].source_key) is None, cut
        assert load_pack(path, Layer.LOCAL, cache) == parsed


def test_small_packs_are_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "demo.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_pack(path, Layer.LOCAL, tmp_path / "cache")[0] is not None
    assert not (tmp_path / "cache").exists()
