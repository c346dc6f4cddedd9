"""Load and check phrase packs (TOML). Never raises on a bad file: problems are returned, with lines.

Rules (docs/pack-format.md): a file-level problem (not UTF-8, TOML syntax, no valid [pack], absurd size)
leaves the whole file out; a phrase, script or placeholder declaration with an error is left out alone
and the rest of the file loads; warnings never leave anything out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from quickreply.core import toml_load
from quickreply.core.messages import Message, msg, os_reason
from quickreply.core.model import Layer, Pack, Phrase, Problem, Script, Severity, TextFix
from quickreply.core.packs.cache import CACHE_MIN_BYTES, cache_key, gc_paused, read_cached, write_cached
from quickreply.core.packs.categories import category_order
from quickreply.core.packs.items import Alone, ItemReader, key_name, type_name
from quickreply.core.packs.scripts import read_scripts
from quickreply.core.packs.toml_errors import parser_message
from quickreply.core.packs.toml_lines import TomlLines
from quickreply.core.packs.toml_slips import find_slips

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PHRASES = 200_000

TOP_KEYS = frozenset({"pack", "phrases", "placeholders", "scripts", "lint", "synonyms"})  # [lint]: core/rules
PACK_KEYS = frozenset({"id", "name", "version", "author", "description", "categories"})

_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def _decode(data: bytes, path: str) -> str | Problem:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(path, 1, msg("pack.utf16"))
    try:
        return data.decode("utf-8-sig")  # a BOM (Windows Notepad) is fine
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return Problem(path, line, msg("pack.not_utf8", byte=f"{data[exc.start]:02X}"))
        return Problem(path, line, msg("pack.gbk"))


def syntax_problems(exc: toml_load.TOMLDecodeError, text: str, path: str) -> list[Problem]:
    """What to fix for a file the TOML parser refused: each IME slip on its own, else the parser's message.

    The parser stops at the first error; the slips (toml_slips.py) are every character an IME typed in
    place of TOML syntax. The parser's own message is kept when it is about an earlier line than any slip.
    """
    parser = _syntax_problem(exc, text, path)
    problems = []
    for slip in find_slips(text):
        fix = TextFix(slip.line, slip.column, slip.found, slip.fix) if slip.found else None
        problems.append(Problem(path, slip.line, slip.message, fix=fix))
    if not problems or parser.line < problems[0].line:
        problems.insert(0, parser)
    return problems


def _syntax_problem(exc: toml_load.TOMLDecodeError, text: str, path: str) -> Problem:
    found = _AT_LINE.search(str(exc))
    line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else 1)
    column = getattr(exc, "colno", None) or (int(found.group(2)) if found else 0)
    message = getattr(exc, "msg", None) or _AT_LINE.sub("", str(exc))
    lines = text.splitlines()
    source = lines[line - 1].lstrip() if 0 < line <= len(lines) else ""
    hint: Message | str = ""
    key_part = source.split("=", 1)[0]
    if ("key" in message or message.startswith("Invalid statement")) and not key_part.isascii():
        hint = msg("pack.hint.key_quotes")
    elif message.startswith("Invalid value"):
        hint = msg("pack.hint.text_quotes")
    elif message.startswith(("Cannot overwrite", "Cannot declare")):
        hint = msg("pack.hint.written_twice")
    where = msg("pack.at_column", column=column) if column else ""
    detail = parser_message(message)
    return Problem(path, line, msg("pack.toml_syntax", detail=detail, where=where, hint=hint))


def _too_big(path: str, size: int) -> Problem:
    limit = MAX_FILE_BYTES // 1024 // 1024
    return Problem(path, 1, msg("pack.too_big", size=f"{size / 1024 / 1024:.0f}", limit=limit))


def parse_pack(data: bytes, path: str, layer: Layer = Layer.BUNDLED) -> tuple[Pack | None, list[Problem]]:
    """A pack from the bytes of a file, and every problem found; None when the file cannot be used."""
    if len(data) > MAX_FILE_BYTES:
        return None, [_too_big(path, len(data))]
    text = _decode(data, path)
    if isinstance(text, Problem):
        return None, [text]
    with gc_paused():
        try:
            doc = toml_load.loads(text)
        except toml_load.TOMLDecodeError as exc:
            return None, syntax_problems(exc, text, path)
        problems: list[Problem] = []
        pack = _read(doc, ItemReader(TomlLines(text), path, problems), path, layer)
    problems.sort(key=lambda problem: problem.line)  # stable: same-line problems keep their order
    return pack, problems


def check_pack(pack: Pack, path: str = "") -> list[Problem]:
    """Every problem `parse_pack` would report for the file `pack_to_toml(pack)` writes, found on the
    model (no TOML written or parsed). Problems carry no line (0). `PackChecker` does it incrementally."""
    return PackChecker().check(pack, path)


class PackChecker:
    """`check_pack` for a pack edited over and over (the editor): a phrase unchanged since the last check
    is not checked again by itself; only its checks against the others (ids, codes, blanks) run."""

    def __init__(self) -> None:
        self._alone: dict[Phrase, Alone] = {}

    def check(self, pack: Pack, path: str = "") -> list[Problem]:
        from quickreply.core.packs.export import pack_document  # export imports importers, which load packs

        memo = self._alone
        kept = self._alone = {p: memo[p] for p in pack.phrases if p in memo}  # the phrases still there
        problems: list[Problem] = []
        path = path or pack.path
        items = ItemReader(TomlLines(""), path, problems, from_model=True)
        _read(pack_document(pack), items, path, pack.layer, (pack.phrases, kept))
        return problems


def _read(
    doc: dict[str, Any],
    items: ItemReader,
    path: str,
    layer: Layer,
    kept: tuple[tuple[Phrase, ...], dict[Any, Alone]] | None = None,
) -> Pack | None:
    lines = items.lines
    for key in sorted(doc.keys() - TOP_KEYS):
        known = "[pack], [[phrases]], [placeholders.NAME], [[scripts]], [synonyms]"
        items.report(lines.table_line(key), msg("pack.unknown_top_key", key=key, known=known), warning=True)
    head = _pack_head(doc.get("pack"), items)
    raw_phrases = doc.get("phrases", [])
    if not isinstance(raw_phrases, list):
        items.report(lines.table_line("phrases"), msg("pack.phrases_not_tables"))
        raw_phrases = []
    if len(raw_phrases) > MAX_PHRASES:
        message = msg("pack.too_many_phrases", count=len(raw_phrases), limit=MAX_PHRASES)
        items.report(lines.table_line("phrases"), message)
        return None
    if head is None:
        return None
    placeholders = items.placeholders(doc.get("placeholders", {}))
    phrases = items.phrases(raw_phrases, head["id"], kept)
    scripts = read_scripts(items, doc.get("scripts", []), head["id"])
    items.unused_placeholders(placeholders)
    items.doubled_placeholders(placeholders)
    if not raw_phrases and not doc.get("scripts"):
        items.report(lines.table_line("pack"), msg("pack.no_phrases"), warning=True)
    categories = _category_order(head.pop("categories"), phrases, scripts, items)
    rest: dict[str, Any] = {"phrases": phrases, "scripts": scripts, "placeholders": placeholders}
    rest["categories"] = categories
    rest["synonyms"] = _synonyms(doc.get("synonyms", {}), items)
    return Pack(**head, **rest, path=path, layer=layer)


def _synonyms(raw: Any, items: ItemReader) -> tuple[tuple[str, ...], ...]:
    """The [synonyms] groups (`"主管" = ["领导", "上级"]`); a malformed entry is reported and skipped."""
    line = items.lines.table_line("synonyms")
    if not isinstance(raw, dict):
        items.report(line, msg("pack.synonyms_not_table"), warning=True)
        return ()
    groups: list[tuple[str, ...]] = []
    for key, words in raw.items():
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            items.report(line, msg("pack.synonyms_bad", key=key), warning=True)
            continue
        groups.append(tuple(dict.fromkeys(w.strip() for w in (key, *words))))
    return tuple(groups)


def _pack_head(raw: Any, items: ItemReader) -> dict[str, Any] | None:
    """The [pack] table's values, or None (after reporting why) when the file cannot be used."""
    lines = items.lines
    line = lines.table_line("pack") or 1
    if not isinstance(raw, dict):
        items.report(line, msg("pack.missing_pack_table"))
        return None
    header = next(iter(lines.headers("pack")), None)
    where = msg("pack.where.pack")
    items.unknown_keys(raw, PACK_KEYS, header, line, where, "")
    ok = items.required(raw, ("id", "name", "version"), header, line, "", where=where)
    pack_id = raw.get("id")
    if isinstance(pack_id, str) and pack_id.strip() and pack_id.split() != [pack_id]:
        items.report_key(header, "id", line, msg("pack.pack_id_spaces", id=pack_id))
        ok = False
    if not ok:
        return None
    head = {key: raw[key] for key in ("id", "name", "version")}
    for key in ("author", "description"):
        value = raw.get(key, "")
        if isinstance(value, str):
            head[key] = value
        else:
            message = msg("pack.not_string", where=where, key=key_name(key), type=type_name(value))
            items.report_key(header, key, line, message, warning=True)
    categories = raw.get("categories", [])
    if isinstance(categories, list) and all(isinstance(c, str) for c in categories):
        head["categories"] = tuple(c.strip().strip("/") for c in categories)
    else:
        items.report_key(header, "categories", line, msg("pack.categories_not_list"))
        head["categories"] = ()
    return head


