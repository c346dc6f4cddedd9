"""Importers from other tools into a QuickReply pack: `import_file(path)` picks the format and reads it.

Every importer keeps literal text literal (braces escaped), so an imported phrase renders exactly as the
original text; foreign variables become `{placeholders}` where QuickReply has an equivalent.
"""

from __future__ import annotations

from pathlib import Path

from quickreply.core.importers.beeftext import import_beeftext, looks_like_beeftext
from quickreply.core.importers.common import ImportFailed, ImportResult, default_pack_id
from quickreply.core.importers.espanso import import_espanso, looks_like_espanso
from quickreply.core.importers.merge import (
    POLICIES,
    Conflict,
    MergeReport,
    Policy,
    find_conflicts,
    merge_into,
)
from quickreply.core.importers.plain_text import import_plain_text
from quickreply.core.importers.qianniu_csv import import_qianniu_csv, looks_like_qianniu
from quickreply.core.importers.xlsx import import_xlsx

FORMATS = ("qianniu", "xlsx", "espanso", "beeftext", "text")
_BY_SUFFIX = {".xlsx": "xlsx", ".xlsm": "xlsx", ".yml": "espanso", ".yaml": "espanso", ".json": "beeftext"}
MAX_BYTES = 64 * 1024 * 1024  # a quick-phrase export is kilobytes; refuse anything absurd before reading it

__all__ = [
    "FORMATS",
    "POLICIES",
    "Conflict",
    "ImportFailed",
    "ImportResult",
    "MergeReport",
    "Policy",
    "detect_format",
    "find_conflicts",
    "import_file",
    "merge_into",
]


def detect_format(path: Path) -> str:
    """The format of `path` from its extension, or for .csv/.txt and unknown ones from its content."""
    if path.is_dir():
        return "espanso"  # an espanso match/ folder
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFailed(
            f"{path}: old .xls workbooks are not supported; save it as .xlsx or CSV in Excel/WPS"
        )
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"  # a workbook saved without its extension
    # The head may end mid-character, so decode leniently: a guess is enough to pick the importer.
    codecs = ("utf-16",) if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "gb18030")
    for text in (head.decode(codec, errors="ignore") for codec in codecs):
        for fmt, looks_like in (
            ("qianniu", looks_like_qianniu),
            ("beeftext", looks_like_beeftext),
            ("espanso", looks_like_espanso),
        ):
            if looks_like(text):
                return fmt
    return "qianniu" if suffix in (".csv", ".tsv") else "text"


def import_file(path: Path | str, fmt: str | None = None, pack_id: str = "", name: str = "") -> ImportResult:
    """Import `path` as `fmt` (one of FORMATS; detected when None). Raises ImportFailed with what to do."""
    path = Path(path)
    if not path.exists():
        raise ImportFailed(f"{path}: no such file")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ImportFailed(f"unknown import format '{fmt}' (use one of {', '.join(FORMATS)})")
    pack_id = pack_id or default_pack_id(path)
    name = name or path.stem
    if fmt == "espanso":
        files = (
            sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml")) if path.is_dir() else [path]
        )
        if not files:
            raise ImportFailed(f"{path}: no .yml or .yaml match files in this folder")
        return import_espanso(files, str(path), pack_id, name)
    if path.is_dir():
        raise ImportFailed(f"{path}: is a folder; give the exported file")
    if path.stat().st_size > MAX_BYTES:
        raise ImportFailed(f"{path}: {path.stat().st_size // 2**20} MB is too large for a phrase export")
    if fmt == "xlsx":
        return import_xlsx(path, pack_id, name)
    data = path.read_bytes()
    if fmt == "qianniu":
        return import_qianniu_csv(data, str(path), pack_id, name)
    if fmt == "beeftext":
        return import_beeftext(data, str(path), pack_id, name)
    return import_plain_text(data, str(path), pack_id, name, category=name)
