"""Everything a user can be told reaches them in their language: every bad-pack fixture (and the bad files
made at test time), every import warning kind and every sync failure kind, rendered through the one
catalogue in zh_CN and en. Fails on a code missing from the catalogue, on a text missing a language, and
on Chinese that falls back to the raw code or to English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from string import Formatter

import pytest

from quickreply.core.messages import CATALOGUE, Message
from quickreply.core.messages.message import placeholders
from quickreply.core.model import Problem
from quickreply.core.packs.load import load_pack, parse_pack

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_PACKS = sorted((DATA / "bad_packs").glob("*.toml"))

_CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
_WORD = re.compile(r"[A-Za-z]{4,}")
# A Chinese text may hold TOML syntax, key names, file formats and product names (what the user types or
# sees elsewhere), never an English phrase: three or more English words in a row.
_ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")
# Codes whose Chinese is its arguments or a name (they pass their arguments through unchanged).
_PASS_THROUGH = {
    "toml.parser.other",
    "general.os.other",
    "pack.key.id",
    "subs.scheme",
    "settings.subscription_note",
}


def _codes(message: Message) -> Iterator[Message]:
    yield message
    for value in message.args.values():
        if isinstance(value, Message):
            yield from _codes(value)


def _strip_placeholders(template: str) -> str:
    return re.sub(r"\{[^{}]*\}", "", template.replace("{{", "").replace("}}", ""))


def assert_speaks_both(message: Message, whole: bool = True) -> None:
    """The message and every message nested in it: catalogued, in both languages, Chinese really Chinese."""
    for part in _codes(message):
        assert part.code in CATALOGUE, f"{part.code} is not in the catalogue"
        assert part.code not in ("toml.parser.other",), f"unmapped parser message: {part.args}"
        zh, en = CATALOGUE[part.code]
        assert zh.strip() and en.strip(), part.code
        assert placeholders(zh) == placeholders(en), part.code
        english = _ENGLISH_PHRASE.findall(_strip_placeholders(zh))
        assert not english, f"{part.code}: English in the Chinese text: {english}"
        if part.code not in _PASS_THROUGH and _WORD.search(_strip_placeholders(en)):
            assert _CJK.search(zh), f"{part.code}: the Chinese text has no Chinese: {zh!r}"
    if not whole:
        return
    zh_text, en_text = message.render("zh_CN"), message.render("en")
    assert zh_text.strip() and en_text.strip(), message.code
    assert not zh_text.startswith("[" + message.code), zh_text
    assert _CJK.search(zh_text), f"{message.code}: {zh_text!r}"
    assert zh_text != en_text, message.code


def _problems_of_made_files(tmp_path: Path) -> list[Problem]:
    """The bad files the fixture folder cannot hold: encodings, sizes, parser limits, a missing path."""
    made = {
        "utf16.toml": "[pack]\n".encode("utf-16"),
        "gbk.toml": '[pack]\nname = "快捷回复"\n'.encode("gbk"),
        "latin.toml": b'[pack]\nname = "\xff"\n',
        "deep.toml": ("a = " + "[" * 70 + "]" * 70 + "\n").encode(),
        "bigint.toml": ("a = " + "1" * 5000 + "\n").encode(),
        "twice.toml": b"[a]\n[a]\n",
        "inline.toml": b"a = {b = 1, b = 2}\n",
        "newline.toml": b"a = 1 b = 2\n",
        "backslash.toml": b'a = "x\\ y"\n',
        "unclosed.toml": b"a = {b = 1\n",
    }
    problems: list[Problem] = []
    for name, data in made.items():
        problems += parse_pack(data, name)[1]
    problems += load_pack(tmp_path / "missing.toml")[1]
    return problems


@pytest.mark.parametrize("fixture", BAD_PACKS, ids=lambda p: p.name)
def test_every_bad_pack_problem_speaks_chinese_and_english(fixture: Path) -> None:
    _, problems = load_pack(fixture)
    assert problems, fixture.name
    for problem in problems:
        assert_speaks_both(problem.code)
        assert problem.describe("zh_CN") != problem.describe("en")


def test_bad_files_made_at_test_time_speak_both(tmp_path: Path) -> None:
    problems = _problems_of_made_files(tmp_path)
    assert len(problems) >= 11
    for problem in problems:
        assert_speaks_both(problem.code)


def test_the_check_itself_fails_on_english_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: a code left in English, or missing, is caught."""
    monkeypatch.setitem(CATALOGUE, "pack.no_phrases", ("pack has no phrases", "pack has no phrases"))
    with pytest.raises(AssertionError):
        assert_speaks_both(Message("pack.no_phrases"))
    with pytest.raises(AssertionError):
        assert_speaks_both(Message("pack.no_such_code"))


