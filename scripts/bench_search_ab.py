#!/usr/bin/env python3
"""Per-query times of bench_search's query set at 100k phrases on two source trees, interleaved.

bench_search.py times each query in 3 rounds in one process; on a shared machine one busy moment moves
a single query's median by 2-3x. This runs each tree in its own process, alternately, 5 rounds each
(fresh index and emptied caches per round, as in bench_search), and prints p50 / p95 / max and the
slowest queries per run, with the load average.

    python3 scripts/bench_search_ab.py /tmp/before /work/main --runs 2
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import re, statistics, sys, time
tree, work = sys.argv[1], sys.argv[2]
sys.path.insert(0, tree + "/src")
sys.path.insert(0, sys.argv[3])
from pathlib import Path
import bench_search
from quickreply.core.search.cache import load_or_build_index
from quickreply.core.search.index import SearchIndex
from quickreply.core.search.relaxed import typo_readings
from quickreply.core.search.terms import parse_term
phrases = bench_search.load_phrases(Path(work) / "synthetic-100000.toml")
index = load_or_build_index(phrases, Path(work) / ("cache-" + tree.replace("/", "_")))
queries = [q for group in bench_search.QUERIES.values() for q in group]
runs = []
for _ in range(5):
    re.purge(); parse_term.cache_clear(); typo_readings.cache_clear()
    fresh = SearchIndex(index.phrases, index.data)
    fresh.search("的")
    times = []
    for q in queries:
        start = time.perf_counter(); fresh.search(q); times.append((time.perf_counter() - start) * 1000)
    runs.append(times)
per = [statistics.median(r[i] for r in runs) for i in range(len(queries))]
ordered = sorted(per)
slow = ", ".join(f"{q} {t:.1f}" for t, q in sorted(zip(per, queries), reverse=True)[:4])
load = open("/proc/loadavg").read().split()[0] if Path("/proc/loadavg").exists() else "?"
print(f"{tree}: p50 {statistics.median(per):.2f} p95 {ordered[round(0.95 * (len(ordered) - 1))]:.2f} "
      f"max {max(per):.2f} ms; slowest {slow}; load {load}", flush=True)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs=2, type=Path, help="two checkouts (each with src/)")
    parser.add_argument("--runs", type=int, default=2, help="alternations")
    parser.add_argument("--workdir", type=Path, help="pack and caches (default: a temp dir)")
    ns = parser.parse_args()
    sys.path.insert(0, str(REPO / "scripts"))
    from make_synthetic_pack import make_pack

    work = ns.workdir or Path(tempfile.mkdtemp(prefix="qr-bench-ab-"))
    work.mkdir(parents=True, exist_ok=True)
    pack = work / "synthetic-100000.toml"
    if not pack.exists():
        pack.write_text(make_pack(100_000), encoding="utf-8")
    for _ in range(ns.runs):
        for tree in ns.trees:
            args = [sys.executable, "-c", CHILD, str(tree.resolve()), str(work), str(REPO / "scripts")]
            subprocess.run(args, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
