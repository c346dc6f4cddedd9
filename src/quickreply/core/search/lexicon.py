"""Customer-service synonyms: how buyers say what the phrases call otherwise (领导 = 主管, 退钱 = 退款).

Shipped as data (resources/search/synonyms.toml, a `[synonyms]` table of groups: key = ["word", ...]); a
pack may add groups of its own in the same form. Partial matching (partial.py) looks for the other words
of every group a query touches, weighted by rank.SYNONYM; the strict match never uses them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

import tomli

from quickreply.core.search.fields import fold

_NAME = Path("search") / "synonyms.toml"
Lexicon = Mapping[str, tuple[str, ...]]  # word -> the other words of its groups


def _path() -> Path | None:
    here = Path(__file__).resolve()
    for root in (here.parents[2] / "resources", here.parents[4] / "resources"):
        if (root / _NAME).is_file():
            return root / _NAME
    return None


def groups_of(table: Mapping[str, object]) -> list[tuple[str, ...]]:
    """The groups of a `[synonyms]` table (key = [words]); entries that are not lists of words are skipped
    (the pack loader reports them)."""
    found: list[tuple[str, ...]] = []
    for key, words in table.items():
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            group = tuple(dict.fromkeys(fold(w.strip()) for w in (key, *words) if w.strip()))
            if len(group) > 1:
                found.append(group)
    return found


def make_lexicon(groups: Iterable[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """word -> every other word of every group holding it."""
    others: dict[str, dict[str, None]] = {}
    for group in groups:
        for word in group:
            slot = others.setdefault(word, {})
            slot.update((w, None) for w in group if w != word)
    return {word: tuple(found) for word, found in others.items()}


@cache
def shipped_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of the shipped lexicon (none when the data file is missing)."""
    path = _path()
    if path is None:
        return ()
    try:
        doc = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return ()  # a damaged install: search works without it (tests/core/test_search_lexicon.py guards it)
    return tuple(groups_of(doc.get("synonyms", {})))


def expansions(parts: Sequence[str], lexicon: Lexicon) -> list[str]:
    """The other words of every lexicon word found in the query's parts (each once, not the typed ones)."""
    typed = set(parts)
    found: dict[str, None] = {}
    for word, others in lexicon.items():
        if any(word in part for part in parts):
            found.update((w, None) for w in others if w not in typed and not any(w in p for p in parts))
    return list(found)
