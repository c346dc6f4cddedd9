"""What the CLI prints for a person: each line is a catalogue text (`cli.*` and the domains' codes) in the
CLI's language (cli/language.py). Data (phrase texts, ids, JSON) is printed as it is, never through here.

`say` writes to stdout; `warn` writes to stderr after the program's name (`quickreply: …`), which is a
name, not a word, and stays the same in every language.
"""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

from quickreply.cli.language import cli_language
from quickreply.core.messages import Message, Texts, msg
from quickreply.core.model import Problem

PREFIX = "quickreply: "


def text(message: Message | Texts | str, /, **args: Any) -> str:
    """A message (or a catalogue code and its arguments) in the CLI's language."""
    if isinstance(message, str):
        message = msg(message, **args)
    return message.render(cli_language())


def listing(items: list[str]) -> str:
    """`城市、days` / `城市, days`: names or ids listed in a sentence."""
    return ("、" if cli_language() == "zh_CN" else ", ").join(items)


def say(message: Message | Texts | str, /, **args: Any) -> None:
    print(text(message, **args))


def warn(message: Message | Texts | str, /, **args: Any) -> None:
    print(PREFIX + text(message, **args), file=sys.stderr)


def warn_problem(problem: Problem) -> None:
    """`quickreply: FILE:LINE: error: …` in the CLI's language."""
    print(PREFIX + problem.describe(cli_language()), file=sys.stderr)


def width(shown: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in shown)


def pad(shown: str, columns: int) -> str:
    return shown + " " * max(0, columns - width(shown))
