"""The 千牛 columns (快捷短语编码, 快捷短语, 快捷短语分组, or variants) from an .xlsx sheet, with openpyxl."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

from quickreply.core.importers.common import (
    ImportCancelled,
    ImportFailed,
    ImportResult,
    PackBuilder,
    Progress,
)
from quickreply.core.importers.qianniu_csv import header_columns, import_rows
from quickreply.core.messages import msg
from quickreply.core.packs.load import MAX_PHRASES

# Rows read before giving up, empty ones included: a sheet formatted down to row 1,048,576 must not take
# minutes to refuse, and a pack holds at most MAX_PHRASES phrases anyway.
MAX_ROWS = MAX_PHRASES + 20_000
MAX_UNPACKED = 1 << 30  # 1 GiB of XML inside the zip: far past any phrase sheet, short of a zip bomb
_CHUNK = 1 << 20


def import_xlsx(path: Path, pack_id: str, name: str, progress: Progress | None = None) -> ImportResult:
    """A pack from the sheet whose first row holds a 千牛 header (else the first sheet, by position)."""
    try:
        import openpyxl  # imported here: only this format needs it
    except ImportError as exc:
        raise ImportFailed(msg("import.needs_package", what=".xlsx", package="openpyxl")) from exc
    _precheck(path, progress)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors on damaged files
        raise ImportFailed(msg("import.bad_xlsx", path=str(path), reason=_reason(exc))) from exc
    try:
        sheet = _sheet_with_header(book)
        builder = PackBuilder(
            pack_id, name, f"{path} [{sheet.title}]", description="从 Excel 表格导入", progress=progress
        )
        import_rows(builder, _rows(sheet, builder.source))
        return builder.result(fmt="xlsx")
    except (ImportFailed, ImportCancelled):
        raise
    except Exception as exc:  # a sheet part damaged past the workbook index: zlib, XML, zip errors
        raise ImportFailed(msg("import.bad_xlsx", path=str(path), reason=_reason(exc))) from exc
    finally:
        book.close()  # read-only workbooks keep the file open until closed


def _precheck(path: Path, progress: Progress | None) -> None:
    """Refuse, in seconds, a workbook with more rows than a pack can hold, before openpyxl reads it.

    openpyxl scans a whole sheet for its size when the sheet does not state it (2 M rows: 25 s, not
    cancellable); counting `<row` in the unpacked XML is ten times faster and reports progress."""
    try:
        with zipfile.ZipFile(path) as book:
            sheets = [
                i
                for i in book.infolist()
                if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
            ]
            if sum(i.file_size for i in book.infolist()) > MAX_UNPACKED:
                raise ImportFailed(
                    msg(
                        "import.too_large", path=str(path), mb=sum(i.file_size for i in book.infolist()) >> 20
                    )
                )
            for info in sheets:
                rows = 0
                tail = b""
                with book.open(info) as sheet:
                    while chunk := sheet.read(_CHUNK):
                        data = tail + chunk
                        rows += data.count(b"<row") - tail.count(b"<row")
                        tail = data[-8:]
                        if rows > MAX_ROWS:
                            part = info.filename
                            source = f"{path} [{_sheet_names(book).get(part, part.rsplit('/', 1)[-1])}]"
                            raise ImportFailed(
                                msg(
                                    "import.too_many_rows", source=source, limit=MAX_ROWS, phrases=MAX_PHRASES
                                )
                            )
                        if progress is not None:
                            progress(rows)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError) as exc:
        raise ImportFailed(msg("import.bad_xlsx", path=str(path), reason=_reason(exc))) from exc


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_INDEX_BYTES = 1 << 20  # workbook.xml and its rels list the sheets: kilobytes; read no more than this


def _sheet_names(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part ("xl/worksheets/sheet1.xml") -> the sheet's name as Excel shows it ("快捷短语")."""
    try:
        with book.open("xl/workbook.xml") as index, book.open("xl/_rels/workbook.xml.rels") as rels:
            sheets, links = index.read(_INDEX_BYTES), rels.read(_INDEX_BYTES)
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", links):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get(b"Id", b"").decode("utf-8", "replace")] = part
    names: dict[str, str] = {}
    for tag in _SHEET.findall(sheets):
        attrs = {key.split(b":")[-1]: value for key, value in _ATTR.findall(tag)}
        part = targets.get(attrs.get(b"id", b"").decode("utf-8", "replace"))
        if part:
            # (XML's entities and character references: all a sheet name can hold)
            names[part] = unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
    return names


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _sheet_with_header(book: Any) -> Any:
    if not book.worksheets:
        raise ImportFailed(msg("import.no_phrases", source="(no sheets)"))
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        if header_columns([_cell(value) for value in first]) is not None:
            return sheet
    return book.worksheets[0]


def _rows(sheet: Any, source: str) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise ImportFailed(
                msg("import.too_many_rows", source=source, limit=MAX_ROWS, phrases=MAX_PHRASES)
            )
        yield number, [_cell(value) for value in values]


def _cell(value: object) -> str:
    """Cell text as the agent saw it: codes typed as numbers (1, 2.0) come back as "1", "2"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")
