"""The search alphabet: how each character of the library is written in the *dual view* of a field.

Pinyin is matched with regexes over the dual view of each field value: every character becomes two,
[initial][unit], so match offsets are simply twice the value's own offsets.
- unit: a code for the character's set of readings (most common reading first). Codes are laid out in
  blocks, one per syllable of the main reading, in syllable order: "main reading starts with `sh`" is
  then one code range. Any other character stays itself.
- initial: the upper-case first letter of the main reading; an ASCII letter or digit repeats itself (so
  neighbouring ones make selective pair keys); "\\x01" for every other character.
A polyphone's other readings (行 = xing, also hang/heng) are matched by listing its exact [initial][unit]
pair, so every pattern stays a few literals and ranges: quick to compile, and quick to scan with.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from quickreply.core.search import pinyin

CODE_BASE = 0xE000  # unit codes: E000..F8FF, private use, so they never clash with real text
CODE_LIMIT = 0xF8FF
OTHER = "\x01"  # initial slot of a character that is neither Chinese nor an ASCII letter or digit
REPLACEMENT = "\ufffd"  # private-use characters in the text itself, so they never pass for our codes


def is_private_use(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


@dataclass
class Alphabet:
    """Codes for the characters of one library; plain data, pickled with the index."""

    syllables: tuple[str, ...]  # sorted; block i holds the codes whose main reading is syllables[i]
    block_start: list[int] = field(default_factory=list)  # code point where each block starts (+ end)
    unit_of: dict[str, str] = field(default_factory=dict)  # Chinese character -> unit code
    readings_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> readings, main first

    @classmethod
    def for_characters(cls, chars: Iterable[str]) -> Alphabet:
        """The alphabet covering `chars` (every distinct character of the library)."""
        alphabet = cls(pinyin.syllables())
        index = {s: i for i, s in enumerate(alphabet.syllables)}
        by_readings: dict[tuple[str, ...], list[str]] = {}
        for ch in chars:
            readings = pinyin.readings(ch)
            if readings:
                by_readings.setdefault(readings, []).append(ch)
        order = sorted(by_readings, key=lambda r: (index[r[0]], len(r) > 1, r))
        if len(order) > CODE_LIMIT - CODE_BASE:  # never seen: keep main readings only
            merged: dict[tuple[str, ...], list[str]] = {}
            for readings in order:
                merged.setdefault(readings[:1], []).extend(by_readings[readings])
            by_readings, order = merged, sorted(merged, key=lambda r: index[r[0]])
        code = CODE_BASE
        for syllable in alphabet.syllables:
            alphabet.block_start.append(code)
            while code - CODE_BASE < len(order) and order[code - CODE_BASE][0] == syllable:
                readings = order[code - CODE_BASE]
                alphabet.readings_of[chr(code)] = readings
                for ch in by_readings[readings]:
                    alphabet.unit_of[ch] = chr(code)
                code += 1
        alphabet.block_start.append(code)
        return alphabet

    def dual(self, ch: str) -> str:
        """The dual-view pair of one character."""
        code = self.unit_of.get(ch)
        if code is not None:
            return self.readings_of[code][0][0].upper() + code
        if ch.isascii() and ch.isalnum():
            return ch + ch
        return OTHER + (REPLACEMENT if is_private_use(ch) else ch)

    def dual_table(self, chars: Iterable[str]) -> dict[int, str]:
        """str.translate table: value -> dual view, for every character in `chars`."""
        return {ord(ch): self.dual(ch) for ch in chars}

    def initial(self, code: str) -> str:
        """Initial slot of a unit code."""
        return self.readings_of[code][0][0].upper()

    def block_range(self, prefix: str) -> tuple[int, int]:
        """Code points [start, end) of the units whose main reading starts with `prefix`."""
        first = bisect_left(self.syllables, prefix)
        last = bisect_left(self.syllables, prefix + "{")  # "{" sorts after every letter
        return self.block_start[first], self.block_start[last]

    def starts(self, pair: str) -> tuple[str, ...]:
        """What a word starting with this dual pair may be typed as: every reading's first letter for
        a Chinese character (行: x, h), the character for ASCII, nothing for punctuation."""
        readings = self.readings_of.get(pair[1])
        if readings is not None:
            return tuple({r[0] for r in readings})
        return (pair[1],) if pair[0] != OTHER else ()
