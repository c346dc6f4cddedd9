"""Phrase search: Chinese, full pinyin, initials, mixed, prefixes, one typo, and shortcut codes.

Build once (`SearchIndex.build`), query per keystroke (`search`). How matching and ranking work, and
the measured speed, are described in docs/search.md.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from quickreply.core.model import Phrase
from quickreply.core.search.alphabet import Alphabet
from quickreply.core.search.data import IndexData
from quickreply.core.search.engine import Engine
from quickreply.core.search.fields import build_field, fold
from quickreply.core.search.lexicon import Lexicon, expansions, make_lexicon, shipped_groups
from quickreply.core.search.match import CompiledTerm, spans_in
from quickreply.core.search.partial import (
    build_partial,
    matched_spans,
    partial_search,
    span_keys,
    syllable_table,
)
from quickreply.core.search.prefer import Preferences
from quickreply.core.search.rank import RELATED_MAX, SPREAD_LAST
from quickreply.core.search.terms import split_terms

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One result. `spans` maps a field name to (start, end) ranges in that field's original string
    (for tags: " ".join(tags); for similar questions, "questions": " ".join(questions)), so the UI can
    highlight what matched, also for a pinyin query."""

    phrase: Phrase
    score: float
    field: str  # the best-matching field: "code", "title", "tags", "category" or "text"
    spans: Mapping[str, tuple[Span, ...]]
    related: bool = False  # a partial match (shares only part of the query), ranked after every strict hit


def field_strings(phrases: Sequence[Phrase]) -> dict[str, list[str]]:
    """The searchable strings of every phrase, per field (the tags field is the tags joined by spaces,
    then the similar questions: they are matched like tags)."""
    return {
        "title": [p.title for p in phrases],
        "tags": [tags_string(p) for p in phrases],
        "category": [p.category for p in phrases],
        "text": [p.text for p in phrases],
    }


def tags_string(phrase: Phrase) -> str:
    """The tags field as indexed: tags, then similar questions, joined by spaces."""
    return " ".join((*phrase.tags, *phrase.questions))


def split_question_spans(phrase: Phrase, spans: dict[str, tuple[Span, ...]]) -> dict[str, tuple[Span, ...]]:
    """Tag spans that fall in the similar questions move to "questions" (ranges in " ".join(questions))."""
    found = spans.get("tags")
    if not phrase.questions or not found:
        return spans
    start = len(" ".join(phrase.tags)) + 1 if phrase.tags else 0
    tags = tuple((s, min(e, start - 1)) for s, e in found if s < start - 1)
    questions = tuple((max(s, start) - start, e - start) for s, e in found if e > start)
    spans = {name: value for name, value in spans.items() if name != "tags"}
    if tags:
        spans["tags"] = tags
    if questions:
        spans["questions"] = questions
    return spans


def build_data(phrases: Sequence[Phrase]) -> IndexData:
    """Unit views and postings of every field; the slow part of building (a few seconds at 100k)."""
    strings = field_strings(phrases)
    chars: set[str] = set()
    for values in strings.values():
        chars.update(*values)
    alphabet = Alphabet.for_characters(chars)
    fields = {
        "title": build_field("title", strings["title"], alphabet, dedupe=False, starts=True),
        "tags": build_field("tags", strings["tags"], alphabet, dedupe=True, starts=True),
        "category": build_field("category", strings["category"], alphabet, dedupe=True, starts=True),
        "text": build_field("text", strings["text"], alphabet, dedupe=False, starts=False),
    }
    codes = [fold(p.code) for p in phrases]
    code_order = sorted((code, pid) for pid, code in enumerate(codes) if code)
    return IndexData(alphabet, fields, codes, code_order, build_partial(fields, syllable_table(chars)))


