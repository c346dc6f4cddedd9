"""What a Chinese IME types in place of TOML syntax, found where the TOML parser gave up.

Team leads write packs with the IME switched on half the time: “ ” instead of ", ＝ or ： instead of =,
， instead of a comma, 【 】 instead of [ ], a full-width or non-breaking space. Outside strings and
comments TOML allows only ASCII, so each of these stops the parser with a message that sends the lead the
wrong way ("text needs quotes" for a text that has quotes, the wrong ones). `find_slips` scans the file
as the parser would (strings, comments, multi-line strings) and names each such character, where it is
and what to type instead; it also finds the line where an unclosed multi-line string opens (the parser
reports where the file ends).

Pure: text in, `Slip`s out, each carrying a message code (rendered by core/messages).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from quickreply.core.messages import Message, msg
from quickreply.core.model import TextFix

# Characters an IME produces in place of ASCII syntax: character → (name code, the ASCII to type).
_SLIPS: dict[str, tuple[str, str]] = {
    "“": ("cn_quote", '"'),
    "”": ("cn_quote", '"'),
    "‘": ("cn_single_quote", "'"),
    "’": ("cn_single_quote", "'"),
    "＂": ("fw_quote", '"'),
    "＇": ("fw_single_quote", "'"),
    "＝": ("fw_equals", "="),
    "：": ("cn_colon", "="),
    ":": ("colon", "="),
    "，": ("cn_comma", ","),
    "、": ("cn_enum_comma", ","),
    "。": ("cn_full_stop", "."),
    "【": ("cn_bracket", "["),
    "】": ("cn_bracket", "]"),
    "［": ("fw_bracket", "["),
    "］": ("fw_bracket", "]"),
    "｛": ("fw_brace", "{"),
    "｝": ("fw_brace", "}"),
    "〔": ("cn_bracket", "["),
    "〕": ("cn_bracket", "]"),
}
# Invisible characters: code point → name code; the fix is a plain space (or nothing).
_SPACES: dict[str, str] = {
    "\u3000": "fw_space",
    "\u00a0": "nbsp",
    "\u200b": "zero_width",
    "\ufeff": "zero_width",
    "\u2002": "wide_space",
    "\u2003": "wide_space",
}
# The quote that closes a string a Chinese quote opened (the lead may close it either way).
_CLOSERS = {"“": '”“"', "”": '”“"', "‘": "’‘'", "’": "’‘'"}
# Lines inside a multi-line string that look like pack syntax: the string was probably never closed.
_LOOKS_LIKE_SYNTAX = re.compile(
    r"^[ \t]*(\[\[?[ \t]*[A-Za-z_][\w.\"' -]*\]\]?[ \t]*$|(id|title|text|category|tags|code)[ \t]*=)"
)


@dataclass(frozen=True)
class Slip:
    """One character (or unclosed string) the parser can't take, with what to do: `message`."""

    line: int
    column: int  # 1-based, in characters; 0 when the slip is a whole line
    message: Message
    found: str = ""  # the character as typed ("" for an unclosed string)
    fix: str = ""  # what to type instead ("" = delete it)


def _char_slip(line: int, column: int, char: str) -> Slip | None:
    if char in _SPACES:
        name = _SPACES[char]
        fix = "" if name == "zero_width" else " "
        code = "toml.invisible_char" if fix else "toml.invisible_char_delete"
        point = f"U+{ord(char):04X}"
        return Slip(
            line,
            column,
            msg(code, line=line, column=column, name=msg(f"toml.char.{name}"), point=point),
            char,
            fix,
        )
    if char in _SLIPS:
        name, fix = _SLIPS[char]
    else:
        folded = unicodedata.normalize("NFKC", char)
        if not ("\uff01" <= char <= "\uff5e" and folded.isascii()):  # other full-width forms: ！ （ ） ；
            return None
        name, fix = "fw_char", folded
    args = {"line": line, "column": column, "char": char, "fix": fix}
    return Slip(line, column, msg("toml.ime_char", name=msg(f"toml.char.{name}"), **args), char, fix)


