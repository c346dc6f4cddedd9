"""Importers from other tools into a QuickReply pack: `import_file(path)` picks the format and reads it.

Every importer keeps literal text literal (braces escaped), so an imported phrase renders exactly as the
original text; foreign variables become `{placeholders}` where QuickReply has an equivalent. Detection
refuses rather than guesses: each format says how sure it is of a file, and when none is sure enough the
error names the formats tried and how to pick one. Every result is checked like `pack check` would.
"""

from __future__ import annotations

from pathlib import Path

from quickreply.core.importers.autohotkey import import_autohotkey, sniff_autohotkey
from quickreply.core.importers.beeftext import import_beeftext, looks_like_beeftext, sniff_beeftext
from quickreply.core.importers.common import (
    ImportCancelled,
    ImportFailed,
    ImportResult,
    Progress,
    SourceReport,
    WarningGroup,
    default_pack_id,
    group_warnings,
    render_warnings,
)
from quickreply.core.importers.espanso import import_espanso, looks_like_espanso, sniff_espanso
from quickreply.core.importers.markdown import import_markdown, sniff_markdown
from quickreply.core.importers.merge import (
    POLICIES,
    Conflict,
    MergeReport,
    Policy,
    find_conflicts,
    merge_into,
)
from quickreply.core.importers.plain_text import import_plain_text, looks_like_code, sniff_text
from quickreply.core.importers.qianniu_csv import import_qianniu_csv, looks_like_qianniu, sniff_qianniu
from quickreply.core.importers.textexpander import (
    import_textexpander,
    sniff_textexpander_csv,
    sniff_textexpander_plist,
)
from quickreply.core.importers.xlsx import import_xlsx
from quickreply.core.messages import msg

FORMATS = ("qianniu", "xlsx", "espanso", "beeftext", "autohotkey", "markdown", "textexpander", "text")
SURE = 0.5  # detection below this is a guess, and guesses are refused
MAX_BYTES = 64 * 1024 * 1024  # a quick-phrase export is kilobytes; refuse anything absurd before reading it
# What the file dialogs offer: every suffix some format reads.
SUFFIXES = (
    ".csv",
    ".tsv",
    ".txt",
    ".xlsx",
    ".xlsm",
    ".yml",
    ".yaml",
    ".json",
    ".ahk",
    ".md",
    ".markdown",
    ".textexpander",
    ".plist",
)

__all__ = [
    "FORMATS",
    "POLICIES",
    "SUFFIXES",
    "Conflict",
    "ImportCancelled",
    "ImportFailed",
    "ImportResult",
    "MergeReport",
    "Policy",
    "SourceReport",
    "WarningGroup",
    "detect_format",
    "find_conflicts",
    "group_warnings",
    "import_file",
    "looks_like_beeftext",
    "looks_like_espanso",
    "looks_like_qianniu",
    "merge_into",
    "render_warnings",
    "sniff",
]


def sniff(path: Path) -> dict[str, float]:
    """How sure each format is that it reads `path` (0-1), from the name and the first 64 KiB."""
    if path.is_dir():
        return {"espanso": sniff_espanso(path, "")}
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFailed(msg("import.old_xls", path=str(path)))
    with path.open("rb") as handle:
        head = handle.read(65536)
    scores: dict[str, float] = {}
    if head.startswith(b"PK\x03\x04"):
        return {"xlsx": 0.95 if suffix in (".xlsx", ".xlsm", "") else 0.8}
    scores["textexpander"] = sniff_textexpander_plist(path, head)
    # The head may end mid-character, so decode leniently: a guess is enough to pick the importer.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        # ("ignore": the 64 KiB read may cut the last character in two)
        text = head.decode("utf-8-sig" if _utf8(head) else "gb18030", errors="ignore")
    text = text.replace("\r\n", "\n")
    scores["qianniu"] = sniff_qianniu(text)
    scores["beeftext"] = sniff_beeftext(text)
    scores["espanso"] = sniff_espanso(path, text)
    if suffix in (".yml", ".yaml"):
        scores["espanso"] = max(scores["espanso"], 0.6)
    if suffix == ".json":
        scores["beeftext"] = max(scores["beeftext"], 0.6)  # its error says what a combo list needs
    scores["autohotkey"] = sniff_autohotkey(path, text)
    scores["markdown"] = sniff_markdown(path, text)
    if suffix in (".csv", ".tsv", ".txt") and scores["qianniu"] < SURE and scores["beeftext"] < SURE:
        scores["textexpander"] = max(scores["textexpander"], sniff_textexpander_csv(text))
        if suffix in (".csv", ".tsv") and scores["textexpander"] < SURE:
            scores["qianniu"] = 0.6  # a headerless CSV: read as code, text, group, with a warning
    if suffix in ("", ".txt", ".text") and not any(score >= SURE for score in scores.values()):
        scores["text"] = 0.6 if sniff_text(text) else 0.0
    return scores


