#!/usr/bin/env python3
"""The search-index and pack caches on one or more source trees: size, `quickreply search` cold and warm.

Each tree gets a fresh home; `quickreply search tuihuo --pack PACK --json` runs once cold (parse, build,
write both caches) and then `--warm` times from the caches, the trees interleaved (order alternating per
round). It prints every run with the load average, the size of the cache files against the pack's TOML,
and the longest single C calls while one process reads both caches back (each holds the GIL unless it
lets it go itself, as file reads, hashing and zstd do): what the popup may wait for during a reload.

    git -C /work/main archive main | tar -x -C /tmp/base
    python3 scripts/bench_cache.py /tmp/base /tmp/mine --warm 5

Without --pack it makes the 100k synthetic pack (make_synthetic_pack.py) in the work folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

LONGEST_CALLS = r"""
import sys, time
from pathlib import Path
pack, top = Path(sys.argv[1]), int(sys.argv[2])
from quickreply.cli import commands
from quickreply.core.packs.cache import gc_paused
from quickreply.core.search.cache import load_or_build_library_index
from quickreply.paths import app_paths
import quickreply.core.search.combine, quickreply.core.search.index  # imported before, as in the app
calls, started = [], []
def watch(frame, event, arg):
    if event == "c_call":
        started.append(time.perf_counter())
    elif event in ("c_return", "c_exception") and started:
        calls.append((time.perf_counter() - started.pop(), getattr(arg, "__qualname__", str(arg))))
with gc_paused():  # as the app's loader reads them
    sys.setprofile(watch)
    library = commands._load([pack], use_cache=True)
    load_or_build_library_index(library.packs, library.phrases(), app_paths().index_cache_dir)
    sys.setprofile(None)
calls.sort(reverse=True)
print(", ".join(f"{name} {seconds * 1000:.1f}" for seconds, name in calls[:top]))
"""


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def env_for(tree: Path, home: Path) -> dict[str, str]:
    return {**os.environ, "QUICKREPLY_HOME": str(home), "PYTHONPATH": str(tree / "src")}


def search(tree: Path, home: Path, pack: Path) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "quickreply", "search", "tuihuo", "--pack", str(pack), "--json"]
    subprocess.run(command, env=env_for(tree, home), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cache_bytes(home: Path) -> tuple[int, int]:
    """Bytes of the index files and of the pack cache files."""
    sizes = []
    for part in ("index", "packs"):
        folder = home / "cache" / part
        sizes.append(sum(f.stat().st_size for f in folder.glob("*.pickle")) if folder.is_dir() else 0)
    return sizes[0], sizes[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path, help="checkouts (each with src/), e.g. git archives")
    parser.add_argument("--pack", type=Path, help="the pack (default: a synthetic 100k pack)")
    parser.add_argument("--warm", type=int, default=5, help="warm runs per tree")
    parser.add_argument("--calls", type=int, default=5, help="longest C calls shown per tree")
    parser.add_argument("--workdir", type=Path, help="homes and pack (default: a temp dir)")
    ns = parser.parse_args()
    work = ns.workdir or Path(tempfile.mkdtemp(prefix="qr-bench-cache-"))
    pack = ns.pack
    if pack is None:
        pack = work / "synthetic-100k.toml"
        if not pack.exists():
            subprocess.run(
                [sys.executable, str(REPO / "scripts/make_synthetic_pack.py"), "100000", str(pack)],
                check=True,
            )
    homes = {tree: work / f"home-{n}" for n, tree in enumerate(ns.trees)}
    for home in homes.values():
        subprocess.run(["rm", "-rf", str(home)], check=True)
    toml = pack.stat().st_size
    print(f"pack {pack} ({toml / 1e6:.1f} MB of TOML)")
    for tree, home in homes.items():
        print(f"cold {tree}: {search(tree, home, pack):.2f} s, load {load()}", flush=True)
    for round_ in range(ns.warm):
        order = ns.trees if round_ % 2 == 0 else ns.trees[::-1]
        for tree in order:
            print(
                f"warm {round_ + 1} {tree}: {search(tree, homes[tree], pack):.2f} s, load {load()}",
                flush=True,
            )
    for tree, home in homes.items():
        index, packs = cache_bytes(home)
        print(
            f"{tree}: index {index / 1e6:.1f} MB + pack cache {packs / 1e6:.1f} MB = "
            f"{(index + packs) / toml:.2f}x the TOML"
        )
    for tree, home in homes.items():
        found = subprocess.run(
            [sys.executable, "-c", LONGEST_CALLS, str(pack), str(ns.calls)],
            env=env_for(tree, home),
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"{tree}: longest C calls reading both caches back (ms): {found.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
