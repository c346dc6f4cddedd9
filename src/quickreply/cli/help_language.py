"""argparse's own words (`usage:`, `options`, `error: the following arguments are required …`) in the
CLI's language.

argparse looks each of them up through gettext (`_("usage: ")`) when it builds a parser and when it
reports a mistake; `speaking(lang)` answers those lookups from the catalogue's `cli.argparse.*` codes,
whose English text is argparse's own wording (its msgid, exactly), for as long as the parser is used.
This is gettext's hook, not a rewrite of argparse's messages after the fact: a wording a later Python
changes is simply shown in English. Our own help texts are catalogue codes too (`cli.help.*`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from quickreply.core.messages import CATALOGUE, normalise_language

_PREFIX = "cli.argparse."


def _translations(lang: str) -> dict[str, str]:
    side = 0 if normalise_language(lang) == "zh_CN" else 1
    return {texts[1]: texts[side] for code, texts in CATALOGUE.items() if code.startswith(_PREFIX)}


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's wording in `lang` inside the block (in English: argparse's own, through the catalogue
    like the Chinese, so both languages take the same path)."""
    words = _translations(lang)
    saved: tuple[Callable[..., str], Callable[..., str]] = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return words.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
