"""Plain text: one phrase per line, or (when blank lines separate them) one phrase per block of lines."""

from __future__ import annotations

import re

from quickreply.core.importers.common import (
    ImportResult,
    PackBuilder,
    decode_text,
    make_title,
    normalize_newlines,
)
from quickreply.core.template import escape_braces

_BLANK_LINE = re.compile(r"\n(?:[ \t\u3000]*\n)+")
_LINE = re.compile(r"\n")
BLOCK_LINES = 8  # blocks longer than this (by median) are sections of one-line phrases, not phrases


def split_phrases(text: str) -> tuple[list[tuple[int, str]], str]:
    """(phrases with the line each starts on, "blocks" or "lines").

    Blank lines make blocks the phrases, unless the blocks are long: then the blank lines only separate
    sections of a one-phrase-per-line list."""
    text = normalize_newlines(text)
    blocks = _chunks(text, _BLANK_LINE)
    sizes = sorted(chunk.count("\n") + 1 for _, chunk in blocks)
    if len(blocks) > 1 and sizes[len(sizes) // 2] <= BLOCK_LINES:
        return blocks, "blocks"
    return _chunks(text, _LINE), "lines"


def _chunks(text: str, separator: re.Pattern[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    pos, line = 0, 1  # `line` is the line number at `pos`, counted as we go (linear time)
    for piece in [*separator.finditer(text), None]:
        end = piece.start() if piece else len(text)
        raw = text[pos:end]
        chunk = raw.strip()
        if chunk:
            leading = raw[: len(raw) - len(raw.lstrip())]
            found.append((line + leading.count("\n"), chunk))
        line += raw.count("\n")
        if piece:
            line += piece.group().count("\n")
            pos = piece.end()
    return found


def import_plain_text(data: bytes, source: str, pack_id: str, name: str, category: str) -> ImportResult:
    text, encoding = decode_text(data, source)
    phrases, mode = split_phrases(text)
    builder = PackBuilder(pack_id, name, source, description="从文本文件导入")
    if mode == "blocks":
        builder.warn(
            f"{source}: blank lines found, so each block of lines is one phrase ({len(phrases)} blocks)"
        )
    for line, phrase in phrases:
        builder.add(
            escape_braces(phrase), title=make_title(phrase), category=category, where=f"{source}:{line}"
        )
    return ImportResult(builder.build(), tuple(builder.warnings), encoding)
