"""Exact matching of one term against one field value: the best match's quality and place, and spans.

Literal readings are found with str.find on the folded value. Pinyin readings are compiled into regexes
over the value's dual view (see search_alphabet): an initial is a class over the initial slot, a
syllable or prefix a class over the unit slot. A LIT Chinese character of a mixed term (`退h`) is
checked against the value itself, since its unit code is shared by every character read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from quickreply.core.search.fields import WORD_START
from quickreply.core.search.patterns import UnitSets, alternatives
from quickreply.core.search.rank import INSIDE_WORD, LITERAL, PINYIN_INITIALS, SPREAD, WORD_PREFIX
from quickreply.core.search.terms import Kind, Reading, Term

MAX_SPANS = 12  # per field: enough to highlight a preview
MAX_GAP = 4  # characters allowed between two atoms of a spread reading
# In a dual view one character is two slots; "\x00" separates values in joined scans.
_GAP = f"(?:[^\\x00][^\\x00\\s]){{0,{MAX_GAP}}}?"  # gaps stay inside one tag or word


@dataclass
class CompiledReading:
    reading: Reading
    quality: float
    checks: tuple[tuple[int, str], ...]  # (offset, character) a LIT Chinese atom must be in the value


@dataclass
class CompiledTerm:
    """A term ready to match: its literal text, and one regex over dual views for all its pinyin
    readings (group i+1 = readings[i], best quality first), compiled once per term."""

    term: Term
    literal: str  # searched in the value itself ("" for a one-letter term)
    ascii_literal: bool
    readings: list[CompiledReading]
    pattern: re.Pattern[str] | None
    spread_literal: re.Pattern[str] | None = None  # 发货时间 as 发…货…时…间 in the value itself
    searched: tuple[Reading, ...] = ()  # the readings to look up candidates for, best quality first


def _reading_tokens(sets: UnitSets, reading: Reading) -> tuple[str, list[str], CompiledReading] | None:
    """(first initials, regex tokens after the first initial slot, check) of one reading, or None."""
    tokens: list[str] = []
    checks: list[tuple[int, str]] = []
    for offset, (kind, token) in enumerate(reading.atoms):
        options = sets.options(kind, token, reading.rare)
        if not options:
            return None  # no character of this library reads like that
        if kind is Kind.LIT and token in sets.alphabet.unit_of:
            checks.append((offset, token))
        if offset == 0:  # its initial slot is consumed by the class in front; look back at it
            tokens.append(alternatives([f"(?<={re.escape(initial)}){unit}" for initial, unit in options]))
        else:
            if reading.spread:
                tokens.append(_GAP)
            tokens.append(alternatives([re.escape(initial) + unit for initial, unit in options]))
    if reading.spread and checks:
        return None  # Chinese characters with gaps: matched on the value itself (spread_literal)
    firsts = "".join(initial for initial, _ in sets.options(*reading.atoms[0], reading.rare))
    return firsts, tokens, CompiledReading(reading, reading.quality, tuple(checks))


class _Trie:
    """Readings' token lists merged on common prefixes, so that the regex engine tries a shared start
    once instead of once per reading (typo readings share most of their syllables)."""

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.ends: list[CompiledReading] = []
        self.best = 0.0

    def add(self, tokens: list[str], compiled: CompiledReading) -> bool:
        node = self
        for token in tokens:
            node.best = max(node.best, compiled.quality)
            node = node.children.setdefault(token, _Trie())
        node.best = max(node.best, compiled.quality)
        if node.ends:
            return False  # the same regex from a worse reading adds nothing
        node.ends.append(compiled)
        return True

    def emit(self, order: list[CompiledReading]) -> str:
        """Regex of this node; `order` receives the readings in the order of their empty groups."""
        branches: list[tuple[float, str | None, _Trie | None]] = [(e.quality, None, None) for e in self.ends]
        branches += [(child.best, token, child) for token, child in self.children.items()]
        branches.sort(key=lambda branch: -branch[0])  # best quality first: the engine takes the first
        parts: list[str] = []
        for _, token, child in branches:
            if child is None:
                order.append(self.ends[0])
                parts.append("()")
            else:
                parts.append(str(token) + child.emit(order))
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _assemble(
    term: Term, literal: str, options: list[tuple[str, list[str], CompiledReading]]
) -> CompiledTerm:
    """One regex for all readings: a class of every first initial, then the readings as a trie, each
    ending in an empty group that tells which one matched. A leading class lets the regex engine
    skip ahead in C; a pattern starting with a group is tried at every position (5x slower)."""
    trie = _Trie()
    firsts: set[str] = set()
    for initials, tokens, compiled in options:
        if trie.add(tokens, compiled):
            firsts.update(initials)
    if not firsts:
        return CompiledTerm(term, literal, literal.isascii(), [], None)
    order: list[CompiledReading] = []
    body = trie.emit(order)
    head = (
        re.escape(next(iter(firsts)))
        if len(firsts) == 1
        else "[" + "".join(map(re.escape, sorted(firsts))) + "]"
    )
    return CompiledTerm(term, literal, literal.isascii(), order, re.compile(head + body, re.DOTALL))


def compile_term(sets: UnitSets, term: Term, extra: Sequence[Reading] = ()) -> CompiledTerm:
    """A one-letter term only matches at word starts, as itself or as a Chinese character's initial."""
    if term.is_short:
        key = term.code_key
        word = [re.escape(sets.alphabet.dual(key))]
        initial = sets.pattern(Kind.INITIAL, key) if key.isalpha() else ""
        short = [CompiledReading(term.readings[0], LITERAL, ())]
        if initial:
            word.append(initial)
            short.append(
                CompiledReading(Reading(PINYIN_INITIALS, ((Kind.INITIAL, key),)), PINYIN_INITIALS, ())
            )
        pattern = re.compile(WORD_START + "(?:" + "|".join(f"{w}()" for w in word) + ")", re.DOTALL)
        return CompiledTerm(term, "", True, short, pattern, searched=(term.readings[0],))
    text = "".join(token for _, token in term.readings[0].atoms)
    spread_literal = None
    if any(r.spread and all(kind is Kind.LIT for kind, _ in r.atoms) for r in extra):
        gap = f"[^\\x00\\s]{{0,{MAX_GAP}}}?"
        spread_literal = re.compile(gap.join(re.escape(ch) for ch in text), re.DOTALL)
    others = (*term.readings[1:], *extra)
    options = [found for r in others if (found := _reading_tokens(sets, r)) is not None]
    options.sort(key=lambda option: -option[2].quality)
    compiled = _assemble(term, text, options)
    compiled.spread_literal = spread_literal
    usable = {id(c.reading) for c in compiled.readings}
    kept = [r for r in others if id(r) in usable or (r.spread and spread_literal is not None)]
    compiled.searched = (term.readings[0], *sorted(kept, key=lambda r: -r.quality))
    return compiled


