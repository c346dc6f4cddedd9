"""Beeftext exports: the JSON combo list (combos + groups), the 3-column CSV (keyword, snippet, name) and
the cheat-sheet CSV (header `Group,Name,Keyword,Snippet`).

Beeftext's JSON (fileFormatVersion 1-8): `combos` with `keyword` (`comboText` before v2), `snippet`
(`substitutionText` before v2), `name`, `group` (a group uuid), `enabled`, `useHtml`; `groups` with `uuid`
and `name`. Snippets hold `#{...}` variables, where `\\}` and `\\\\` escape inside the braces:
`#{dateTime:yyyy-MM-dd}` (a Qt date format) becomes {date}, {time} or both; `#{combo:kw}` inserts that
combo's snippet (also under `upper:`, `lower:`, `trim:`); a combo without a name is titled by its keyword.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from quickreply.core.importers.common import (
    UNGROUPED,
    ImportFailed,
    ImportResult,
    PackBuilder,
    Progress,
    Where,
    decode_text,
    normalize_newlines,
    placeholder_name,
)
from quickreply.core.messages import msg
from quickreply.core.model import Placeholder
from quickreply.core.template import escape_braces

_VARIABLE = re.compile(r"#\{((?:\\.|[^}\\])*)\}")
_SIMPLE = {"clipboard": "{clipboard}", "date": "{date}", "time": "{time}", "dateTime": "{date} {time}"}
_QT_TIME = re.compile(r"[hHmszaApt]")
_QT_DATE = re.compile(r"[dMyg]")
_QT_QUOTED = re.compile(r"'[^']*'")
CHEAT_SHEET_HEADER = ("group", "name", "keyword", "snippet")
_TRANSFORMS: dict[str, Callable[[str], str]] = {
    "combo": str,
    "upper": str.upper,
    "lower": str.lower,
    "trim": str.strip,
}
MAX_COMBO_DEPTH = 8


def sniff_beeftext(text: str) -> float:
    head = text[:4096]
    if '"combos"' in head or '"fileFormatVersion"' in head:
        return 0.95
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip().lower()
    if tuple(c.strip().strip('"') for c in first.split(",")) == CHEAT_SHEET_HEADER:
        return 0.95
    return 0.0


def looks_like_beeftext(text: str) -> bool:
    return sniff_beeftext(text) > 0.5


def import_beeftext(
    data: bytes, source: str, pack_id: str, name: str, progress: Progress | None = None
) -> ImportResult:
    """A pack from a Beeftext JSON combo list, or (when it is not JSON) a Beeftext CSV export."""
    text, encoding = decode_text(data, source)
    builder = PackBuilder(pack_id, name, source, description="从 Beeftext 导入", progress=progress)
    if text.lstrip().startswith("{"):
        _import_json(builder, text)
    else:
        _import_csv(builder, text)
    return builder.result(encoding, "beeftext")


def _import_json(builder: PackBuilder, text: str) -> None:
    try:
        root = json.loads(text)
    except RecursionError as exc:
        raise ImportFailed(
            msg("import.too_deep", source=builder.source, limit=sys.getrecursionlimit())
        ) from exc
    except json.JSONDecodeError as exc:
        raise ImportFailed(msg("import.bad_json", source=builder.source, reason=str(exc))) from exc
    combos = root.get("combos") if isinstance(root, dict) else None
    if not isinstance(combos, list):
        raise ImportFailed(msg("import.not_beeftext", source=builder.source))
    groups = {
        str(g.get("uuid")): str(g.get("name", "")) for g in root.get("groups") or [] if isinstance(g, dict)
    }
    entries: list[tuple[str, str, str, str, Where]] = []  # keyword, snippet, name, group, where
    disabled = 0
    for index, combo in enumerate(combos, start=1):
        if not isinstance(combo, dict):
            builder.warn(
                "import.skip_not_object", where=msg("import.where.combo", source=builder.source, index=index)
            )
            continue
        keyword = str(combo.get("keyword", combo.get("comboText", "")))
        snippet = str(combo.get("snippet", combo.get("substitutionText", "")))
        where = msg("import.where.combo_keyword", source=builder.source, index=index, keyword=keyword)
        if combo.get("useHtml"):
            builder.warn("import.simplified_rich_text", where=where)
            snippet = _html_text(snippet)
        if combo.get("enabled") is False:
            disabled += 1
        group = groups.get(str(combo.get("group")), "") if combo.get("group") else ""
        entries.append((keyword, snippet, str(combo.get("name", "")), group or UNGROUPED, where))
    _add_all(builder, entries)
    if disabled:
        builder.warn("import.disabled_combos", source=builder.source, count=disabled)


def _import_csv(builder: PackBuilder, text: str) -> None:
    entries: list[tuple[str, str, str, str, Where]] = []
    columns = (0, 1, 2, -1)  # keyword, snippet, name, group (Beeftext's plain CSV export has no group)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportFailed(msg("import.bad_csv", source=builder.source, reason=str(exc))) from exc
    for number, row in enumerate(rows, start=1):
        where = msg("import.where.row", source=builder.source, row=number)
        if not any(cell.strip() for cell in row):
            continue
        names = tuple(cell.strip().lstrip("\ufeff").lower() for cell in row)
        if number == 1 and names == CHEAT_SHEET_HEADER:
            columns = (2, 3, 1, 0)
            continue
        if len(row) <= max(columns[:2]):
            builder.warn("import.skip_short_row", where=where)
            continue
        keyword, snippet, title, group = (row[i] if 0 <= i < len(row) else "" for i in columns)
        entries.append((keyword, snippet, title, group.strip() or UNGROUPED, where))
    _add_all(builder, entries)


def _add_all(builder: PackBuilder, entries: list[tuple[str, str, str, str, Where]]) -> None:
    snippets = {keyword: snippet for keyword, snippet, *_ in reversed(entries)}  # the first of a keyword
    for keyword, snippet, title, group, where in entries:
        snippet = normalize_newlines(snippet).strip()
        if not snippet:
            builder.warn("import.skip_empty", where=where)
            continue
        template = _convert(builder, snippet, where, snippets, 0)
        builder.add(
            template, title=title.strip() or keyword.strip(), category=group, code=keyword, where=where
        )


def _convert(builder: PackBuilder, snippet: str, where: Where, snippets: dict[str, str], depth: int) -> str:
    """The snippet as a template: literal text escaped, `#{...}` variables mapped or kept as text."""
    out: list[str] = []
    pos = 0
    for found in _VARIABLE.finditer(snippet):
        out.append(escape_braces(snippet[pos : found.start()]))
        out.append(_variable(builder, found.group(1), found.group(0), where, snippets, depth))
        pos = found.end()
    out.append(escape_braces(snippet[pos:]))
    return "".join(out)


def _variable(
    builder: PackBuilder, inner: str, written: str, where: Where, snippets: dict[str, str], depth: int
) -> str:
    if inner in _SIMPLE:
        if inner != "clipboard":
            builder.warn(
                "import.simplified_beeftext_date", where=where, written=written, target=_SIMPLE[inner]
            )
        return _SIMPLE[inner]
    if inner.startswith("dateTime:"):
        fmt = _QT_QUOTED.sub("", inner[len("dateTime:") :])
        has_date, has_time = bool(_QT_DATE.search(fmt)), bool(_QT_TIME.search(fmt))
        target = " ".join(t for t, used in (("{date}", has_date), ("{time}", has_time)) if used) or "{date}"
        builder.warn("import.simplified_beeftext_date", where=where, written=written, target=target)
        return target
    if inner == "cursor":
        builder.warn("import.simplified_cursor", where=where, marker=written)
        return ""
    if inner.startswith("input:"):
        label = inner[len("input:") :].replace("\\}", "}").replace("\\\\", "\\")
        name = placeholder_name(label)
        builder.declare(Placeholder(name=name, label=label))
        return "{" + name + "}"
    kind, _, keyword = inner.partition(":")
    if kind in _TRANSFORMS and keyword in snippets and depth < MAX_COMBO_DEPTH:
        inserted = normalize_newlines(snippets[keyword])
        if kind != "combo" and not _VARIABLE.search(inserted):
            return escape_braces(_TRANSFORMS[kind](inserted))
        return _convert(builder, inserted, where, snippets, depth + 1)
    builder.warn("import.simplified_beeftext_variable", where=where, written=written)
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
