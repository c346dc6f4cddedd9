#!/usr/bin/env python3
"""Issue 13's speed target: a 2.5 MB espanso package imports in under 8 s. Prints figures, asserts nothing.

    python3 scripts/bench_espanso_import.py [PACKAGE_DIR ...] [--runs 3]

Without a PACKAGE_DIR it writes a synthetic package shaped like the hub's `misspell-en` 0.1.2 (28,047
matches of `trigger`, `replace`, `propagate_case`, `word`; 2,573,297 bytes) into a temporary folder; give
the real one (espanso/hub `packages/misspell-en/0.1.2`, or `translate-en-zh/0.1.0`) to time that instead.
Each run is the whole command as a user runs it, `python3 -m quickreply.cli pack import PKG -o OUT.toml`,
in a fresh process: interpreter start, imports, reading, checking and writing the pack.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_S = 8.0
MISSPELL_MATCHES = 28_047  # packages/misspell-en/0.1.2/package.yml in espanso/hub at 92acb53 (2,573,297 B)


def synthetic_package(folder: Path, matches: int = MISSPELL_MATCHES, seed: int = 13) -> Path:
    """A package.yml of `matches` misspelling matches written as the hub's misspell-en writes them."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    parts = ["matches:\n"]
    seen: set[str] = set()
    while len(seen) < matches:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(6, 16)))
        typo = word[:-2] + word[-1] + word[-2]
        if typo in seen:
            continue
        seen.add(typo)
        entry = f'  - trigger: "{typo}"\n    replace: "{word}"\n    propagate_case: true\n    word: true\n'
        parts.append(entry)
    package = folder / "misspell-synthetic"
    package.mkdir()
    (package / "package.yml").write_text("".join(parts), "utf-8")
    (package / "_manifest.yml").write_text(
        'name: "misspell-synthetic"\ntitle: "Misspell (synthetic)"\nversion: 0.1.2\n', "utf-8"
    )
    return package


def run_once(package: Path, out: Path) -> tuple[float, int, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "quickreply.cli", "pack", "import", str(package), "-o", str(out), "--force"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    last = (done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""])[-1]
    return elapsed, done.returncode, last


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("packages", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        packages = args.packages or [synthetic_package(Path(tmp))]
        head = f"{'package':<28} {'MB':>5} {'exit':>4} {'min s':>6} {'median s':>8}"
        print(f"{head}  target {TARGET_S:.0f} s  last line")
        for package in packages:
            size = sum(f.stat().st_size for f in package.rglob("*") if f.is_file())
            times: list[float] = []
            code, last = 0, ""
            for _ in range(args.runs):
                elapsed, code, last = run_once(package, Path(tmp) / "out.toml")
                times.append(elapsed)
            verdict = "under" if max(times) < TARGET_S else "OVER"
            print(
                f"{package.name:<28} {size / 1e6:>5.2f} {code:>4} {min(times):>6.2f} "
                f"{statistics.median(times):>8.2f}  {verdict:<9} {last}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
