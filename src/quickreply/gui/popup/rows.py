"""Which rows the search popup lists: for an empty query the recent, frequent and first phrases of the
library; otherwise the search hits; and what it says when there are none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from quickreply.core.messages import msg, render
from quickreply.core.model import Layer, Library, Phrase
from quickreply.core.usage import Usage
from quickreply.gui.i18n import language, tr
from quickreply.gui.popup.result_list import Row

if TYPE_CHECKING:
    from quickreply.core.search.index import SearchIndex

RESULT_LIMIT = 50
START_ROWS = 30  # rows listed for an empty query
FREQUENT_ROWS = 10


def first_phrases(library: Library) -> list[Phrase]:
    """The library's first phrases, kept when it is set so that showing the popup never walks a large one."""
    return library.phrases()[:START_ROWS]


_SOURCE_CODES = {
    Layer.TEAM: "search.source_team",
    Layer.PERSONAL: "search.source_personal",
    Layer.LOCAL: "search.source_personal",  # packs the agent put in the packs folder are theirs
    Layer.BUNDLED: "search.source_bundled",
}


def source_names(library: Library) -> dict[str, str]:
    """Pack id -> the badge naming where its phrases come from: 团队 / 个人 / 内置."""
    return {pack.id: render(msg(_SOURCE_CODES[pack.layer]), language()) for pack in library.packs}


def _row(phrase: Phrase, usage: Usage | None, sources: Mapping[str, str], **rest: object) -> Row:
    pinned = usage is not None and usage.is_pinned(phrase.id)
    return Row(phrase, source=sources.get(phrase.pack_id, ""), pinned=pinned, **rest)  # type: ignore[arg-type]


def start_rows(
    library: Library | None,
    first: list[Phrase],
    usage: Usage | None,
    recent_count: int,
    sources: Mapping[str, str] | None = None,
) -> list[Row]:
    """For an empty query: pinned phrases (★), recent ones, frequent ones, then the library in order."""
    if library is None:
        return []
    sources = sources or {}
    rows: dict[str, Row] = {}
    if usage is not None:
        recent = usage.recent(recent_count)
        for ids, note in (
            (usage.pins(), render(msg("search.pinned"), language())),
            (recent, tr("最近", "Recent")),
            (usage.frequent(FREQUENT_ROWS), tr("常用", "Frequent")),
        ):
            for phrase_id in ids:
                phrase = library.phrase(phrase_id)
                if phrase is not None and phrase_id not in rows:
                    rows[phrase_id] = _row(phrase, usage, sources, note=note)
    for phrase in first:
        if len(rows) >= START_ROWS:
            break
        rows.setdefault(phrase.id, _row(phrase, usage, sources))
    return list(rows.values())


def hit_rows(
    index: SearchIndex, query: str, usage: Usage | None = None, sources: Mapping[str, str] | None = None
) -> list[Row]:
    """The best hits for `query`, with the spans that matched; a partial match is noted 相关 (related)."""
    related = tr("相关", "Related")
    return [
        _row(hit.phrase, usage, sources or {}, spans=hit.spans, note=related if hit.related else "")
        for hit in index.search(query, limit=RESULT_LIMIT)
    ]


def empty_message(any_phrases: bool, query: str) -> str:
    """What the popup says instead of rows: no library yet, or nothing found for `query`."""
    if not any_phrases:
        return tr(
            "还没有加载任何短语。\n把短语包放进短语包文件夹后重新加载。",
            "No phrases loaded yet.\nPut packs in the packs folder and reload.",
        )
    return tr(
        f"没有找到“{query}”\n试试拼音首字母（如 thh）或快捷编码",
        f"Nothing found for “{query}”\nTry pinyin initials (e.g. thh) or a shortcut code",
    )
