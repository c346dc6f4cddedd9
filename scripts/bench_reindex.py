#!/usr/bin/env python3
"""What a library reload costs when one pack changed: team pack A of N phrases beside team pack B (N/2),
the starter packs and a personal layer; every pack indexed by itself and combined (core/search/combine.py).

Prints, per case, the whole reload (`app.user_files.load_packs`: packs, checks, index) and its index
part, median of the rounds: a warm reload with nothing changed, one phrase changed in pack A, and a save of
the personal layer (one phrase added); then bench_search's queries on the reloaded index, each once right
after the reload and once again. Headless; no display needed.

    python3 scripts/bench_reindex.py 10000
    python3 scripts/bench_reindex.py 100000 --rounds 2
    python3 scripts/bench_reindex.py 10000 --src /tmp/before/src     # another tree, for before/after
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000, help="phrases in team pack A")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--src", type=Path, default=REPO / "src", help="the source tree to measure")
    ns = parser.parse_args()
    sys.path.insert(0, str(ns.src))
    sys.path.insert(0, str(REPO / "scripts"))
    home = Path(tempfile.mkdtemp(prefix="qr-bench-reindex-"))
    os.environ["QUICKREPLY_HOME"] = str(home)

    from make_synthetic_pack import make_pack
    from quickreply.app import user_files
    from quickreply.core.search import cache
    from quickreply.paths import app_paths

    paths = app_paths()
    paths.packs_dir.mkdir(parents=True, exist_ok=True)
    paths.data.mkdir(parents=True, exist_ok=True)
    team_a = paths.packs_dir / "team-a.toml"
    text_a = make_pack(ns.count)
    team_a.write_text(text_a, encoding="utf-8")
    text_b = (
        make_pack(ns.count // 2, seed=8).replace('id = "p', 'id = "b').replace('id = "synthetic-', 'id = "b-')
    )
    (paths.packs_dir / "team-b.toml").write_text(text_b, encoding="utf-8")
    personal = make_pack(40, seed=9).replace('id = "p', 'id = "m').replace('id = "synthetic-', 'id = "mine-')
    paths.personal_file.write_text(personal, encoding="utf-8")

    index_ms: list[float] = []
    name = (
        "load_or_build_library_index"
        if hasattr(cache, "load_or_build_library_index")
        else "load_or_build_index"
    )
    real = getattr(cache, name)

    def timed_index(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            index_ms.append((time.perf_counter() - start) * 1000)

    setattr(cache, name, timed_index)  # load_packs imports it at each call

    def reload() -> tuple[float, float, int]:
        start = time.perf_counter()
        _, _, index = user_files.load_packs(paths, ())
        return (time.perf_counter() - start) * 1000, index_ms[-1], len(index)

    def median_of(prepare: Callable[[int], None]) -> tuple[float, float, int]:
        rows = []
        for n in range(ns.rounds):
            prepare(n)
            rows.append(reload())
        return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows), rows[-1][2]

    cases: dict[str, tuple[float, float, int]] = {"first load (no caches)": reload()}
    cases["warm reload, nothing changed"] = median_of(lambda n: None)

    def change_a(n: int) -> None:
        team_a.write_text(text_a.replace('title = "', f'title = "改{n}', 1), encoding="utf-8")

    def save_personal(n: int) -> None:
        added = (
            f'\n[[phrases]]\nid = "mine.added{n}"\ntitle = "新加的话术{n}"\ntext = "亲，新加的第{n}条。"\n'
        )
        with paths.personal_file.open("a", encoding="utf-8") as stream:
            stream.write(added)

    cases["one phrase changed in pack A"] = median_of(change_a)
    cases["personal layer saved (+1 phrase)"] = median_of(save_personal)
    first, again = query_times(user_files.load_packs(paths, ())[2])
    size = sum(f.stat().st_size for f in paths.index_cache_dir.glob("*.pickle")) / 1e6
    print(f"tree {ns.src}; pack A {ns.count:,} phrases, pack B {ns.count // 2:,}, starters, personal 40")
    print(f"load average {os.getloadavg()[0]:.2f}; index cache files {size:.1f} MB; {ns.rounds} rounds")
    print(f"{'case':36} {'reload ms':>10} {'index ms':>10} {'phrases':>9}")
    for case, (total, index, count) in cases.items():
        print(f"{case:36} {total:10.0f} {index:10.0f} {count:9,}")
    print(f"queries on the reloaded index ({len(first)}, bench_search's set), ms: p50 / p95 / max")
    for label, times in (("first after the reload", first), ("again", again)):
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"  {label:34} {statistics.median(times):6.2f} / {p95:6.2f} / {max(times):6.2f}")
    return 0


def query_times(index) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Each query once right after a reload (postings of several packs are joined per key on first use),
    then again."""
    from bench_search import QUERIES

    queries = [q for group in QUERIES.values() for q in group]
    index.search("的")  # one-time costs of a first search, as in bench_search
    runs = []
    for _ in range(2):
        times = []
        for query in queries:
            start = time.perf_counter()
            index.search(query)
            times.append((time.perf_counter() - start) * 1000)
        runs.append(times)
    return runs[0], runs[1]


if __name__ == "__main__":
    raise SystemExit(main())
