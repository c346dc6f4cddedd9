#!/usr/bin/env python3
"""Search beside the peers: QuickReply's index, fzf, rofi and rapidfuzz on the same packs and queries.

The synthetic packs of scripts/make_synthetic_pack.py (10k and 100k phrases) and the query set of
scripts/bench_search.py (its QUERIES). Each peer gets the phrases as one "title text" line each (line
breaks of a text folded to spaces), which is what it would be handed by an agent's script:

- QuickReply: `SearchIndex.search(query)` in this process, on the index read from its cache (warm); as in
  bench_search, every round starts on a fresh index with every cache emptied, so terms are compiled as
  when typing.
- fzf: `fzf --filter QUERY < lines` — one process per query, as fzf has no server mode; also shown minus
  fzf's start-up (the median of `fzf --filter QUERY < /dev/null`, run beside each query).
- rofi: `rofi -dmenu -filter QUERY -dump < lines` (needs an X display: $DISPLAY, --display, or a private
  Xvfb this script starts), once with rofi's default matching (`normal`: every space-separated token a
  substring, case-insensitive) and once with `-matching fuzzy`; one process per query; minus start-up too.
  rofi cannot be given an all-digit filter (`-filter 48` is read as a number and ignored: rofi then
  waits for input), so those queries are left out of rofi's figures.
- rapidfuzz: `process.extract(QUERY, lines, limit=10)` (WRatio), the baseline of bench_search.

Interleaved: per query, every tool in turn (the order rotated per query), in --rounds rounds; per query
the median of the rounds, then p50 / p95 / max over the queries. Then what each tool finds for a few
Chinese, pinyin and buyer queries (hit count, first hit: fzf and rofi cannot read pinyin), and the
`quickreply search` process (cold and warm, bench_search's) beside an `fzf --filter` process at the
largest size, as an agent would type either in a terminal.

    apt-get install fzf rofi xvfb
    python3 scripts/bench_search_peers.py                          # 10k and 100k, 3 rounds (~6 min)
    python3 scripts/bench_search_peers.py --sizes 10000 --rounds 1 # quick look
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import bench_search  # noqa: E402  (puts REPO/src on sys.path)
from make_synthetic_pack import make_pack  # noqa: E402
from quickreply.core.search.index import SearchIndex  # noqa: E402
from quickreply.core.search.run import MAX_VERIFY  # noqa: E402

# A peer's environment: UTF-8, no user options or config changing its matching.
PEER_ENV = {**os.environ, "LC_ALL": "C.UTF-8", "FZF_DEFAULT_OPTS": "", "FZF_DEFAULT_COMMAND": ""}
SHOWN = ("tuihuo", "thh", "fapiao", "退货运费", "退款多久到账", "能便宜点吗")  # what each tool finds
TIMEOUT = 120


@dataclass
class Peer:
    """One way of searching: `run(query)` returns (milliseconds, hit lines best first or None)."""

    name: str
    short: str
    run: Callable[[str], tuple[float, list[str] | None]]
    times: list[list[float]] = field(default_factory=list)  # per round, per query


def timed_process(command: Sequence[str], stdin: Path | None) -> tuple[float, list[str]]:
    """Wall time of one process reading `stdin` (a file; /dev/null when None) and its output lines."""
    with open(stdin or os.devnull, "rb") as source:
        start = time.perf_counter()
        done = subprocess.run(command, stdin=source, capture_output=True, env=PEER_ENV, timeout=TIMEOUT)
        ms = (time.perf_counter() - start) * 1000
    if done.returncode not in (0, 1):  # fzf exits 1 when nothing matches
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[:300]}")
    return ms, done.stdout.decode("utf-8", "replace").splitlines()


def fzf(lines: Path | None) -> Callable[[str], tuple[float, list[str]]]:
    return lambda query: timed_process(["fzf", "--filter", query], lines)


def rofi(lines: Path | None, matching: str) -> Callable[[str], tuple[float, list[str]]]:
    command = ["rofi", "-no-config", "-dmenu", "-dump"] + (["-matching", matching] if matching else [])

    def run(query: str) -> tuple[float, list[str] | None]:
        if query.strip().isdigit():  # rofi reads `-filter 48` as a number, ignores it and waits for input
            return math.nan, None
        return timed_process([*command, "-filter", query], lines)

    return run


class QuickReply:
    """QuickReply's search in this process, timed on the round's fresh index."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = self.fresh = index

    def new_round(self) -> None:
        """bench_search's round start: a fresh index over the same data, every cache emptied, and one
        search that pays the one-time costs (not a keystroke's)."""
        from quickreply.core.search.relaxed import typo_readings
        from quickreply.core.search.terms import parse_term

        re.purge()
        parse_term.cache_clear()
        typo_readings.cache_clear()
        self.fresh = SearchIndex(self.index.phrases, self.index.data)
        self.fresh.search("的")

    def __call__(self, query: str) -> tuple[float, list[str] | None]:
        start = time.perf_counter()
        self.fresh.search(query)
        return (time.perf_counter() - start) * 1000, None


