"""The team's usage summaries over HTTP: agents PUT, the lead GETs the list and every summary; servers that
lie (wrong content, 500, silence, huge bodies, no PUT) end in a clear message, never a crash."""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quickreply.cli import main
from quickreply.cli.usage_server import make_server
from quickreply.core.usage import team_http as usage_http
from quickreply.core.usage.stats import PickEvent, summarize
from quickreply.core.usage.team import summary_bytes, summary_file_name, write_agent_summary
from quickreply.core.usage.team_http import UsageServerError, listed_names, put_summary, read_team_url

NOW = datetime(2024, 5, 2, 18, 0).astimezone()


def _summary(agent: str, picks: int) -> bytes:
    events = [PickEvent(1714600000.0, "ship", "发货与物流", 30, 0, 3)] * picks
    return summary_bytes(agent, "小鹿", summarize(events, {"ship": "发货时间"}), NOW)


@pytest.fixture
def serve() -> Iterator[Callable[[ThreadingHTTPServer], str]]:
    started: list[ThreadingHTTPServer] = []

    def run(server: ThreadingHTTPServer) -> str:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield run
    for server in started:
        server.shutdown()
        server.server_close()


def _scripted(answer: Callable[[BaseHTTPRequestHandler], None]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer(self)

        do_PUT = do_GET

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    return server


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str = "text/html") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    with contextlib.suppress(ConnectionError):  # a client that refused a huge body has hung up
        handler.wfile.write(body)


def _said(exc: pytest.ExceptionInfo[UsageServerError], lang: str = "en") -> str:
    return exc.value.message.render(lang)


def test_agents_put_their_summaries_and_the_lead_reads_them_back(
    tmp_path: Path, serve: Callable[[ThreadingHTTPServer], str]
) -> None:
    url = serve(make_server(tmp_path / "store", "127.0.0.1", 0))
    (tmp_path / "store").mkdir()
    put_summary(url, summary_file_name("小美"), _summary("小美", 2), 5)
    put_summary(url, summary_file_name("阿强"), _summary("阿强", 3), 5)
    target = put_summary(url, summary_file_name("小美"), _summary("小美", 4), 5)  # replaced, not added
    assert target == url + "%E5%B0%8F%E7%BE%8E.usage.json"
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["小美.usage.json", "阿强.usage.json"]
    team = read_team_url(url, 5)
    assert [(a.agent, a.picks) for a in team.agents] == [("小美", 4), ("阿强", 3)]
    assert team.phrases["ship"]["picks"] == 7 and team.phrases["ship"]["agents"] == 2 and not team.problems


