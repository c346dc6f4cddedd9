"""Which rows the search popup lists: for an empty query the recent, frequent and first phrases of the
library; otherwise the search hits; and what it says when there are none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from quickreply.core.messages import msg
from quickreply.core.model import Layer, Library, Phrase
from quickreply.core.usage.counts import Usage
from quickreply.gui.i18n import t, text_of
from quickreply.gui.popup.result_list import Row

if TYPE_CHECKING:
    from quickreply.core.search.index import SearchIndex

SCRIPT_PREFIX = "script:"  # ids of the stand-in phrases that make talk scripts searchable
SCRIPT_ROWS = 3
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
    return {pack.id: text_of(msg(_SOURCE_CODES[pack.layer])) for pack in library.packs}


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
            (usage.pins(), text_of(msg("search.pinned"))),
            (recent, t("ui.popup.recent")),
            (usage.frequent(FREQUENT_ROWS), t("ui.popup.frequent")),
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
    related = t("ui.popup.related")
    return [
        _row(hit.phrase, usage, sources or {}, spans=hit.spans, note=related if hit.related else "")
        for hit in index.search(query, limit=RESULT_LIMIT)
    ]


def script_phrases(library: Library) -> list[Phrase]:
    """Each talk script as a phrase the search can index: its title, category, and the titles of its
    steps as the text (so 售后六步 and 安抚 both find 售后六步法)."""
    found = []
    for script in library.scripts():
        steps = []
        for step in script.steps:
            phrase = library.phrase(step.phrase_id) if step.phrase_id else None
            steps.append(step.title or (phrase.title if phrase else step.text[:12]))
        found.append(
            Phrase(
                SCRIPT_PREFIX + script.id,
                script.category,
                script.title,
                " → ".join(s for s in steps if s),
                pack_id=script.pack_id,
            )
        )
    return found


def with_script_rows(
    rows: list[Row], index: SearchIndex | None, library: Library | None, query: str
) -> list[Row]:
    """`rows` with the talk scripts that match `query`: a script whose title matched comes first (the
    agent typed its name), one that matched only by its steps after the phrases."""
    if index is None or library is None or not query:
        return rows
    first: list[Row] = []
    last: list[Row] = []
    for hit in index.search(query, limit=SCRIPT_ROWS):
        script = library.script(hit.phrase.id.removeprefix(SCRIPT_PREFIX))
        if script is None or hit.related:
            continue
        note = t("firstday.script_row", steps=len(script.steps))
        row = Row(hit.phrase, hit.spans, note=note, script=script)
        (first if hit.spans.get("title") else last).append(row)
    return [*first, *rows, *last]


def empty_message(any_phrases: bool, query: str) -> str:
    """What the popup says instead of rows: no library yet, or nothing found for `query`."""
    if not any_phrases:
        return t("ui.popup.no_phrases_loaded_yet_put")
    return t("ui.popup.nothing_found_for_try_pinyin", query=query)
