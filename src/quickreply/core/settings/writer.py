"""The text of settings.toml after a save: only what differs from the defaults, and the user's own lines.

A save edits the file the user has, line by line: a key the model owns is changed in place (its comment
kept), added to its table when it newly differs from the default, and removed when it is back at the
default, so a later version's better default reaches the agent. Comments, blank lines, unknown keys and
tables, `[sync]` and `[[subscriptions]]` stay as written. The result is read back; when it does not give
the settings saved (a file written in a shape these edits do not handle, such as inline tables), the file
is written afresh from the non-default values instead, keeping `[sync]` and `[[subscriptions]]`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import tomli_w

from quickreply.core import toml_load
from quickreply.core.settings.fields import FIELDS
from quickreply.core.settings.subscription_text import kept_sync_sections

if TYPE_CHECKING:
    from quickreply.core.settings.model import Settings

OWNED = ("profile", "hotkeys", "paste", "ui", "usage")  # [sync] and [[subscriptions]] are kept as written
NEW_FILE = (
    "# 快捷回复的设置：这里只写和默认值不同的项；托盘菜单 → 设置… 可以修改每一项。\n"
    "# QuickReply settings: only what differs from the defaults (every key and default: docs/settings.md).\n"
)
_HEADER = re.compile(r"^[ \t]*\[(\[?)[ \t]*([^\[\]#]+?)[ \t]*\]\]?[ \t]*(#.*)?$")
_KEY = re.compile(r"""^([ \t]*)("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*([.=])""")


class _CannotEdit(Exception):
    """The file is written in a shape the line edits do not handle; it is written afresh."""


def _changed(settings: Settings) -> dict[str, dict[str, Any]]:
    """Per owned table, the values that differ from the defaults, as TOML would hold them."""
    from quickreply.core.settings.model import Settings

    default = Settings()
    data: dict[str, dict[str, Any]] = {}
    for name in OWNED:
        section, base = getattr(settings, name), getattr(default, name)
        values = {
            f.name: _plain(getattr(section, f.name))
            for f in fields(section)
            if getattr(section, f.name) != getattr(base, f.name)
        }
        if values:
            data[name] = values
    return data


def _plain(obj: Any) -> Any:
    if isinstance(obj, tuple):  # paste rules
        return [{k: v for k, v in vars(rule).items() if v} for rule in obj]
    if isinstance(obj, Mapping):
        return dict(obj)
    return obj


def dump_settings(settings: Settings) -> str:
    """A new file: the non-default values of the tables the model writes (`[sync]` and `[[subscriptions]]`
    are appended as the user wrote them by `settings_text`)."""
    return tomli_w.dumps(_changed(settings))


def settings_text(old: str, settings: Settings) -> str:
    """The new text of settings.toml for `settings`, from the file's current text `old` (readable TOML,
    or "" for a new or unreadable file)."""
    if old.strip():
        try:
            new = _edited(old, settings)
        except _CannotEdit:
            new = None
        if new is not None and _reads_back(new, old, settings):
            return new
        return dump_settings(settings) + kept_sync_sections(old)
    return NEW_FILE + ("\n" + dump_settings(settings) if _changed(settings) else "")


def _reads_back(new: str, old: str, settings: Settings) -> bool:
    from quickreply.core.settings.model import SettingsError, parse_settings

    try:
        again, before = parse_settings(new)[0], parse_settings(old)[0]
    except SettingsError:
        return False
    same = all(getattr(again, name) == getattr(settings, name) for name in OWNED)
    return same and (again.sync, again.subscriptions) == (before.sync, before.subscriptions)


# -- the line edits ---------------------------------------------------------------------------------------


def _path(inner: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in inner.split("."))


def _tables(lines: list[str]) -> list[tuple[tuple[str, ...], bool, int, int]]:
    """(path, is an array table, first line, end) of every table; the top of the file is path ()."""
    found: list[tuple[tuple[str, ...], bool, int]] = [((), False, 0)]
    quote = ""
    for index, line in enumerate(lines):
        if quote:
            if line.count(quote) % 2:
                quote = ""
            continue
        for mark in ('"""', "'''"):
            if line.count(mark) % 2:
                quote = mark
        match = _HEADER.match(line.rstrip("\r\n"))
        if match and not quote:
            found.append((_path(match.group(2)), bool(match.group(1)), index))
    ends = [start for _, _, start in found[1:]] + [len(lines)]
    return [(path, array, start, end) for (path, array, start), end in zip(found, ends, strict=True)]


def _key_lines(lines: list[str], start: int, end: int) -> dict[str, int]:
    """Key -> line index of the `key = value` lines of one table (headers excluded)."""
    keys: dict[str, int] = {}
    quote = ""
    for index in range(start, end):
        line = lines[index]
        if quote:
            if line.count(quote) % 2:
                quote = ""
            continue
        match = _KEY.match(line)
        if match and not _HEADER.match(line.rstrip("\r\n")):
            if match.group(3) == ".":
                raise _CannotEdit  # a dotted key: `hotkeys.popup = …` inside a table
            keys.setdefault(match.group(2).strip("\"'"), index)
        for mark in ('"""', "'''"):
            if line.count(mark) % 2:
                quote = mark
    return keys


def _comment(line: str) -> str:
    """The ` # comment` ending a one-line `key = value`, as written ("" when none)."""
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if quote == '"' and char == "\\" and not escaped:
            escaped = True
            continue
        if quote and char == quote and not escaped:
            quote = ""
        elif not quote and char in "\"'":
            quote = char
        elif not quote and char == "#":
            start = index
            while start > 0 and line[start - 1] in " \t":
                start -= 1
            return line[start:].rstrip("\r\n")
        escaped = False
    return ""