def rapidfuzz_peer(strings: list[str]) -> Callable[[str], tuple[float, list[str]]]:
    from rapidfuzz import process

    def run(query: str) -> tuple[float, list[str]]:
        start = time.perf_counter()
        found = process.extract(query, strings, limit=10)
        ms = (time.perf_counter() - start) * 1000
        return ms, [f"{text} [{score:.0f}]" for text, score, _ in found]

    return run


def percentile(values: Sequence[float], q: float) -> float:
    return bench_search.percentile(values, q)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def bench_size(count: int, workdir: Path, rounds: int, use_rofi: bool) -> None:
    from quickreply.core.search.cache import load_or_build_index

    pack = workdir / f"synthetic-{count}.toml"
    if not pack.exists():
        pack.write_text(make_pack(count), encoding="utf-8")
    phrases = bench_search.load_phrases(pack)
    strings = [" ".join(f"{p.title} {p.text}".split()) for p in phrases]
    lines = workdir / f"lines-{count}.txt"
    lines.write_text("".join(s + "\n" for s in strings), encoding="utf-8")
    cache = workdir / f"cache-{count}"
    load_or_build_index(phrases, cache)  # the cache is written once; the benchmark reads it back (warm)
    index = load_or_build_index(phrases, cache)
    queries = [q for group in bench_search.QUERIES.values() for q in group]

    ours = QuickReply(index)
    peers = [
        Peer("QuickReply SearchIndex.search, in process", "QuickReply", ours),
        Peer("fzf --filter, a process per query", "fzf", fzf(lines)),
    ]
    starts = [Peer("fzf start-up, empty input", "fzf", fzf(None))]
    if use_rofi:
        peers += [
            Peer("rofi -dmenu -dump, normal matching", "rofi normal", rofi(lines, "")),
            Peer("rofi -dmenu -dump, -matching fuzzy", "rofi fuzzy", rofi(lines, "fuzzy")),
        ]
        starts.append(Peer("rofi start-up, empty input", "rofi", rofi(None, "")))
    peers.append(Peer("rapidfuzz process.extract (WRatio), limit 10", "rapidfuzz", rapidfuzz_peer(strings)))
    everyone = peers + starts
    print(f"... {count:,} phrases: {len(queries)} queries x {rounds} rounds; load {load()}", file=sys.stderr)
    before = load()
    for round_no in range(rounds):
        ours.new_round()
        for peer in everyone:
            peer.times.append([])
        for n, query in enumerate(queries):
            turn = n % len(everyone)
            for peer in everyone[turn:] + everyone[:turn]:
                peer.times[-1].append(peer.run(query)[0])
        print(f"    round {round_no + 1} done; load {load()}", file=sys.stderr, flush=True)
    after = load()

    print(f"\n{count:,} phrases ({pack.stat().st_size / 1e6:.1f} MB of TOML), {len(queries)} queries of "
          f"bench_search, {rounds} rounds interleaved; per query the median of the rounds; "
          f"load average {before} before, {after} after")  # fmt: skip
    print(f"{'ms':50}{'p50':>10}{'p95':>10}{'max':>10}")
    medians = {
        peer.name: [statistics.median(t) for t in zip(*peer.times, strict=True) if not math.isnan(t[0])]
        for peer in everyone
    }
    start_ms = {peer.short: statistics.median(medians[peer.name]) for peer in starts}
    for peer in peers:
        row(peer.name, medians[peer.name])
        tool = peer.short.split()[0]
        if tool in start_ms:
            less = [t - start_ms[tool] for t in medians[peer.name]]
            row(f"  minus {tool}'s start-up ({start_ms[tool]:.1f} ms)", less)
    ours_p50 = statistics.median(medians[peers[0].name])
    print("p50 against QuickReply's: " + ", ".join(
        f"{peer.short} {statistics.median(medians[peer.name]) / ours_p50:.0f}x"
        for peer in peers[1:]
    ))  # fmt: skip
    found(index, peers[1:])


