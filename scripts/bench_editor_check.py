#!/usr/bin/env python3
"""Time the editor's check() (gui/editor/validation.py) on a personal pack of N phrases.

Prints the median of several runs: the pack checks the way the editor ran them before issue 9 (write the
pack as TOML and parse it back), core's checks on the pack in memory (`check_pack`; `PackChecker` after
an edit of one phrase, which re-checks only that phrase), and the editor's whole check() (pack checks,
platform wording rules, codes, hotkeys) on a first check and after a one-phrase edit.

    python3 scripts/bench_editor_check.py [--phrases 5000] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from quickreply.core.model import Layer  # noqa: E402
from quickreply.core.packs.export import pack_to_toml  # noqa: E402
from quickreply.core.packs.load import PackChecker, check_pack, parse_pack  # noqa: E402
from quickreply.core.rules import bundled_rules  # noqa: E402
from quickreply.core.settings.model import HotkeySettings  # noqa: E402
from quickreply.gui.editor.validation import ReadOnlyPacks, check  # noqa: E402


def _median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "personal.toml"
        maker = ROOT / "scripts" / "make_synthetic_pack.py"
        subprocess.run([sys.executable, str(maker), str(args.phrases), str(file)], check=True)
        pack, problems = parse_pack(file.read_bytes(), str(file), Layer.PERSONAL)
    assert pack is not None, problems
    pack = replace(pack, layer=Layer.PERSONAL)
    readonly, hotkeys = ReadOnlyPacks(), HotkeySettings()
    middle = len(pack.phrases) // 2
    edits = [
        replace(
            pack,
            phrases=(*pack.phrases[:middle], replace(p, text=p.text + str(n)), *pack.phrases[middle + 1 :]),
        )
        for n, p in enumerate([pack.phrases[middle]] * args.runs)
    ]  # one phrase typed into, one keystroke per check

    def exported() -> object:
        return parse_pack(pack_to_toml(pack).encode("utf-8"), "personal.toml", Layer.PERSONAL)

    def first() -> object:  # nothing kept: a fresh checker and a fresh set of rules
        return check(
            pack, (), hotkeys, readonly, rules=bundled_rules().with_overrides(), checker=PackChecker()
        )

    checker, rules, typed = PackChecker(), bundled_rules().with_overrides(), iter(edits)
    check(pack, (), hotkeys, readonly, rules=rules, checker=checker)

    def after_edit() -> object:
        return check(next(typed), (), hotkeys, readonly, rules=rules, checker=checker)

    pack_checker, pack_typed = PackChecker(), iter(edits)
    pack_checker.check(pack)
    print(f"{len(pack.phrases)} phrases, median of {args.runs} runs")
    rows = [
        ("pack checks: TOML written and parsed back (before)", exported),
        ("pack checks in memory, first check (check_pack)", lambda: check_pack(pack)),
        ("pack checks in memory, after a one-phrase edit", lambda: pack_checker.check(next(pack_typed))),
        ("the editor's whole check(), first check", first),
        ("the editor's whole check(), after a one-phrase edit", after_edit),
    ]
    for label, run in rows:
        print(f"  {label:<55} {_median_ms(run, args.runs):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
