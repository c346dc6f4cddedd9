"""Placeholders in phrase texts: `{name}` blanks, `{{`/`}}` literal braces.

Safe by construction: a hand-written tokenizer splits a text into literal pieces and names, and rendering
only concatenates strings looked up in a plain mapping. No str.format, no eval: nothing in a pack can
reach a Python object.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from quickreply.core.messages import Message, msg

BUILTINS = ("shop", "agent", "date", "time", "weekday", "clipboard")

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class TemplateError(ValueError):
    """A malformed placeholder: `problem` says what (a catalogue code), `offset` is the index of the
    offending character in the text."""

    def __init__(self, problem: Message, offset: int) -> None:
        super().__init__(problem.render("en"))
        self.problem = problem
        self.offset = offset

    @property
    def message(self) -> str:
        """In English, for logs."""
        return self.problem.render("en")


class MissingValues(Exception):
    """Rendering needs values for these placeholders (in order of appearance)."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__("missing values: " + ", ".join(names))
        self.names = names


@dataclass(frozen=True)
class _Slot:
    name: str
    raw: str  # the text as written, "{name}", shown again by render_partial


_Piece = str | _Slot


def _name_problem(name: str) -> Message:
    shown = (name if len(name) <= 20 else name[:20] + "…").replace("\n", "\\n").replace("\r", "\\r")
    hint = msg("template.hint")
    if not name:
        return msg("template.empty", hint=hint)
    if not name.strip():
        return msg("template.blank", name=name, hint=hint)
    if name != name.strip() or any(ch.isspace() for ch in name):
        return msg("template.spaces", name=shown, hint=hint)
    if name[0].isdigit():
        return msg("template.digit", name=shown, hint=hint)
    if "." in name or "[" in name or "]" in name:
        return msg("template.dot", name=shown, hint=hint)
    return msg("template.invalid_name", name=shown, hint=hint)


def _scan(text: str) -> tuple[list[_Piece], list[TemplateError]]:
    """Split `text` into literal strings and slots; malformed parts stay literal and are reported."""
    pieces: list[_Piece] = []
    errors: list[TemplateError] = []
    literal: list[str] = []
    pos = 0
    n = len(text)
    # The next '{' and '}' are found with str.find and only searched again once passed: linear time.
    open_at = text.find("{")
    close_at = text.find("}")
    while open_at >= 0 or close_at >= 0:
        if open_at >= 0 and (close_at < 0 or open_at < close_at):
            literal.append(text[pos:open_at])
            if open_at + 1 < n and text[open_at + 1] == "{":
                literal.append("{")
                pos = open_at + 2
            else:
                next_open = text.find("{", open_at + 1)
                if close_at < 0 or (0 <= next_open < close_at):
                    errors.append(TemplateError(msg("template.unclosed", hint=msg("template.hint")), open_at))
                    literal.append("{")
                    pos = open_at + 1
                else:
                    name = text[open_at + 1 : close_at]
                    raw = text[open_at : close_at + 1]
                    if name.isidentifier():
                        if literal:
                            pieces.append("".join(literal))
                            literal = []
                        pieces.append(_Slot(name, raw))
                    else:
                        errors.append(TemplateError(_name_problem(name), open_at))
                        literal.append(raw)
                    pos = close_at + 1
        else:
            literal.append(text[pos:close_at])
            if close_at + 1 < n and text[close_at + 1] == "}":
                pos = close_at + 2
            else:
                errors.append(
                    TemplateError(msg("template.single_close", hint=msg("template.hint")), close_at)
                )
                pos = close_at + 1
            literal.append("}")
        if open_at >= 0 and open_at < pos:
            open_at = text.find("{", pos)
        if close_at >= 0 and close_at < pos:
            close_at = text.find("}", pos)
    literal.append(text[pos:])
    tail = "".join(literal)
    if tail:
        pieces.append(tail)
    return pieces, errors


def _parse(text: str) -> list[_Piece]:
    pieces, errors = _scan(text)
    if errors:
        raise errors[0]
    return pieces


# A name in braces where at least one brace is full-width (an IME's ｛城市｝): pasted literally to the buyer.
_LOOKALIKE = re.compile(r"([{｛])[ \t\u3000]*([^\W\d]\w*)[ \t\u3000]*([}｝])")
# {{城市}}: a literal "{城市}" (doubled braces are the escape), often meant as the blank {城市}.
_DOUBLED = re.compile(r"(?<!\{)\{\{([^\W\d]\w*)\}\}(?!\})")


