"""Inputs that once stopped the app or the CLI (issue 8): each ends in a problem report, and what is still
good keeps working. Every crash found by the property tests (tests/core/test_fuzz_*.py) lands here."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

from quickreply.cli.commands import main
from quickreply.cli.sync import sync_command
from quickreply.core import toml_load
from quickreply.core.library import load_library
from quickreply.core.messages import Message, msg
from quickreply.core.packs.load import parse_pack
from quickreply.core.personal import PersonalLibrary
from quickreply.core.settings.model import SettingsError, parse_settings, save_settings
from quickreply.core.settings.subscription_text import kept_sync_sections
from quickreply.core.sync.fetch import FetchError, FetchResult
from quickreply.core.sync.offline import read_state
from quickreply.core.sync.run import sync_all
from quickreply.core.sync.subscriptions import Source, SyncConfig, is_left_out
from quickreply.core.usage.counts import Usage
from quickreply.paths import app_paths

T1 = datetime(2024, 5, 1, 10, 30)


def parse_subscriptions(text: str, path: str, base: Path) -> tuple[SyncConfig, list[Message]]:
    """The subscriptions part of settings.toml, read by the settings model."""
    settings, warnings = parse_settings(text, path, base)
    return SyncConfig.of(settings), warnings


def pack_text(tags: str = '["a"]', pid: str = "bad") -> str:
    return f"""\
[pack]
id = "p"
name = "P"
version = "1"

[[phrases]]
id = "good"
category = "c"
title = "好"
text = "好的"