def _value(key: str, value: Any) -> str:
    return tomli_w.dumps({key: value}).strip()


def _edited(old: str, settings: Settings) -> str:
    """`old` with every owned key set as in `settings` (non-defaults written, defaults removed)."""
    doc = toml_load.loads(old)
    newline = "\r\n" if "\r\n" in old else "\n"
    lines = old.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    tables = _tables(lines)
    top = _key_lines(lines, 0, tables[0][3])
    if any(name in top for name in OWNED):
        raise _CannotEdit  # `profile = { … }` at the top of the file
    changed = _changed(settings)
    replace: dict[int, str | None] = {}  # line index -> new line, or None to drop it
    insert: dict[int, list[str]] = {}  # line index -> lines to put before it
    appended: list[str] = []
    for name in OWNED:
        wanted = changed.get(name, {})
        spans = [t for t in tables if t[0] == (name,)]
        if len(spans) > 1 or any(t[1] for t in spans):
            raise _CannotEdit
        present = doc.get(name, {})
        if not isinstance(present, dict):
            raise _CannotEdit
        keys = _key_lines(lines, spans[0][2] + 1, spans[0][3]) if spans else {}
        new_lines: list[str] = []
        for f in (f for f in FIELDS if f.section == name):
            key, value = f.key, wanted.get(f.key)
            if key in keys:
                line = lines[keys[key]]
                if value is None:
                    replace[keys[key]] = None
                elif present.get(key) != value or type(present.get(key)) is not type(value):
                    if '"""' in line or "'''" in line:
                        raise _CannotEdit
                    indent = line[: len(line) - len(line.lstrip(" \t"))]
                    replace[keys[key]] = indent + _value(key, value) + _comment(line) + newline
            elif value is not None:
                new_lines.append(_value(key, value) + newline)
        if new_lines:
            if spans:
                insert.setdefault(_after_last_key(lines, spans[0], keys), []).extend(new_lines)
            else:
                appended += [newline, f"[{name}]{newline}", *new_lines]
        inline = keys.get("phrases" if name == "hotkeys" else "rules")  # older versions wrote `rules = []`
        appended += _sub_tables(name, lines, tables, present, wanted, replace, insert, newline, inline)
    out: list[str] = []
    for index, line in enumerate(lines):
        out += insert.get(index, [])
        kept = replace.get(index, line)
        if kept is not None:
            out.append(kept)
    out += insert.get(len(lines), [])
    text = "".join(out).rstrip("\r\n") + newline if out else ""
    if appended:
        text = (text + "".join(appended)).lstrip("\r\n")
    return _drop_empty_tables(text, newline)


def _after_last_key(
    lines: list[str], span: tuple[tuple[str, ...], bool, int, int], keys: dict[str, int]
) -> int:
    """Where a new key goes in a table: after its last key line (before trailing blanks and comments)."""
    last = max(keys.values(), default=span[2])
    return last + 1


def _sub_tables(
    name: str,
    lines: list[str],
    tables: list[tuple[tuple[str, ...], bool, int, int]],
    present: dict[str, Any],
    wanted: dict[str, Any],
    replace: dict[int, str | None],
    insert: dict[int, list[str]],
    newline: str,
    inline: int | None,
) -> list[str]:
    """`[hotkeys.phrases]` and `[[paste.rules]]`: left alone when unchanged, else written again whole in the
    place of the old ones. Written inline on one line (`rules = []`, `phrases = {}`), the line goes when
    empty or changed. Returns the lines to append when there is no old place to write them."""
    sub = {"hotkeys": "phrases", "paste": "rules"}.get(name)
    if sub is None:
        return []
    old, new = present.get(sub) or None, wanted.get(sub) or None
    if inline is not None:
        line = lines[inline].rstrip("\r\n")
        body = line[: len(line) - len(_comment(line))].rstrip()
        if not body.endswith(("]", "}")) or '"""' in body or "'''" in body:
            if old == new:
                return []
            raise _CannotEdit  # an inline value over several lines
        if old is None or old != new:
            replace[inline] = None
    if old == new:
        return []
    spans = [t for t in tables if t[0][:2] == (name, sub)]
    if any(len(t[0]) > 2 for t in spans):
        raise _CannotEdit  # a table below a rule
    if new is None:
        block: list[str] = []
    elif sub == "rules":
        block = [f"[[paste.rules]]{newline}" + tomli_w.dumps(rule).replace("\n", newline) for rule in new]
        block = [part + newline for part in block]
    else:
        block = [tomli_w.dumps({name: {sub: new}}).replace("\n", newline) + newline]
    for _, _, start, end in spans:
        for index in range(start, end):
            replace[index] = None
    if spans:
        insert.setdefault(spans[0][2], []).extend(block)
        return []
    return [newline, *block] if block else []  # a sub-table cannot go inside its parent: at the end


def _drop_empty_tables(text: str, newline: str) -> str:
    """Remove an owned table's header left with nothing below it (its keys all back at the default, or an
    empty `[hotkeys.phrases]` as older versions wrote it)."""
    lines = text.splitlines(keepends=True)
    tables = _tables(lines)
    drop: set[int] = set()
    for path, array, start, end in tables:
        ours = (len(path) == 1 and path[0] in OWNED) or path == ("hotkeys", "phrases")
        if ours and not array and all(not lines[i].strip() for i in range(start + 1, end)):
            drop.update(range(start, end))
    kept = "".join(line for index, line in enumerate(lines) if index not in drop)
    kept = re.sub(r"(\r?\n){3,}", newline * 2, kept)
    return kept.rstrip("\r\n") + newline if kept.strip() else ""
