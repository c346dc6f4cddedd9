"""Search relevance over the starter packs: recall@1, recall@5 and MRR@10, overall and per kind.

    python3 scripts/relevance.py [--queries tests/data/relevance.toml] [--packs resources/packs]
                                 [--min-mrr 0.9] [--max-failures N]

A report: exits 0 whatever the figures, unless --min-mrr is given and MRR@10 is below it (exit 1).
A relevance set that names a phrase id no pack has, or a missing search engine, is exit 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # works from a plain checkout, installed or not

from quickreply.core.model import Phrase  # noqa: E402

LIMIT = 10
KEYWORD_KINDS = ("chinese", "pinyin", "polyphone", "initials", "mixed", "prefix", "typo", "code")
# How buyers write (issue 10): none of these queries is a title or a tag (checked before measuring).
BUYER_KINDS = ("question", "chat", "homophone", "traditional", "intent")
KINDS = KEYWORD_KINDS + BUYER_KINDS


@dataclass(frozen=True)
class Query:
    text: str
    expect: frozenset[str]
    kind: str


@dataclass(frozen=True)
class Outcome:
    query: Query
    rank: int | None  # 1-based rank of the first expected id among the top LIMIT hits
    top: tuple[str, ...]


def load_phrases(pack_dir: Path) -> list[Phrase]:
    """Every phrase of the packs in pack_dir, through the app's loader when it is there."""
    try:
        from quickreply.core.packs.load import load_packs
    except ImportError:
        return _load_with_tomli(pack_dir)
    packs, problems = load_packs([pack_dir])
    for problem in problems:
        print(f"pack problem: {problem}", file=sys.stderr)
    return [phrase for pack in packs for phrase in pack.phrases]


def _load_with_tomli(pack_dir: Path) -> list[Phrase]:
    phrases: list[Phrase] = []
    for path in sorted(pack_dir.glob("*.toml")):
        doc = tomli.loads(path.read_text(encoding="utf-8"))
        pack_id = doc["pack"]["id"]
        for raw in doc.get("phrases", []):
            phrase = Phrase(
                id=raw["id"],
                category=raw["category"],
                title=raw["title"],
                text=raw["text"],
                code=raw.get("code", ""),
                tags=tuple(raw.get("tags", ())),
                pack_id=pack_id,
            )
            phrases.append(phrase)
    return phrases


def load_queries(path: Path) -> list[Query]:
    doc: dict[str, Any] = tomli.loads(path.read_text(encoding="utf-8"))
    return [Query(q["query"], frozenset(q["expect"]), q.get("kind", "other")) for q in doc["queries"]]


def buyer_queries_in_titles_or_tags(queries: list[Query], phrases: list[Phrase]) -> list[str]:
    """Buyer queries that, folded as the search folds them, are some phrase's title or one of its tags."""
    try:
        from quickreply.core.search.fold import fold_question
    except ImportError:

        def fold_question(text: str) -> str:
            return text

    known = {fold_question(p.title) for p in phrases} | {fold_question(t) for p in phrases for t in p.tags}
    return [q.text for q in queries if q.kind in BUYER_KINDS and fold_question(q.text) in known]


def hit_id(hit: Any) -> str:
    phrase = getattr(hit, "phrase", None)
    return phrase.id if phrase is not None else hit.id


def run(queries: list[Query], phrases: list[Phrase]) -> tuple[list[Outcome], float, float]:
    """Outcomes of every query, the index build time (ms) and the mean query time (ms)."""
    from quickreply.core.search.index import SearchIndex

    started = time.perf_counter()
    index = SearchIndex.build(phrases)
    build_ms = (time.perf_counter() - started) * 1000
    outcomes: list[Outcome] = []
    query_s = 0.0
    for query in queries:
        started = time.perf_counter()
        hits = index.search(query.text, limit=LIMIT)
        query_s += time.perf_counter() - started
        got = tuple(hit_id(hit) for hit in hits)[:LIMIT]
        rank = next((n for n, phrase_id in enumerate(got, 1) if phrase_id in query.expect), None)
        outcomes.append(Outcome(query, rank, got[:3]))
    return outcomes, build_ms, query_s * 1000 / max(len(queries), 1)