[[phrases]]
id = "{pid}"
category = "c"
title = "坏"
text = "坏的"
tags = {tags}
"""


DEEP_ARRAY = "a = " + "[" * 500 + "]" * 500 + "\n"
DEEP_TABLE = "a = " + "{b = " * 450 + "1" + "}" * 450 + "\n"
MIDDLE = "a = " + "[" * 100 + "]" * 100 + "\n"  # parses, but deeper than anything should walk
HUGE_INT = "a = " + "1" * 5000 + "\n"


# ------------------------------------------------------------------------------------------------ packs


@pytest.mark.parametrize("tags", ["false", "0", "0.0", '""', "{}", "true", "1", '"x"', "[1]", '[""]'])
def test_tags_of_any_type_are_a_problem_not_a_crash(tags: str) -> None:
    pack, problems = parse_pack(pack_text(tags).encode(), "p.toml")
    assert pack is not None and [p.id for p in pack.phrases] == ["good"]
    (problem,) = [p for p in problems if p.is_error]
    assert problem.item_id == "bad" and problem.line == 17 and "tags must be a list" in problem.message


def test_empty_tags_list_is_fine() -> None:
    pack, problems = parse_pack(pack_text("[]").encode(), "p.toml")
    assert pack is not None and len(pack.phrases) == 2 and problems == []


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE, MIDDLE, HUGE_INT])
def test_absurd_toml_is_a_syntax_problem_in_a_pack(text: str) -> None:
    pack, problems = parse_pack(text.encode(), "p.toml")
    assert pack is None
    (problem,) = problems
    assert problem.is_error and problem.message.startswith("TOML syntax error")


def test_nesting_limit_leaves_real_files_alone() -> None:
    shallow = "a = " + "[" * toml_load.MAX_NESTING + "]" * toml_load.MAX_NESTING
    assert toml_load.loads(shallow)
    with pytest.raises(toml_load.TOMLDecodeError):
        toml_load.loads("a = " + "[" * (toml_load.MAX_NESTING + 1) + "]" * (toml_load.MAX_NESTING + 1))


def test_nesting_problem_names_the_line() -> None:
    text = 'x = 1\ny = "2"\n' + DEEP_ARRAY
    with pytest.raises(toml_load.TOMLDecodeError) as caught:
        toml_load.loads(text)
    assert caught.value.lineno == 3


# ----------------------------------------------------------------------------------- settings, personal


@pytest.mark.parametrize("text", [DEEP_ARRAY, DEEP_TABLE, MIDDLE, HUGE_INT])
def test_absurd_settings_are_a_settings_error(text: str, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not valid TOML"):
        parse_settings(text)
    with pytest.raises(SettingsError, match="not valid TOML"):
        parse_subscriptions(text, "settings.toml", tmp_path)
    assert kept_sync_sections(text) == ""


def test_saving_settings_over_a_deep_file_keeps_a_copy(tmp_path: Path) -> None:
    from quickreply.core.settings.model import Settings

    path = tmp_path / "settings.toml"
    path.write_text(DEEP_ARRAY, encoding="utf-8")
    save_settings(path, Settings())
    assert parse_settings(path.read_text(encoding="utf-8"))[0] == Settings()
    (kept,) = tmp_path.glob("settings.toml.broken-*")
    assert kept.read_text(encoding="utf-8") == DEEP_ARRAY


@pytest.mark.parametrize("text", [DEEP_ARRAY, HUGE_INT])
def test_deep_personal_library_is_kept_aside_and_the_app_starts_empty(text: str, tmp_path: Path) -> None:
    library = PersonalLibrary(tmp_path / "personal.toml", tmp_path / "backups")
    library.path.write_text(text, encoding="utf-8")
    pack, problems = library.load()
    assert pack.phrases == () and any("TOML syntax error" in p.message for p in problems)
    (kept,) = tmp_path.glob("personal.unreadable-*.toml")
    assert kept.read_text(encoding="utf-8") == text


def test_library_loads_what_is_good_around_bad_packs(quickreply_home: Path) -> None:
    packs = quickreply_home / "packs"
    packs.mkdir()
    (packs / "deep.toml").write_text(DEEP_ARRAY, encoding="utf-8")
    (packs / "tags.toml").write_text(pack_text("false"), encoding="utf-8")
    (quickreply_home / "data").mkdir()
    (quickreply_home / "data" / "personal.toml").write_text(DEEP_TABLE, encoding="utf-8")
    library, problems = load_library(app_paths())
    assert library.phrase("good") is not None and library.phrase("bad") is None
    assert len(library.phrases()) > 100  # the starter packs
    files = {Path(p.path).name for p in problems if p.is_error}
    assert {"deep.toml", "tags.toml", "personal.toml"} <= files


@pytest.mark.parametrize("raw", [b"[" * 100_000, b'{"phrases": ' * 50_000, b"\xff\xfe"])
def test_deep_or_damaged_usage_json_starts_empty(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "usage.json"
    path.write_bytes(raw)
    usage = Usage.load(path)
    assert usage.recent(5) == []
    assert not path.exists()  # set aside as *.bad


def test_deep_sync_state_starts_afresh(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_bytes(b"[" * 100_000)
    assert read_state(tmp_path).etag == ""


# ------------------------------------------------------------------------------------------ subscriptions

GOOD_URL = "http://127.0.0.1:9/team.toml"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://[intranet/team.toml", "not a valid address"),
        ("http://[::1/team.toml", "not a valid address"),
        ("http://intranet/a%00.toml", "control character"),
        ("http://intra\tnet/a.toml", "control character"),
        ("http://intranet:99999/a.toml", "bad port"),
    ],
)
def test_a_bad_url_is_reported_and_the_other_subscriptions_stay(url: str, says: str, tmp_path: Path) -> None:
    text = f'[[subscriptions]]\nurl = "{url}"\n\n[[subscriptions]]\nurl = "{GOOD_URL}"\n'
    config, problems = parse_subscriptions(text, "settings.toml", tmp_path)
    assert [s.location for s in config.sources] == [GOOD_URL]
    (problem,) = problems
    assert is_left_out(problem) and problem.args["line"] == 1 and says in problem.render("en")


def test_sync_command_still_syncs_the_good_subscriptions(quickreply_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    (folder / "team.toml").write_text(pack_text(pid="team"), encoding="utf-8")
    settings = f"[[subscriptions]]\nurl = 'http://[intranet/x.toml'\n\n[[subscriptions]]\npath = '{folder}'\n"
    (quickreply_home / "settings.toml").write_text(settings, encoding="utf-8")
    import io

    out = io.StringIO()
    assert sync_command(app_paths(), False, out, now=T1) == 2
    lines = out.getvalue().splitlines()
    assert "not a valid address" in lines[0]
    assert any(line.startswith("new ") for line in lines)
    assert lines[-1].startswith("FAILED: 1 broken subscription entries were skipped")
    library, _ = load_library(app_paths())
    assert library.phrase("team") is not None

    out = io.StringIO()
    assert sync_command(app_paths(), True, out, now=T1) == 2
    data = json.loads(out.getvalue())
    assert data["ok"] is False and "not a valid address" in data["settings_errors"][0]


def test_one_source_that_raises_does_not_stop_the_others(tmp_path: Path) -> None:
    good = pack_text(pid="team").encode()

    def fetcher(url: str, headers: object, timeout: float) -> FetchResult:
        if "bad" in url:
            raise ValueError("Invalid IPv6 URL")  # what a redirect to a malformed host once did
        return FetchResult(200, good, '"e1"', "")

    sources = [Source("url", "http://x/bad.toml"), Source("url", "http://x/good.toml")]
    report = sync_all(sources, tmp_path, T1, fetcher)
    assert [r.status for r in report.results] == ["failed", "new"]
    assert "unexpected error" in report.results[0].errors[0]
    assert "意外错误" in report.results[0].error_texts("zh_CN")[0]


def test_a_team_pack_with_tags_false_is_refused_and_the_rest_syncs(tmp_path: Path) -> None:
    bodies = {"http://x/a.toml": pack_text("false").encode(), "http://x/b.toml": pack_text(pid="b").encode()}

    def fetcher(url: str, headers: object, timeout: float) -> FetchResult:
        return FetchResult(200, bodies[url])

    sources = [Source("url", url) for url in bodies]
    report = sync_all(sources, tmp_path, T1, fetcher)
    assert [r.status for r in report.results] == ["failed", "new"]
    assert "tags must be a list" in report.results[0].errors[0]


@pytest.mark.parametrize("url", ["http://x/CON.toml", "http://x/nul.toml", "http://x/a%00.toml", "http://x/"])
def test_a_url_file_name_that_cannot_be_a_file_is_cached_as_pack_toml(url: str, tmp_path: Path) -> None:
    def fetcher(url: str, headers: object, timeout: float) -> FetchResult:
        return FetchResult(200, pack_text(pid="t").encode())

    source = Source("url", url)
    (result,) = sync_all([source], tmp_path, T1, fetcher).results
    assert result.status == "new" and result.changes[0].file == "pack.toml"


def test_fetch_errors_keep_their_message(tmp_path: Path) -> None:
    def fetcher(url: str, headers: object, timeout: float) -> FetchResult:
        raise FetchError(msg("sync.refused", host="x"))

    (result,) = sync_all([Source("url", "http://x/a.toml")], tmp_path, T1, fetcher).results
    assert result.status == "failed" and "connection refused by x" in result.errors[0]
    assert "无法连接 x" in result.error_texts("zh_CN")[0]


# ------------------------------------------------------------------------------------------------- CLI


@pytest.fixture
def broken_home(quickreply_home: Path) -> Path:
    (quickreply_home / "packs").mkdir()
    (quickreply_home / "packs" / "tags.toml").write_text(pack_text("false"), encoding="utf-8")
    (quickreply_home / "packs" / "deep.toml").write_text(DEEP_ARRAY, encoding="utf-8")
    (quickreply_home / "data").mkdir()
    (quickreply_home / "data" / "personal.toml").write_text(DEEP_TABLE, encoding="utf-8")
    (quickreply_home / "data" / "usage.json").write_text("[" * 100_000, encoding="utf-8")
    settings = DEEP_ARRAY + '\n[[subscriptions]]\nurl = "http://[intranet/x.toml"\n'
    (quickreply_home / "settings.toml").write_text(settings, encoding="utf-8")
    return quickreply_home


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["search", "好的"], 0),
        (["render", "good"], 0),
        (["sync"], 2),
        (["pack", "check", "PACKS"], 1),
    ],
)
def test_cli_commands_report_bad_inputs_without_a_traceback(
    argv: list[str], code: int, broken_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(broken_home / "packs") if a == "PACKS" else a for a in argv]
    assert main(argv) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if argv[0] == "search":
        assert "good" in out and "deep.toml" in err and "tags must be a list" in err
    if argv[0] == "render":
        assert out.strip() == "好的"
    if argv[0] == "sync":
        assert "not valid TOML" in out
    if argv[0] == "pack":
        assert "nested more than" in out and "tags must be a list" in out


def test_cli_last_barrier_prints_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import quickreply.cli.commands as cli

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "load_library", boom)
    monkeypatch.delenv("QUICKREPLY_DEBUG", raising=False)
    assert main(["search", "x"]) == 3
    _out, err = capsys.readouterr()
    assert err.strip().splitlines() == [
        "quickreply: internal error (RuntimeError: a bug); please report it. "
        "Set QUICKREPLY_DEBUG=1 to see the details"
    ]
    monkeypatch.setenv("QUICKREPLY_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["search", "x"])


# ------------------------------------------------------------------------------------------------- minors


@pytest.mark.parametrize(
    "entry",
    [
        'url = "http://intranet/team.toml"\npath = { folder = "x" }',  # both: broken
        'url = "http://intranet/team.toml"\n[subscriptions.extra]\nx = 1',  # a nested table: unknown key
        'name = ["a", ["b"]]\nurl = "http://intranet/team.toml"',  # name not a string
    ],
)
def test_saving_settings_keeps_a_broken_subscription_broken(entry: str, tmp_path: Path) -> None:
    from quickreply.core.settings.model import Settings

    path = tmp_path / "settings.toml"
    text = f'[ui]\nlanguage = "en"\n\n[[subscriptions]]\n# 团队话术\n{entry}\n'
    path.write_text(text, encoding="utf-8")
    before = parse_subscriptions(text, str(path), tmp_path)
    save_settings(path, Settings())
    after_text = path.read_text(encoding="utf-8")
    after = parse_subscriptions(after_text, str(path), tmp_path)
    assert [s.location for s in after[0].sources] == [s.location for s in before[0].sources]
    left_out = [[p.args["detail"] for p in found[1] if is_left_out(p)] for found in (before, after)]
    assert left_out[0] == left_out[1]
    assert "# 团队话术" in after_text


@pytest.mark.skipif(sys.platform == "win32", reason="Windows files have no POSIX mode bits to keep")
def test_atomic_text_writes_keep_the_mode_of_the_replaced_file(tmp_path: Path) -> None:
    from quickreply.core.settings.model import atomic_write_text

    fresh = tmp_path / "team.toml"
    atomic_write_text(fresh, "a = 1\n")
    assert fresh.stat().st_mode & 0o777 == 0o644  # a web server can serve it
    shared = tmp_path / "shared.toml"
    shared.write_text("", encoding="utf-8")
    shared.chmod(0o664)
    atomic_write_text(shared, "a = 2\n")
    assert shared.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize("name", ["CON.toml", "nul.toml", "Aux.toml", "COM1.toml", "lpt3.html", "a?.toml"])
def test_cli_refuses_output_names_windows_reserves(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("您好\n", encoding="utf-8")
    assert main(["pack", "import", str(source), "-o", str(tmp_path / name)]) == 1
    assert name not in os.listdir(tmp_path)  # (on Windows `nul.toml` "exists": it is the NUL device)
    assert "cannot be used" in capsys.readouterr().err


def test_reserved_names() -> None:
    from quickreply.core.file_names import file_name_problem, is_reserved_name

    assert all(is_reserved_name(n) for n in ("CON", "con.toml", "NUL.tar.gz", "com9.x", "LPT¹.toml", "aux "))
    assert not any(is_reserved_name(n) for n in ("CONSOLE.toml", "com10.toml", "lpt.toml", "team.toml"))
    assert file_name_problem("a.") == "trailing" and file_name_problem("a\x00b") == "character"


def test_toml_parsed_off_the_main_thread_reports_errors_exactly_as_on_it() -> None:
    import threading

    from quickreply.core import toml_load

    texts = ["a = \n", 'x = 1\ny = "unclosed\n', "[t]\na = 1\n[t]\n", "ok = 1\n" + "a = [" * 300 + "]" * 300]

    def outcome(text: str) -> tuple[str, int, int] | dict[str, object]:
        try:
            return toml_load.loads(text)
        except toml_load.TOMLDecodeError as exc:
            return (exc.msg, exc.lineno, exc.colno)

    here = [outcome(t) for t in texts]
    there: list[object] = []
    worker = threading.Thread(target=lambda: there.extend(outcome(t) for t in texts))
    worker.start()
    worker.join()
    assert there == here and all(isinstance(o, tuple) for o in here)
