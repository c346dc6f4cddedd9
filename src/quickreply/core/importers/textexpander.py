"""TextExpander: the group CSV export (abbreviation, content, label; no header) and `.textexpander`
plist files (`snippetsTE2`: abbreviation, plainText, label, snippetType; `groupInfo.groupName`).

Macros: `%clipboard` -> {clipboard}; `%|` (cursor) removed; date and time codes (`%Y-%m-%d`, `%H:%M`)
-> {date} / {time}; `%filltext:name=…:default=…%`, `%fillpopup:name=…:a:b%` and the older `%fill:name%`
-> blanks with their default and choices; `%%` -> `%`. Script and picture snippets are skipped.
"""

from __future__ import annotations

import plistlib
import re
from pathlib import Path
from typing import Any, cast

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
from quickreply.core.importers.qianniu_csv import header_columns, read_csv
from quickreply.core.messages import msg
from quickreply.core.model import Placeholder
from quickreply.core.template import escape_braces

_DATE_CODE = r"%[-+]?[YymdeHIklMSpAaBbjZz]"
_MACRO = re.compile(
    r"%(%|\||clipboard|fill(?:text|popup|area|part)?:[^%]*%)"
    rf"|(?P<date>{_DATE_CODE}(?:[-/.:, 年月日时点分秒]{{0,2}}{_DATE_CODE})*[年月日时点分秒]?)"
)
_TIME_CODES = set("HIklMSp")
_TEXT_TYPES = (0, 1)  # plain and formatted text
_OTHER_TYPES = {2: "AppleScript", 3: "shell script", 4: "picture", 5: "JavaScript"}


def sniff_textexpander_csv(text: str) -> float:
    """Headerless 3-column rows whose first column is an abbreviation and whose last is a unique label."""
    try:
        rows = [r for r in read_csv(text[:65536], "") if any(c.strip() for c in r)][:200]
    except ImportFailed:
        return 0.0
    if len(rows) < 2 or header_columns(rows[0]) is not None or any(len(r) != 3 for r in rows[:-1]):
        return 0.0
    abbreviations = sum(1 for r in rows if r[0].strip() and " " not in r[0].strip() and r[0].isascii())
    labels = [r[2].strip() for r in rows if len(r) > 2]
    unique = len(set(labels)) / max(1, len(labels))
    return 0.75 if abbreviations >= 0.9 * len(rows) and unique > 0.8 and len(rows) >= 3 else 0.0


def sniff_textexpander_plist(path: Path, head: bytes) -> float:
    if path.suffix.lower() == ".textexpander":
        return 0.95
    return 0.9 if b"snippetsTE2" in head or (b"<plist" in head and b"abbreviation" in head) else 0.0


def import_textexpander(
    data: bytes, source: str, pack_id: str, name: str, progress: Progress | None = None
) -> ImportResult:
    builder = PackBuilder(pack_id, name, source, description="从 TextExpander 导入", progress=progress)
    if data.lstrip().startswith((b"<?xml", b"<plist", b"bplist")):
        _plist(builder, data)
        return builder.result("", "textexpander")
    text, encoding = decode_text(data, source)
    # TextExpander names the group it imports a CSV into after the file, up to the name's first "."
    group = Path(source).name.split(".", 1)[0].strip() or UNGROUPED
    for number, row in enumerate(read_csv(text, source), start=1):
        if not any(cell.strip() for cell in row):
            continue
        where = msg("import.where.row", source=source, row=number)
        if len(row) < 2:
            builder.warn("import.skip_short_row", where=where)
            continue
        label = row[2] if len(row) > 2 else ""
        _add(builder, row[0], row[1], label, group, where)
    return builder.result(encoding, "textexpander")


