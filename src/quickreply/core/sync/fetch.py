"""Getting a source's bytes: one pack over HTTP (conditional GET, stdlib urllib), or a folder's packs.

Failures raise FetchError with a message in English and in Chinese that says what went wrong and what to
do; the sync turns it into "the last good copy is still used".
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from quickreply import __version__
from quickreply.core.packs.load import MAX_FILE_BYTES

# Whole download may take this many times the timeout (the timeout itself bounds connect and each read).
DOWNLOAD_DEADLINE_FACTOR = 6
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A source could not be read; str() is English, `.zh` Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh


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
            raise FetchError(
                f"the server redirected to {newurl}; only http:// and https:// are followed",
                f"服务器跳转到 {newurl}；只接受 http:// 和 https:// 地址",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _http_error(code: int, reason: str) -> FetchError:
    status = f"HTTP {code} {reason}".strip()
    if code == 404:
        return FetchError(
            f"the server has no file at this address ({status}); check the url with the team lead",
            f"服务器上没有这个文件（{status}）；请向主管核对地址",
        )
    if code in (401, 403):
        return FetchError(f"the server refused access ({status})", f"服务器拒绝访问（{status}）")
    if code >= 500:
        return FetchError(
            f"the server failed ({status}); it may be busy — try again later or tell the team lead",
            f"服务器出错（{status}）；稍后再试，或告诉主管",
        )
    return FetchError(f"the server answered {status}", f"服务器返回 {status}")


def _network_error(reason: BaseException | str, host: str, timeout: float) -> FetchError:
    if isinstance(reason, FetchError):
        return reason
    if isinstance(reason, TimeoutError | socket.timeout):
        return FetchError(
            f"no answer from {host} within {timeout:g} s (server down or overloaded, or no network)",
            f"{host} 在 {timeout:g} 秒内没有响应（服务器停机或繁忙，或网络不通）",
        )
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(
            f"connection refused by {host}: the server is not running or the address is wrong",
            f"无法连接 {host}（连接被拒绝）：服务器没有运行，或地址有误",
        )
    if isinstance(reason, socket.gaierror):
        return FetchError(
            f"unknown server name '{host}' (no network, or a typo in the url)",
            f"找不到服务器 '{host}'（网络不通，或地址拼错）",
        )
    if isinstance(reason, ssl.SSLCertVerificationError):
        detail = reason.verify_message or reason
        return FetchError(
            f"the certificate of {host} is not trusted ({detail})", f"{host} 的证书不受信任（{detail}）"
        )
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        detail = str(reason) or type(reason).__name__
        return FetchError(
            f"the connection to {host} broke off ({detail}); try again later",
            f"与 {host} 的连接中断（{detail}）；请稍后再试",
        )
    detail = (reason.strerror if isinstance(reason, OSError) else None) or str(reason)
    return FetchError(f"cannot reach {host}: {detail}", f"无法访问 {host}：{detail}")


def _too_big(size: int) -> FetchError:
    limit = MAX_FILE_BYTES // 1024 // 1024
    mb = size / 1024 / 1024
    return FetchError(
        f"the file is over {mb:.0f} MB; the limit is {limit} MB", f"文件超过 {mb:.0f} MB；上限是 {limit} MB"
    )


def _read_body(response: Any, host: str, timeout: float) -> bytes:
    length = response.headers.get("Content-Length", "") or ""
    if length.isascii() and length.isdigit() and int(length) > MAX_FILE_BYTES:  # "2¹" is a digit too
        raise _too_big(int(length))
    deadline = time.monotonic() + timeout * DOWNLOAD_DEADLINE_FACTOR
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise _too_big(size)
        if time.monotonic() > deadline:  # a server that trickles bytes never trips the read timeout
            seconds = timeout * DOWNLOAD_DEADLINE_FACTOR
            raise FetchError(
                f"the download from {host} took longer than {seconds:g} s",
                f"从 {host} 下载超过 {seconds:g} 秒",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(url: str, headers: Mapping[str, str], timeout: float) -> FetchResult:
    """GET `url` with the given (conditional) headers; 304 comes back as a result, failures raise."""
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
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            body = _read_body(response, host, timeout)
            got = response.headers
            return FetchResult(200, body, got.get("ETag", ""), got.get("Last-Modified", ""))
    except urllib.error.HTTPError as exc:
        with exc:
            if exc.code == 304:
                got = exc.headers
                return FetchResult(304, b"", got.get("ETag", ""), got.get("Last-Modified", ""))
            raise _http_error(exc.code, str(exc.reason or "")) from None
    except urllib.error.URLError as exc:
        raise _network_error(exc.reason, host, timeout) from None
    except (OSError, http.client.HTTPException) as exc:
        raise _network_error(exc, host, timeout) from None
    except ValueError as exc:  # a malformed address, e.g. a redirect to "http://[bad/"
        raise FetchError(
            f"the address cannot be used ({exc}); check the url with the team lead",
            f"地址无法使用（{exc}）；请向主管核对地址",
        ) from None


def is_pack_file(path: Path) -> bool:
    """A `.toml` file, not a hidden or temporary one (editors and atomic saves leave `.name.tmp`)."""
    return path.suffix.lower() == ".toml" and not path.name.startswith((".", "~$")) and path.is_file()


def _pack_files(location: Path) -> list[Path]:
    if location.suffix.lower() == ".toml":
        location.stat()  # raises FileNotFoundError when the one file is gone
        return [location]
    return sorted((p for p in location.iterdir() if is_pack_file(p)), key=lambda p: p.name)


def read_folder(location: str) -> tuple[dict[str, bytes], dict[str, FetchError]]:
    """The bytes of every pack in a folder (or of one .toml file), and files that could not be read.

    Raises FetchError when the folder itself is missing, unreadable or holds no packs."""
    where = Path(location)
    en, zh = ("the file", "文件") if where.suffix.lower() == ".toml" else ("the folder", "文件夹")
    try:
        files = _pack_files(where)
    except FileNotFoundError:
        raise FetchError(
            f"{en} does not exist or cannot be reached (network share offline?)",
            f"{zh}不存在或无法访问（共享文件夹离线？）",
        ) from None
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise FetchError(f"cannot read {en}: {detail}", f"无法读取{zh}：{detail}") from None
    if not files:
        raise FetchError(
            "the folder holds no .toml packs (to stop using this source, remove the subscription)",
            "文件夹里没有 .toml 短语包（不再使用这个来源的话，请删除这条订阅）",
        )
    found: dict[str, bytes] = {}
    failed: dict[str, FetchError] = {}
    for path in files:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise _too_big(path.stat().st_size)
            found[path.name] = path.read_bytes()
        except FetchError as exc:
            failed[path.name] = exc
        except OSError as exc:
            detail = exc.strerror or str(exc)
            failed[path.name] = FetchError(f"cannot read the file: {detail}", f"无法读取文件：{detail}")
    return found, failed


def folder_fingerprint(location: str) -> tuple[tuple[str, int, int], ...] | None:
    """(name, size, mtime) of each pack in a folder source: cheap to poll; None when unreachable.

    Stat only; on a slow network share even this can block, so call it off the UI thread."""
    try:
        files = _pack_files(Path(location))
        return tuple((p.name, (st := p.stat()).st_size, st.st_mtime_ns) for p in files)
    except OSError:
        return None