def figures(outcomes: list[Outcome]) -> tuple[float, float, float]:
    """(recall@1, recall@5, MRR@10) of a list of outcomes."""
    n = max(len(outcomes), 1)
    r1 = sum(1 for o in outcomes if o.rank == 1) / n
    r5 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 5) / n
    mrr = sum(1 / o.rank for o in outcomes if o.rank is not None) / n
    return r1, r5, mrr


def report(outcomes: list[Outcome], titles: dict[str, str], max_failures: int) -> float:
    """Print the table and the misses; returns the overall MRR@10."""
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.query.kind].append(outcome)
    order = [k for k in KINDS if k in by_kind] + sorted(set(by_kind) - set(KINDS))
    print(f"{'kind':<12} {'n':>4} {'R@1':>6} {'R@5':>6} {'MRR@10':>7} {'zero':>5}")

    def line(name: str, group: list[Outcome]) -> None:
        r1, r5, mrr = figures(group)
        zero = sum(1 for o in group if not o.top)
        print(f"{name:<12} {len(group):>4} {r1:>6.3f} {r5:>6.3f} {mrr:>7.3f} {zero:>5}")

    for kind in order:
        line(kind, by_kind[kind])
    for name, kinds in (("= keywords", KEYWORD_KINDS), ("= buyers", BUYER_KINDS)):
        group = [o for o in outcomes if o.query.kind in kinds]
        if group:
            line(name, group)
    line("overall", outcomes)
    mrr = figures(outcomes)[2]
    misses = sorted((o for o in outcomes if o.rank != 1), key=lambda o: o.rank or LIMIT + 1, reverse=True)
    if misses:
        print(f"\nnot ranked first ({len(misses)}; showing {min(len(misses), max_failures)}):")
    for outcome in misses[:max_failures]:
        where = f"rank {outcome.rank}" if outcome.rank else f"not in top {LIMIT}"
        expected = ", ".join(sorted(outcome.query.expect))
        got = "; ".join(f"{pid} ({titles.get(pid, '?')})" for pid in outcome.top) or "nothing"
        print(f"  [{outcome.query.kind}] {outcome.query.text!r}: {where}; expected {expected}; got {got}")
    return mrr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=REPO / "tests" / "data" / "relevance.toml")
    parser.add_argument("--packs", type=Path, default=REPO / "resources" / "packs")
    parser.add_argument("--min-mrr", type=float, default=None, help="exit 1 when MRR@10 is below this")
    parser.add_argument("--max-failures", type=int, default=100, help="how many misses to list")
    args = parser.parse_args(argv)

    phrases = load_phrases(args.packs)
    queries = load_queries(args.queries)
    known = {phrase.id for phrase in phrases}
    unknown = sorted({pid for q in queries for pid in q.expect} - known)
    if unknown:
        print(
            f"{args.queries}: expected ids that no pack in {args.packs} has: {', '.join(unknown)}",
            file=sys.stderr,
        )
        return 2
    clashes = buyer_queries_in_titles_or_tags(queries, phrases)
    if clashes:
        print(
            f"{args.queries}: buyer queries that are a title or a tag: {', '.join(clashes)}", file=sys.stderr
        )
        return 2
    try:
        outcomes, build_ms, query_ms = run(queries, phrases)
    except ImportError as exc:
        print(f"quickreply.core.search is not available ({exc}); nothing to measure yet", file=sys.stderr)
        return 2
    print(
        f"{len(phrases)} phrases, {len(queries)} queries; index build {build_ms:.0f} ms, "
        f"mean query {query_ms:.2f} ms\n"
    )
    mrr = report(outcomes, {p.id: p.title for p in phrases}, args.max_failures)
    if args.min_mrr is not None and mrr < args.min_mrr:
        print(f"\nMRR@10 {mrr:.3f} is below --min-mrr {args.min_mrr}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