def _category_order(
    listed: tuple[str, ...], phrases: tuple[Phrase, ...], scripts: tuple[Script, ...], items: ItemReader
) -> tuple[str, ...]:
    """The display order (categories.category_order), with a warning for each listed one nobody uses."""
    ordered, unused = category_order(listed, phrases, scripts)
    for entry in unused:
        header = next(iter(items.lines.headers("pack")), None)
        message = msg("pack.category_unused", category=entry)
        items.report_key(header, "categories", 0, message, warning=True)
    return ordered


def load_pack(
    path: Path, layer: Layer = Layer.BUNDLED, cache_dir: Path | None = None
) -> tuple[Pack | None, list[Problem]]:
    """Read and parse one pack file; an unreadable file is a problem, not an exception. With `cache_dir`,
    a large file whose exact bytes were checked before is served from the cache."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [_too_big(str(path), size)]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(str(path), 0, msg("pack.unreadable", reason=os_reason(exc)))]
    key = cache_key(data, str(path), layer)
    if cache_dir is None or len(data) < CACHE_MIN_BYTES:
        return _keyed(parse_pack(data, str(path), layer), key)
    parsed = read_cached(cache_dir, key)
    if parsed is None:
        parsed = _keyed(parse_pack(data, str(path), layer), key)
        write_cached(cache_dir, key, parsed)
    return parsed


def _keyed(parsed: tuple[Pack | None, list[Problem]], key: str) -> tuple[Pack | None, list[Problem]]:
    pack, problems = parsed
    return (replace(pack, source_key=key) if pack is not None else None), problems


def expand_pack_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files as given; a directory becomes its *.toml files sorted by name."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                problems.append(Problem(str(path), 0, msg("pack.folder_empty"), Severity.WARNING))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, msg("pack.no_such_path")))
    return files, problems


def load_packs(
    paths: Iterable[Path], layer: Layer = Layer.BUNDLED, cache_dir: Path | None = None
) -> tuple[list[Pack], list[Problem]]:
    """Every pack that loads; a bad file is reported and left out while the others still load."""
    files, problems = expand_pack_paths(paths)
    packs: list[Pack] = []
    first_file: dict[str, str] = {}
    for file in files:
        pack, found = load_pack(file, layer, cache_dir)
        problems.extend(found)
        if pack is None:
            continue
        if pack.id in first_file:
            message = msg("pack.id_taken", id=pack.id, first=first_file[pack.id])
            problems.append(Problem(pack.path, 0, message))
            continue
        first_file[pack.id] = pack.path
        packs.append(pack)
    return packs, problems
