"""Sync against servers and shares that misbehave (issue 8): trickling, cut-off bodies, odd headers,
same-second publishes, packs cut in half, files still being copied. Each ends with the last good copy in use
and a message, within the documented time."""

from __future__ import annotations

import email.utils
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from quickreply.core.sync import fetch as fetch_module
from quickreply.core.sync.fetch import DOWNLOAD_DEADLINE_FACTOR, StillWriting, read_folder
from quickreply.core.sync.offline import cached_team_packs, read_state, source_dir
from quickreply.core.sync.run import sync_all
from quickreply.core.sync.subscriptions import Source

T1, T2, T3 = datetime(2024, 5, 1, 10, 30), datetime(2024, 5, 1, 11, 0), datetime(2024, 5, 1, 11, 30)


def pack(count: int, version: str = "1.0", pid: str = "team") -> bytes:
    phrases = "".join(
        f'\n[[phrases]]\nid = "p{i}"\ncategory = "售后"\ntitle = "短语{i}"\ntext = "内容{i}"\n'
        for i in range(count)
    )
    return f'[pack]\nid = "{pid}"\nname = "团队"\nversion = "{version}"\n{phrases}'.encode()


Script = Callable[[socket.socket, bytes], None]


class RawServer:
    """A TCP server on loopback that answers each request with a script (raw bytes, any timing)."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.stop = threading.Event()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/team.toml"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            request = b""
            try:
                while b"\r\n\r\n" not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                self.script(conn, request)
            except OSError:
                pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def raw() -> Iterator[Callable[[Script], RawServer]]:
    servers: list[RawServer] = []

    def start(script: Script) -> RawServer:
        servers.append(RawServer(script))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def trickle(conn: socket.socket, data: bytes, stop: threading.Event, every: float = 0.2) -> None:
    for byte in data:
        if stop.is_set():
            return
        conn.sendall(bytes([byte]))
        time.sleep(every)


@pytest.mark.parametrize("where", ["body with length", "body without length", "headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline(
    where: str, raw: Callable[[Script], RawServer], tmp_path: Path
) -> None:
    body = pack(3)
    done = threading.Event()

    def script(conn: socket.socket, _request: bytes) -> None:
        length = f"Content-Length: {len(body)}\r\n" if where == "body with length" else ""
        head = f"HTTP/1.1 200 OK\r\nConnection: close\r\n{length}\r\n".encode()
        if where == "headers":
            trickle(conn, head + body, done)
        else:
            conn.sendall(head)
            trickle(conn, body, done)

    server = raw(script)
    timeout = 0.5  # each byte comes within it, so only the whole-download deadline can stop this
    started = time.monotonic()
    (result,) = sync_all([Source("url", server.url)], tmp_path, T1, timeout=timeout).results
    took = time.monotonic() - started
    done.set()
    assert result.status == "failed" and "took longer than 3 s" in result.errors[0]
    assert took < timeout * DOWNLOAD_DEADLINE_FACTOR + 1.5, took
    assert cached_team_packs(tmp_path) == []


def test_a_cut_off_body_is_refused_and_its_validators_not_kept(
    raw: Callable[[Script], RawServer], tmp_path: Path
) -> None:
    good, cut = pack(4), pack(4, "1.1")
    answers = [good, cut[: len(cut) // 2]]

    def script(conn: socket.socket, request: bytes) -> None:
        body = answers.pop(0) if answers else good
        etag = '"v1"' if body is good else '"v2"'
        declared = len(cut) if body is not good else len(good)
        head = f"HTTP/1.1 200 OK\r\nETag: {etag}\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
        conn.sendall(head.encode() + body)

    server = raw(script)
    source = Source("url", server.url)
    assert sync_all([source], tmp_path, T1, timeout=2).results[0].status == "new"
    (result,) = sync_all([source], tmp_path, T2, timeout=2).results
    assert result.status == "failed" and "cut off" in result.errors[0] and "still used" in result.errors[0]
    assert read_state(source_dir(tmp_path, source)).etag == '"v1"'  # not the cut copy's
    assert cached_team_packs(tmp_path)[0].read_bytes() == good


@pytest.mark.parametrize("length", ["2¹", "-1", "abc", " 12 ", "99999999999999999999999"])
def test_odd_content_length_headers_never_crash(
    length: str, raw: Callable[[Script], RawServer], tmp_path: Path
) -> None:
    body = pack(2)

    def script(conn: socket.socket, _request: bytes) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
        conn.sendall(head.encode("utf-8") + body)

    (result,) = sync_all([Source("url", raw(script).url)], tmp_path, T1, timeout=2).results
    assert result.status in ("new", "failed")
    if result.status == "failed":
        assert result.errors and "unexpected" not in result.errors[0]


def test_last_modified_equal_to_date_is_not_a_validator(
    raw: Callable[[Script], RawServer], tmp_path: Path
) -> None:
    published = {"body": pack(3, "1.0")}
    now = email.utils.formatdate(time.time(), usegmt=True)
    seen: list[bytes] = []

    def script(conn: socket.socket, request: bytes) -> None:
        seen.append(request)
        if b"If-Modified-Since" in request:  # what python -m http.server does: same second, 304
            conn.sendall(f"HTTP/1.1 304 Not Modified\r\nDate: {now}\r\nConnection: close\r\n\r\n".encode())
            return
        body = published["body"]
        head = (
            f"HTTP/1.1 200 OK\r\nDate: {now}\r\nLast-Modified: {now}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        conn.sendall(head.encode() + body)

    source = Source("url", raw(script).url)
    assert sync_all([source], tmp_path, T1, timeout=2).results[0].status == "new"
    assert read_state(source_dir(tmp_path, source)).last_modified == ""
    published["body"] = pack(3, "1.1")  # published again within the same second
    (result,) = sync_all([source], tmp_path, T2, timeout=2).results
    assert result.status == "updated" and b"If-Modified-Since" not in seen[-1]


def test_an_update_that_loses_most_phrases_without_a_new_version_is_held_back(tmp_path: Path) -> None:
    bodies = {"now": pack(20)}

    def fetcher(url: str, headers: object, timeout: float) -> fetch_module.FetchResult:
        return fetch_module.FetchResult(200, bodies["now"], '"' + str(len(bodies["now"])) + '"')

    source = Source("url", "http://x/team.toml")
    assert sync_all([source], tmp_path, T1, fetcher).results[0].status == "new"
    bodies["now"] = pack(7)  # a cut-off upload that still checks clean
    (result,) = sync_all([source], tmp_path, T2, fetcher).results
    assert result.status == "failed"
    assert "removes 13 of 20 phrases" in result.errors[0] and "raise version" in result.errors[0]
    assert "版本号却没变" in result.error_texts("zh_CN")[0]
    assert len(read_state(source_dir(tmp_path, source)).etag) > 0  # the good copy's validators stay
    assert b"p19" in cached_team_packs(tmp_path)[0].read_bytes()

    bodies["now"] = pack(0, "1.0")
    (result,) = sync_all([source], tmp_path, T2, fetcher).results
    assert result.status == "failed" and "holds no phrases" in result.errors[0]

    bodies["now"] = pack(7, "2.0")  # the lead meant it: a new version goes through
    (result,) = sync_all([source], tmp_path, T3, fetcher).results
    assert result.status == "updated" and b"p19" not in cached_team_packs(tmp_path)[0].read_bytes()


def test_a_folder_file_still_being_copied_is_left_for_the_next_sync(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    full = pack(40)
    target = share / "team.toml"
    target.write_bytes(full[: len(full) * 4 // 10])  # 40 % copied, and the copy goes on
    stop = threading.Event()

    def copier() -> None:
        written = len(full) * 4 // 10
        while written < len(full) and not stop.is_set():
            written = min(len(full), written + 64)
            target.write_bytes(full[:written])
            time.sleep(0.02)

    thread = threading.Thread(target=copier)
    thread.start()
    try:
        found, failed = read_folder(str(share), settle=0.2)
    finally:
        stop.set()
        thread.join()
    assert found == {} and isinstance(failed["team.toml"], StillWriting)

    cache = tmp_path / "cache"
    target.write_bytes(full)
    time.sleep(0.05)
    source = Source("path", str(share))
    (result,) = sync_all([source], cache, T1).results
    assert result.status == "new" and cached_team_packs(cache)[0].read_bytes() == full


def test_a_still_changing_folder_file_is_no_failure_and_keeps_its_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "team.toml").write_bytes(pack(5))
    source = Source("path", str(share))
    assert sync_all([source], tmp_path / "c", T1).results[0].status == "new"

    def changing(files: list[Path], settle: float) -> tuple[dict[str, bytes], dict[str, Exception]]:
        return {}, {"team.toml": StillWriting()}

    monkeypatch.setattr(fetch_module, "_read_stable", changing)
    (result,) = sync_all([source], tmp_path / "c", T2).results
    assert result.status == "current" and result.errors == ()
    assert [p.name for p in cached_team_packs(tmp_path / "c")] == ["team.toml"]


@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows cannot create a file named CON.toml (the test's own setup)"
)
@pytest.mark.parametrize("name", ["CON.toml", "nul.toml", "aux.toml", "COM1.toml", "lpt9.toml"])
def test_a_folder_file_with_a_windows_reserved_name_is_refused(name: str, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / name).write_bytes(pack(2, pid="a"))
    (share / "good.toml").write_bytes(pack(2, pid="b"))
    (result,) = sync_all([Source("path", str(share))], tmp_path / "c", T1).results
    assert result.status == "failed" and "cannot be used on Windows" in result.errors[0]
    assert [p.name for p in cached_team_packs(tmp_path / "c")] == ["good.toml"]
