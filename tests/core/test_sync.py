"""The team-pack sync against real web servers on loopback and real folders.

`PackServer` is a ThreadingHTTPServer on 127.0.0.1 (port 0) that sends ETag and Last-Modified and answers
If-None-Match with 304, like nginx. One test also runs `python -m http.server` in a subprocess (Last-Modified
only). Every server is shut down by its fixture; waits are bounded.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.portable import readline_within

from quickreply.cli.sync import report_lines, sync_command
from quickreply.core.model import Layer
from quickreply.core.packs.load import load_pack
from quickreply.core.sync.offline import STATE_FILE, cached_team_packs, read_state, source_dir
from quickreply.core.sync.report import SyncReport
from quickreply.core.sync.run import folder_fingerprints, sync_all
from quickreply.core.sync.subscriptions import Source
from quickreply.paths import app_paths

DATA = Path(__file__).resolve().parents[1] / "data" / "sync"
V1 = (DATA / "team_v1.toml").read_bytes()
V2 = (DATA / "team_v2.toml").read_bytes()
BROKEN = (DATA / "broken_syntax.toml").read_bytes()
INVALID = (DATA / "invalid_phrase.toml").read_bytes()
AFTERSALES = (DATA / "aftersales_v1.toml").read_bytes()
T1 = datetime(2024, 5, 1, 10, 30)
T2 = datetime(2024, 5, 1, 11, 0)
T3 = datetime(2024, 5, 1, 11, 30)
T4 = datetime(2024, 5, 1, 12, 0)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    delay: float = 0.0
    location: str = ""
    published: float = 1714550000.0


class PackServer:
    """A small web server for pack files: publish(path, body) replaces what it serves."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[dict[str, str]] = []
        self.answers: list[int] = []
        self.release = threading.Event()  # ends a slow answer early when the test is over
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(dict(self.headers.items()))
                route = owner.routes.get(self.path)
                if route is None:
                    return self._answer(404, b"not found")
                if route.delay:
                    owner.release.wait(route.delay)
                if route.location:
                    return self._answer(route.status, b"", {"Location": route.location})
                if route.status != 200:
                    return self._answer(route.status, b"<h1>Internal Server Error</h1>")
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                validators = {
                    "ETag": etag,
                    "Last-Modified": email.utils.formatdate(route.published, usegmt=True),
                }
                if self.headers.get("If-None-Match") == etag:
                    return self._answer(304, b"", validators)
                return self._answer(200, route.body, validators)

            def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                owner.answers.append(status)
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                if status != 304:
                    self.send_header("Content-Type", "application/toml; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # a client that gave up is expected here
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.start()
        self.stopped = False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def publish(self, path: str, body: bytes, **route: object) -> str:
        published = self.routes[path].published + 60 if path in self.routes else Route.published
        self.routes[path] = Route(body, published=published, **route)  # type: ignore[arg-type]
        return self.url(path)

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()  # the port now refuses connections
        self.thread.join(timeout=10)


def _zh(report: SyncReport) -> list[str]:
    """The tray notification's lines, in Chinese."""
    return [notice.render("zh_CN") for notice in report.notices()]


@pytest.fixture
def server() -> Iterator[PackServer]:
    instance = PackServer()
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not come between the tests and their loopback servers."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "data" / "subscriptions"


def cached_text(cache: Path, source: Source) -> str:
    (path,) = cached_team_packs(cache, [source])
    return path.read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ HTTP


def test_first_fetch_keeps_an_offline_copy_that_loads_as_a_team_pack(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/packs/team.toml", V1), "团队话术")
    report = sync_all([source], cache, T1)
    (result,) = report.results
    assert (result.status, report.ok, result.version) == ("new", True, "1.0")
    assert result.changes[0].kind == "added" and len(result.diff.added) == 4
    assert report_lines(report, "en") == [
        f'new      "团队话术" ({source.location}) — version 1.0',
        "         team.toml: first copy, 4 phrases (version 1.0)",
        "OK: 1 sources (1 new)",
    ]
    assert _zh(report) == ["团队话术 首次获取：team.toml：共 4 条短语（版本 1.0）"]
    (path,) = cached_team_packs(cache)
    assert path == source_dir(cache, source) / "team.toml" and path.read_bytes() == V1
    pack, problems = load_pack(path, Layer.TEAM)
    assert pack is not None and problems == [] and pack.layer is Layer.TEAM
    state = json.loads((path.parent / STATE_FILE).read_text(encoding="utf-8"))
    assert state["etag"].startswith('"') and state["last_modified"].endswith("GMT")
    assert state["last_checked"] == state["last_ok"] == "2024-05-01T10:30:00"
    assert (state["version"], state["last_error"]) == ("1.0", "")
    assert state["files"]["team.toml"]["sha256"] == hashlib.sha256(V1).hexdigest()
    assert state["content_hash"]


def test_second_sync_is_a_conditional_request_answered_304(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/team.toml", V1))
    sync_all([source], cache, T1)
    report = sync_all([source], cache, T2)
    assert report.results[0].status == "current" and report.results[0].changes == ()
    assert server.answers == [200, 304]
    assert "If-None-Match" not in server.requests[0]
    assert server.requests[1]["If-None-Match"] == read_state(source_dir(cache, source)).etag
    assert "If-Modified-Since" in server.requests[1]
    assert report_lines(report, "en")[-1] == "OK: 1 sources (1 current)"
    assert _zh(report) == []  # nothing for the tray to say
    assert read_state(source_dir(cache, source)).last_ok == "2024-05-01T11:00:00"


def test_updated_pack_reports_what_changed(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/team.toml", V1), "团队话术")
    sync_all([source], cache, T1)
    server.publish("/team.toml", V2)
    report = sync_all([source], cache, T2)
    (result,) = report.results
    assert result.status == "updated" and report.ok
    diff = result.diff
    assert diff is not None
    assert (diff.added, diff.changed, diff.removed) == (
        ("team.size", "team.invoice"),
        ("team.ship48",),
        ("team.bye",),
    )
    assert (diff.version_old, diff.version_new) == ("1.0", "1.1")
    assert _zh(report) == ["团队话术 已更新：team.toml：新增 2 条，修改 1 条，删除 1 条（1.0 → 1.1）"]
    assert "team.toml: 2 added, 1 changed, 1 removed (1.0 → 1.1)" in report_lines(report, "en")[1]
    assert cached_text(cache, source) == V2.decode()
    data = report.to_json()
    assert data["ok"] is True
    assert data["sources"][0]["changes"][0]["diff"]["removed"] == ["team.bye"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (BROKEN, ":9: error: TOML syntax error"),
        (INVALID, ":13: error: 'team.notext': missing required key 'text'"),
        (
            V1.decode().replace("1.0", "1.4").encode("gbk"),
            ":4: error: file is not UTF-8: it looks like GBK/GB18030",
        ),
    ],
    ids=["syntax", "validation", "gbk"],
)
def test_a_broken_new_version_keeps_the_last_good_copy(
    server: PackServer, cache: Path, body: bytes, expected: str
) -> None:
    source = Source("url", server.publish("/team.toml", V1), "团队话术")
    sync_all([source], cache, T1)
    server.publish("/team.toml", body)
    for moment in (T2, T3):  # the rejected file's ETag is not kept, so the next sync is no false "current"
        report = sync_all([source], cache, moment)
        (result,) = report.results
        assert (result.status, report.ok) == ("failed", False)
        assert result.error.startswith(
            f'"团队话术" ({source.location}): the new version has errors and was not taken'
        )
        assert f"{source.location}{expected}" in result.error
        assert result.error.endswith("the last good copy (current as of 2024-05-01 10:30) is still used")
        assert "仍在使用上次的有效副本（2024-05-01 10:30 时为最新）" in _zh(report)[0]
        assert cached_text(cache, source) == V1.decode()
    assert server.answers == [200, 200, 200]
    state = read_state(source_dir(cache, source))
    assert (state.last_ok, state.last_checked, state.version) == (
        "2024-05-01T10:30:00",
        "2024-05-01T11:30:00",
        "1.0",
    )
    assert "was not taken" in state.last_error and "未采用" in state.last_error_zh
    server.publish("/team.toml", V2)  # the team lead fixes it: the sync recovers by itself
    assert sync_all([source], cache, T4).results[0].status == "updated"
    assert read_state(source_dir(cache, source)).last_error == ""


def test_server_error_keeps_the_last_good_copy(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/team.toml", V1))
    sync_all([source], cache, T1)
    server.publish("/team.toml", b"", status=500)
    report = sync_all([source], cache, T2)
    assert report.results[0].status == "failed"
    assert report.results[0].error == (
        f"{source.location}: the server failed (HTTP 500 Internal Server Error); it may be busy — try again "
        "later or tell the team lead; the last good copy (current as of 2024-05-01 10:30) is still used"
    )
    assert report_lines(report, "en")[-1] == "FAILED: 1 sources (1 failed)"
    assert cached_text(cache, source) == V1.decode()


def test_missing_file_with_no_copy_yet(server: PackServer, cache: Path) -> None:
    source = Source("url", server.url("/nope.toml"), "团队话术")
    (result,) = sync_all([source], cache, T1).results
    assert result.status == "failed"
    assert "HTTP 404 Not Found" in result.error and "check the url with the team lead" in result.error
    assert result.error.endswith("no good copy has been fetched yet, so these phrases are not available")
    assert "还没有取到有效副本" in result.error_texts("zh_CN")[0]
    assert cached_team_packs(cache) == []


def test_server_gone_keeps_the_last_good_copy(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/team.toml", V1))
    sync_all([source], cache, T1)
    server.stop()
    (result,) = sync_all([source], cache, T2).results
    assert result.status == "failed"
    assert "connection refused by 127.0.0.1:" in result.error
    assert "the server is not running or the address is wrong" in result.error
    assert "无法连接" in result.error_texts("zh_CN")[0]
    (path,) = cached_team_packs(cache, [source])
    pack, _ = load_pack(path, Layer.TEAM)
    assert pack is not None and pack.version == "1.0"  # agents keep working offline


def test_slow_server_times_out(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/team.toml", V1))
    sync_all([source], cache, T1)
    server.publish("/team.toml", V2, delay=5.0)  # released at teardown
    (result,) = sync_all([source], cache, T2, timeout=0.3).results
    assert result.status == "failed"
    assert "no answer from 127.0.0.1:" in result.error and "within 0.3 s" in result.error
    assert cached_text(cache, source) == V1.decode()


def test_redirect_away_from_http_is_refused(server: PackServer, cache: Path) -> None:
    source = Source(
        "url", server.publish("/team.toml", b"", status=302, location="ftp://127.0.0.1/team.toml")
    )
    (result,) = sync_all([source], cache, T1).results
    assert result.status == "failed"
    assert "the server redirected to ftp://127.0.0.1/team.toml; only http:// and https://" in result.error


def test_a_web_page_instead_of_a_pack_is_refused(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/team.toml", V1))
    sync_all([source], cache, T1)
    server.publish("/team.toml", b"<!DOCTYPE html><html><body>Proxy login</body></html>")
    (result,) = sync_all([source], cache, T2).results
    assert result.status == "failed"
    assert (
        "a web page came back instead of a pack (a proxy login page, or the wrong address?)" in result.error
    )
    assert cached_text(cache, source) == V1.decode()


def test_url_without_a_toml_name_is_cached_as_pack_toml(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/packs?id=team", V1))
    assert sync_all([source], cache, T1).ok
    assert [p.name for p in cached_team_packs(cache)] == ["pack.toml"]


def test_damaged_state_file_is_started_afresh(server: PackServer, cache: Path) -> None:
    source = Source("url", server.publish("/team.toml", V1))
    sync_all([source], cache, T1)
    (source_dir(cache, source) / STATE_FILE).write_text("{not json", encoding="utf-8")
    (result,) = sync_all([source], cache, T2).results
    assert result.status == "current"  # same bytes as the copy: no change to report
    assert server.answers == [200, 200]  # no ETag known, so a plain request
    assert read_state(source_dir(cache, source)).etag


def test_plain_python_http_server_with_last_modified_only(tmp_path: Path, cache: Path) -> None:
    """A real server process, as a team lead might start on a spare PC: `python -m http.server`."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "team.toml").write_bytes(V1)
    os.utime(site / "team.toml", (1714550000, 1714550000))
    command = [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(site)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        # "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        banner = readline_within(process.stdout, 20)
        assert banner, "http.server did not start within 20 s"
        port = int(banner.split(" port ")[1].split()[0])
        source = Source("url", f"http://127.0.0.1:{port}/team.toml")
        assert sync_all([source], cache, T1).results[0].status == "new"
        assert read_state(source_dir(cache, source)).etag == ""  # this server sends no ETag
        assert sync_all([source], cache, T2).results[0].status == "current"  # If-Modified-Since -> 304
        (site / "team.toml").write_bytes(V2)
        os.utime(site / "team.toml", (1714560000, 1714560000))
        (result,) = sync_all([source], cache, T3).results
        assert result.status == "updated" and result.diff is not None and result.diff.version_new == "1.1"
    finally:
        process.terminate()
        process.wait(timeout=10)
    (gone,) = sync_all([source], cache, T4).results
    assert gone.status == "failed" and "connection refused" in gone.error
    assert cached_text(cache, source) == V2.decode()


# ------------------------------------------------------------------------------------------------ folders


def test_folder_source_follows_added_changed_and_removed_files(tmp_path: Path, cache: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "team.toml").write_bytes(V1)
    (share / "notes.txt").write_text("not a pack", encoding="utf-8")
    (share / ".team.toml.swp.toml").write_bytes(b"editor junk")
    source = Source("path", str(share), "共享盘")
    first = sync_all([source], cache, T1)
    assert first.results[0].status == "new"
    assert [p.name for p in cached_team_packs(cache)] == ["team.toml"]
    assert sync_all([source], cache, T2).results[0].status == "current"

    (share / "aftersales.toml").write_bytes(AFTERSALES)
    (share / "team.toml").write_bytes(V2)
    (result,) = sync_all([source], cache, T3).results
    assert result.status == "updated"
    assert [(c.file, c.kind) for c in result.changes] == [
        ("aftersales.toml", "added"),
        ("team.toml", "updated"),
    ]
    assert result.version == "team-aftersales 2.0, team-shoes 1.1"
    assert [p.name for p in cached_team_packs(cache)] == ["aftersales.toml", "team.toml"]

    (share / "team.toml").unlink()
    report = sync_all([source], cache, T4)
    (result,) = report.results
    assert [(c.file, c.kind, len(c.diff.removed)) for c in result.changes] == [("team.toml", "removed", 5)]
    assert _zh(report) == ["共享盘 已更新：team.toml：已从来源删除，其中 5 条短语不再可用"]
    assert [p.name for p in cached_team_packs(cache)] == ["aftersales.toml"]


def test_a_broken_file_in_a_folder_keeps_its_copy_while_others_update(tmp_path: Path, cache: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "team.toml").write_bytes(V1)
    (share / "aftersales.toml").write_bytes(AFTERSALES)
    source = Source("path", str(share))
    sync_all([source], cache, T1)
    (share / "team.toml").write_bytes(BROKEN)
    (share / "aftersales.toml").write_bytes(AFTERSALES.replace(b'version = "2.0"', b'version = "2.1"'))
    (share / "new.toml").write_bytes(INVALID)  # never good: not loaded at all
    (result,) = sync_all([source], cache, T2).results
    assert result.status == "failed"
    assert [(c.file, c.kind) for c in result.changes] == [("aftersales.toml", "updated")]
    team_error, new_error = sorted(result.errors, key=lambda e: "new.toml" not in e, reverse=True)
    assert f"{source.location} team.toml: the new version has errors" in team_error
    assert f"{share / 'team.toml'}:9: error: TOML syntax error" in team_error
    assert team_error.endswith("is still used")
    assert new_error.endswith("no good copy has been fetched yet, so these phrases are not available")
    names = {p.name: p for p in cached_team_packs(cache)}
    assert sorted(names) == ["aftersales.toml", "team.toml"]
    assert names["team.toml"].read_bytes() == V1
    assert b'version = "2.1"' in names["aftersales.toml"].read_bytes()


def test_folder_offline_or_emptied_keeps_every_copy(tmp_path: Path, cache: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "team.toml").write_bytes(V1)
    source = Source("path", str(share))
    sync_all([source], cache, T1)
    (share / "team.toml").unlink()  # emptied (a re-publish half done, or by mistake): not a removal
    (result,) = sync_all([source], cache, T2).results
    assert result.status == "failed" and "holds no .toml packs" in result.error
    share.rmdir()  # the network share went away
    (result,) = sync_all([source], cache, T3).results
    assert result.status == "failed"
    assert "the folder does not exist or cannot be reached (network share offline?)" in result.error
    assert "the last good copy (current as of 2024-05-01 10:30) is still used" in result.error
    assert [p.read_bytes() for p in cached_team_packs(cache)] == [V1]


def test_single_file_path_source(tmp_path: Path, cache: Path) -> None:
    pack = tmp_path / "team.toml"
    pack.write_bytes(V1)
    source = Source("path", str(pack))
    assert sync_all([source], cache, T1).results[0].status == "new"
    pack.write_bytes(V2)
    assert sync_all([source], cache, T2).results[0].diff.version_new == "1.1"  # type: ignore[union-attr]
    pack.unlink()
    (result,) = sync_all([source], cache, T3).results
    assert result.status == "failed"
    assert "the file does not exist or cannot be reached (network share offline?)" in result.error
    assert [p.read_bytes() for p in cached_team_packs(cache)] == [V2]


def test_folder_fingerprints_change_when_a_file_does(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "team.toml").write_bytes(V1)
    sources = [Source("path", str(share)), Source("url", "http://127.0.0.1:9/x.toml")]
    before = folder_fingerprints(sources)
    assert list(before) == [sources[0].key]
    assert folder_fingerprints(sources) == before
    (share / "team.toml").write_bytes(V2)
    assert folder_fingerprints(sources) != before
    share.joinpath("team.toml").unlink()
    share.rmdir()
    assert folder_fingerprints(sources) == {sources[0].key: None}


def test_removed_subscription_no_longer_loads(server: PackServer, tmp_path: Path, cache: Path) -> None:
    kept = Source("url", server.publish("/a.toml", V1))
    dropped = Source("url", server.publish("/b.toml", AFTERSALES))
    assert sync_all([kept, dropped], cache, T1).ok
    assert len(cached_team_packs(cache)) == 2
    assert [p.name for p in cached_team_packs(cache, [kept])] == ["a.toml"]


# ------------------------------------------------------------------------------------------------ command


def write_settings(text: str) -> None:
    paths = app_paths()
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(text, encoding="utf-8")


def test_sync_command_text_json_and_exit_codes(server: PackServer) -> None:
    url = server.publish("/team.toml", V1)
    write_settings(f'[sync]\ntimeout_seconds = 5\n\n[[subscriptions]]\nname = "团队话术"\nurl = "{url}"\n')
    out = io.StringIO()
    assert sync_command(app_paths(), False, out, now=T1) == 0
    assert out.getvalue().splitlines()[0] == f'new      "团队话术" ({url}) — version 1.0'
    assert cached_team_packs(app_paths().data / "subscriptions")

    out = io.StringIO()
    assert sync_command(app_paths(), True, out, now=T2) == 0
    data = json.loads(out.getvalue())
    assert data["ok"] is True and data["sources"][0]["status"] == "current"

    server.publish("/team.toml", BROKEN)
    out = io.StringIO()
    assert sync_command(app_paths(), True, out, now=T3) == 1
    data = json.loads(out.getvalue())
    assert data["ok"] is False and data["sources"][0]["status"] == "failed"
    assert "TOML syntax error" in data["sources"][0]["errors"][0]


def test_sync_command_with_bad_or_no_settings() -> None:
    out = io.StringIO()
    assert sync_command(app_paths(), False, out) == 0
    assert out.getvalue().startswith("no subscriptions: add [[subscriptions]] to ")

    write_settings('[[subscriptions]]\nurl = "ftp://server/team.toml"\n')
    out = io.StringIO()
    assert sync_command(app_paths(), False, out) == 2
    lines = out.getvalue().splitlines()
    assert lines[0].endswith(
        "settings.toml:1: url 'ftp://server/team.toml' has 'ftp:'; only http:// "
        "and https:// addresses work (use path = for folders); this subscription is not used"
    )
    assert lines[-1] == "FAILED: nothing was synced; fix settings.toml (see docs/team-packs.md)"

    write_settings('[[subscriptions]\nurl = "http://a/b.toml"\n')
    out = io.StringIO()
    assert sync_command(app_paths(), True, out) == 2
    data = json.loads(out.getvalue())
    assert data["ok"] is False and "is not valid TOML" in data["settings_errors"][0]
