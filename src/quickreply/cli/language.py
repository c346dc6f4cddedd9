"""The language the CLI speaks: `--lang zh|en`, else QUICKREPLY_LANG, else the user's locale.

The locale is the first of LC_ALL, LC_MESSAGES and LANG that is set (the POSIX order); when none is set
(the usual case on Windows) the process locale from `locale.getlocale()` ("zh_CN", or Windows' own
"Chinese (Simplified)_China"). Only a Chinese locale gives Chinese: C, POSIX, en_* and every other
language get English, which a French or German lead reads more easily than Chinese.
"""

from __future__ import annotations

import locale
import os

from quickreply.core.messages import normalise_language

_chosen: str | None = None  # set by `--lang`


def choose(lang: str | None) -> None:
    """The `--lang` option's value (None: not given)."""
    global _chosen
    _chosen = None if lang is None else normalise_language(lang)


def from_locale(name: str | None) -> str | None:
    """zh_CN or en for a locale name; None when it names none ("" or unset)."""
    if not name:
        return None
    folded = name.strip().lower()
    return "zh_CN" if folded.startswith(("zh", "chinese")) else "en"


def cli_language() -> str:
    """zh_CN or en, as the module docstring says."""
    if _chosen is not None:
        return _chosen
    forced = os.environ.get("QUICKREPLY_LANG", "").strip()
    if forced:
        return normalise_language(forced)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = from_locale(os.environ.get(variable))
        if found:
            return found
    try:
        process = locale.getlocale()[0]
    except ValueError:  # an unknown locale name in the environment
        process = None
    return from_locale(process) or "en"