def _is_word_char(value: str, index: int) -> bool:
    return 0 <= index < len(value) and value[index].isascii() and value[index].isalnum()


def _literal_quality(ct: CompiledTerm, value: str, start: int) -> float:
    if not ct.ascii_literal or not ct.literal[:1].isalnum():
        return LITERAL
    if _is_word_char(value, start - 1):
        return INSIDE_WORD
    return WORD_PREFIX if _is_word_char(value, start + len(ct.literal)) else LITERAL


def _pinyin_matches(ct: CompiledTerm, value: str, dual: str) -> Iterator[tuple[float, int, int]]:
    """(quality, start, end) of every pinyin match, left to right (the best reading at each place)."""
    assert ct.pattern is not None
    pos = 0
    while (found := ct.pattern.search(dual, pos)) is not None:
        pos = found.start() + 1
        if found.start() % 2:
            continue  # cannot happen with our alphabets; cheap to rule out anyway
        compiled = ct.readings[(found.lastindex or 1) - 1]
        start = found.start() // 2
        if all(value[start + offset] == ch for offset, ch in compiled.checks):
            yield compiled.quality, start, found.end() // 2
            pos = found.start() + 2  # next character: a better reading may start inside this match


def best_match(ct: CompiledTerm, value: str, dual: str) -> tuple[float, int, int] | None:
    """(quality, start, end) of the best match of the term in one value, or None."""
    best: tuple[float, int, int] | None = None
    if ct.literal:
        start = value.find(ct.literal)
        while start >= 0:
            quality = _literal_quality(ct, value, start)
            if best is None or quality > best[0]:
                best = (quality, start, start + len(ct.literal))
            if quality >= LITERAL:
                return best
            start = value.find(ct.literal, start + 1)
    if ct.spread_literal is not None and (best is None or best[0] < SPREAD):
        spread = ct.spread_literal.search(value)
        if spread is not None:
            best = (SPREAD, spread.start(), spread.end())
    if ct.pattern is None:
        return best
    top = ct.readings[0].quality if ct.readings else 0.0
    for found in _pinyin_matches(ct, value, dual):
        if best is None or found[0] > best[0]:
            best = found
            if found[0] >= top:
                break  # the earliest match of the best reading there is
    return best


