"""Previews that show which blanks are filled and which are still missing, for the fill-in form and the
editor. Private-use characters mark values and blanks in the rendered text; they become HTML only after
escaping, so nothing typed in a phrase or a field is ever read as markup."""

from __future__ import annotations

import html

from quickreply.gui.i18n import t
from quickreply.gui.qt_style import COLORS

_FILLED, _MISSING, _END = "\ue000", "\ue001", "\ue002"


def builtin_label(name: str) -> str:
    """What a built-in blank is called in forms and menus."""
    labels = {
        "shop": t("ui.common.shop_name"),
        "agent": t("ui.common.your_nickname"),
        "date": t("ui.common.date"),
        "time": t("ui.common.time"),
        "weekday": t("ui.common.weekday"),
        "clipboard": t("ui.common.clipboard_text"),
    }
    return labels.get(name, name)


def _plain(text: str) -> str:
    for mark in (_FILLED, _MISSING, _END):
        text = text.replace(mark, "")
    return text


def filled(value: str) -> str:
    """A value to render marked as filled in."""
    return f"{_FILLED}{_plain(value)}{_END}"


def missing(label: str) -> str:
    """A blank to render marked as still missing, shown by `label`."""
    return f"{_MISSING}{_plain(label)}{_END}"


def marked_html(rendered: str) -> str:
    """Text rendered with filled()/missing() values, as the preview's HTML."""
    body = (
        html.escape(rendered)
        .replace(_FILLED, f'<span style="color:{COLORS.filled};">')
        .replace(_MISSING, f'<span style="background:{COLORS.missing_bg}; color:{COLORS.match};">')
        .replace(_END, "</span>")
        .replace("\r\n", "<br>")
        .replace("\n", "<br>")
    )
    return f'<div style="white-space: pre-wrap; color:{COLORS.text};">{body}</div>'
