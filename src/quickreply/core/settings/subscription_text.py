"""Edits of the `[sync]` and `[[subscriptions]]` text of settings.toml that keep what the user wrote.

`kept_sync_sections` hands those sections, as written, to `model.save_settings`; `add_subscription` and
`remove_subscription` (for `quickreply subscribe` / `unsubscribe` and the dialog's 团队短语 page) change
only the entries they add or drop, so every other line of the file stays byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import tomli_w

from quickreply.core import toml_load
from quickreply.core.packs.toml_lines import _HEADER as _TABLE_HEADER
from quickreply.core.settings.subscriptions import Source, absolute_folder


class EntriesNotEditable(Exception):
    """The `[[subscriptions]]` entries cannot be matched to their text (e.g. written inline)."""


def kept_sync_sections(old_text: str) -> str:
    """`[sync]` and `[[subscriptions]]` of a settings text, written out again ("" when none or unreadable).

    The model writes the sections it knows; appending this keeps the team subscriptions when the settings
    dialog saves the file. Entries are kept as written, even invalid ones, except nested tables."""
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


# -- adding and removing entries ---------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    """A TOML basic string; Windows paths come out with doubled backslashes, which TOML reads back."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ord(ch) >= 32 and ord(ch) != 127 else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def add_subscription(
    text: str, sources: tuple[Source, ...], kind: Literal["url", "path"], location: str, name: str = ""
) -> tuple[str, bool]:
    """(new text, True) with one `[[subscriptions]]` entry appended; (text, False) when `sources` (what
    the model read from `text`) already has it."""
    for source in sources:
        if source.kind == kind and source.location == location:
            return text, False
    entry = "[[subscriptions]]\n"
    if name.strip():
        entry += f"name = {_toml_string(name.strip())}\n"
    entry += f"{kind} = {_toml_string(location)}\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    entry = entry.replace("\n", newline)
    if not text.strip():
        return text + entry, True
    ending = "" if text.endswith("\n") else newline
    return text + ending + newline + entry, True


def _entry_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `[[subscriptions]]` block: its header up to the next header or the end."""
    headers = list(_TABLE_HEADER.finditer(text))
    spans = []
    for i, match in enumerate(headers):
        if match.group(1) == "[" and match.group(2).strip() == "subscriptions":
            end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
            spans.append((match.start(), end))
    return spans


def remove_subscription(text: str, base: Path, which: str) -> tuple[str, list[Source]]:
    """Drop every entry whose url, path (as typed or absolute) or name is `which`; (new text, removed).
    Entries the model leaves out (broken ones) are matched too, by what they hold. Raises
    EntriesNotEditable when the entries cannot be found in the text."""
    wanted = which.strip()
    as_path = absolute_folder(wanted, base) if wanted else ""
    doc = toml_load.loads(text)
    entries = doc.get("subscriptions", [])
    spans = _entry_spans(text)
    if not isinstance(entries, list) or len(spans) != len(entries):
        raise EntriesNotEditable
    sources = [_source_of(entry, base) for entry in entries]
    drop = [
        i
        for i, source in enumerate(sources)
        if source is not None
        and (source.location in (wanted, as_path) or (source.name and source.name == wanted))
    ]
    new = text
    for i in reversed(drop):
        start, end = spans[i]
        new = new[:start] + new[end:]
    return new, [s for i, s in enumerate(sources) if i in drop and s is not None]


def _source_of(entry: object, base: Path) -> Source | None:
    if not isinstance(entry, dict):
        return None
    name = entry.get("name", "")
    name = name.strip() if isinstance(name, str) else ""
    url, where = entry.get("url"), entry.get("path")
    if isinstance(url, str) and url.strip():
        return Source("url", url.strip(), name)
    if isinstance(where, str) and where.strip():
        return Source("path", absolute_folder(where.strip(), base), name)
    return None
