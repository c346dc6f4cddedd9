"""Messages: core never returns prose, only a `Message` (a code and its arguments).

`render(message, lang)` turns it into text through one catalogue (`catalogue.py`), which gathers each
domain's entries (`packs.py`, `sync.py`, ...): every code has a Simplified Chinese and an English text.
A code missing from the catalogue, or a language missing for a code, fails `tests/core/test_messages.py`.
"""

from quickreply.core.messages.catalogue import CATALOGUE, DEFAULT_LANGUAGE, LANGUAGES, normalise_language
from quickreply.core.messages.message import Message, Texts, msg, os_problem, os_reason, render

__all__ = [
    "CATALOGUE",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Message",
    "Texts",
    "msg",
    "normalise_language",
    "os_problem",
    "os_reason",
    "render",
]
