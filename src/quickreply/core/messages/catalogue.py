"""The one catalogue: each domain module contributes `MESSAGES = {code: (zh_CN, en)}`.

Codes are `domain.what` (e.g. `pack.tags_not_list`). Texts are `str.format` templates over the message's
arguments; both languages must name the same arguments. Each module of this package but `catalogue`
and `message` is a domain, found by name (a new domain is a new file).
"""

from __future__ import annotations

import sys
from importlib import import_module
from pkgutil import iter_modules

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

# Every other module of this package is a domain: adding a file is enough (no shared list to edit). The
# package's own __path__ is searched, which also works inside a PyInstaller build (whose spec must collect
# these submodules: they are imported by name, so its analysis cannot see them).
_NOT_DOMAINS = frozenset({"catalogue", "message"})
_DOMAINS = tuple(
    sorted(
        m.name for m in iter_modules(sys.modules[__package__ or ""].__path__) if m.name not in _NOT_DOMAINS
    )
)


def normalise_language(lang: str | None) -> str:
    """zh_CN or en: "en_US.UTF-8" → en, "zh" / "zh_CN.UTF-8" / unknown → zh_CN."""
    if lang and lang.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def _gather() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for name in _DOMAINS:
        entries: dict[str, tuple[str, str]] = import_module(f"quickreply.core.messages.{name}").MESSAGES
        for code in entries:
            if code in merged:
                raise ValueError(f"message code {code} is defined twice")
        merged.update(entries)
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _gather()
