"""Every line the CLI prints for a person comes from the catalogue, in the CLI's language.

Each command (and its main error paths) runs in zh_CN and in English with a spy on the catalogue: every
text rendered (and every argparse wording looked up) is recorded per language. A printed line must be made
of texts rendered in the run's language, the data the command was given (phrase titles, texts, paths) and
punctuation; whatever is left must hold no Chinese and no English word. Syntax is not a word: placeholders
such as `PATH`, options such as `--pack`, choices such as `{zh,en}`, the program's and its commands' names,
and the pack file's keys that `pack diff` lists (`(text, tags)`). A known text is taken out only where it
stands as a whole word (`text` is not taken out of `beeftext`), so no stray fragment is left. An English
literal in the code, even one word, a Chinese one, or a message rendered in the other language fails the
check.
"""

from __future__ import annotations

import errno
import functools
import io
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from quickreply.cli.commands import main
from quickreply.core.messages import catalogue
from quickreply.core.packs.diff import PHRASE_FIELDS, SCRIPT_FIELDS
from quickreply.core.usage.stats import LOG_FILE, PickEvent, append_event

DATA = Path(__file__).resolve().parent / "data"
V1, V2 = DATA / "sync" / "team_v1.toml", DATA / "sync" / "team_v2.toml"
BAD = DATA / "bad_packs" / "duplicates.toml"
PACK = """\
[pack]
id = "cli-every-line"
name = "命令行示例"
version = "1.0"

[placeholders."城市"]
label = "到达城市"

[[phrases]]
id = "ship.arrive"
category = "发货与物流"
title = "包裹到达城市"
text = "亲，包裹已到{城市}啦"

[[phrases]]
id = "greet.hello"
category = "欢迎语"
title = "问候"
text = "您好，欢迎光临{shop}，我是{agent}"

[[phrases]]
id = "cheap"
category = "议价"
title = "最低价"
text = "我们是全网最低价"
"""
CITY = "杭州"
RENDERED = "亲，包裹已到杭州啦"
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
WORD = re.compile(r"[(“‘'\"]*[A-Za-z]+[)”’'\",.;:!?]*")
STRIP = "()“”‘’'\",.;:!?"


class _Spy(str):
    """A catalogue text that records what it renders into."""

    log: set[str]

    def format_map(self, mapping: Any) -> str:  # type: ignore[override]
        done = str.format_map(self, mapping)
        self.log.add(done)
        return done

    def __mod__(self, values: Any) -> str:  # argparse's own wording: `_("…") % args`
        done = str.__mod__(self, values)
        self.log.add(done)
        return done


def _spy(text: str, log: set[str]) -> _Spy:
    spy = _Spy(text)
    spy.log = log
    return spy


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """Per language, every catalogue text rendered while the test runs (static texts count as rendered)."""
    logs: dict[str, set[str]] = {"zh_CN": set(), "en": set()}
    for code, (zh, en) in list(catalogue.CATALOGUE.items()):
        monkeypatch.setitem(catalogue.CATALOGUE, code, (_spy(zh, logs["zh_CN"]), _spy(en, logs["en"])))
    logs["static zh_CN"] = {zh for zh, _ in catalogue.CATALOGUE.values() if "{" not in zh and len(zh) > 1}
    logs["static en"] = {en for _, en in catalogue.CATALOGUE.values() if "{" not in en and len(en) > 3}
    return logs


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _data(*packs: Path) -> set[str]:
    found = {RENDERED, CITY}
    for pack in packs:
        found.update(_strings(tomllib.loads(pack.read_text(encoding="utf-8"))))
    return found


COMMANDS = (
    "pack import", "pack export", "pack check", "pack lint", "pack diff", "pack", "search", "render",
    "sync", "subscribe", "unsubscribe", "usage-server", "usage",
)  # fmt: skip
PROGS = [f"quickreply {name}" for name in COMMANDS]
# Names, not words: the program, its commands (the help lists them), the pack keys `pack diff` names.
NAMES = {"quickreply", *(w for name in COMMANDS for w in name.split()), *PHRASE_FIELDS, *SCRIPT_FIELDS}


