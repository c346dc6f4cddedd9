"""千牛 quick-phrase exports: columns 快捷短语编码, 快捷短语, 快捷短语分组 (code, text, group), from CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from quickreply.core.importers.common import (
    UNGROUPED,
    ImportFailed,
    ImportResult,
    PackBuilder,
    decode_text,
    make_title,
    normalize_newlines,
)
from quickreply.core.template import escape_braces

CODE, TEXT, GROUP = "快捷短语编码", "快捷短语", "快捷短语分组"
HEADER = (CODE, TEXT, GROUP)


def looks_like_qianniu(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return TEXT in first


def import_qianniu_csv(data: bytes, source: str, pack_id: str, name: str) -> ImportResult:
    """A pack from the bytes of a 千牛 CSV export, in UTF-8 (with or without BOM), GBK or GB18030."""
    text, encoding = decode_text(data, source)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFailed(f"{source}: not a readable CSV file ({exc}); export it again from 千牛") from exc
    builder = PackBuilder(pack_id, name, source, description=f"从千牛快捷短语导入 ({encoding})")
    import_rows(builder, enumerate(rows, start=1))
    return ImportResult(builder.build(), tuple(builder.warnings), encoding)


def import_rows(builder: PackBuilder, rows: Iterable[tuple[int, Sequence[str]]]) -> None:
    """Add the phrases of numbered rows (row 1 may be the header) to `builder`."""
    columns: tuple[int, int, int] | None = None
    empty: list[int] = []  # reported once a later row has content: trailing blank rows are not news
    for number, raw in rows:
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            empty.append(number)
            continue
        if columns is None:
            columns = _columns(cells)
            if columns is not None:
                empty.clear()
                continue  # this row was the header
            columns = (0, 1, 2)
            builder.warn(
                f"{builder.source}: no header row '{','.join(HEADER)}'; "
                "reading the columns as code, text, group"
            )
        for blank in empty:
            builder.warn(f"{builder.source}: row {blank}: empty row skipped")
        empty.clear()
        code, text, group = (cells[i] if i < len(cells) else "" for i in columns)
        where = f"{builder.source}: row {number}"
        if not text:
            builder.warn(f"{where}: no phrase text (code '{code}', group '{group}'); row skipped")
            continue
        text = normalize_newlines(text)
        builder.add(
            escape_braces(text), title=make_title(text), category=group or UNGROUPED, code=code, where=where
        )


def _columns(cells: list[str]) -> tuple[int, int, int] | None:
    """Column indexes of code, text, group when `cells` is a header row (any order, extra columns allowed)."""
    names = [cell.lstrip("\ufeff") for cell in cells]
    if TEXT not in names:
        return None
    absent = len(names) + 1  # an index past the end reads as an empty cell
    return (
        names.index(CODE) if CODE in names else absent,
        names.index(TEXT),
        names.index(GROUP) if GROUP in names else absent,
    )
