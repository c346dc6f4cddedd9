"""The 千牛 columns (快捷短语编码, 快捷短语, 快捷短语分组) from an .xlsx sheet, read with openpyxl."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from quickreply.core.importers.common import ImportFailed, ImportResult, PackBuilder
from quickreply.core.importers.qianniu_csv import TEXT, import_rows


def import_xlsx(path: Path, pack_id: str, name: str) -> ImportResult:
    """A pack from the sheet whose first row holds the 千牛 header (else the first sheet, by position)."""
    try:
        import openpyxl  # imported here: only this format needs it
    except ImportError as exc:
        raise ImportFailed(
            "reading .xlsx needs the openpyxl package (pip install openpyxl); "
            "or save the sheet as CSV in Excel"
        ) from exc
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors on damaged files
        raise ImportFailed(
            f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
            "open it in Excel or WPS and save it again as .xlsx"
        ) from exc
    try:
        sheet = _sheet_with_header(book)
        builder = PackBuilder(pack_id, name, f"{path} [{sheet.title}]", description="从 Excel 表格导入")
        import_rows(builder, _rows(sheet))
        return ImportResult(builder.build(), tuple(builder.warnings))
    finally:
        book.close()  # read-only workbooks keep the file open until closed


def _sheet_with_header(book: Any) -> Any:
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        if any(_cell(value) == TEXT for value in first):
            return sheet
    return book.worksheets[0]


def _rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
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