def unexplained(lines: list[str], lang: str, rendered: dict[str, set[str]], data: set[str]) -> list[str]:
    """The printed lines that hold Chinese or an English sentence that is neither a catalogue text
    rendered in `lang` nor data."""
    known = {piece for text in rendered[lang] for piece in text.splitlines() if piece.strip()}
    known |= rendered[f"static {lang}"] | {d for d in data if len(d) > 1} | set(PROGS)
    ordered = sorted(known, key=len, reverse=True)
    bad = []
    for line in lines:
        rest = line
        for piece in ordered:
            if piece in rest:
                rest = _whole(piece).sub(" ", rest)
        rest = rest.replace("quickreply: ", " ")
        # `[-h]`, `--pack`, `{zh,en}`, `OUT.toml` are syntax, and `PATH`, `NAME` placeholders: not words
        words = [
            w for w in rest.split()
            if WORD.fullmatch(w) and not w.strip(STRIP).isupper() and w.strip(STRIP) not in NAMES
        ]  # fmt: skip
        if CJK.search(rest) or words:
            bad.append(f"{line!r} (left: {rest.strip()!r})")
    return bad


@functools.cache
def _whole(piece: str) -> re.Pattern[str]:
    """`piece` where it is not part of a longer ASCII word or name on either side."""
    before = r"(?<![A-Za-z0-9_])" if piece[:1].isascii() and (piece[:1].isalnum() or piece[:1] == "_") else ""
    after = (
        r"(?![A-Za-z0-9_])" if piece[-1:].isascii() and (piece[-1:].isalnum() or piece[-1:] == "_") else ""
    )
    return re.compile(before + re.escape(piece) + after)


@dataclass(frozen=True)
class Case:
    name: str
    argv: Callable[[Path], list[str]]  # given the test's folder
    code: int
    setup: Callable[[Path, Path, pytest.MonkeyPatch], None] | None = None  # (folder, home, monkeypatch)


def _pack(folder: Path) -> str:
    path = folder / "demo.toml"
    if not path.exists():
        path.write_text(PACK, encoding="utf-8")
    return str(path)


