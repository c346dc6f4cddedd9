"""Markdown 话术 documents: headings -> categories and titles, paragraphs / list items / fences -> texts.

A heading with exactly one phrase under it titles that phrase (its category is the heading above); a
heading with several names their category. A lone top `#` heading is the document's name, not a
category. Horizontal rules, fence markers, tables, HTML comments and images are layout, never phrases.

Where the phrases are fenced blocks, the prose beside them is notes about them ("**适用场景：** 买家首次
咨询", a 使用说明 list), not phrases: in a section holding a fence, and in the whole document when most
sections hold one. Notes are left out and counted in one warning.

`[变量]` (a short bracketed word, not a link) becomes the blank `{变量}` only when asked (`blanks=True`), and
`[偏大/偏小/正常]` a blank with those choices;
otherwise the text stays as written and the result counts what could be converted, so the CLI and the
import dialog can offer it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from quickreply.core.importers.common import (
    UNGROUPED,
    ImportResult,
    PackBuilder,
    Progress,
    decode_text,
    make_title,
    normalize_newlines,
    placeholder_name,
)
from quickreply.core.model import Placeholder
from quickreply.core.template import escape_braces

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_LIST = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)、]|[（(]?\d{1,3}[)）])\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_TABLE = re.compile(r"^\s*\|")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S.*?)\1")
_BLANK = re.compile(r"\[([^\[\]\s\d][^\[\]\n]{0,11})\](?!\()")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def sniff_markdown(path: Path, text: str) -> float:
    if path.suffix.lower() in (".md", ".markdown"):
        return 0.95
    headings = sum(1 for line in text.splitlines()[:400] if _HEADING.match(line))
    return 0.7 if headings >= 2 else 0.0


# "1. 欢迎语", "一、售前": the number goes; "3.5折优惠" and "12:00 前发货" keep theirs
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、:：)）](?!\d)\s*(?=\S)")
_COUNTED = re.compile(r"\s*[（(]\s*共?\s*\d+\s*条\s*[）)]\s*$")  # "售前话术（10条）", "列表（共 10 条）"


@dataclass
class _Block:
    line: int
    text: str
    fenced: bool = False


@dataclass
class _Section:
    headings: list[str]
    blocks: list[_Block] = field(default_factory=list)
    closed: bool = False  # after a horizontal rule: no heading of its own

    def fenced(self) -> bool:
        return any(b.fenced for b in self.blocks)


def import_markdown(
    data: bytes,
    source: str,
    pack_id: str,
    name: str,
    progress: Progress | None = None,
    blanks: bool = False,
) -> ImportResult:
    text, encoding = decode_text(data, source)
    builder = PackBuilder(pack_id, name, source, description="从 Markdown 话术导入", progress=progress)
    sections = _sections(_COMMENT.sub("", normalize_newlines(text)))
    _drop_notes(builder, source, sections)
    offered: list[str] = []
    # One `#` heading above everything is the document's name ("# 淘宝售前话术"), not a category.
    firsts = {s.headings[0] for s in sections if s.headings}
    drop_top = len(firsts) == 1 and next(iter(firsts)).startswith("# ")
    deeper = any(len(s.headings) > (1 if drop_top else 0) for s in sections)
    for section in sections:
        names = [_heading_text(h) for h in section.headings]
        document = ""
        if drop_top and names:
            if name == Path(source).stem:
                builder.name = names[0]
            document, names = names[0], names[1:]
        if deeper and (not names or section.closed):
            # The document's own preface or a footer after a rule: notes about the phrases, not phrases.
            for block in section.blocks:
                builder.warn("import.md_not_under_heading", where=f"{source}:{block.line}")
            continue
        single = len(section.blocks) == 1 and names
        # "## 1. 退货政策说明" over one phrase titles it; the heading above (or the document) is its category
        category = ("/".join(names[:-1]) or document if single else "/".join(names)) or UNGROUPED
        for block in section.blocks:
            where = f"{source}:{block.line}"
            template = escape_braces(block.text)
            if blanks:
                template = _blanks(builder, template, where)
            else:
                offered.extend(found.group(0) for found in _BLANK.finditer(template))
            builder.add(
                template,
                title=names[-1] if single else make_title(block.text),
                category=category,
                where=where,
            )
    result = builder.result(encoding, "markdown")
    return replace(result, bracket_words=tuple(offered))


def _drop_notes(builder: PackBuilder, source: str, sections: list[_Section]) -> None:
    """Leave out the prose beside fenced phrases: notes about them, not phrases (see the module doc)."""
    fenced = sum(1 for s in sections if s.fenced())
    prose = sum(1 for s in sections if not s.fenced())
    everywhere = fenced >= 2 and fenced >= prose
    for section in sections:
        if not (everywhere or section.fenced()):
            continue
        for block in section.blocks:
            if not block.fenced:
                builder.warn(
                    "import.md_note_left_out", where=f"{source}:{block.line}", text=make_title(block.text)
                )
        section.blocks = [b for b in section.blocks if b.fenced]


def _heading_text(heading: str) -> str:
    """A heading as a category or title: without its "1." number or its "（10条）" count."""
    text = heading.lstrip("#").strip()
    return _COUNTED.sub("", _NUMBERED.sub("", text)).strip() or text


def _sections(text: str) -> list[_Section]:
    sections = [_Section([])]
    stack: list[str] = []
    lines = text.split("\n")
    paragraph: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal paragraph
        body = "\n".join(paragraph).strip()
        if body:
            sections[-1].blocks.append(_Block(start, _inline(body)))
        paragraph = []

    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        i += 1
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            body: list[str] = []
            while i < len(lines) and not lines[i].strip().startswith(marker):
                body.append(lines[i])
                i += 1
            i += 1
            if "\n".join(body).strip():
                sections[-1].blocks.append(_Block(number + 1, "\n".join(body).strip("\n"), fenced=True))
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            stack = stack[: level - 1] + [""] * max(0, level - 1 - len(stack))
            stack = [*stack[: level - 1], "#" * level + " " + heading.group(2)]
            sections.append(_Section([h for h in stack if h]))
            continue
        if _RULE.match(line):
            flush()
            if sections[-1].blocks:  # a rule ends the section: what follows has no heading
                sections.append(_Section(sections[-1].headings, closed=True))
            continue
        if not line.strip() or _TABLE.match(line):
            flush()
            continue
        quote = _QUOTE.sub("", line)
        item = _LIST.match(quote)
        if item:
            flush()
            start = number
            paragraph = [quote[item.end() :]]
            continue
        if not paragraph:
            start = number
        paragraph.append(quote.strip())
    flush()
    return [s for s in sections if s.blocks]


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return text.replace("\\", "").strip() if "\\" in text and "\\\\" not in text else text.strip()


def _blanks(builder: PackBuilder, template: str, where: str) -> str:
    def blank(found: re.Match[str]) -> str:
        word = found.group(1)
        name = placeholder_name(word)
        builder.warn("import.brackets_to_blanks", where=where, name=word)
        options = [o.strip() for o in re.split(r"[/／|]", word)]
        if 2 <= len(options) <= 8 and all(options):  # "[偏大/偏小/正常]": the agent picks one
            builder.declare(Placeholder(name=name, label=word, choices=tuple(options)))
        return "{" + name + "}"

    return _BLANK.sub(blank, template)
