"""One query run over the index: candidates from postings, C-level pre-filtering, scoring, top-k.

The most selective term drives: its buckets (field, reading) are opened in order of the best score
they could reach, and once the k-th best hit beats the next bucket's bound (plus the most the other
terms could add) the rest, usually the long texts, is never touched. A bucket's candidates are
pre-filtered in chunks by joined scans (see search_scan): the driver in the bucket's field,
every other term (AND) in any field; only the survivors are scored. A bucket stops after BUCKET_HITS
hits, so for a term found in thousands of texts the order inside one bucket is the library's, not the
exact bonus order (position, length), which only nudges scores anyway.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from quickreply.core.search.candidates import estimate, reading_candidates
from quickreply.core.search.match import CompiledTerm, best_match, matching
from quickreply.core.search.rank import (
    FIELDS,
    LITERAL,
    MAX_BONUS,
    SECOND_FIELD,
    WEIGHT,
    bound,
    code_score,
    match_score,
)
from quickreply.core.search.scan import CHUNK, MAX_CODE_PREFIX, code_phrases, matching_anywhere, matching_in
from quickreply.core.search.terms import Reading

if TYPE_CHECKING:
    from quickreply.core.search.engine import Engine

BUCKET_HITS = 12  # a bucket stops once it has given this many hits (and never before `limit`)
MAX_VERIFY = 1500  # phrases fully scored per query
FIRST_CHUNK = 96
SMALL_FIELD = 4000  # values; a field this small is scanned whole rather than filtered by postings
MAX_SCAN = 60_000  # candidates pre-filtered per query (bounds one syllable over 100k long texts)
RELAXED_TEXT_LIMIT = 20_000  # spread/typo readings search texts only in libraries up to this size
FIRST = Reading(LITERAL, ())  # marks the "word starts" bucket of a one-letter term
CODE = Reading(LITERAL, ())  # marks the code bucket

Bucket = tuple[float, str, tuple[Reading, ...]]
Scored = tuple[float, str]  # (score, field) of one term in one phrase
Result = tuple[float, int, list[Scored]]  # (score, phrase id, per term)


class Run:
    def __init__(self, engine: Engine, cts: list[CompiledTerm], limit: int) -> None:
        self.engine = engine
        self.data = engine.data
        self.cts = cts
        self.limit = limit
        self.top: list[tuple[float, int]] = []  # min-heap of (score, -phrase id)
        self.details: dict[int, list[Scored]] = {}
        self.seen: set[int] = set()
        self.missed: dict[str, set[int]] = {name: set() for name in FIELDS}
        self.verified = 0
        self.scanned = 0
        self.memo: dict[tuple[int, str, int], tuple[float, int, int] | None] = {}
        self._buckets: dict[tuple[int, bool], list[Bucket]] = {}

    def results(self) -> list[Result]:
        ordered = sorted(self.top, reverse=True)
        return [(score, -neg_pid, self.details[-neg_pid]) for score, neg_pid in ordered]

    # -- candidates --------------------------------------------------------------------------------
    def buckets(self, ct: CompiledTerm, relaxed_only: bool = False) -> list[Bucket]:
        """(bound, field, readings) best bound first; readings of equal quality share a bucket."""
        key = (id(ct), relaxed_only)
        if key not in self._buckets:
            self._buckets[key] = self._make_buckets(ct, relaxed_only)
        return self._buckets[key]

    def _make_buckets(self, ct: CompiledTerm, relaxed_only: bool) -> list[Bucket]:
        found: dict[tuple[str, float], list[Reading]] = {}
        if ct.term.code_key and not relaxed_only:
            found[("code", 1.0)] = [CODE]
        exact = {id(r) for r in ct.term.readings}
        for name in FIELDS[1:]:
            if ct.term.is_short:
                if name != "text" and not relaxed_only:
                    found[(name, LITERAL)] = [FIRST]
                continue
            for reading in ct.searched:
                relaxed = id(reading) not in exact
                if relaxed_only and not relaxed:
                    continue
                if relaxed and name == "text" and self.engine.size > RELAXED_TEXT_LIMIT:
                    continue  # spread/typo readings of long texts: too many weak candidates in a big library
                found.setdefault((name, reading.quality), []).append(reading)
        ordered = [
            (bound(name, quality), name, tuple(readings)) for (name, quality), readings in found.items()
        ]
        ordered.sort(key=lambda b: -b[0])
        return ordered

    def bucket_phrases(
        self, ct: CompiledTerm, name: str, readings: tuple[Reading, ...]
    ) -> tuple[set[int], bool]:
        """The bucket's candidate phrases, and whether the term is known to match all of them."""
        if readings[0] is CODE:
            return code_phrases(self.data, ct.term.code_key), True
        field = self.data.fields[name]
        if readings[0] is FIRST:
            return field.phrase_ids(set(field.first.get(ct.term.code_key, ()))), False
        ids: set[int] = set()
        if len(readings) > 2 and len(field.values) <= SMALL_FIELD:
            ids = set(range(len(field.values)))  # many (typo) readings: one scan of it all is cheaper
        for reading in readings if not ids else ():
            ids |= reading_candidates(field, self.engine.sets, reading, whole_field=name != "text")
        if field.owners is None:
            return ids, False
        # Shared values (tags, categories): check each distinct value once, before fanning out.
        vids = sorted(ids)
        hits = matching(ct, [field.values[v] for v in vids], [field.duals[v] for v in vids])
        return field.phrase_ids({vids[i] for i in hits}), True

    # -- scoring -----------------------------------------------------------------------------------
    def term_score(self, index: int, ct: CompiledTerm, pid: int) -> Scored | None:
        """The term's score in one phrase: best field plus a share of the second best; None if no match."""
        key = ct.term.code_key
        code = self.data.codes[pid]
        scores: list[Scored] = [(code_score(key, code), "code")] if key and code.startswith(key) else []
        for name in FIELDS[1:]:
            if len(scores) > 1 and scores[1][0] >= WEIGHT[name] * (1.0 + MAX_BONUS):
                break  # neither the best nor the second best can change any more
            if name == "text" and ct.term.is_short:
                break
            field = self.data.fields[name]
            vid = pid if field.value_of is None else field.value_of[pid]
            value = field.values[vid]
            if field.owners is None:
                found = best_match(ct, value, field.duals[vid])
            else:
                memo_key = (index, name, vid)
                if memo_key not in self.memo:
                    self.memo[memo_key] = best_match(ct, value, field.duals[vid])
                found = self.memo[memo_key]
            if found is not None:
                scores.append((match_score(name, found[0], found[1], found[2], value), name))
                scores.sort(reverse=True)
        if not scores:
            return None
        second = scores[1][0] if len(scores) > 1 else 0.0
        return scores[0][0] + SECOND_FIELD * second, scores[0][1]

    def verify(self, pid: int) -> bool:
        """Score one phrase and keep it if it is among the best; True when every term matches it."""
        if pid in self.seen:
            return False
        self.seen.add(pid)
        self.verified += 1
        scored: list[Scored] = []
        for index, ct in enumerate(self.cts):
            found = self.term_score(index, ct, pid)
            if found is None:
                return False
            scored.append(found)
        entry = (sum(s for s, _ in scored), -pid)
        if len(self.top) < self.limit:
            heapq.heappush(self.top, entry)
        elif entry > self.top[0]:
            heapq.heapreplace(self.top, entry)
        else:
            return True
        self.details[pid] = scored
        return True

    # -- the bucket walk ---------------------------------------------------------------------------
    def execute(self, relaxed_only: bool = False) -> None:
        """Open the driver term's buckets best-first; the other terms (AND) filter each chunk.
        `relaxed_only`: a second pass of a one-term query that only opens its relaxed readings' buckets."""
        driver = self.cts[0]
        if len(self.cts) > 1:
            costs = [self.cost(ct) for ct in self.cts]
            driver = self.cts[costs.index(min(costs))]
        others = 0.0  # the most the other terms can add, so that stopping early stays exact for AND
        for ct in self.cts:
            if ct is not driver:
                coded = code_phrases(self.data, ct.term.code_key) if ct.term.code_key else set()
                if 0 < len(coded) < MAX_CODE_PREFIX:
                    for pid in sorted(coded):  # the few phrases a code lifts, scored up front, so
                        self.verify(pid)  # that the bound below can leave codes out
                others += self.ceiling(ct, with_code=len(coded) >= MAX_CODE_PREFIX)
        for ub, name, readings in self.buckets(driver, relaxed_only):
            if len(self.top) >= self.limit and self.top[0][0] >= ub + others:
                break
            if self.verified >= MAX_VERIFY or self.scanned >= MAX_SCAN:
                break
            phrases, confirmed = self.bucket_phrases(driver, name, readings)
            fresh = phrases - self.seen - self.missed[name]
            ordered = sorted(fresh) if len(fresh) <= 2 * CHUNK else list(fresh)  # library order if affordable
            self.open_bucket(driver, name, ordered, confirmed)

    def open_bucket(self, driver: CompiledTerm, name: str, ordered: list[int], confirmed: bool) -> None:
        """Verify a bucket's phrases chunk by chunk until it has given enough hits. Chunks start small
        and grow: a dense bucket is done after a few dozen phrases, a sparse one is scanned in bulk."""
        wanted = max(BUCKET_HITS, self.limit)
        start, size = 0, FIRST_CHUNK
        while start < len(ordered):
            if len(ordered) - start < size * 3 // 2:
                size = len(ordered) - start  # no small tail chunk: each scan has a fixed cost
            chunk = ordered[start : start + size]
            start, size = start + size, min(size * 2, CHUNK)
            if len(chunk) > 16 or len(self.cts) > 1:
                chunk = self.prefilter(driver, None if confirmed else name, chunk)
            for pid in chunk:
                if self.verify(pid):
                    wanted -= 1
                if wanted <= 0 or self.verified >= MAX_VERIFY:
                    return
            if self.scanned >= MAX_SCAN:
                return

    def prefilter(self, driver: CompiledTerm, name: str | None, chunk: list[int]) -> list[int]:
        """The phrases of a chunk whose `name` field the driver term matches (None: known already) and
        where every other term matches in some field, by joined scans."""
        if name is None:
            kept = set(chunk)
        else:
            kept = matching_in(self.data, driver, name, chunk)
            self.scanned += len(chunk)
            self.missed[name].update(set(chunk) - kept)
        for other in self.cts:
            if other is not driver and kept:
                kept &= matching_anywhere(self.data, other, [pid for pid in chunk if pid in kept])
                self.scanned += len(kept)
        return [pid for pid in chunk if pid in kept] if kept else []

    def cost(self, ct: CompiledTerm) -> int:
        """Rough number of candidates of a term (to pick the most selective one as the driver)."""
        total = 0
        for _, name, readings in self.buckets(ct):
            field = self.data.fields.get(name)
            if field is None:
                total += len(code_phrases(self.data, ct.term.code_key))
            elif readings[0] is FIRST:
                total += len(field.first.get(ct.term.code_key, ()))
            else:
                total += sum(estimate(field, self.engine.sets, reading) for reading in readings)
        return total

    def ceiling(self, ct: CompiledTerm, with_code: bool) -> float:
        """The best score a term could add to a phrase (`with_code`: counting code matches)."""
        for ub, name, _ in self.buckets(ct):
            if name != "code" or with_code:
                return ub
        return 0.0
