"""One platform rule: what it forbids, where it comes from, how it is found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from quickreply.core.messages import Texts


class Level(Enum):
    ERROR = "error"  # `pack lint` fails; the app asks before pasting
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    forbids: Texts
    source: Texts
    suggestion: Texts
    patterns: tuple[str, ...]  # regular expressions, compiled at the first check (`compiled`)
    allow: tuple[str, ...] = ()

    @cached_property
    def compiled(self) -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
        """(patterns, allow) compiled: made once, when first needed. The bundled rules' 47 expressions
        took ~10 ms to compile, at every start of the app, before any text was checked."""
        return tuple(map(re.compile, self.patterns)), tuple(map(re.compile, self.allow))

    def hits(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each forbidden span of `text` that overlaps no match of an `allow` pattern."""
        found: list[tuple[int, int]] = []
        allowed: list[tuple[int, int]] | None = None
        patterns, allow = self.compiled
        for pattern in patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                if allow:
                    if allowed is None:
                        allowed = [m.span() for a in allow for m in a.finditer(text)]
                    if any(a < end and start < b for a, b in allowed):  # overlaps an allowed phrase
                        continue
                found.append((start, end))
        return _merged(found)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
