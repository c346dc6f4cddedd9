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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from quickreply.core.search import pinyin

CODE_BASE = 0xE000  # unit codes: E000..F8FF, private use, so they never clash with real text
CODE_LIMIT = 0xF8FF
OTHER = "\x01"  # initial slot of a character that is neither Chinese nor an ASCII letter or digit
REPLACEMENT = "\ufffd"  # private-use characters in the text itself, so they never pass for our codes


def is_private_use(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


@dataclass
class Alphabet:
    """Codes for the characters of one library (or pack); plain data, pickled with the index. Only the
    characters present are listed, but their codes are the same in every alphabet (`_layout`)."""

    syllables: tuple[str, ...]  # sorted; block i holds the codes whose main reading is syllables[i]
    block_start: list[int] = field(default_factory=list)  # code point where each block starts (+ end)
    unit_of: dict[str, str] = field(default_factory=dict)  # Chinese character -> unit code
    readings_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> readings, main first

    @classmethod
    def for_characters(cls, chars: Iterable[str]) -> Alphabet:
        """The alphabet covering `chars` (every distinct character of the library, or of one pack). Codes
        come from one layout over all of pypinyin's table (`_layout`), so that the alphabets of two packs
        agree on every code and their indexes can be combined (combine.py)."""
        codes, block_start, main_only = _layout()
        alphabet = cls(pinyin.syllables(), list(block_start))
        present: dict[str, tuple[str, ...]] = {}
        for ch in chars:
            readings = pinyin.readings(ch)
            if readings:
                readings = readings[:1] if main_only else readings
                code = chr(codes[readings])
                alphabet.unit_of[ch] = code
                present[code] = readings
        alphabet.readings_of = dict(sorted(present.items()))
        return alphabet

    @classmethod
    def merged(cls, alphabets: Sequence[Alphabet]) -> Alphabet:
        """The alphabet of the characters of all of `alphabets` (same as for_characters of them all)."""
        merged = cls(alphabets[0].syllables, list(alphabets[0].block_start))
        readings_of: dict[str, tuple[str, ...]] = {}
        for alphabet in alphabets:
            merged.unit_of.update(alphabet.unit_of)
            readings_of.update(alphabet.readings_of)
        merged.readings_of = dict(sorted(readings_of.items()))
        return merged

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


@cache
def _layout() -> tuple[dict[tuple[str, ...], int], tuple[int, ...], bool]:
    """Code of every set of readings in pypinyin's table (about 5,200), in blocks by main syllable (by
    syllable order; one reading before several, then alphabetical), and where each block starts (+ end).
    Should the table ever hold more sets than there are codes, main readings only (keys of one reading)."""
    syllables = pinyin.syllables()
    index = {s: i for i, s in enumerate(syllables)}
    sets = pinyin.reading_sets()
    main_only = len(sets) > CODE_LIMIT - CODE_BASE  # never seen
    if main_only:
        sets = {readings[:1] for readings in sets}
    order = sorted(sets, key=lambda r: (index[r[0]], len(r) > 1, r))
    codes: dict[tuple[str, ...], int] = {}
    block_start: list[int] = []
    code = CODE_BASE
    for syllable in syllables:
        block_start.append(code)
        while code - CODE_BASE < len(order) and order[code - CODE_BASE][0] == syllable:
            codes[order[code - CODE_BASE]] = code
            code += 1
    block_start.append(code)
    return codes, tuple(block_start), main_only
