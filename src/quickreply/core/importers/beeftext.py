"""Beeftext exports: the JSON combo list (combos + groups) and the 3-column CSV (keyword, snippet, name).

Beeftext's JSON (fileFormatVersion 1-8): `combos` with `keyword` (`comboText` before v2), `snippet`
(`substitutionText` before v2), `name`, `group` (a group uuid), `enabled`, `useHtml`; `groups` with `uuid`
and `name`. Snippets hold `#{...}` variables, where `\\}` and `\\\\` escape inside the braces.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from typing import Any

from quickreply.core.importers.common import (
    UNGROUPED,
    ImportFailed,
    ImportResult,
    PackBuilder,
    decode_text,
    make_title,
    normalize_newlines,
    placeholder_name,
)
from quickreply.core.model import Placeholder
from quickreply.core.template import escape_braces, render_partial

_VARIABLE = re.compile(r"#\{((?:\\.|[^}\\])*)\}")
_SIMPLE = {"clipboard": "{clipboard}", "date": "{date}", "time": "{time}", "dateTime": "{date} {time}"}


def looks_like_beeftext(text: str) -> bool:
    return '"combos"' in text[:4096] or '"fileFormatVersion"' in text[:4096]


def import_beeftext(data: bytes, source: str, pack_id: str, name: str) -> ImportResult:
    """A pack from a Beeftext JSON combo list, or (when it is not JSON) a Beeftext CSV export."""
    text, encoding = decode_text(data, source)
    builder = PackBuilder(pack_id, name, source, description="从 Beeftext 导入")
    if text.lstrip().startswith("{"):
        _import_json(builder, text)
    else:
        _import_csv(builder, text)
    return ImportResult(builder.build(), tuple(builder.warnings), encoding)


def _import_json(builder: PackBuilder, text: str) -> None:
    try:
        root = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{builder.source}: not valid JSON ({exc}); export the combos again") from exc
    combos = root.get("combos") if isinstance(root, dict) else None
    if not isinstance(combos, list):
        raise ImportFailed(f"{builder.source}: no 'combos' list; is this a Beeftext combo export?")
    groups = {
        str(g.get("uuid")): str(g.get("name", "")) for g in root.get("groups") or [] if isinstance(g, dict)
    }
    disabled = 0
    for index, combo in enumerate(combos, start=1):
        if not isinstance(combo, dict):
            builder.warn(f"{builder.source}: combo {index} is not an object; skipped")
            continue
        keyword = str(combo.get("keyword", combo.get("comboText", "")))
        snippet = str(combo.get("snippet", combo.get("substitutionText", "")))
        where = f"{builder.source}: combo {index} '{keyword}'"
        if combo.get("useHtml"):
            builder.warn(f"{where}: rich-text snippet imported as plain text (formatting dropped)")
            snippet = _html_text(snippet)
        if combo.get("enabled") is False:
            disabled += 1
        group = groups.get(str(combo.get("group")), "") if combo.get("group") else ""
        _add(builder, keyword, snippet, str(combo.get("name", "")), group or UNGROUPED, where)
    if disabled:
        builder.warn(
            f"{builder.source}: {disabled} combos were disabled in Beeftext; imported like the others"
        )


def _import_csv(builder: PackBuilder, text: str) -> None:
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        where = f"{builder.source}: row {number}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            builder.warn(f"{where}: needs keyword and snippet columns; row skipped")
            continue
        keyword, snippet = row[0], row[1]
        _add(builder, keyword, snippet, row[2] if len(row) > 2 else "", UNGROUPED, where)


def _add(builder: PackBuilder, keyword: str, snippet: str, title: str, group: str, where: str) -> None:
    snippet = normalize_newlines(snippet).strip()
    if not snippet:
        builder.warn(f"{where}: empty snippet; skipped")
        return
    template = _convert(builder, snippet, where)
    title = title.strip() or make_title(render_partial(template, {}))
    builder.add(template, title=title, category=group, code=keyword, where=where)


def _convert(builder: PackBuilder, snippet: str, where: str) -> str:
    """The snippet as a template: literal text escaped, `#{...}` variables mapped or kept as text."""
    out: list[str] = []
    pos = 0
    for found in _VARIABLE.finditer(snippet):
        out.append(escape_braces(snippet[pos : found.start()]))
        out.append(_variable(builder, found.group(1), found.group(0), where))
        pos = found.end()
    out.append(escape_braces(snippet[pos:]))
    return "".join(out)


def _variable(builder: PackBuilder, inner: str, written: str, where: str) -> str:
    if inner in _SIMPLE:
        if inner != "clipboard":
            builder.warn(f"{where}: #{{{inner}}} becomes {_SIMPLE[inner]} (QuickReply's date/time format)")
        return _SIMPLE[inner]
    if inner == "cursor":
        builder.warn(f"{where}: #{{cursor}} removed (the pasted text ends where it ends)")
        return ""
    if inner.startswith("input:"):
        label = inner[len("input:") :].replace("\\}", "}").replace("\\\\", "\\")
        name = placeholder_name(label)
        builder.declare(Placeholder(name=name, label=label))
        return "{" + name + "}"
    builder.warn(f"{where}: variable {written} has no QuickReply equivalent; kept as literal text")
    return escape_braces(written)


def _html_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


class _TextOnly(HTMLParser):
    """The visible text of a snippet's HTML; <br> and block ends become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("style", "head", "script"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "head", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("p", "div", "li", "tr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        # Whitespace holding a line break sits between tags for layout (Qt writes one after each </p>).
        if not self._skip and not (data.isspace() and "\n" in data):
            self.parts.append(data)