def _utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # only the last character was cut by the 64 KiB read
    return True


def detect_format(path: Path) -> str:
    """The format most sure of `path`; ImportFailed naming what was tried when none is sure enough."""
    scores = sniff(path)
    best = max(scores, key=lambda f: scores[f], default="")
    if best and scores[best] >= SURE:
        return best
    if not path.is_dir():
        with path.open("rb") as handle:
            head = handle.read(65536)
        code = looks_like_code(head.decode("utf-8", errors="ignore"))
        if code:
            raise ImportFailed(msg("import.looks_like_code", path=str(path), what=code))
    raise ImportFailed(
        msg("import.undetected", path=str(path), tried=", ".join(FORMATS), formats=", ".join(FORMATS))
    )


def import_file(
    path: Path | str,
    fmt: str | None = None,
    pack_id: str = "",
    name: str = "",
    progress: Progress | None = None,
    blanks: bool = False,
) -> ImportResult:
    """Import `path` as `fmt` (one of FORMATS; detected when None). Raises ImportFailed with what to do.

    `progress(n)` is called now and then with the rows or phrases read so far; raising ImportCancelled
    from it stops the import. `blanks` turns Markdown's `[变量]` into the blank `{变量}` (otherwise the
    result's `bracket_words` says what could be turned)."""
    path = Path(path)
    if not path.exists():
        raise ImportFailed(msg("import.no_such_file", path=str(path)))
    if fmt is not None and fmt not in FORMATS:
        raise ImportFailed(msg("import.unknown_format", fmt=fmt, formats=", ".join(FORMATS)))
    fmt = fmt or detect_format(path)
    pack_id = pack_id or default_pack_id(path)
    name = name or path.stem
    result = _import(path, fmt, pack_id, name, progress, blanks)
    _self_check(result, str(path))
    return result


def _import(
    path: Path, fmt: str, pack_id: str, name: str, progress: Progress | None, blanks: bool = False
) -> ImportResult:
    if fmt == "espanso":
        return import_espanso(path, pack_id, name, progress)
    if path.is_dir():
        raise ImportFailed(msg("import.is_folder", path=str(path)))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportFailed(msg("import.too_large", path=str(path), mb=size // 2**20))
    if fmt == "xlsx":
        return import_xlsx(path, pack_id, name, progress)
    data = path.read_bytes()
    source = str(path)
    if fmt == "qianniu":
        return import_qianniu_csv(data, source, pack_id, name, progress)
    if fmt == "beeftext":
        return import_beeftext(data, source, pack_id, name, progress)
    if fmt == "autohotkey":
        return import_autohotkey(data, source, pack_id, name, category=path.stem, progress=progress)
    if fmt == "markdown":
        return import_markdown(data, source, pack_id, name, progress, blanks=blanks)
    if fmt == "textexpander":
        return import_textexpander(data, source, pack_id, name, progress)
    return import_plain_text(data, source, pack_id, name, category=name, progress=progress)


def _self_check(result: ImportResult, source: str) -> None:
    """The pack as written to disk must pass `pack check`: an importer bug fails here, not later."""
    from quickreply.core.packs.export import pack_to_toml  # imported here: it imports this package
    from quickreply.core.packs.load import parse_pack

    pack, problems = parse_pack(pack_to_toml(result.pack).encode("utf-8"), source)
    errors = [p for p in problems if p.is_error]
    if pack is None or errors:
        problem = "; ".join(str(p) for p in errors[:3]) or "unreadable"
        raise ImportFailed(msg("import.self_check", source=source, problem=problem))
