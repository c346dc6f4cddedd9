"""Which rows the search popup lists: for an empty query the recent, frequent and first phrases of the
library; otherwise the search hits; and what it says when there are none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quickreply.core.model import Library, Phrase
from quickreply.core.usage import Usage
from quickreply.gui.i18n import t
from quickreply.gui.popup.result_list import Row

if TYPE_CHECKING:
    from quickreply.core.search.index import SearchIndex

RESULT_LIMIT = 50
START_ROWS = 30  # rows listed for an empty query
FREQUENT_ROWS = 10


def first_phrases(library: Library) -> list[Phrase]:
    """The library's first phrases, kept when it is set so that showing the popup never walks a large one."""
    return library.phrases()[:START_ROWS]


def start_rows(
    library: Library | None, first: list[Phrase], usage: Usage | None, recent_count: int
) -> list[Row]:
    """For an empty query: recent phrases, then frequent ones, then the library in order."""
    if library is None:
        return []
    rows: dict[str, Row] = {}
    if usage is not None:
        recent = usage.recent(recent_count)
        for ids, note in (
            (recent, t("ui.popup.recent")),
            (usage.frequent(FREQUENT_ROWS), t("ui.popup.frequent")),
        ):
            for phrase_id in ids:
                phrase = library.phrase(phrase_id)
                if phrase is not None and phrase_id not in rows:
                    rows[phrase_id] = Row(phrase, note=note)
    for phrase in first:
        if len(rows) >= START_ROWS:
            break
        rows.setdefault(phrase.id, Row(phrase))
    return list(rows.values())


def hit_rows(index: SearchIndex, query: str) -> list[Row]:
    """The best hits for `query`, with the spans that matched; a partial match is noted 相关 (related)."""
    related = t("ui.popup.related")
    return [
        Row(hit.phrase, hit.spans, note=related if hit.related else "")
        for hit in index.search(query, limit=RESULT_LIMIT)
    ]


def empty_message(any_phrases: bool, query: str) -> str:
    """What the popup says instead of rows: no library yet, or nothing found for `query`."""
    if not any_phrases:
        return t("ui.popup.no_phrases_loaded_yet_put")
    return t("ui.popup.nothing_found_for_try_pinyin", query=query)