def test_a_plain_folder_listing_works_for_reading(
    tmp_path: Path, serve: Callable[[ThreadingHTTPServer], str]
) -> None:
    """A folder served by any web server with a directory listing (here Python's http.server)."""
    folder = tmp_path / "usage"
    folder.mkdir()
    for agent, picks in (("小美", 2), ("阿 强", 1)):
        write_agent_summary(
            folder, agent, "小鹿", summarize([PickEvent(1, "a", "售后", 9, 0, 1)] * picks), NOW
        )
    (folder / "notes.txt").write_text("not a summary", encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    url = serve(ThreadingHTTPServer(("127.0.0.1", 0), handler)) + "usage"  # no trailing slash: added
    team = read_team_url(url, 5)
    assert sorted(a.agent for a in team.agents) == ["小美", "阿 强"] and not team.problems


def test_listings_in_json_with_names_or_nginx_objects_and_in_html() -> None:
    assert listed_names(b'["a.usage.json", "b.txt", "../c.usage.json"]') == ["a.usage.json", "c.usage.json"]
    nginx = [{"name": "a.usage.json", "type": "file"}, {"name": "sub", "type": "directory"}]
    assert listed_names(json.dumps(nginx).encode()) == ["a.usage.json"]
    html = b'<a href="%E5%B0%8F%E7%BE%8E.usage.json">x</a><a href=/usage/b.usage.json>b</a><a href="?C=N">'
    assert listed_names(html) == ["小美.usage.json", "b.usage.json"]
    for wrong in (b"hello", b'{"a": 1}', b"\x00\x01"):
        with pytest.raises(ValueError):
            listed_names(wrong)


def test_a_server_error_says_http_500_and_the_address(serve: Callable[[ThreadingHTTPServer], str]) -> None:
    url = serve(_scripted(lambda h: _send(h, 500, b"oops")))
    with pytest.raises(UsageServerError) as failed:
        read_team_url(url, 5)
    assert "HTTP 500" in _said(failed) and url in _said(failed)
    assert "服务器出错" in _said(failed, "zh_CN")


def test_wrong_content_is_not_a_listing(serve: Callable[[ThreadingHTTPServer], str]) -> None:
    url = serve(_scripted(lambda h: _send(h, 200, b"login required", "text/plain")))
    with pytest.raises(UsageServerError) as failed:
        read_team_url(url, 5)
    assert failed.value.message.code == "usage.not_listing"
    assert "did not answer with a list of summary files" in _said(failed)


def test_a_summary_that_is_not_one_is_named_and_the_others_still_count(
    serve: Callable[[ThreadingHTTPServer], str],
) -> None:
    def answer(h: BaseHTTPRequestHandler) -> None:
        if h.path.endswith("/"):
            _send(h, 200, b'["good.usage.json", "page.usage.json", "minus.usage.json"]', "application/json")
        elif "good" in h.path:
            _send(h, 200, _summary("good", 2), "application/json")
        elif "minus" in h.path:
            _send(h, 200, _summary("minus", 2).replace(b'"picks": 2', b'"picks": -2', 1), "application/json")
        else:
            _send(h, 200, b"<html>proxy login</html>")

    team = read_team_url(serve(_scripted(answer)), 5)
    assert [a.agent for a in team.agents] == ["good"]
    assert [(p.code, p.args["name"]) for p in team.problems] == [
        ("usage.not_summary", "page.usage.json"),
        ("usage.not_summary", "minus.usage.json"),
    ]


@pytest.mark.parametrize(
    ("raw", "zh", "en"),
    [
        (b"\xff\xfe", "不是 UTF-8 编码的文本", "not UTF-8 text"),
        (b"{not json", "不是有效的 JSON（第 1 行第 2 列）", "not valid JSON (line 1, column 2)"),
        (b"[1, 2]", "“/” 应为 JSON 对象", "“/” must be a JSON object"),
        (b'{"phrases": []}', "缺少 “total”", "“total” is missing"),
        (b'{"total": []}', "“total” 应为 JSON 对象", "“total” must be a JSON object"),
        (b'{"total": {"picks": 1}}', "缺少 “total.chars”", "“total.chars” is missing"),
        (
            b'{"total": {"picks": -2, "chars": 1, "saved_seconds": 1}}',
            "“total.picks” 应为不小于 0 的数，而不是 -2",
            "“total.picks” must be a number of at least 0, not -2",
        ),
        (
            b'{"total": {"picks": 1, "chars": 1, "saved_seconds": 1}, "phrases": {}}',
            "“phrases” 应为 JSON 列表",
            "“phrases” must be a JSON list",
        ),
        (
            b'{"total": {"picks": 1, "chars": 1, "saved_seconds": 1}, "phrases": [{"picks": 1}]}',
            "缺少 “phrases[].name”",
            "“phrases[].name” is missing",
        ),
    ],
)  # fmt: skip
def test_why_a_summary_is_not_one_is_said_in_the_readers_language(raw: bytes, zh: str, en: str) -> None:
    from quickreply.core.messages import render
    from quickreply.core.usage.team import TeamUsage, add_summary

    team = TeamUsage()
    add_summary(team, "x.usage.json", raw)
    assert team.agents == [] and len(team.problems) == 1
    assert render(team.problems[0], "zh_CN") == f"x.usage.json：不是使用汇总（{zh}）"
    assert render(team.problems[0], "en") == f"x.usage.json: not a usage summary ({en})"


@pytest.mark.parametrize(
    ("body", "zh"),
    [
        (b'{"agents": 1}', "是 JSON，但不是列表（也没有 “summaries” 或 “files” 列表）"),
        (b"[not json", "不是有效的 JSON（第 1 行第 2 列）"),
        (b"login required", "既不是 JSON 也不是 HTML 页面"),
    ],
)
def test_why_a_listing_is_not_one_is_said_in_the_readers_language(
    serve: Callable[[ThreadingHTTPServer], str], body: bytes, zh: str
) -> None:
    url = serve(_scripted(lambda h: _send(h, 200, body, "text/plain")))
    with pytest.raises(UsageServerError) as failed:
        read_team_url(url, 5)
    assert f"（{zh}）" in _said(failed, "zh_CN")


def test_a_silent_server_times_out_with_a_clear_message(serve: Callable[[ThreadingHTTPServer], str]) -> None:
    url = serve(_scripted(lambda h: time.sleep(3)))
    started = time.monotonic()
    with pytest.raises(UsageServerError) as failed:
        read_team_url(url, 0.3)
    assert time.monotonic() - started < 2.5
    assert "no answer" in _said(failed) or "took longer" in _said(failed)


def test_a_huge_listing_is_refused(
    serve: Callable[[ThreadingHTTPServer], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(usage_http, "MAX_INDEX_BYTES", 1024 * 1024)
    url = serve(_scripted(lambda h: _send(h, 200, b"[" + b'"a.usage.json",' * 200_000 + b"]")))
    with pytest.raises(UsageServerError) as failed:
        read_team_url(url, 5)
    assert "the limit is 1 MB" in _said(failed)


def test_a_server_down_after_the_listing_is_left_after_three_failures(
    serve: Callable[[ThreadingHTTPServer], str],
) -> None:
    names = json.dumps([f"a{i}.usage.json" for i in range(10)]).encode()
    seen: list[str] = []

    def answer(h: BaseHTTPRequestHandler) -> None:
        seen.append(h.path)
        _send(h, 200, names, "application/json") if h.path.endswith("/") else _send(h, 503, b"down")

    team = read_team_url(serve(_scripted(answer)), 5)
    assert len(seen) == 1 + usage_http.MAX_FAILED and not team.agents
    assert team.problems[-1].code == "usage.gave_up" and team.problems[-1].args["left"] == 7


def test_a_server_that_takes_no_put_says_it_must_allow_put(
    tmp_path: Path, serve: Callable[[ThreadingHTTPServer], str]
) -> None:
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    url = serve(ThreadingHTTPServer(("127.0.0.1", 0), handler))
    with pytest.raises(UsageServerError) as failed:
        put_summary(url, "小美.usage.json", _summary("小美", 1), 5)
    if sys.platform == "win32" and failed.value.message.code == "usage.server_failed":
        # Windows drops the 501 already received when the server closes with the body unread (a reset)
        assert "broke off" in _said(failed)
    else:
        assert failed.value.message.code == "usage.put_refused" and "HTTP 501" in _said(failed)
        assert "PUT" in _said(failed, "zh_CN")
    with pytest.raises(UsageServerError) as bad:
        put_summary("ftp://x/", "a.usage.json", b"{}", 5)
    assert bad.value.message.code == "usage.bad_url"


def test_the_usage_server_takes_only_summaries_under_their_own_names(
    tmp_path: Path, serve: Callable[[ThreadingHTTPServer], str]
) -> None:
    import http.client

    store = tmp_path / "store"
    store.mkdir()
    url = serve(make_server(store, "127.0.0.1", 0))
    port = int(url.rsplit(":", 1)[1].strip("/"))
    good = _summary("x", 1)
    for raw in ("/..%2Fescape.usage.json", "/%2E%2E%5Cescape.usage.json", "/notes.txt", "/nul.usage.json"):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("PUT", raw, body=good)
        assert conn.getresponse().status == 403, raw
        conn.close()
    with pytest.raises(UsageServerError) as bad:
        put_summary(url, "x.usage.json", b"<html>not json</html>", 5)
    assert "HTTP 400" in _said(bad)
    assert list(store.iterdir()) == [] and not (tmp_path / "escape.usage.json").exists()
    assert put_summary(url + "qr-usage/", "x.usage.json", good, 5).endswith("/qr-usage/x.usage.json")
    assert [p.name for p in store.iterdir()] == ["x.usage.json"]


def _ask(
    port: int, method: str, path: str, body: bytes | None = None, lang: str = ""
) -> tuple[int, str, str]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request(method, path, body=body, headers={"Accept-Language": lang} if lang else {})
    answer = conn.getresponse()
    got = (answer.status, answer.read().decode("utf-8"), answer.getheader("X-QuickReply-Message") or "")
    conn.close()
    return got


def test_the_usage_servers_refusals_are_in_the_readers_language_and_the_app_renders_its_own(
    tmp_path: Path, serve: Callable[[ThreadingHTTPServer], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.core.messages import render

    monkeypatch.setenv("QUICKREPLY_LANG", "en")  # the lead's server speaks English unless asked otherwise
    url = serve(make_server(tmp_path, "127.0.0.1", 0))
    port = int(url.rsplit(":", 1)[1].strip("/"))
    zh = "zh-CN,zh;q=0.9,en;q=0.8"  # a Chinese browser
    status, body, said = _ask(port, "GET", "/%E5%B0%8F%E7%BE%8E.usage.json", lang=zh)
    assert status == 404 and body == "这里没有汇总文件 /小美.usage.json\n"
    assert json.loads(said)["code"] == "usage.server.no_summary"
    assert _ask(port, "GET", "/x.usage.json")[1] == "there is no summary /x.usage.json here\n"
    assert _ask(port, "GET", "/x.usage.json", lang="fr, en;q=0.1, zh;q=0.5")[1].startswith("这里没有")
    status, body, _ = _ask(port, "PUT", "/notes.txt", b"{}", lang=zh)
    assert status == 403 and "只接收 PUT /<客服昵称>.usage.json" in body
    status, body, _ = _ask(port, "POST", "/x.usage.json", b"{}", lang=zh)  # http.server's own refusal
    assert status == 501 and body == "这个服务器不处理 POST 请求：只有 GET 和 PUT\n"
    status, body, _ = _ask(port, "PUT", "/x.usage.json", b"[1]", lang=zh)
    assert status == 400 and body.startswith("x.usage.json：不是使用汇总")
    # the app: the server's reason, rendered in the agent's language (not the HTTP status alone)
    with pytest.raises(UsageServerError) as bad:
        put_summary(url, "x.usage.json", b"<html>not json</html>", 5)
    assert bad.value.message.code == "usage.server_refused"
    assert bad.value.message.args["detail"].code == "usage.not_summary"
    assert "没有接收汇总（HTTP 400）：x.usage.json：不是使用汇总" in render(bad.value.message, "zh_CN")
    assert list(tmp_path.iterdir()) == []


def test_cli_usage_team_url_writes_the_report_and_a_broken_server_exits_2(
    tmp_path: Path,
    serve: Callable[[ThreadingHTTPServer], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = tmp_path / "store"
    store.mkdir()
    url = serve(make_server(store, "127.0.0.1", 0))
    put_summary(url, "小美.usage.json", _summary("小美", 2), 5)
    put_summary(url, "阿强.usage.json", _summary("阿强", 1), 5)
    report = tmp_path / "r.html"
    assert main(["usage", "--team", url, "-o", str(report)]) == 0
    assert "2 agents, 3 picks" in capsys.readouterr().out
    assert "阿强" in report.read_text(encoding="utf-8")
    broken = serve(_scripted(lambda h: _send(h, 500, b"oops")))
    assert main(["usage", "--team", broken, "-o", str(tmp_path / "x.html")]) == 2
    assert "HTTP 500" in capsys.readouterr().err and not (tmp_path / "x.html").exists()


def test_the_report_and_the_cli_speak_the_chosen_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quickreply.core.model import Phrase
    from quickreply.core.usage.team import TeamUsage, add_summary, team_report_html

    team = TeamUsage()
    add_summary(team, "小美.usage.json", _summary("小美", 2))
    add_summary(team, "bad.usage.json", b"[]")
    library = [Phrase("ship", "发货与物流", "发货时间", "x"), Phrase("never", "议价", "不议价", "y")]
    english = team_report_html(team, library, NOW, "en")
    assert "<h2>Never-used phrases (1)</h2>" in english and "Files that could not be read" in english
    assert "bad.usage.json: not a usage summary" in english
    chinese = team_report_html(team, library, NOW)
    assert "<h2>从未使用的短语（1）</h2>" in chinese and "bad.usage.json：不是使用汇总" in chinese
    monkeypatch.setenv("QUICKREPLY_LANG", "zh_CN")
    assert main(["usage"]) == 0
    assert capsys.readouterr().out.startswith("0 次，粘贴 0 字，节省 0 秒（模型：每字 3.2 次输入法按键")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes (a Samba or Linux team folder)")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_summaries_are_readable_by_the_lead_as_the_umask_allows(
    tmp_path: Path, serve: Callable[[ThreadingHTTPServer], str], umask: int, mode: int
) -> None:
    """They were always 0600 (mkstemp): the lead's account, nginx or a Samba share could not read them."""
    import os
    import stat

    old = os.umask(umask)
    try:
        folder = write_agent_summary(tmp_path / "team", "小美", "小鹿", summarize([]), NOW)
        store = tmp_path / "store"
        store.mkdir()
        put_summary(
            serve(make_server(store, "127.0.0.1", 0)), summary_file_name("阿强"), _summary("阿强", 1), 5
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == mode
    assert stat.S_IMODE((store / summary_file_name("阿强")).stat().st_mode) == mode
    assert [p.name for p in store.iterdir()] == [summary_file_name("阿强")]  # no temp file left


def test_the_agents_own_copies_stay_private(tmp_path: Path) -> None:
    import os
    import stat

    from quickreply.core.sync.offline import atomic_write_bytes

    atomic_write_bytes(tmp_path / "state.json", b"{}")
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "state.json").stat().st_mode) == 0o600
