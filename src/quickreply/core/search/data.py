"""IndexData: everything a search needs besides the phrases (plain data, pickled by the index cache)."""

from __future__ import annotations

from dataclasses import dataclass

from quickreply.core.search.alphabet import Alphabet
from quickreply.core.search.fields import FieldIndex
from quickreply.core.search.partial import PartialIndex


@dataclass
class IndexData:
    """Everything a search needs besides the phrases; plain data, pickled by the index cache."""

    alphabet: Alphabet
    fields: dict[str, FieldIndex]
    codes: list[str]  # folded code of each phrase, "" when it has none
    code_order: list[tuple[str, int]]  # sorted (code, phrase id)
    partial: PartialIndex | None = None  # features for ranked partial matching (partial.py)
