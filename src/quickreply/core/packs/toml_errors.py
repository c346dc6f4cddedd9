"""The TOML parser's own English messages as catalogue codes (core/messages/toml_parser.py).

tomli and tomllib (the same parser) raise a fixed set of messages; each is matched here once, so a lead
reads the parser's complaint in their language. A message this table does not know (a newer tomli) is
kept as written under `toml.parser.other`, never dropped.
"""

from __future__ import annotations

import re

from quickreply.core.messages import Message, msg

# (pattern over the parser's message, code, argument names of its groups)
_PARSER: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(pattern + r"$"), code, args)
    for pattern, code, args in (
        (r"Invalid statement", "invalid_statement", ()),
        (r"Expected newline or end of document after a statement", "expected_newline", ()),
        (r"Expected '=' after a key in a key/value pair", "expected_equals", ()),
        (r"Expected '\]' at the end of a table declaration", "table_end", ()),
        (r"Expected '\]\]' at the end of an array declaration", "array_end", ()),
        (r"Expected (.+)", "expected", ("expected",)),
        (r"Found invalid character (.+)", "invalid_char", ("char",)),
        (r"Cannot declare (.+) twice", "declared_twice", ("key",)),
        (r"Cannot overwrite a value", "overwrite", ()),
        (r"Cannot mutate immutable namespace (.+)", "immutable", ("key",)),
        (r"Cannot redefine namespace (.+)", "redefine", ("key",)),
        (r"Invalid initial character for a key part", "key_start", ()),
        (r"Unclosed array", "unclosed_array", ()),
        (r"Duplicate inline table key (.+)", "duplicate_inline_key", ("key",)),
        (r"Unclosed inline table", "unclosed_inline_table", ()),
        (r"Unescaped '\\' in a string", "unescaped_backslash", ()),
        (r"Invalid hex value", "invalid_hex", ()),
        (r"Escaped character is not a Unicode scalar value", "not_scalar", ()),
        (r"Unterminated string", "unterminated_string", ()),
        (r"Illegal character (.+)", "illegal_char", ("char",)),
        (r"Invalid date or datetime", "invalid_date", ()),
        (r"Invalid value", "invalid_value", ()),
        (r"tables or arrays are nested more than (\d+) levels deep", "too_deep", ("limit",)),
        (r"a value cannot be read: .*", "unreadable_value", ()),
    )
)


def parser_message(text: str) -> Message:
    """The catalogued message for one of the parser's messages (without its "(at line …)" suffix)."""
    text = text.strip()
    for pattern, code, names in _PARSER:
        found = pattern.match(text)
        if found:
            return msg(f"toml.parser.{code}", **dict(zip(names, found.groups(), strict=True)))
    return msg("toml.parser.other", detail=text)


_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def toml_error(exc: Exception) -> Message:
    """A TOMLDecodeError as "what (at line L, column C)", for files read whole (settings, rules)."""
    text = str(exc)
    found = _AT.search(text)
    what = parser_message(getattr(exc, "msg", None) or _AT.sub("", text))
    line = getattr(exc, "lineno", None) or (int(found.group(1)) if found and found.group(1) else 0)
    column = getattr(exc, "colno", None) or (int(found.group(2)) if found and found.group(2) else 0)
    if not line:
        return what
    return msg("toml.parser.at", detail=what, line=line, column=column)
