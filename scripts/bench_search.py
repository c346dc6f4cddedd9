#!/usr/bin/env python3
"""Search speed on synthetic packs of 1k, 10k and 100k phrases, next to a naive baseline.

For each size: pack load, index build, cache write/read, then every query of a mixed set (Chinese,
pinyin, initials, prefixes, typos, codes, mixed, English, one letter, AND terms) timed once on a fresh
index with every cache emptied (term compilation counted, as when typing), in 3 rounds: per query the
median of the rounds, then p50/p95/max over queries; "repeat" is the best of 3 more runs (terms
compiled). The baseline is rapidfuzz.process.extract over every "title text" string.
Finally a cold and a warm `quickreply search` process on the largest pack.

    python3 scripts/bench_search.py                 # 1k, 10k, 100k (about 30 s)
    python3 scripts/bench_search.py --sizes 1000    # quick look
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from make_synthetic_pack import make_pack  # noqa: E402
from quickreply.core.model import Phrase  # noqa: E402

QUERIES = {
    "chinese": ["退货运费", "开发票", "顺丰", "质量问题", "退", "七天无理由", "优惠券", "行李箱"],
    "pinyin": ["tuihuo", "fapiao", "yunfei", "yinhang", "shunfeng", "zhiliangwenti", "chongxin"],
    "initials": ["thh", "fp", "yhq", "qtwly", "zlwt", "sh"],
    "prefix": ["tuih", "fap", "yunf", "kaif", "youhuiq"],
    "typo": ["tuihou", "fapaio", "yunfie", "shunfneg", "kaifpiao"],
    "mixed": ["退h", "发货sj", "开fp", "运f", "质量wt"],
    "english/digits": ["iphone", "ems", "vip", "48", "3个工作日"],
    "one letter": ["t", "f", "y"],
    "and terms": ["退货 运费", "tuihuo yunfei", "fp 开", "顺丰 dh"],
    # How buyers write: no phrase holds these as they are, so they fall through to partial matching.
    "buyer questions": ["能便宜点吗", "满多少包邮", "退款多久到账", "是正品吗", "顺丰能到吗", "发票怎么开"],
    "homophone typos": ["发或", "退宽多久到账", "开发漂", "包游吗"],
    "intent words": ["催发货", "要发票", "找你们主管"],
}


ROUNDS = 3


def load_phrases(path: Path) -> list[Phrase]:
    """Through the project's pack loader (what the app and CLI use)."""
    from quickreply.core.packs.load import load_pack

    pack, problems = load_pack(path)
    if pack is None:
        raise SystemExit(f"{path}: " + "; ".join(map(str, problems)))
    return list(pack.phrases)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def bench_size(count: int, workdir: Path, baseline_queries: int) -> dict[str, float]:
    from quickreply.core.search.cache import load_or_build_index
    from quickreply.core.search.index import SearchIndex
    from quickreply.core.search.relaxed import typo_readings
    from quickreply.core.search.terms import parse_term

    path = workdir / f"synthetic-{count}.toml"
    if not path.exists():
        path.write_text(make_pack(count), encoding="utf-8")
    load_ms, phrases = timed(lambda: load_phrases(path))
    build_ms, index = timed(lambda: SearchIndex.build(phrases))
    cache = workdir / f"cache-{count}"
    shutil.rmtree(cache, ignore_errors=True)
    write_ms, _ = timed(lambda: load_or_build_index(phrases, cache))
    read_ms, index = timed(lambda: load_or_build_index(phrases, cache))
    cache_mb = sum(f.stat().st_size for f in cache.iterdir()) / 1e6
    codes = [p.code for p in random.Random(count).sample(phrases, 40) if p.code][:4]
    queries = [q for group in QUERIES.values() for q in group] + codes + [f"/{c}" for c in codes[:2]]
    runs: list[list[float]] = []
    for _ in range(ROUNDS):  # each round on a fresh index with every cache emptied: as cold as typing
        re.purge()
        parse_term.cache_clear()
        typo_readings.cache_clear()
        fresh = SearchIndex(index.phrases, index.data)
        fresh.search("的")  # the first search after loading pays one-time costs: not a keystroke's
        runs.append([timed(lambda q=q, index=fresh: index.search(q))[0] for q in queries])
    first = [statistics.median(times) for times in zip(*runs, strict=True)]  # per query, over rounds
    again = [min(timed(lambda q=q, index=fresh: index.search(q))[0] for _ in range(3)) for q in queries]
    per_kind = {kind: max(first[queries.index(q)] for q in group) for kind, group in QUERIES.items()}
    used = SearchIndex(index.phrases, index.data)  # as the app searches: with a busy agent's usage.json
    used.preferences = agent_preferences(phrases, queries)
    with_usage = [min(timed(lambda q=q, index=used: index.search(q))[0] for _ in range(3)) for q in queries]
    from rapidfuzz import process

    strings = [f"{p.title} {p.text}" for p in phrases]
    base = [timed(lambda q=q: process.extract(q, strings, limit=10))[0] for q in queries[:baseline_queries]]
    return {
        "load_ms": load_ms,
        "build_ms": build_ms,
        "cache_write_ms": write_ms,
        "cache_read_ms": read_ms,
        "cache_mb": cache_mb,
        "p50": statistics.median(first),
        "p95": percentile(first, 0.95),
        "max": max(first),
        "warm_p50": statistics.median(again),
        "warm_p95": percentile(again, 0.95),
        "usage_p95": percentile(with_usage, 0.95),
        "base_p50": statistics.median(base),
        "queries": len(queries),
        **{f"kind:{k}": v for k, v in per_kind.items()},
    }


