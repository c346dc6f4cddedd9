"""Line numbers for tables and keys of a TOML text: the parser reports none, messages need them."""

from __future__ import annotations

import re
from functools import lru_cache

# A table header on a line of its own (a trailing comment allowed). Requiring the line to end right after
# the closing bracket keeps lines such as "[活动] 满300减30" inside multi-line strings from counting.
_HEADER = re.compile(r"^[ \t]*\[(\[?)([^\[\]\n]+)\]\]?[ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE)


@lru_cache(maxsize=256)
def _key_pattern(key: str) -> re.Pattern[str]:
    k = re.escape(key)
    return re.compile(rf"^[ \t]*(?:{k}|\"{k}\"|'{k}')[ \t]*[=.]", re.MULTILINE)


def _key_path(inner: str) -> tuple[str, ...]:
    """`placeholders."城市"` -> ("placeholders", "城市"); quotes and spaces around dots dropped."""
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    for ch in inner:
        if quote:
            if ch == quote:
                quote = ""
            else:
                current.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == ".":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return tuple(parts)


class TomlLines:
    """Where each table header sits, and the first `key =` line inside a table."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._split: list[str] | None = None
        self._starts: list[int] = []  # offset where each header's line starts
        self._ends: list[int] = []  # offset just after each header
        self._lines: list[int] = []
        self._by_path: dict[tuple[str, ...], list[int]] = {}
        line, last = 1, 0
        paths: dict[str, tuple[str, ...]] = {}  # most headers are the same "phrases"
        for match in _HEADER.finditer(text):
            line += text.count("\n", last, match.start())
            last = match.start()
            index = len(self._starts)
            self._starts.append(match.start())
            self._ends.append(match.end())
            self._lines.append(line)
            inner = match.group(2)
            path = paths.get(inner) or paths.setdefault(inner, _key_path(inner))
            self._by_path.setdefault(path, []).append(index)

    def text_of(self, line: int) -> str:
        """The text of 1-based `line` ("" past the end)."""
        if self._split is None:
            self._split = self._text.split("\n")
        return self._split[line - 1].rstrip("\r") if 0 < line <= len(self._split) else ""

    def headers(self, *path: str) -> list[int]:
        """Indexes of the headers `[path]` / `[[path]]`, in file order."""
        return self._by_path.get(path, [])

    def line(self, header: int) -> int:
        return self._lines[header]

    def table_line(self, *path: str) -> int:
        """Line of the first `[path]` header, else of a `path... =` key at the top; 0 when not found."""
        found = self.headers(*path)
        if found:
            return self._lines[found[0]]
        if len(path) > 1:
            parent = self.headers(*path[:-1])
            if parent:
                return self.key_line(parent[0], path[-1])
        return self.key_line(None, path[0])

    def key_line(self, header: int | None, key: str) -> int:
        """Line of the first `key =` after `header` (None: top of the file) and before the next header;
        the header's own line when the key is not found (inline tables, dotted keys)."""
        return self.key_position(header, key)[0]

    def key_position(self, header: int | None, key: str) -> tuple[int, str]:
        """(line, rest of that line after the key) — the rest tells a multi-line string from a short one."""
        start = 0 if header is None else self._ends[header]
        following = (header + 1) if header is not None else 0
        end = self._starts[following] if following < len(self._starts) else len(self._text)
        base_line = 1 if header is None else self._lines[header]
        base = 0 if header is None else self._starts[header]
        match = _key_pattern(key).search(self._text, start, end)
        if match is None:
            return (base_line if header is not None else 0), ""
        line = base_line + self._text.count("\n", base, match.start())
        eol = self._text.find("\n", match.end())
        rest = self._text[match.end() : eol if eol >= 0 else len(self._text)]
        return line, rest

    def value_line(self, header: int | None, key: str, value: str, offset: int) -> int:
        """Line of character `offset` of the string `value` written at `key` (multi-line strings too)."""
        line, rest = self.key_position(header, key)
        if not line:
            return 0
        rest = rest.lstrip(" \t=")
        if rest.startswith(('"""', "'''")):
            # TOML drops a line break right after the opening quotes, so the text starts on the next line.
            starts_below = rest[3:].rstrip("\r") == ""
            return line + (1 if starts_below else 0) + value.count("\n", 0, offset)
        return line
