"""Looser readings of a term, tried when its exact readings find fewer phrases than asked for.

- spread: the characters in order with a few others between them (发货时间 in 当天发货截止时间);
- typo: whole-syllable readings of every variant one slip away from a pinyin term of 4+ letters
  (tuihou -> tuihuo, fapaio -> fapiao): swapped letters, a neighbouring key, an extra or a missing one.
"""

from __future__ import annotations

from functools import cache

from quickreply.core.search.rank import SPREAD, TYPO, TYPO_SWAP
from quickreply.core.search.terms import Atom, Kind, Reading, Term, split_letters, syllable_sets

MAX_TYPO_READINGS = 200  # variants kept; the engine compiles only those with candidates
MAX_SPREAD_READINGS = 2  # the best splits only: the others mostly find the same places
_QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_OFTEN_DROPPED = "aeioungh"  # letters left out of pinyin: the i of tui, the h of zh/ch/sh, the g of -ng


@cache
def _neighbours() -> dict[str, str]:
    """Keys next to each letter on a QWERTY keyboard (a replaced letter is almost always a neighbour)."""
    near: dict[str, str] = {}
    for r, row in enumerate(_QWERTY_ROWS):
        for i, ch in enumerate(row):
            close = row[max(0, i - 1) : i] + row[i + 1 : i + 2]
            for other in (r - 1, r + 1):
                if 0 <= other < len(_QWERTY_ROWS):
                    close += _QWERTY_ROWS[other][max(0, i - 1) : i + 2]
            near[ch] = close
    return near


def _edits(text: str) -> list[tuple[str, float]]:
    """Variants one slip away, best first: swapped letters, a neighbour key, an extra or a missing letter."""
    found: dict[str, float] = {}
    for i in range(len(text) - 1):
        found.setdefault(text[:i] + text[i + 1] + text[i] + text[i + 2 :], TYPO_SWAP)
    near = _neighbours()
    for i, ch in enumerate(text):
        for c in near.get(ch, ""):
            found.setdefault(text[:i] + c + text[i + 1 :], TYPO)
    for i in range(len(text)):
        found.setdefault(text[:i] + text[i + 1 :], TYPO)
    for i in range(len(text) + 1):
        for c in _OFTEN_DROPPED:
            found.setdefault(text[:i] + c + text[i:], TYPO - 0.02)
    found.pop(text, None)
    return list(found.items())


def _splits_into_syllables(run: str) -> bool:
    syllables = syllable_sets()[0]
    reach = [True] + [False] * len(run)
    for i in range(len(run)):
        if reach[i]:
            for j in range(i + 2, min(len(run), i + 6) + 1):
                if run[i:j] in syllables:
                    reach[j] = True
    return reach[-1]


@cache
def typo_readings(text: str, limit: int = MAX_TYPO_READINGS) -> list[Reading]:
    """Whole-syllable readings of the variants one edit away from a pinyin term of 4+ letters."""
    if not (text.isascii() and text.isalpha() and 4 <= len(text) <= 24):
        return []
    found: dict[tuple[Atom, ...], float] = {}
    for variant, quality in _edits(text):
        if not _splits_into_syllables(variant):
            continue  # most variants: rejected without building any reading
        for atoms in split_letters(variant, final=False, full_only=True, limit=4):
            if all(len(a) >= 2 for _, a in atoms):  # single-vowel syllables make too many false friends
                found.setdefault(tuple(atoms), quality)
    ranked = sorted(found.items(), key=lambda item: (-item[1], len(item[0])))[:limit]
    return [Reading(quality, atoms) for atoms, quality in ranked]


def spread_readings(term: Term) -> list[Reading]:
    """The term's literal and whole-syllable readings with gaps allowed between the characters, for a
    Chinese (or pinyin) term of 2+ characters when exact matches are few; initials are left out (too
    loose with gaps)."""
    found: list[Reading] = []
    for reading in term.readings:
        kinds = {kind for kind, _ in reading.atoms}
        if len(reading.atoms) < 2 or Kind.INITIAL in kinds:
            continue
        if kinds == {Kind.LIT} and reading.atoms[0][1].isascii():
            continue  # English words and codes are not spread out
        found.append(Reading(round(reading.quality * SPREAD, 3), reading.atoms, spread=True))
    return found[:MAX_SPREAD_READINGS]
