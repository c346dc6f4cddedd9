"""The search engine over one IndexData: compiles query terms (cached) and runs them.

A query first runs with the exact readings of its terms. When a one-term query finds fewer than
`limit` phrases, or a query of several terms finds none, it runs again with relaxed readings added:
gaps between the characters (发货时间 in 发货截止时间) and a character's rarer readings (着 = zhao);
when nothing at all was found, also one typo in each pinyin term of 4+ letters (see search_relaxed).
"""

from __future__ import annotations

from quickreply.core.search.candidates import estimate
from quickreply.core.search.data import IndexData
from quickreply.core.search.match import CompiledTerm, compile_term
from quickreply.core.search.patterns import UnitSets
from quickreply.core.search.rank import RARE_READING
from quickreply.core.search.relaxed import spread_readings, typo_readings
from quickreply.core.search.run import RELAXED_TEXT_LIMIT, Result, Run
from quickreply.core.search.terms import Reading, Term, parse_term, syllable_sets

MAX_TYPOS = 24  # typo readings compiled per term, best first


class Engine:
    """Compiles terms (cached) and runs queries over one IndexData."""

    def __init__(self, data: IndexData, size: int) -> None:
        self.data = data
        self.size = size
        self.sets = UnitSets(data.alphabet)
        self._compiled: dict[tuple[str, bool, bool], CompiledTerm] = {}  # (text, relaxed, typos)
        syllable_sets()  # built now (~1 ms) rather than on the first pinyin keystroke

    def compiled(self, text: str, relaxed: bool = False, typos: bool = False) -> CompiledTerm:
        """The term ready to match; `relaxed` adds spread and rare-reading matches, `typos` one typo."""
        key = (text, relaxed, typos)
        found = self._compiled.get(key)
        if found is None:
            if len(self._compiled) > 512:
                self._compiled.clear()
            term = parse_term(text)
            extra: list[Reading] = []
            if relaxed and not term.is_short:
                extra = spread_readings(term) + self._rare_readings(term)
                if typos and _typo_worthy(text):
                    candidates = [r for r in typo_readings(term.code_key) if self._has_candidates(r)]
                    extra += candidates[:MAX_TYPOS]
            found = self._compiled[key] = compile_term(self.sets, term, extra)
        return found

    def _rare_readings(self, term: Term) -> list[Reading]:
        """The pinyin readings again, letting characters match through their third or later readings
        (着 = zhao in 着急): ranked low, and only tried when exact matches are few."""
        found: list[Reading] = []
        for reading in term.readings[1:3]:  # the best splits only
            if any(self.sets.options(k, t, True) != self.sets.options(k, t, False) for k, t in reading.atoms):
                found.append(Reading(round(reading.quality - RARE_READING, 3), reading.atoms, rare=True))
        return found

    def _has_candidates(self, reading: Reading) -> bool:
        """Cheap test before compiling a typo reading: could it match in some field at all (postings)?"""
        fields = [
            f for name, f in self.data.fields.items() if name != "text" or self.size <= RELAXED_TEXT_LIMIT
        ]
        return any(estimate(field, self.sets, reading) for field in fields)

    def run(self, texts: list[str], limit: int) -> tuple[list[Result], list[CompiledTerm], set[int] | None]:
        """Best-first (score, phrase id, per-term (score, field)) for terms that must all match, the
        compiled terms that found them (for the spans), and the phrases the exact readings found (None
        when no relaxed pass ran: then all of them)."""
        run = Run(self, [self.compiled(t) for t in texts], limit)
        run.execute()
        exact: set[int] | None = None
        if len(run.top) < limit if len(texts) == 1 else not run.top:
            # Few exact hits: again with relaxed readings (for one term only their buckets need opening),
            # typos only when nothing was found (a term spelled right would pull in noise). Every phrase
            # is scored afresh: a gap match may add evidence to one kept so far.
            kept = sorted(-neg_pid for _, neg_pid in run.top)
            exact = set(kept)
            typos = not run.top
            run = Run(self, [self.compiled(t, relaxed=True, typos=typos) for t in texts], limit)
            for pid in kept:
                run.verify(pid)
            run.execute(relaxed_only=len(texts) == 1)
        return run.results(), run.cts, exact


def _typo_worthy(text: str) -> bool:
    key = text.removeprefix("/")
    return key.isascii() and key.isalpha() and len(key) >= 4