def agent_preferences(phrases: Sequence[Phrase], queries: Sequence[str]) -> object:
    """A busy agent's usage: 2 000 learned queries (the most kept), 1 000 used phrases, 20 pins, with
    every benchmark query learned too (so each pays for its learned phrase being put first)."""
    from quickreply.core.search.prefer import Preferences, query_key
    from quickreply.core.usage.counts import QUERIES_KEPT, Usage

    rng = random.Random(7)
    usage = Usage()
    now = time.time()
    for n in range(QUERIES_KEPT - len(queries)):
        phrase = rng.choice(phrases)
        usage.learn(query_key(phrase.title[: rng.randint(2, 6)]) + str(n), phrase.id, now - n * 60)
    for query in queries:
        usage.learn(query_key(query), rng.choice(phrases).id, now)
    for phrase in rng.sample(list(phrases), 1000):
        usage.record(phrase.id, {}, now - rng.random() * 90 * 86400)
    for phrase in rng.sample(list(phrases), 20):
        usage.set_pinned(phrase.id, True)
    return Preferences(usage, {})


def process_times(path: Path, home: Path) -> tuple[float, float]:
    """Wall time of a cold (no cache) and then a warm `quickreply search` process on one pack."""
    env = {**os.environ, "QUICKREPLY_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "quickreply.cli", "search", "tuihuo", "--pack", str(path), "--json"]
    shutil.rmtree(home, ignore_errors=True)
    times = []
    for _ in range(2):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(f"  (quickreply search failed: {done.stderr.strip()[:200]})")
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--workdir", type=Path, help="keep packs and caches here (default: a temp dir)")
    parser.add_argument("--baseline-queries", type=int, default=12, help="queries timed on the slow baseline")
    parser.add_argument("--no-process", action="store_true", help="skip the cold/warm CLI process timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qr-bench-") as temp:
        workdir = args.workdir or Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = {}
        for size in args.sizes:
            print(f"... {size} phrases", file=sys.stderr, flush=True)
            rows[size] = bench_size(size, workdir, args.baseline_queries)
        print_table(rows)
        if not args.no_process:
            largest = max(args.sizes)
            cold, warm = process_times(workdir / f"synthetic-{largest}.toml", workdir / "home")
            print(
                f"\n`quickreply search` process on {largest} phrases: cold {cold:.2f} s (pack load + build + "
                f"cache write), warm {warm:.2f} s (pack load + cache read)"
            )


def print_table(rows: dict[int, dict[str, float]]) -> None:
    sizes = list(rows)
    queries = int(next(iter(rows.values()))["queries"])
    print(
        f"{queries} queries of {len(QUERIES)} kinds; first run: fresh index, empty caches, median of {ROUNDS}"
    )
    lines = [
        ("pack load (load_pack) ms", "load_ms", ".0f"),
        ("index build ms", "build_ms", ".0f"),
        ("cache write (incl. build) ms", "cache_write_ms", ".0f"),
        ("cache read ms", "cache_read_ms", ".0f"),
        ("cache file MB", "cache_mb", ".1f"),
        ("query p50 ms", "p50", ".2f"),
        ("query p95 ms", "p95", ".2f"),
        ("query max ms", "max", ".2f"),
        ("repeat query p50 ms", "warm_p50", ".2f"),
        ("repeat query p95 ms", "warm_p95", ".2f"),
        ("query p95 with usage ms", "usage_p95", ".2f"),
        ("baseline rapidfuzz p50 ms", "base_p50", ".1f"),
    ]
    print(f"{'':32}" + "".join(f"{s:>12,}" for s in sizes))
    for label, key, fmt in lines:
        print(f"{label:32}" + "".join(f"{rows[s][key]:>12{fmt}}" for s in sizes))
    print(
        f"{'baseline / ours (p50)':32}"
        + "".join(f"{rows[s]['base_p50'] / rows[s]['p50']:>11.0f}x" for s in sizes)
    )
    print("slowest query per kind, ms (first run):")
    for kind in QUERIES:
        print(f"  {kind:30}" + "".join(f"{rows[s]['kind:' + kind]:>12.2f}" for s in sizes))


if __name__ == "__main__":
    main()