# -- every code the importers and the sync can produce, found in their source -------------------------

SRC = Path(__file__).resolve().parents[2] / "src" / "quickreply" / "core"


def _sample(code: str) -> Message:
    """The message with a made-up value for each argument its texts name (a number where formatted)."""
    args: dict[str, object] = {}
    for template in CATALOGUE[code]:
        for _, name, spec, _ in Formatter().parse(template):
            if name:
                args[name] = 1234 if spec else "x"
    return Message(code, args)


def _codes_in(folder: str, prefix: str) -> set[str]:
    found: set[str] = set()
    for file in (SRC / folder).glob("*.py"):
        found |= set(re.findall(rf'"({prefix}\.[a-z_.0-9]+)"', file.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize(
    ("folder", "prefix"),
    [
        ("importers", "import"),
        ("sync", "sync"),
        ("settings", "subs"),
        ("packs", "pack"),
    ],
)
def test_every_code_the_source_names_speaks_both(folder: str, prefix: str) -> None:
    codes = _codes_in(folder, prefix)
    assert len(codes) >= 5, (folder, prefix)
    for code in sorted(codes):
        if code.endswith((".", "_")):  # a prefix ("pack.key.", "import.skip_"), not a code
            continue
        assert_speaks_both(_sample(code), whole=code not in _PASS_THROUGH)


# -- import warnings: every fixture of tests/data/import through the real importers --------------------


def test_every_import_warning_of_the_fixtures_speaks_both() -> None:
    from quickreply.core.importers import ImportFailed, import_file

    kinds: set[str] = set()
    for path in sorted((DATA / "import").iterdir()):
        try:
            result = import_file(path)
        except ImportFailed as exc:
            assert_speaks_both(exc.message)
            kinds.add(exc.message.code)
            continue
        for warning in result.warnings:
            assert_speaks_both(warning)
            kinds.add(warning.code)
        for report in result.reports if hasattr(result, "reports") else ():
            assert_speaks_both(report.message())
    assert len(kinds) >= 20, sorted(kinds)


# -- sync failures: each way a source can fail, through the real fetch and sync code -------------------


def _untrusted(exc: Exception) -> Exception:
    exc.verify_message = "self-signed certificate"  # type: ignore[attr-defined]  # set by ssl on a real failure
    return exc


def _fetch_failures(tmp_path: Path) -> list[Message]:
    import errno
    import socket
    import ssl

    from quickreply.core.sync import fetch

    failures = [fetch._http_error(code, "Reason").message for code in (404, 403, 500, 418)]
    reasons: list[BaseException | str] = [
        TimeoutError(),
        ConnectionRefusedError(),
        socket.gaierror(),
        _untrusted(ssl.SSLCertVerificationError("self-signed")),
        ConnectionResetError("reset"),
        OSError(errno.ENETUNREACH, "Network is unreachable"),
        OSError(errno.EACCES, "Permission denied"),
        "weird",
    ]
    failures += [fetch._network_error(reason, "intranet", 3).message for reason in reasons]
    failures += [fetch._too_big(60 * 1024 * 1024).message, fetch._redirected("ftp://x/a.toml").message]
    failures.append(fetch.StillWriting().message)
    for location in (tmp_path / "gone", tmp_path / "gone.toml", tmp_path / "empty"):
        if location.name == "empty":
            location.mkdir()
        with pytest.raises(fetch.FetchError) as info:
            fetch.read_folder(str(location))
        failures.append(info.value.message)

    # A folder that cannot be listed. (A path below a file is "unreadable" on Linux but "missing" on
    # Windows, so the listing is made to fail the same way on both.)
    def denied(where: Path) -> list[Path]:
        raise PermissionError(errno.EACCES, "Permission denied")

    real_pack_files = fetch._pack_files
    fetch._pack_files = denied  # type: ignore[assignment]
    try:
        with pytest.raises(fetch.FetchError) as info:
            fetch.read_folder(str(tmp_path))
    finally:
        fetch._pack_files = real_pack_files  # type: ignore[assignment]
    failures.append(info.value.message)

    class Cut:
        def __init__(self) -> None:
            self.headers = {"Content-Length": "100"}
            self.chunks = [b"x" * 10]

        def read(self, size: int) -> bytes:
            return self.chunks.pop() if self.chunks else b""

    with pytest.raises(fetch.FetchError) as info:
        fetch._read_body(Cut(), "intranet", 3)
    failures.append(info.value.message)
    return failures


def _sync_failures(tmp_path: Path) -> list[Message]:
    from datetime import datetime

    from quickreply.core.sync.fetch import FetchError, FetchResult
    from quickreply.core.sync.run import sync_source
    from quickreply.core.sync.subscriptions import Source

    good = (DATA / "sync" / "team_v1.toml").read_bytes()
    answers: list[object] = [
        FetchError(Message("sync.refused", {"host": "intranet"})),  # no copy yet
        FetchResult(200, good),
        FetchResult(200, b"<html>login</html>"),  # a proxy's page
        FetchResult(200, (DATA / "sync" / "broken_syntax.toml").read_bytes()),
        FetchResult(200, (DATA / "sync" / "invalid_phrase.toml").read_bytes()),
        FetchResult(200, b'[pack]\nid = "team"\nname = "T"\nversion = "1.0"\n'),  # empties the pack: held
        ValueError("boom"),  # unexpected
    ]

    def fetcher(url: str, headers: object, timeout: float) -> FetchResult:
        answer = answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        assert isinstance(answer, FetchResult)
        return answer

    source = Source("url", "http://intranet/team.toml", "团队话术")
    now = datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
    failures: list[Message] = []
    while answers:
        result = sync_source(source, tmp_path / "cache", now, fetcher)
        failures += [f for f in result.failures if isinstance(f, Message)]
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    result = sync_source(source, blocked, now, lambda *_: FetchResult(200, good))
    failures += [f for f in result.failures if isinstance(f, Message)]
    return failures


def test_every_sync_failure_kind_speaks_both(tmp_path: Path) -> None:
    failures = _fetch_failures(tmp_path / "fetch") if (tmp_path / "fetch").mkdir() is None else []
    failures += _sync_failures(tmp_path)
    codes = {part.code for failure in failures for part in _codes(failure)}
    for failure in failures:
        assert_speaks_both(failure)
    expected = {
        "sync.http_404", "sync.http_denied", "sync.http_server", "sync.http_other", "sync.timeout",
        "sync.refused", "sync.unknown_host", "sync.untrusted", "sync.broken_off", "sync.unreachable",
        "sync.too_big", "sync.redirect", "sync.still_writing", "sync.missing", "sync.folder_empty",
        "sync.unreadable", "sync.cut_off", "sync.web_page", "sync.invalid", "sync.failed_no_copy",
        "sync.failed_with_copy", "reliability.held_back_empty", "reliability.sync_unexpected",
        "sync.cannot_save_copy",
    }  # fmt: skip
    assert expected <= codes, sorted(expected - codes)


def test_a_state_file_written_before_codes_still_shows_its_error(tmp_path: Path) -> None:
    """state.json of an older version holds last_error / last_error_zh only: both are still shown."""
    import json

    from quickreply.core.sync.offline import read_state, write_state

    (tmp_path / "state.json").write_text(
        json.dumps(
            {"last_ok": "2024-05-01T10:30:00", "last_error": "server down", "last_error_zh": "服务器停机"}
        ),
        encoding="utf-8",
    )
    state = read_state(tmp_path)
    assert [e.render("zh_CN") for e in state.errors()] == ["服务器停机"]
    assert [e.render("en") for e in state.errors()] == ["server down"]
    failure = Message("sync.failed_no_copy", {"where": Message("sync.where", {"source": "s"}),
                                               "what": Message("sync.refused", {"host": "h"})})  # fmt: skip
    state.set_errors([failure])
    write_state(tmp_path, state)
    again = read_state(tmp_path)
    assert [e.render("zh_CN") for e in again.errors()] == [failure.render("zh_CN")]
    raw = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert raw["last_error"] == failure.render("en") and raw["last_error_zh"] == failure.render("zh_CN")
    raw["last_errors"][0]["code"] = "sync.renamed_later"  # a code this version lacks: the texts are shown
    (tmp_path / "state.json").write_text(json.dumps(raw), encoding="utf-8")
    assert [e.render("en") for e in read_state(tmp_path).errors()] == [failure.render("en")]