def find_slips(text: str) -> list[Slip]:
    """Every IME character outside strings and comments, and an unclosed multi-line string, in file order.

    Meant for a file the TOML parser refused: in a file it took, there is nothing to find.
    """
    return _Scanner(text).run()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").split("\n")
        self.slips: list[Slip] = []

    def run(self) -> list[Slip]:
        row, col = 0, 0
        while row < len(self.lines):
            row, col = self._line(row, col)
        return self.slips

    def _line(self, row: int, col: int) -> tuple[int, int]:
        """Scan line `row` (0-based) from `col`, outside any string; returns where to go on."""
        text = self.lines[row]
        while col < len(text):
            char = text[col]
            if char == "#":
                break
            if text.startswith(('"""', "'''"), col):
                return self._multiline(row, col)
            if char in "\"'":
                col = self._basic(row, col + 1, char)
                continue
            if ord(char) > 0x7E or char == ":":
                if char == ":" and not self._colon_slip(text, col):
                    col += 1
                    continue
                slip = _char_slip(row + 1, col + 1, char)
                if (
                    slip is None
                ):  # 亲，您好 without quotes: the parser's "needs quotes" says it; the ， is text
                    return row + 1, 0
                if slip is not None:
                    self.slips.append(slip)
                    if char in _CLOSERS:  # “text” — the lead meant a string: don't report its content
                        col = self._cn_string(row, col + 1, char)
                        continue
            col += 1
        return row + 1, 0

    @staticmethod
    def _colon_slip(text: str, col: int) -> bool:
        """An ASCII colon outside strings: a slip for `=` only where `=` would stand (`key: "..."`)."""
        key = text[:col].strip()
        return bool(key) and "=" not in text[:col] and re.fullmatch(r"[\w.\"'-]+", key) is not None

    def _basic(self, row: int, col: int, quote: str) -> int:
        """Inside "..." or '...' on one line; returns the column after it. Unclosed: find a Chinese closer."""
        text = self.lines[row]
        start = col
        while col < len(text):
            char = text[col]
            if quote == '"' and char == "\\":
                col += 2
                continue
            if char == quote:
                return col + 1
            col += 1
        closers = "”“" if quote == '"' else "’‘"
        # "亲，您好！” — opened with an ASCII quote, closed with a Chinese one: the one the line ends with
        # (before a comment), else the last one on the line.
        candidates = [i for i in range(start, len(text)) if text[i] in closers]
        ends = [i for i in candidates if not text[i + 1 :].strip() or text[i + 1 :].lstrip().startswith("#")]
        if candidates:
            at = ends[0] if ends else candidates[-1]
            slip = _char_slip(row + 1, at + 1, text[at])
            if slip is not None:
                self.slips.append(slip)
        return len(text)

    def _cn_string(self, row: int, col: int, opener: str) -> int:
        """After a Chinese opening quote: skip to its closer (a Chinese one is reported) or the line's end."""
        text = self.lines[row]
        while col < len(text):
            char = text[col]
            if char in _CLOSERS[opener]:
                if not char.isascii():
                    slip = _char_slip(row + 1, col + 1, char)
                    if slip is not None:
                        self.slips.append(slip)
                return col + 1
            col += 1
        return col

    def _multiline(self, row: int, col: int) -> tuple[int, int]:
        """From an opening \"\"\" or ''': find its close; report where it opens if it swallows syntax."""
        delim = self.lines[row][col : col + 3]
        opened = row
        col += 3
        suspect: int | None = None
        while row < len(self.lines):
            text = self.lines[row]
            while col < len(text):
                if delim == '"""' and text[col] == "\\":
                    col += 2
                    continue
                if text.startswith(delim, col):
                    end = col + 3
                    while end < len(text) and text[end] == delim[0] and end < col + 5:  # """" is allowed
                        end += 1
                    if suspect is not None:
                        self._unclosed(opened, delim, suspect)
                        return len(self.lines), 0  # past a swallowed phrase nothing can be read reliably
                    return row, end
                col += 1
            row += 1
            col = 0
            if suspect is None and row < len(self.lines) and _LOOKS_LIKE_SYNTAX.match(self.lines[row]):
                suspect = row
        self._unclosed(opened, delim, suspect)
        return len(self.lines), 0

    def _unclosed(self, opened: int, delim: str, suspect: int | None) -> None:
        if suspect is None:
            message = msg("toml.multiline_unclosed_eof", line=opened + 1, quotes=delim)
        else:
            shown = self.lines[suspect].strip()
            message = msg(
                "toml.multiline_unclosed", line=opened + 1, quotes=delim, swallowed=suspect + 1, what=shown
            )
        self.slips.append(Slip(opened + 1, 0, message))


def apply_fixes(text: str, fixes: Iterable[TextFix]) -> str:
    """`text` with each fix applied; a fix whose characters are not where it says is skipped."""
    lines = text.splitlines(keepends=True)
    for fix in sorted(fixes, key=lambda f: (f.line, f.column), reverse=True):
        if not 0 < fix.line <= len(lines) or fix.column < 1:
            continue
        line, at = lines[fix.line - 1], fix.column - 1
        if line[at : at + len(fix.found)] == fix.found:
            lines[fix.line - 1] = line[:at] + fix.replacement + line[at + len(fix.found) :]
    return "".join(lines)