def _plist(builder: PackBuilder, data: bytes) -> None:
    try:
        root = plistlib.loads(data)
    except Exception as exc:  # plistlib raises ExpatError, ValueError, InvalidFileException
        raise ImportFailed(msg("import.bad_plist", source=builder.source, reason=str(exc)[:200])) from exc
    if not isinstance(root, dict) or not isinstance(root.get("snippetsTE2", root.get("snippets")), list):
        raise ImportFailed(msg("import.bad_plist", source=builder.source, reason="no snippetsTE2 list"))
    info = root.get("groupInfo")
    group = str(info.get("groupName", "")) if isinstance(info, dict) else ""
    snippets = cast(list[Any], root.get("snippetsTE2", root.get("snippets")))  # a list: checked above
    for index, snippet in enumerate(snippets, start=1):
        where: Where = msg("import.where.snippet", source=builder.source, index=index)
        if not isinstance(snippet, dict):
            builder.warn("import.skip_not_object", where=where)
            continue
        abbreviation = str(snippet.get("abbreviation", ""))
        where = f"{builder.source}: {abbreviation or index}"
        kind = snippet.get("snippetType", 0)
        if kind not in _TEXT_TYPES:
            builder.warn("import.skip_not_text_snippet", where=where, kind=_OTHER_TYPES.get(kind, str(kind)))
            continue
        if kind == 1:
            builder.warn("import.simplified_rich_text", where=where)
        text = str(snippet.get("plainText", snippet.get("snippet", "")))
        _add(builder, abbreviation, text, str(snippet.get("label", "")), group or UNGROUPED, where)


def _add(builder: PackBuilder, abbreviation: str, content: str, label: str, group: str, where: Where) -> None:
    template = _convert(builder, normalize_newlines(content).strip(), where)
    builder.add(
        template, title=label.strip() or abbreviation.strip(), category=group, code=abbreviation, where=where
    )


def _convert(builder: PackBuilder, text: str, where: Where) -> str:
    out: list[str] = []
    pos = 0
    for found in _MACRO.finditer(text):
        out.append(escape_braces(text[pos : found.start()]))
        if found.group("date"):
            out.append(_date(builder, found.group("date"), where))
        else:
            out.append(_macro(builder, found.group(1), found.group(0), where))
        pos = found.end()
    out.append(escape_braces(text[pos:]))
    return "".join(out)


def _macro(builder: PackBuilder, inner: str, written: str, where: Where) -> str:
    if inner == "%":
        return "%"
    if inner == "|":
        builder.warn("import.simplified_cursor", where=where, marker="%|")
        return ""
    if inner == "clipboard":
        return "{clipboard}"
    return _fill(builder, inner.rstrip("%"))


def _date(builder: PackBuilder, written: str, where: Where) -> str:
    """A run of date/time codes (`%Y-%m-%d %H:%M`) as one {date}, {time} or "{date} {time}"."""
    codes = set(re.findall(r"%[-+]?(\w)", written))
    has_time, has_date = bool(codes & _TIME_CODES), bool(codes - _TIME_CODES)
    target = " ".join(t for t, used in (("{date}", has_date), ("{time}", has_time)) if used)
    builder.warn("import.simplified_date", where=where, name=written, fmt=written, target=target)
    return target


def _fill(builder: PackBuilder, inner: str) -> str:
    kind, _, rest = inner.partition(":")
    fields: dict[str, str] = {}
    choices: list[str] = []
    for part in rest.split(":"):
        key, eq, value = part.partition("=")
        if eq:
            fields[key.strip()] = value
        elif part:
            choices.append(part)
    if kind == "fill" and "name" not in fields and choices:  # TextExpander 2-4: `%fill:金额%`
        fields["name"] = choices.pop(0)
    label = fields.get("name", kind)
    name = placeholder_name(label)
    default = fields.get("default", "")
    if kind == "fillpopup" and default and default not in choices:
        choices.insert(0, default)
    builder.declare(Placeholder(name=name, label=label, default=default, choices=tuple(choices)))
    return "{" + name + "}"
