"""What a query term can mean: the literal text, or pinyin read as syllables, initials or a prefix.

A term becomes a list of *readings*; each reading is a sequence of atoms, one atom per character of the
field it will match: LIT (that exact character), FULL (a whole syllable: `tui`), INITIAL (first letter,
or zh/ch/sh: `t`) or PREFIX (the unfinished last syllable: `hu` of `huo`). `退h` reads as LIT 退 +
INITIAL h; `tuihuo` as FULL tui + FULL huo. Looser readings (gaps, typos) are in search_relaxed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

from quickreply.core.search import pinyin
from quickreply.core.search.fold import fold_question
from quickreply.core.search.rank import LITERAL, PINYIN_FULL, PINYIN_INITIALS, PINYIN_MIXED, PINYIN_PREFIX


class Kind(IntEnum):
    LIT = 0
    FULL = 1
    INITIAL = 2
    PREFIX = 3


Atom = tuple[Kind, str]

# Match quality of a reading, 0..1; the ranking multiplies it with the field's weight.

MAX_READINGS = 12  # per term: enough for every plausible split of ~20 letters
_DOUBLE_INITIALS = ("zh", "ch", "sh")
_VOWELS = frozenset("aeo")


@dataclass(frozen=True)
class Reading:
    quality: float
    atoms: tuple[Atom, ...]
    spread: bool = False  # other characters may come between the atoms (see search_relaxed)
    rare: bool = False  # characters may match through any reading, not just their first two


@dataclass(frozen=True)
class Term:
    """One whitespace-separated part of the query (folded: NFKC, lower case)."""

    text: str
    readings: tuple[Reading, ...]  # best quality first; readings[0] is the literal one
    code_key: str  # the term without a leading "/", as compared with shortcut codes
    is_short: bool  # one letter or digit: only codes and the starts of titles, tags, categories match


def normalize_query(query: str) -> str:
    """Full-width letters and spaces (typed with a Chinese IME) become ASCII; lower case; then the
    buyer-question folding of search_fold (traditional, punctuation, greetings, particles)."""
    return fold_question(unicodedata.normalize("NFKC", query).lower())


def split_terms(query: str) -> list[str]:
    return normalize_query(query).split()


# Interjection readings (嗯 n/ng, 呣 m, 哼 hm/hng) would split words into nonsense; initials still match them.
_NOT_SPLIT = frozenset({"m", "n", "ng", "hm", "hng"})


@cache
def syllable_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(syllables a run may be split into, proper prefixes of syllables, letters that start a syllable)."""
    syllables = frozenset(pinyin.syllables()) - _NOT_SPLIT
    prefixes = frozenset(s[:i] for s in syllables for i in range(1, len(s)))
    starts = frozenset(s[0] for s in syllables)
    return syllables, prefixes, starts


def _quality(atoms: tuple[Atom, ...]) -> float:
    kinds = {kind for kind, _ in atoms if kind is not Kind.LIT}
    if not kinds:
        return LITERAL
    if Kind.PREFIX in kinds:
        return PINYIN_PREFIX
    if kinds == {Kind.FULL}:
        return PINYIN_FULL
    if kinds == {Kind.INITIAL}:
        return PINYIN_INITIALS
    return PINYIN_MIXED


def _plausible(acc: list[Atom], kind: Kind, token: str) -> bool:
    """False for splits nobody types: `fen`+`g` for feng, `s`+`hun` for shun, `f`+`e`+`n`+`g`.
    Runs of consonant initials (`sh` = 送货, `thh`) and syllable pairs (`xi an` = 西安) stay."""
    if not acc:
        return True
    prev_kind, prev = acc[-1]
    if prev_kind is Kind.LIT:
        return True
    _, prefixes, _ = syllable_sets()
    joined = prev + token
    glued = joined in prefixes or joined in syllable_sets()[0]
    if prev_kind is Kind.FULL and kind is Kind.INITIAL and len(token) == 1:
        return not glued  # the letter just continues the syllable
    if prev_kind is Kind.INITIAL and (kind is not Kind.INITIAL or token[0] in _VOWELS):
        return not glued  # the "initial" is really the start of this syllable
    return True


def split_letters(
    run: str, final: bool, full_only: bool = False, limit: int = MAX_READINGS
) -> list[list[Atom]]:
    """The plausible ways to read a run of letters as syllables and initials, most natural first
    (`final`: the run ends the term, so its last syllable may be unfinished)."""
    syllables, prefixes, starts = syllable_sets()
    found: list[list[Atom]] = []
    budget = [4000]  # explored steps; long runs of vowels could otherwise explode

    def step(i: int, acc: list[Atom], kind: Kind, token: str) -> None:
        if _plausible(acc, kind, token):
            walk(i + len(token), [*acc, (kind, token)])

    def walk(i: int, acc: list[Atom]) -> None:
        budget[0] -= 1
        if budget[0] < 0 or len(found) >= limit:
            return
        if i == len(run):
            found.append(acc)
            return
        for j in range(min(len(run), i + 6), i + 1, -1):  # longest syllable first; a, e, o are initials
            if run[i:j] in syllables:
                step(i, acc, Kind.FULL, run[i:j])
        rest = run[i:]
        unfinished = final and not full_only and len(rest) >= 2 and rest not in _DOUBLE_INITIALS
        if unfinished and rest in prefixes and _plausible(acc, Kind.PREFIX, rest):
            found.append([*acc, (Kind.PREFIX, rest)])
        if full_only:
            return
        if run[i : i + 2] in _DOUBLE_INITIALS:
            step(i, acc, Kind.INITIAL, run[i : i + 2])
        if run[i] in starts:
            step(i, acc, Kind.INITIAL, run[i])

    walk(0, [])
    return found


def _runs(text: str) -> list[str]:
    """`发货sj` -> ['发', '货', 'sj']: letter runs kept together, every other character alone."""
    runs: list[str] = []
    for ch in text:
        if ch.isascii() and ch.isalpha() and runs and runs[-1].isascii() and runs[-1].isalpha():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


def pinyin_readings(text: str, limit: int = MAX_READINGS) -> list[Reading]:
    """Readings of a term that holds ASCII letters: each letter run read as pinyin, the rest literal."""
    runs = _runs(text)
    partial: list[list[Atom]] = [[]]
    for index, run in enumerate(runs):
        if run.isascii() and run.isalpha():
            options = split_letters(run, final=index == len(runs) - 1, limit=limit)
        else:
            options = [[(Kind.LIT, run)]]
        partial = [head + option for head in partial for option in options][: limit * 4]
        if not partial:
            return []
    readings = {tuple(atoms) for atoms in partial}
    ranked = sorted(readings, key=lambda atoms: (-_quality(atoms), len(atoms), atoms))
    return [Reading(_quality(atoms), atoms) for atoms in ranked[:limit]]


@cache
def parse_term(text: str) -> Term:
    """All exact readings of one folded term, the literal reading first."""
    key = text.removeprefix("/") or text
    readings = [Reading(LITERAL, tuple((Kind.LIT, ch) for ch in key))]
    if any(ch.isascii() and ch.isalpha() for ch in key):
        readings.extend(pinyin_readings(key))
    code_key = text.removeprefix("/")
    return Term(text, tuple(readings), code_key, len(code_key) == 1 and code_key.isascii())