def row(name: str, values: Sequence[float]) -> None:
    print(f"{name:50}{statistics.median(values):>10.2f}{percentile(values, 0.95):>10.2f}{max(values):>10.2f}")


def found(index: SearchIndex, peers: Sequence[Peer]) -> None:
    """Per query of SHOWN: how many hits each tool returns and its first one."""
    print(
        f"what each finds: hits (QuickReply: strict + partial matches; it scores at most {MAX_VERIFY:,} per "
        "query; rapidfuzz: always its limit), first hit (fzf: best first; rofi: in file order)"
    )
    for query in SHOWN:
        print(f"  {query}")
        hits = index.search(query, limit=len(index.phrases))
        partial = sum(hit.related for hit in hits)
        first = f"{hits[0].phrase.title} {hits[0].phrase.text}" if hits else "—"
        print(f"    {'QuickReply':36}{len(hits) - partial:>7} + {partial:<7}{clip(first)}")
        for peer in peers:
            _, lines = peer.run(query)
            count = "(10)" if peer.name.startswith("rapidfuzz") else str(len(lines or []))
            print(f"    {peer.short:36}{count:>7}{'':10}{clip(lines[0]) if lines else '—'}")


def clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def process_beside_fzf(workdir: Path, count: int, runs: int) -> None:
    """`quickreply search` processes (cold: fresh home; warm: cache there) beside `fzf --filter` ones."""
    pack, lines = workdir / f"synthetic-{count}.toml", workdir / f"lines-{count}.txt"
    cold: list[float] = []
    warm: list[float] = []
    fzf_ms: dict[str, list[float]] = {"tuihuo": [], "退货": []}
    before = load()
    for _ in range(runs):
        first, second = bench_search.process_times(pack, workdir / "home")
        cold.append(first * 1000)
        warm.append(second * 1000)
        for query, times in fzf_ms.items():
            times.append(fzf(lines)(query)[0])
    print(f"\nprocesses at {count:,} phrases, {runs} runs interleaved, load average {before} before, "
          f"{load()} after: median (min-max) ms")  # fmt: skip
    spread = lambda v: f"{statistics.median(v):>8.0f} ({min(v):.0f}-{max(v):.0f})"  # noqa: E731
    print(f"  {'quickreply search tuihuo --pack P --json, cold':56}{spread(cold)}")
    print(f"  {'quickreply search tuihuo --pack P --json, warm':56}{spread(warm)}")
    for query, times in fzf_ms.items():
        print(f"  {'fzf --filter ' + query + ' < lines':56}{spread(times)}")


@contextlib.contextmanager
def display(wanted: str | None) -> Iterator[None]:
    """rofi needs X: the display asked for, else $DISPLAY, else a private Xvfb for the run."""
    if wanted:
        PEER_ENV["DISPLAY"] = wanted
        yield
        return
    if os.environ.get("DISPLAY"):
        yield
        return
    from tests.xvfb import start_xvfb

    server, name = start_xvfb()
    PEER_ENV["DISPLAY"] = name
    try:
        yield
    finally:
        server.terminate()
        server.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every query per tool (default 3)")
    parser.add_argument(
        "--workdir", type=Path, help="keep packs, lines and caches here (default: a temp dir)"
    )
    parser.add_argument("--display", help="X display for rofi (default: $DISPLAY, else a private Xvfb)")
    parser.add_argument("--no-rofi", action="store_true", help="fzf and rapidfuzz only (no X needed)")
    parser.add_argument("--process-runs", type=int, default=2, help="CLI process runs (0: none)")
    args = parser.parse_args()
    tools = ["fzf"] if args.no_rofi else ["fzf", "rofi"]
    needed = tools + ([] if args.no_rofi or args.display or os.environ.get("DISPLAY") else ["Xvfb"])
    if missing := [tool for tool in needed if shutil.which(tool) is None]:
        print(f"missing: {', '.join(missing)} (apt-get install fzf rofi xvfb, or --no-rofi)", file=sys.stderr)
        return 2
    flags = {"fzf": "--version", "rofi": "-version"}
    versions = [subprocess.run([t, flags[t]], capture_output=True, text=True).stdout.strip() for t in tools]
    print(f"python {sys.version.split()[0]}, {'; '.join(versions)}, {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="qr-bench-peers-") as temp, display(args.display):
        workdir = args.workdir or Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            bench_size(size, workdir, args.rounds, not args.no_rofi)
        if args.process_runs:
            process_beside_fzf(workdir, max(args.sizes), args.process_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
