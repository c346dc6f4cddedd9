"""Team-pack subscriptions: the `[[subscriptions]]` entries and the `[sync]` table of settings.toml.

core/settings/model.py skips these sections; they are read here so the sync (app timer and `quickreply sync`)
has one parser. An entry with an error is left out and reported as an error with its line.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import tomli_w

from quickreply.core import toml_load
from quickreply.core.messages import Message, msg, os_reason, render
from quickreply.core.model import Problem, Severity
from quickreply.core.packs.toml_errors import toml_error
from quickreply.core.packs.toml_lines import TomlLines

DEFAULT_INTERVAL_MINUTES = 30
DEFAULT_TIMEOUT_SECONDS = 10.0
MAX_INTERVAL_MINUTES = 24 * 60
MAX_TIMEOUT_SECONDS = 300.0
ENTRY_KEYS = frozenset({"url", "path", "name"})
SYNC_KEYS = frozenset({"interval_minutes", "timeout_seconds"})


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


@dataclass(frozen=True)
class SyncConfig:
    sources: tuple[Source, ...] = ()
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES  # 0: check only when the app starts
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS


class SubscriptionsError(Exception):
    """settings.toml cannot be read at all (not UTF-8, not TOML); `message` says what to do (str() is
    English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(render(message, "en"))
        self.message = message


def _url_problem(url: str) -> Message | None:
    if any(ord(char) < 32 or ord(char) == 127 for char in unquote(url)):
        return msg("subs.url_control_char", url=url)
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[intranet/…": an unclosed [ for an IPv6 address
        return msg("subs.url_invalid", url=url)
    if parts.scheme.lower() not in ("http", "https"):
        scheme = msg("subs.scheme", scheme=parts.scheme) if parts.scheme else msg("subs.no_scheme")
        return msg("subs.url_scheme", url=url, scheme=scheme)
    try:
        parts.port  # noqa: B018 - raises on a bad port number
    except ValueError:
        return msg("subs.url_port", url=url)
    if not parts.hostname:
        return msg("subs.url_no_host", url=url)
    return None


def _entry(raw: Any, base: Path, line: int, report: Any) -> Source | None:
    if not isinstance(raw, dict):
        report(line, msg("subs.entry_not_table"))
        return None
    for key in sorted(raw.keys() - ENTRY_KEYS):
        report(line, msg("subs.unknown_key", key=key), warning=True)
    name = raw.get("name", "")
    if not isinstance(name, str):
        report(line, msg("subs.name_not_string"))
        return None
    url, path = raw.get("url"), raw.get("path")
    if (url is None) == (path is None):
        report(line, msg("subs.both" if url is not None else "subs.neither"))
        return None
    value = url if url is not None else path
    if not isinstance(value, str) or not value.strip():
        report(line, msg("subs.value_empty", key="url" if url is not None else "path"))
        return None
    value = value.strip()
    if url is not None:
        problem = _url_problem(value)
        if problem:
            report(line, problem)
            return None
        return Source("url", value, name.strip())
    # A relative path is read from the settings folder, so a portable install can ship its own.
    folder = Path(os.path.expanduser(value))
    location = os.path.abspath(folder if folder.is_absolute() else base / folder)
    return Source("path", location, name.strip())


def _number_setting(raw: dict[str, Any], key: str, low: float, high: float, default: Any, report: Any) -> Any:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        report(msg("subs.sync_range", key=key, low=f"{low:g}", high=f"{high:g}", used=default))
        return default
    return value


def _sync_table(raw: Any, lines: TomlLines, report: Any) -> tuple[int, float]:
    line = lines.table_line("sync")
    if not isinstance(raw, dict):
        report(line, msg("subs.sync_not_table"))
        return DEFAULT_INTERVAL_MINUTES, DEFAULT_TIMEOUT_SECONDS
    for key in sorted(raw.keys() - SYNC_KEYS):
        report(line, msg("subs.sync_unknown_key", key=key, known=", ".join(sorted(SYNC_KEYS))), warning=True)

    def at(message: Message) -> None:
        report(line, message)

    interval = _number_setting(raw, "interval_minutes", 0, MAX_INTERVAL_MINUTES, DEFAULT_INTERVAL_MINUTES, at)
    if not isinstance(interval, int):
        at(msg("subs.sync_whole", used=DEFAULT_INTERVAL_MINUTES))
        interval = DEFAULT_INTERVAL_MINUTES
    timeout = _number_setting(raw, "timeout_seconds", 0.1, MAX_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS, at)
    return interval, float(timeout)


def parse_subscriptions(text: str, path: str, base: Path) -> tuple[SyncConfig, list[Problem]]:
    """Subscriptions and sync timing from settings TOML text; relative paths are read from `base`."""
    try:
        doc = toml_load.loads(text)
    except toml_load.TOMLDecodeError as exc:
        detail = toml_error(exc)
        raise SubscriptionsError(msg("subs.not_toml", path=path, detail=detail)) from exc
    lines = TomlLines(text)
    problems: list[Problem] = []

    def report(line: int, message: Message, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        problems.append(Problem(path, line, message, severity))

    raw_entries = doc.get("subscriptions", [])
    headers = lines.headers("subscriptions")
    sources: list[Source] = []
    if not isinstance(raw_entries, list):
        report(lines.table_line("subscriptions"), msg("subs.not_tables"))
        raw_entries = []
    for index, raw in enumerate(raw_entries):
        line = lines.line(headers[index]) if index < len(headers) else lines.table_line("subscriptions")
        source = _entry(raw, base, line, report)
        if source is None:
            continue
        if any(s.kind == source.kind and s.location == source.location for s in sources):
            report(line, msg("subs.listed_twice", location=source.location), True)
            continue
        sources.append(source)
    interval, timeout = DEFAULT_INTERVAL_MINUTES, DEFAULT_TIMEOUT_SECONDS
    if "sync" in doc:
        interval, timeout = _sync_table(doc["sync"], lines, report)
    return SyncConfig(tuple(sources), interval, timeout), problems


def load_subscriptions(settings_file: Path) -> tuple[SyncConfig, list[Problem]]:
    """Read settings.toml; no file means no subscriptions. Raises SubscriptionsError when unreadable."""
    try:
        raw = settings_file.read_bytes()
    except FileNotFoundError:
        return SyncConfig(), []
    except OSError as exc:
        raise SubscriptionsError(
            msg("subs.unreadable", path=str(settings_file), reason=os_reason(exc))
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubscriptionsError(msg("subs.not_utf8", path=str(settings_file))) from exc
    return parse_subscriptions(text, str(settings_file), settings_file.parent)


def sync_sections_toml(old_text: str) -> str:
    """`[sync]` and `[[subscriptions]]` of a settings text, written out again ("" when none or unreadable).

    dump_settings() writes only the sections it knows; appending this keeps the team subscriptions when the
    settings dialog saves the file. Entries are kept as written, even invalid ones, except nested tables."""
    try:
        doc = toml_load.loads(old_text)
    except toml_load.TOMLDecodeError:
        return ""
    verbatim = _verbatim_sections(old_text, doc)
    if verbatim is not None:  # the lines as the user wrote them, comments and broken entries included
        return "\n" + verbatim if verbatim.strip() else ""
    parts: list[str] = []
    if isinstance(doc.get("sync"), dict):
        parts.append(tomli_w.dumps({"sync": _flat(doc["sync"])}))
    entries = doc.get("subscriptions")
    # One by one: tomli_w inlines a short array of tables, which after [ui] would mean ui.subscriptions.
    for entry in entries if isinstance(entries, list) else ():
        # An entry that would lose a value (a nested table) is left out: without it, a broken entry
        # could come back valid (`url` kept, the wrong `path = {…}` dropped).
        if isinstance(entry, dict) and _flat(entry) == entry:
            parts.append("[[subscriptions]]\n" + tomli_w.dumps(entry))
    return "".join("\n" + part for part in parts)


_HEADER = re.compile(r'^\s*\[\[?\s*(?:"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))')
_OURS = ("sync", "subscriptions")


def _verbatim_sections(text: str, doc: dict[str, Any]) -> str | None:
    """The lines of the [sync] and [[subscriptions]] tables (and their sub-tables) exactly as written, or
    None when they cannot be cut out faithfully (e.g. written inline at the top); checked by parsing."""
    kept: list[str] = []
    ours = False
    for line in text.splitlines(keepends=True):
        found = _HEADER.match(line)
        if found and line.lstrip().startswith("["):
            ours = next(g for g in found.groups() if g is not None) in _OURS
        if ours:
            kept.append(line)
    result = "".join(kept)
    if result and not result.endswith("\n"):
        result += "\n"
    try:
        again = toml_load.loads(result)
    except toml_load.TOMLDecodeError:
        return None
    if set(again) - set(_OURS) or any(again.get(k) != doc.get(k) for k in _OURS):
        return None
    return result


def _flat(table: dict[str, Any]) -> dict[str, Any]:
    """Scalar and list values only: a nested table would come out as a header of its own."""
    return {k: v for k, v in table.items() if not isinstance(v, dict) and not _has_tables(v)}


def _has_tables(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(item, dict | list) for item in value)
