"""The `[[subscriptions]]` entries of settings.toml: which team packs this agent follows.

Read by the settings model (`model.parse_settings`), the one reader of settings.toml: an entry that cannot
be used is left out and reported with its line; the good ones are kept.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from quickreply.core.messages import Message, msg

ENTRY_KEYS = frozenset({"url", "path", "name"})

# report(line, message, left_out): `left_out` when the entry is not used at all.
Report = Callable[[int, Message, bool], None]


@dataclass(frozen=True)
class Source:
    """One subscribed source: a pack file on a web server, or a folder (or one file) of packs."""

    kind: Literal["url", "path"]
    location: str  # the url as written, or an absolute path
    name: str = ""

    @property
    def key(self) -> str:
        """Stable name of this source's cache folder (a url or path is no safe folder name)."""
        return hashlib.sha256(f"{self.kind}:{self.location}".encode()).hexdigest()[:16]

    @property
    def label(self) -> str:
        """How messages name the source: `"团队话术" (http://…)` or just the location."""
        return f'"{self.name}" ({self.location})' if self.name else self.location


def url_problem(url: str, subscription: bool = True) -> Message | None:
    """Why `url` cannot be used (only http:// and https:// with a server name), or None. For a
    subscription the message adds that a folder goes in `path =`."""
    if any(ord(char) < 32 or ord(char) == 127 for char in unquote(url)):
        return msg("subs.url_control_char", url=url)
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[intranet/…": an unclosed [ for an IPv6 address
        return msg("subs.url_invalid", url=url)
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme and not subscription:
            return msg("settings.url_no_scheme", url=url)
        scheme = msg("subs.scheme", scheme=parts.scheme) if parts.scheme else msg("subs.no_scheme")
        return msg("subs.url_scheme" if subscription else "settings.url_scheme", url=url, scheme=scheme)
    try:
        parts.port  # noqa: B018 - raises on a bad port number
    except ValueError:
        return msg("subs.url_port", url=url)
    if not parts.hostname:
        return msg("subs.url_no_host", url=url)
    return None


def absolute_folder(value: str, base: Path) -> str:
    """A `path =` value made absolute: a relative path is read from the settings folder (so a portable
    install can ship its own), `~` is the home folder."""
    folder = Path(os.path.expanduser(value))
    return os.path.abspath(folder if folder.is_absolute() else base / folder)


def _entry(raw: Any, base: Path, line: int, report: Report) -> Source | None:
    if not isinstance(raw, dict):
        report(line, msg("subs.entry_not_table"), True)
        return None
    for key in sorted(raw.keys() - ENTRY_KEYS):
        report(line, msg("subs.unknown_key", key=key), False)
    name = raw.get("name", "")
    if not isinstance(name, str):
        report(line, msg("subs.name_not_string"), True)
        return None
    url, path = raw.get("url"), raw.get("path")
    if (url is None) == (path is None):
        report(line, msg("subs.both" if url is not None else "subs.neither"), True)
        return None
    value = url if url is not None else path
    if not isinstance(value, str) or not value.strip():
        report(line, msg("subs.value_empty", key="url" if url is not None else "path"), True)
        return None
    value = value.strip()
    if url is not None:
        problem = url_problem(value)
        if problem:
            report(line, problem, True)
            return None
        return Source("url", value, name.strip())
    return Source("path", absolute_folder(value, base), name.strip())


def read_subscriptions(
    raw: Any, lines: list[int], table_line: int, base: Path, report: Report
) -> tuple[Source, ...]:
    """The usable entries of `raw` (the parsed `subscriptions` value); `lines` are the lines of the
    `[[subscriptions]]` headers in file order, `table_line` where a non-array `subscriptions` is."""
    if not isinstance(raw, list):
        report(table_line, msg("subs.not_tables"), True)
        return ()
    sources: list[Source] = []
    for index, entry in enumerate(raw):
        line = lines[index] if index < len(lines) else table_line
        source = _entry(entry, base, line, report)
        if source is None:
            continue
        if any(s.kind == source.kind and s.location == source.location for s in sources):
            report(line, msg("subs.listed_twice", location=source.location), False)
            continue
        sources.append(source)
    return tuple(sources)
