#!/usr/bin/env python3
"""CPU work of one tray-app start, in instructions (valgrind's callgrind): a figure load does not change.

    python3 scripts/bench_start_cpu.py [--phrases 0] [--runs 2] [--baseline OLD/src ...]

`bench_start.py` times spawn → tray icon on the clock, which on a shared machine moves by half with the
load; this counts the instructions the app's own process runs from its start until "tray ready" (Qt's
event loop is entered and left at once), under `valgrind --tool=callgrind` on a private Xvfb with a tray
host. The runs of one tree agree to ~2% (the first counted one is a little higher) and the lowest is
printed, so a change of a few ms of CPU shows at any load. Each tree starts once first without valgrind
(its caches and compiled modules made; not counted). Waits (the X
server, the disk) are not instructions: compare the clock with bench_start.py.
valgrind is a Debian package (`apt-get install valgrind`); a start takes ~40 s under it. Figures only.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from tests.e2e.desktop import APT_HINT, Desktop, missing_tools  # noqa: E402

SETTINGS = '[profile]\nshop = "小鹿旗舰店"\nagent = "小美"\n'
# The app as `quickreply` starts it, except that QApplication.exec returns at once (patched as PySide6's
# QtWidgets loads, so nothing is imported ahead of the app's own order).
RUN = """
import importlib.abc, importlib.machinery, sys

class ExecReturns(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            module.QApplication.exec = lambda *args: 0
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, ExecReturns())
sys.argv = ["quickreply"]
from quickreply.cli import main
main(None)
"""


def start(env: dict[str, str], valgrind: bool) -> int:
    """One start; with `valgrind`, the instructions of the app's process (its child processes not)."""
    command = [sys.executable, "-c", RUN]
    if valgrind:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=600)
    if proc.returncode:
        raise SystemExit(f"the start failed ({proc.returncode}):\n{err[-2000:]}")
    if not valgrind:
        return 0
    found = re.search(rf"^=={proc.pid}== Collected : (\d+)", err, re.MULTILINE)
    if found is None:
        raise SystemExit(f"no callgrind total in:\n{err[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="counted starts of each tree (default 2)")
    parser.add_argument("--phrases", type=int, default=0, help="a synthetic team pack of N phrases too")
    parser.add_argument("--baseline", metavar="SRC", action="append", default=[],
                        help="also count the QuickReply found there (its src/); may repeat")  # fmt: skip
    args = parser.parse_args()
    if missing := missing_tools(("Xvfb", "trayer", "valgrind")):
        print(f"missing: {', '.join(missing)} ({APT_HINT} valgrind)", file=sys.stderr)
        return 2
    trees = [("this tree", str(REPO / "src")), *((f"baseline {src}", src) for src in args.baseline)]
    counts: dict[str, list[int]] = {name: [] for name, _ in trees}
    with tempfile.TemporaryDirectory(prefix="qr-bench-cpu-") as tmp, Desktop() as desktop:
        homes = []
        for i, (_, src) in enumerate(trees):
            home = Path(tmp) / f"home{i}"
            (home / "packs").mkdir(parents=True)
            (home / "settings.toml").write_text(SETTINGS, "utf-8")
            if args.phrases:
                from make_synthetic_pack import make_pack

                (home / "packs" / "team.toml").write_text(make_pack(args.phrases), "utf-8")
            env = {**desktop.env, "QUICKREPLY_HOME": str(home), "PYTHONPATH": src}
            start(env, valgrind=False)  # caches, compiled modules
            homes.append(env)
        for run in range(args.runs):
            for (name, _), env in zip(trees, homes, strict=True):  # interleaved, like bench_start.py
                counts[name].append(start(env, valgrind=True))
                print(f"  run {run}: {name}: {counts[name][-1] / 1e6:,.0f} M", file=sys.stderr)
    load = os.getloadavg()[0]
    print(f"instructions of one start up to tray ready (millions), {args.phrases or 'starter'} phrases, "
          f"load average {load:.1f} (does not change them)")  # fmt: skip
    first = min(counts[trees[0][0]])
    for name, values in counts.items():
        low = min(values)
        change = (low - first) / first
        print(f"{name[:60]:<60} {low / 1e6:>8,.0f}  ({change:+.1%} vs this tree; lowest of {len(values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
