"""Dual-view regex pieces: the pattern of one character that matches one atom of a reading.

A character's main reading is one code range behind one initial (the alphabet lays codes out in
blocks by main syllable); its second reading, or with `rare` any further one (度 also reads zhai,
说 yue), is listed as an exact [initial][unit] pair. No big character classes: each costs ~0.2 ms to
compile, and a query compiles its terms on every keystroke.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from quickreply.core.search.alphabet import Alphabet
from quickreply.core.search.terms import Kind

Option = tuple[str, str]  # (initial-slot character, unit-slot regex)


def alternatives(parts: list[str]) -> str:
    if len(parts) > 1:
        return "(?:" + "|".join(parts) + ")"
    return parts[0] if parts else ""


def _range(start: int, end: int) -> str:
    """Regex for one code in [start, end) (a non-empty range)."""
    first, last = re.escape(chr(start)), re.escape(chr(end - 1))
    return first if end - start == 1 else f"[{first}-{last}]"


class UnitSets:
    """Per pinyin token, the codes and the dual-view pattern of one character read like it (cached)."""

    def __init__(self, alphabet: Alphabet) -> None:
        self.alphabet = alphabet
        self.syllables = alphabet.syllables
        by_reading: dict[str, list[str]] = {}
        for code, readings in alphabet.readings_of.items():
            for reading in readings:
                by_reading.setdefault(reading, []).append(code)
        self._by_reading = by_reading
        self._present = sorted(map(ord, alphabet.readings_of))  # code points of the library's characters
        self._codes: dict[tuple[Kind, str], tuple[str, ...]] = {}
        self._initials: dict[tuple[Kind, str], frozenset[str]] = {}
        self._options: dict[tuple[Kind, str, bool], tuple[Option, ...]] = {}

    def codes(self, kind: Kind, token: str) -> tuple[str, ...]:
        """Unit codes (or the character itself, for a LIT non-Chinese atom) an atom accepts."""
        key = (kind, token)
        found = self._codes.get(key)
        if found is None:
            if kind is Kind.LIT:
                found = (self.alphabet.unit_of.get(token, token),)
            elif kind is Kind.FULL:
                found = tuple(self._by_reading.get(token, ()))
            else:  # INITIAL and PREFIX both mean "a reading that starts with token"
                start = bisect_left(self.syllables, token)
                end = bisect_left(self.syllables, token + "{", start)  # "{" sorts after every letter
                parts: dict[str, None] = {}
                for syllable in self.syllables[start:end]:
                    parts.update(dict.fromkeys(self._by_reading.get(syllable, ())))
                found = tuple(parts)
            self._codes[key] = found
        return found

    def initials(self, kind: Kind, token: str) -> frozenset[str]:
        """Initial-slot symbols of the characters an atom accepts."""
        key = (kind, token)
        found = self._initials.get(key)
        if found is None:
            if kind is Kind.LIT and token not in self.alphabet.unit_of:
                found = frozenset(self.alphabet.dual(token)[0])
            else:
                found = frozenset(self.alphabet.initial(code) for code in self.codes(kind, token))
            self._initials[key] = found
        return found

    def options(self, kind: Kind, token: str, rare: bool = False) -> tuple[Option, ...]:
        """The ways one character can match the atom, as (initial slot, unit-slot regex); () when no
        character of the library can. A character's main reading is one code range behind one
        initial; its second reading, or with `rare` any further one (度 also reads zhai, 着 zhao), is an
        exact pair. Initials never go that far: a rare reading's first letter is too weak a clue."""
        key = (kind, token, rare)
        found = self._options.get(key)
        if found is None:
            found = self._options[key] = tuple(self._build(kind, token, rare))
        return found

    def _build(self, kind: Kind, token: str, rare: bool) -> list[Option]:
        alphabet = self.alphabet
        if kind is Kind.LIT:
            code = alphabet.unit_of.get(token)
            pair = alphabet.dual(token) if code is None else alphabet.initial(code) + code
            return [(pair[0], re.escape(pair[1]))]
        options: list[Option] = []
        if kind is Kind.FULL:
            index = alphabet.syllables.index(token) if token in alphabet.syllables else -1
            start, end = (
                (alphabet.block_start[index], alphabet.block_start[index + 1]) if index >= 0 else (0, 0)
            )
        else:
            start, end = alphabet.block_range(token)
        start, end = self._present_range(start, end)
        if end > start:
            options.append(
                (token[0].upper(), "." if kind is Kind.INITIAL and len(token) == 1 else _range(start, end))
            )
        for code in self.codes(kind, token):
            if start <= ord(code) < end:
                continue  # matched by its main reading above
            readings = alphabet.readings_of[code]
            if (rare and kind is not Kind.INITIAL) or any(
                self._accepts(kind, token, r) for r in readings[1:2]
            ):
                options.append((alphabet.initial(code), re.escape(code)))
        return options

    def _present_range(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) narrowed to the codes of the library's characters ((0, 0) when none): the blocks
        are laid out for all of pypinyin's table, and two ranges must be equal exactly when they hold
        the same characters of this library (a prefix reading equal to the full one is dropped)."""
        first = bisect_left(self._present, start)
        last = bisect_left(self._present, end) - 1
        if first > last:
            return 0, 0
        return self._present[first], self._present[last] + 1

    def pattern(self, kind: Kind, token: str, rare: bool = False) -> str:
        """Dual-view regex of one character matching the atom; "" when none can."""
        return alternatives([re.escape(initial) + unit for initial, unit in self.options(kind, token, rare)])

    @staticmethod
    def _accepts(kind: Kind, token: str, reading: str) -> bool:
        return reading == token if kind is Kind.FULL else reading.startswith(token)
