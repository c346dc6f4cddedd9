"""Plain text: one phrase per line, or (when blank lines separate them) one phrase per block of lines."""

from __future__ import annotations

import re

from quickreply.core.importers.common import (
    ImportResult,
    PackBuilder,
    Progress,
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


_CODE_SIGNS = (
    (
        "AutoHotkey",
        re.compile(
            r"^\s*(#NoEnv|#SingleInstance|#Hotstring|#Requires|SendMode\b|:[*?A-Za-z0-9]*:[^:\n]+::)", re.M
        ),
    ),
    ("Markdown", re.compile(r"^(#{1,6} \S|```|~~~|---+\s*$|\* \* \*)", re.M)),
    ("HTML/XML", re.compile(r"^\s*<(\?xml|!DOCTYPE|html|plist|div|p|table)\b", re.I | re.M)),
    ("JSON", re.compile(r"\A\s*[\[{]\s*\"")),
    ("YAML", re.compile(r"^[A-Za-z_]+:\s*\n\s+- ", re.M)),
)


def looks_like_code(text: str) -> str:
    """The kind of code or markup `text` looks like ("" for prose): such files are never plain phrases."""
    head = text[:16384]
    for what, sign in _CODE_SIGNS:
        if len(sign.findall(head)) >= (1 if what in ("HTML/XML", "JSON") else 2):
            return what
    return ""


def sniff_text(text: str) -> float:
    """Plain text is the last resort: sure enough only when nothing in it looks like code or markup."""
    return 0.0 if looks_like_code(text) else 0.3


def import_plain_text(
    data: bytes, source: str, pack_id: str, name: str, category: str, progress: Progress | None = None
) -> ImportResult:
    text, encoding = decode_text(data, source)
    phrases, mode = split_phrases(text)
    builder = PackBuilder(pack_id, name, source, description="从文本文件导入", progress=progress)
    if mode == "blocks":
        builder.warn("import.blocks", source=source, count=len(phrases))
    for line, phrase in phrases:
        builder.add(
            escape_braces(phrase), title=make_title(phrase), category=category, where=f"{source}:{line}"
        )
    return builder.result(encoding, "text")
