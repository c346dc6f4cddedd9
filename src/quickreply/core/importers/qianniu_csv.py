"""千牛 quick-phrase exports: columns 快捷短语编码, 快捷短语, 快捷短语分组 (code, text, group), from CSV.

Other IM clients' importers and exporters, and hand-made sheets, name the columns differently
(快捷编码 / 编码 / 快捷码, 内容 / 回复内容, 分组 / 分类): any of those names is read as the same column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from quickreply.core.importers.common import (
    UNGROUPED,
    ImportFailed,
    ImportResult,
    PackBuilder,
    Progress,
    decode_text,
    make_title,
    normalize_newlines,
)
from quickreply.core.messages import msg
from quickreply.core.packs.load import MAX_PHRASES
from quickreply.core.template import escape_braces

CODE, TEXT, GROUP = "快捷短语编码", "快捷短语", "快捷短语分组"
HEADER = (CODE, TEXT, GROUP)
CODE_NAMES = (CODE, "快捷编码", "快捷码", "编码", "短语编码", "快捷键", "缩写")
TEXT_NAMES = (TEXT, "内容", "短语", "短语内容", "快捷短语内容", "回复内容", "话术", "话术内容", "回复")
GROUP_NAMES = (GROUP, "分组", "分类", "短语分组", "分组名称", "类别")


def header_columns(cells: Sequence[str]) -> tuple[int, int, int] | None:
    """Column indexes of code, text, group when `cells` is a header row (any order, extra columns allowed).

    The text column is required; absent code or group columns read as empty cells."""
    names = [str(cell).strip().lstrip("\ufeff").strip() for cell in cells]
    text = _find(names, TEXT_NAMES)
    if text is None:
        return None
    absent = len(names) + 1  # an index past the end reads as an empty cell
    code, group = _find(names, CODE_NAMES), _find(names, GROUP_NAMES)
    return (absent if code is None else code, text, absent if group is None else group)


def _find(names: list[str], wanted: tuple[str, ...]) -> int | None:
    for name in wanted:  # the first, most specific name wins: 快捷短语编码 before 编码
        if name in names:
            return names.index(name)
    return None


def sniff_qianniu(text: str) -> float:
    """How sure (0-1) that `text` is a 千牛-style CSV: its first line is a header naming the text column."""
    first = text.lstrip("\ufeff").replace("\r", "\n").split("\n", 1)[0]
    for delimiter in (",", "\t", ";"):
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:  # a NUL or stray quote: not a header this delimiter can read
            continue
        if header_columns(cells) is not None:
            return 0.95
    return 0.0


def looks_like_qianniu(text: str) -> bool:
    return sniff_qianniu(text) > 0.5


def read_csv(text: str, source: str) -> list[list[str]]:
    """The rows of a CSV text; the delimiter (comma, tab, semicolon) is taken from the first line."""
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFailed(msg("import.bad_csv", source=source, reason=str(exc))) from exc


def import_qianniu_csv(
    data: bytes, source: str, pack_id: str, name: str, progress: Progress | None = None
) -> ImportResult:
    """A pack from the bytes of a 千牛 CSV export, in UTF-8 (with or without BOM), GBK or GB18030."""
    text, encoding = decode_text(data, source)
    rows = read_csv(text, source)
    filled = sum(1 for row in rows if any(cell.strip() for cell in row))
    if filled > MAX_PHRASES + 1:  # refuse at once, not after building 200,000 phrases (the header is one row)
        raise ImportFailed(msg("import.too_many_phrases", source=source, limit=MAX_PHRASES))
    builder = PackBuilder(
        pack_id, name, source, description=f"从千牛快捷短语导入 ({encoding})", progress=progress
    )
    import_rows(builder, enumerate(rows, start=1))
    return builder.result(encoding, "qianniu")


def import_rows(builder: PackBuilder, rows: Iterable[tuple[int, Sequence[str]]]) -> None:
    """Add the phrases of numbered rows (row 1 may be the header) to `builder`."""
    columns: tuple[int, int, int] | None = None
    empty: list[int] = []  # reported once a later row has content: trailing blank rows are not news
    for number, raw in rows:
        builder.tick(number)
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            empty.append(number)
            continue
        if columns is None:
            columns = header_columns(cells)
            if columns is not None:
                empty.clear()
                continue  # this row was the header
            columns = (0, 1, 2)
            builder.warn("import.no_header", source=builder.source, header=",".join(HEADER))
        for blank in empty:
            builder.warn(
                "import.skip_empty_row", where=msg("import.where.row", source=builder.source, row=blank)
            )
        empty.clear()
        code, text, group = (cells[i] if i < len(cells) else "" for i in columns)
        where = msg("import.where.row", source=builder.source, row=number)
        if not text:
            builder.warn("import.skip_no_text", where=where, code=code, group=group)
            continue
        text = normalize_newlines(text)
        builder.add(
            escape_braces(text), title=make_title(text), category=group or UNGROUPED, code=code, where=where
        )
