"""The one catalogue: each domain module contributes `MESSAGES = {code: (zh_CN, en)}`.

Codes are `domain.what` (e.g. `pack.tags_not_list`). Texts are `str.format` templates over the message's
arguments; both languages must name the same arguments. Add a domain module to `_DOMAINS` below.
"""

from __future__ import annotations

from importlib import import_module

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_DOMAINS = ("general", "personal", "template", "toml", "reliability", "importers")


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
