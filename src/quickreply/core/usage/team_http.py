"""The team's usage summaries on a web server: the same layout as the team folder, over HTTP(S).

    PUT <url>/<agent>.usage.json     each agent's app (opt-in `[usage] team_url`), the summary's JSON
    GET <url>/                       the lead's `quickreply usage --team URL`: a list of the summary files,
                                     as a JSON list of names (or of {"name": ...}, nginx's autoindex JSON)
                                     or an HTML folder listing; then GET <url>/<name> for each

Requests go through core/sync/fetch (the team packs' HTTP code): the same deadline, http(s)-only
redirects and size limits. Whatever the server does wrong ends as a catalogue message, never a crash.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import quote, unquote, urlsplit

from quickreply.core.messages import Message, msg
from quickreply.core.sync.fetch import FetchError, FetchResult, PutRefused, fetch_url, put_url
from quickreply.core.usage.team import SUFFIX, TeamUsage, add_summary, json_problem

MAX_SUMMARY_BYTES = 5 * 1024 * 1024  # 10,000 phrases' counts are about 1.5 MB
MAX_INDEX_BYTES = 2 * 1024 * 1024
MAX_FILES = 500  # agents of one team
MAX_FAILED = 3  # files that could not be fetched before the rest are left: a dead server costs 3 timeouts
_HREF = re.compile(rb"""href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)

Getter = Callable[[str, dict[str, str], float, int], FetchResult]


class UsageServerError(Exception):
    """The team server cannot be used; `message` says why (catalogue)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


class NotListing(ValueError):
    """A listing that names no summary files the way a server lists them; `reason` says how (catalogue)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.code)
        self.reason = reason


def is_url(text: str) -> bool:
    return urlsplit(text.strip()).scheme.lower() in ("http", "https")


def _base(url: str) -> str:
    url = url.strip()
    if not is_url(url) or not urlsplit(url).netloc:
        raise UsageServerError(msg("usage.bad_url", url=url))
    return url if url.endswith("/") else url + "/"


def _texts(exc: FetchError) -> Message:
    return exc.message


def summary_url(url: str, file_name: str) -> str:
    return _base(url) + quote(file_name)


def put_summary(url: str, file_name: str, body: bytes, timeout: float) -> str:
    """PUT the summary at `<url>/<file_name>`; the address written, or UsageServerError."""
    target = summary_url(url, file_name)
    try:
        put_url(target, body, "application/json; charset=utf-8", timeout)
    except PutRefused as exc:
        if exc.said is not None:  # quickreply usage-server said why
            detail = exc.said
            raise UsageServerError(
                msg("usage.server_refused", url=target, status=exc.status, detail=detail)
            ) from None
        if exc.status in (405, 501) or 300 <= exc.status < 400:
            raise UsageServerError(msg("usage.put_refused", url=target, status=exc.status)) from None
        raise UsageServerError(msg("usage.server_failed", url=target, detail=_texts(exc))) from None
    except FetchError as exc:
        raise UsageServerError(msg("usage.server_failed", url=target, detail=_texts(exc))) from None
    return target


def listed_names(body: bytes) -> list[str]:
    """The summary files a listing names: a JSON list (names, or objects with "name") or HTML links.
    Raises NotListing (a ValueError) for anything else."""
    text = body.lstrip()[:1]
    if text in (b"[", b"{"):
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError as exc:
            raise NotListing(json_problem(exc)) from None
        except RecursionError:
            raise NotListing(json_problem(ValueError())) from None
        if isinstance(data, dict):
            data = data.get("summaries", data.get("files"))
        if not isinstance(data, list):
            raise NotListing(msg("usage.listing.json_not_list"))
        raw = [item.get("name") if isinstance(item, dict) else item for item in data]
        names = [str(n) for n in raw if isinstance(n, str)]
    elif b"<" in body[:1024]:
        names = [unquote(m.decode("utf-8", "replace")) for m in _HREF.findall(body)]
    else:
        raise NotListing(msg("usage.listing.neither"))
    found: list[str] = []
    for name in names:
        leaf = name.rstrip("/").rsplit("/", 1)[-1]
        if leaf.endswith(SUFFIX) and leaf not in found and not leaf.startswith(".") and "\\" not in leaf:
            found.append(leaf)
    return found


def read_team_url(url: str, timeout: float, get: Getter = fetch_url) -> TeamUsage:
    """Every agent summary the server lists; raises UsageServerError when the listing cannot be had. A
    summary that cannot be fetched or read is named in `problems` and left out."""
    base = _base(url)
    accept = {"Accept": "application/json, text/html;q=0.9, */*;q=0.1"}
    try:
        listing = get(base, accept, timeout, MAX_INDEX_BYTES)
    except FetchError as exc:
        raise UsageServerError(msg("usage.server_failed", url=base, detail=_texts(exc))) from None
    try:
        names = listed_names(listing.body)
    except NotListing as exc:
        raise UsageServerError(msg("usage.not_listing", url=base, detail=exc.reason)) from None
    team = TeamUsage()
    if len(names) > MAX_FILES:
        team.problems.append(msg("usage.too_many", url=base, count=len(names), limit=MAX_FILES))
        names = names[:MAX_FILES]
    failed = 0
    for index, name in enumerate(names):
        if failed >= MAX_FAILED:
            team.problems.append(msg("usage.gave_up", failed=failed, left=len(names) - index))
            break
        target = base + quote(name)
        try:
            got = get(target, {"Accept": "application/json"}, timeout, MAX_SUMMARY_BYTES)
        except FetchError as exc:
            failed += 1
            team.problems.append(msg("usage.server_failed", url=target, detail=_texts(exc)))
            continue
        add_summary(team, name, got.body)
    team.agents.sort(key=lambda a: -a.saved_seconds)
    return team
