"""A pick: the phrase the agent chose, rendered with the values of its blanks. The values the app knows
itself (shop, agent, date, clipboard...) fill in at once; the others come from the popup's form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from quickreply.core.model import Phrase
from quickreply.core.settings.model import Settings
from quickreply.core.template import TemplateError, builtin_values, placeholder_names, render, render_partial

Known = Callable[[tuple[str, ...]], dict[str, str]]  # blank names -> the values the app knows for them


@dataclass(frozen=True)
class Pick:
    """A phrase the agent chose, with its fully rendered text and the values of its blanks."""

    phrase: Phrase
    text: str
    values: dict[str, str]
    send: bool  # paste and press Enter in the chat


def known_values(
    names: tuple[str, ...],
    settings: Settings,
    clipboard_text: Callable[[], str | None],
    now: Callable[[], datetime],
) -> dict[str, str]:
    """The built-in values; the clipboard is read only when `names` use {clipboard}."""
    clipboard = (clipboard_text() or None) if "clipboard" in names else None
    profile = settings.profile
    return builtin_values(profile.shop, profile.agent, now(), clipboard, settings.ui.language)


def pick_at_once(phrase: Phrase, send: bool, known: Known) -> Pick | None:
    """The pick when the app knows every blank of `phrase`; None when the form has to ask for some."""
    try:
        names = placeholder_names(phrase.text)
    except TemplateError:  # a malformed brace (pack warning): paste what is there, braces and all
        return Pick(phrase, render_partial(phrase.text, known(())), {}, send)
    values = known(names)
    if any(name not in values for name in names):
        return None
    return Pick(phrase, render(phrase.text, values), {n: values[n] for n in names}, send)


def unknown_blanks(phrase: Phrase, known: Known) -> tuple[list[str], dict[str, str]]:
    """The blanks of `phrase` the form has to ask for, and the values known for the others."""
    names = placeholder_names(phrase.text)
    values = known(names)
    return [name for name in names if name not in values], values


def pick_from_form(phrase: Phrase, typed: dict[str, str], send: bool, known: Known) -> Pick:
    """The pick once the agent filled in the form: what they typed over the known values."""
    names = placeholder_names(phrase.text)
    values = {**known(names), **typed}
    return Pick(phrase, render(phrase.text, values), {n: values[n] for n in names}, send)
