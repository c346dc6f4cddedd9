"""AutoHotkey hotstrings (`.ahk`, v1 and v2): `:options:abbr::text` -> a phrase with code `abbr`.

Read as AutoHotkey reads auto-replace hotstrings: `( … )` continuation sections hold multi-line texts; a
`;` comment line right above a hotstring is its title; `` `n `` / `` `t `` and `{Enter}` / `{Tab}` become
line breaks and tabs, `{!}`-style braces the character; other keys (`{Left}`, `{BS 3}`) cannot be pasted
and are removed with a warning. Directives (`#NoEnv`), hotkeys (`^j::`), commands and hotstrings that run
an action (the `X` option, or an empty text followed by a command block) are code, not phrases: skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from quickreply.core.importers.common import (
    ImportResult,
    PackBuilder,
    Progress,
    decode_text,
    make_title,
    normalize_newlines,
)
from quickreply.core.template import escape_braces

_HOTSTRING = re.compile(r"^:(?P<options>[^:\s]*):(?P<abbr>.+?)::(?P<text>.*)$")
_HOTKEY = re.compile(r"^[^\s:;][^:]*::")
_COMMENT = re.compile(r"(?:^|[ \t]);.*$")  # `;` starts a comment at the line start or after a space
_BANNER = re.compile(r"^[=\-*#~_+]{3,}\s*([^=\-*#~_+\s].*?)\s*[=\-*#~_+]{3,}$")  # "===== 售后 ====="
_RULE = re.compile(r"^[=\-*#~_+\s]{3,}$")  # ";-------": decoration only
_ABBR_ESCAPE = re.compile(r"`([`:;])")  # "``1" is typed `1, "`:" a colon
_KEY = re.compile(r"\{([^{}]+|\{|\})\}")
_LITERAL_KEYS = {"!": "!", "#": "#", "+": "+", "^": "^", "{": "{", "}": "}", "Space": " ", "Enter": "\n"}
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "",
    "`": "`",
    ";": ";",
    ":": ":",
    "%": "%",
    "{": "{",
    "}": "}",
    "s": " ",
}


def sniff_autohotkey(path: Path, text: str) -> float:
    if path.suffix.lower() == ".ahk":
        return 0.95
    hotstrings = sum(1 for line in text.splitlines()[:400] if _HOTSTRING.match(line.strip()))
    return 0.85 if hotstrings >= 2 else 0.0


def import_autohotkey(
    data: bytes, source: str, pack_id: str, name: str, category: str, progress: Progress | None = None
) -> ImportResult:
    text, encoding = decode_text(data, source)
    builder = PackBuilder(pack_id, name, source, description="从 AutoHotkey 热字串导入", progress=progress)
    lines = normalize_newlines(text).split("\n")
    code_lines = 0
    title = section = ""
    previous_comment = False
    i = 0
    in_block_comment = False
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        number = i + 1
        i += 1
        builder.tick(number)
        if in_block_comment:
            in_block_comment = not line.startswith("*/") and not line.endswith("*/")
            continue
        if line.startswith("/*"):
            in_block_comment = not line.endswith("*/")
            continue
        if not line:
            title, previous_comment = "", False
            continue
        if line.startswith(";"):
            comment = line.lstrip(";").strip()
            banner = _BANNER.match(comment)
            if banner:  # "; ===== 售后 =====" heads a section: its hotstrings' category, nobody's title
                section = banner.group(1).strip()
                title = ""
            elif _RULE.match(comment):
                title = ""
            elif not previous_comment or not title:
                title = comment  # of a comment block above a hotstring, its first line says what it is
            previous_comment = True
            continue
        previous_comment = False
        found = _HOTSTRING.match(line)
        where = f"{source}:{number}"
        if found is None:
            code_lines += 1
            title = ""
            if _HOTKEY.match(line):  # a hotkey with a command block: skip up to its return / closing brace
                i = _skip_block(lines, i, line)
            continue
        options, abbr = found.group("options"), found.group("abbr")
        # ` ;` starts a comment in any send mode; blanks around the text are not sent (`s or {Space} is)
        body = _COMMENT.sub("", found.group("text")).strip(" \t")
        raw_mode = bool(re.search(r"[RT](?!0)", options.upper()))
        if "X" in options.upper():
            builder.warn("import.skip_action", where=where)
            title = ""
            continue
        if not body.strip() or body.strip() == "{":
            if i < len(lines) and lines[i].strip().startswith("(") and body.strip() != "{":
                end = i + 1
                while end < len(lines) and not lines[end].strip().startswith(")"):
                    end += 1
                section = lines[i].strip()[1:].strip()  # continuation options such as LTrim
                chunk = lines[i + 1 : end]
                if "ltrim" in section.lower() or not section:
                    chunk = _dedent(chunk)
                body = "\n".join(chunk)
                i = end + 1
            elif not body.strip() and _next_is_hotstring(lines, i):
                # `:b0:abels::` right above another hotstring: nothing of its own to paste (a whitelist
                # entry, or a label sharing the next one's action), not a command block
                builder.warn("import.skip_ahk_no_text", where=where)
                title = ""
                continue
            else:
                builder.warn("import.skip_action", where=where)
                i = _skip_block(lines, i, line)
                title = ""
                continue
        phrase = body if raw_mode else _translate(builder, body, where)
        phrase = phrase.strip("\n")
        builder.add(
            escape_braces(phrase),
            title=title or make_title(phrase),
            category=section or category,
            code=_ABBR_ESCAPE.sub(r"\1", abbr),
            where=where,
        )
        title = ""
    if code_lines:
        builder.warn("import.ahk_code_skipped", source=source, count=code_lines)
    return builder.result(encoding, "autohotkey")


def _next_is_hotstring(lines: list[str], i: int) -> bool:
    """Whether the next line that is not blank or a comment is a hotstring (or there is none)."""
    for line in lines[i:]:
        text = line.strip()
        if text and not text.startswith(";"):
            return _HOTSTRING.match(text) is not None
    return True


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]


def _skip_block(lines: list[str], i: int, opener: str) -> int:
    """The index after a command block that follows `opener` (v1: up to `return`; v2: a braced block)."""
    if opener.rstrip().endswith("{") or (i < len(lines) and lines[i].strip() == "{"):
        depth = opener.count("{") - opener.count("}")
        while i < len(lines):
            depth += lines[i].count("{") - lines[i].count("}")
            i += 1
            if depth <= 0 and "}" in lines[i - 1]:
                return i
        return i
    hotstring = _HOTSTRING.match(opener.strip())
    if hotstring is None and opener.split("::", 1)[-1].strip():  # a one-line hotkey: `^j::Send x`
        return i
    while i < len(lines):
        line = lines[i].strip().lower()
        i += 1
        if line == "return" or line.startswith("return "):
            return i
        if _HOTSTRING.match(lines[i - 1].strip()) or (line and _HOTKEY.match(line)):
            return i - 1  # a new hotstring or hotkey without a return before it
    return i


def _translate(builder: PackBuilder, text: str, where: str) -> str:
    """Auto-replace text as it would be typed: escapes and {Key} names resolved, other keys removed."""
    out: list[str] = []
    dropped: list[str] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch == "`" and pos + 1 < len(text):
            out.append(_ESCAPES.get(text[pos + 1], text[pos + 1]))
            pos += 2
            continue
        if ch == "{":
            found = _KEY.match(text, pos)
            if found:
                key = found.group(1)
                name = key.split(" ")[0]
                if name in _LITERAL_KEYS:
                    out.append(_LITERAL_KEYS[name])
                elif name.lower() == "tab":
                    out.append("\t")
                elif name.lower() in ("enter", "return"):
                    out.append("\n")
                elif len(name) == 1:
                    out.append(name)
                else:
                    dropped.append("{" + key + "}")
                pos = found.end()
                continue
        out.append(ch)
        pos += 1
    if dropped:
        builder.warn("import.simplified_keys", where=where, keys=" ".join(dict.fromkeys(dropped)))
    return "".join(out)
