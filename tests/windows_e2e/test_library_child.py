"""On Windows, the child that builds the library caches for a background reload (app/library_build.py):
the built QuickReply.exe (a windowed exe: no console, maybe no stdin) started with its child argument, or
`pythonw -m quickreply`, leaves the search index cache and exits 0 without showing anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from quickreply.app.library_build import BUILD_ARG
from quickreply.paths import Paths

PACK = (
    '[pack]\nid = "team"\nname = "团队"\nversion = "1"\n\n'
    '[[phrases]]\nid = "t.a"\ncategory = "物流"\ntitle = "发货"\ntext = "亲，48小时内发货"\n'
)


def _command() -> list[str]:
    exe = os.environ.get("QUICKREPLY_E2E_EXE")
    if exe:
        return [exe, BUILD_ARG]
    pythonw = Path(sys.executable).with_name("pythonw.exe")
    return [str(pythonw if pythonw.exists() else sys.executable), "-m", "quickreply", BUILD_ARG]


def test_the_child_leaves_the_index_cache_and_exits_cleanly(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "config", tmp_path / "data", tmp_path / "cache")
    paths.packs_dir.mkdir(parents=True)
    (paths.packs_dir / "team.toml").write_text(PACK, "utf-8")
    job = json.dumps({"config": str(paths.config), "data": str(paths.data), "cache": str(paths.cache)})
    done = subprocess.run([*_command(), job], stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert list(paths.index_cache_dir.glob("*")), "the child wrote no index cache"
