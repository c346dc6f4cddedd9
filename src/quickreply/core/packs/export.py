"""Writing a pack out: the TOML pack format, 千牛's quick-phrase CSV, and a printable HTML cheat sheet."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from quickreply.core.importers.qianniu_csv import HEADER as QIANNIU_HEADER
from quickreply.core.messages import DEFAULT_LANGUAGE, Message, msg, normalise_language, render
from quickreply.core.model import Pack, Phrase, Placeholder, Script, Step
from quickreply.core.template import placeholder_names, render_partial

ENCODINGS = ("gbk", "utf-8")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


class ExportError(Exception):
    """The pack cannot be written in the asked form; `message` says which phrases and what to do (str() is
    English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(render(message, "en"))
        self.message = message


# -- TOML ----------------------------------------------------------------------------------------------


def _basic(value: str) -> str:
    """A one-line TOML basic string."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def _text(value: str) -> str:
    """A phrase text: one-line string, or a multi-line block the team lead can read and edit."""
    if "\n" not in value:
        return _basic(value)
    if "'''" not in value and not _CONTROL.search(value) and "\r" not in value:
        return "'''\n" + value + "\n'''"  # literal: backslashes and quotes stay as written
    body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
    body = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", body)
    return '"""\n' + body + '\n"""'


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else _basic(name)


def _array(values: Iterable[str]) -> str:
    return "[" + ", ".join(_basic(v) for v in values) + "]"


def _placeholder_lines(decl: Placeholder) -> list[str]:
    lines = [f"[placeholders.{_key(decl.name)}]"]
    if decl.label:
        lines.append(f"label = {_basic(decl.label)}")
    if decl.default:
        lines.append(f"default = {_basic(decl.default)}")
    if decl.example:
        lines.append(f"example = {_basic(decl.example)}")
    if decl.choices:
        lines.append(f"choices = {_array(decl.choices)}")
    return lines


def _phrase_lines(phrase: Phrase) -> list[str]:
    lines = [
        "[[phrases]]",
        f"id = {_basic(phrase.id)}",
        f"category = {_basic(phrase.category)}",
        f"title = {_basic(phrase.title)}",
    ]
    if phrase.code:
        lines.append(f"code = {_basic(phrase.code)}")
    if phrase.tags:
        lines.append(f"tags = {_array(phrase.tags)}")
    if phrase.questions:
        lines.append(f"questions = {_array(phrase.questions)}")
    lines.append(f"text = {_text(phrase.text)}")
    return lines


def _step(step: Step) -> str:
    if step.phrase_id and not step.title:
        return _basic(step.phrase_id)
    title = f", title = {_basic(step.title)}" if step.title else ""
    if step.phrase_id:
        return f"{{phrase = {_basic(step.phrase_id)}{title}}}"
    return f"{{text = {_basic(step.text)}{title}}}"  # inline tables must stay on one line


def _script_lines(script: Script) -> list[str]:
    return [
        "[[scripts]]",
        f"id = {_basic(script.id)}",
        f"title = {_basic(script.title)}",
        f"category = {_basic(script.category)}",
        "steps = [",
        *(f"    {_step(step)}," for step in script.steps),
        "]",
    ]


def listed_categories(pack: Pack) -> list[str]:
    """The categories the file lists: only those in use (the loader warns about listed ones nobody uses,
    and orders the rest itself)."""
    used = {p.category for p in pack.phrases} | {s.category for s in pack.scripts}
    return [c for c in pack.categories if any(u == c or u.startswith(c + "/") for u in used)]


def pack_document(pack: Pack) -> dict[str, Any]:
    """What the TOML parser returns for `pack_to_toml(pack)`, built from the model directly: what the
    editor checks on every edit (core/packs/load.py: check_pack) without writing and reading TOML."""
    head: dict[str, Any] = {"id": pack.id, "name": pack.name, "version": pack.version}
    if pack.author:
        head["author"] = pack.author
    if pack.description:
        head["description"] = pack.description
    listed = listed_categories(pack)
    if listed:
        head["categories"] = listed
    doc: dict[str, Any] = {"pack": head}
    if pack.placeholders:
        doc["placeholders"] = {d.name: _placeholder_table(d) for d in pack.placeholders}
    if pack.synonyms:
        doc["synonyms"] = {g[0]: list(g[1:]) for g in pack.synonyms}
    if pack.phrases:
        doc["phrases"] = [_phrase_table(p) for p in pack.phrases]
    if pack.scripts:
        doc["scripts"] = [
            {
                "id": s.id,
                "title": s.title,
                "category": s.category,
                "steps": [_step_value(st) for st in s.steps],
            }
            for s in pack.scripts
        ]
    return doc


def _placeholder_table(decl: Placeholder) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for key, value in (("label", decl.label), ("default", decl.default), ("example", decl.example)):
        if value:
            table[key] = value
    if decl.choices:
        table["choices"] = list(decl.choices)
    return table


def _phrase_table(phrase: Phrase) -> dict[str, Any]:
    table: dict[str, Any] = {"id": phrase.id, "category": phrase.category, "title": phrase.title}
    if phrase.code:
        table["code"] = phrase.code
    if phrase.tags:
        table["tags"] = list(phrase.tags)
    if phrase.questions:
        table["questions"] = list(phrase.questions)
    table["text"] = phrase.text
    return table


def _step_value(step: Step) -> str | dict[str, str]:
    if step.phrase_id and not step.title:
        return step.phrase_id
    value = {"phrase": step.phrase_id} if step.phrase_id else {"text": step.text}
    if step.title:
        value["title"] = step.title
    return value


def pack_to_toml(pack: Pack) -> str:
    """The pack as a UTF-8 TOML pack file that parse_pack reads back to the same pack."""
    head = [
        "[pack]",
        f"id = {_basic(pack.id)}",
        f"name = {_basic(pack.name)}",
        f"version = {_basic(pack.version)}",
    ]
    if pack.author:
        head.append(f"author = {_basic(pack.author)}")
    if pack.description:
        head.append(f"description = {_basic(pack.description)}")
    listed = listed_categories(pack)
    if listed:
        head.append("categories = [")
        head.extend(f"    {_basic(c)}," for c in listed)
        head.append("]")
    blocks = [head]
    blocks += [_placeholder_lines(decl) for decl in pack.placeholders]
    if pack.synonyms:  # the loader keeps a group as (key, *others)
        blocks.append(["[synonyms]", *(f"{_basic(g[0])} = {_array(g[1:])}" for g in pack.synonyms)])
    blocks += [_phrase_lines(phrase) for phrase in pack.phrases]
    blocks += [_script_lines(script) for script in pack.scripts]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


# -- 千牛 CSV ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvExport:
    data: bytes
    warnings: tuple[Message, ...] = ()


# A cell starting with one of these is a formula to Excel and WPS (`=cmd|' /C calc'!A0`, `+`, `-`, `@`),
# and a leading tab or carriage return hides one: CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def pack_to_qianniu_csv(pack: Pack, encoding: str = "gbk", excel_safe: bool = False) -> CsvExport:
    """千牛 quick phrases (code, text, group) as CSV bytes: GBK, or UTF-8 with a BOM (what Excel expects).

    Cells that Excel would run as a formula are named in a warning; with `excel_safe` they get a leading
    `'` instead, which Excel shows as text (千牛 itself would keep the `'`, so it is not the default).
    Raises ExportError when GBK cannot hold some characters (emoji, rare characters), naming the phrases:
    nothing is silently replaced; export as UTF-8 instead."""
    if encoding.lower().replace("_", "-") not in ENCODINGS:
        raise ExportError(msg("export.unknown_encoding", encoding=encoding, known=", ".join(ENCODINGS)))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # Windows line ends: 千牛 and Excel run on Windows
    writer.writerow(QIANNIU_HEADER)
    with_blanks: list[str] = []
    formulas: list[str] = []
    cells = 0
    for phrase in pack.phrases:
        # 千牛 has no placeholders: blanks stay visible as {name} for the agent to overwrite by hand.
        if "{" in phrase.text and _names(phrase.text):
            with_blanks.append(phrase.id)
        row = [phrase.code, render_partial(phrase.text, {}), phrase.category]
        risky = [i for i, cell in enumerate(row) if cell.startswith(FORMULA_STARTS)]
        if risky:
            formulas.append(phrase.id)
            cells += len(risky)
            for i in risky if excel_safe else ():
                row[i] = "'" + row[i]
        writer.writerow(row)
    text = buffer.getvalue()
    warnings = []
    if with_blanks:
        warnings.append(msg("export.blanks_literal", count=len(with_blanks), ids=_some(with_blanks)))
    if pack.scripts:
        warnings.append(msg("export.scripts_left_out", count=len(pack.scripts)))
    if formulas:
        code = "export.formula_cells_escaped" if excel_safe else "export.formula_cells"
        warnings.append(msg(code, count=cells, ids=_some(formulas)))
    if encoding.lower() == "gbk":
        return CsvExport(_gbk(text, pack), tuple(warnings))
    return CsvExport(text.encode("utf-8-sig"), tuple(warnings))


def _names(text: str) -> tuple[str, ...]:
    try:
        return placeholder_names(text)
    except ValueError:
        return ()


def _gbk(text: str, pack: Pack) -> bytes:
    try:
        return text.encode("gbk")
    except UnicodeEncodeError:
        pass
    bad: dict[str, tuple[str, ...]] = {}
    for phrase in pack.phrases:
        chars = tuple(dict.fromkeys(ch for ch in phrase.code + phrase.text + phrase.category if _not_gbk(ch)))
        if chars:
            bad[phrase.id] = chars
    listed = "; ".join(f"{pid} ({' '.join(chars)})" for pid, chars in list(bad.items())[:10])
    more = msg("export.not_gbk_more", count=len(bad) - 10) if len(bad) > 10 else ""
    raise ExportError(msg("export.not_gbk", count=len(bad), listed=listed, more=more))


def _not_gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return True
    return False


def _some(ids: list[str], limit: int = 8) -> str:
    return ", ".join(ids[:limit]) + (f" (and {len(ids) - limit} more)" if len(ids) > limit else "")


# -- HTML cheat sheet ----------------------------------------------------------------------------------

_CSS = """
body { font-family: "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; margin: 2em;
       color: #222; font-size: 14px; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
.meta { color: #666; margin: 0 0 1.5em; }
main { columns: 2 22em; column-gap: 2.5em; }
section { break-inside: avoid-column; margin: 0 0 1.2em; }
h2 { font-size: 1.05em; border-bottom: 2px solid #e4572e; padding-bottom: .15em; margin: 0 0 .3em; }
table { border-collapse: collapse; width: 100%; }
td { padding: .18em .4em; border-bottom: 1px solid #eee; vertical-align: top; }
td.code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-weight: bold; white-space: nowrap;
          width: 6em; color: #b5361b; }
td.none { color: #aaa; }
ol { margin: .2em 0 0 1.4em; padding: 0; }
@media print {
  body { margin: 0; font-size: 10.5pt; }
  main { column-gap: 1.5em; }
  h2 { border-color: #000; }
  td.code { color: #000; }
  @page { margin: 1.2cm; }
}
"""


def pack_to_cheatsheet_html(pack: Pack, lang: str = DEFAULT_LANGUAGE) -> str:
    """A printable page of codes and titles per category (and the talk scripts) for new agents.

    The page's own words (title, summary, headings) are in `lang`; the pack's text stays as written."""
    lang = normalise_language(lang)
    by_category: dict[str, list[Phrase]] = {c: [] for c in pack.categories}
    for phrase in pack.phrases:
        by_category.setdefault(phrase.category, []).append(phrase)
    titles = {p.id: p.title for p in pack.phrases}
    sections = [_category_html(cat, phrases) for cat, phrases in by_category.items() if phrases]
    if pack.scripts:
        sections.append(_scripts_html(pack.scripts, titles, render(msg("export.cheatsheet.scripts"), lang)))
    coded = sum(1 for p in pack.phrases if p.code)
    meta = render(
        msg("export.cheatsheet.meta", version=pack.version, phrases=len(pack.phrases), coded=coded), lang
    )
    title = escape(render(msg("export.cheatsheet.title", name=pack.name), lang))
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<h1>{title}</h1>\n<p class="meta">{escape(meta)}</p>\n'
        "<main>\n" + "\n".join(sections) + "\n</main>\n</body>\n</html>\n"
    )


def _category_html(category: str, phrases: list[Phrase]) -> str:
    rows = "\n".join(
        f'<tr><td class="code{"" if p.code else " none"}">{escape(p.code) if p.code else "—"}</td>'
        f"<td>{escape(p.title)}</td></tr>"
        for p in phrases
    )
    return f"<section>\n<h2>{escape(category)}</h2>\n<table>\n{rows}\n</table>\n</section>"


def _scripts_html(scripts: tuple[Script, ...], titles: dict[str, str], heading: str) -> str:
    items = []
    for script in scripts:
        steps = "".join(
            f"<li>{escape(s.title or titles.get(s.phrase_id, s.phrase_id) or _first_line(s.text))}</li>"
            for s in script.steps
        )
        items.append(f"<h3>{escape(script.title)}</h3>\n<ol>{steps}</ol>")
    return f"<section>\n<h2>{escape(heading)}</h2>\n" + "\n".join(items) + "\n</section>"


def _first_line(text: str) -> str:
    line = render_partial(text, {}).strip().split("\n", 1)[0]
    return line if len(line) <= 24 else line[:24] + "…"