class SearchIndex:
    """The search index over a fixed list of phrases; rebuild (or load from cache) when they change."""

    def __init__(self, phrases: Sequence[Phrase], data: IndexData) -> None:
        self.phrases = tuple(phrases)
        self.data = data
        self._engine = Engine(data, len(self.phrases))
        self.lexicon: Lexicon = make_lexicon(shipped_groups())
        self.preferences: Preferences | None = None  # the agent's use (prefer.py); None: match quality only
        self._by_id: dict[str, Phrase] | None = None
        # The index is millions of long-lived objects at 100k phrases: keep them out of the cyclic
        # GC's full collections, which would otherwise land on a keystroke now and then (~0.1 s).
        gc.freeze()

    @classmethod
    def build(cls, phrases: Sequence[Phrase]) -> SearchIndex:
        return cls(phrases, build_data(phrases))

    def add_synonyms(self, groups: Sequence[Sequence[str]]) -> None:
        """Groups of synonyms of the packs (`[synonyms]`) on top of the shipped lexicon."""
        self.lexicon = make_lexicon([*shipped_groups(), *(tuple(fold(w) for w in g) for g in groups)])

    def __len__(self) -> int:
        return len(self.phrases)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Best hits first; every whitespace-separated term must match (in any field). With `preferences`
        set, the agent's own use reorders them (prefer.py) and an empty query lists the pinned phrases."""
        terms = split_terms(query)
        if limit <= 0 or not self.phrases:
            return []
        prefs = self.preferences
        if not terms:
            return self._pinned(prefs, limit) if prefs is not None else []
        hits = self._match(terms, limit)
        return hits if prefs is None else self._preferred(prefs, " ".join(terms), hits, limit)

    def phrase_by_id(self, phrase_id: str) -> Phrase | None:
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.phrases}
        return self._by_id.get(phrase_id)

    def _pinned(self, prefs: Preferences, limit: int) -> list[Hit]:
        found = (self.phrase_by_id(pid) for pid in prefs.pins())
        return [Hit(p, 0.0, "title", {}) for p in found if p is not None][:limit]

    def _preferred(self, prefs: Preferences, key: str, hits: list[Hit], limit: int) -> list[Hit]:
        """Hits reordered by the agent's use: phrases picked for this or a close query first, then every
        hit by its score times small boosts (use, pin, layer: prefer.Preferences.factor)."""
        ranked = sorted(
            (replace(hit, score=round(hit.score * prefs.factor(hit.phrase), 3)) for hit in hits),
            key=lambda hit: -hit.score,
        )
        learned = prefs.learned(key)
        if not learned:
            return ranked
        rest = {hit.phrase.id: hit for hit in ranked}
        first: list[Hit] = []
        for phrase_id, _strength in learned:
            hit = rest.pop(phrase_id, None)
            if hit is None:  # picked before but not matched (a related hit beyond the limit): still first
                phrase = self.phrase_by_id(phrase_id)
                if phrase is None:  # gone from the library
                    continue
                hit = Hit(phrase, 0.0, "title", {})
            first.append(hit)
        top = ranked[0].score if ranked else RELATED_MAX
        first = [replace(h, score=round(top + len(first) - n, 3), related=False) for n, h in enumerate(first)]
        return [*first, *rest.values()][:limit]

    def _match(self, terms: list[str], limit: int) -> list[Hit]:
        results, cts, exact = self._engine.run(terms, limit)
        hits: list[Hit] = []
        strict: set[int] = set()
        loose: list[tuple[int, Hit]] = []  # relaxed hits of Chinese terms (假货 in 节假日发货)
        chinese = all(not term.isascii() for term in terms)
        for score, pid, per_term in results:
            field = max(per_term)[1]
            phrase = self.phrases[pid]
            hit = Hit(phrase, round(score, 3), field, split_question_spans(phrase, self._spans(cts, pid)))
            if exact is not None and chinese and pid not in exact:
                loose.append((pid, hit))
            else:
                hits.append(hit)
                strict.add(pid)
        if len(hits) < limit:
            related = self._related(terms, limit - len(hits), strict)
            hits.extend(hit for _, hit in related)
            # A spread match partial matching did not rank itself comes last, below every related hit.
            found = {pid for pid, _ in related}
            lowest = min((hit.score for _, hit in related), default=RELATED_MAX)
            for pid, hit in loose:
                if pid not in found and len(hits) < limit:
                    hits.append(replace(hit, score=round(lowest * SPREAD_LAST, 3), related=True))
        return hits

    def _related(self, terms: list[str], limit: int, exclude: set[int]) -> list[tuple[int, Hit]]:
        """Partial matches (partial.py) after the strict ones, highlighted where they share the query."""
        partial = self.data.partial
        if partial is None or all(len(t) < 2 and t.isascii() for t in terms):
            return []
        synonyms = expansions(terms, self.lexicon)
        table = syllable_table(set("".join(terms)) | set("".join(synonyms)))
        found = partial_search(partial, terms, table, limit, exclude, synonyms)
        hits: list[tuple[int, Hit]] = []
        keys = span_keys([*terms, *synonyms], table)
        for score, pid, field in found:
            spans: dict[str, tuple[Span, ...]] = {}
            for name in ("title", "tags", "text"):
                index_field = self.data.fields[name]
                marked = matched_spans(index_field.values[index_field.value_id(pid)], keys)
                if marked:
                    spans[name] = marked
            phrase = self.phrases[pid]
            spans = split_question_spans(phrase, spans)
            hits.append((pid, Hit(phrase, round(score, 3), field, spans, related=True)))
        return hits

    def _spans(self, cts: list[CompiledTerm], pid: int) -> dict[str, tuple[Span, ...]]:
        found: dict[str, list[Span]] = {}
        code = self.data.codes[pid]
        for ct in cts:
            key = ct.term.code_key
            if key and code.startswith(key):
                found.setdefault("code", []).append((0, len(key)))
            for name, field in self.data.fields.items():
                if name == "text" and ct.term.is_short:
                    continue
                vid = field.value_id(pid)
                spans = spans_in(ct, field.values[vid], field.duals[vid])
                if spans:
                    found.setdefault(name, []).extend(spans)
        return {name: _merged(spans) for name, spans in found.items()}


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
