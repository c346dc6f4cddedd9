"""User-facing strings: Simplified Chinese by default, English as an option.

Every string is written as a pair at its point of use, `tr("搜索", "Search")`, so a module carries its own
wording and no shared catalog has to be edited by every change. A third language would turn this into a
catalog keyed by the Chinese text.
"""

from __future__ import annotations

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_language = "zh_CN"


def set_language(language: str) -> None:
    global _language
    _language = language if language in LANGUAGES else "zh_CN"


def language() -> str:
    return _language


def tr(zh: str, en: str) -> str:
    """The string in the current UI language."""
    return en if _language == "en" else zh


def text(code: str, **args: object) -> str:
    """A catalogue message (core/messages) in the current UI language."""
    from quickreply.core.messages import msg, render

    return render(msg(code, **args), _language)
