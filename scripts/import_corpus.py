#!/usr/bin/env python3
"""Import every file or folder given (or listed in --list) and print one line each: format, phrases,
skipped/simplified, time, and the outcome; then totals. For trying the importers on a corpus of real files.

    python3 scripts/import_corpus.py tests/data/import/real/* [--list FILE] [--format FMT] [--check]

`--check` also writes each pack as TOML and runs the pack loader on it (what `pack check` does). A Python
exception (a crash, not an ImportFailed with its message) is counted as such and its traceback printed.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from quickreply.core.importers import ImportFailed, import_file  # noqa: E402
from quickreply.core.packs.export import pack_to_toml  # noqa: E402
from quickreply.core.packs.load import parse_pack  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--list", type=Path, help="a file with one path per line")
    parser.add_argument("--format")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    paths = list(args.paths)
    if args.list:
        paths += [Path(line.strip()) for line in args.list.read_text().splitlines() if line.strip()]
    outcomes: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    slowest = (0.0, "")
    for path in paths:
        start = time.perf_counter()
        try:
            result = import_file(path, args.format)
        except ImportFailed as exc:
            seconds = time.perf_counter() - start
            outcomes["refused with a message"] += 1
            print(f"{path}: REFUSED {seconds:.2f}s {exc.render('en')[:200]}")
            continue
        except Exception:
            outcomes["CRASH"] += 1
            print(f"{path}: CRASH")
            traceback.print_exc()
            continue
        seconds = time.perf_counter() - start
        slowest = max(slowest, (seconds, str(path)))
        formats[result.format] += 1
        skipped = sum(s.skipped for s in result.sources)
        simplified = sum(s.simplified for s in result.sources)
        verdict = "ok"
        if args.check:
            pack, problems = parse_pack(pack_to_toml(result.pack).encode(), str(path))
            errors = [p for p in problems if p.is_error]
            verdict = "ok" if pack is not None and not errors else f"PACK CHECK FAILS: {errors[:1]}"
            if verdict != "ok":
                outcomes["pack check fails"] += 1
        outcomes["imported"] += 1
        print(
            f"{path}: {result.format} {len(result.pack.phrases)} phrases, {skipped} skipped, "
            f"{simplified} simplified, {len(result.warnings)} warnings in {len(result.grouped())} kinds, "
            f"{seconds:.2f}s {verdict}"
        )
    print(f"\n{len(paths)} inputs: " + ", ".join(f"{n} {what}" for what, n in outcomes.items()))
    print("formats: " + ", ".join(f"{n} {fmt}" for fmt, n in formats.items()))
    print(f"slowest: {slowest[0]:.2f}s {slowest[1]}")
    return 1 if outcomes["CRASH"] or outcomes["pack check fails"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
