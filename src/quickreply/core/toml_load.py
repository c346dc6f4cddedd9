"""The one place TOML text is parsed: tomli, plus a bound on nesting.

tomli raises RecursionError (not TOMLDecodeError) on some 400 levels of nested arrays or inline tables, and
a document just under that would make any later recursive walk (repr, tomli_w, pickle) fail the same way;
an integer of over 4,300 digits raises a plain ValueError. `loads` turns all of them into a
TOMLDecodeError, so every caller's existing "not valid TOML" path handles them.
"""

from __future__ import annotations

import re
import threading
import tomllib
from typing import Any

import tomli

TOMLDecodeError = tomli.TOMLDecodeError
MAX_NESTING = 64  # levels of tables and arrays; real packs and settings use at most 4


def _nesting_line(text: str) -> int:
    """The line where bracket depth first exceeds MAX_NESTING (a guess that ignores strings), else 1."""
    depth = 0
    line = 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1
            depth = 0 if depth <= 2 else depth  # a table header's brackets close on their own line
    return 1


def _too_deep(doc: dict[str, Any]) -> bool:
    """True when tables/arrays nest deeper than MAX_NESTING (iterative: no recursion of its own)."""
    stack: list[tuple[Any, int]] = [(doc, 0)]  # the document itself is level 0
    while stack:
        value, depth = stack.pop()
        for child in value.values() if type(value) is dict else value:
            if type(child) is dict or type(child) is list:
                if depth + 1 > MAX_NESTING:
                    return True
                stack.append((child, depth + 1))
    return False


def _nesting_error(text: str) -> TOMLDecodeError:
    message = f"tables or arrays are nested more than {MAX_NESTING} levels deep"
    line = _nesting_line(text)
    offset = sum(len(part) + 1 for part in text.split("\n")[: line - 1])
    return TOMLDecodeError(message, text, min(offset, len(text)))


_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def _parse(text: str) -> dict[str, Any]:
    """tomli on the main thread; the standard library's tomllib (the same parser, pure Python) elsewhere.

    The tomli wheel is compiled (mypyc) and holds the GIL for a whole parse (250 ms for a 10k-phrase pack,
    seen by sampling the UI thread during a background reload); tomllib lets other threads run every few
    milliseconds, so a reload in the background never stalls the popup. Its errors become tomli's.
    """
    if threading.current_thread() is threading.main_thread():
        return tomli.loads(text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _AT.search(message)
        pos = len(text)
        if found and found.group(1):
            lines = text.split("\n")
            line, column = int(found.group(1)), int(found.group(2))
            pos = sum(len(part) + 1 for part in lines[: line - 1]) + column - 1
        raise TOMLDecodeError(_AT.sub("", message), text, min(pos, len(text))) from None


def loads(text: str) -> dict[str, Any]:
    """Parse TOML text; raises TOMLDecodeError for bad syntax and for absurd nesting, never anything else."""
    try:
        doc = _parse(text)
    except TOMLDecodeError:
        raise
    except RecursionError:
        raise _nesting_error(text) from None
    except ValueError as exc:  # an integer of more than 4,300 digits (Python's int() limit)
        raise TOMLDecodeError(f"a value cannot be read: {exc}", text, 0) from None
    if _too_deep(doc):
        raise _nesting_error(text)
    return doc