def lookalike_placeholders(text: str) -> list[tuple[int, str, str]]:
    """(offset, as written, name) for each `｛name｝` written with a full-width brace; never raises."""
    if "｛" not in text and "｝" not in text:
        return []
    found = []
    for match in _LOOKALIKE.finditer(text):
        if match.group(1) == "｛" or match.group(3) == "｝":
            found.append((match.start(), match.group(0), match.group(2)))
    return found


def doubled_placeholders(text: str) -> list[tuple[int, str, str]]:
    """(offset, as written, name) for each `{{name}}`, which shows `{name}` literally; never raises."""
    if "{{" not in text:
        return []
    return [(m.start(), m.group(0), m.group(1)) for m in _DOUBLED.finditer(text)]


def template_problems(text: str) -> list[TemplateError]:
    """Every malformed placeholder in `text`, in order; never raises."""
    if "{" not in text and "}" not in text:
        return []
    return _scan(text)[1]


def names_and_problems(text: str) -> tuple[tuple[str, ...], list[TemplateError]]:
    """The well-formed names (unique, in order) and every problem, in one pass; never raises."""
    if "{" not in text and "}" not in text:
        return (), []
    pieces, errors = _scan(text)
    names = {p.name: None for p in pieces if isinstance(p, _Slot)}
    return tuple(names), errors


def placeholder_names(text: str) -> tuple[str, ...]:
    """Names used in `text`, each once, in order of first appearance; raises TemplateError."""
    if "{" not in text and "}" not in text:
        return ()
    seen: dict[str, None] = {}
    for piece in _parse(text):
        if isinstance(piece, _Slot):
            seen.setdefault(piece.name, None)
    return tuple(seen)


def render(text: str, values: Mapping[str, str]) -> str:
    """The text with every placeholder filled; raises MissingValues (all names) or TemplateError."""
    pieces = _parse(text)
    missing = {p.name: None for p in pieces if isinstance(p, _Slot) and p.name not in values}
    if missing:
        raise MissingValues(tuple(missing))
    return "".join(p if isinstance(p, str) else str(values[p.name]) for p in pieces)


def render_partial(text: str, values: Mapping[str, str]) -> str:
    """Like render, but unknown `{name}`s and malformed braces stay visible as written (live previews)."""
    pieces, _ = _scan(text)
    return "".join(
        p if isinstance(p, str) else (str(values[p.name]) if p.name in values else p.raw) for p in pieces
    )


def escape_braces(text: str) -> str:
    """Make every brace in `text` literal (for importers of plain texts)."""
    return text.replace("{", "{{").replace("}", "}}")


def builtin_values(
    shop: str, agent: str, now: datetime, clipboard: str | None, language: str = "zh_CN"
) -> dict[str, str]:
    """Values of the built-in placeholders. An empty shop/agent or a None clipboard is left out, so a
    render reports it as missing instead of silently writing nothing."""
    weekdays = _WEEKDAYS_EN if language.startswith("en") else _WEEKDAYS_ZH
    values = {
        "date": now.strftime("%Y-%m-%d"),
        "time": now.strftime("%H:%M"),
        "weekday": weekdays[now.weekday()],
    }
    if shop:
        values["shop"] = shop
    if agent:
        values["agent"] = agent
    if clipboard is not None:
        values["clipboard"] = clipboard
    return values


_SINGLE = re.compile(r"(?<!\{)\{([^\W\d]\w*)\}(?!\})")  # {name}, not the escaped {{name}}


def fill_known(text: str, values: Mapping[str, str]) -> tuple[str, list[int], list[tuple[int, int]]]:
    """`text` with the blanks `values` knows filled in, for showing (a result row), not for pasting.
    Returns the text, `where` (index in it of each source character, and of the end) and the
    [start, end) ranges of the filled values; unknown blanks and braces stay as written."""
    out: list[str] = []
    where: list[int] = []
    ranges: list[tuple[int, int]] = []
    length, pos = 0, 0
    for found in _SINGLE.finditer(text):
        value = values.get(found.group(1))
        if value is None:
            continue
        literal = text[pos : found.start()]
        where.extend(range(length, length + len(literal)))
        out.append(literal)
        length += len(literal)
        where.extend([length] * (found.end() - found.start()))
        ranges.append((length, length + len(value)))
        out.append(value)
        length += len(value)
        pos = found.end()
    tail = text[pos:]
    where.extend(range(length, length + len(tail) + 1))
    out.append(tail)
    return "".join(out), where, ranges