def spans_in(ct: CompiledTerm, value: str, dual: str) -> list[tuple[int, int]]:
    """Where the term matches in a value, for highlighting: every occurrence of its best kind of match."""
    found = best_match(ct, value, dual)
    if found is None:
        return []
    quality, start, end = found
    spans: list[tuple[int, int]] = []
    if ct.spread_literal is not None and quality == SPREAD and ct.spread_literal.match(value, start):
        return _spread_spans(ct.literal, value, start, end)
    if ct.literal and value[start:end] == ct.literal:
        while start >= 0 and len(spans) < MAX_SPANS:
            spans.append((start, start + len(ct.literal)))
            start = value.find(ct.literal, start + len(ct.literal))
        return spans
    for match_quality, match_start, match_end in _pinyin_matches(ct, value, dual):
        if match_quality >= quality:
            spans.append((match_start, match_end))
            if len(spans) >= MAX_SPANS:
                break
    return spans


def _spread_spans(literal: str, value: str, start: int, end: int) -> list[tuple[int, int]]:
    """The characters of a spread literal match, one span per run (the gaps stay unhighlighted)."""
    spans: list[tuple[int, int]] = []
    pos = start
    for ch in literal:
        pos = value.find(ch, pos, end)
        if spans and spans[-1][1] == pos:
            spans[-1] = (spans[-1][0], pos + 1)
        else:
            spans.append((pos, pos + 1))
        pos += 1
    return spans


def _first_hits(pattern: re.Pattern[str], parts: Sequence[str], width: int, hits: set[int]) -> None:
    """Add the index of every part the pattern matches in, scanning all parts joined (C speed)."""
    separator = "\x00" * width  # no pattern can match it, so no match spans two values
    joined = separator.join(parts)
    index, counted = 0, 0  # separators are counted only up to each hit: no per-part Python work
    found = pattern.search(joined)
    while found is not None:
        index += joined.count(separator, counted, found.start())
        hits.add(index)
        end = joined.find(separator, found.end())
        if end < 0:
            break
        counted = end
        found = pattern.search(joined, end + width)
    return


def matching(ct: CompiledTerm, values: Sequence[str], duals: Sequence[str]) -> set[int]:
    """Indices of the values the term matches at all, found by C-level scans over all of them joined
    rather than a regex call per value (the candidates of a weak filter are mostly misses)."""
    hits: set[int] = set()
    if ct.literal:
        _first_hits(re.compile(re.escape(ct.literal)), values, 1, hits)
    if ct.spread_literal is not None:
        _first_hits(ct.spread_literal, values, 1, hits)
    if ct.pattern is not None:
        _first_hits(ct.pattern, duals, 2, hits)
    return hits