def _settings(text: str) -> Callable[[Path, Path, pytest.MonkeyPatch], None]:
    def setup(folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (home / "settings.toml").write_text(text.replace("FOLDER", str(folder / "share")), encoding="utf-8")
        share = folder / "share"
        share.mkdir(exist_ok=True)
        (share / "team.toml").write_text(V1.read_text(encoding="utf-8"), encoding="utf-8")

    return setup


def _existing(name: str) -> Callable[[Path, Path, pytest.MonkeyPatch], None]:
    def setup(folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (folder / name).write_text("# mine", encoding="utf-8")

    return setup


def _usage_log(folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    append_event(home / "data" / LOG_FILE, PickEvent(1.7e9, "ship.arrive", "发货与物流", 30, 0, 3))


def _team_folder(folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "team").mkdir()
    (folder / "team" / "小美.usage.json").write_text("{not json", encoding="utf-8")


def _stop_at_once(folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(self: ThreadingHTTPServer, poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ThreadingHTTPServer, "serve_forever", stop)


def _no_app(folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "quickreply.app", None)


def _crash(folder: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("quickreply.cli.commands.load_packs", boom)


HELP = [
    [], ["pack"], ["pack", "check"], ["pack", "lint"], ["pack", "import"], ["pack", "export"],
    ["pack", "diff"], ["search"], ["render"], ["sync"], ["subscribe"], ["unsubscribe"], ["usage"],
    ["usage-server"],
]  # fmt: skip
CASES = [
    *(Case("help " + " ".join(words), lambda f, w=words: [*w, "--help"], 0) for words in HELP),  # type: ignore[misc]
    Case("unknown command", lambda f: ["frobnicate"], 2),
    Case("required option", lambda f: ["pack", "import", "x.csv"], 2),
    Case("not a number", lambda f: ["search", "--limit", "x", "q"], 2),
    Case("below one", lambda f: ["search", "--limit", "0", "q"], 2),
    Case("query or stdin", lambda f: ["search"], 2),
    Case("unrecognized", lambda f: ["search", "q", "--frob"], 2),
    Case("bad --set", lambda f: ["render", "x", "--set", "novalue", "--pack", _pack(f)], 2),
    Case("bad date", lambda f: ["usage", "--since", "May"], 2),
    Case("json and csv", lambda f: ["usage", "--json", "--csv"], 2),
    Case("bad choice", lambda f: ["pack", "export", _pack(f), "-o", "x", "--format", "pdf"], 2),
    Case("subscribe nothing", lambda f: ["subscribe"], 2),
    Case("search hits", lambda f: ["search", "bgdd", "--pack", _pack(f)], 0),
    Case("search no hit", lambda f: ["search", "zzzqqqxx", "--pack", _pack(f)], 0),
    Case("search bad pack", lambda f: ["search", "greet", "--pack", str(BAD)], 0),
    Case("render", lambda f: ["render", "ship.arrive", "--pack", _pack(f), "--set", f"城市={CITY}"], 0),
    Case("render missing", lambda f: ["render", "ship.arrive", "--pack", _pack(f)], 1),
    Case("render profile", lambda f: ["render", "greet.hello", "--pack", _pack(f)], 1),
    Case("render near id", lambda f: ["render", "ship.arive", "--pack", _pack(f)], 1),
    Case("render far id", lambda f: ["render", "nothing.like", "--pack", _pack(f)], 1),
    Case(
        "render bad settings",
        lambda f: ["render", "ship.arrive", "--pack", _pack(f), "--set", f"城市={CITY}"],
        0,
        _settings("[profile\n"),
    ),
    Case("check bad", lambda f: ["pack", "check", str(BAD)], 1),
    Case("check rules", lambda f: ["pack", "check", _pack(f)], 1),
    Case("check clean", lambda f: ["pack", "check", str(V1)], 0),
    Case("check missing", lambda f: ["pack", "check", str(f / "missing.toml")], 1),
    Case("lint", lambda f: ["pack", "lint", _pack(f)], 1),
    Case("lint clean", lambda f: ["pack", "lint", str(V1)], 0),
    Case("lint no rules file", lambda f: ["pack", "lint", str(V1), "--rules", str(f / "none.toml")], 1),
    Case(
        "import",
        lambda f: ["pack", "import", str(DATA / "import" / "qianniu_messy.csv"), "-o", str(f / "o.toml")],
        0,
    ),
    Case(
        "import markdown",
        lambda f: ["pack", "import", str(DATA / "import" / "huashu_kefu.md"), "-o", str(f / "o.toml")],
        0,
    ),
    Case("import missing", lambda f: ["pack", "import", str(f / "none.csv"), "-o", str(f / "o.toml")], 1),
    Case(
        "import exists",
        lambda f: ["pack", "import", str(DATA / "import" / "plain_lines.txt"), "-o", str(f / "o.toml")],
        1,
        _existing("o.toml"),
    ),
    Case("import bad name", lambda f: ["pack", "import", str(f / "x.txt"), "-o", str(f / "CON.toml")], 1),
    Case(
        "export", lambda f: ["pack", "export", _pack(f), "-o", str(f / "o.csv"), "--format", "qianniu-csv"], 0
    ),
    Case(
        "export html", lambda f: ["pack", "export", str(V1), "-o", str(f / "o.html"), "--format", "html"], 0
    ),
    Case(
        "export not gbk",
        lambda f: ["pack", "export", str(DATA / "import" / "espanso_shop.yml"), "-o", str(f / "o.csv")],
        1,
    ),
    Case("export bad pack", lambda f: ["pack", "export", str(f / "none.toml"), "-o", str(f / "o.toml")], 1),
    Case(
        "export exists",
        lambda f: ["pack", "export", str(V1), "-o", str(f / "o.toml")],
        1,
        _existing("o.toml"),
    ),
    Case("diff", lambda f: ["pack", "diff", str(V1), str(V2)], 0),
    Case("diff same version", lambda f: ["pack", "diff", str(V1), _pack(f)], 0),
    Case("diff bad", lambda f: ["pack", "diff", str(V1), str(f / "none.toml")], 1),
    Case("sync none", lambda f: ["sync"], 0),
    Case("sync folder", lambda f: ["sync"], 0, _settings("[[subscriptions]]\npath = 'FOLDER'\n")),
    Case(
        "sync missing folder", lambda f: ["sync"], 1, _settings("[[subscriptions]]\npath = 'FOLDER/gone'\n")
    ),
    Case("sync bad settings", lambda f: ["sync"], 2, _settings("[[subscriptions]\n")),
    Case(
        "sync broken entry",
        lambda f: ["sync"],
        2,
        _settings("[[subscriptions]]\nurl = 'http://[x/y.toml'\n\n[[subscriptions]]\npath = 'FOLDER'\n"),
    ),
    Case("subscribe bad url", lambda f: ["subscribe", "http://[x/y.toml"], 2),
    Case("subscribe folder", lambda f: ["subscribe", str(f / "share"), "--name", "团队"], 0, _settings("")),
    Case("subscribe failing", lambda f: ["subscribe", str(f / "gone")], 1),
    Case("subscribe no sync", lambda f: ["subscribe", str(f), "--no-sync"], 0),
    Case(
        "subscribe list",
        lambda f: ["subscribe", "--list"],
        0,
        _settings("[[subscriptions]]\npath = 'FOLDER'\n"),
    ),
    Case("subscribe list none", lambda f: ["subscribe", "--list"], 0),
    Case("unsubscribe none", lambda f: ["unsubscribe", "nothing"], 1),
    Case(
        "unsubscribe",
        lambda f: ["unsubscribe", str(f / "share")],
        0,
        _settings("[[subscriptions]]\npath = 'FOLDER'\n"),
    ),
    Case("usage empty", lambda f: ["usage"], 0),
    Case("usage", lambda f: ["usage"], 0, _usage_log),
    Case("usage team missing", lambda f: ["usage", "--team", str(f / "none")], 2),
    Case("usage team", lambda f: ["usage", "--team", str(f / "team")], 0, _team_folder),
    Case("usage team url", lambda f: ["usage", "--team", "http://127.0.0.1:9/", "--timeout", "2"], 2),
    Case("usage-server bad bind", lambda f: ["usage-server", str(f), "--bind", "256.0.0.1"], 2),
    Case(
        "usage-server",
        lambda f: ["usage-server", str(f), "--port", "0", "--bind", "127.0.0.1"],
        0,
        _stop_at_once,
    ),
    Case("no app", lambda f: [], 2, _no_app),
    Case("internal error", lambda f: ["pack", "check", str(V1)], 3, _crash),
]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_line_is_a_catalogue_text_in_the_chosen_language(
    case: Case,
    lang: str,
    rendered: dict[str, set[str]],
    tmp_path: Path,
    quickreply_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("QUICKREPLY_LANG", lang)
    monkeypatch.setenv("COLUMNS", "1000")  # argparse wraps help at the terminal's width
    if case.setup:
        case.setup(tmp_path, quickreply_home, monkeypatch)
    argv = case.argv(tmp_path)
    assert main(argv) == case.code
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert lines, "every case prints something"
    demo = tmp_path / "demo.toml"
    assert unexplained(lines, lang, rendered, _data(V1, V2, BAD, *[demo][: demo.exists()])) == []


def test_the_lang_option_builds_the_help_in_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "pack", "--help"]) == 0
    english = capsys.readouterr().out
    assert "usage: quickreply pack" in english and "work with pack files" in english
    assert main(["--lang", "zh", "pack", "import", "--help"]) == 0
    chinese = capsys.readouterr().out
    assert "用法：quickreply pack import" in chinese and "可选参数" in chinese and "要导入的文件" in chinese
    assert "show this help message" not in chinese
    for spelled in (["--lang=zh"], ["--la", "zh"]):  # argparse's other spellings
        assert main([*spelled, "render", "--help"]) == 0
        assert "输出一条短语" in capsys.readouterr().out


def test_the_check_itself_catches_a_literal_and_the_other_language(rendered: dict[str, set[str]]) -> None:
    rendered["en"].add("OK: 1 packs, 2 phrases")
    rendered["zh_CN"].add("通过：1 个短语包，2 条短语")
    assert unexplained(["OK: 1 packs, 2 phrases"], "en", rendered, set()) == []
    assert unexplained(["OK: 1 packs, 2 phrases"], "zh_CN", rendered, set())  # English in a Chinese run
    assert unexplained(["通过：1 个短语包，2 条短语"], "en", rendered, set())  # Chinese in an English run
    assert unexplained(["quickreply: missing values: x — pass them"], "en", rendered, set())
    assert unexplained(["packs/a.toml:3: 问候"], "en", rendered, {"问候"}) == []  # data is data
    # one English word is caught too, in either language's run
    rendered["zh_CN"].add("已跳过 3 条")
    assert unexplained(["quickreply: 已跳过 3 条 skipped"], "zh_CN", rendered, set())
    assert unexplained(["quickreply: x.toml: frobnicated"], "en", rendered, set())
    assert unexplained(["Skipped."], "en", rendered, set())
    # and syntax is not: options, choices, placeholders, paths, codes, ids, commands, pack keys
    syntax = "quickreply pack [-h] --format {csv,html} -o OUT.toml C:\\x\\a.toml /tmp/b_c.toml ship.arrive"
    assert (
        unexplained(
            [syntax, "    diff   已跳过 3 条", "~ ship.arrive  (text, tags)"], "zh_CN", rendered, set()
        )
        == []
    )
    # a text known as a whole word is not taken out of a longer one: `text` leaves no `beef` behind
    rendered["en"].add("text")
    assert unexplained(["--format {beeftext,textexpander}"], "en", rendered, set()) == []


@pytest.mark.parametrize(
    ("argv", "code"),
    [(["usage"], 141), (["pack", "check", str(V1)], 141), (["sync"], 141), (["--help"], 0)],
)
def test_a_closed_stdout_ends_quietly(argv: list[str], code: int, quickreply_home: Path) -> None:
    """`quickreply usage | head -1`: the reader is gone; no "internal error", no traceback, exit 141 as
    `cat` under a shell (128 + SIGPIPE). argparse's help ignores a failed write itself (exit 0)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "quickreply.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "QUICKREPLY_HOME": str(quickreply_home)},
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the child writes anything: every write finds no reader
    err = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    assert (child.wait(timeout=60), err) == (code, "")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_core_log_records_are_not_printed_bare(lang: str, tmp_path: Path, quickreply_home: Path) -> None:
    """Core logs a corrupt usage.json (English, for developers); logging's last-resort handler would print
    it on stderr among the catalogued lines (pytest's own log capture hides that in-process)."""
    from quickreply.paths import app_paths

    app_paths().usage_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths().usage_file.write_text("{not json", encoding="utf-8")
    env = {**os.environ, "QUICKREPLY_HOME": str(quickreply_home), "QUICKREPLY_LANG": lang}
    env.pop("QUICKREPLY_DEBUG", None)
    argv = [sys.executable, "-m", "quickreply.cli", "search", "bgdd", "--pack", _pack(tmp_path)]
    done = subprocess.run(argv, capture_output=True, encoding="utf-8", env=env, check=True)
    assert (done.stderr, "ship.arrive" in done.stdout) == ("", True)
    assert (app_paths().data / "usage.json.bad").exists()  # the record was made, and not shown
    app_paths().usage_file.write_text("{not json", encoding="utf-8")
    debug = subprocess.run(argv, capture_output=True, encoding="utf-8", env={**env, "QUICKREPLY_DEBUG": "1"})
    assert debug.returncode == 0 and "usage.json" in debug.stderr  # QUICKREPLY_DEBUG=1 shows the records


class _GoneOnWindows(io.StringIO):
    """stdout whose reader has gone, as Windows reports it: EINVAL (ERROR_NO_DATA), not EPIPE."""

    def write(self, s: str) -> int:
        raise OSError(errno.EINVAL, "Invalid argument")

    def flush(self) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    def fileno(self) -> int:
        raise io.UnsupportedOperation


@pytest.mark.parametrize(("argv", "code"), [(["usage"], 141), (["--help"], 0)])
def test_a_closed_stdout_on_windows_ends_quietly(
    argv: list[str], code: int, quickreply_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under Wine the subprocess test above got exit 120 and "internal error: OSError: [Errno 22]"."""
    from quickreply.cli import commands

    err = io.StringIO()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", _GoneOnWindows())
    monkeypatch.setattr(sys, "stderr", err)
    assert (commands.main(argv), err.getvalue()) == (code, "")


def test_a_bad_path_on_windows_is_not_taken_for_a_closed_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    from quickreply.cli import commands

    monkeypatch.setattr(sys, "platform", "win32")
    bad_name = OSError(errno.EINVAL, "The filename syntax is incorrect")
    bad_name.winerror = 123  # type: ignore[attr-defined]
    assert not commands._closed_pipe_on_windows(bad_name)
    assert not commands._closed_pipe_on_windows(OSError(errno.EINVAL, "stdout still writable"))
