"""The command line, as scripts and users call it: output, stderr and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from quickreply.cli.commands import main

PACK = """\
[pack]
id = "cli-demo"
name = "命令行示例"
version = "1.0"

[placeholders."城市"]
label = "到达城市"

[placeholders.days]
label = "还需几天"
default = "2"

[[phrases]]
id = "greet.hello"
category = "欢迎语"
title = "问候"
text = "您好，欢迎光临{shop}，我是{agent}"
code = "hy"

[[phrases]]
id = "ship.arrive"
category = "发货与物流"
title = "包裹到达城市"
text = "亲，包裹已到{城市}，预计还要{days}天"
code = "dd"

[[phrases]]
id = "refund.time"
category = "售后/退换货"
title = "退款时间"
text = "退货签收后3个工作日内退款，{weekday}也照常处理"
tags = ["退款", "退货"]

[[phrases]]
id = "paste.order"
category = "常用语"
title = "核对订单号"
text = "您的订单号是{clipboard}，对吗？"
"""

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture
def profile(quickreply_home: Path) -> None:
    (quickreply_home / "settings.toml").write_text(
        '[profile]\nshop = "小熊旗舰店"\nagent = "小美"\n', "utf-8"
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- pack check ---------------------------------------------------------------------------------------


def test_pack_check_clean_pack(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    assert run(capsys, "pack", "check", str(pack)) == (0, "OK: 1 packs, 4 phrases\n", "")


def test_pack_check_reports_errors_one_line_each_and_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pack: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(PACK.replace('code = "dd"', 'code = "HY"'), encoding="utf-8")
    code, out, _ = run(capsys, "pack", "check", str(pack), str(bad))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}:25: error: 'ship.arrive': code 'HY' is already used by phrase 'greet.hello' "
        "(codes are unique, ignoring case); this phrase is left out",
        f"{bad}:1: error: pack id 'cli-demo' is already used by {pack}; this file is left out "
        "(give each pack its own id)",
        "FAILED: 2 errors, 0 warnings",
    ]


def test_pack_check_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "warn.toml"
    path.write_text(PACK.replace('code = "hy"', 'code = "hy"\ncolour = "red"'), encoding="utf-8")
    code, out, _ = run(capsys, "pack", "check", str(path))
    assert code == 0
    assert out.splitlines() == [
        f"{path}:19: warning: 'greet.hello': unknown key 'colour' ignored "
        "(known: category, code, id, questions, tags, text, title)",
        "OK: 1 packs, 4 phrases (1 warnings)",
    ]
    code, out, _ = run(capsys, "pack", "check", "--strict", str(path))
    assert code == 1 and out.splitlines()[-1] == "FAILED: 0 errors, 1 warnings"


def test_pack_check_full_width_placeholder_warns_and_fails_under_strict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "fw.toml"
    path.write_text(PACK.replace("{", "｛").replace("}", "｝"), encoding="utf-8")
    code, out, _ = run(capsys, "pack", "check", str(path))
    assert code == 0 and "uses full-width braces" in out, out
    code, out, _ = run(capsys, "pack", "check", "--strict", str(path))
    assert code == 1 and out.splitlines()[-1].startswith("FAILED: 0 errors")


def test_pack_check_names_each_ime_slip_with_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = Path(__file__).parent / "data" / "bad_packs" / "ime_slips.toml"
    code, out, _ = run(capsys, "pack", "check", str(fixture))
    lines = out.splitlines()
    assert code == 1 and lines[-1] == "FAILED: 11 errors, 0 warnings"
    first = "line 10, column 7: a full-width equals sign ( ＝ ); type = instead (switch the IME to English)"
    assert lines[0] == f"{fixture}:10: error: {first}"


def test_pack_check_gbk_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(PACK.encode("gb18030"))
    code, out, _ = run(capsys, "pack", "check", str(path))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:3: error: file is not UTF-8: it looks like GBK/GB18030; re-save it as UTF-8 "
        "(in Notepad: Save As → Encoding UTF-8)"
    )


def test_pack_check_folder_and_missing_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pack: Path
) -> None:
    code, out, _ = run(capsys, "pack", "check", str(tmp_path), str(tmp_path / "nope.toml"))
    assert code == 1
    assert out.splitlines() == [
        f"{tmp_path / 'nope.toml'}:1: error: no such file or folder",
        "FAILED: 1 errors, 0 warnings",
    ]


def test_pack_check_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "pack", "check")
    assert code == 2 and "the following arguments are required: PATH" in err


# -- render -------------------------------------------------------------------------------------------


def test_render_fills_profile_values(capsys: pytest.CaptureFixture[str], pack: Path, profile: None) -> None:
    assert run(capsys, "render", "greet.hello", "--pack", str(pack)) == (
        0,
        "您好，欢迎光临小熊旗舰店，我是小美\n",
        "",
    )


def test_render_uses_set_values_and_declared_defaults(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, _ = run(capsys, "render", "ship.arrive", "--pack", str(pack), "--set", "城市=杭州")
    assert (code, out) == (0, "亲，包裹已到杭州，预计还要2天\n")
    code, out, _ = run(
        capsys, "render", "ship.arrive", "--pack", str(pack), "--set", "城市=杭州", "--set", "days=1=2"
    )
    assert (code, out) == (0, "亲，包裹已到杭州，预计还要1=2天\n")  # only the first '=' splits


def test_render_missing_values_exit_1_listing_them(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, err = run(capsys, "render", "ship.arrive", "--pack", str(pack))
    assert (code, out) == (1, "")
    assert err == "quickreply: missing values: 城市 — pass them with --set NAME=VALUE\n"
    code, _, err = run(capsys, "render", "greet.hello", "--pack", str(pack))
    assert code == 1
    assert err.startswith("quickreply: missing values: shop, agent — pass them with --set NAME=VALUE")
    assert "[profile] in settings.toml" in err


def test_render_fills_weekday_and_reads_clipboard_only_when_used(
    capsys: pytest.CaptureFixture[str], pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    reads: list[int] = []
    monkeypatch.setattr(pyperclip, "paste", lambda: reads.append(1) or "TB20261123")
    code, out, _ = run(capsys, "render", "refund.time", "--pack", str(pack))
    assert code == 0 and any(out == f"退货签收后3个工作日内退款，{day}也照常处理\n" for day in WEEKDAYS)
    assert reads == []
    assert run(capsys, "render", "paste.order", "--pack", str(pack)) == (
        0,
        "您的订单号是TB20261123，对吗？\n",
        "",
    )
    assert reads == [1]
    assert (
        run(capsys, "render", "paste.order", "--pack", str(pack), "--set", "clipboard=X1")[1]
        == "您的订单号是X1，对吗？\n"
    )
    assert reads == [1]


def test_render_unknown_id_suggests_close_ones(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, err = run(capsys, "render", "greet.helo", "--pack", str(pack))
    assert (code, out) == (1, "")
    assert err == "quickreply: no phrase with id 'greet.helo' in 1 loaded packs; did you mean greet.hello?\n"


def test_render_bad_set_is_a_usage_error(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, _, err = run(capsys, "render", "greet.hello", "--pack", str(pack), "--set", "shop")
    assert code == 2 and "--set needs NAME=VALUE, got 'shop'" in err


def test_render_reports_pack_problems_on_stderr_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pack: Path, profile: None
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[pack\n", encoding="utf-8")
    code, out, err = run(capsys, "render", "greet.hello", "--pack", str(broken), "--pack", str(pack))
    assert (code, out) == (0, "您好，欢迎光临小熊旗舰店，我是小美\n")
    assert err.startswith(f"quickreply: {broken}:1: error: TOML syntax error")


def test_render_uses_the_user_library_without_pack(
    capsys: pytest.CaptureFixture[str], quickreply_home: Path, profile: None
) -> None:
    (quickreply_home / "packs").mkdir()
    (quickreply_home / "packs" / "mine.toml").write_text(PACK, encoding="utf-8")
    assert run(capsys, "render", "greet.hello")[:2] == (0, "您好，欢迎光临小熊旗舰店，我是小美\n")


# -- the app and general behaviour ---------------------------------------------------------------------


def test_no_arguments_starts_the_app(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []
    fake = types.ModuleType("quickreply.app")
    fake.main = lambda: started.append(True) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "quickreply.app", fake)
    assert main([]) == 0 and started == [True]


def test_no_arguments_without_the_app_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "quickreply.app", None)  # makes `import quickreply.app` fail
    code, _, err = run(capsys)
    assert code == 2 and "tray app is not available" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "search", "--limit", "0", "x")[0] == 2
    assert run(capsys, "search")[0] == 2
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "search" in out and "render" in out and "pack" in out


def test_headless_commands_never_import_qt(pack: Path) -> None:
    code = (
        "import sys\n"
        "from quickreply.cli.commands import main\n"
        f"main(['pack', 'check', {str(pack)!r}])\n"
        f"main(['render', 'ship.arrive', '--pack', {str(pack)!r}, '--set', '城市=x'])\n"
        "print('Qt loaded' if 'PySide6' in sys.modules else 'no Qt')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, encoding="utf-8", check=True)
    out = done.stdout  # the CLI prints UTF-8 on every platform
    assert out.splitlines()[-1] == "no Qt"


@pytest.mark.parametrize("module", ["quickreply", "quickreply.cli"])
def test_module_entry_point(pack: Path, module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", module, "pack", "check", str(pack)], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, "OK: 1 packs, 4 phrases\n")


def test_output_is_utf8_whatever_the_code_page(pack: Path, tmp_path: Path) -> None:
    """On Windows a pipe or console defaults to the ANSI code page (cp1252 cannot encode 退款)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    found = subprocess.run(
        [sys.executable, "-m", "quickreply", "search", "退款", "--pack", str(pack), "--limit", "1"],
        capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert found.stdout.decode("utf-8").rstrip().endswith("退款时间")
    missing = tmp_path / "没有这个包.toml"
    failed = subprocess.run(
        [sys.executable, "-m", "quickreply", "pack", "check", str(missing)],
        capture_output=True, env=env, timeout=60,
    )  # fmt: skip
    assert failed.returncode != 0
    assert "没有这个包.toml" in failed.stderr.decode("utf-8") + failed.stdout.decode("utf-8")


# -- search -------------------------------------------------------------------------------------------


def test_search_json_lists_hits_best_first(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, err = run(capsys, "search", "hy", "--pack", str(pack), "--json")
    assert (code, err) == (0, "")
    hits = json.loads(out)
    assert hits[0]["id"] == "greet.hello"
    assert set(hits[0]) == {"id", "title", "category", "score"}
    assert hits[0] == {"id": "greet.hello", "title": "问候", "category": "欢迎语", "score": hits[0]["score"]}
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_plain_rows_and_limit(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, _ = run(capsys, "search", "退款", "--pack", str(pack), "--limit", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 1
    assert lines[0].split()[0] == "1" and "refund.time" in lines[0] and lines[0].endswith("退款时间")


def test_search_stdin_prints_one_json_object_per_query(
    capsys: pytest.CaptureFixture[str], pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("hy\n退款\nzzzzqqq\n"))
    code, out, _ = run(capsys, "search", "--stdin", "--pack", str(pack), "--json", "--limit", "3")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [row["query"] for row in rows] == ["hy", "退款", "zzzzqqq"]
    assert rows[0]["hits"][0]["id"] == "greet.hello" and rows[1]["hits"][0]["id"] == "refund.time"
    assert rows[2]["hits"] == []
    assert all(isinstance(row["elapsed_ms"], float | int) and row["elapsed_ms"] >= 0 for row in rows)
    assert all(len(row["hits"]) <= 3 for row in rows)


def test_search_goes_on_when_a_pack_is_bad(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pack: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_bytes("[pack]\nid = '坏'\n".encode("gb18030"))
    code, out, err = run(capsys, "search", "dd", "--pack", str(broken), "--pack", str(pack), "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "ship.arrive"
    assert "looks like GBK/GB18030" in err


def test_search_subprocess_with_stdin(pack: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quickreply.cli", "search", "--stdin", "--pack", str(pack), "--json"],
        input="dd\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["query"] == "dd" and row["hits"][0]["id"] == "ship.arrive"


def test_search_caches_the_index_unless_told_not_to(
    capsys: pytest.CaptureFixture[str], pack: Path, quickreply_home: Path
) -> None:
    assert run(capsys, "search", "dd", "--pack", str(pack), "--json", "--no-cache")[0] == 0
    assert not (quickreply_home / "cache").exists()
    code, out, _ = run(capsys, "search", "dd", "--pack", str(pack), "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "ship.arrive"
    assert list((quickreply_home / "cache" / "index").iterdir())
    assert json.loads(run(capsys, "search", "dd", "--pack", str(pack), "--json")[1]) == json.loads(out)


def test_search_ranks_what_the_agent_picked_and_pinned(
    capsys: pytest.CaptureFixture[str], pack: Path, quickreply_home: Path
) -> None:
    from quickreply.core.search.prefer import query_key
    from quickreply.core.usage.counts import Usage
    from quickreply.paths import app_paths

    code, out, _ = run(capsys, "search", "您", "--pack", str(pack), "--json")
    before = [hit["id"] for hit in json.loads(out)]
    assert code == 0 and len(before) >= 2
    usage = Usage()
    usage.learn(query_key("您"), before[-1], 1_800_000_000.0)
    usage.set_pinned("paste.order", True)
    usage.save(app_paths().usage_file)
    _, out, _ = run(capsys, "search", "您", "--pack", str(pack), "--json")
    assert json.loads(out)[0]["id"] == before[-1]
    _, out, _ = run(capsys, "search", "", "--pack", str(pack), "--json")
    assert [hit["id"] for hit in json.loads(out)] == ["paste.order"]
