"""Ranked partial matching: how much of a buyer's question a phrase covers (退款多久到账 -> 多久退款).

Used when the strict match (every term, as a whole) finds fewer hits than asked for. The query and every
field value are cut into features:
- character bigrams (退款, 款多 …) and single characters (titles, tags, categories only);
- pinyin-syllable bigrams: each Chinese character read by its main syllable, so a homophone typo meets
  the right word (发或 = fa huo = 发货, 包游 = 包邮, 退宽 = 退款); texts are indexed by these only.
A phrase scores the sum over the query's features of feature weight x rarity (BM25 idf) x the best
field's weight (rank.PARTIAL_FIELD: title > tags > category > text; texts normalised by length).
Question words and fillers (什么, 多久, 怎么, 能不能 …) weigh little (rank.FILLER). The result is the
share of the best possible score; hits come after every strict hit (rank.related_score).

Postings are built with the same C-level loops as the strict index (fields._invert); texts take part
only while all texts together are at most TEXT_CHARS_LIMIT characters (about 30 000 phrases): above,
their bigrams would cost seconds of build and tens of MB of cache. A query walks the shortest posting
lists first and stops once POSTING_BUDGET ids were added (the longest lists are the commonest
features, with the lowest idf).
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import add

from quickreply.core.search import pinyin
from quickreply.core.search.fields import FieldIndex, _invert
from quickreply.core.search.rank import (
    FILLER,
    PARTIAL_BIGRAM,
    PARTIAL_FIELD,
    PARTIAL_MIN_SHARE,
    PARTIAL_UNIGRAM,
    SYNONYM,
    related_score,
)

SYLLABLE_BASE = 0xF0000  # supplementary private-use plane: never a character of a phrase (nor of Alphabet)
TEXT_CHARS_LIMIT = 2_000_000  # texts take part while all of them together are this long (~30k phrases)
POSTING_BUDGET = 8_000  # posting ids accumulated per query before long lists only refine candidates
SHORT_FIELDS = ("title", "tags", "category")
ALL_FIELDS = (*SHORT_FIELDS, "text")
_SKIP = frozenset(" \t\n\r/|,.;:!?，。、；：！？·-_()（）【】\"'“”‘’~～…")

# Question words and fillers: they say *that* a buyer asks, not *what*. Longest first.
_FILLER_TEXT = """
什么时候 什么 多久 多少 多长时间 怎么样 怎么办 怎么 怎样 咋样 咋办 咋整 咋 啥时候 啥 能不能 可不可以 可以 能否
是不是 会不会 有没有 要不要 还能 能 吗 呢 吧 啊 呀 嘛 呗 了 的 么 是 有 要 会 我 你 你们 我们 这个 那个 这款
这
那 一下 一般 请问 亲 还 都 就 也 又 再 给 帮 帮我 一直 为什么 为啥 哪里 哪个 哪 几
"""
FILLERS = tuple(sorted(_FILLER_TEXT.split(), key=len, reverse=True))


@dataclass
class PartialIndex:
    """Plain data (pickled by the index cache): feature -> phrase ids, per field."""

    postings: dict[str, Mapping[str, array]]  # field -> feature -> value ids (each once)
    owners: dict[str, list[tuple[int, ...]] | None]  # field -> value id -> phrase ids (None: the same)
    text_norm: array  # per phrase: BM25 length factor of its text (1.0 for a text of average length)
    size: int


@cache
def _syllable_codes() -> dict[str, int]:
    return {s: n for n, s in enumerate(pinyin.SYLLABLES)}


def syllable_table(chars: Iterable[str]) -> dict[int, str]:
    """str.translate table: each Chinese character -> one code for its main syllable (发/法 -> fa)."""
    codes = _syllable_codes()
    table: dict[int, str] = {}
    for ch in chars:
        found = pinyin.readings(ch)
        if found and found[0] in codes:
            table[ord(ch)] = chr(SYLLABLE_BASE + codes[found[0]])
    return table


def _pairs(sounds: str) -> set[str]:
    """Every two neighbouring units of a value read by sound (C-level: map over str slices)."""
    return set(map(add, sounds[:-1], sounds[1:]))


def _short_features(value: str, sounds: str) -> set[str]:
    """Pairs by sound and single characters as written (one character by sound is mostly noise)."""
    found = _pairs(sounds)
    found.update(value)
    return found


def build_partial(fields: Mapping[str, FieldIndex], table: Mapping[int, str]) -> PartialIndex:
    """Features of the folded values of the strict index's fields (tags and categories: distinct values,
    shared by their phrases); `table` reads each Chinese character as its main syllable (syllable_table)."""
    postings: dict[str, Mapping[str, array]] = {}
    owners: dict[str, list[tuple[int, ...]] | None] = {}
    for name in SHORT_FIELDS:
        field = fields[name]
        sounds = (v.translate(table) for v in field.values)
        postings[name] = _invert(map(_short_features, field.values, sounds))
        owners[name] = field.owners
    texts = fields["text"].values
    owners["text"] = fields["text"].owners
    size = len(fields["title"].values)
    if sum(map(len, texts)) <= TEXT_CHARS_LIMIT:
        postings["text"] = _invert(map(_pairs, (v.translate(table) for v in texts)))
    else:
        postings["text"] = {}  # a huge library: texts left out (seconds of build, tens of MB)
    return PartialIndex(postings, owners, text_norms(texts), size)


def text_norms(texts: Sequence[str]) -> array:
    """Per text: its BM25 length factor (1.0 for a text of average length)."""
    mean = max(sum(map(len, texts)) / len(texts), 1.0) if texts else 1.0
    return array("f", (1.0 / (0.25 + 0.75 * len(v) / mean) for v in texts))


@dataclass(frozen=True)
class Feature:
    key: str
    weight: float
    fields: tuple[str, ...]
    alternative: bool = False  # from a synonym: may add to a score, not to the best possible one


def filler_mask(part: str) -> list[bool]:
    """True for each character of `part` that belongs to a question word or filler."""
    mask = [False] * len(part)
    i = 0
    while i < len(part):
        for word in FILLERS:
            if part.startswith(word, i):
                mask[i : i + len(word)] = [True] * len(word)
                i += len(word)
                break
        else:
            i += 1
    return mask


def _found(index: PartialIndex, name: str, key: str) -> tuple[int, array] | None:
    """(how many phrases, value ids) holding feature `key` in field `name`."""
    ids = index.postings[name].get(key)
    if ids is None:
        return None
    owners = index.owners[name]
    return (len(ids) if owners is None else sum(len(owners[vid]) for vid in ids)), ids


def query_features(
    parts: Sequence[str], table: Mapping[int, str], synonyms: Sequence[str] = ()
) -> list[Feature]:
    """Weighted features of a folded query (its whitespace-separated parts) and of the synonyms of its
    words (lexicon.expansions), duplicates merged."""
    weights: dict[tuple[str, tuple[str, ...]], float] = {}
    typed: set[tuple[str, tuple[str, ...]]] = set()

    def add_feature(key: str, weight: float, fields: tuple[str, ...]) -> None:
        slot = (key, fields)
        weights[slot] = max(weights.get(slot, 0.0), weight)

    for part in parts:
        mask = filler_mask(part)
        if all(mask) and len(part) > 1:
            mask = [False] * len(part)  # a query made only of "fillers" (多少, 怎么) means them
        sounds = part.translate(table)
        for i in range(len(part)):
            if part[i] in _SKIP or part[i].isascii():
                continue  # letters and digits: the strict pass reads them (pinyin, codes, words)
            add_feature(part[i], PARTIAL_UNIGRAM * (FILLER if mask[i] else 1.0), SHORT_FIELDS)
            if i + 1 >= len(part) or part[i + 1] in _SKIP or part[i + 1].isascii():
                continue
            share = (0.0 if mask[i] else 0.5) + (0.0 if mask[i + 1] else 0.5)
            add_feature(sounds[i : i + 2], PARTIAL_BIGRAM * (FILLER + (1.0 - FILLER) * share), ALL_FIELDS)
    typed.update(weights)
    for word in synonyms:  # question words among them still count little (时间 = 多久 = 什么时候)
        mask = filler_mask(word)
        if len(word) == 1 and not word.isascii() and not mask[0]:
            add_feature(word, PARTIAL_UNIGRAM * SYNONYM, SHORT_FIELDS)
        heard = word.translate(table)
        for i in range(len(word) - 1):
            if not (word[i].isascii() or word[i + 1].isascii()):
                share = (0.0 if mask[i] else 0.5) + (0.0 if mask[i + 1] else 0.5)
                factor = FILLER + (1.0 - FILLER) * share
                add_feature(heard[i : i + 2], PARTIAL_BIGRAM * SYNONYM * factor, ALL_FIELDS)
    return [
        Feature(key, weight, fields, alternative=(key, fields) not in typed)
        for (key, fields), weight in weights.items()
        if weight > 0
    ]


def partial_search(
    index: PartialIndex,
    parts: Sequence[str],
    table: Mapping[int, str],
    limit: int,
    exclude: set[int],
    synonyms: Sequence[str] = (),
) -> list[tuple[float, int, str]]:
    """(related score, phrase id, best field) best first; phrases in `exclude` are left out; `synonyms`:
    other words for the query's words (lexicon.expansions), weighted by rank.SYNONYM."""
    features = query_features(parts, table, synonyms)
    if not features or index.size == 0:
        return []
    size = index.size
    lists: list[tuple[int, float, str, array, int]] = []  # (phrases, coefficient, field, value ids, feature)
    best: list[float] = []  # per feature: the most it can add
    for n, feature in enumerate(features):
        found = [(name, hit) for name in feature.fields if (hit := _found(index, name, feature.key))]
        df = min(size, sum(count for _, (count, _) in found))
        idf = math.log(1.0 + (size - df + 0.5) / (df + 0.5))
        most = feature.weight * idf * max(PARTIAL_FIELD[name] for name in feature.fields)
        best.append(0.0 if feature.alternative else most)
        for name, (count, ids) in found:
            lists.append((count, feature.weight * idf * PARTIAL_FIELD[name], name, ids, n))
    best_possible = sum(best)
    if best_possible <= 0.0:  # only fillers typed: let the synonyms' features set the scale
        best_possible = sum(f.weight for f in features) * PARTIAL_FIELD["title"]
    if best_possible <= 0.0:
        return []
    lists.sort(key=lambda item: item[0])
    short: dict[int, float] = {}  # titles, tags, categories
    text: dict[int, float] = {}  # texts, before the length factor
    spent = 0
    used: set[int] = set()
    for length, coefficient, name, ids, n in lists:
        if spent + length > POSTING_BUDGET and len(short) + len(text) >= limit:
            break  # the rest are the most common features (low idf): skipped in a big library
        spent += length
        used.add(n)
        scores = text if name == "text" else short
        get = scores.get
        owners = index.owners[name]
        for pid in ids if owners is None else [pid for vid in ids for pid in owners[vid]]:
            scores[pid] = get(pid, 0.0) + coefficient
    norm = index.text_norm
    total = dict(short)
    for pid, value in text.items():
        total[pid] = total.get(pid, 0.0) + value * norm[pid]
    floor = PARTIAL_MIN_SHARE * sum(best[n] for n in used)  # of what could be looked at
    ranked = heapq.nlargest(
        limit, ((score, -pid) for pid, score in total.items() if score >= floor and pid not in exclude)
    )
    return [
        (
            related_score(score / best_possible),
            -neg,
            "text" if text.get(-neg, 0.0) * norm[-neg] > short.get(-neg, 0.0) else "title",
        )
        for score, neg in ranked
    ]


def span_keys(parts: Sequence[str], table: Mapping[int, str]) -> set[str]:
    """The two-character keys (as typed and by sound) a related hit is highlighted by: not fillers."""
    keys: set[str] = set()
    for part in parts:
        mask = filler_mask(part)
        heard = part.translate(table)
        for i in range(len(part) - 1):
            if not (mask[i] and mask[i + 1]):
                keys.add(part[i : i + 2])
                keys.add(heard[i : i + 2])
    return keys


def matched_spans(value: str, keys: set[str]) -> tuple[tuple[int, int], ...]:
    """Character ranges of `value` (folded) that share two characters, or their sounds, with the query
    (`keys`: span_keys of the query)."""
    sounds = value.translate(syllable_table(set(value)))
    marked = [False] * len(value)
    for i in range(len(value) - 1):
        if value[i : i + 2] in keys or sounds[i : i + 2] in keys:
            marked[i] = marked[i + 1] = True
    spans: list[tuple[int, int]] = []
    for i, on in enumerate(marked):
        if on:
            if spans and spans[-1][1] == i:
                spans[-1] = (spans[-1][0], i + 1)
            else:
                spans.append((i, i + 1))
    return tuple(spans)
