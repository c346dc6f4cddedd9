"""Getting a source's bytes: one pack over HTTP (conditional GET, stdlib urllib), or a folder's packs.

Failures raise FetchError with a message (a catalogue code, `sync.*`) that says what went wrong and what
to do; the sync turns it into "the last good copy is still used".
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from quickreply import __version__
from quickreply.core.file_names import file_name_problem, is_pack_file
from quickreply.core.messages import Message, msg, os_reason, render
from quickreply.core.messages.message import from_json
from quickreply.core.packs.load import MAX_FILE_BYTES

# Whole download may take this many times the timeout (the timeout itself bounds connect and each read).
DOWNLOAD_DEADLINE_FACTOR = 6
_CHUNK = 64 * 1024


FOLDER_SETTLE_SECONDS = 0.5  # a file in a folder source changed this recently is polled again first


class FetchError(Exception):
    """A source could not be read: `message` says why (str() is English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(render(message, "en"))
        self.message = message


class StillWriting(FetchError):
    """A folder file whose size or mtime changed between two polls: someone is still copying it."""

    def __init__(self) -> None:
        super().__init__(msg("sync.still_writing"))


@dataclass(frozen=True)
class FetchResult:
    status: int  # 200 (body holds the file) or 304 (not modified since the cached copy)
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


# (url, request headers, timeout in seconds) -> FetchResult; raises FetchError
Fetcher = Callable[[str, Mapping[str, str], float], FetchResult]


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect to ftp://; a team pack comes from http(s) only."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise _redirected(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _redirected(url: str) -> FetchError:  # (redirect_request's own `msg` argument hides the function there)
    return FetchError(msg("sync.redirect", url=url))


def _http_error(code: int, reason: str) -> FetchError:
    status = f"HTTP {code} {reason}".strip()
    if code == 404:
        return FetchError(msg("sync.http_404", status=status))
    if code in (401, 403):
        return FetchError(msg("sync.http_denied", status=status))
    if code >= 500:
        return FetchError(msg("sync.http_server", status=status))
    return FetchError(msg("sync.http_other", status=status))


def _network_error(reason: BaseException | str, host: str, timeout: float) -> FetchError:
    if isinstance(reason, FetchError):
        return reason
    if isinstance(reason, TimeoutError | socket.timeout):
        return FetchError(msg("sync.timeout", host=host, seconds=f"{timeout:g}"))
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(msg("sync.refused", host=host))
    if isinstance(reason, socket.gaierror):
        return FetchError(msg("sync.unknown_host", host=host))
    if isinstance(reason, ssl.SSLCertVerificationError):
        return FetchError(msg("sync.untrusted", host=host, detail=str(reason.verify_message or reason)))
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        return FetchError(msg("sync.broken_off", host=host, detail=str(reason) or type(reason).__name__))
    why: Message | str = os_reason(reason) if isinstance(reason, OSError) else str(reason)
    return FetchError(msg("sync.unreachable", host=host, detail=why))


def _too_big(size: int, limit_bytes: int = MAX_FILE_BYTES) -> FetchError:
    limit = limit_bytes // 1024 // 1024
    mb = size / 1024 / 1024
    return FetchError(msg("sync.too_big", size=f"{mb:.0f}", limit=limit))


class _Deadline:
    """The whole download's time limit: at the deadline every socket of the fetch is shut down, so no
    server can hold a sync longer, however slowly it trickles headers or body (each receive is bounded
    by the socket timeout as well)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()

    def error(self, host: str) -> FetchError:
        return FetchError(msg("sync.download_slow", host=host, seconds=f"{self.seconds:g}"))


def _deadline_handlers(deadline: _Deadline) -> list[Any]:
    """urllib handlers whose connections report their socket to `deadline` as soon as it exists."""

    def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Connection(base):  # type: ignore[valid-type, misc]
            def connect(self) -> None:
                super().connect()
                deadline.watch(self.sock)

        return Connection

    http_conn, https_conn = watched(http.client.HTTPConnection), watched(http.client.HTTPSConnection)

    class Http(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(http_conn, req)

    class Https(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            # 3.11 has check_hostname
            extra = {"check_hostname": self._check_hostname} if hasattr(self, "_check_hostname") else {}
            return self.do_open(https_conn, req, context=self._context, **extra)  # type: ignore[attr-defined]

    return [Http(), Https()]


def _declared_length(response: Any) -> int | None:
    length = (response.headers.get("Content-Length", "") or "").strip()
    return int(length) if length.isascii() and length.isdigit() else None  # "2¹" is a digit too


def _read_body(
    response: Any, host: str, timeout: float, deadline: _Deadline | None = None, limit: int = MAX_FILE_BYTES
) -> bytes:
    """The whole body, or FetchError: too big, past the deadline, or shorter than Content-Length said
    (a cut-off body must never be taken, nor its validators kept)."""
    length = _declared_length(response)
    if length is not None and length > limit:
        raise _too_big(length, limit)
    seconds = timeout * DOWNLOAD_DEADLINE_FACTOR
    ends = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    read = getattr(response, "read1", None) or response.read  # read1: one receive, never a 64 KiB wait
    while True:
        try:
            chunk = read(_CHUNK)
        except (OSError, http.client.HTTPException):
            if deadline is not None and deadline.expired:
                raise deadline.error(host) from None
            raise
        if deadline is not None and deadline.expired:
            raise deadline.error(host)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise _too_big(size, limit)
        if time.monotonic() > ends:  # without a watchdog (tests' fake responses) the loop still stops
            raise FetchError(msg("sync.download_slow", host=host, seconds=f"{seconds:g}"))
        chunks.append(chunk)
    if length is not None and size != length:
        raise FetchError(msg("sync.cut_off", host=host, size=size, length=length))
    return b"".join(chunks)


def _last_modified(headers: Any) -> str:
    """Last-Modified, unless it is within a second of the response's Date: a file changed again in that
    same second would carry the same Last-Modified, so it cannot tell the versions apart."""
    value = headers.get("Last-Modified", "") or ""
    date = headers.get("Date", "") or ""
    if not value or not date:
        return value
    try:
        modified, now = parsedate_to_datetime(value), parsedate_to_datetime(date)
        if abs((now - modified).total_seconds()) <= 1:
            return ""
    except (TypeError, ValueError, IndexError):
        return ""  # unreadable: not a validator either
    return value


def _failure(exc: BaseException, deadline: _Deadline, host: str, timeout: float) -> FetchError:
    """What a request that broke off (or was cut at the deadline) tells the user."""
    if deadline.expired:
        return deadline.error(host)
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    return _network_error(reason, host, timeout)


def fetch_url(
    url: str, headers: Mapping[str, str], timeout: float, limit: int = MAX_FILE_BYTES
) -> FetchResult:
    """GET `url` with the given (conditional) headers; 304 comes back as a result, failures raise.
    Connect, headers and body together take at most timeout × DOWNLOAD_DEADLINE_FACTOR; a body over
    `limit` bytes is refused."""
    host = urlsplit(url).netloc or url
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"QuickReply/{__version__} (team-pack sync)",
            "Accept": "application/toml, text/plain;q=0.9, */*;q=0.5",
            "Cache-Control": "no-cache",  # a caching proxy between us and the server must revalidate
            **headers,
        },
    )
    deadline = _Deadline(timeout * DOWNLOAD_DEADLINE_FACTOR)
    opener = urllib.request.build_opener(_HttpOnlyRedirects, *_deadline_handlers(deadline))
    try:
        with opener.open(request, timeout=timeout) as response:
            body = _read_body(response, host, timeout, deadline, limit)
            got = response.headers
            return FetchResult(200, body, got.get("ETag", "") or "", _last_modified(got))
    except urllib.error.HTTPError as exc:
        with exc:
            if exc.code == 304:
                got = exc.headers
                return FetchResult(304, b"", got.get("ETag", "") or "", _last_modified(got))
            raise _http_error(exc.code, str(exc.reason or "")) from None
    except FetchError:
        raise
    except (OSError, http.client.HTTPException) as exc:  # urllib's URLError is an OSError
        raise _failure(exc, deadline, host, timeout) from None
    except ValueError as exc:  # a malformed address, e.g. a redirect to "http://[bad/"
        raise FetchError(msg("sync.bad_address", detail=str(exc))) from None
    finally:
        deadline.cancel()


def put_url(url: str, body: bytes, content_type: str, timeout: float) -> int:
    """PUT `body` at `url` (the team's usage summaries); the 2xx status, or FetchError. An answer with
    another status raises `PutRefused` (3xx is not followed: a PUT is never sent on to another place).
    The same deadline as a GET bounds it."""
    host = urlsplit(url).netloc or url
    request = urllib.request.Request(
        url,
        data=body,
        method="PUT",
        headers={"User-Agent": f"QuickReply/{__version__} (usage summary)", "Content-Type": content_type},
    )
    deadline = _Deadline(timeout * DOWNLOAD_DEADLINE_FACTOR)
    opener = urllib.request.build_opener(_HttpOnlyRedirects, *_deadline_handlers(deadline))
    try:
        with opener.open(request, timeout=timeout) as response:
            _read_body(response, host, timeout, deadline, _PUT_ANSWER_BYTES)
            return int(response.status)
    except urllib.error.HTTPError as exc:
        with exc:
            said = said_message(exc.headers.get(MESSAGE_HEADER) if exc.headers is not None else None)
            raise PutRefused(exc.code, _http_error(exc.code, str(exc.reason or "")), said) from None
    except FetchError:
        raise
    except (OSError, http.client.HTTPException) as exc:  # urllib's URLError is an OSError
        raise _failure(exc, deadline, host, timeout) from None
    except ValueError as exc:
        raise FetchError(msg("sync.bad_address", detail=str(exc))) from None
    finally:
        deadline.cancel()


_PUT_ANSWER_BYTES = 1024 * 1024  # what a server may say back to a PUT; more is a server that lies


class PutRefused(FetchError):
    """The server answered a PUT with a status other than 2xx; `said` is why, when the server is
    `quickreply usage-server` (its refusal as a catalogue message, in the `MESSAGE_HEADER`)."""

    def __init__(self, status: int, error: FetchError, said: Message | None = None) -> None:
        super().__init__(error.message)
        self.status = status
        self.said = said


# A QuickReply server's answer carries its refusal as a catalogue message (JSON, ASCII), so the app renders
# it in the agent's language; its body is the same text in the language the reader asked for.
MESSAGE_HEADER = "X-QuickReply-Message"


def said_message(header: str | None) -> Message | None:
    """The message in a `MESSAGE_HEADER` value; None when there is none or it is not one we know."""
    if not header:
        return None
    try:
        return from_json(json.loads(header))
    except (ValueError, RecursionError):
        return None


def _pack_files(location: Path) -> list[Path]:
    if location.suffix.lower() == ".toml":
        location.stat()  # raises FileNotFoundError when the one file is gone
        return [location]
    return sorted((p for p in location.iterdir() if is_pack_file(p)), key=lambda p: p.name)


def read_folder(
    location: str, settle: float = FOLDER_SETTLE_SECONDS
) -> tuple[dict[str, bytes], dict[str, FetchError]]:
    """The bytes of every pack in a folder (or of one .toml file), and files that could not be read
    (StillWriting for one that is still changing: not a failure, it is read at the next sync).

    Raises FetchError when the folder itself is missing, unreadable or holds no packs."""
    where = Path(location)
    what = msg("sync.what.file" if where.suffix.lower() == ".toml" else "sync.what.folder")
    try:
        files = _pack_files(where)
    except FileNotFoundError:
        raise FetchError(msg("sync.missing", what=what)) from None
    except OSError as exc:
        raise FetchError(msg("sync.unreadable", what=what, reason=os_reason(exc))) from None
    if not files:
        raise FetchError(msg("sync.folder_empty"))
    return _read_stable(files, settle)


def _stat_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _read_stable(files: list[Path], settle: float) -> tuple[dict[str, bytes], dict[str, FetchError]]:
    """Read each file only when its size and mtime stayed the same across two polls `settle` seconds
    apart and while it was read: a pack still being copied onto the share is left for the next sync
    (StillWriting), never taken half-written. The wait is paid only when a file changed very recently."""
    first = {path: _stat_key(path) for path in files}
    now_ns = time.time_ns()
    if any(key is not None and now_ns - key[1] < settle * 1e9 for key in first.values()):
        time.sleep(settle)
    found: dict[str, bytes] = {}
    failed: dict[str, FetchError] = {}
    for path in files:
        problem = file_name_problem(path.name)
        if problem:
            failed[path.name] = FetchError(msg("reliability.folder_file_name", name=path.name))
            continue
        try:
            before = _stat_key(path)
            if before is None or before != first[path]:
                failed[path.name] = StillWriting()
                continue
            if before[0] > MAX_FILE_BYTES:
                raise _too_big(before[0])
            data = path.read_bytes()
            if _stat_key(path) != before or len(data) != before[0]:
                failed[path.name] = StillWriting()
                continue
            found[path.name] = data
        except FetchError as exc:
            failed[path.name] = exc
        except OSError as exc:
            what = msg("sync.what.file")
            failed[path.name] = FetchError(msg("sync.unreadable", what=what, reason=os_reason(exc)))
    return found, failed


def folder_fingerprint(location: str) -> tuple[tuple[str, int, int], ...] | None:
    """(name, size, mtime) of each pack in a folder source: cheap to poll; None when unreachable.

    Stat only; on a slow network share even this can block, so call it off the UI thread."""
    try:
        files = _pack_files(Path(location))
        return tuple((p.name, (st := p.stat()).st_size, st.st_mtime_ns) for p in files)
    except OSError:
        return None
